"""The weights cache: download on first use, verify before use, import, list and remove.

A file reaches torch only after its sha256 matched the catalog, hashed in full by the
process that loads it (once per process). Listings trust the record of the last check
(size, mtime, digest under ``.checks/``, signed with this user's key); see
:mod:`app.core.weights.records` for the policy. A read-only cache works: its files are verified
without writing anything.

A catalog entry holds the full sha256, or only the 8 hex digits torchvision puts in its
file names until the full one is recorded (``packaging/record_digests.py``). Such a prefix
can be matched by a forged file in minutes, so it verifies a file only when the file came
from the catalog's own HTTPS address, as its signed record says; an imported or mirrored
file that matches only the prefix can be used, but is :attr:`WeightsState.UNVERIFIED`, and
every list of models says so.

It is long because the states a file can be in (missing, partial, verified, unverified,
set aside) are decided together, in one place.
"""

from __future__ import annotations

import contextlib
import dataclasses
import enum
import os
import shutil
import stat
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import filelock

from app.core.cancel import CancelToken
from app.core.errors import (
    DigestMismatchError,
    NotWritableError,
    NoWeightsSourceError,
    WeightsError,
    os_reason,
)
from app.core.files import check_regular
from app.core.models.catalog import PACKAGE_SCHEME, ModelSpec
from app.core.weights.download import (
    DownloadPolicy,
    ProgressCallback,
    download,
    unreadable_weights,
)
from app.core.weights.records import DigestRecords, sha256_file
from app.i18n import translate

NoticeCallback = Callable[[str], None]
PARTIAL_SUFFIX = ".part"
CORRUPT_SUFFIX = ".corrupt"
IMPORT_SUFFIX = ".import"
REMOVE_WAIT = 2.0  # seconds remove() waits for a download or check of the same file


class WeightsState(enum.Enum):
    MISSING = "missing"
    PARTIAL = "partial"  # an interrupted download that the next attempt resumes
    CACHED = "cached"  # present, checked again before use
    VERIFIED = "verified"
    UNVERIFIED = "unverified"  # matches only a short digest, from elsewhere than the catalog
    BUNDLED = "bundled"  # ships with the app, no download


@dataclass(frozen=True)
class WeightsStatus:
    model_id: str
    file_name: str
    path: Path
    state: WeightsState
    size_bytes: int | None  # on disk when present, else the expected size
    partial_bytes: int = 0

    @property
    def ready(self) -> bool:
        """True when using the model needs no download."""
        return self.state in _READY


_READY = {WeightsState.CACHED, WeightsState.VERIFIED, WeightsState.UNVERIFIED, WeightsState.BUNDLED}
OFFICIAL_ORIGIN = "catalog"  # fetched from the catalog's own HTTPS address
OTHER_ORIGIN = "elsewhere"  # imported, mirrored, plain HTTP or file, or not known


def origin_of_download(spec: ModelSpec) -> str:
    url = spec.weights.url
    return (
        OFFICIAL_ORIGIN
        if url.startswith("https://") and not spec.weights.mirrored
        else OTHER_ORIGIN
    )


def unverified_notice(spec: ModelSpec) -> str:
    """What to tell the user of an UNVERIFIED file, in words."""
    return translate(
        "Errors",
        "the file of {name} could not be verified: only the first digits of its checksum "
        "are known, which a forged file can match. It is used; download it within the app "
        "to have it verified.",
    ).format(name=spec.name)


def trust(actual: str, spec: ModelSpec, origin: str) -> WeightsState | None:
    """What a file of digest ``actual`` from ``origin`` is for ``spec``: VERIFIED,
    UNVERIFIED (it matches only a short digest and did not come from the catalog's own
    address), or None when it is not the catalog's file at all."""
    expected = spec.weights.sha256
    if spec.weights.has_full_digest:
        return WeightsState.VERIFIED if actual == expected else None
    if not actual.startswith(expected):
        return None
    return WeightsState.VERIFIED if origin == OFFICIAL_ORIGIN else WeightsState.UNVERIFIED


