"""What a model answered for one photo: the top classes and what each stage cost.

These are the core's words for an answer: the folder runs, the prediction cache, XMP
keywords, reports and the window's chart all read them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from app.core.inference.explain import Activations
from app.core.inference.runners import TORCH


@dataclass(frozen=True)
class TopClass:
    rank: int
    index: int
    label: str
    probability: float


@dataclass(frozen=True)
class StageTimings:
    """Milliseconds spent in each stage; 0 for a stage that had nothing to do."""

    weights: float = 0.0
    load: float = 0.0
    preprocess: float = 0.0
    inference: float = 0.0

    @property
    def total(self) -> float:
        return self.weights + self.load + self.preprocess + self.inference


@dataclass(frozen=True)
class Prediction:
    model_id: str
    model_name: str
    device: str
    precision: str
    top: tuple[TopClass, ...]
    timings: StageTimings
    engine: str = TORCH  # which runtime answered: "torch" or "onnx"
    activations: Activations | None = None  # asked for with classify(explain=True)


def top_classes(probabilities: np.ndarray, labels: tuple[str, ...], k: int) -> tuple[TopClass, ...]:
    """The ``k`` most probable classes, best first (ties keep the lower index first)."""
    k = max(1, min(k, probabilities.shape[-1]))
    order = np.argsort(-probabilities, kind="stable")[:k]
    return tuple(
        TopClass(rank, int(index), labels[index], float(probabilities[index]))
        for rank, index in enumerate(order, start=1)
    )
