"""Opening photos and folders, and the folder table following its run: answers as they
come, progress, pause, stop and the closing sentence."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from app.core.folders.runs import RunSummary, photos_in
from app.core.inference.predictions import Prediction
from app.core.job_types import JobError, PhotoSource
from app.i18n import fill
from app.ui.controller import Controller
from app.ui.folder_run import RunState, RunStatus
from app.ui.widgets.folder_panel import FolderPanel
from app.ui.widgets.status_panel import StatusPanel
from app.workers.tasks import BackgroundTask


class FolderView(QObject):
    """Presents the controller's folder run in the folder panel and the status line."""

    opened = Signal(Path)  # the first photo of what was opened, for Open Recent

    def __init__(
        self,
        controller: Controller,
        panel: FolderPanel,
        status: StatusPanel,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self.panel = panel
        self.status = status
        self.opened_paths: list[Path] = []  # what was opened, to look again with subfolders
        self._listing: object | None = None  # the folder walk whose photos are awaited
        self.batch_started = 0.0
        panel.photo_selected.connect(self._on_photo_selected)
        panel.pause_requested.connect(controller.pause)
        panel.resume_requested.connect(controller.resume)
        panel.cancel_requested.connect(controller.cancel_folder)
        panel.subfolders_changed.connect(lambda _on: self.open_paths(self.opened_paths))
        controller.batch_items.connect(self._on_batch_items)
        controller.folder.started.connect(panel.model.forget_outcomes)  # another model's
        controller.folder.changed.connect(self._on_run_changed)

    def open_paths(self, paths: list[Path]) -> None:
        """One or more files or folders. Several photos (or a folder) go to the folder
        table, answered as they come (stored answers at once); one alone goes at once."""
        self.opened_paths = list(paths)
        recursive = self.panel.subfolders.isChecked()
        if not any(path.is_dir() for path in paths):  # files as given: nothing to walk
            self._listing = None
            self._open_found(paths, photos_in(paths, recursive))
            return
        # A folder tree may be large or slow (a network share): it is walked on the pool.
        listing = self._listing = object()  # a later open makes this listing stale
        self.status.show_idle(self.tr("Looking for photos in {name}…").format(name=paths[0].name))

        def found(photos: list[Path]) -> None:
            if self._listing is listing:
                self._open_found(paths, photos)

        self.controller.run_task(
            BackgroundTask(lambda _token, _report: photos_in(paths, recursive)).on(
                succeeded=found,
                failed=lambda message: self.status.show_error("image", message),
            )
        )

    def _open_found(self, paths: list[Path], expanded: list[Path]) -> None:
        if not expanded:
            self.status.show_error("image", self.tr("no images found there"))
            return
        self.opened.emit(expanded[0])
        if len(expanded) == 1 and not any(path.is_dir() for path in paths):
            self.close()
            self.controller.set_photo(PhotoSource(expanded[0].name, path=expanded[0]))
            return
        self.panel.set_photos(expanded)
        self.panel.show()
        self.controller.classify_photos(expanded, keep_current=False)
        self.panel.select_photo(expanded[0])

    def close(self) -> None:
        """Back to one photo: the table goes, and its run with it."""
        self.panel.hide()
        self.controller.close_folder()

    def _on_photo_selected(self, path: Path) -> None:
        self.controller.show_folder_photo(path, self.panel.model.outcomes.get(path))

    def _on_batch_items(self, items: list[tuple[Path, Prediction | JobError]]) -> None:
        self.panel.show_outcomes(items)
        done, total = len(self.panel.model.outcomes), len(self.panel.model.photos)
        elapsed = max(time.monotonic() - self.batch_started, 1e-3)
        rate = done / elapsed
        self.panel.show_progress(done, total, rate, (total - done) / rate if rate else 0.0)

    def _on_run_changed(self, status: RunStatus) -> None:
        """The panel, its buttons and the status line follow the run's one state."""
        panel = self.panel
        panel.set_running(status.state is RunState.RUNNING, paused=status.state is RunState.PAUSED)
        if status.state is RunState.RUNNING:
            self.batch_started = time.monotonic()
        elif status.state is RunState.DONE and status.summary is not None:
            self._say_done(status.summary)
        elif status.state is RunState.PAUSED:
            self.status.show_idle(self.tr("Paused. The answers so far are kept; Resume goes on."))
        elif status.state is RunState.CANCELLED:
            done, total = len(panel.model.outcomes), len(panel.model.photos)
            said = self.tr("Stopped at {done} of {total} photos.").format(done=done, total=total)
            panel.progress.setText(said)
            self.status.show_idle(said)
        elif status.state is RunState.FAILED:
            panel.show_note(self.tr("Could not start: {reason}").format(reason=status.failure))

    def _say_done(self, summary: RunSummary) -> None:
        count = len(self.panel.model.photos)
        self.panel.show_progress(count, count, summary.images_per_s, 0.0)
        parts = []  # only what happened: no "0 could not be"
        if summary.classified:
            parts.append(
                fill(
                    self.tr("{classified} classified ({rate:.1f} photos/s)"),
                    classified=summary.classified,
                    rate=summary.images_per_s,
                )
            )
        if summary.stored:
            parts.append(self.tr("{stored} answered by earlier runs").format(stored=summary.stored))
        if summary.failed:
            parts.append(self.tr("{failed} could not be classified").format(failed=summary.failed))
        self.status.show_idle(
            self.tr("{count} photos: {parts}.").format(count=count, parts=", ".join(parts))
        )