class WeightsStore:
    """Weights files of catalog models in one cache folder, safe across processes."""

    def __init__(self, cache_dir: Path, policy: DownloadPolicy | None = None) -> None:
        self.cache_dir = Path(cache_dir)
        self.policy = policy or DownloadPolicy()
        self.records = DigestRecords(self.cache_dir / ".checks")

    # Where things live

    def path_for(self, spec: ModelSpec) -> Path:
        if spec.weights.is_packaged:
            return _packaged_path(spec.weights.url)
        return self.cache_dir / spec.weights.file_name

    def _partial_path(self, spec: ModelSpec) -> Path:
        return self.cache_dir / (spec.weights.file_name + PARTIAL_SUFFIX)

    def _lock(self, spec: ModelSpec) -> filelock.FileLock:
        locks = self.cache_dir / ".locks"
        locks.mkdir(exist_ok=True)
        return filelock.FileLock(locks / (spec.weights.file_name + ".lock"))

    # Queries

    def status(self, spec: ModelSpec) -> WeightsStatus:
        path = self.path_for(spec)
        expected = spec.weights.size_bytes

        def make(state: WeightsState, size: int | None, partial: int = 0) -> WeightsStatus:
            return WeightsStatus(spec.id, spec.weights.file_name, path, state, size, partial)

        if spec.weights.is_packaged:
            state = WeightsState.BUNDLED if path.is_file() else WeightsState.MISSING
            return make(state, expected)
        # Each file is looked at once: a download or Remove in another thread or process can
        # take it away at any moment.
        size = _regular_size(path)
        if size is not None:
            record = self.records.record(path)
            trusted = None if record is None else _recorded_trust(record, spec)
            return make(trusted or WeightsState.CACHED, size)
        partial = _regular_size(self._partial_path(spec))
        if partial is not None:
            return make(WeightsState.PARTIAL, expected, partial)
        return make(WeightsState.MISSING, expected)

    # Getting a file that is safe to load

    def ensure(
        self,
        spec: ModelSpec,
        *,
        progress: ProgressCallback | None = None,
        token: CancelToken | None = None,
        notice: NoticeCallback | None = None,
    ) -> Path:
        """The path of the verified weights file, downloading it first if needed."""
        token = token or CancelToken()
        path = self.path_for(spec)
        if spec.weights.is_packaged:
            return self._ensure_packaged(spec, path, token)
        if path.is_file() and self._verify(path, spec, token) is not None:
            return path  # also in a read-only cache: verifying writes nothing it needs
        self._make_cache_dir()
        with self._locked(spec, token):
            if path.is_file():
                if self._verify(path, spec, token) is not None:
                    return path  # another process has just fetched it
                aside = self.set_aside(spec)
                if notice and aside is not None:
                    notice(
                        translate(
                            "Errors",
                            "The cached weights of {name} were damaged; they were moved to "
                            "{file} and are downloaded again.",
                        ).format(name=spec.name, file=aside.name)
                    )
            partial = self._partial_path(spec)
            # Never more than the catalog's size: a longer body is refused as it shows.
            policy = dataclasses.replace(self.policy, max_bytes=spec.weights.size_bytes)
            download(spec.weights.url, partial, progress=progress, token=token, policy=policy)
            what = translate("Errors", "The download of {name}").format(name=spec.name)
            self._install(partial, path, spec, token, what=what, origin=origin_of_download(spec))
            return path

    def import_file(self, spec: ModelSpec, source: Path, token: CancelToken | None = None) -> Path:
        """Copy a weights file the user fetched by hand into the cache, if its digest is right."""
        token = token or CancelToken()
        if spec.weights.is_packaged:
            raise WeightsError(
                translate("Errors", "{name} ships with the app; there is nothing to import").format(
                    name=spec.name
                )
            )
        try:
            size = check_regular(source).st_size
        except OSError as error:
            raise unreadable_weights(source, error) from None
        expected = spec.weights.size_bytes
        if expected is not None and size != expected:
            raise WeightsError(
                translate(
                    "Errors",
                    "{source} is not the weights file of {name}: it holds {size}, the "
                    "right file {expected}",
                ).format(source=source, name=spec.name, **_sizes(size=size, expected=expected))
            )
        self._make_cache_dir()
        path = self.path_for(spec)
        with self._locked(spec, token):
            # A hidden, unique name: never one of the user's files, nor another import's.
            staging = (
                self.cache_dir / f".{spec.weights.file_name}.{uuid.uuid4().hex}{IMPORT_SUFFIX}"
            )
            try:
                shutil.copyfile(source, staging)
            except OSError as error:
                staging.unlink(missing_ok=True)
                raise WeightsError(
                    translate("Errors", "cannot copy {source} ({strerror})").format(
                        source=source, strerror=os_reason(error)
                    )
                ) from None
            self._install(staging, path, spec, token, what=str(source), origin=OTHER_ORIGIN)
            self._partial_path(spec).unlink(missing_ok=True)
            return path

    def remove(self, spec: ModelSpec) -> bool:
        """Delete the model's cached file, partial download and records; True if any existed.

        Waits briefly for a download or check of the same file (in any process) to finish,
        and refuses with a clear message if it does not.
        """
        if spec.weights.is_packaged:
            raise WeightsError(
                translate("Errors", "{name} ships with the app and cannot be removed").format(
                    name=spec.name
                )
            )
        if self.cache_dir.exists() and not self.cache_dir.is_dir():
            raise NotWritableError(
                translate("Errors", "the cache folder {cache_dir} is a file, not a folder").format(
                    cache_dir=self.cache_dir
                )
            )
        path = self.path_for(spec)
        candidates = [
            path,
            self._partial_path(spec),
            path.with_name(path.name + CORRUPT_SUFFIX),
            self.records.path(path),
        ]
        if not any(candidate.exists() for candidate in candidates):
            return False
        try:
            lock = self._lock(spec)
            lock.acquire(timeout=REMOVE_WAIT)
        except filelock.Timeout:
            raise WeightsError(
                translate(
                    "Errors",
                    (
                        "the weights of {name} are being downloaded or checked; try "
                        "again when that has finished"
                    ),
                ).format(name=spec.name)
            ) from None
        except OSError as error:
            raise NotWritableError(
                translate("Errors", "cannot remove files from {cache_dir} ({strerror})").format(
                    cache_dir=self.cache_dir, strerror=os_reason(error)
                )
            ) from None
        try:
            return any([self._unlink(candidate) for candidate in candidates])
        finally:
            lock.release()

    def set_aside(self, spec: ModelSpec) -> Path | None:
        """Move a cached file that must not be used to ``<name>.corrupt`` (kept for a look,
        replaced by the next download); None if there was nothing to move or no right to."""
        path = self.path_for(spec)
        if spec.weights.is_packaged:
            return None
        aside = path.with_name(path.name + CORRUPT_SUFFIX)
        try:
            path.replace(aside)
        except OSError:
            return None
        self.records.forget(path)
        return aside

    @staticmethod
    def _unlink(path: Path) -> bool:
        try:
            path.unlink()
        except FileNotFoundError:
            return False
        except PermissionError:
            raise WeightsError(
                translate(
                    "Errors",
                    ("{name} is in use by another program (or read-only); close it and try again"),
                ).format(name=path.name)
            ) from None
        except OSError as error:
            raise WeightsError(
                translate("Errors", "cannot remove {path} ({strerror})").format(
                    path=path, strerror=os_reason(error)
                )
            ) from None
        return True

    # Internals

    def _ensure_packaged(self, spec: ModelSpec, path: Path, token: CancelToken) -> Path:
        if not path.is_file():
            package = spec.weights.url.split(":", 1)[1].split("/", 1)[0]
            raise NoWeightsSourceError(
                translate(
                    "Errors",
                    (
                        "the weights of {name} come with the '{package}' package, "
                        "which is not installed; reinstall the app"
                    ),
                ).format(name=spec.name, package=package)
            )
        if self._verify(path, spec, token) is None:
            raise DigestMismatchError(
                translate("Errors", "The bundled weights of {name}").format(name=spec.name),
                spec.weights.sha256,
                sha256_file(path),
            )
        return path

    def _make_cache_dir(self) -> None:
        try:
            self.cache_dir.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise NotWritableError(
                translate(
                    "Errors", "cannot create the cache folder {cache_dir} ({strerror})"
                ).format(cache_dir=self.cache_dir, strerror=os_reason(error))
            ) from None
        if not os.access(self.cache_dir, os.W_OK | os.X_OK):
            raise NotWritableError(
                translate(
                    "Errors",
                    (
                        "the cache folder {cache_dir} is not writable: choose another "
                        "one (Models ▸ Manage downloads, or EFFNET_CACHE_DIR)"
                    ),
                ).format(cache_dir=self.cache_dir)
            )

    @contextlib.contextmanager
    def _locked(self, spec: ModelSpec, token: CancelToken) -> Iterator[None]:
        """Hold the file's inter-process lock; waiting stays cancellable."""
        lock = self._lock(spec)
        while True:
            try:
                lock.acquire(timeout=0.2)
                break
            except filelock.Timeout:
                token.raise_if_cancelled()
        try:
            yield
        finally:
            lock.release()

    def _install(
        self, staged: Path, path: Path, spec: ModelSpec, token: CancelToken, what: str, origin: str
    ) -> None:
        """Verify ``staged`` and move it into place atomically, or delete it and raise."""
        actual = sha256_file(staged, token)
        if trust(actual, spec, origin) is None:
            staged.unlink(missing_ok=True)
            raise DigestMismatchError(what, spec.weights.sha256, actual)
        staged.replace(path)
        self.records.write(path, actual, origin=origin)

    def _verify(self, path: Path, spec: ModelSpec, token: CancelToken) -> WeightsState | None:
        """How far the file's content matches the catalog (None: not at all): hashed in
        full once per process, the result recorded for listings when the cache is writable.
        Where it came from is known only from this user's signed record."""
        actual = self.records.digest(path, token)
        record = self.records.record(path)
        origin = str(record.get("origin")) if record else OTHER_ORIGIN
        state = trust(actual, spec, origin)
        if state is not None and (record is None or record["sha256"] != actual):
            self.records.write(path, actual, origin=origin)
        return state


def _regular_size(path: Path) -> int | None:
    """The size of the regular file at ``path``; None if there is none (now)."""
    try:
        status = path.stat()
    except OSError:
        return None
    return status.st_size if stat.S_ISREG(status.st_mode) else None


def _recorded_trust(record: dict[str, object], spec: ModelSpec) -> WeightsState | None:
    return trust(str(record["sha256"]), spec, str(record.get("origin", OTHER_ORIGIN)))


def _packaged_path(url: str) -> Path:
    package, _, relative = url[len(PACKAGE_SCHEME) + 1 :].partition("/")
    try:
        return Path(str(resources.files(package).joinpath(relative)))
    except ModuleNotFoundError:
        return Path(package) / relative  # does not exist; ensure() explains


def _sizes(**sizes: int) -> dict[str, str]:
    """Sizes in megabytes, or in bytes where megabytes would not tell them apart."""
    megabytes = {name: f"{size / 1e6:,.1f} MB" for name, size in sizes.items()}
    if len(set(megabytes.values())) == len(sizes):
        return megabytes
    return {name: f"{size:,} bytes" for name, size in sizes.items()}
