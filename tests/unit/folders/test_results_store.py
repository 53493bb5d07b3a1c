"""Stored answers: found from stat alone, by content after a rename, asked again when the
content or the weights change; runs that reuse them."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from app.core.folders import prediction_cache
from app.core.folders.prediction_cache import STORED, PredictionCache
from app.core.folders.runs import classify_photos, photos_in
from app.core.inference.classifier import Classifier
from app.core.inference.predictions import Prediction, StageTimings
from app.core.models.catalog import builtin_specs
from tests.unit.folders.conftest import distinct_photos

LITE0 = next(spec for spec in builtin_specs() if spec.id == "lite0")
EMPTY = Prediction("lite0", "EfficientNet-Lite0", "cpu", "fp32", (), StageTimings())


def _run(classifier: Classifier, photos: list[Path], store: PredictionCache | None, top_k: int = 5):  # type: ignore[no-untyped-def]
    answers = {}
    summary = classify_photos(
        classifier, photos, "lite0", "cpu", top_k=top_k, store=store,
        on_result=lambda photo, outcome: answers.__setitem__(photo, outcome),
    )  # fmt: skip
    return summary, answers


def test_a_second_run_reads_every_answer_back_without_hashing(
    lite0: Classifier, tmp_path: Path, monkeypatch
) -> None:
    photos = distinct_photos(tmp_path / "photos", 6)
    store = PredictionCache(tmp_path / "results.sqlite3")
    first, answers = _run(lite0, photos, store)
    assert (first.stored, first.classified, first.failed) == (0, 6, 0)
    hashed: list[Path] = []
    real = prediction_cache.content_digest
    monkeypatch.setattr(prediction_cache, "content_digest", lambda p: hashed.append(p) or real(p))
    second, again = _run(lite0, photos, store)
    assert (second.stored, second.classified) == (6, 0) and hashed == []
    for photo in photos:
        assert again[photo].engine == STORED
        assert (again[photo].device, again[photo].precision) == ("cpu", "fp32")  # as computed
        assert [t.index for t in again[photo].top] == [t.index for t in answers[photo].top]
        assert again[photo].top[0].probability == pytest.approx(answers[photo].top[0].probability)


def test_changed_content_renamed_files_new_weights_and_more_classes(
    lite0: Classifier, tmp_path: Path
) -> None:
    photos = distinct_photos(tmp_path / "photos", 3)
    store = PredictionCache(tmp_path / "results.sqlite3")
    _run(lite0, photos, store)
    photos[0].write_bytes(photos[2].read_bytes())  # new content under an old name
    renamed = photos[1].rename(tmp_path / "photos" / "renamed.jpg")  # old content, new name
    summary, _ = _run(lite0, [photos[0], renamed, photos[2]], store)
    assert (summary.stored, summary.classified) == (3, 0)  # photo 0 now has photo 2's content
    new_weights = replace(LITE0, weights=replace(LITE0.weights, sha256="0" * 64))
    key, _seen = store.content_key(photos[2])
    assert store.answer(key, LITE0, 5) is not None
    assert store.answer(key, new_weights, 5) is None  # other weights: asked again
    assert store.answer(key, LITE0, 8) is None  # only five classes were kept
    summary, answers = _run(lite0, [photos[2]], store, top_k=8)
    assert summary.classified == 1 and len(answers[photos[2]].top) == 8
    assert store.answer(key, LITE0, 8) is not None


def test_no_store_classifies_everything(lite0: Classifier, tmp_path: Path) -> None:
    photos = distinct_photos(tmp_path / "photos", 2)
    summary, _ = _run(lite0, photos, None)
    assert summary.classified == 2


def test_unreadable_vanished_and_broken_photos_are_answers_of_their_own(
    lite0: Classifier, tmp_path: Path
) -> None:
    photos = distinct_photos(tmp_path / "photos", 3)
    broken = tmp_path / "photos" / "broken.jpg"
    broken.write_bytes(b"not a photo")
    vanished = tmp_path / "photos" / "gone.jpg"
    summary, answers = _run(lite0, [*photos, broken, vanished], PredictionCache(tmp_path / "r.db"))
    assert (summary.classified, summary.failed) == (3, 2)
    assert "not an image" in str(answers[broken]) and "gone.jpg" in str(answers[vanished])


def test_a_damaged_answer_is_asked_again(tmp_path: Path) -> None:
    photo = distinct_photos(tmp_path / "photos", 1)[0]
    database = tmp_path / "results.sqlite3"
    store = PredictionCache(database)
    key, seen = store.content_key(photo)
    assert store.keep(key, seen, photo, LITE0, EMPTY)
    with sqlite3.connect(database) as raw:
        raw.execute("UPDATE answers SET top = 'not json'")
    assert store.answer(key, LITE0, 1) is None
    store.close()


def test_answers_kept_by_the_previous_version_are_read_without_a_device(
    lite0: Classifier, tmp_path: Path
) -> None:
    """Version 2 kept no device: its answers stay (nothing is classified again) and say
    nothing of where they were computed, instead of something untrue."""
    photo = distinct_photos(tmp_path / "photos", 1)[0]
    database = tmp_path / "results.sqlite3"
    _run(lite0, [photo], PredictionCache(database))
    with sqlite3.connect(database) as raw:  # the answers table as version 2 made it
        raw.execute("ALTER TABLE answers DROP COLUMN device")
        raw.execute("ALTER TABLE answers DROP COLUMN precision")
        raw.execute("PRAGMA user_version=2")
    summary, answers = _run(lite0, [photo], PredictionCache(database))
    assert summary.stored == 1 and (answers[photo].device, answers[photo].precision) == ("", "")
    _run(lite0, [photo], None)
    with sqlite3.connect(database) as raw:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == 3


def test_two_runs_at_once_share_the_database(lite0: Classifier, tmp_path: Path) -> None:
    photos = distinct_photos(tmp_path / "photos", 2)
    database = tmp_path / "results.sqlite3"
    first, second = PredictionCache(database), PredictionCache(database)
    _run(lite0, photos[:1], first)
    summary, _ = _run(lite0, photos, second)
    assert (summary.stored, summary.classified) == (1, 1)
    assert first.count() == 2


def test_folders_and_subfolders(tmp_path: Path) -> None:
    top = distinct_photos(tmp_path / "album", 2)
    nested = distinct_photos(tmp_path / "album" / "2024" / "june", 2)
    distinct_photos(tmp_path / "album" / ".thumbnails", 1)  # hidden: a photo manager's own
    assert photos_in([tmp_path / "album"]) == top
    assert photos_in([tmp_path / "album"], recursive=True) == sorted(nested) + top


def test_a_single_new_photo_is_timed_like_many(lite0: Classifier, tmp_path: Path) -> None:
    one = distinct_photos(tmp_path / "one", 1)
    summary, _ = _run(lite0, one, None)
    assert summary.classified == 1 and summary.images_per_s > 0
