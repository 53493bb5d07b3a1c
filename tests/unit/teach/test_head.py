"""The numpy head: the same optimum as scikit-learn's logistic regression, at least as
accurate on real digits, stratified folds, and a temperature that calibrates."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.linear_model import LogisticRegression

from app.core.teach.head import calibrate, fit, fold_of, teach
from tests.unit.teach.conftest import split


def _standard(features: np.ndarray) -> np.ndarray:
    return (features - features.mean(axis=0)) / (features.std(axis=0) + 1e-6)


@pytest.mark.parametrize(("photos", "width"), [(120, 20), (40, 300)])  # the second: reduced
def test_fit_reaches_scikit_learns_optimum(photos: int, width: int) -> None:
    generator = np.random.default_rng(3)
    centres = generator.normal(size=(4, width))
    labels = np.arange(photos) % 4
    features = _standard(centres[labels] + 2.0 * generator.normal(size=(photos, width)))
    for c in (0.05, 1.0):
        ours = fit(features, labels, 4, c)
        theirs = LogisticRegression(C=c, tol=1e-10, max_iter=10_000).fit(features, labels)
        logits = np.hstack([features, np.ones((photos, 1))]) @ ours
        p_ours = np.exp(logits - logits.max(1, keepdims=True))
        p_ours /= p_ours.sum(1, keepdims=True)
        assert np.abs(p_ours - theirs.predict_proba(features)).max() < 2e-3


def test_on_real_digits_it_is_as_accurate_as_scikit_learn(digit_features) -> None:
    features, labels = digit_features
    taught_on, tested_on = split(labels, 10)
    taught = teach(features[taught_on][:, None], labels[taught_on], 10)
    ours = (taught.head.probabilities(features[tested_on]).argmax(1) == labels[tested_on]).mean()
    mean, scale = features[taught_on].mean(0), features[taught_on].std(0) + 1e-6
    reference = LogisticRegression(max_iter=5000).fit(
        (features[taught_on] - mean) / scale, labels[taught_on]
    )
    theirs = (reference.predict((features[tested_on] - mean) / scale) == labels[tested_on]).mean()
    # Regularisation chosen by cross-validation against scikit-learn's default C = 1: on
    # 200 test photos one photo is half a point, so the two may differ by a photo or two.
    assert ours >= theirs - 0.011
    assert ours > 0.55  # ten scans per digit, ten digits: far above chance (10 %)
    assert taught.folds == 5 and taught.held_out.shape == (100, 10)


def test_folds_are_stratified_and_keep_every_label_in_each() -> None:
    labels = np.array([0] * 7 + [1] * 3 + [2] * 12)
    folds = fold_of(labels, 5)
    assert folds.max() + 1 == 3  # the rarest label has 3 photos
    for fold in range(3):
        assert set(labels[folds == fold]) == {0, 1, 2}
    assert np.array_equal(fold_of(labels, 5), folds)  # the same every time


def test_calibration_recovers_the_temperature_that_made_the_answers() -> None:
    generator = np.random.default_rng(5)
    logits = 4.0 * generator.normal(size=(4000, 5))
    scaled = logits / 2.5
    probabilities = np.exp(scaled - scaled.max(1, keepdims=True))
    probabilities /= probabilities.sum(1, keepdims=True)
    labels = np.array([generator.choice(5, p=row) for row in probabilities])
    assert calibrate(logits, labels) == pytest.approx(2.5, rel=0.1)
    assert calibrate(logits / 10.0, labels) == pytest.approx(1.0)  # never made surer


def test_views_of_a_photo_stay_in_its_fold(digit_features) -> None:
    """Mirrored copies of a held-out photo must not be learned from: held out, a photo's
    own copy would answer for it."""
    features, labels = digit_features
    chosen, _ = split(labels, 6)
    copies = np.stack([features[chosen], features[chosen]], axis=1)  # each photo twice
    taught = teach(copies, labels[chosen], 10)
    alone = teach(features[chosen][:, None], labels[chosen], 10)
    # Were a copy learned from in its own fold, held-out accuracy would be perfect.
    accuracy = (taught.held_out.argmax(1) == labels[chosen]).mean()
    assert accuracy < 1.0
    assert accuracy == pytest.approx((alone.held_out.argmax(1) == labels[chosen]).mean(), abs=0.1)
