"""Teaches a label set on the engine thread, so its model runs never overlap inference."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Signal, Slot

from app.core.cancel import CancelToken
from app.core.errors import Cancelled, EffnetError
from app.core.folders.prediction_cache import PredictionCache
from app.core.inference.classifier import Classifier
from app.core.inference.onnx_cache import OnnxCache
from app.core.models.catalog import Catalog
from app.core.teach.training import Piles, Teacher
from app.core.weights.store import WeightsStore
from app.i18n import translate

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class TeachJob:
    piles: Piles
    model_id: str
    augment: bool
    token: CancelToken = field(default_factory=CancelToken)


class TeachWorker(QObject):
    progressed = Signal(int, int)  # photos read, photos in all
    finished = Signal(object)  # Lesson
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, catalog: Catalog, store: WeightsStore) -> None:
        super().__init__()
        self.catalog = catalog
        self.store = store
        self.token = CancelToken()

    def expect(self, job: TeachJob) -> None:
        """Called (on the GUI thread) as ``job`` is submitted: cancel() now means this job."""
        self.token = job.token

    def cancel(self) -> None:
        """Thread-safe: stops the job at the next photo or step, or before it starts."""
        self.token.cancel()

    @Slot(object)
    def run(self, job: TeachJob) -> None:
        classifier = Classifier(self.catalog, self.store, onnx=OnnxCache(self.store.cache_dir))
        cache = PredictionCache(warn=log.warning)
        try:
            lesson = Teacher(classifier, cache).teach(
                job.piles, job.model_id, augment=job.augment, token=job.token,
                progress=self.progressed.emit,
            )  # fmt: skip
        except Cancelled:
            self.cancelled.emit()
            return
        except EffnetError as error:
            self.failed.emit(str(error))
            return
        except Exception as error:
            log.exception("teaching failed")
            self.failed.emit(
                translate("Errors", "something went wrong ({kind}: {error})").format(
                    kind=type(error).__name__, error=error
                )
            )
            return
        finally:
            cache.close()
            classifier.unload()
        self.finished.emit(lesson)
