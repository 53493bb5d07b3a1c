"""A label set's head run on its model: the model's final feature map, averaged over the
photo (the pooled features its own classifier reads), scored by the head.

The head is linear on the pooled features, so the class activation map of a learned label
is exact, as for the model's own classes: the head's weights take the classifier's place.
"""

from __future__ import annotations

import numpy as np

from app.core.cancel import CancelToken
from app.core.errors import ModelLoadError
from app.core.inference.runners import Runner, softmax
from app.core.models.catalog import LinearHead
from app.i18n import translate


def pooled(feature_maps: np.ndarray) -> np.ndarray:
    """(N, K, h, w) feature maps → (N, K) pooled features, as the model's pooling does."""
    return feature_maps.mean(axis=(2, 3), dtype=np.float64).astype(np.float32)


class HeadRunner:
    """Runs ``backbone`` and scores its pooled features with ``head``."""

    def __init__(self, backbone: Runner, head: LinearHead) -> None:
        self.backbone = backbone
        self.head = head
        self.engine = backbone.engine
        self.size_bytes = backbone.size_bytes

    def features(self, batch: np.ndarray, token: CancelToken | None = None) -> np.ndarray:
        """The pooled features of ``batch`` (what the head reads, and what it learns from)."""
        return pooled(self.backbone.explain(batch, token)[1])

    def probabilities(self, batch: np.ndarray, token: CancelToken | None = None) -> np.ndarray:
        return self._score(self.features(batch, token))

    def explain(
        self, batch: np.ndarray, token: CancelToken | None = None
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        feature_maps = self.backbone.explain(batch, token)[1]
        return self._score(pooled(feature_maps)), feature_maps, self.head.weights

    def _score(self, features: np.ndarray) -> np.ndarray:
        if features.shape[1] != self.head.weights.shape[1]:
            raise ModelLoadError(
                translate(
                    "Errors", "this label set expects {count} features; {model} gives {given}"
                ).format(
                    count=self.head.weights.shape[1],
                    model=self.head.backbone.name,
                    given=features.shape[1],
                )
            )
        logits = features @ self.head.weights.T + self.head.bias
        return softmax(logits / self.head.temperature)
