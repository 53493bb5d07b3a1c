"""Real photographs shipped by PyPI packages (scikit-learn's sample images)."""

from __future__ import annotations

from pathlib import Path

import skimage
import sklearn.datasets

PHOTO_DIR = Path(sklearn.datasets.__file__).parent / "images"
CHINA = PHOTO_DIR / "china.jpg"  # a Chinese palace: Lite0 says "palace"
FLOWER = PHOTO_DIR / "flower.jpg"  # a daisy-like flower: Lite0 says "daisy"
PHOTOS = (CHINA, FLOWER)
SKIMAGE_DIR = Path(skimage.__file__).parent / "data"
COFFEE = SKIMAGE_DIR / "coffee.png"  # a cup of coffee: Lite0 says "espresso", 95 %
HORSE = SKIMAGE_DIR / "horse.png"  # a horse's silhouette: Lite0 hesitates between dogs
