"""Light changes to a prepared photo that keep what it shows (for learning from few
photos): the photo mirrored, and a closer view of its centre."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from PIL import Image

Variant = Callable[[np.ndarray], np.ndarray]  # (N, 3, h, w) → (N, 3, h, w)
CLOSER = 7 / 8  # the share of the crop a closer view keeps


def as_taken(pixels: np.ndarray) -> np.ndarray:
    return pixels


def mirrored(pixels: np.ndarray) -> np.ndarray:
    return np.ascontiguousarray(pixels[..., ::-1])


def closer(pixels: np.ndarray) -> np.ndarray:
    """The centre 7/8 of each photo, brought back to full size (bilinear)."""
    height, width = pixels.shape[-2:]
    top, left = round(height * (1 - CLOSER) / 2), round(width * (1 - CLOSER) / 2)
    out = np.empty_like(pixels)
    for index in np.ndindex(*pixels.shape[:-2]):
        plane = Image.fromarray(pixels[index][top : height - top, left : width - left], mode="F")
        out[index] = np.asarray(plane.resize((width, height), Image.Resampling.BILINEAR))
    return out


VARIANTS: dict[str, Variant] = {"as taken": as_taken, "mirrored": mirrored, "closer": closer}
