"""Runs a benchmark on the engine thread, so its torch calls never overlap inference."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from PIL import Image
from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QImage

from app.core.benchmark.cases import OK, PRETRAINED, BenchmarkCase, BenchmarkConfig, CaseResult
from app.core.benchmark.runner import Benchmark
from app.core.cancel import CancelToken
from app.core.errors import EffnetError
from app.core.inference.classifier import Classifier
from app.core.inference.onnx_cache import OnnxCache
from app.core.job_types import PhotoSource
from app.core.models.catalog import Catalog
from app.core.photos.opening import open_image
from app.core.weights.store import WeightsStore
from app.workers.heatmap_images import heatmap_thumbnail

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BenchmarkJob:
    config: BenchmarkConfig
    photo: PhotoSource | None  # when given, each pretrained model's answer for it
    # Made with the job, so a cancel pressed while it still waits for the engine counts.
    token: CancelToken = field(default_factory=CancelToken)


THUMBNAIL_SIDE = 240  # pixels along the long side of a model's heatmap in Compare


@dataclass(frozen=True)
class Answer:
    label: str
    probability: float
    heatmap: QImage | None = None  # the photo with the top answer's heatmap over it


class BenchmarkWorker(QObject):
    progressed = Signal(int, int)  # runs done, runs in all
    case_finished = Signal(object, object)  # CaseResult, Answer | None
    finished = Signal(object)  # BenchmarkReport
    failed = Signal(str)

    def __init__(self, catalog: Catalog, store: WeightsStore) -> None:
        super().__init__()
        self.catalog = catalog
        self.store = store
        self.token = CancelToken()

    def cancel(self) -> None:
        """Thread-safe: stops the latest job after the run in progress, or before it starts."""
        self.token.cancel()

    def expect(self, job: BenchmarkJob) -> None:
        """Called (on the GUI thread) as ``job`` is submitted: cancel() now means this job."""
        self.token = job.token

    @Slot(object)
    def run(self, job: BenchmarkJob) -> None:
        token = job.token
        config = job.config
        total_runs = len(config.cases()) * config.runs
        done = 0
        # The CPU engine where it can (no torch needed), as the window's classifier does.
        answers = Classifier(self.catalog, self.store, onnx=OnnxCache(self.store.cache_dir))
        image = self._open(job.photo)

        def on_run(_case: BenchmarkCase, _run: int, _runs: int) -> None:
            nonlocal done
            done += 1
            self.progressed.emit(done, total_runs)

        def on_case(result: CaseResult, _index: int, _total: int) -> None:
            nonlocal done
            done = _index * config.runs
            self.progressed.emit(done, total_runs)
            self.case_finished.emit(result, self._answer(answers, image, result))

        try:
            report = Benchmark(self.catalog, self.store, photo=image).run(
                config, token=token, on_run=on_run, on_case=on_case
            )
        except Exception as error:
            log.exception("benchmark failed")
            self.failed.emit(str(error))
            return
        finally:
            answers.unload()
        self.finished.emit(report)

    @staticmethod
    def _open(photo: PhotoSource | None) -> Image.Image | None:
        source = None if photo is None else photo.data or photo.path
        if source is None:
            return None
        try:
            return open_image(source)
        except EffnetError:
            return None

    @staticmethod
    def _answer(
        classifier: Classifier, image: Image.Image | None, result: CaseResult
    ) -> Answer | None:
        if image is None or result.status != OK or result.weights != PRETRAINED:
            return None
        try:
            prediction = classifier.classify(
                image, result.model, result.device, result.precision, 1, explain=True
            )
        except EffnetError as error:
            log.info("no answer from %s: %s", result.model, error)
            return None
        top = prediction.top[0]
        return Answer(
            top.label, top.probability, heatmap_thumbnail(image, prediction, THUMBNAIL_SIDE)
        )
