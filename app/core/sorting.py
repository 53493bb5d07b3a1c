"""Sorting photos into folders named by their top label, and undoing it.

Nothing is overwritten (a name already taken gets " (2)", " (3)" …); a copy is made under a
temporary name, checked against the original's digest and only then given its name; a move
to another drive is such a copy followed by deleting the original. Each step is written to
a journal (one JSON object a line, flushed before the next step), from which
:func:`undo` puts every photo back.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import shutil
import time
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from app.core.errors import EffnetError
from app.core.results_store import content_digest
from app.i18n import translate

UNSURE = "unsure"
COPY, MOVE = "copy", "move"
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
    with _Journal(journal) as log:
        for placement in placements:
            folder = into / placement.folder
            try:
                folder.mkdir(parents=True, exist_ok=True)
                target = _place(placement.photo, folder, mode)
            except (OSError, SortError) as error:
                message = error.strerror if isinstance(error, OSError) else str(error)
                on_error(placement.photo, message or str(error))
                continue
            step = {"op": mode, "from": str(placement.photo.resolve()), "to": str(target)}
            if mode == COPY:  # undo deletes a copy only if it is still this one
                step["sha256"] = content_digest(target)
            log.write(step)
            sorted_count += 1
    return sorted_count


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


def undo(journal: Path, on_error: Callable[[Path, str], None]) -> int:
    """Put back what the journal records, last step first; returns how many were undone.
    Moved photos go back to their folder (under a free name if theirs was taken meanwhile);
    copies are deleted, unless they were changed since."""
    try:
        lines = journal.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise SortError(
            translate("Errors", "cannot read {journal}: {strerror}").format(
                journal=journal, strerror=error.strerror or error
            )
        ) from None
    steps = []
    for number, line in enumerate(lines, start=1):
        try:
            step = json.loads(line)
            steps.append((step["op"], Path(step["from"]), Path(step["to"]), step.get("sha256")))
        except (ValueError, KeyError, TypeError):
            raise SortError(
                translate("Errors", "{journal} line {number} is not a sorting step").format(
                    journal=journal, number=number
                )
            ) from None
    undone = 0
    for op, source, target, digest in reversed(steps):
        try:
            if op == MOVE:
                source.parent.mkdir(parents=True, exist_ok=True)
                back = free_name(source.parent, source.name)
                if target.stat().st_dev == source.parent.stat().st_dev:
                    os.link(target, back)
                else:
                    _copy_checked(target, back)
                target.unlink()
            elif op == COPY:
                if content_digest(target) != digest:
                    raise SortError(
                        translate("Errors", "was changed since it was copied; it is kept")
                    )
                target.unlink()
            else:
                raise SortError(translate("Errors", "unknown step {op!r}").format(op=op))
            with contextlib.suppress(OSError):  # the label folder, once it is empty again
                target.parent.rmdir()
        except FileNotFoundError:
            on_error(target, "is no longer there")
            continue
        except (OSError, SortError) as error:
            on_error(target, str(error))
            continue
        undone += 1
    return undone


def journal_path(into: Path) -> Path:
    return into / f".effnet-sort-{time.strftime('%Y%m%d-%H%M%S')}-{uuid.uuid4().hex[:6]}.jsonl"


class _Journal:
    def __init__(self, path: Path) -> None:
        self.path = path

    def __enter__(self) -> _Journal:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._stream = self.path.open("a", encoding="utf-8")
        return self

    def write(self, step: dict[str, str]) -> None:
        self._stream.write(json.dumps(step) + "\n")
        self._stream.flush()
        os.fsync(self._stream.fileno())

    def __exit__(self, *_exc: object) -> None:
        self._stream.close()
