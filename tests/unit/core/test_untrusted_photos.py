"""Photos are untrusted input: no external programs, bounded work, no hangs, clean stderr."""

from __future__ import annotations

import io
import json
import os
import struct
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from app.core.errors import EffnetError, ImageError
from app.core.inference.classifier import Classifier
from app.core.inference.predictions import Prediction
from app.core.models.catalog import Catalog, Preprocessing
from app.core.photos.opening import DRAFT_FACTOR, DRAFT_TOLERANCE, expand_images, open_image
from app.core.photos.preprocess import MAX_ASPECT, preprocess, resize_and_crop, resized_size
from app.core.weights.store import WeightsStore
from tests.support.photos import CHINA, FLOWER

B0_INPUT = Preprocessing(resize=256, crop=224)
EPS = b"""%!PS-Adobe-3.0 EPSF-3.0
%%BoundingBox: 0 0 10 10
%%EndComments
newpath 0 0 moveto 10 10 lineto stroke
showpage
%%EOF
"""


def effnet(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app", *args],
        capture_output=True, text=True, env=env or os.environ, timeout=120,
    )  # fmt: skip


@pytest.fixture
def lite0_classifier(isolated_environment: Path) -> Classifier:
    return Classifier(Catalog.load(), WeightsStore(isolated_environment))


@pytest.mark.skipif(sys.platform == "win32", reason="the stand-in Ghostscript is a sh script")
def test_postscript_named_jpg_never_starts_ghostscript(tmp_path: Path) -> None:
    marker = tmp_path / "ghostscript-ran"
    fake_bin = tmp_path / "bin"
    fake_bin.mkdir()
    gs = fake_bin / "gs"
    gs.write_text(f"#!/bin/sh\ntouch {marker}\necho '%!PS output'\n")
    gs.chmod(0o755)
    photo = tmp_path / "holiday.jpg"
    photo.write_bytes(EPS)
    env = dict(os.environ, PATH=f"{fake_bin}{os.pathsep}{os.environ['PATH']}")
    result = effnet("classify", "--json", str(photo), env=env)
    assert result.returncode == 1
    assert not marker.exists()
    (outcome,) = json.loads(result.stdout)["results"]
    assert "not an image, or in a format that is not supported" in outcome["error"]


def test_resize_bomb_resamples_only_the_crop(monkeypatch) -> None:
    strip = Image.new("RGB", (20000, 1), "red")
    sizes: list[tuple[int, int]] = []
    real_resize = Image.Image.resize

    def spy(self: Image.Image, size, *args, **kwargs):  # type: ignore[no-untyped-def]
        sizes.append(tuple(size))
        return real_resize(self, size, *args, **kwargs)

    monkeypatch.setattr(Image.Image, "resize", spy)
    assert preprocess(strip, B0_INPUT).shape == (3, 224, 224)
    assert sizes and all(width * height <= 224 * 224 for width, height in sizes)


def test_crop_first_resampling_is_within_one_grey_level() -> None:
    long = Image.open(CHINA).convert("RGB").resize((MAX_ASPECT * 300 + 300, 300))
    width, height = resized_size(long.width, long.height, 256)
    assert width > MAX_ASPECT * 256  # the bounded path is the one taken
    full = np.asarray(long.resize((width, height), Image.Resampling.BILINEAR), np.int16)
    left = round((width - 224) / 2.0)
    expected = full[16:240, left : left + 224]
    actual = np.asarray(resize_and_crop(long, B0_INPUT), np.int16)
    assert np.abs(actual - expected).max() <= 1


def test_resized_size_truncates_the_long_side_like_torchvision() -> None:
    # 256 × 500 / 300 = 426.67: truncated to 426 (rounding would give 427).
    assert resized_size(300, 500, 256) == (256, 426)
    assert resized_size(500, 300, 256) == (426, 256)


def test_memory_error_on_one_photo_is_that_photos_error(
    lite0_classifier: Classifier, tmp_path: Path, monkeypatch
) -> None:
    huge = tmp_path / "huge.png"
    Image.new("RGB", (8, 8)).save(huge)
    import app.core.photos.model_input as model_input_module

    real_preprocess = model_input_module.preprocess

    def preprocess_or_run_out(image: Image.Image, spec: Preprocessing) -> np.ndarray:
        if image.size == (8, 8):
            raise MemoryError
        return real_preprocess(image, spec)

    monkeypatch.setattr(model_input_module, "preprocess", preprocess_or_run_out)
    outcomes: dict[str, Prediction | EffnetError] = {}
    lite0_classifier.classify_many(
        [CHINA, huge, FLOWER], "lite0", "cpu", engine="torch",
        on_result=lambda path, outcome: outcomes.__setitem__(path.name, outcome),
    )  # fmt: skip
    assert isinstance(outcomes["huge.png"], ImageError)
    assert "too large to process" in str(outcomes["huge.png"])
    assert isinstance(outcomes["china.jpg"], Prediction)
    assert isinstance(outcomes["flower.jpg"], Prediction)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs exist on POSIX systems only")
