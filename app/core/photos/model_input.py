"""One photo as a model's input: opened (reduced-size JPEG decoding allowed for batches)
and preprocessed as the weights were trained."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
from PIL import Image

from app.core.errors import ImageError
from app.core.models.catalog import Preprocessing
from app.core.photos.opening import DRAFT_FACTOR, open_image
from app.core.photos.preprocess import preprocess
from app.i18n import translate


def model_input(
    image: Image.Image | Path,
    preprocessing: Preprocessing,
    *,
    draft: bool,
    seen: Callable[[Image.Image], None] | None = None,
) -> tuple[np.ndarray, tuple[int, int]]:
    """The model's input for one photo, with the photo's size as displayed (after EXIF
    rotation); ``draft`` allows reduced-size JPEG decoding (batches), which changes the size.
    ``seen`` is shown the decoded photo before it is preprocessed (for its thumbnail).

    Running out of memory on one photo is that photo's error, not the batch's end.
    """
    name = str(image) if isinstance(image, Path) else "the image"
    try:
        if isinstance(image, Path):
            least = DRAFT_FACTOR * preprocessing.resize if draft else None
            image = open_image(image, min_short_side=least)
        if seen is not None:
            seen(image)
        return preprocess(image, preprocessing), image.size
    except MemoryError:
        raise ImageError(
            translate("Errors", "{name} is too large to process with the memory available").format(
                name=name
            )
        ) from None
