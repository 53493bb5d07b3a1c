"""The folder run's state, with one owner: the controller sets it, and the folder panel, its
buttons and the status line follow :attr:`FolderRun.changed`, so that every way a run ends
(done, paused, cancelled, replaced, failed) ends it on screen."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from app.core.folders.runs import RunSummary
from app.core.photos.thumbnails import ThumbnailFolder


class RunState(enum.Enum):
    IDLE = "idle"  # no folder open
    RUNNING = "running"
    PAUSED = "paused"  # stopped at the user's word; resume() goes on where it stopped
    DONE = "done"
    CANCELLED = "cancelled"
    FAILED = "failed"  # the model could not be made ready (a download that failed …)


@dataclass(frozen=True)
class RunStatus:
    state: RunState
    summary: RunSummary | None = None  # once DONE
    failure: str = ""  # once FAILED: why, in words


class FolderRun(QObject):
    """Which photos the folder run has, which engine job answers them, and its state."""

    started = Signal()  # a new run: the answers shown so far belong to another
    changed = Signal(object)  # RunStatus

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.photos: tuple[Path, ...] = ()
        self.thumbnails: ThumbnailFolder | None = None  # kept there as the run decodes
        self.seq = -1  # the engine job answering the photos now
        self.status = RunStatus(RunState.IDLE)

    @property
    def running(self) -> bool:
        return self.status.state is RunState.RUNNING

    def begin(self, seq: int, photos: tuple[Path, ...]) -> None:
        """A run of ``photos`` as job ``seq``, replacing whatever run there was."""
        self.seq, self.photos = seq, photos
        self.started.emit()
        self._set(RunStatus(RunState.RUNNING))

    def end(self, state: RunState, summary: RunSummary | None = None, failure: str = "") -> None:
        """The running job has ended as ``state``; a run that has already ended stays so."""
        if self.running:
            self._set(RunStatus(state, summary, failure))

    def resume_from(self, seq: int) -> None:
        """Job ``seq`` goes on with a paused or cancelled run, keeping its answers."""
        self.seq = seq
        self._set(RunStatus(RunState.RUNNING))

    def close(self) -> None:
        """No folder is open any more (a single photo was opened)."""
        self.seq, self.photos = -1, ()
        self._set(RunStatus(RunState.IDLE))

    def _set(self, status: RunStatus) -> None:
        self.status = status
        self.changed.emit(status)