def test_fifo_among_photos_is_refused_without_hanging(tmp_path: Path) -> None:
    fifo = tmp_path / "y.jpg"
    os.mkfifo(fifo)
    with pytest.raises(ImageError, match="is a pipe"):
        open_image(fifo)
    result = effnet("classify", "--engine", "torch", str(CHINA), str(fifo))
    assert result.returncode == 1
    assert "palace" in result.stdout
    assert "y.jpg is a pipe (FIFO), not a file" in result.stderr


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="a POSIX character device")
def test_devices_are_named() -> None:
    with pytest.raises(ImageError, match="is a device"):
        open_image(Path("/dev/zero"))


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need extra rights there")
def test_broken_links_are_named(tmp_path: Path) -> None:
    link = tmp_path / "gone.jpg"
    link.symlink_to(tmp_path / "nowhere.jpg")
    with pytest.raises(ImageError, match="broken link"):
        open_image(link)


def test_folder_named_like_a_photo_is_reported_not_skipped(tmp_path: Path) -> None:
    (tmp_path / "x.jpg").mkdir()
    Image.new("RGB", (8, 8)).save(tmp_path / "a.png")
    assert expand_images([tmp_path]) == [tmp_path / "a.png", tmp_path / "x.jpg"]
    with pytest.raises(ImageError, match=r"x\.jpg is a folder, not a file"):
        open_image(tmp_path / "x.jpg")
    empty = tmp_path / "empty"
    empty.mkdir()
    assert expand_images([empty]) == [empty]  # reported when opened, not silently dropped


def _jpeg_with_corrupt_exif(path: Path) -> None:
    """A valid JPEG whose EXIF claims more data than it holds (Pillow warns about it)."""
    header = struct.pack("<2sHI", b"II", 42, 8) + struct.pack("<H", 1)
    entry = struct.pack("<HHII", 0x010E, 2, 1000, 26) + struct.pack("<I", 0)
    buffer = io.BytesIO()
    Image.open(CHINA).save(buffer, "JPEG", exif=b"Exif\x00\x00" + header + entry + b"abc")
    path.write_bytes(buffer.getvalue())


def test_library_warnings_stay_out_of_stderr(tmp_path: Path) -> None:
    photo = tmp_path / "odd.jpg"
    _jpeg_with_corrupt_exif(photo)
    env = dict(os.environ, PYTHONWARNINGS="always", XDG_STATE_HOME=str(tmp_path / "state"))
    # The automatic engine on a fresh cache: ONNX Runtime optimises and saves the graph
    # too, which it would comment on.
    result = effnet("classify", "--json", str(photo), env=env)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert json.loads(result.stdout)["results"][0]["top"]
    logs = list((tmp_path / "state").rglob("effnet.log"))
    assert logs and "Skipping tag" in logs[0].read_text(encoding="utf-8")


def _big_jpeg(tmp_path: Path, short_side: int, name: str = "big.jpg") -> Path:
    path = tmp_path / name
    source = Image.open(CHINA).convert("RGB")
    long_side = short_side * 4 // 3
    source.resize((long_side, short_side), Image.Resampling.BICUBIC).save(path, quality=92)
    return path


def test_reduced_decoding_starts_exactly_at_its_threshold(tmp_path: Path) -> None:
    least = DRAFT_FACTOR * 256
    under = _big_jpeg(tmp_path, 2 * least - 8, "under.jpg")  # JPEG sizes step by 8
    over = _big_jpeg(tmp_path, 2 * least, "over.jpg")
    assert min(open_image(under, min_short_side=least).size) == 2 * least - 8
    assert least <= min(open_image(over, min_short_side=least).size) < 2 * least


def test_single_photo_is_exact_and_batches_stay_within_the_stated_bound(
    lite0_classifier: Classifier, tmp_path: Path
) -> None:
    photo = _big_jpeg(tmp_path, 3000)
    single = lite0_classifier.classify(photo, "lite0", "cpu", engine="torch", top_k=1000)
    decoded_in_full = lite0_classifier.classify(
        open_image(photo), "lite0", "cpu", engine="torch", top_k=1000
    )
    assert single.top == decoded_in_full.top  # a path gets exactly the full-decode answer
    batched: list[Prediction] = []
    lite0_classifier.classify_many(
        [photo], "lite0", "cpu", engine="torch", top_k=1000,
        on_result=lambda _path, outcome: batched.append(outcome),  # type: ignore[arg-type]
    )  # fmt: skip
    exact = {t.index: t.probability for t in single.top}
    drafted = {t.index: t.probability for t in batched[0].top}
    top5 = [t.index for t in single.top[:5]]
    assert max(abs(exact[i] - drafted[i]) for i in top5) <= DRAFT_TOLERANCE
    assert batched[0].top[0].index == single.top[0].index
