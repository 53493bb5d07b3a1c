"""EfficientNet-Lite0: the port equals the reference and gives real answers on real photos."""

from __future__ import annotations

import pytest
import torch

from app.core.architectures.lite import efficientnet_lite
from app.core.inference.classifier import Classifier
from app.core.models.catalog import Catalog
from app.core.photos.opening import open_image
from app.core.photos.preprocess import preprocess
from app.core.weights.store import WeightsStore
from tests.support.photos import CHINA, FLOWER, PHOTOS


@pytest.fixture(scope="module")
def lite0_weights(tmp_path_factory) -> dict[str, torch.Tensor]:
    store = WeightsStore(tmp_path_factory.mktemp("cache"))
    path = store.ensure(Catalog.load().get("lite0"))
    return torch.load(path, map_location="cpu", weights_only=True)


def test_logits_agree_with_the_reference_implementation(lite0_weights) -> None:
    from efficientnet_lite_pytorch import EfficientNet

    ours = efficientnet_lite("efficientnet_lite0").eval()
    ours.load_state_dict(lite0_weights)
    reference = EfficientNet.from_name("efficientnet-lite0").eval()
    reference.load_state_dict(lite0_weights)
    spec = Catalog.load().get("lite0").preprocessing
    for photo in PHOTOS:
        batch = torch.from_numpy(preprocess(open_image(photo), spec))[None]
        with torch.no_grad():
            assert (ours(batch) - reference(batch)).abs().max().item() <= 1e-4


def test_same_padding_is_asymmetric_like_tensorflow() -> None:
    stem = efficientnet_lite("efficientnet_lite0")._conv_stem
    assert stem._same_padding(224, 0) == 1  # one extra row at the bottom only
    assert stem(torch.zeros(1, 3, 224, 224)).shape[-1] == 112


def test_real_predictions_on_real_photos(tmp_path) -> None:
    classifier = Classifier(Catalog.load(), WeightsStore(tmp_path))
    china = classifier.classify(CHINA, "lite0", "cpu")
    assert china.top[0].label == "palace"
    flower = classifier.classify(FLOWER, "lite0", "cpu")
    assert "daisy" in [t.label for t in flower.top[:3]]
