"""Answers kept between runs, so a photo is classified again only when its content or the
model changes (see docs/decisions/0008-results-store.md).

One SQLite database (the standard library's, in WAL mode) in the app's data folder:

- ``files``: path (its bytes, as the file system has them) → the file's identity (device,
  inode, size, modification and change times) and the sha256 of its content, so an
  unchanged file is recognised from ``stat`` alone;
- ``answers``: (content sha256, model id, weights sha256) → the top classes and the device
  and precision that computed them, so a renamed or copied photo finds its answer, and new
  weights for a model ask again;
- ``features``: (content sha256, model id, weights sha256, view) → the model's pooled
  features of the photo as taken, mirrored or closer, so teaching a label set again after
  adding photos reads only the new ones.

Each answer is committed as it arrives: a run killed midway loses none that it finished.
An answer is kept only if the photo's identity is still what it was when its content was
hashed, so a photo replaced during a run is never stored under another content's key.

The store never stops a run: a damaged database is moved aside, and one that is locked,
read-only, removed or written by a newer version is left alone; either way the run is
told once (``warn``) and goes on without stored answers.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import numpy as np
import platformdirs

from app import APP_NAME
from app.core.errors import os_reason
from app.core.files import check_regular
from app.core.inference.predictions import Prediction, StageTimings, TopClass
from app.core.models.catalog import ModelSpec
from app.core.weights.records import sha256_file
from app.i18n import translate

log = logging.getLogger(__name__)
# 2: files keyed by the path's bytes, recognised by their full identity; 3: answers say
# which device and precision computed them (those kept before say nothing: '').
SCHEMA_VERSION = 3
STORED = "stored"  # the engine of an answer read back from the store
SCHEMA = """
CREATE TABLE IF NOT EXISTS files (
    path BLOB PRIMARY KEY,
    identity TEXT NOT NULL,
    content TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS answers (
    content TEXT NOT NULL,
    model TEXT NOT NULL,
    weights TEXT NOT NULL,
    top TEXT NOT NULL,
    device TEXT NOT NULL DEFAULT '',
    precision TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (content, model, weights)
);
CREATE TABLE IF NOT EXISTS features (
    content TEXT NOT NULL,
    model TEXT NOT NULL,
    weights TEXT NOT NULL,
    view TEXT NOT NULL,
    vector BLOB NOT NULL,
    PRIMARY KEY (content, model, weights, view)
);
"""
MAX_FEATURES = 8192  # a stored vector longer than any model's is damaged
BUSY_TIMEOUT = 30.0  # seconds another run may hold the write lock
DAMAGED_SUFFIX = ".damaged"
_T = TypeVar("_T")


class _Newer(Exception):  # noqa: N818 - a reason, not a fault
    """The database was written by a newer version of the app."""


def default_path() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "results.sqlite3"


def content_digest(path: Path) -> str:
    """The sha256 of a regular file's bytes (never a FIFO's)."""
    check_regular(path)
    return sha256_file(path)


def identity(status: os.stat_result) -> str:
    """What changes whenever a file is written or replaced (its change time cannot be set
    back by programs), in one string."""
    return (
        f"{status.st_dev}:{status.st_ino}:{status.st_size}:{status.st_mtime_ns}:"
        f"{status.st_ctime_ns}"
    )


def _model_key(spec: ModelSpec) -> str:
    """A model's id; a label set's also names its head, so two sets never share answers."""
    return spec.id if spec.head is None else f"{spec.id}#{spec.head.digest}"


def _key(photo: Path) -> bytes:
    """A photo's path as the file system has it: any name, UTF-8 or not, keys exactly."""
    return os.fsencode(photo.resolve())


