"""Batches of photos: memory bounded by a short decode queue, cancel honoured at once."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image, ImageOps

import app.core.inference.batches as batches_module
from app.core.cancel import CancelToken
from app.core.errors import Cancelled, ImageError
from app.core.inference.classifier import Classifier, open_classifier
from app.core.models.catalog import Catalog, Preprocessing
from app.core.photos.thumbnails import ThumbnailFolder
from app.core.weights.store import WeightsStore
from tests.support.photos import CHINA
from tests.unit.folders.conftest import distinct_photos


@pytest.fixture
def slow_decodes(monkeypatch) -> list[Path]:
    """Each photo takes 0.1 s to decode; the list records which were decoded."""
    decoded: list[Path] = []
    lock = threading.Lock()
    real = batches_module.model_input

    def slow(image: Path, preprocessing: Preprocessing, **options: Any) -> np.ndarray:
        time.sleep(0.1)
        with lock:
            decoded.append(image)
        return real(image, preprocessing, **options)

    monkeypatch.setattr(batches_module, "model_input", slow)
    return decoded


def test_cancel_waits_only_for_the_decodes_under_way(isolated_environment, slow_decodes) -> None:
    classifier = Classifier(Catalog.load(), WeightsStore(isolated_environment))
    token = CancelToken()
    cancelled_at: list[float] = []

    def on_result(_path: Path, _outcome: object) -> None:
        if not cancelled_at:
            cancelled_at.append(time.monotonic())
            token.cancel()

    with pytest.raises(Cancelled):
        classifier.classify_many(
            [CHINA] * 80, "lite0", "cpu", engine="torch", batch_size=8, token=token,
            on_result=on_result,
        )  # fmt: skip
    assert time.monotonic() - cancelled_at[0] < 0.5
    assert len(slow_decodes) <= 2 * 8 + 2  # a batch, the queue ahead, two in flight


def test_decoded_photos_never_pile_up(isolated_environment, slow_decodes) -> None:
    classifier = Classifier(Catalog.load(), WeightsStore(isolated_environment))
    waiting: list[int] = []

    def on_result(_path: Path, _outcome: object) -> None:
        waiting.append(len(slow_decodes) - len(waiting) - 1)  # decoded, not yet answered
        time.sleep(0.1)  # a slow consumer: decoding could race far ahead

    classifier.classify_many(
        [CHINA] * 40, "lite0", "cpu", engine="torch", batch_size=4, on_result=on_result
    )
    assert len(waiting) == 40
    assert max(waiting) <= 2 * 4 + 2


def test_onnx_runtime_leaves_the_cores_to_the_decoders_between_runs(
    isolated_environment,
) -> None:
    """Its threads stop spinning when a run ends (a folder run's decoders need the cores),
    and spin inside a run (a single photo stays as fast)."""
    classifier = open_classifier(Catalog.load(), isolated_environment)
    classifier.classify(CHINA, "lite0", "cpu", engine="onnx")
    (runner,) = classifier.loader.loaded.values()
    options = runner.session.get_session_options()  # type: ignore[attr-defined]
    assert options.get_session_config_entry("session.force_spinning_stop") == "1"


def test_a_folder_run_keeps_each_photos_thumbnail_from_the_decode_it_runs_on(
    isolated_environment: Path, tmp_path: Path
) -> None:
    photos = distinct_photos(tmp_path / "album", 3)
    turned = tmp_path / "album" / "turned.jpg"  # stored on its side, shown upright
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90° clockwise to display"
    Image.open(CHINA).transpose(Image.Transpose.ROTATE_90).save(turned, exif=exif)
    broken = tmp_path / "album" / "broken.jpg"
    broken.write_bytes(CHINA.read_bytes()[:500])
    thumbnails = ThumbnailFolder(tmp_path / "thumbnails", 48)
    outcomes: dict[Path, object] = {}
    classifier = open_classifier(Catalog.load(), isolated_environment)
    classifier.classify_many(
        [*photos, turned, broken], "lite0", "cpu", thumbnails=thumbnails,
        on_result=outcomes.__setitem__,
    )  # fmt: skip
    assert isinstance(outcomes[broken], ImageError)
    assert not thumbnails.path_for(broken).exists()
    for photo in [*photos, turned]:
        kept = Image.open(thumbnails.path_for(photo)).convert("RGB")
        shown = ImageOps.exif_transpose(Image.open(photo)).convert("RGB")
        shown.thumbnail((48, 48))
        assert kept.size == shown.size and max(kept.size) == 48  # upright, 48 on its long side
        difference = np.abs(np.asarray(kept, np.int16) - np.asarray(shown, np.int16)).mean()
        assert difference < 6, photo  # the photo itself, in grey levels of 255
