"""Photo → normalised float32 array, exactly as each model's weights were trained.

Pillow + numpy, no torch: the result equals torchvision's ``weights.transforms()``
(resize the short side, centre crop, scale to [0, 1], normalise) to the last bit, and the
CPU path can run without importing torch at all.
"""

from __future__ import annotations

import numpy as np
from PIL import Image

from app.core.models.catalog import Preprocessing

MAX_ASPECT = 16  # longer photos are resampled crop-first (see resize_and_crop)
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
    cropped = resize_and_crop(image, spec)
    pixels = np.asarray(cropped, dtype=np.float32) / np.float32(255)
    pixels -= np.asarray(spec.mean, dtype=np.float32)
    pixels /= np.asarray(spec.std, dtype=np.float32)
    return np.ascontiguousarray(pixels.transpose(2, 0, 1))


def resize_and_crop(image: Image.Image, spec: Preprocessing) -> Image.Image:
    """Resize the short side to ``spec.resize``, then take the centre ``spec.crop``².

    A photo whose resized long side would exceed ``MAX_ASPECT`` × the short side (a
    20000×1 strip would become 5,120,000×256) has only the part that survives the crop
    resampled, through Pillow's ``box``: the work and memory stay bounded by the crop, and
    pixels differ from the full resize by at most one grey level (box coordinates are
    rounded floats). Every other photo gets the full resize, bit for bit as torchvision.
    """
    method = _RESAMPLING[spec.interpolation]
    size = resized_size(image.width, image.height, spec.resize)
    crop_box = center_crop_box(size[0], size[1], spec.crop)
    if max(size) <= MAX_ASPECT * spec.resize:
        return image.resize(size, method).crop(crop_box)
    scale_x, scale_y = image.width / size[0], image.height / size[1]
    left, top, right, bottom = crop_box
    box = (left * scale_x, top * scale_y, right * scale_x, bottom * scale_y)
    return image.resize((spec.crop, spec.crop), method, box=box)
