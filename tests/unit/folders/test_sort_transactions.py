"""Sorting as a transaction, shown by fault injection: each step (link, copy, delete, sync,
journal line) fails in turn, or the process is killed there; every photo is then exactly
once (in its place or in the sorted tree), and after undo exactly once in its place."""

from __future__ import annotations

import collections
import errno
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from app.core import signing
from app.core.folders.sort_journal import COPY, MOVE, Journal
from app.core.folders.sorting import Placement, journal_path, sort_photos, undo

POINTS = ("link", "unlink", "copy2", "fsync", "journal")


def _photos(folder: Path, count: int = 2) -> dict[Path, bytes]:
    folder.mkdir(parents=True)
    made = {}
    for number in range(count):
        content = f"photo {number} ".encode() * 100
        (folder / f"photo-{number}.jpg").write_bytes(content)
        made[folder / f"photo-{number}.jpg"] = content
    return made


def _files(*roots: Path, staged: bool = True) -> collections.Counter[bytes]:
    """The content of every file under ``roots`` but the journals; without ``staged``, only
    what the user sees: not the hidden copies a failed delete left for undo to remove."""
    found: collections.Counter[bytes] = collections.Counter()
    for root in roots:
        for path in root.rglob("*") if root.exists() else ():
            hidden = path.name.startswith(".") and path.name.endswith(".part")
            if path.is_file() and not path.name.startswith(".effnet-sort-"):
                found[path.read_bytes()] += staged or not hidden
    return +found


def _assert_each_exactly_once(photos: dict[Path, bytes], *roots: Path) -> None:
    assert _files(*roots, staged=False) == collections.Counter(photos.values())


def _assert_all_in_place(photos: dict[Path, bytes], into: Path) -> None:
    assert {path: path.read_bytes() for path in photos if path.exists()} == photos
    assert not _files(into)


class Faults:
    """Counts calls of the patched functions and makes call ``at`` of ``point`` fail; with
    ``foreign`` set, a link from a file under it fails as across drives."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls: collections.Counter[str] = collections.Counter()
        self.point, self.at = "", 0
        self.foreign: Path | None = None
        real_link = os.link

        def link(a: object, b: object, *args: object, **kwargs: object) -> None:
            self._count("link")
            if self.foreign is not None and self.foreign in Path(str(a)).parents:
                raise OSError(errno.EXDEV, "Invalid cross-device link")
            real_link(a, b, *args, **kwargs)  # type: ignore[arg-type]

        self._wrap(monkeypatch, os, "fsync", "fsync")
        self._wrap(monkeypatch, shutil, "copy2", "copy2")
        self._wrap(monkeypatch, Path, "unlink", "unlink")
        self._wrap(monkeypatch, Journal, "append", "journal")
        monkeypatch.setattr(os, "link", link)

    def _count(self, point: str) -> None:
        self.calls[point] += 1
        if point == self.point and self.calls[point] == self.at:
            raise OSError(errno.EIO, f"injected failure of {point}")

    def _wrap(self, monkeypatch: pytest.MonkeyPatch, owner: object, name: str, point: str) -> None:
        real: Callable[..., object] = getattr(owner, name)

        def wrapper(*args: object, **kwargs: object) -> object:
            self._count(point)
            return real(*args, **kwargs)

        monkeypatch.setattr(owner, name, wrapper)

    def arm(self, point: str, at: int) -> None:
        self.calls.clear()
        self.point, self.at = point, at


def _sort(photos: dict[Path, bytes], into: Path, mode: str) -> tuple[int, list[str]]:
    errors: list[str] = []
    placements = [Placement(path, f"label-{n}") for n, path in enumerate(photos)]
    placed = sort_photos(placements, into, mode, journal_path(into), lambda p, m: errors.append(m))
    return len(placed), errors


def _journal(into: Path) -> Path:
    return next(into.glob(".effnet-sort-*.jsonl"))


def _cases(faults: Faults, run: Callable[[], object]) -> Iterator[tuple[str, int]]:
    """Every (point, call number) that a clean ``run`` reaches."""
    signing.sign({})  # the signing key is made before, not during, the run
    faults.arm("", 0)
    run()
    return ((point, at) for point in POINTS for at in range(1, faults.calls[point] + 1))


@pytest.mark.parametrize("cross_drive", [False, True], ids=["same drive", "another drive"])
@pytest.mark.parametrize("mode", [MOVE, COPY])
def test_any_single_failure_while_sorting_leaves_each_photo_exactly_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mode: str, cross_drive: bool
) -> None:
    rehearsal = tmp_path / "rehearsal"
    faults = Faults(monkeypatch)
    faults.foreign = rehearsal / "in" if cross_drive else None
    cases = list(_cases(faults, lambda: _sort(_photos(rehearsal / "in"), rehearsal / "out", mode)))
    assert {point for point, _ in cases} >= {"link", "fsync", "journal"}
    for number, (point, at) in enumerate(cases):
        source = tmp_path / f"case-{number}" / "in"
        into = source.parent / "out"
        photos = _photos(source)
        faults.foreign = source if cross_drive else None
        faults.arm(point, at)
        done, errors = _sort(photos, into, mode)
        assert faults.calls[point] >= at, (point, at)  # the failure did happen
        if mode == MOVE:
            _assert_each_exactly_once(photos, source, into)
        else:  # the originals stay; each copy is there at most once
            assert _files(source) == collections.Counter(photos.values())
            assert all(count <= 1 for count in _files(into, staged=False).values())
        assert len(errors) >= 1 or done == len(photos)
        faults.arm("", 0)
        for journal in into.glob(".effnet-sort-*.jsonl"):  # none if its first line failed
            undo(journal, lambda p, m: None)
        _assert_all_in_place(photos, into)


@pytest.mark.parametrize("cross_drive", [False, True], ids=["same drive", "another drive"])
def test_any_single_failure_while_undoing_leaves_each_photo_exactly_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cross_drive: bool
) -> None:
    rehearsal = tmp_path / "rehearsal"
    faults = Faults(monkeypatch)
    photos = _photos(rehearsal / "in")
    _sort(photos, rehearsal / "out", MOVE)
    faults.foreign = rehearsal / "out" if cross_drive else None
    cases = list(_cases(faults, lambda: undo(_journal(rehearsal / "out"), lambda p, m: None)))
    for number, (point, at) in enumerate(cases):
        source = tmp_path / f"case-{number}" / "in"
        into = source.parent / "out"
        photos = _photos(source)
        faults.foreign = None
        faults.arm("", 0)
        assert _sort(photos, into, MOVE)[0] == len(photos)
        faults.foreign = into if cross_drive else None
        faults.arm(point, at)
        undo(_journal(into), lambda p, m: None)
        _assert_each_exactly_once(photos, source, into)
        faults.arm("", 0)
        undo(_journal(into), lambda p, m: None)
        _assert_all_in_place(photos, into)


KILLER = """
import os, shutil, signal, sys
from pathlib import Path
from app.core.folders import sorting
from app.core.folders.sort_journal import Journal

