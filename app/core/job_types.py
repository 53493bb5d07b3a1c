"""What the window asks the engine for and what it is told back, as plain data: the photo, the
choices it runs with, and why a job failed. Widgets, workers and the command line share them,
so they live in the core, below all three."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app.core.errors import (
    DeviceError,
    DigestMismatchError,
    EffnetError,
    ImageError,
    OutOfMemoryError,
    WeightsError,
)
from app.i18n import translate


@dataclass(frozen=True)
class PhotoSource:
    """A photo to classify: a file, or encoded bytes (pasted, or dragged from a browser)."""

    name: str
    path: Path | None = None
    data: bytes | None = None


@dataclass(frozen=True)
class Selection:
    """What the user chose to run photos with."""

    model_id: str
    device: str
    precision: str
    engine: str = "auto"


@dataclass(frozen=True)
class JobError:
    """Why a job failed, and what kind of next step fits (see ErrorPanel)."""

    kind: str  # image, download, digest, memory, device, internal
    message: str


def describe_error(error: BaseException) -> JobError:
    if isinstance(error, ImageError):
        return JobError("image", str(error))
    if isinstance(error, OutOfMemoryError):
        return JobError("memory", str(error))
    if isinstance(error, DeviceError):
        return JobError("device", str(error))
    if isinstance(error, DigestMismatchError):
        return JobError("digest", str(error))
    if isinstance(error, WeightsError):
        return JobError("download", str(error))
    if isinstance(error, EffnetError):
        return JobError("model", str(error))
    return JobError(
        "internal",
        translate("Errors", "something went wrong ({kind}: {error})").format(
            kind=type(error).__name__, error=error
        ),
    )
