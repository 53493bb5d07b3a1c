"""Reading files a user hands us without hanging on FIFOs, devices or huge files."""

from __future__ import annotations

import os
import shutil
import stat
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO


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


def read_regular(path: Path, max_bytes: int) -> bytes:
    """The whole content of a regular file of at most ``max_bytes``.

    The file is opened without blocking and checked on the open descriptor, so a FIFO
    swapped in after a check cannot hang the reader.
    """
    check_regular(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    descriptor = os.open(path, flags)
    with os.fdopen(descriptor, "rb") as stream:
        status = os.fstat(stream.fileno())
        if not stat.S_ISREG(status.st_mode):
            raise FileRefused(f"{path} is {describe_kind(status.st_mode)}, not a file")
        if status.st_size > max_bytes:
            raise FileRefused(
                f"{path} is too large ({status.st_size // 2**20} MB; at most "
                f"{max_bytes // 2**20} MB)"
            )
        data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:  # it grew while we read
        raise FileRefused(f"{path} is too large (more than {max_bytes // 2**20} MB)")
    return data


def write_replacing(
    target: Path, write: Callable[[BinaryIO], object], *, like: Path | None = None
) -> None:
    """Write ``target`` through a hidden temporary file beside it, synced, then renamed over
    it: a full disk or a crash leaves the old file (or none) whole, never half of a new one.
    ``like``: a file whose permissions the new one takes. Raises OSError."""
    staging = target.with_name(f".{target.name}.{uuid.uuid4().hex}.part")
    try:
        with staging.open("xb") as stream:
            write(stream)
            stream.flush()
            os.fsync(stream.fileno())
        if like is not None:
            shutil.copymode(like, staging)
        staging.replace(target)
    finally:
        staging.unlink(missing_ok=True)
