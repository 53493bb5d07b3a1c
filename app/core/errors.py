"""Exceptions whose message is meant for the user: one line, saying what happened and what to do."""

from __future__ import annotations

import errno

from app.i18n import translate


def os_reason(error: BaseException) -> str:
    """Why a file operation failed, in the user's language: the common causes in the app's
    own (translated) words, others in the system's."""
    if isinstance(error, OSError):
        words = {
            errno.ENOENT: translate("Errors", "not found"),
            errno.EACCES: translate("Errors", "permission denied"),
            errno.EPERM: translate("Errors", "not permitted"),
            errno.ENOSPC: translate("Errors", "the disk is full"),
            errno.EROFS: translate("Errors", "the disk is read-only"),
            errno.EISDIR: translate("Errors", "it is a folder"),
            errno.ENOTDIR: translate("Errors", "a part of the path is not a folder"),
            errno.EIO: translate("Errors", "the disk could not be read or written"),
        }.get(error.errno or 0)
        if words:
            return words
        if error.strerror:
            return error.strerror
    return str(error) or type(error).__name__


class EffnetError(Exception):
    """Base of every error the app reports to the user instead of a traceback."""


class CatalogError(EffnetError):
    """The model catalog (built-in or a user file) is malformed or names an unknown model."""


class UnknownModelError(CatalogError):
    pass


class WeightsError(EffnetError):
    """Getting, checking or storing a weights file failed."""


class OfflineError(WeightsError):
    pass


class HttpStatusError(WeightsError):
    def __init__(self, status: int, url: str) -> None:
        super().__init__(
            translate("Errors", "the server answered HTTP {status} for {url}").format(
                status=status, url=url
            )
        )
        self.status = status
        self.url = url


class TlsError(WeightsError):
    pass


class DigestMismatchError(WeightsError):
    def __init__(self, what: str, expected: str, actual: str) -> None:
        super().__init__(
            translate(
                "Errors",
                "{what} failed its integrity check: expected sha256 {expected}, got {actual}",
            ).format(what=what, expected=expected, actual=actual)
        )
        self.expected = expected
        self.actual = actual


class DiskFullError(WeightsError):
    pass


class NotWritableError(WeightsError):
    pass


class NoWeightsSourceError(WeightsError):
    pass


class ImageError(EffnetError):
    """A photo could not be opened or decoded."""


class DeviceError(EffnetError):
    """The chosen device cannot run the model (absent, no driver, out of memory)."""


class OutOfMemoryError(DeviceError):
    pass


class UnknownDeviceError(DeviceError):
    """The name given is no device of this computer (a usage error, not a failure)."""


class ModelLoadError(EffnetError):
    """A weights file does not fit the architecture it is meant for."""


class CheckpointError(ModelLoadError):
    """A weights file is not a checkpoint that can be read (damaged, or not weights)."""


class Cancelled(EffnetError):  # noqa: N818 - reads as an event, like KeyboardInterrupt
    """A request was cancelled between stages."""
