"""Remembered digests: a file checked once is trusted while its size and mtime stay the same."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path


class DigestRecords:
    """One small JSON record per checked file, kept in ``folder`` (beside the cache)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def path(self, file: Path) -> Path:
        return self.folder / (file.name + ".json")

    def recorded(self, file: Path) -> str | None:
        """The digest recorded for ``file`` if the file is unchanged since; else None."""
        try:
            record = json.loads(self.path(file).read_text(encoding="utf-8"))
            stat = file.stat()
        except (OSError, ValueError):
            return None
        if not isinstance(record, dict):
            return None
        same_size = record.get("size") == stat.st_size
        unchanged = same_size and record.get("mtime_ns") == stat.st_mtime_ns
        digest = record.get("sha256")
        return digest if unchanged and isinstance(digest, str) else None

    def write(self, file: Path, digest: str) -> None:
        stat = file.stat()
        record = {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns, "sha256": digest}
        target = self.path(file)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            temporary = target.with_suffix(".tmp")
            temporary.write_text(json.dumps(record), encoding="utf-8")
            temporary.replace(target)
        except OSError:
            pass  # a read-only cache still works; the file is just hashed again next time

    def forget(self, file: Path) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.path(file).unlink()
