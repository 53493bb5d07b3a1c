"""Heatmaps for the window, drawn on a pool thread from an answer's activations."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage

from app.core.cancel import CancelToken
from app.core.inference.predictions import Prediction
from app.workers import heatmap_images
from app.workers.tasks import BackgroundTask


class HeatmapPainter(QObject):
    """Draws heatmaps through ``run_task`` (the controller's pool, which quitting waits
    for); a newer request makes an older result stale."""

    ready = Signal(QImage, int)  # the heatmap, the class index it shows

    def __init__(
        self, run_task: Callable[[BackgroundTask], None], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._run_task = run_task
        self._latest = 0

    def request(self, prediction: Prediction, class_index: int) -> None:
        self._latest += 1
        ticket = self._latest

        def draw(_token: CancelToken, _report: object) -> QImage:
            return heatmap_images.heatmap_image(prediction, class_index)

        def deliver(image: QImage) -> None:
            if ticket == self._latest:
                self.ready.emit(image, class_index)

        self._run_task(BackgroundTask(draw).on(succeeded=deliver))

    def forget(self) -> None:
        """Results of requests made so far are no longer wanted."""
        self._latest += 1
