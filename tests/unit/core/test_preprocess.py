"""Preprocessing equals torchvision's transforms bit for bit, without torchvision."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from app.core.models.catalog import Catalog
from app.core.photos.opening import open_image
from app.core.photos.preprocess import preprocess, resized_size
from tests.support.photos import PHOTOS


@pytest.mark.parametrize("model_id", ["b0", "b3", "b7", "v2-s"])
def test_matches_torchvision_transforms(model_id: str) -> None:
    from torchvision.models import get_model_weights

    spec = Catalog.load().get(model_id)
    reference = get_model_weights(spec.arch).DEFAULT.transforms()
    for photo in PHOTOS:
        image = open_image(photo)
        expected = reference(image).numpy()
        actual = preprocess(image, spec.preprocessing)
        assert actual.shape == expected.shape == (3, spec.input_size, spec.input_size)
        assert np.abs(actual - expected).max() <= 1e-6


def test_lite0_uses_the_tensorflow_lite_convention() -> None:
    from torchvision import transforms

    reference = transforms.Compose([
        transforms.Resize(256, interpolation=transforms.InterpolationMode.BICUBIC),
        transforms.CenterCrop(224),
        transforms.ToTensor(),
        transforms.Normalize([127 / 255] * 3, [128 / 255] * 3),
    ])  # fmt: skip
    spec = Catalog.load().get("lite0")
    for photo in PHOTOS:
        image = open_image(photo)
        assert (
            np.abs(preprocess(image, spec.preprocessing) - reference(image).numpy()).max() <= 1e-6
        )


def test_portrait_and_tiny_images() -> None:
    spec = Catalog.load().get("b0").preprocessing
    assert resized_size(300, 600, 256) == (256, 512)
    assert preprocess(Image.new("RGB", (1, 1), "red"), spec).shape == (3, 224, 224)
