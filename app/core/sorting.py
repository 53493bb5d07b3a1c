"""Sorting photos into folders named by their top label, and undoing it.

Nothing is overwritten (a name already taken gets " (2)", " (3)" …); a copy is made under a
temporary name, checked against the original's digest and only then given its name; a move
to another drive is such a copy followed by deleting the original. Each step is written to
a journal (one JSON object a line, flushed before the next step), from which
:func:`undo` puts every photo back.

A journal can be handed over like any file, so undo trusts none of it blindly: its header
names the two folders it was written for (where the photos came from, where they went),
every line is signed with this user's key (:mod:`app.core.signing`), and a step is undone
only inside those folders, on a regular file (never through a symbolic link) whose content
is still what was recorded. A line cut short by a crash is skipped, and said so.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import shutil
import stat
import time
import uuid
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.core import signing
from app.core.errors import EffnetError
from app.core.files import FileRefused, read_regular
from app.core.results_store import content_digest
from app.i18n import translate

UNSURE = "unsure"
COPY, MOVE = "copy", "move"
JOURNAL_FORMAT, JOURNAL_VERSION = "effnet-sort-journal", 2
MAX_JOURNAL_BYTES = 64 * 2**20
_UNSAFE = re.compile(r'[\x00-\x1f<>:"/\\|?*]+')


class SortError(EffnetError):
    """A photo could not be sorted, or a journal cannot be undone."""


def folder_name(label: str) -> str:
    """A folder name safe on every system for ``label`` ("crane/bird" → "crane-bird")."""
    name = _UNSAFE.sub("-", label).strip(" .-")
    return name or UNSURE


@dataclass(frozen=True)
class Placement:
    photo: Path
    folder: str  # a label's folder name, or UNSURE


def plan(answers: list[tuple[Path, str, float]], min_confidence: float) -> list[Placement]:
    """Where each (photo, top label, its probability) goes."""
    return [
        Placement(photo, folder_name(label) if probability >= min_confidence else UNSURE)
        for photo, label, probability in answers
    ]


def counts(placements: list[Placement]) -> Counter[str]:
    return Counter(placement.folder for placement in placements)


def free_name(folder: Path, name: str) -> Path:
    """``folder/name``, or ``name (2).ext`` … when that is taken."""
    target = folder / name
    stem, suffix = Path(name).stem, Path(name).suffix
    number = 2
    while target.exists() or target.is_symlink():
        target = folder / f"{stem} ({number}){suffix}"
        number += 1
    return target


def sort_photos(
    placements: list[Placement],
    into: Path,
    mode: str,
    journal: Path,
    on_error: Callable[[Path, str], None],
) -> int:
    """Copy or move each photo into ``into/<folder>``; returns how many were sorted. A photo
    that cannot be sorted is reported to ``on_error`` and left where it is."""
    sorted_count = 0
    into = into.resolve()
    with _Journal(journal, source=_common_folder(placements) or into, into=into) as log:
        for placement in placements:
            folder = into / placement.folder
            try:
                folder.mkdir(parents=True, exist_ok=True)
                target = _place(placement.photo, folder, mode)
            except (OSError, SortError) as error:
                message = error.strerror if isinstance(error, OSError) else str(error)
                on_error(placement.photo, message or str(error))
                continue
            # Undo touches the sorted file only if it is still this one.
            log.write({"op": mode, "from": str(placement.photo.resolve()), "to": str(target),
                       "sha256": content_digest(target)})  # fmt: skip
            sorted_count += 1
    return sorted_count


def _common_folder(placements: list[Placement]) -> Path | None:
    folders = {str(placement.photo.resolve().parent) for placement in placements}
    return Path(os.path.commonpath(sorted(folders))) if folders else None


def _place(photo: Path, folder: Path, mode: str) -> Path:
    target = free_name(folder, photo.name)
    if mode == MOVE:
        try:
            os.link(photo, target)  # same drive: the name is taken atomically, never replaced
            photo.unlink()
            return target
        except OSError as error:
            if error.errno not in (errno.EXDEV, errno.EPERM, errno.EMLINK, errno.ENOTSUP):
                raise
    _copy_checked(photo, target)
    if mode == MOVE:
        photo.unlink()
    return target


def _copy_checked(source: Path, target: Path) -> None:
    """Copy under a temporary name, compare digests, then take ``target`` (never replacing
    a file that appeared there meanwhile)."""
    staging = target.with_name(f".{target.name}.{uuid.uuid4().hex}.part")
    try:
        shutil.copy2(source, staging)
        if content_digest(staging) != content_digest(source):
            raise SortError(
                translate("Errors", "the copy of {name} differs from the original").format(
                    name=source.name
                )
            )
        os.link(staging, target)
    finally:
        staging.unlink(missing_ok=True)


@dataclass(frozen=True)
class _Step:
    op: str
    source: Path
    target: Path
    sha256: str


def undo(journal: Path, on_error: Callable[[Path, str], None]) -> int:
    """Put back what the journal records, last step first; returns how many were undone.
    Moved photos go back to their folder (under a free name if theirs was taken meanwhile);
    copies are deleted. A step whose file was changed, replaced by a link, or lies outside
    the journal's two folders is reported to ``on_error`` and left alone."""
    header, steps = _read_journal(journal, on_error)
    source_root, into = Path(header["source"]), Path(header["into"])
    undone = 0
    for step in reversed(steps):
        try:
            _undo_step(step, source_root, into)
        except FileNotFoundError:
            on_error(step.target, translate("Errors", "is no longer there"))
            continue
        except (OSError, SortError) as error:
            message = error.strerror if isinstance(error, OSError) and error.strerror else error
            on_error(step.target, str(message))
            continue
        undone += 1
    return undone


