"""Folders of distinct real photos (the sample photos with one pixel changed each)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from app.core.inference.classifier import Classifier, open_classifier
from app.core.models.catalog import Catalog, builtin_specs
from tests.support.photos import CHINA, FLOWER


def distinct_photos(
    folder: Path, count: int, size: tuple[int, int] | None = None, first: int = 0
) -> list[Path]:
    """``count`` JPEGs of the sample photos, each with its own content (numbered from
    ``first``: other numbers, other contents)."""
    folder.mkdir(parents=True, exist_ok=True)
    sources = [Image.open(CHINA).convert("RGB"), Image.open(FLOWER).convert("RGB")]
    photos = []
    for index in range(first, first + count):
        image = sources[index % 2].copy()
        if size is not None:
            image = image.resize(size)
        image.putpixel((index % image.width, index // image.width), (index % 256, 0, 0))
        path = folder / f"photo-{index:04d}.jpg"
        image.save(path, quality=92)
        photos.append(path)
    return photos


@pytest.fixture
def lite0(isolated_environment: Path) -> Classifier:
    return open_classifier(Catalog(builtin_specs()), isolated_environment)
