"""Open any photo safely as an upright RGB image, with errors a user can act on."""

from __future__ import annotations

import contextlib
import io
import math
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from app.core.errors import ImageError, os_reason
from app.core.files import FileRefused, read_regular
from app.i18n import translate

IMAGE_SUFFIXES = (
    ".jpg", ".jpeg", ".jpe", ".png", ".webp", ".bmp", ".gif", ".tif", ".tiff", ".heic", ".heif",
)  # fmt: skip
_HEIF_BRANDS = (b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1", b"avif")
_WHITE = (255, 255, 255, 255)
# Pillow decodes only these: other formats it knows run external programs (EPS starts
# Ghostscript) or are not photos. (Cameras' multi-picture JPEGs open through "JPEG".)
FORMATS = ["JPEG", "PNG", "WEBP", "BMP", "GIF", "TIFF"]
MAX_FILE_BYTES = 512 * 2**20
# Batches may decode large JPEGs at a reduced scale (Pillow's draft mode, several times
# faster) while the short side stays at least this many times the model's resize size.
# At 4× Lite0's top-5 probabilities moved by at most 0.011 (no top-1 changed) over 24
# photos of 12-16 MP (benchmarks/draft_error.py); tests hold the bound below.
DRAFT_FACTOR = 4
DRAFT_TOLERANCE = 0.02


def _register_heif() -> None:
    """HEIC/HEIF (iPhone photos) open when the optional pillow-heif is installed."""
    try:
        import pillow_heif
    except ImportError:
        return
    pillow_heif.register_heif_opener()
    FORMATS.append("HEIF")


_register_heif()


def is_image_path(path: Path) -> bool:
    return path.suffix.lower() in IMAGE_SUFFIXES


def expand_images(paths: list[Path]) -> list[Path]:
    """Files as given; a folder stands for the images directly inside it, sorted by name.

    Nothing is dropped silently: an entry named like a photo that is not a file (a folder
    called ``x.jpg``, a FIFO) and a folder without photos stay in the list, so that opening
    them reports what they are.
    """
    images: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if is_image_path(p))
            images += found or [path]
        else:
            images.append(path)
    return images


def open_image(source: Path | bytes, *, min_short_side: int | None = None) -> Image.Image:
    """Decode a photo to RGB with its EXIF orientation applied.

    ``source`` is a file path or the encoded bytes (a paste or a browser drag).
    With ``min_short_side``, a large JPEG is decoded at a reduced scale (Pillow's draft
    mode) as long as its short side stays at least that long; without it, the photo is
    decoded in full, exactly as the reference transforms see it.
    Raises :class:`ImageError` with a message for the user.
    """
    name = str(source) if isinstance(source, Path) else translate("Errors", "the image")
    data = _read(source) if isinstance(source, Path) else source
    if not data:
        raise ImageError(translate("Errors", "{name} is empty (0 bytes)").format(name=name))
    try:
        return _decode(data, name, min_short_side)
    except MemoryError:
        raise ImageError(
            translate("Errors", "{name} is too large to open with the memory available").format(
                name=name
            )
        ) from None


def _decode(data: bytes, name: str, min_short_side: int | None) -> Image.Image:
    try:
        image: Image.Image = Image.open(io.BytesIO(data), formats=FORMATS)
    except Image.DecompressionBombError:
        raise ImageError(
            translate(
                "Errors", "{name} is too large to open safely (a decompression bomb?)"
            ).format(name=name)
        ) from None
    except UnidentifiedImageError:
        raise ImageError(_unidentified_message(name, data)) from None
    except (OSError, SyntaxError, ValueError) as error:
        raise ImageError(
            translate("Errors", "{name} is damaged or truncated ({error})").format(
                name=name, error=error
            )
        ) from None
    if min_short_side and image.format == "JPEG":
        _draft(image, min_short_side)
    try:
        image.load()
        image = ImageOps.exif_transpose(image) or image
    except Image.DecompressionBombError:
        raise ImageError(
            translate(
                "Errors", "{name} is too large to open safely (a decompression bomb?)"
            ).format(name=name)
        ) from None
    except (OSError, SyntaxError, ValueError) as error:
        raise ImageError(
            translate("Errors", "{name} is damaged or truncated ({error})").format(
                name=name, error=error
            )
        ) from None
    return to_rgb(image)


def _read(path: Path) -> bytes:
    try:
        return read_regular(path, MAX_FILE_BYTES)
    except FileRefused as error:
        raise ImageError(str(error)) from None
    except FileNotFoundError:
        raise ImageError(translate("Errors", "{path}: file not found").format(path=path)) from None
    except PermissionError:
        raise ImageError(
            translate("Errors", "{path}: permission denied").format(path=path)
        ) from None
    except OSError as error:
        raise ImageError(
            translate("Errors", "{path}: cannot read ({strerror})").format(
                path=path, strerror=os_reason(error)
            )
        ) from None


def _unidentified_message(name: str, data: bytes) -> str:
    if data[4:8] == b"ftyp" and data[8:12] in _HEIF_BRANDS:
        text = translate("Errors", "{name} is a HEIC/HEIF photo: install pillow-heif to open it")
    else:
        text = translate("Errors", "{name} is not an image, or in a format that is not supported")
    return text.format(name=name)


def _draft(image: Image.Image, min_short_side: int) -> None:
    width, height = image.size
    short = min(width, height)
    if short < 2 * min_short_side:
        return
    scale = min_short_side / short  # draft picks the smallest scale that is still >= this
    with contextlib.suppress(ValueError, OSError):
        image.draft("RGB", (math.ceil(width * scale), math.ceil(height * scale)))


def to_rgb(image: Image.Image) -> Image.Image:
    """RGB done right: transparency on white, 16/32-bit and float modes scaled, not clipped."""
    mode = image.mode
    if mode == "RGB":
        return image
    if mode == "P" and "transparency" in image.info:
        image, mode = image.convert("RGBA"), "RGBA"
    if mode in ("RGBA", "LA", "PA", "RGBa", "La"):
        rgba = image.convert("RGBA")
        background = Image.new("RGBA", rgba.size, _WHITE)
        return Image.alpha_composite(background, rgba).convert("RGB")
    if mode.startswith("I;16") or mode in ("I", "F"):
        return _scaled_to_8bit(image).convert("RGB")
    return image.convert("RGB")


def _scaled_to_8bit(image: Image.Image) -> Image.Image:
    """Grayscale of 16-bit, 32-bit integer or float samples, mapped onto 0…255."""
    values = np.asarray(image).astype(np.float64)
    if image.mode == "F":
        peak = 1.0 if values.size and values.max() <= 1.0 else 255.0
    elif image.mode.startswith("I;16"):
        peak = 65535.0
    else:
        top = values.max() if values.size else 0
        peak = 255.0 if top <= 255 else 65535.0 if top <= 65535 else float(2**31 - 1)
    scaled = np.clip(np.rint(values / peak * 255.0), 0, 255).astype(np.uint8)
    return Image.fromarray(scaled)
