"""The engine thread: heavy imports, model loading, downloads and inference, one job at a time."""

from __future__ import annotations

import contextlib
import gc
import logging
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot

from app.core.cancel import CancelToken
from app.core.errors import (
    Cancelled,
    EffnetError,
)
from app.core.folders.prediction_cache import PredictionCache
from app.core.folders.runs import classify_photos
from app.core.inference.classifier import Classifier
from app.core.inference.devices import cpu_device, list_devices
from app.core.inference.predictions import Prediction
from app.core.job_types import PhotoSource, Selection, describe_error
from app.core.photos.opening import open_image
from app.core.photos.thumbnails import ThumbnailFolder

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ClassifyJob:
    seq: int
    photo: PhotoSource
    selection: Selection


@dataclass(frozen=True)
class FolderJob:
    """Many photos with one model: answers kept in the results store are read back, the
    others decoded ahead on a small pool and inferred in batches (and then kept)."""

    seq: int
    photos: tuple[Path, ...]
    selection: Selection
    thumbnails: ThumbnailFolder | None = None  # where the table finds them, kept as decoded


class EngineWorker(QObject):
    """Lives in its own QThread. Slots run there; signals carry plain data to the window."""

    engine_ready = Signal(list)  # list[DeviceInfo]: the CPU, known at once
    devices_found = Signal(list)  # list[DeviceInfo]: every device, once torch has looked
    stage_started = Signal(int, str)  # seq, stage name
    download_progressed = Signal(int, object)  # seq, DownloadProgress
    succeeded = Signal(int, object)  # seq, Prediction
    failed = Signal(int, object)  # seq, JobError
    cancelled = Signal(int)  # seq
    batch_items = Signal(int, object)  # seq, [(photo path, Prediction or JobError)]
    batch_finished = Signal(int, object)  # seq, RunSummary
    noticed = Signal(str)

    def __init__(self, make_classifier: Callable[[], Classifier], preload: Selection | None):
        super().__init__()
        self._make_classifier = make_classifier
        self._classifier: Classifier | None = None
        self._preload = preload
        self._lock = threading.Lock()
        self._latest_seq = 0
        self._kept_seq: int | None = None
        self._current: tuple[int, CancelToken] | None = None
        self._device_search: threading.Thread | None = None

    @Slot()
    def start(self) -> None:
        """Ready for photos at once; torch is imported beside, not before.

        The CPU needs no torch to be described, and a model with a cached ONNX file needs
        no torch to run, so the first answer can come before torch has even loaded.
        """
        try:
            self._classifier = self._make_classifier()
        except Exception:
            log.exception("the engine could not start")
        self.engine_ready.emit([cpu_device()])
        self._warm_up()
        # Queued behind any photo already waiting: importing torch competes for the CPU
        # and the GIL, so it starts once that first answer is out.
        QTimer.singleShot(0, self._search_devices)

    @Slot()
    def _search_devices(self) -> None:
        self._device_search = threading.Thread(target=self._find_devices, name="find-devices")
        self._device_search.start()

    def _find_devices(self) -> None:
        try:
            with contextlib.suppress(ImportError):  # absent in the standard edition
                import torchvision.models  # noqa: F401 - the slow import, done before needed
            devices = list_devices()
        except Exception:
            log.exception("looking for devices failed")
            devices = [cpu_device()]
        # torch and torchvision leave some 300,000 objects that live as long as the app;
        # every full collection would walk them holding the GIL, a pause of the window of
        # 200 ms or more. The collector leaves what exists now alone from here on.
        gc.freeze()
        self.devices_found.emit(devices)

    def _warm_up(self) -> None:
        choice = self._preload
        if choice is None or self._classifier is None:
            return
        spec = self._classifier.catalog.get(choice.model_id)
        if self._classifier.store.status(spec).ready:
            try:
                self._classifier.preload(
                    choice.model_id, choice.device, choice.precision, choice.engine
                )
            except EffnetError as error:
                log.info("preloading %s failed: %s", choice.model_id, error)

    def stop_background_work(self) -> None:
        """Called on quit (any thread): stop any ONNX export; the device search is left to
        end by itself (an import cannot be interrupted)."""
        if self._classifier is not None and self._classifier.exporter is not None:
            self._classifier.exporter.stop()

    def wait_for_background_work(self, timeout: float) -> bool:
        """Wait up to ``timeout`` seconds for the device search; True once nothing runs."""
        if self._device_search is None:
            return True
        self._device_search.join(timeout)
        return not self._device_search.is_alive()

    def supersede(self, seq: int, keep: int | None = None) -> None:
        """Called from the GUI thread: jobs older than ``seq`` are cancelled or skipped, but
        job ``keep`` (a folder run that a single photo queues behind)."""
        with self._lock:
            self._latest_seq = max(self._latest_seq, seq)
            self._kept_seq = keep
            current = self._current
        if current is not None and current[0] < seq and current[0] != keep:
            current[1].cancel()

    def cancel(self, seq: int | None = None) -> None:
        """Called from the GUI thread: stop job ``seq`` (or any) if it is the one running."""
        with self._lock:
            current = self._current
        if current is not None and seq in (None, current[0]):
            current[1].cancel()

    def forget_classifier(self) -> None:
        """Called from the GUI thread (the cache folder changed): the next job builds anew."""
        with self._lock:
            self._classifier = None

    @contextlib.contextmanager
    def _job(self, seq: int) -> Iterator[tuple[Classifier, CancelToken] | None]:
        """The classifier and a cancel token for job ``seq``; None if it was superseded."""
        token = CancelToken()
        with self._lock:
            superseded = seq < self._latest_seq and seq != self._kept_seq
            if not superseded:
                self._current = (seq, token)
                if self._classifier is None:
                    self._classifier = self._make_classifier()
                classifier = self._classifier
        if superseded:
            yield None
            return
        try:
            yield classifier, token
        finally:
            with self._lock:
                self._current = None

    def _report_failure(self, seq: int, error: Exception, what: str) -> None:
        if isinstance(error, Cancelled):
            self.cancelled.emit(seq)
            return
        if not isinstance(error, EffnetError):
            log.exception("%s failed", what)
        self.failed.emit(seq, describe_error(error))

    @Slot(object)
    def run(self, job: ClassifyJob) -> None:
        with self._job(job.seq) as started:
            if started is None:
                return  # superseded while it waited
            classifier, token = started
            choice = job.selection
            try:
                image = open_image(job.photo.data) if job.photo.data else job.photo.path
                assert image is not None
                prediction = classifier.classify(
                    image,
                    choice.model_id,
                    choice.device,
                    choice.precision,
                    engine=choice.engine,
                    token=token,
                    progress=lambda p: self.download_progressed.emit(job.seq, p),
                    notice=self.noticed.emit,
                    stage=lambda name: self.stage_started.emit(job.seq, name),
                    explain=True,  # a few % more, and "Where did it look?" is instant
                )
            except Exception as error:
                self._report_failure(job.seq, error, f"classifying {job.photo.name}")
            else:
                self.succeeded.emit(job.seq, prediction)

    @Slot(object)
    def run_folder(self, job: FolderJob) -> None:
        answers = _Batcher(lambda items: self.batch_items.emit(job.seq, items))

        def report(path: Path, outcome: Prediction | EffnetError) -> None:
            result = outcome if isinstance(outcome, Prediction) else describe_error(outcome)
            answers.add((path, result))

        with self._job(job.seq) as started:
            if started is None:
                return
            classifier, token = started
            choice = job.selection
            try:
                spec = classifier.catalog.get(choice.model_id)
                self.stage_started.emit(job.seq, "weights")
                classifier.store.ensure(
                    spec,
                    progress=lambda p: self.download_progressed.emit(job.seq, p),
                    token=token,
                    notice=self.noticed.emit,
                )
                self.stage_started.emit(job.seq, "inference")
                store = self._prediction_cache()
                try:
                    summary = classify_photos(
                        classifier, list(job.photos), choice.model_id, choice.device,
                        choice.precision, engine=choice.engine, store=store, token=token,
                        thumbnails=job.thumbnails, on_result=report,
                    )  # fmt: skip
                finally:
                    store.close()
                    answers.flush()
            except Exception as error:
                self._report_failure(job.seq, error, "classifying photos")
            else:
                self.batch_finished.emit(job.seq, summary)

    def _prediction_cache(self) -> PredictionCache:
        """The stored answers; a fault of theirs is noticed once, and the run goes on."""
        return PredictionCache(warn=self.noticed.emit)


