"""Real photographs shipped by PyPI packages (scikit-learn's sample images)."""

from __future__ import annotations

from pathlib import Path

import sklearn.datasets

PHOTO_DIR = Path(sklearn.datasets.__file__).parent / "images"
CHINA = PHOTO_DIR / "china.jpg"  # a Chinese palace: Lite0 says "palace"
FLOWER = PHOTO_DIR / "flower.jpg"  # a daisy-like flower: Lite0 says "daisy"
PHOTOS = (CHINA, FLOWER)
