"""Stored answers never break a run: a damaged, truncated, locked, read-only, newer or
vanished database is set aside or left alone with one warning and the run goes on; an
answer is kept only under the content that was classified; results come in input order;
any file name, UTF-8 or not, is a photo like any other."""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import main
from app.core.folders.prediction_cache import STORED, PredictionCache, default_path
from app.core.folders.runs import classify_photos
from app.core.inference.classifier import Classifier
from app.core.models.catalog import builtin_specs
from tests.unit.folders.conftest import distinct_photos
from tests.unit.folders.test_results_store import EMPTY

LITE0 = next(spec for spec in builtin_specs() if spec.id == "lite0")


def _classify(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = main(["classify", *map(str, args), "--model", "lite0"])
    out, err = capsys.readouterr()
    return code, out, err


def _run(classifier: Classifier, photos: list[Path], store: PredictionCache) -> dict[Path, object]:
    answers: dict[Path, object] = {}
    classify_photos(classifier, photos, "lite0", "cpu", store=store,
                    on_result=answers.__setitem__)  # fmt: skip
    return answers


def _damage_pages(database: Path) -> None:
    data = bytearray(database.read_bytes())
    data[4096:] = b"\xa5" * (len(data) - 4096)  # every page but the header's
    database.write_bytes(bytes(data))


def _truncate(database: Path) -> None:
    data = database.read_bytes()
    database.write_bytes(data[: len(data) // 2 + 100])


@pytest.mark.parametrize("damage", [_damage_pages, _truncate], ids=["damaged pages", "truncated"])
def test_a_damaged_database_is_set_aside_with_one_warning_and_the_run_goes_on(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, damage
) -> None:
    photos = distinct_photos(tmp_path / "photos", 3)
    assert _classify(capsys, tmp_path / "photos", "--json")[0] == 0
    database = default_path()
    damage(database)
    code, out, err = _classify(capsys, tmp_path / "photos", "--json")
    assert code == 0, err
    assert len(json.loads(out)["results"]) == 3
    warnings = [line for line in err.splitlines() if "stored answers" in line]
    assert len(warnings) == 1 and "this run goes on without them" in warnings[0]
    assert "moved to results.sqlite3." in warnings[0]
    assert list(database.parent.glob("results.sqlite3.*.damaged"))
    # The next run starts a new store, and it works.
    assert _classify(capsys, *photos)[0] == 0
    code, _, err = _classify(capsys, *photos)
    assert "3 answers stored from earlier runs" in err


def test_a_database_of_a_newer_version_is_left_alone_and_the_run_goes_on(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    distinct_photos(tmp_path / "photos", 2)
    assert _classify(capsys, tmp_path / "photos")[0] == 0
    with sqlite3.connect(default_path()) as raw:
        raw.execute("PRAGMA user_version = 99")
    code, _, err = _classify(capsys, tmp_path / "photos")
    assert code == 0 and "written by a newer version of the app" in err
    assert "2 classified" in err
    with sqlite3.connect(default_path()) as raw:  # untouched
        assert raw.execute("PRAGMA user_version").fetchone()[0] == 99


def test_a_locked_database_is_left_alone_and_the_run_goes_on(
    lite0: Classifier, tmp_path: Path
) -> None:
    photos = distinct_photos(tmp_path / "photos", 2)
    database = tmp_path / "results.sqlite3"
    PredictionCache(database).close()
    holder = sqlite3.connect(database, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    warnings: list[str] = []
    try:
        store = PredictionCache(database, warn=warnings.append, busy_timeout=0.1)
        answers = _run(lite0, photos, store)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert len(answers) == 2 and all(a.engine != STORED for a in answers.values())  # type: ignore[attr-defined]
    assert len(warnings) == 1 and "database is locked" in warnings[0]


def test_a_read_only_database_is_left_alone_and_the_run_goes_on(
    lite0: Classifier, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    photos = distinct_photos(tmp_path / "photos", 2)
    database = tmp_path / "results.sqlite3"
    PredictionCache(database).close()
    real = sqlite3.connect
    # As root a file's mode does not stop writes: the database is opened read-only instead,
    # which gives SQLite's own error for a read-only file.
    monkeypatch.setattr(
        sqlite3, "connect", lambda path, **kw: real(f"file:{path}?mode=ro", uri=True, **kw)
    )
    warnings: list[str] = []
    answers = _run(lite0, photos, PredictionCache(database, warn=warnings.append))
    assert len(answers) == 2
    assert len(warnings) == 1 and "readonly database" in warnings[0]


def test_a_database_removed_during_the_run_is_said_not_to_keep_answers(
    lite0: Classifier, tmp_path: Path
) -> None:
    photos = distinct_photos(tmp_path / "photos", 2)
    database = tmp_path / "results.sqlite3"
    warnings: list[str] = []
    store = PredictionCache(database, warn=warnings.append)
    key, seen = store.content_key(photos[0])
    database.unlink()
    assert not store.keep(key, seen, photos[0], LITE0, EMPTY)
    assert len(warnings) == 1 and "was removed during the run" in warnings[0]
    assert len(_run(lite0, photos, store)) == 2  # and the run goes on


def test_a_photo_replaced_during_the_run_is_not_stored_under_its_old_content(
    lite0: Classifier, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    photos = distinct_photos(tmp_path / "photos", 3)
    other = distinct_photos(tmp_path / "other", 1, first=7)[0]
    store = PredictionCache(tmp_path / "results.sqlite3")
    old_key, _ = store.content_key(photos[1])
    real = lite0.classify_many

    def replacing_first(*args, **kwargs):  # type: ignore[no-untyped-def]
        photos[1].write_bytes(other.read_bytes())  # after hashing, before classifying
        return real(*args, **kwargs)

    monkeypatch.setattr(lite0, "classify_many", replacing_first)
    _run(lite0, photos, store)
    assert store.answer(old_key, LITE0, 5) is None  # the other photo's answer is not its
    assert store.answer(store.content_key(photos[0])[0], LITE0, 5) is not None


def test_results_keep_the_order_the_photos_were_given_in(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    a, b, c = distinct_photos(tmp_path / "photos", 3)
    assert _classify(capsys, b)[0] == 0  # b's answer is now stored, a's and c's are not
    code, out, _ = _classify(capsys, a, b, c, "--json")
    assert code == 0
    assert [r["image"] for r in json.loads(out)["results"]] == [str(a), str(b), str(c)]
    out_csv = tmp_path / "answers.csv"
    assert _classify(capsys, c, b, a, "--csv", out_csv)[0] == 0
    rows = list(csv.reader(io.StringIO(out_csv.read_text("utf-8-sig"))))
    assert [row[0] for row in rows[1:]] == [str(c), str(b), str(a)]


def test_a_file_name_that_is_not_utf8_is_a_photo_like_any_other(tmp_path: Path) -> None:
    folder = tmp_path / "card"
    photos = distinct_photos(folder, 2)
    latin1 = os.fsdecode(bytes(folder) + b"/caf\xe9.jpg")
    photos[1].rename(latin1)
    out_csv = tmp_path / "answers.csv"
    env = {**os.environ, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}
    run = subprocess.run(
        [sys.executable, "-m", "app", "classify", str(folder), "--model", "lite0", "--json",
         "--csv", str(out_csv)],
        capture_output=True, env=env, timeout=300,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr.decode(errors="replace")
    results = json.loads(run.stdout)["results"]
    assert len(results) == 2 and all("top" in result for result in results)
    # The folder's order puts café first; JSON and CSV give back its very bytes.
    assert os.fsencode(results[0]["image"]) == os.fsencode(latin1)
    text = out_csv.read_bytes().decode("utf-8-sig", errors="surrogateescape")
    rows = list(csv.reader(io.StringIO(text)))
    assert os.fsencode(rows[1][0]) == os.fsencode(latin1) and rows[1][2]
    human = subprocess.run(
        [sys.executable, "-m", "app", "classify", latin1, "--model", "lite0"],
        capture_output=True, env=env, timeout=300,
    )  # fmt: skip
    assert human.returncode == 0 and b"caf\xe9.jpg" in human.stdout
    sorted_into = tmp_path / "sorted"
    moved = subprocess.run(
        [sys.executable, "-m", "app", "sort", str(folder), "--into", str(sorted_into),
         "--move", "--model", "lite0", "--min-confidence", "0"],
        capture_output=True, env=env, timeout=300,
    )  # fmt: skip
    assert moved.returncode == 0, moved.stderr.decode(errors="replace")
    assert not any(folder.iterdir())
    assert any(p.name == os.fsdecode(b"caf\xe9.jpg") for p in sorted_into.rglob("*"))
