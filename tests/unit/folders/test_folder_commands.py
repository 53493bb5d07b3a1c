"""``effnet classify`` over folders (stored answers, resume after kill -9, CSV, XMP read back
by exiftool) and ``effnet sort`` (copy, move across drives, clashes, undo)."""

from __future__ import annotations

import csv
import errno
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from app.cli import main
from app.core.folders import sorting
from app.core.folders.sort_journal import COPY, MOVE
from app.core.inference.runners import ENGINE_NAMES
from tests.support.engines import chosen_cpu_engine
from tests.unit.folders.conftest import distinct_photos


def run(capsys, *args: str) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def lite0(capsys, command: str, *args: object) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    """``effnet COMMAND ARGS… --model lite0``."""
    return run(capsys, command, *map(str, args), "--model", "lite0")


def _answers_in(database: Path) -> int:
    if not database.exists():
        return 0
    try:
        with sqlite3.connect(database, timeout=5) as db:
            return int(db.execute("SELECT COUNT(*) FROM answers").fetchone()[0])
    except sqlite3.OperationalError:
        return 0  # not created yet


def test_a_run_killed_midway_resumes_and_loses_no_finished_answer(
    tmp_path: Path, isolated_environment: Path
) -> None:
    photos = distinct_photos(tmp_path / "photos", 60, size=(1600, 1200))
    database = tmp_path / "data" / "EfficientNet Desktop" / "results.sqlite3"
    command = [sys.executable, "-m", "app", "classify", str(tmp_path / "photos"),
               "--model", "lite0", "--json"]  # fmt: skip
    child = subprocess.Popen(
        command, env=os.environ, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    deadline = time.monotonic() + 120
    while _answers_in(database) < 10 and time.monotonic() < deadline and child.poll() is None:
        time.sleep(0.05)
    child.send_signal(signal.SIGKILL)
    child.wait()
    kept = _answers_in(database)
    assert 10 <= kept < 60, kept  # killed midway, its finished answers on disk
    result = subprocess.run(command, env=os.environ, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert (
        f"60 photos: {kept} answers stored from earlier runs, {60 - kept} classified"
        in result.stderr
    )
    answered = json.loads(result.stdout)["results"]
    assert sorted(r["image"] for r in answered) == sorted(str(p) for p in photos)
    assert sum(r["engine"] == "stored" for r in answered) == kept
    with sqlite3.connect(database) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_csv_has_a_row_per_photo_in_a_spreadsheet_friendly_encoding(
    capsys, tmp_path: Path, isolated_environment: Path
) -> None:
    photos = distinct_photos(tmp_path / "Ảnh", 2)  # a folder name Excel needs the BOM for
    out = tmp_path / "answers.csv"
    code, _, err = run(
        capsys, "classify", str(tmp_path / "Ảnh"), "--model", "lite0", "--csv", str(out)
    )
    assert code == 0, err
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert rows[0][:4] == ["path", "model", "label_1", "probability_1"] and len(rows[0]) == 12
    assert [row[0] for row in rows[1:]] == [str(p) for p in photos]
    assert rows[1][2] == "palace" and rows[2][2] == "daisy"
    assert float(rows[1][3]) > float(rows[1][5])


def _exiftool_subjects(path: Path) -> list[str]:
    assert shutil.which("exiftool"), "exiftool (Debian: libimage-exiftool-perl) is needed"
    result = subprocess.run(
        ["exiftool", "-j", "-XMP-dc:Subject", str(path)], capture_output=True, text=True, check=True
    )
    subject = json.loads(result.stdout)[0].get("Subject", [])
    return subject if isinstance(subject, list) else [subject]


def test_sidecar_keywords_are_read_by_exiftool_and_keep_what_was_there(
    capsys, tmp_path: Path, isolated_environment: Path
) -> None:
    photos = distinct_photos(tmp_path / "photos", 2)
    sidecar = photos[0].with_name(photos[0].name + ".xmp")
    subprocess.run(
        ["exiftool", "-q", "-o", str(sidecar), "-XMP-dc:Subject=holiday", str(photos[0])],
        check=True,
    )
    before = [p.read_bytes() for p in photos]
    code, _, err = lite0(
        capsys, "classify", tmp_path / "photos", "--xmp", "sidecar",
        "--min-confidence", "0.1", "--keyword-prefix", "effnet/",
    )  # fmt: skip
    assert code == 0, err
    assert _exiftool_subjects(sidecar) == ["holiday", "effnet/palace", "effnet/bell cote"]
    assert _exiftool_subjects(photos[1].with_name(photos[1].name + ".xmp")) == ["effnet/daisy"]
    assert [p.read_bytes() for p in photos] == before  # the photos themselves untouched


@pytest.mark.parametrize("kind", ["JPEG", "PNG", "TIFF"])
def test_embedded_keywords_are_read_by_exiftool_and_leave_the_pixels_alone(
    capsys, tmp_path: Path, isolated_environment: Path, kind: str
) -> None:
    source = distinct_photos(tmp_path / "src", 1)[0]
    photo = tmp_path / "photos" / f"p.{kind.lower()}"
    photo.parent.mkdir()
    Image.open(source).save(photo, kind)
    pixels = np.asarray(Image.open(photo)).copy()
    code, _, err = lite0(capsys, "classify", photo, "--xmp", "embed", "--min-confidence", "0.28")
    assert code == 0, err
    assert _exiftool_subjects(photo) == ["palace"]
    assert np.array_equal(np.asarray(Image.open(photo)), pixels)
    run(
        capsys,
        "classify",
        str(photo),
        "--model",
        "lite0",
        "--xmp",
        "embed",
        "--min-confidence",
        "0.15",
    )
    assert _exiftool_subjects(photo) == ["palace", "bell cote"]  # added once, not repeated
    assert [p.name for p in photo.parent.iterdir()] == [photo.name]  # no staging file left


def test_keywords_that_cannot_be_written_are_one_line_each_and_the_run_goes_on(
    capsys, tmp_path: Path, isolated_environment: Path, monkeypatch
) -> None:
    photos = distinct_photos(tmp_path / "photos", 2)
    webp = tmp_path / "photos" / "scan.webp"
    Image.open(photos[0]).save(webp)
    original = [p.read_bytes() for p in photos]
    real_fsync = os.fsync

    def disk_full(descriptor: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    code, out, err = run(
        capsys, "classify", str(tmp_path / "photos"), "--model", "lite0", "--xmp", "embed"
    )
    monkeypatch.setattr(os, "fsync", real_fsync)
    assert code == 1
    assert err.count("the disk is full") == 2
    assert "scan.webp: keywords go inside JPEG, PNG and TIFF files" in err
    assert "palace" in out and "daisy" in out  # every photo answered all the same
    assert [p.read_bytes() for p in photos] == original
    assert not list((tmp_path / "photos").glob(".*.part"))
    real_open = Path.open

    def read_only_folder(self: Path, *args, **kwargs):  # type: ignore[no-untyped-def]
        if self.name.endswith(".part"):
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", read_only_folder)
    code, _, err = lite0(capsys, "classify", tmp_path / "photos", "--xmp", "sidecar")
    assert code == 1 and err.count("permission denied") == 3
    assert not list((tmp_path / "photos").glob("*.xmp"))


def test_sort_dry_run_copy_with_clashes_then_move_and_undo(
    capsys, tmp_path: Path, isolated_environment: Path
) -> None:
    photos = distinct_photos(tmp_path / "in", 4)
    into = tmp_path / "sorted"
    code, out, _ = lite0(
        capsys, "sort", tmp_path / "in", "--into", into, "--dry-run", "--min-confidence", "0.25"
    )
    assert code == 0 and not into.exists()
    assert out.split() == ["2", str(into / "daisy"), "2", str(into / "palace")]
    (into / "daisy").mkdir(parents=True)
    (into / "daisy" / photos[1].name).write_bytes(b"someone else's")
    code, _, err = lite0(
        capsys, "sort", tmp_path / "in", "--into", into, "--copy", "--min-confidence", "0.25"
    )
    assert code == 0, err
    assert (into / "daisy" / photos[1].name).read_bytes() == b"someone else's"  # never overwritten
    assert (into / "daisy" / "photo-0001 (2).jpg").read_bytes() == photos[1].read_bytes()
    assert all(p.exists() for p in photos)
    journal = next(into.glob(".effnet-sort-*.jsonl"))
    (into / "daisy" / "photo-0003.jpg").write_bytes(b"edited since")
    code, _, err = run(capsys, "sort", "--undo", str(journal))
    assert "was changed since it was sorted; it is kept" in err
    assert (into / "daisy" / "photo-0003.jpg").exists()  # kept, and so its folder
    assert not (into / "palace").exists()  # emptied by the undo, and removed
    code, _, err = lite0(
        capsys, "sort", tmp_path / "in", "--into", into, "--move", "--min-confidence", "0.25"
    )
    assert code == 0 and not any(p.exists() for p in photos)
    journal = max(into.glob(".effnet-sort-*.jsonl"), key=lambda p: p.stat().st_mtime_ns)
    code, _, err = run(capsys, "sort", "--undo", str(journal))
    assert code == 0 and "4 photos put back" in err
    assert all(p.exists() for p in photos)


def test_a_move_to_another_drive_copies_checks_then_deletes(tmp_path: Path, monkeypatch) -> None:
    photos = distinct_photos(tmp_path / "in", 2)
    content = [p.read_bytes() for p in photos]
    real_link = os.link
    calls: list[str] = []

    def other_drive(source, target):  # type: ignore[no-untyped-def]
        calls.append(str(target))
        if Path(source).parent == tmp_path / "in":  # from the original: another drive
            raise OSError(errno.EXDEV, "Invalid cross-device link")
        return real_link(source, target)

    monkeypatch.setattr(os, "link", other_drive)
    placements = sorting.plan([(photos[0], "daisy", 0.9), (photos[1], "palace", 0.9)], 0.3)
    errors: list[str] = []
    placed = sorting.sort_photos(placements, tmp_path / "out", MOVE, tmp_path / "j.jsonl",
                                 lambda p, m: errors.append(m))  # fmt: skip
    done = len(placed)
    assert done == 2 and errors == [] and not any(p.exists() for p in photos)
    assert (tmp_path / "out" / "daisy" / photos[0].name).read_bytes() == content[0]
    assert not list((tmp_path / "out").rglob(".*.part"))


def test_a_photo_that_vanished_before_sorting_is_reported_and_the_rest_sorted(
    tmp_path: Path,
) -> None:
    photos = distinct_photos(tmp_path / "in", 2)
    photos[0].unlink()
    errors: list[tuple[Path, str]] = []
    placements = sorting.plan([(photos[0], "daisy", 0.9), (photos[1], "palace", 0.9)], 0.3)
    placed = sorting.sort_photos(placements, tmp_path / "out", COPY, tmp_path / "j.jsonl",
                                 lambda p, m: errors.append((p, m)))  # fmt: skip
    done = len(placed)
    assert done == 1 and errors[0][0] == photos[0] and "not found" in errors[0][1]
    assert sorting.folder_name("crane/bird: big?") == "crane-bird- big"


def test_a_full_disk_while_copying_leaves_no_partial_file_and_the_rest_goes_on(
    tmp_path: Path, monkeypatch
) -> None:
    photos = distinct_photos(tmp_path / "in", 2)
    real_copy = shutil.copy2

    def fills_the_disk(source, target, *args, **kwargs):  # type: ignore[no-untyped-def]
        if Path(source) == photos[0]:
            Path(target).write_bytes(b"half")  # what a full disk leaves behind
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_copy(source, target, *args, **kwargs)

    monkeypatch.setattr(shutil, "copy2", fills_the_disk)
    errors: list[str] = []
    placements = sorting.plan([(photos[0], "daisy", 0.9), (photos[1], "daisy", 0.9)], 0.3)
    placed = sorting.sort_photos(
        placements,
        tmp_path / "out",
        COPY,
        tmp_path / "j.jsonl",
        lambda p, m: errors.append(m),
    )
    assert len(placed) == 1 and errors == ["the disk is full"]
    assert sorted(p.name for p in (tmp_path / "out" / "daisy").iterdir()) == [photos[1].name]
    assert all(p.exists() for p in photos)


def test_a_stored_answer_says_so_in_the_human_output(
    capsys, tmp_path: Path, isolated_environment: Path
) -> None:
    photo = distinct_photos(tmp_path / "photos", 1)[0]
    _, first, _ = lite0(capsys, "classify", photo)
    _, second, _ = lite0(capsys, "classify", photo)
    engine = ENGINE_NAMES[chosen_cpu_engine(isolated_environment)]
    assert engine in first.splitlines()[0] and "inference" in first
    assert (
        second.splitlines()[0]
        == f"{photo}  (EfficientNet-Lite0 on cpu, fp32, answered in an earlier run)"
    )
    assert second.splitlines()[1:4] == first.splitlines()[1:4]  # the same answer


def test_sorting_into_a_folder_inside_the_source_never_takes_the_sorted_photos(
    capsys, tmp_path: Path, isolated_environment: Path
) -> None:
    source = tmp_path / "in"
    distinct_photos(source, 4)
    into = source / "sorted"
    for _ in range(2):
        code, _, err = lite0(capsys, "sort", source, "--recursive", "--into", into, "--copy")
        assert code == 0, err
    sorted_files = [p for p in into.rglob("*") if p.is_file() and not p.name.startswith(".")]
    assert len(sorted_files) == 8  # each run copied the 4 photos, and only those
    assert not any("(2) (2)" in p.name for p in sorted_files)


def test_sorting_into_a_path_under_a_file_fails_before_classifying(
    capsys, tmp_path: Path, isolated_environment: Path
) -> None:
    distinct_photos(tmp_path / "in", 2)
    (tmp_path / "notes.txt").write_text("a file")
    code, out, err = lite0(
        capsys, "sort", tmp_path / "in", "--into", tmp_path / "notes.txt" / "sub"
    )
    assert code == 1 and out == ""
    assert f"{tmp_path / 'notes.txt'} is not a folder" in err
