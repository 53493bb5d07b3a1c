"""Heatmaps as QImages, made off the GUI thread (QImage may be built on any thread)."""

from __future__ import annotations

from PIL import Image
from PySide6.QtGui import QImage

from app.core.inference.explain import (
    OVERLAY_GRID,
    default_grid,
    heatmap_picture,
    photo_with_heatmap,
)
from app.core.inference.predictions import Prediction


def to_qimage(picture: Image.Image) -> QImage:
    rgb = picture.convert("RGB")
    image = QImage(rgb.tobytes(), rgb.width, rgb.height, 3 * rgb.width, QImage.Format.Format_RGB888)
    return image.copy()  # owns its pixels once the bytes above are gone


def heatmap_image(prediction: Prediction, class_index: int) -> QImage:
    """The class's heatmap over the whole photo (viridis, the unseen edges grey), as an
    image of the photo's aspect ratio (at most ``OVERLAY_GRID`` pixels long) for a view to
    lay over the photo."""
    activations = prediction.activations
    assert activations is not None
    width, height = activations.photo_size
    grid = default_grid(width, height, OVERLAY_GRID)
    return to_qimage(heatmap_picture(activations, class_index, grid))


def heatmap_thumbnail(photo: Image.Image, prediction: Prediction, side: int) -> QImage:
    """The photo, at most ``side`` pixels long, with its top answer's heatmap over it."""
    assert prediction.activations is not None
    thumbnail = photo.copy()
    thumbnail.thumbnail((side, side))
    return to_qimage(photo_with_heatmap(thumbnail, prediction.activations, prediction.top[0].index))
