"""Sorting photos into folders named by their top label, and undoing it.

Nothing is overwritten (a name already taken gets " (2)", " (3)" …); a copy is made under a
temporary name, checked against the original's digest and only then given its name; a move
to another drive is such a copy followed by deleting the original. Each step is written to
a journal (one JSON object a line, flushed before the next step), from which
:func:`undo` puts every photo back.

Each photo is a transaction: its step is written to the journal
(:mod:`app.core.folders.sort_journal`) before the photo is touched, a move whose delete
fails takes its copy back, and undo tells from the files what a step without its ``done``
line got to. So after any single failure every photo is exactly once in its place or in the
sorted tree, and after a kill at any point undo leaves every photo exactly once in its
place.

A journal can be handed over like any file, so undo trusts none of it blindly: a step is
undone only inside the two folders the journal was written for, on a regular file (never
through a symbolic link) whose content is still what was recorded.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import shutil
import stat
import time
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from app.core.errors import os_reason
from app.core.folders.prediction_cache import content_digest
from app.core.folders.sort_journal import COPY, MOVE, Journal, SortError, Step, read
from app.i18n import translate

_UNSAFE = re.compile(r'[\x00-\x1f<>:"/\\|?*]+')


def folder_name(label: str) -> str:
    """A folder name safe on every system for ``label`` ("crane/bird" → "crane-bird")."""
    name = _UNSAFE.sub("-", label).strip(" .-")
    return name or unsure_folder()


def unsure_folder() -> str:
    """Where photos with no answer sure enough go, named in the user's language ("unsure",
    "chưa chắc"): the journal records the name used, so undo works in any language."""
    return translate("Sorting", "unsure")


@dataclass(frozen=True)
class Placement:
    photo: Path
    folder: str  # a label's folder name, or unsure_folder()


def plan(answers: list[tuple[Path, str, float]], min_confidence: float) -> list[Placement]:
    """Where each (photo, top label, its probability) goes."""
    unsure = unsure_folder()
    return [
        Placement(photo, folder_name(label) if probability >= min_confidence else unsure)
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
) -> list[tuple[Path, Path]]:
    """Copy or move each photo into ``into/<folder>``; returns (photo, where it went) for
    each one sorted. A photo that cannot be sorted is reported to ``on_error`` and left where
    it is; if the journal cannot be written, sorting stops there (and says so): no step goes
    unrecorded."""
    into = into.resolve()
    placed: list[tuple[Path, Path]] = []
    try:
        log = Journal.create(journal, source=_common_folder(placements) or into, into=into)
    except OSError as error:
        on_error(journal, _journal_failed(error))
        return placed
    for placement in placements:
        photo = placement.photo.resolve()
        try:
            folder = into / placement.folder
            folder.mkdir(parents=True, exist_ok=True)
            target = free_name(folder, photo.name)
            digest = content_digest(photo)
        except (OSError, SortError) as error:
            on_error(placement.photo, _reason(error))
            continue
        try:
            step = log.intend(mode, photo, target, _staging_name(target), digest)
        except OSError as error:
            on_error(journal, _journal_failed(error))
            break
        try:
            _place(step)
        except (OSError, SortError) as error:
            on_error(placement.photo, _reason(error))
            continue
        placed.append((placement.photo, step.target))
        try:
            log.append({"done": step.line})
        except OSError as error:  # the step stands; undo tells it from the files
            on_error(journal, _journal_failed(error))
            break
    return placed


def _common_folder(placements: list[Placement]) -> Path | None:
    folders = {str(placement.photo.resolve().parent) for placement in placements}
    return Path(os.path.commonpath(sorted(folders))) if folders else None


def _staging_name(target: Path) -> Path:
    return target.with_name(f".{target.name}.{uuid.uuid4().hex}.part")


def _place(step: Step) -> None:
    """Copy or move the photo; a move whose delete fails takes its copy back."""
    if step.op == COPY:
        _copy_checked(step.source, step.target, step.staging, step.sha256)
        return
    _link_or_copy(step.source, step.target, step.staging, step.sha256)
    try:
        step.source.unlink()
    except OSError:
        with contextlib.suppress(OSError):  # if even this fails, undo removes the copy
            step.target.unlink()
        raise


def _link_or_copy(source: Path, target: Path, staging: Path, digest: str) -> None:
    """``target`` made a second name of ``source`` (same drive), or a checked copy of it."""
    try:
        os.link(source, target)  # the name is taken atomically, never replaced
    except OSError as error:
        if error.errno not in (errno.EXDEV, errno.EPERM, errno.EMLINK, errno.ENOTSUP):
            raise
        _copy_checked(source, target, staging, digest)


def _copy_checked(source: Path, target: Path, staging: Path, digest: str) -> None:
    """Copy under ``staging``, compare digests, then take ``target`` (never replacing a
    file that appeared there meanwhile)."""
    try:
        shutil.copy2(source, staging)
        if content_digest(staging) != digest:
            raise SortError(
                translate("Errors", "the copy of {name} differs from the original").format(
                    name=source.name
                )
            )
        os.link(staging, target)
    finally:
        with contextlib.suppress(OSError):  # else left for undo, which the journal tells
            staging.unlink(missing_ok=True)


def undo(journal: Path, on_error: Callable[[Path, str], None]) -> list[tuple[Path, Path]]:
    """Put back what the journal records, last step first; returns (sorted file, where the
    photo is now) for each photo put back: moved photos to their folder, under a free name
    if theirs was taken meanwhile; copies deleted (the photo is where it always was). A step
    whose file was changed, replaced by a link, or lies outside the journal's two folders is
    reported to ``on_error`` and left alone."""
    log = read(journal, on_error)
    undone: list[tuple[Path, Path]] = []
    for step in sorted(log.steps.values(), key=lambda step: -step.line):
        if step.undone:
            continue
        try:
            if _undo_step(log, step):
                undone.append((step.target, step.back or step.source))
        except FileNotFoundError:
            on_error(step.target, translate("Errors", "is no longer there"))
        except (OSError, SortError) as error:
            on_error(step.target, _reason(error))
    return undone


def _undo_step(log: Journal, step: Step) -> bool:
    """Undo one step, from what the files show; True if a photo was put back."""
    if not (_inside(step.target, log.into) and _inside(step.source, log.source)):
        raise SortError(translate("Errors", "lies outside the folders this sort was made in"))
    for staging, folder in ((step.staging, step.target), (step.back_staging, step.back)):
        if staging is not None and folder is not None and staging.parent == folder.parent:
            staging.unlink(missing_ok=True)  # a copy that a kill or a failure left behind
    placed = _holds(step.target, step.sha256)
    if step.op == MOVE and _holds(step.back or step.source, step.sha256, other_is_kept=True):
        # The photo is in its place: the move never finished, or the undo did not.
        if placed:
            step.target.unlink()
        _finish(log, step)
        return placed or step.back is not None
    if not placed:
        if step.op == MOVE or step.done:
            raise FileNotFoundError(step.target)
        _finish(log, step)  # a copy that was never made: nothing to take back
        return False
    if step.op == COPY:
        step.target.unlink()
    else:
        _put_back(log, step)
    _finish(log, step)
    return True


def _put_back(log: Journal, step: Step) -> None:
    """Move the photo of ``step`` back beside where it came from; a delete that fails takes
    the copy back, so the photo stays once, in the sorted tree."""
    step.source.parent.mkdir(parents=True, exist_ok=True)
    if not _without_links(step.source.parent):
        raise SortError(translate("Errors", "its folder is now a link; it is left alone"))
    back = free_name(step.source.parent, step.source.name)
    staging = _staging_name(back)
    log.append({"undo": step.line, "back": str(back), "staging": str(staging)})
    step.back, step.back_staging = back, staging
    _link_or_copy(step.target, back, staging, step.sha256)
    try:
        step.target.unlink()
    except OSError:
        with contextlib.suppress(OSError):
            back.unlink()
        raise


def _finish(log: Journal, step: Step) -> None:
    log.append({"undone": step.line})
    step.undone = True
    if step.target.parent != log.into:
        with contextlib.suppress(OSError):  # the label folder, once it is empty again
            step.target.parent.rmdir()


def _holds(path: Path, digest: str, *, other_is_kept: bool = False) -> bool:
    """True if ``path`` is a regular file, reached without links, with that content; False
    if there is none (or, with ``other_is_kept``, another file); else :class:`SortError`."""
    try:
        status = path.lstat()
    except FileNotFoundError:
        return False
    if not stat.S_ISREG(status.st_mode) or not _without_links(path.parent):
        if other_is_kept:
            return False
        raise SortError(translate("Errors", "is no longer a plain file; it is left alone"))
    if content_digest(path) == digest:
        return True
    if other_is_kept:
        return False
    raise SortError(translate("Errors", "was changed since it was sorted; it is kept"))


def _inside(path: Path, root: Path) -> bool:
    """True if ``path`` is strictly inside ``root``, written plainly (no "..")."""
    return path.is_absolute() and os.path.normpath(path) == str(path) and root in path.parents


def _without_links(folder: Path) -> bool:
    return Path(os.path.realpath(folder)) == folder


def _reason(error: OSError | SortError) -> str:
    return os_reason(error) if isinstance(error, OSError) else str(error)


def _journal_failed(error: OSError) -> str:
    return translate(
        "Errors", "the journal cannot be written ({reason}); sorting stopped here"
    ).format(reason=os_reason(error))


def journal_path(into: Path) -> Path:
    return into / f".effnet-sort-{time.strftime('%Y%m%d-%H%M%S')}-{uuid.uuid4().hex[:6]}.jsonl"
