"""Where the model looked: class activation maps, placed on the photo.

Every model here ends in global average pooling and one linear layer, so a class's score
is the average over positions of Σ_k W[c, k]·A_k, where A is the final feature map and W
the classifier's weights. The map ReLU(Σ_k W[c, k]·A_k) shows which positions raised the
score: it is the class activation map (CAM), and equals Grad-CAM taken at that layer up to
a constant factor (the gradient of the score with respect to A_k is W[c, k] / positions
everywhere), with no backward pass, so every engine can draw it.

The map covers the centre crop the model saw; :func:`heatmap` places it on the whole photo
(after its EXIF rotation), through the same resize and crop as preprocessing, with zero
where the model saw nothing; :func:`heatmap_picture` paints that unseen part grey, apart
from the map's dark purple ("seen, did not count").
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image

from app.core.errors import EffnetError, os_reason
from app.core.files import write_output
from app.core.models.catalog import Preprocessing
from app.core.photos.preprocess import center_crop_box, resized_size
from app.i18n import translate

DEFAULT_GRID = 64  # cells along the photo's long side in heatmap()'s default grid
OVERLAY_GRID = 512  # heatmap cells along the long side before the overlay's smooth resize
DEFAULT_OPACITY = 0.5
UNSEEN_GREY = (128, 128, 128)  # outside the centre crop: the model never saw it
# Viridis, perceptually uniform and readable with colour-blindness, as a degree-6
# polynomial per channel (Matt Zucker's fit, within 1.5 % of matplotlib's table).
_VIRIDIS = np.array([
    [0.2777273272234177, 0.005407344544966578, 0.3340998053353061],
    [0.1050930431085774, 1.404613529898575, 1.384590162594685],
    [-0.3308618287255563, 0.214847559468213, 0.09509516302823659],
    [-4.634230498983486, -5.799100973351585, -19.33244095627987],
    [6.228269936347081, 14.17993336680509, 56.69055260068105],
    [4.776384997670288, -13.74514537774601, -65.35303263337234],
    [-5.435455855934631, 4.645852612178535, 26.3124352495832],
])  # fmt: skip


@dataclass(frozen=True)
class Activations:
    """One photo's final feature map and the classifier weights that score it: enough to
    draw any class's map without running the model again."""

    feature_map: np.ndarray  # (K, h, w) float32
    classifier: np.ndarray  # (classes, K) float32
    photo_size: tuple[int, int]  # (width, height) as displayed, after EXIF rotation
    preprocessing: Preprocessing


def class_activation_map(activations: Activations, class_index: int) -> np.ndarray:
    """The (h, w) map of ``class_index`` over the crop, scaled to [0, 1] (all zeros when
    nothing raised the class)."""
    weights = activations.classifier[class_index].astype(np.float64)
    cam = np.maximum(np.tensordot(weights, activations.feature_map, axes=1), 0.0)
    peak = cam.max()
    return (cam / peak if peak > 0 else cam).astype(np.float32)


def heatmap(
    activations: Activations, class_index: int, grid: tuple[int, int] | None = None
) -> np.ndarray:
    """The class's map over the whole photo: (rows, columns) of values in [0, 1].

    ``grid`` is (columns, rows); by default the photo's aspect ratio with
    ``DEFAULT_GRID`` cells along its long side. Each cell takes the map's bilinear value at
    the cell's centre, as torch's ``interpolate(mode="bilinear", align_corners=False)``
    would upsample it onto the crop.
    """
    down, across = _sampling(activations, grid)
    cam = class_activation_map(activations, class_index)
    return np.clip(down @ cam @ across.T, 0.0, 1.0).astype(np.float32)


def seen(activations: Activations, grid: tuple[int, int] | None = None) -> np.ndarray:
    """(rows, columns) booleans on :func:`heatmap`'s grid: True inside the centre crop the
    model saw, False on the edges it cut off."""
    down, across = _sampling(activations, grid)
    return (down.sum(axis=1) > 0)[:, None] & (across.sum(axis=1) > 0)[None, :]


