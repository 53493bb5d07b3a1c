"""Fuzzing from a fixed seed: mutated photos and checkpoints either work or raise the app's
own one-line error, never another exception, never a hang."""

from __future__ import annotations

import io
import random
from pathlib import Path

import numpy as np
import pytest
import torch
from PIL import Image

from app.core.architectures.torch_models import load_model
from app.core.errors import ImageError, ModelLoadError
from app.core.models.catalog import Preprocessing
from app.core.photos.opening import open_image
from app.core.photos.preprocess import preprocess
from tests.support.photos import CHINA

CASES = 400
INPUT = Preprocessing(resize=256, crop=224)


def _mutate(seed: bytes, rng: random.Random) -> bytes:
    """Flip, cut, insert or repeat bytes: what a damaged download or disk does."""
    data = bytearray(seed)
    for _ in range(rng.randint(1, 6)):
        where = rng.randrange(len(data))
        roll = rng.random()
        if roll < 0.55:
            data[where] = rng.randrange(256)
        elif roll < 0.7:
            del data[where : where + rng.randint(1, 64)]
        elif roll < 0.85:
            data[where:where] = rng.randbytes(rng.randint(1, 16))
        elif roll < 0.95:
            data[where:where] = data[where : where + rng.randint(1, 256)]
        else:
            del data[rng.randrange(len(data)) :]
        if not data:
            data = bytearray(b"\x00")
    return bytes(data)


def _seed_photos() -> list[bytes]:
    image = Image.open(CHINA).convert("RGB").resize((64, 48))
    seeds = []
    for fmt, options in (
        ("JPEG", {"quality": 80}), ("PNG", {}), ("GIF", {}), ("BMP", {}),
        ("TIFF", {"compression": "tiff_lzw"}), ("WEBP", {"quality": 70}),
    ):  # fmt: skip
        buffer = io.BytesIO()
        (image.convert("P") if fmt == "GIF" else image).save(buffer, fmt, **options)
        seeds.append(buffer.getvalue())
    return seeds


@pytest.mark.timeout(120)
def test_mutated_photos_open_or_are_refused_in_one_line(tmp_path: Path) -> None:
    rng = random.Random(20261128)
    seeds = _seed_photos()
    outcomes = {"opened": 0, "refused": 0}
    for case in range(CASES):
        path = tmp_path / f"case-{case}.jpg"
        path.write_bytes(_mutate(rng.choice(seeds), rng))
        try:
            pixels = preprocess(open_image(path), INPUT)
        except ImageError as error:
            assert "\n" not in str(error)
            outcomes["refused"] += 1
        else:
            assert pixels.shape == (3, 224, 224) and np.isfinite(pixels).all()
            outcomes["opened"] += 1
        path.unlink()
    assert outcomes["opened"] > 0 and outcomes["refused"] > 0  # both paths were exercised


def _seed_checkpoints() -> list[bytes]:
    state = {"weight": torch.randn(64), "half": torch.arange(8, dtype=torch.float16)}
    zipped, legacy = io.BytesIO(), io.BytesIO()
    torch.save(state, zipped)
    torch.save(state, legacy, _use_new_zipfile_serialization=False)
    return [zipped.getvalue(), legacy.getvalue()]


@pytest.mark.timeout(120)
def test_mutated_checkpoints_load_or_are_refused_in_one_line(tmp_path: Path) -> None:
    rng = random.Random(1128)
    seeds = _seed_checkpoints()
    for case in range(CASES):
        path = tmp_path / f"case-{case}.pth"
        path.write_bytes(_mutate(rng.choice(seeds), rng))
        # Whatever survives mutation does not fit Lite0, so every case must be refused.
        with pytest.raises(ModelLoadError) as refused:
            load_model("efficientnet_lite0", 1000, path)
        assert "\n" not in str(refused.value) and str(path) in str(refused.value)
        path.unlink()
