"""Digests of checked files: remembered on disk for listing, recomputed once per process
before use.

The policy (README, "What is checked when"):

- Listing a file (``effnet weights list``, Manage downloads) trusts the record written when
  it was last hashed, while the file's size and mtime are unchanged: no hashing.
- Using a file (loading weights into a model, opening an ONNX file) hashes it in full the
  first time in each process; later uses in that process trust the result while the file's
  size, mtimes and inode are unchanged. A byte flipped with size and mtime kept is caught
  by the next process that uses the file.
- A record counts only if it is signed with this user's key (:mod:`app.core.signing`):
  one copied in with a shared cache is ignored, as if there were none.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import threading
from pathlib import Path
from typing import Any

from app.core import signing
from app.core.cancel import CancelToken
from app.core.files import read_regular, write_replacing

HASH_CHUNK = 1024 * 1024
MAX_RECORD_BYTES = 64 * 1024


def sha256_file(path: Path, token: CancelToken | None = None) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(HASH_CHUNK):
            if token:
                token.raise_if_cancelled()
            digest.update(chunk)
    return digest.hexdigest()


def _identity(status: os.stat_result) -> tuple[int, ...]:
    """What changes whenever a file's bytes do (a restored mtime still moves the ctime)."""
    return (status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino)


class _ProcessDigests:
    """Files hashed in full by this process, by path and identity."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._digests: dict[str, tuple[tuple[int, ...], str]] = {}

    def digest(self, file: Path, token: CancelToken | None) -> str:
        key = str(file.resolve())
        identity = _identity(file.stat())
        with self._lock:
            known = self._digests.get(key)
        if known is not None and known[0] == identity:
            return known[1]
        digest = sha256_file(file, token)
        if _identity(file.stat()) == identity:  # unchanged while it was read
            with self._lock:
                self._digests[key] = (identity, digest)
        return digest


PROCESS_DIGESTS = _ProcessDigests()


class DigestRecords:
    """One small JSON record per checked file, kept in ``folder`` (beside the cache)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def path(self, file: Path) -> Path:
        return self.folder / (file.name + ".json")

    def record(self, file: Path) -> dict[str, Any] | None:
        """The record of ``file`` if this user's app wrote it (see :mod:`app.core.signing`)
        and the file's size and mtime are unchanged since; else None."""
        try:
            record = json.loads(read_regular(self.path(file), MAX_RECORD_BYTES))
            stat = file.stat()
        except (OSError, ValueError):
            return None
        if not isinstance(record, dict) or not isinstance(record.get("sha256"), str):
            return None
        signature = record.pop("signature", None)
        if record.get("name") != file.name or not signing.verify(record, signature):
            return None
        same_size = record.get("size") == stat.st_size
        return record if same_size and record.get("mtime_ns") == stat.st_mtime_ns else None

    def recorded(self, file: Path) -> str | None:
        """The digest recorded for ``file`` if the file is unchanged since; else None."""
        record = self.record(file)
        return record["sha256"] if record else None

    @staticmethod
    def digest(file: Path, token: CancelToken | None = None) -> str:
        """The file's sha256, hashed in full once per process (see the module's policy)."""
        return PROCESS_DIGESTS.digest(file, token)

    def write(self, file: Path, digest: str, *, name: str | None = None, **extra: str) -> bool:
        """Record ``digest`` for ``file`` (under ``name``, the file's final name, when it is
        still staged elsewhere); False when the folder is read-only."""
        stat = file.stat()
        name = name or file.name
        record = {"name": name, "size": stat.st_size, "mtime_ns": stat.st_mtime_ns,
                  "sha256": digest, **extra}  # fmt: skip
        record["signature"] = signing.sign(record)
        target = self.folder / (name + ".json")
        text = json.dumps(record).encode()
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            write_replacing(target, lambda stream: stream.write(text))
        except OSError:
            return False  # a read-only cache still works; the file is just hashed again
        return True

    def forget(self, file: Path) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.path(file).unlink()
