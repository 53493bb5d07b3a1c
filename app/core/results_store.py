"""Answers kept between runs, so a photo is classified again only when its content or the
model changes (see docs/decisions/0008-results-store.md).

One SQLite database (the standard library's, in WAL mode) in the app's data folder:

- ``files``: path → size, modification time and the sha256 of the content, so an unchanged
  file is recognised from ``stat`` alone;
- ``answers``: (content sha256, model id, weights sha256) → the top classes, so a renamed or
  copied photo finds its answer, and new weights for a model ask again.

Each answer is committed as it arrives: a run killed midway loses none that it finished.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import platformdirs

from app import APP_NAME
from app.core.catalog import ModelSpec
from app.core.classifier import TopClass
from app.core.errors import EffnetError
from app.core.files import check_regular
from app.core.records import sha256_file
from app.i18n import translate

SCHEMA_VERSION = 1
SCHEMA = """
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    content TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS answers (
    content TEXT NOT NULL,
    model TEXT NOT NULL,
    weights TEXT NOT NULL,
    top TEXT NOT NULL,
    PRIMARY KEY (content, model, weights)
);
"""
BUSY_TIMEOUT = 30.0  # seconds another run may hold the write lock


class ResultsStoreError(EffnetError):
    """The results database cannot be opened or written."""


def default_path() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "results.sqlite3"


def content_digest(path: Path) -> str:
    """The sha256 of a regular file's bytes (never a FIFO's)."""
    check_regular(path)
    return sha256_file(path)


class ResultsStore:
    """The stored answers; one connection, for one thread at a time."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_path()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")  # durable across a killed process
            version = self._db.execute("PRAGMA user_version").fetchone()[0]
            if version not in (0, SCHEMA_VERSION):
                raise ResultsStoreError(
                    translate(
                        "Errors",
                        (
                            "{path} was written by a newer version of the app; use "
                            "--no-cache, or move it away"
                        ),
                    ).format(path=self.path)
                )
            self._db.executescript(SCHEMA)
            self._db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        except sqlite3.DatabaseError as error:
            raise ResultsStoreError(
                translate("Errors", "cannot use the results file {path}: {error}").format(
                    path=self.path, error=error
                )
            ) from None
        except OSError as error:
            raise ResultsStoreError(
                translate("Errors", "cannot use the results file {path}: {strerror}").format(
                    path=self.path, strerror=error.strerror or error
                )
            ) from None

    def close(self) -> None:
        self._db.close()

    def content_key(self, photo: Path) -> str:
        """The content digest of ``photo``, from ``stat`` alone when its path, size and
        modification time are as last seen; raises OSError for a file that cannot be read."""
        status = check_regular(photo)
        path = str(photo.resolve())
        row = self._db.execute(
            "SELECT size, mtime_ns, content FROM files WHERE path = ?", (path,)
        ).fetchone()
        if row is not None and (row[0], row[1]) == (status.st_size, status.st_mtime_ns):
            return str(row[2])
        content = content_digest(photo)
        self._write(
            "INSERT OR REPLACE INTO files (path, size, mtime_ns, content) VALUES (?, ?, ?, ?)",
            (path, status.st_size, status.st_mtime_ns, content),
        )
        return content

    def answer(self, content: str, spec: ModelSpec, top_k: int) -> tuple[TopClass, ...] | None:
        """The stored answer of at least ``top_k`` classes (cut to ``top_k``), if any."""
        row = self._db.execute(
            "SELECT top FROM answers WHERE content = ? AND model = ? AND weights = ?",
            (content, spec.id, spec.weights.sha256),
        ).fetchone()
        if row is None:
            return None
        try:
            pairs = json.loads(row[0])
            top = tuple(
                TopClass(rank, int(index), spec.labels[int(index)], float(probability))
                for rank, (index, probability) in enumerate(pairs, start=1)
            )
        except (ValueError, TypeError, IndexError):
            return None  # damaged: asked again
        return top[:top_k] if len(top) >= top_k else None

    def keep(self, content: str, spec: ModelSpec, top: tuple[TopClass, ...]) -> None:
        pairs = json.dumps([[t.index, round(t.probability, 7)] for t in top])
        self._write(
            "INSERT OR REPLACE INTO answers (content, model, weights, top) VALUES (?, ?, ?, ?)",
            (content, spec.id, spec.weights.sha256, pairs),
        )

    def count(self) -> int:
        return int(self._db.execute("SELECT COUNT(*) FROM answers").fetchone()[0])

    def _write(self, statement: str, values: tuple[object, ...]) -> None:
        try:
            self._db.execute(statement, values)
        except sqlite3.OperationalError as error:
            raise ResultsStoreError(
                translate("Errors", "cannot write the results file {path}: {error}").format(
                    path=self.path, error=error
                )
            ) from None
