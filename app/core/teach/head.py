"""The head a label set learns: multinomial logistic regression on the model's pooled
features, its regularisation chosen by cross-validation, its probabilities calibrated on
the held-out folds (see docs/decisions/0012-teaching-labels.md).

numpy only: the problem is small (a few thousand photos × a few thousand features × a few
dozen labels) and smooth, so L-BFGS on the L2-regularised mean cross-entropy reaches the
optimum in a few dozen steps; the standard edition trains without PyTorch or scikit-learn.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from app.core.cancel import CancelToken

# Regularisation strengths tried, as scikit-learn's C (inverse strength, per photo):
# strong to weak, each fit starting from the previous one's answer.
C_GRID = (0.01, 0.03, 0.1, 0.3, 1.0, 3.0)
MOST_FOLDS = 5
TOLERANCE = 1e-5  # on the gradient's largest component
MOST_STEPS = 500


@dataclass(frozen=True)
class Head:
    """Logits = features · weightsᵀ + bias (standardisation folded in), divided by
    ``temperature`` before the softmax."""

    weights: np.ndarray  # (labels, features) float32
    bias: np.ndarray  # (labels,) float32
    temperature: float

    def probabilities(self, features: np.ndarray) -> np.ndarray:
        logits = (features @ self.weights.T + self.bias) / self.temperature
        return _softmax(logits.astype(np.float64))


@dataclass(frozen=True)
class Taught:
    """A head and what cross-validation said of it."""

    head: Head
    held_out: np.ndarray  # (photos, labels) calibrated probabilities from the held-out folds
    folds: int
    c: float  # the regularisation chosen (scikit-learn's C)


def fit(
    features: np.ndarray,
    labels: np.ndarray,
    count: int,
    c: float,
    start: np.ndarray | None = None,
    token: CancelToken | None = None,
) -> np.ndarray:
    """Parameters ((features + 1) × ``count``: weights, then the unregularised bias) of the
    L2-regularised multinomial logistic regression, on already standardised ``features``.

    With fewer photos than features the optimum lies in the photos' span, so the fit runs
    in that smaller space (a rotation: the penalty is unchanged) and is mapped back.
    """
    photos, width = features.shape
    if photos < width:
        rotation = np.linalg.svd(features, full_matrices=False)[2]
        reduced = features @ rotation.T  # photos × photos
        if start is not None:
            start_matrix = start.reshape(width + 1, count)
            start = np.vstack([rotation @ start_matrix[:-1], start_matrix[-1:]]).ravel()
        inner = fit(reduced, labels, count, c, start, token)
        return np.vstack([rotation.T @ inner[:-1], inner[-1:]])
    design = np.hstack([features, np.ones((photos, 1))])
    targets = np.eye(count)[labels]
    strength = 1.0 / (c * photos)
    penalised = np.ones((width + 1, 1))
    penalised[-1] = 0.0  # the bias is not pulled towards zero

    def loss_and_gradient(flat: np.ndarray) -> tuple[float, np.ndarray]:
        parameters = flat.reshape(width + 1, count)
        logits = design @ parameters
        logits -= logits.max(axis=1, keepdims=True)
        log_norm = np.log(np.exp(logits).sum(axis=1, keepdims=True))
        log_p = logits - log_norm
        loss = -(targets * log_p).sum() / photos
        loss += 0.5 * strength * float((penalised * parameters**2).sum())
        gradient = design.T @ (np.exp(log_p) - targets) / photos
        gradient += strength * penalised * parameters
        return loss, gradient.ravel()

    initial = np.zeros((width + 1) * count) if start is None else start
    return _lbfgs(loss_and_gradient, initial, token).reshape(width + 1, count)


def teach(
    features: np.ndarray, labels: np.ndarray, count: int, token: CancelToken | None = None
) -> Taught:
    """The head for ``features`` (photos × views × K: each photo as taken, then any light
    changes of it) of ``labels`` (0 … count-1), with C chosen by stratified cross-validation
    (up to 5 folds; each label needs 2 photos). A photo's views stay in one fold, and the
    held-out figures are of photos as taken."""
    token = token or CancelToken()
    photos, views, width = features.shape
    rows = features.reshape(photos * views, width)
    mean, scale = rows.mean(axis=0), rows.std(axis=0) + 1e-6
    standard = ((features - mean) / scale).astype(np.float64)
    folds = fold_of(labels, MOST_FOLDS)
    fold_count = int(folds.max()) + 1
    held_out_logits = {c: np.zeros((photos, count)) for c in C_GRID}
    for fold in range(fold_count):
        train, test = folds != fold, folds == fold
        train_rows = standard[train].reshape(-1, width)
        train_labels = np.repeat(labels[train], views)
        start = None
        for c in C_GRID:
            token.raise_if_cancelled()
            parameters = fit(train_rows, train_labels, count, c, start, token)
            start = parameters.ravel()
            held_out_logits[c][test] = _with_bias(standard[test, 0]) @ parameters
    best = max(C_GRID, key=lambda c: _score(held_out_logits[c], labels))
    temperature = calibrate(held_out_logits[best], labels)
    parameters = fit(
        standard.reshape(-1, width), np.repeat(labels, views), count, best, token=token
    )
    weights = (parameters[:-1] / scale[:, None]).T
    bias = parameters[-1] - weights @ mean
    head = Head(weights.astype(np.float32), bias.astype(np.float32), temperature)
    held_out = _softmax(held_out_logits[best] / temperature)
    return Taught(head, held_out, fold_count, best)


def fold_of(labels: np.ndarray, most: int) -> np.ndarray:
    """Each photo's fold: every label spread evenly over the folds (stratified), as many
    folds as the rarest label allows (at least 2, at most ``most``), in a fixed order."""
    counts = np.bincount(labels)
    folds = max(2, min(most, int(counts[counts > 0].min())))
    assignment = np.empty(len(labels), dtype=np.int64)
    generator = np.random.default_rng(0)
    offset = 0
    for label in np.unique(labels):
        members = generator.permutation(np.flatnonzero(labels == label))
        assignment[members] = (np.arange(len(members)) + offset) % folds
        offset += len(members)  # the next label's first photo goes to the next fold
    return assignment


def calibrate(logits: np.ndarray, labels: np.ndarray) -> float:
    """The temperature that makes held-out probabilities mean what they say (the one that
    minimises their negative log-likelihood), between 1 and 20: a head taught on a few
    photos is made less sure when its held-out answers say so, never surer."""

    def nll(temperature: float) -> float:
        scaled = logits / temperature
        scaled = scaled - scaled.max(axis=1, keepdims=True)
        log_p = scaled - np.log(np.exp(scaled).sum(axis=1, keepdims=True))
        return float(-log_p[np.arange(len(labels)), labels].mean())

    low, high = 0.0, np.log(20.0)
    for _ in range(60):  # golden-section search on log T (the likelihood is unimodal in it)
        left, right = high - 0.618 * (high - low), low + 0.618 * (high - low)
        if nll(float(np.exp(left))) <= nll(float(np.exp(right))):
            high = right
        else:
            low = left
    return float(np.exp((low + high) / 2))


def _score(logits: np.ndarray, labels: np.ndarray) -> tuple[float, float]:
    """Held-out mean log-likelihood (a proper score: with a few photos per label, accuracy
    moves in steps too coarse to choose by), then accuracy for ties."""
    accuracy = float((logits.argmax(axis=1) == labels).mean())
    shifted = logits - logits.max(axis=1, keepdims=True)
    log_p = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    return float(log_p[np.arange(len(labels)), labels].mean()), accuracy


def _with_bias(features: np.ndarray) -> np.ndarray:
    return np.hstack([features, np.ones((len(features), 1))])


def _softmax(logits: np.ndarray) -> np.ndarray:
    shifted = logits - logits.max(axis=1, keepdims=True)
    exponents = np.exp(shifted)
    return exponents / exponents.sum(axis=1, keepdims=True)


def _lbfgs(
    evaluate: Callable[[np.ndarray], tuple[float, np.ndarray]],
    start: np.ndarray,
    token: CancelToken | None,
    memory: int = 10,
) -> np.ndarray:
    """Limited-memory BFGS with a backtracking (Armijo) line search."""
    x = start.astype(np.float64)
    value, gradient = evaluate(x)
    history: deque[tuple[np.ndarray, np.ndarray, float]] = deque(maxlen=memory)
    for _ in range(MOST_STEPS):
        if np.abs(gradient).max() < TOLERANCE:
            break
        if token is not None:
            token.raise_if_cancelled()
        direction = -gradient
        alphas = []
        for s, y, rho in reversed(history):
            alpha = rho * (s @ direction)
            direction -= alpha * y
            alphas.append(alpha)
        if history:
            s, y, _ = history[-1]
            direction *= (s @ y) / (y @ y)
        for (s, y, rho), alpha in zip(history, reversed(alphas), strict=True):
            beta = rho * (y @ direction)
            direction += (alpha - beta) * s
        slope = gradient @ direction
        if slope >= 0:  # not a descent direction: start the memory again
            history.clear()
            direction, slope = -gradient, -(gradient @ gradient)
        step = 1.0
        while True:
            candidate = x + step * direction
            new_value, new_gradient = evaluate(candidate)
            if new_value <= value + 1e-4 * step * slope or step < 1e-10:
                break
            step /= 2
        s, y = candidate - x, new_gradient - gradient
        if s @ y > 1e-12:
            history.append((s, y, 1.0 / (s @ y)))
        x, value, gradient = candidate, new_value, new_gradient
    return x
