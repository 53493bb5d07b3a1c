"""How a label set did on labelled photos: accuracy, each label's precision and recall,
the confusion matrix, and the photos it got wrong."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np


@dataclass(frozen=True)
class Outcome:
    """One labelled photo: its label, the answer, and how sure the answer was."""

    photo: Path
    truth: str
    answer: str
    probability: float

    @property
    def right(self) -> bool:
        return self.truth == self.answer


@dataclass(frozen=True)
class Evaluation:
    labels: tuple[str, ...]
    confusion: np.ndarray  # (truth, answer) photo counts
    outcomes: tuple[Outcome, ...]  # in the photos' order

    @property
    def mistakes(self) -> list[Outcome]:
        """The photos answered wrongly, the most confidently wrong first."""
        wrong = [outcome for outcome in self.outcomes if not outcome.right]
        return sorted(wrong, key=lambda outcome: -outcome.probability)

    @property
    def photos(self) -> int:
        return int(self.confusion.sum())

    @property
    def accuracy(self) -> float:
        return float(np.trace(self.confusion)) / max(self.photos, 1)

    def recall(self, label: int) -> float | None:
        """Of the photos of ``label``, the share answered ``label`` (None without any)."""
        total = int(self.confusion[label].sum())
        return float(self.confusion[label, label]) / total if total else None

    def precision(self, label: int) -> float | None:
        """Of the photos answered ``label``, the share that are (None when none were)."""
        total = int(self.confusion[:, label].sum())
        return float(self.confusion[label, label]) / total if total else None

    def confusions(self) -> list[tuple[str, str, int]]:
        """(truth, answer, photos) for each pair mixed up, most photos first: "3 receipts
        looked like whiteboards"."""
        pairs = [
            (self.labels[truth], self.labels[answer], int(self.confusion[truth, answer]))
            for truth in range(len(self.labels))
            for answer in range(len(self.labels))
            if truth != answer and self.confusion[truth, answer]
        ]
        return sorted(pairs, key=lambda pair: -pair[2])


def evaluate(
    labels: Sequence[str], photos: Sequence[Path], truths: np.ndarray, probabilities: np.ndarray
) -> Evaluation:
    """The evaluation of ``probabilities`` (photos × labels) against ``truths`` (indices)."""
    count = len(labels)
    answers = probabilities.argmax(axis=1)
    confusion = np.zeros((count, count), dtype=np.int64)
    np.add.at(confusion, (truths, answers), 1)
    outcomes = tuple(
        Outcome(photo, labels[truth], labels[answer], float(row[answer]))
        for photo, truth, answer, row in zip(photos, truths, answers, probabilities, strict=True)
    )
    return Evaluation(tuple(labels), confusion, outcomes)
