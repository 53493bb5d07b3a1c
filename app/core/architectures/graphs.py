"""The built-in architectures as ONNX graph templates, filled from a weights file: the CPU
engine without torch.

A template (``data/graphs/<arch>.onnx``, made by :mod:`app.core.architectures.graph_export`)
holds the graph and names each initializer by its ``state_dict`` key, with no data. ONNX
Runtime gets the data from the checkpoint at session start (``add_external_initializers``),
so no filled model is ever written: a model is ready as soon as its weights are read.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import numpy as np

from app.core.weights.checkpoint import read_state_dict

GRAPHS_DIR = Path(__file__).resolve().parent.parent / "data" / "graphs"
OPSET = 17
INPUT_NAME, OUTPUT_NAME = "pixels", "logits"
# Every graph also gives the final feature map and the classifier's weights, from which
# any class's activation map is drawn (app.core.inference.explain); asking only for the logits
# costs nothing more.
FEATURES_NAME, CLASSIFIER_NAME = "features", "classifier_weight"
GRAPH_VERSION = 2  # in the names of saved ONNX files: 2 added the feature map outputs


def template_path(arch: str) -> Path:
    return GRAPHS_DIR / f"{arch}.onnx"


def manifest_path(arch: str) -> Path:
    return GRAPHS_DIR / f"{arch}.json"


def has_template(arch: str) -> bool:
    return template_path(arch).is_file() and manifest_path(arch).is_file()


@cache
def _manifest(arch: str) -> tuple[tuple[str, tuple[int, ...]], ...]:
    document = json.loads(manifest_path(arch).read_text(encoding="utf-8"))
    return tuple((name, tuple(shape)) for name, shape in document["initializers"])


def initializers(arch: str, weights: Path) -> dict[str, np.ndarray]:
    """The template's initializers of ``arch``, read from ``weights`` (float32, C order).

    Raises :class:`ModelLoadError` naming the file when it does not fit the graph.
    """
    # Keys the graph does not use (BatchNorm's num_batches_tracked) are not read.
    state = read_state_dict(weights, dict(_manifest(arch)), arch)
    return {name: np.ascontiguousarray(values, dtype=np.float32) for name, values in state.items()}


def weights_bytes(arch: str) -> int:
    """The size of the template's initializers in float32."""
    return sum(4 * int(np.prod(shape)) for _, shape in _manifest(arch))


def random_initializers(arch: str, seed: int = 0) -> dict[str, np.ndarray]:
    """Values for timing alone (speed does not depend on them): positive, so BatchNorm's
    variances are valid, and weights divided by their fan-in, so activations stay finite
    (infinities and NaNs could take slower paths in an engine)."""
    generator = np.random.default_rng(seed)
    values = {}
    for name, shape in _manifest(arch):
        value = generator.uniform(0.5, 1.5, shape).astype(np.float32)
        values[name] = value / np.float32(np.prod(shape[1:])) if len(shape) > 1 else value
    return values