class PredictionCache:
    """The stored answers; one connection, for one thread at a time."""

    def __init__(
        self,
        path: Path | None = None,
        *,
        warn: Callable[[str], None] = log.warning,
        busy_timeout: float = BUSY_TIMEOUT,
    ) -> None:
        self.path = path or default_path()
        self._warn = warn
        self._db: sqlite3.Connection | None = None
        self._file: tuple[int, int] | None = None  # the database's device and inode
        self._guard(lambda: self._open(busy_timeout), None)

    @property
    def available(self) -> bool:
        """False once the store has stepped aside for this run."""
        return self._db is not None

    def _open(self, busy_timeout: float) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(self.path, timeout=busy_timeout, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")  # durable across a killed process
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise _Newer
        if version < SCHEMA_VERSION:
            self._db.execute("DROP TABLE IF EXISTS files")  # a cache of digests: made anew
        self._db.executescript(SCHEMA)
        columns = {row[1] for row in self._db.execute("PRAGMA table_info(answers)")}
        for column in ("device", "precision"):  # answers kept by version 2
            if column not in columns:
                self._db.execute(
                    f"ALTER TABLE answers ADD COLUMN {column} TEXT NOT NULL DEFAULT ''"
                )
        self._db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        status = self.path.stat()
        self._file = (status.st_dev, status.st_ino)

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def content_key(self, photo: Path) -> tuple[str, str]:
        """The content digest of ``photo`` and the identity it had when hashed, from
        ``stat`` alone when the file is as last seen; raises OSError for a file that cannot
        be read."""
        status = check_regular(photo)
        seen = identity(status)
        path = _key(photo)
        row = self._query("SELECT identity, content FROM files WHERE path = ?", (path,))
        if row is not None and row[0] == seen:
            return str(row[1]), seen
        content = content_digest(photo)
        self._write(
            "INSERT OR REPLACE INTO files (path, identity, content) VALUES (?, ?, ?)",
            (path, seen, content),
        )
        return content, seen

    def answer(self, content: str, spec: ModelSpec, top_k: int) -> Prediction | None:
        """The stored answer of at least ``top_k`` classes (cut to ``top_k``), if any, with
        the device and precision that computed it and ``STORED`` as its engine."""
        row = self._query(
            "SELECT top, device, precision FROM answers "
            "WHERE content = ? AND model = ? AND weights = ?",
            (content, _model_key(spec), spec.weights.sha256),
        )
        if row is None:
            return None
        try:
            pairs = json.loads(str(row[0]))
            top = tuple(
                TopClass(rank, int(index), spec.labels[int(index)], float(probability))
                for rank, (index, probability) in enumerate(pairs, start=1)
            )
        except (ValueError, TypeError, IndexError):
            return None  # damaged: asked again
        if len(top) < top_k:
            return None
        device, precision = (str(value) for value in row[1:])
        return Prediction(
            spec.id, spec.name, device, precision, top[:top_k], StageTimings(), engine=STORED
        )

    def keep(
        self, content: str, seen: str, photo: Path, spec: ModelSpec, prediction: Prediction
    ) -> bool:
        """Keep ``prediction`` as the answer for ``content``, if ``photo`` still has the
        identity ``seen`` it had when ``content`` was hashed (else it changed while being
        classified, and the answer is not kept); False when it was not kept."""
        if not self._unchanged(photo, seen):
            return False
        pairs = json.dumps([[t.index, round(t.probability, 7)] for t in prediction.top])
        return self._write(
            "INSERT OR REPLACE INTO answers (content, model, weights, top, device, precision) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (content, _model_key(spec), spec.weights.sha256, pairs, prediction.device,
             prediction.precision),
        )  # fmt: skip

    def features(self, content: str, spec: ModelSpec, view: str) -> np.ndarray | None:
        """The stored pooled features of ``content`` under ``view``, if any (float32)."""
        row = self._query(
            "SELECT vector FROM features "
            "WHERE content = ? AND model = ? AND weights = ? AND view = ?",
            (content, _model_key(spec), spec.weights.sha256, view),
        )
        if row is None or not isinstance(row[0], bytes):
            return None
        data = row[0]
        if not 0 < len(data) <= 4 * MAX_FEATURES or len(data) % 4:
            return None  # damaged: made again
        vector = np.frombuffer(data, dtype="<f4").astype(np.float32)
        return vector if np.isfinite(vector).all() else None

    def keep_features(
        self, content: str, seen: str, photo: Path, spec: ModelSpec, view: str, vector: np.ndarray
    ) -> bool:
        """Keep ``vector`` as ``content``'s features under ``view``, as :meth:`keep` keeps
        answers (only if ``photo`` is unchanged since it was hashed)."""
        if not self._unchanged(photo, seen):
            return False
        data = np.ascontiguousarray(vector, dtype="<f4").tobytes()
        return self._write(
            "INSERT OR REPLACE INTO features (content, model, weights, view, vector) "
            "VALUES (?, ?, ?, ?, ?)",
            (content, _model_key(spec), spec.weights.sha256, view, data),
        )

    def rekey(self, photo: Path) -> None:
        """After the app itself rewrote ``photo`` (keywords embedded, the pixels as they
        were): the answers and features kept for the content it had are kept for the
        content it has now,
        so the next run finds them instead of classifying again. Raises OSError for a file
        that cannot be read."""
        row = self._query("SELECT content FROM files WHERE path = ?", (_key(photo),))
        if row is None:
            return
        content, _seen = self.content_key(photo)
        self._write(
            "INSERT OR REPLACE INTO answers (content, model, weights, top, device, precision) "
            "SELECT ?, model, weights, top, device, precision FROM answers WHERE content = ?",
            (content, row[0]),
        )
        self._write(
            "INSERT OR REPLACE INTO features (content, model, weights, view, vector) "
            "SELECT ?, model, weights, view, vector FROM features WHERE content = ?",
            (content, row[0]),
        )

    def count(self) -> int:
        row = self._query("SELECT COUNT(*) FROM answers", ())
        return int(str(row[0])) if row else 0

    def _unchanged(self, photo: Path, seen: str) -> bool:
        """True when ``photo`` still has the identity ``seen`` it had when hashed, and the
        database is still where it was: only then is what was learned of it kept."""
        try:
            if identity(photo.stat()) != seen:
                return False
        except OSError:
            return False
        return self._still_there()

    def _still_there(self) -> bool:
        """False (and the store steps aside) when the database file was removed or
        replaced during the run: what is written then would be lost without a word."""
        try:
            status = self.path.stat()
            same = (status.st_dev, status.st_ino) == self._file
        except OSError:
            same = False
        if not same and self._db is not None:
            self.close()
            self._warn(
                translate(
                    "Errors",
                    "{path} was removed during the run; answers from now on are not kept",
                ).format(path=self.path)
            )
        return same

    def _query(self, statement: str, values: tuple[object, ...]) -> tuple[object, ...] | None:
        def run() -> tuple[object, ...] | None:
            assert self._db is not None
            row: tuple[object, ...] | None = self._db.execute(statement, values).fetchone()
            return row

        return self._guard(run, None) if self._db is not None else None

    def _write(self, statement: str, values: tuple[object, ...]) -> bool:
        def run() -> bool:
            assert self._db is not None
            self._db.execute(statement, values)
            return True

        return self._guard(run, False) if self._db is not None else False

    def _guard(self, work: Callable[[], _T], otherwise: _T) -> _T:
        """``work()``, or ``otherwise`` once the store has stepped aside because of it."""
        try:
            return work()
        except _Newer:
            reason = translate("Errors", "it was written by a newer version of the app")
        except sqlite3.OperationalError as error:  # locked, read-only, out of space …
            reason = str(error)
        except sqlite3.DatabaseError as error:  # damaged pages, not a database at all
            reason = str(error)
            aside = self._set_aside()
            if aside is not None:
                reason += "; " + translate("Errors", "it was moved to {aside}").format(
                    aside=aside.name
                )
        except OSError as error:
            reason = os_reason(error)
        self.close()
        self._warn(
            translate(
                "Errors",
                "cannot use the stored answers in {path} ({reason}); this run goes on without them",
            ).format(path=self.path, reason=reason)
        )
        return otherwise

    def _set_aside(self) -> Path | None:
        """Move a damaged database (and its WAL files) out of the way, for a look and so the
        next run starts a new one; None if it could not be moved."""
        self.close()
        aside = self.path.with_name(
            f"{self.path.name}.{time.strftime('%Y%m%d-%H%M%S')}{DAMAGED_SUFFIX}"
        )
        try:
            self.path.replace(aside)
        except OSError:
            return None
        for suffix in ("-wal", "-shm"):
            companion = self.path.with_name(self.path.name + suffix)
            if companion.exists():
                with contextlib.suppress(OSError):
                    companion.replace(aside.with_name(aside.name + suffix))
        return aside
