"""Turns the user's intents into engine jobs and routes what comes back to the views.

Each job carries a sequence number. A new photo or a new model supersedes the job in
flight (it is cancelled between stages, or its answer is dropped), so what the window
shows always belongs to the photo, model, device and precision selected now. A folder run
is the one exception: its state has one owner (:class:`FolderRun`), only a new run or the
user's Pause and Cancel end it, and a single photo asked for meanwhile (run again to be
explained, F5) is queued behind it instead of replacing it.

It is just over 400 lines because each intent the window can express (photo, folder,
URL, pasted pixels, new choices, import) starts here.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QThreadPool, Signal
from PySide6.QtGui import QImage

from app.core.cancel import CancelToken
from app.core.errors import EffnetError
from app.core.folders.runs import RunSummary
from app.core.inference.devices import DeviceInfo, resolve_device
from app.core.inference.predictions import Prediction
from app.core.job_types import JobError, PhotoSource, Selection
from app.core.models.catalog import Catalog, ModelSpec
from app.core.weights.store import WeightsState, WeightsStore, unverified_notice
from app.ui.folder_run import FolderRun, RunState
from app.workers.benchmark_worker import BenchmarkWorker
from app.workers.engine import ClassifyJob, EngineThread, EngineWorker, FolderJob
from app.workers.pictures import fetch_picture, preview
from app.workers.tasks import BackgroundTask
from app.workers.teach_worker import TeachWorker

log = logging.getLogger(__name__)


class Controller(QObject):
    """Owns the engine thread and the current photo; views listen to its signals."""

    engine_ready = Signal(list)  # list[DeviceInfo]: the CPU, at once
    devices_changed = Signal(list)  # list[DeviceInfo]: every device, once torch has looked
    photo_changed = Signal(object)  # PhotoSource
    preview_ready = Signal(QImage)
    busy = Signal(str)  # a short description of the stage in progress
    download_progressed = Signal(str, object)  # model name, DownloadProgress
    result_ready = Signal(object, object)  # PhotoSource, Prediction
    failed = Signal(str, str)  # JobError kind, message
    paused = Signal(str)  # a download was cancelled; choosing the model again resumes it
    batch_items = Signal(object)  # [(Path, Prediction or JobError)]: photos of the folder
    noticed = Signal(str)
    weights_installed = Signal(str, str)  # model name, a warning when it is not verified
    weights_refused = Signal(str)  # why an imported weights file was not installed

    def __init__(self, engine: EngineWorker, selection: Selection, catalog: Catalog):
        super().__init__()
        self.selection = selection
        self.catalog = catalog  # shared with the window: label sets taught meanwhile join it
        self.photo: PhotoSource | None = None
        self.devices: list[DeviceInfo] = []
        self.ready = False
        self._seq = 0  # the last job number given out
        self._photo_seq = -1  # the single photo's job whose answer is awaited
        self.folder = FolderRun(self)
        self._pool = QThreadPool(self)
        self._tasks: set[BackgroundTask] = set()
        self._attached: set[BenchmarkWorker | TeachWorker] = set()
        self._engine = engine
        self._thread = EngineThread(engine)
        engine.engine_ready.connect(self._on_engine_ready)
        engine.devices_found.connect(self._on_devices_found)
        engine.stage_started.connect(self._on_stage_started)
        engine.download_progressed.connect(self._on_download_progressed)
        engine.succeeded.connect(self._on_succeeded)
        engine.failed.connect(self._on_failed)
        engine.cancelled.connect(self._on_cancelled)
        engine.noticed.connect(self.noticed)
        engine.batch_items.connect(self._on_batch_items)
        engine.batch_finished.connect(self._on_batch_finished)
        self._submit = _JobSender()
        self._submit.job.connect(engine.run)
        self._submit.batch.connect(engine.run_folder)
        self._pausing = False
        self._fetch: BackgroundTask | None = None  # a picture being fetched from the web
        self.stopped_cleanly = True  # False when quitting left a worker running

    def start(self) -> None:
        self._thread.start()

    # Intents

    def set_photo(self, photo: PhotoSource) -> None:
        self.show_photo(photo)
        self.classify()

    def show_photo(self, photo: PhotoSource) -> None:
        """Make ``photo`` the current one (title, preview) without classifying it."""
        self._cancel_fetch()
        self.photo = photo
        self.photo_changed.emit(photo)
        self._decode_preview(photo)

    def show_folder_photo(self, path: Path, stored: Prediction | JobError | None) -> None:
        """A photo chosen in the folder table: its answer at once if the run has one, else
        it waits for the run's answer, or is classified when no run is going."""
        if self.photo is not None and self.photo.path == path:
            return
        photo = PhotoSource(path.name, path=path)
        self.show_photo(photo)
        if isinstance(stored, Prediction):
            self.result_ready.emit(photo, stored)
        elif isinstance(stored, JobError):
            self.failed.emit(stored.kind, stored.message)
        elif not self.batch_running:
            self.classify()

    def classify_photos(self, paths: list[Path], *, keep_current: bool = True) -> None:
        """Classify many photos in one job (answers stored earlier come back at once). The
        current photo stays current if it is one of them (``keep_current``); else the
        first becomes it."""
        if not keep_current or self.photo is None or self.photo.path not in paths:
            self.show_photo(PhotoSource(paths[0].name, path=paths[0]))
        self._pausing = False
        seq = self._next_seq(keep=None)
        self.folder.begin(seq, tuple(paths))
        self._submit_folder(seq)

    def photos_moved(self, moves: dict[Path, Path]) -> None:
        """Photos of the folder now live elsewhere (sorted, or put back): later runs and the
        current photo follow them."""
        self.folder.photos = tuple(moves.get(photo, photo) for photo in self.folder.photos)
        if self.photo is not None and self.photo.path in moves:
            self.photo = PhotoSource(moves[self.photo.path].name, path=moves[self.photo.path])

    def close_folder(self) -> None:
        """Photos are no longer shown as a folder: its run, if any, is cancelled."""
        self.cancel_folder()
        self.folder.close()

    def _submit_folder(self, seq: int) -> None:
        count = len(self.folder.photos)
        self.busy.emit(self.tr("Classifying {count} photos…").format(count=count))
        job = FolderJob(seq, self.folder.photos, self.selection, self.folder.thumbnails)
        self._submit.batch.emit(job)

    def _next_seq(self, keep: int | None) -> int:
        """A new job number; every older job is cancelled or skipped, but ``keep``."""
        self._seq += 1
        self._engine.supersede(self._seq, keep=keep)
        return self._seq

    def pause(self) -> None:
        """Stop the photos' job within a model run (ONNX Runtime stops mid-batch); what it
        finished is stored, so resume() starts where it stopped."""
        if self.folder.running:
            self._pausing = True
            self._engine.cancel(self.folder.seq)

    def cancel_folder(self) -> None:
        """The panel's Cancel: stop the folder run (and nothing else)."""
        if self.folder.running:
            self._engine.cancel(self.folder.seq)

    def resume(self) -> None:
        if self.folder.photos and not self.folder.running:
            self._pausing = False
            seq = self._next_seq(keep=None)
            self.folder.resume_from(seq)
            self._submit_folder(seq)

    def open_image_data(self, image: QImage, name: str) -> None:
        """An image pasted or dropped as pixels: classified from a lossless PNG encoding."""
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        # PySide6's stub asks for bytes here, but only the str form works at run time.
        image.save(buffer, "PNG")  # type: ignore[call-overload]
        self.set_photo(PhotoSource(name, data=bytes(data.data())))

    def open_url(self, url: str) -> None:
        """A picture dragged from a web page: fetch it (capped and timed out), then classify.

        A photo chosen meanwhile, or Cancel (Esc), drops the fetch: a slow picture never
        replaces what the user picked after it.
        """
        name = url.rsplit("/", 1)[-1].split("?", 1)[0] or url

        task = BackgroundTask(lambda token, _report: fetch_picture(url, token))

        def current() -> bool:
            if self._fetch is not task:
                return False  # superseded or cancelled
            self._fetch = None
            return True

        def arrived(data: bytes) -> None:
            if current():
                self.set_photo(PhotoSource(name, data=data))

        def failed(message: str) -> None:
            if current():
                self.failed.emit("image", message)

        self._cancel_fetch()
        self._fetch = task
        self.busy.emit(self.tr("Fetching {name}…").format(name=name))
        self.run_task(task.on(succeeded=arrived, failed=failed))

    def _cancel_fetch(self) -> None:
        if self._fetch is not None:
            self._fetch.token.cancel()
            self._fetch = None

    def select(self, selection: Selection) -> None:
        """New choices answer the open folder again (its current photo stays), or else the
        current photo."""
        changed = selection != self.selection
        self.selection = selection
        if not changed:
            return
        if self.folder.photos:
            self.classify_photos(list(self.folder.photos))
        elif self.photo is not None:
            self.classify()

    def classify(self) -> None:
        """(Re)run the current photo with the current selection, superseding any job but a
        running folder's: then it is queued behind it."""
        if self.photo is None:
            return
        keep = self.folder.seq if self.folder.running else None
        self._photo_seq = self._next_seq(keep=keep)
        job = ClassifyJob(self._photo_seq, self.photo, self.selection)
        if not self.ready:
            self.busy.emit(self.tr("Getting ready… your photo is next"))
        self._submit.job.emit(job)

    def classify_asked(self) -> None:
        """The Classify button or F5: classify, or say how to give it a photo first."""
        if self.photo is None:
            self.noticed.emit(
                self.tr(
                    "Open a photo first: drop one on the window, paste one (Ctrl+V) or "
                    "choose File ▸ Open (Ctrl+O)."
                )
            )
            return
        self.classify()

    def cancel(self) -> None:
        """Esc: stop fetching a picture, else the folder run, else the photo's job."""
        if self._fetch is not None:
            self._cancel_fetch()
            self.paused.emit(self.tr("Stopped fetching the picture."))
            return
        self._engine.cancel(self.folder.seq if self.folder.running else self._photo_seq)

    def device_for(self, device_id: str) -> DeviceInfo | None:
        """The device a choice means among those found ("auto" as the engine decides it)."""
        try:
            return resolve_device(device_id, self.devices) if self.devices else None
        except EffnetError:
            return None

    def install_weights(self, store: WeightsStore, spec: ModelSpec, path: Path) -> None:
        """Check ``path`` against ``spec``'s digest and store it, on the pool; then classify
        the current photo with it."""
        self.busy.emit(self.tr("Checking and installing {file}…").format(file=path.name))

        def install(token: CancelToken, _report: object) -> str:
            store.import_file(spec, path, token)
            verified = store.status(spec).state is not WeightsState.UNVERIFIED
            return "" if verified else unverified_notice(spec)

        def installed(notice: str) -> None:
            self.weights_installed.emit(spec.name, notice)
            if self.photo is not None:
                self.classify()

        self.run_task(
            BackgroundTask(install).on(succeeded=installed, failed=self.weights_refused.emit)
        )

    def cache_folder_changed(self) -> None:
        """Models load from the new folder from the next job on; the photo runs again."""
        self._engine.forget_classifier()
        self.classify()

    def attach(self, worker: BenchmarkWorker | TeachWorker) -> None:
        """Run ``worker``'s slots on the engine thread; kept alive until it has finished."""
        worker.moveToThread(self._thread)
        self._attached.add(worker)
        worker.finished.connect(self._release_worker)
        worker.failed.connect(self._release_worker)
        if isinstance(worker, TeachWorker):
            worker.cancelled.connect(self._release_worker)

    def _release_worker(self) -> None:
        worker = self.sender()
        if isinstance(worker, BenchmarkWorker | TeachWorker):
            self._attached.discard(worker)

    def shutdown(self, timeout_ms: int = 2000) -> bool:
        """Stop every worker within ``timeout_ms`` in all; True when all ended.

        Work that cannot be interrupted (a PyTorch forward pass, torch's first import) may
        outlast it: then ``stopped_cleanly`` turns False and the app ends its process
        without waiting (see run_gui), rather than freezing the window on quit.
        """
        deadline = time.monotonic() + timeout_ms / 1000

        def left_ms() -> int:
            return max(0, int((deadline - time.monotonic()) * 1000))

        for task in list(self._tasks):
            task.token.cancel()
        for worker in list(self._attached):
            worker.cancel()
        stopped = self._thread.stop(left_ms)
        pool_done = self._pool.waitForDone(left_ms())
        self.stopped_cleanly = stopped and pool_done
        if not self.stopped_cleanly:
            log.warning("quitting with work still running (engine stopped: %s)", stopped)
        return self.stopped_cleanly

    # Engine events

    def _on_engine_ready(self, devices: list[DeviceInfo]) -> None:
        self.ready = True
        self.devices = devices
        self.engine_ready.emit(devices)

    def _on_devices_found(self, devices: list[DeviceInfo]) -> None:
        self.devices = devices
        self.devices_changed.emit(devices)

    def _model_name(self) -> str:
        model_id = self.selection.model_id
        return self.catalog.get(model_id).name if model_id in self.catalog else model_id

    def _current(self, seq: int) -> bool:
        """True if job ``seq`` is one whose news the window shows now."""
        return seq == self._photo_seq or (self.folder.running and seq == self.folder.seq)

    def _on_stage_started(self, seq: int, stage: str) -> None:
        if not self._current(seq):
            return
        name = self._model_name()
        texts = {
            "weights": self.tr("Checking the weights of {name}…"),
            "load": self.tr("Loading {name}…"),
            "preprocess": self.tr("Preparing the photo…"),
            "inference": self.tr("Classifying with {name}…"),
        }
        self.busy.emit(texts.get(stage, stage).format(name=name))

    def _on_download_progressed(self, seq: int, progress: object) -> None:
        if self._current(seq):
            name = self._model_name()
            self.download_progressed.emit(name, progress)

    def _on_succeeded(self, seq: int, prediction: Prediction) -> None:
        if seq == self._photo_seq and self.photo is not None:
            self.result_ready.emit(self.photo, prediction)

    def _on_failed(self, seq: int, error: JobError) -> None:
        if self.folder.running and seq == self.folder.seq:
            self.folder.end(RunState.FAILED, failure=error.message)
            self.failed.emit(error.kind, error.message)
        elif seq == self._photo_seq:
            self.failed.emit(error.kind, error.message)

    def _on_batch_items(self, seq: int, items: list[tuple[Path, Prediction | JobError]]) -> None:
        if not (self.folder.running and seq == self.folder.seq):
            return
        self.batch_items.emit(items)
        current = self.photo
        for path, outcome in items:
            if current is not None and current is self.photo and current.path == path:
                if isinstance(outcome, JobError):
                    self.failed.emit(outcome.kind, outcome.message)
                else:
                    self.result_ready.emit(current, outcome)

    def _on_batch_finished(self, seq: int, summary: RunSummary) -> None:
        if seq == self.folder.seq:
            self.folder.end(RunState.DONE, summary)

    @property
    def batch_running(self) -> bool:
        """True while a folder run has not ended."""
        return self.folder.running

    def _on_cancelled(self, seq: int) -> None:
        if self.folder.running and seq == self.folder.seq:
            self.folder.end(RunState.PAUSED if self._pausing else RunState.CANCELLED)
        elif seq == self._photo_seq:
            self.paused.emit(
                self.tr(
                    "Stopped. What was downloaded is kept: "
                    "press F5 or choose the model again to resume."
                )
            )

    # Background tasks

    def run_task(self, task: BackgroundTask) -> None:
        """Run a short job on the pool; quitting waits for it like for the others."""
        self._tasks.add(task)
        task.on(finished=lambda: self._tasks.discard(task))
        task.start(self._pool)

    def _decode_preview(self, photo: PhotoSource) -> None:
        def show(image: QImage) -> None:
            if photo is self.photo:  # not replaced by another photo meanwhile
                self.preview_ready.emit(image)

        self.run_task(BackgroundTask(lambda _token, _report: preview(photo)).on(succeeded=show))


class _JobSender(QObject):
    """Queued hand-over of jobs to the engine thread."""

    job = Signal(object)
    batch = Signal(object)
