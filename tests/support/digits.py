"""Handwritten digits (real scans that scikit-learn ships: 1,797 images of 8×8 pixels) as
photo files, in piles by label, for teaching label sets."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image
from sklearn.datasets import load_digits

NAMES = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def digit_image(pixels: np.ndarray) -> Image.Image:
    """A scan (values 0–16, ink high) as a 224-pixel RGB photo: white ink on black."""
    grey = Image.fromarray((pixels * 16).clip(0, 255).astype(np.uint8))
    return grey.convert("RGB").resize((224, 224), Image.Resampling.BICUBIC)


def digit_piles(
    folder: Path, digits: tuple[int, ...], per_label: int, skip: int = 0
) -> dict[str, list[Path]]:
    """``per_label`` scans of each of ``digits`` (after the first ``skip`` of each) as
    PNGs in ``folder/<name>/``: the folder a user would teach from."""
    data = load_digits()
    piles: dict[str, list[Path]] = {}
    for digit in digits:
        indices = np.flatnonzero(data.target == digit)[skip : skip + per_label]
        pile = folder / NAMES[digit]
        pile.mkdir(parents=True, exist_ok=True)
        piles[NAMES[digit]] = []
        for index in indices:
            path = pile / f"scan-{index:04d}.png"
            digit_image(data.images[index]).save(path)
            piles[NAMES[digit]].append(path)
    return piles
