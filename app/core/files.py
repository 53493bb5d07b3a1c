"""Reading files a user hands us without hanging on FIFOs, devices or huge files, and
writing outputs that never replace anything but a regular file.

Every file the app writes goes through :func:`write_replacing` (staged beside the target,
synced, renamed, the folder synced): exports, kept runs, records, thumbnails, XMP.
"""

from __future__ import annotations

import os
import shutil
import stat
import sys
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from app.core.errors import EffnetError, os_reason
from app.i18n import translate


class FileRefused(OSError):  # noqa: N818 - raised like the OSErrors it sits beside
    """``path`` exists but is not something to read (a folder, FIFO, device, too large)."""


def describe_kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def check_regular(path: Path) -> os.stat_result:
    """The file's status if ``path`` is a regular file (symlinks followed); else raises.

    Raises :class:`FileNotFoundError` (also for a dangling link), :class:`FileRefused`
    naming what it is instead, or another :class:`OSError`.
    """
    try:
        status = path.stat()
    except FileNotFoundError:
        if path.is_symlink():
            raise FileRefused(f"{path} is a broken link") from None
        raise
    if not stat.S_ISREG(status.st_mode):
        raise FileRefused(f"{path} is {describe_kind(status.st_mode)}, not a file")
    return status


def open_regular(path: Path) -> BinaryIO:
    """``path`` opened for reading if it is a regular file; else raises :class:`FileRefused`.

    The file is opened without blocking and checked on the open descriptor, so a FIFO
    (also one swapped in after a check) cannot hang the reader.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    stream = os.fdopen(os.open(path, flags), "rb")
    mode = os.fstat(stream.fileno()).st_mode
    if not stat.S_ISREG(mode):
        stream.close()
        raise FileRefused(f"{path} is {describe_kind(mode)}, not a file")
    return stream


def read_regular(path: Path, max_bytes: int) -> bytes:
    """The whole content of a regular file of at most ``max_bytes`` (see :func:`open_regular`)."""
    check_regular(path)
    with open_regular(path) as stream:
        status = os.fstat(stream.fileno())
        if status.st_size > max_bytes:
            raise FileRefused(
                f"{path} is too large ({status.st_size // 2**20} MB; at most "
                f"{max_bytes // 2**20} MB)"
            )
        data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:  # it grew while we read
        raise FileRefused(f"{path} is too large (more than {max_bytes // 2**20} MB)")
    return data


STANDARD_OUTPUT = "-"


def check_output(target: Path) -> None:
    """Raise :class:`FileRefused` unless ``target`` is a new path or a regular file: an
    output never replaces a device, a FIFO, a folder or a link (nor writes through one)."""
    try:
        mode = target.lstat().st_mode
    except FileNotFoundError:
        return
    if stat.S_ISLNK(mode):
        raise FileRefused(f"{target} is a link; write to a regular file or a new name")
    if not stat.S_ISREG(mode):
        raise FileRefused(f"{target} is {describe_kind(mode)}, not a file")


def write_output(target: Path, write: Callable[[BinaryIO], object]) -> None:
    """:func:`write_replacing`, or standard output when ``target`` is ``-``."""
    if str(target) == STANDARD_OUTPUT:
        write(sys.stdout.buffer)
        sys.stdout.buffer.flush()
    else:
        write_replacing(target, write)


def write_replacing(
    target: Path, write: Callable[[BinaryIO], object], *, like: Path | None = None
) -> None:
    """Write ``target`` through a hidden temporary file beside it, synced, then renamed over
    it: a full disk or a crash leaves the old file (or none) whole, never half of a new one.
    ``like``: a file whose permissions the new one takes. Raises OSError (:class:`FileRefused`
    when ``target`` is not a regular file or a new path)."""
    check_output(target)
    staging = target.with_name(f".{target.name}.{uuid.uuid4().hex}.part")
    try:
        with staging.open("xb") as stream:
            write(stream)
            stream.flush()
            os.fsync(stream.fileno())
        if like is not None:
            shutil.copymode(like, staging)
        staging.replace(target)
        _sync_folder(target.parent)
    finally:
        staging.unlink(missing_ok=True)


def _sync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` survive a power cut (POSIX; Windows has no such call)."""
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def save_bytes(target: Path, data: bytes) -> None:
    """:func:`write_replacing` of ``data``, or an :class:`EffnetError` saying in the user's
    words why it could not be saved."""
    try:
        write_replacing(target, lambda stream: stream.write(data))
    except OSError as error:
        raise EffnetError(
            translate("Errors", "could not save {path}: {reason}").format(
                path=target, reason=os_reason(error)
            )
        ) from None