class _Batcher:
    """Answers handed to the window in batches, at most every ``interval`` seconds: a
    thousand answers read back from the store at once are a few updates of the table, not
    a thousand events that would keep the window from drawing."""

    def __init__(
        self, send: Callable[[list[tuple[Path, object]]], None], interval: float = 0.05
    ) -> None:
        self._send = send
        self._interval = interval
        self._items: list[tuple[Path, object]] = []
        self._sent = time.monotonic()

    def add(self, item: tuple[Path, object]) -> None:
        self._items.append(item)
        if time.monotonic() - self._sent >= self._interval:
            self.flush()

    def flush(self) -> None:
        if self._items:
            items, self._items = self._items, []
            self._send(items)
        self._sent = time.monotonic()


class EngineThread(QThread):
    """The QThread that hosts an EngineWorker; stops within a timeout on quit."""

    def __init__(self, worker: EngineWorker) -> None:
        super().__init__()
        self.setObjectName("engine")
        self.worker = worker
        worker.moveToThread(self)
        self.started.connect(worker.start)

    def stop(self, time_left_ms: Callable[[], int]) -> bool:
        """Cancel the running job and any export, end the event loop and wait while
        ``time_left_ms()`` allows; False if something is still running."""
        self.worker.cancel()
        self.worker.stop_background_work()
        self.quit()
        stopped = self.wait(time_left_ms())
        return self.worker.wait_for_background_work(time_left_ms() / 1000) and stopped
