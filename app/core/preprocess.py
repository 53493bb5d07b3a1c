"""Photo → normalised float32 array, exactly as each model's weights were trained.

Pillow + numpy, no torch: the result equals torchvision's ``weights.transforms()``
(resize the short side, centre crop, scale to [0, 1], normalise) to the last bit, and the
CPU path can run without importing torch at all.
"""

from __future__ import annotations

import numpy as np
from PIL import Image

from app.core.catalog import Preprocessing

_RESAMPLING = {
    "nearest": Image.Resampling.NEAREST,
    "bilinear": Image.Resampling.BILINEAR,
    "bicubic": Image.Resampling.BICUBIC,
}


def resized_size(width: int, height: int, short_side: int) -> tuple[int, int]:
    """The size torchvision's Resize(short_side) gives: the long side is truncated, not rounded."""
    if width <= height:
        return short_side, int(short_side * height / width)
    return int(short_side * width / height), short_side


def center_crop_box(width: int, height: int, crop: int) -> tuple[int, int, int, int]:
    left = round((width - crop) / 2.0)
    top = round((height - crop) / 2.0)
    return left, top, left + crop, top + crop


def preprocess(image: Image.Image, spec: Preprocessing) -> np.ndarray:
    """A (3, crop, crop) float32 array for an RGB image."""
    size = resized_size(image.width, image.height, spec.resize)
    resized = image.resize(size, _RESAMPLING[spec.interpolation])
    cropped = resized.crop(center_crop_box(size[0], size[1], spec.crop))
    pixels = np.asarray(cropped, dtype=np.float32) / np.float32(255)
    pixels -= np.asarray(spec.mean, dtype=np.float32)
    pixels /= np.asarray(spec.std, dtype=np.float32)
    return np.ascontiguousarray(pixels.transpose(2, 0, 1))