def _undo_step(step: _Step, source_root: Path, into: Path) -> None:
    if not (_inside(step.target, into) and _inside(step.source, source_root)):
        raise SortError(translate("Errors", "lies outside the folders this sort was made in"))
    _check_unchanged(step.target, step.sha256)
    if step.op == MOVE:
        step.source.parent.mkdir(parents=True, exist_ok=True)
        if not _without_links(step.source.parent):
            raise SortError(translate("Errors", "its folder is now a link; it is left alone"))
        back = free_name(step.source.parent, step.source.name)
        if step.target.stat().st_dev == step.source.parent.stat().st_dev:
            os.link(step.target, back)
        else:
            _copy_checked(step.target, back)
    step.target.unlink()
    if step.target.parent != into:
        with contextlib.suppress(OSError):  # the label folder, once it is empty again
            step.target.parent.rmdir()


def _inside(path: Path, root: Path) -> bool:
    """True if ``path`` is strictly inside ``root``, written plainly (no "..")."""
    return path.is_absolute() and os.path.normpath(path) == str(path) and root in path.parents


def _without_links(folder: Path) -> bool:
    return Path(os.path.realpath(folder)) == folder


def _check_unchanged(target: Path, digest: str) -> None:
    """``target`` is a regular file, reached without links, holding what was recorded."""
    status = target.lstat()
    if not stat.S_ISREG(status.st_mode) or not _without_links(target.parent):
        raise SortError(translate("Errors", "is no longer a plain file; it is left alone"))
    if content_digest(target) != digest:
        raise SortError(translate("Errors", "was changed since it was sorted; it is kept"))


def _read_journal(
    journal: Path, on_error: Callable[[Path, str], None]
) -> tuple[dict[str, str], list[_Step]]:
    """The journal's verified header and steps. A line that is not a signed step of this
    journal is reported and skipped; so is a last line cut short by a crash."""
    try:
        text = read_regular(journal, MAX_JOURNAL_BYTES).decode("utf-8", errors="replace")
    except (FileRefused, OSError) as error:
        reason = error if isinstance(error, FileRefused) else error.strerror or error
        raise SortError(
            translate("Errors", "cannot read {journal}: {strerror}").format(
                journal=journal, strerror=reason
            )
        ) from None
    lines = text.split("\n")
    cut_short = lines.pop()  # "" when the file ends with a newline, as a whole journal does
    header = _signed(lines[0] if lines else cut_short, {"line": 1})
    if (
        header is None
        or header.get("format") != JOURNAL_FORMAT
        or header.get("version") != JOURNAL_VERSION
        or not isinstance(header.get("source"), str)
        or Path(str(header.get("into"))) != journal.resolve().parent
    ):
        raise SortError(
            translate(
                "Errors",
                "{journal} is not a sorting journal this app wrote for you here; nothing was "
                "changed",
            ).format(journal=journal)
        )
    steps = []
    for number, line in enumerate(lines[1:], start=2):
        step = _signed(line, {"line": number, "journal": header["id"]})
        if (
            step is not None
            and step.get("op") in (COPY, MOVE)
            and all(isinstance(step.get(key), str) for key in ("from", "to", "sha256"))
        ):
            steps.append(_Step(step["op"], Path(step["from"]), Path(step["to"]), step["sha256"]))
        else:
            on_error(
                journal,
                translate("Errors", "line {number} is not a step of this journal; skipped").format(
                    number=number
                ),
            )
    if cut_short and lines:
        on_error(
            journal,
            translate(
                "Errors", "line {number} was cut short (a crash while writing?); skipped"
            ).format(number=len(lines) + 1),
        )
    return header, steps


def _signed(line: str, context: dict[str, object]) -> dict[str, Any] | None:
    """The JSON object on ``line`` if its signature, over it and ``context``, is this
    user's; else None."""
    try:
        fields = json.loads(line)
    except ValueError:
        return None
    if not isinstance(fields, dict):
        return None
    signature = fields.pop("signature", None)
    return fields if signing.verify({**fields, **context}, signature) else None


def journal_path(into: Path) -> Path:
    return into / f".effnet-sort-{time.strftime('%Y%m%d-%H%M%S')}-{uuid.uuid4().hex[:6]}.jsonl"


class _Journal:
    """Steps written one a line, each signed and synced before the next step begins."""

    def __init__(self, path: Path, *, source: Path, into: Path) -> None:
        self.path = path
        self.header = {
            "format": JOURNAL_FORMAT,
            "version": JOURNAL_VERSION,
            "id": uuid.uuid4().hex,
            "source": str(source),
            "into": str(into),
        }
        self.lines = 0

    def __enter__(self) -> _Journal:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._stream = self.path.open("x", encoding="utf-8")
        self._append(self.header, {})
        return self

    def write(self, step: dict[str, str]) -> None:
        self._append(step, {"journal": self.header["id"]})

    def _append(self, fields: Mapping[str, object], context: Mapping[str, object]) -> None:
        self.lines += 1
        signature = signing.sign({**fields, **context, "line": self.lines})
        self._stream.write(json.dumps({**fields, "signature": signature}) + "\n")
        self._stream.flush()
        os.fsync(self._stream.fileno())

    def __exit__(self, *_exc: object) -> None:
        self._stream.close()
