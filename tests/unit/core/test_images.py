"""Opening photos: formats, EXIF, colour modes, bombs and clear errors."""

from __future__ import annotations

import io
import os
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from app.core.errors import ImageError
from app.core.photos.opening import open_image, to_rgb
from tests.support.photos import CHINA


@pytest.fixture(scope="module")
def china() -> Image.Image:
    return Image.open(CHINA).convert("RGB")


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP", "BMP", "GIF", "TIFF"])
def test_opens_common_formats_as_rgb(china, tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"photo.{fmt.lower()}"
    china.save(path, format=fmt)
    image = open_image(path)
    assert image.mode == "RGB" and image.size == china.size


def test_animated_gif_gives_its_first_frame(tmp_path: Path) -> None:
    frames = [Image.new("RGB", (32, 32), colour) for colour in ("red", "blue")]
    path = tmp_path / "anim.gif"
    frames[0].save(path, save_all=True, append_images=frames[1:])
    assert open_image(path).getpixel((5, 5)) == (255, 0, 0)


def test_exif_orientation_is_applied(china, tmp_path: Path) -> None:
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90° clockwise to display"
    path = tmp_path / "phone.jpg"
    china.save(path, exif=exif)
    width, height = china.size
    assert open_image(path).size == (height, width)


def test_transparency_is_composited_on_white() -> None:
    rgba = Image.new("RGBA", (4, 4), (0, 0, 0, 0))
    assert to_rgb(rgba).getpixel((0, 0)) == (255, 255, 255)
    la = Image.new("LA", (4, 4), (0, 0))
    assert to_rgb(la).getpixel((0, 0)) == (255, 255, 255)
    palette = Image.new("P", (4, 4), 0)
    palette.putpalette([0, 0, 0, 10, 20, 30])
    palette.info["transparency"] = 0
    assert to_rgb(palette).getpixel((0, 0)) == (255, 255, 255)


def test_high_bit_depth_is_scaled_not_clipped() -> None:
    sixteen = Image.fromarray(np.full((4, 4), 32896, dtype=np.uint16))
    assert sixteen.mode == "I;16"
    assert to_rgb(sixteen).getpixel((0, 0)) == (128, 128, 128)
    thirty_two = Image.fromarray(np.full((4, 4), 65535, dtype=np.int32))
    assert thirty_two.mode == "I"
    assert to_rgb(thirty_two).getpixel((0, 0)) == (255, 255, 255)
    floats = Image.fromarray(np.full((4, 4), 0.5, dtype=np.float32))
    assert to_rgb(floats).getpixel((0, 0)) == (128, 128, 128)


def test_grayscale_and_cmyk_convert(china) -> None:
    assert to_rgb(china.convert("L")).mode == "RGB"
    cmyk = Image.new("CMYK", (4, 4), (0, 255, 255, 0))  # pure red in CMYK
    assert to_rgb(cmyk).getpixel((0, 0)) == (255, 0, 0)


def test_large_jpeg_is_decoded_at_reduced_size(china, tmp_path: Path) -> None:
    path = tmp_path / "big.jpg"
    china.resize((4096, 2880)).save(path, quality=92)
    image = open_image(path, min_short_side=512)
    assert 512 <= min(image.size) < 2880
    assert open_image(path).size == (4096, 2880)  # without a target: full size


def test_decompression_bombs_are_refused(china, tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "bomb.png"
    china.save(path)
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)
    with pytest.raises(ImageError, match="too large to open safely"):
        open_image(path)


def test_each_bad_input_has_its_own_message(china, tmp_path: Path, monkeypatch) -> None:
    with pytest.raises(ImageError, match="file not found"):
        open_image(tmp_path / "absent.jpg")
    (tmp_path / "empty.jpg").write_bytes(b"")
    with pytest.raises(ImageError, match="empty"):
        open_image(tmp_path / "empty.jpg")
    (tmp_path / "notes.jpg").write_text("hello")
    with pytest.raises(ImageError, match="not an image"):
        open_image(tmp_path / "notes.jpg")
    with pytest.raises(ImageError, match="is a folder"):
        open_image(tmp_path)
    buffer = io.BytesIO()
    china.save(buffer, format="JPEG")
    (tmp_path / "cut.jpg").write_bytes(buffer.getvalue()[: len(buffer.getvalue()) // 2])
    with pytest.raises(ImageError, match="damaged or truncated"):
        open_image(tmp_path / "cut.jpg")
    (tmp_path / "header.jpg").write_bytes(CHINA.read_bytes()[:2000])  # cut inside its EXIF
    with pytest.raises(ImageError, match="damaged or truncated"):
        open_image(tmp_path / "header.jpg")


def test_heic_photos_open_with_pillow_heif(china, tmp_path: Path) -> None:
    import pillow_heif

    pillow_heif.register_heif_opener()
    path = tmp_path / "phone.heic"
    china.save(path, format="HEIF")
    image = open_image(path)
    assert image.mode == "RGB" and image.size == china.size


def test_heic_without_pillow_heif_says_what_to_install(china, tmp_path: Path) -> None:
    import subprocess
    import sys

    path = tmp_path / "phone.heic"
    china.save(path, format="HEIF")
    code = (
        "import sys, pathlib\n"
        "sys.modules['pillow_heif'] = None  # as if it were not installed\n"
        "from app.core.photos.opening import open_image\n"
        "from app.core.errors import ImageError\n"
        f"try:\n    open_image(pathlib.Path({str(path)!r}))\n"
        "except ImageError as error:\n    print(error)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert "is a HEIC/HEIF photo: install pillow-heif to open it" in result.stdout


def test_unreadable_file_says_permission_denied(tmp_path: Path, monkeypatch) -> None:
    # Tests run as root here, so a chmod would not stop the read; refuse it at the source.
    secret = tmp_path / "secret.jpg"
    secret.write_bytes(b"\xff\xd8")
    real_open = os.open

    def refuse(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        if Path(path) == secret:
            raise PermissionError(13, "Permission denied")
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    with pytest.raises(ImageError, match="permission denied"):
        open_image(secret)