kill_at, calls = int(sys.argv[1]), [0]

def killing(real):
    def wrapper(*args, **kwargs):
        calls[0] += 1
        if calls[0] == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)
        return real(*args, **kwargs)
    return wrapper

os.link, os.fsync, shutil.copy2 = killing(os.link), killing(os.fsync), killing(shutil.copy2)
Path.unlink = killing(Path.unlink)
source, into, what = Path(sys.argv[2]), Path(sys.argv[3]), sys.argv[4]
if what == "undo":
    sorting.undo(next(into.glob(".effnet-sort-*.jsonl")), lambda p, m: None)
else:
    placements = [sorting.Placement(p, "cat") for p in sorted(source.iterdir())]
    sorting.sort_photos(placements, into, what, sorting.journal_path(into), lambda p, m: None)
print("calls", calls[0])
"""


def _killed_at(at: int, source: Path, into: Path, what: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", KILLER, str(at), str(source), str(into), what],
        capture_output=True, text=True, timeout=60, env=os.environ.copy(),
    )  # fmt: skip


@pytest.mark.timeout(300)
@pytest.mark.parametrize("what", [MOVE, "undo"])
def test_a_kill_at_any_step_is_put_right_by_undo(tmp_path: Path, what: str) -> None:
    at = 1
    while True:
        source, into = tmp_path / f"kill-{at}" / "in", tmp_path / f"kill-{at}" / "out"
        photos = _photos(source)
        if what == "undo":
            assert _sort(photos, into, MOVE)[0] == len(photos)
        result = _killed_at(at, source, into, what)
        if result.returncode == 0:  # past the last step: nothing left to kill
            assert at > 3, result.stdout
            break
        assert result.returncode == -signal.SIGKILL, result.stderr
        present = _files(source, into)
        assert set(present) == set(photos.values())  # nothing lost, whatever the moment
        undo(_journal(into), lambda p, m: None)
        _assert_all_in_place(photos, into)
        at += 1
