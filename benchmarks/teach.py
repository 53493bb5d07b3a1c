"""Teaching a label set: accuracy on real handwritten digits against scikit-learn's
logistic regression on the same features, the cost of teaching against classifying the
same photos, teaching again after adding photos, and peak memory for 1,000 photos.

    .venv/bin/python -m benchmarks.teach

Digits: the 1,797 scans scikit-learn ships (8×8 pixels, white ink on black, scaled to 224
pixels). For each model whose weights are here, N scans of each digit teach and every
other scan tests; the same standardised features go to ``LogisticRegression()``.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

from app import paths
from app.core.inference.classifier import Classifier, open_classifier
from app.core.models.catalog import Catalog
from app.core.teach.head import fit, teach
from app.core.teach.training import Teacher, piles_in
from tests.support.digits import NAMES, digit_piles

MODELS = ("lite0", "b0")
PER_LABEL = (10, 30, 100)
ROUNDS = 3


def all_digit_features(
    classifier: Classifier, model: str, folder: Path
) -> tuple[np.ndarray, np.ndarray]:
    piles = digit_piles(folder, tuple(range(10)), 200)  # every scan (at most 183 a digit)
    photos = [photo for pile in piles.values() for photo in pile]
    labels = np.array([NAMES.index(photo.parent.name) for photo in photos])
    found: dict[Path, np.ndarray] = {}
    classifier.features_many(photos, model, "cpu", on_result=found.__setitem__)
    return np.stack([found[photo][0] for photo in photos]), labels


def accuracy(classifier: Classifier, catalog: Catalog, work: Path) -> None:
    print("\nAccuracy on handwritten digits (taught on N scans a digit, tested on the rest)")
    for model in MODELS:
        if not classifier.store.status(catalog.get(model)).ready:
            print(f"  {model}: weights not here (they cannot be downloaded on this machine)")
            continue
        features, labels = all_digit_features(classifier, model, work / model)
        generator = np.random.default_rng(0)
        for per_label in PER_LABEL:
            ours, theirs = [], []
            for _ in range(ROUNDS):
                taught_on = np.concatenate([
                    generator.permutation(np.flatnonzero(labels == digit))[:per_label]
                    for digit in range(10)
                ])  # fmt: skip
                tested = np.setdiff1d(np.arange(len(labels)), taught_on)
                head = teach(features[taught_on][:, None], labels[taught_on], 10).head
                ours.append(
                    (head.probabilities(features[tested]).argmax(1) == labels[tested]).mean()
                )
                mean, scale = features[taught_on].mean(0), features[taught_on].std(0) + 1e-6
                reference = LogisticRegression(max_iter=5000).fit(
                    (features[taught_on] - mean) / scale, labels[taught_on]
                )
                predicted = reference.predict((features[tested] - mean) / scale)
                theirs.append((predicted == labels[tested]).mean())
            print(
                f"  {model}, {per_label:3d} a digit: ours {statistics.mean(ours):.1%}, "
                f"scikit-learn {statistics.mean(theirs):.1%} (mean of {ROUNDS} draws)"
            )


def speed(catalog: Catalog, work: Path) -> None:
    """Teaching 100 photos (fresh cache: features made) vs classifying the same 100."""
    print("\nTeaching 100 photos vs classifying them (Lite0, CPU, medians of alternating rounds)")
    folder = work / "speed"
    digit_piles(folder, tuple(range(10)), 10)
    photos = [photo for pile in piles_in(folder).photos for photo in pile]
    teach_ms, classify_ms = [], []
    for round_number in range(ROUNDS):
        cache = work / f"cache-{round_number}"
        classifier = open_classifier(catalog, cache)
        classifier.classify_many(photos[:1], "lite0", "cpu", on_result=lambda *_: None)  # loaded
        started = time.perf_counter()
        Teacher(classifier).teach(piles_in(folder), "lite0", device="cpu")
        teach_ms.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        classifier.classify_many(photos, "lite0", "cpu", on_result=lambda *_: None)
        classify_ms.append((time.perf_counter() - started) * 1000)
    taught, classified = statistics.median(teach_ms), statistics.median(classify_ms)
    print(f"  classify 100 photos {classified:9.0f} ms")
    print(f"  teach on 100 photos {taught:9.0f} ms   ratio {taught / classified:.2f}")

    from app.core.folders.prediction_cache import PredictionCache

    store = PredictionCache(work / "again.sqlite3")
    teacher = Teacher(open_classifier(catalog, work / "cache-again"), store)
    teacher.teach(piles_in(folder), "lite0", device="cpu")
    digit_piles(folder, tuple(range(10)), 1, skip=10)  # ten photos more, one a digit
    started = time.perf_counter()
    teacher.teach(piles_in(folder), "lite0", device="cpu")
    print(f"  teach again after adding 10 photos: {time.perf_counter() - started:.2f} s")
    store.close()

    generator = np.random.default_rng(1)
    features = generator.normal(size=(1000, 1280))
    labels = np.arange(1000) % 10
    started = time.perf_counter()
    fit(features, labels, 10, 1.0)
    one_fit = time.perf_counter() - started
    started = time.perf_counter()
    teach(features[:, None], labels, 10)
    print(
        f"  the head alone, 1,000 photos × 10 labels × 1,280 features: one fit {one_fit:.2f} s, "
        f"with cross-validation over {6} strengths × 5 folds {time.perf_counter() - started:.1f} s"
    )


def memory(work: Path) -> None:
    """Peak resident memory of ``effnet train`` on 1,000 photos, in a fresh process."""
    folder = work / "thousand"
    digit_piles(folder, tuple(range(10)), 100)
    environment = {**os.environ, "XDG_DATA_HOME": str(work / "data"),
                   "EFFNET_CACHE_DIR": str(work / "cache-memory")}  # fmt: skip
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    subprocess.run(
        [sys.executable, "-m", "app", "train", str(folder), "--model", "lite0",
         "--out", str(work / "thousand.effnet")],
        check=True, env=environment, capture_output=True,
    )  # fmt: skip
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(
        f"\nPeak memory of effnet train on 1,000 photos (Lite0): {max(peak, before) / 1024:.0f} MB"
    )


def main() -> None:
    catalog = Catalog.load()
    classifier = open_classifier(catalog, paths.cache_dir())
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        accuracy(classifier, catalog, work)
        speed(catalog, work)
        memory(work)


if __name__ == "__main__":
    main()
