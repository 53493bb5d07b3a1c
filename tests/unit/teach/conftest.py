"""Lite0's pooled features of real handwritten digits, made once for the module's tests."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from app.core.inference.classifier import open_classifier
from app.core.models.catalog import Catalog, builtin_specs
from tests.support.digits import digit_piles

DIGITS = tuple(range(10))
PER_LABEL = 30  # the first 10 of each label teach, the other 20 test


@pytest.fixture(scope="session")
def digit_features(tmp_path_factory: pytest.TempPathFactory) -> tuple[np.ndarray, np.ndarray]:
    """(photos × 1280 features, labels) for 30 scans of each digit, in pile order."""
    folder = tmp_path_factory.mktemp("digits")
    piles = digit_piles(folder / "piles", DIGITS, PER_LABEL)
    classifier = open_classifier(Catalog(builtin_specs()), folder / "cache")
    photos = [photo for pile in piles.values() for photo in pile]
    found: dict[Path, np.ndarray] = {}

    def keep(photo: Path, outcome: object) -> None:
        assert isinstance(outcome, np.ndarray), outcome
        found[photo] = outcome[0]

    classifier.features_many(photos, "lite0", "cpu", on_result=keep)
    labels = np.repeat(np.arange(len(DIGITS)), PER_LABEL)
    return np.stack([found[photo] for photo in photos]), labels


def split(labels: np.ndarray, teach: int) -> tuple[np.ndarray, np.ndarray]:
    """The first ``teach`` photos of each label, and the rest."""
    first = np.concatenate([np.flatnonzero(labels == label)[:teach] for label in np.unique(labels)])
    return first, np.setdiff1d(np.arange(len(labels)), first)