def _sampling(
    activations: Activations, grid: tuple[int, int] | None
) -> tuple[np.ndarray, np.ndarray]:
    """The (rows, map height) and (columns, map width) sampling matrices of the grid."""
    width, height = activations.photo_size
    columns, rows = grid or default_grid(width, height)
    map_height, map_width = activations.feature_map.shape[1:]
    spec = activations.preprocessing
    resized_width, resized_height = resized_size(width, height, spec.resize)
    left, top, _right, _bottom = center_crop_box(resized_width, resized_height, spec.crop)
    across = _sampling_matrix(columns, resized_width, left, spec.crop, map_width)
    down = _sampling_matrix(rows, resized_height, top, spec.crop, map_height)
    return down, across


def default_grid(width: int, height: int, long_side: int = DEFAULT_GRID) -> tuple[int, int]:
    if width >= height:
        return long_side, max(1, round(long_side * height / width))
    return max(1, round(long_side * width / height)), long_side


def _sampling_matrix(cells: int, resized: int, crop_start: int, crop: int, size: int) -> np.ndarray:
    """(cells, size) weights that sample a map of ``size`` positions spanning
    [crop_start, crop_start + crop) of a ``resized``-long axis at each cell's centre."""
    centres = (np.arange(cells) + 0.5) * (resized / cells) - crop_start  # in crop pixels
    inside = (centres >= 0) & (centres < crop)
    position = np.clip(centres * (size / crop) - 0.5, 0.0, size - 1)
    lower = np.floor(position).astype(int)
    upper = np.minimum(lower + 1, size - 1)
    fraction = position - lower
    matrix = np.zeros((cells, size))
    rows = np.arange(cells)
    np.add.at(matrix, (rows, lower), 1.0 - fraction)
    np.add.at(matrix, (rows, upper), fraction)
    matrix[~inside] = 0.0
    return matrix


def viridis_palette() -> list[int]:
    """Viridis as 256 RGB triples, flattened (a Pillow palette)."""
    t = np.linspace(0.0, 1.0, 256)[:, None] ** np.arange(7)[None, :]
    colours = np.clip(t @ _VIRIDIS, 0.0, 1.0)
    return [int(value) for value in np.round(colours * 255).ravel()]


def viridis_image(values: np.ndarray) -> Image.Image:
    """The heatmap ``values`` (rows, columns in [0, 1]) as an RGB picture in viridis."""
    levels = Image.fromarray(np.round(values * 255).astype(np.uint8), "L")
    levels.putpalette(viridis_palette())
    return levels.convert("RGB")


def heatmap_picture(
    activations: Activations, class_index: int, grid: tuple[int, int] | None = None
) -> Image.Image:
    """The class's heatmap over the whole photo in viridis, with the edges the model did
    not see in grey."""
    picture = viridis_image(heatmap(activations, class_index, grid))
    unseen = ~seen(activations, grid)
    if unseen.any():
        pixels = np.array(picture)
        pixels[unseen] = UNSEEN_GREY
        picture = Image.fromarray(pixels, "RGB")
    return picture


def overlay(
    photo: Image.Image, picture: Image.Image, opacity: float = DEFAULT_OPACITY
) -> Image.Image:
    """``photo`` with a heatmap ``picture`` blended over it at ``opacity``. All of it in
    Pillow's C code, so a 12-megapixel photo takes a fraction of a second."""
    colour = picture.resize(photo.size, Image.Resampling.BILINEAR)
    return Image.blend(photo.convert("RGB"), colour, opacity)


def photo_with_heatmap(
    photo: Image.Image, activations: Activations, class_index: int, opacity: float = DEFAULT_OPACITY
) -> Image.Image:
    """``photo`` (as displayed) with the class's heatmap over it."""
    width, height = activations.photo_size
    grid = default_grid(width, height, min(OVERLAY_GRID, max(width, height)))
    return overlay(photo, heatmap_picture(activations, class_index, grid), opacity)


def write_png(image: Image.Image, out: Path) -> None:
    """Write ``image`` as PNG through a temporary file beside ``out`` (never a half-written
    file, whatever stops it), or to standard output when ``out`` is ``-``."""
    try:
        write_output(out, lambda stream: image.save(stream, format="PNG"))
    except OSError as error:
        raise EffnetError(
            translate("Errors", "cannot write {out}: {strerror}").format(
                out=out, strerror=os_reason(error)
            )
        ) from None
