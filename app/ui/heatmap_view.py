"""Where did it look? The chosen answer's heatmap drawn over the photo, off the GUI thread,
and saved at full size on request."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage

from app.core.inference.explain import photo_with_heatmap, seen, write_png
from app.core.inference.predictions import Prediction
from app.core.job_types import PhotoSource
from app.core.photos.opening import open_image
from app.ui.controller import Controller
from app.ui.heatmaps import HeatmapPainter
from app.ui.settings import Settings
from app.ui.widgets.answer_panel import AnswerPanel
from app.ui.widgets.image_view import ImageView
from app.ui.widgets.status_panel import StatusPanel
from app.workers.tasks import BackgroundTask


class HeatmapView(QObject):
    """Keeps the photo's overlay in step with the answer panel's chosen row."""

    savable = Signal(bool)  # a heatmap is shown and can be saved

    def __init__(
        self,
        controller: Controller,
        panel: AnswerPanel,
        image_view: ImageView,
        status: StatusPanel,
        settings: Settings,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self.panel = panel
        self.image_view = image_view
        self.status = status
        self.settings = settings
        self.painter = HeatmapPainter(controller.run_task, self)
        self.row: int | None = None  # the chart row whose heatmap is shown
        self.painter.ready.connect(self._on_ready)
        panel.row_chosen.connect(self.show)
        panel.explain_toggle.toggled.connect(self._on_toggled)
        panel.opacity_slider.valueChanged.connect(self._on_opacity_changed)

    @property
    def wanted(self) -> bool:
        return self.panel.explain_toggle.isChecked()

    def show_first(self) -> None:
        """A new answer is in the panel: its first row's map, if wanted."""
        self.clear()
        if self.wanted:
            self.show(0)

    def show(self, row: int) -> None:
        """Draw (off the GUI thread) the heatmap of the chart's ``row``."""
        prediction = self.panel.prediction
        if prediction is None or not self.wanted or row >= len(prediction.top):
            return
        if prediction.activations is None:  # a batch answer: run the photo on its own
            if self.controller.batch_running:
                self.panel.explain_note.setText(
                    self.tr("Where it looked is shown once the folder is done.")
                )
            self.controller.classify()  # behind the folder's run, never in its place
            return
        self.panel.explain_note.setText(self.tr("Drawing the heatmap…"))
        self.painter.request(prediction, prediction.top[row].index)
        self.row = row

    def _on_ready(self, image: QImage, class_index: int) -> None:
        prediction = self.panel.prediction
        if prediction is None or self.row is None or not self.wanted:
            return
        self.image_view.set_overlay_opacity(self.panel.opacity_slider.value() / 100)
        self.image_view.set_overlay(image)
        label = next(t.label for t in prediction.top if t.index == class_index)
        note = self.tr(
            "Yellow marks what counted most for “{label}”, dark purple what did not count."
        ).format(label=label)
        if prediction.activations is not None and not seen(prediction.activations).all():
            note += " " + self.tr(
                "The model looks at the centre square of the photo: the grey edges were not seen."
            )
        self.panel.explain_note.setText(
            note + " " + self.tr("Click another answer to see its map.")
        )
        self.savable.emit(True)

    def _on_toggled(self, on: bool) -> None:
        self.settings.show_heatmap = on
        if on and self.panel.prediction is not None and self.panel.chart.top:
            self.show(self.panel.chart.selected_row)
        elif not on:
            self.clear()

    def _on_opacity_changed(self, value: int) -> None:
        self.settings.heatmap_opacity = value
        self.image_view.set_overlay_opacity(value / 100)

    def clear(self) -> None:
        self.painter.forget()
        self.row = None
        self.image_view.set_overlay(None)
        self.savable.emit(False)
        if self.wanted:
            self.panel.explain_note.clear()

    def shown(self) -> tuple[PhotoSource, Prediction, int] | None:
        """The photo, answer and row whose heatmap is on screen, if one is."""
        photo, prediction = self.panel.photo, self.panel.prediction
        if photo is None or prediction is None or self.row is None:
            return None
        return photo, prediction, self.row

    def write_image(self, path: Path) -> None:
        """Write the full-size photo with the shown heatmap, on a pool thread."""
        shown = self.shown()
        assert shown is not None
        photo, prediction, row = shown
        activations = prediction.activations
        assert activations is not None
        class_index = prediction.top[row].index
        opacity = self.panel.opacity_slider.value() / 100

        def write(_token: object, _report: object) -> Path:
            source = photo.data if photo.data is not None else photo.path
            assert source is not None
            image = photo_with_heatmap(open_image(source), activations, class_index, opacity)
            write_png(image, path)
            return path

        self.status.show_busy(self.tr("Saving {name}…").format(name=path.name))
        self.controller.run_task(
            BackgroundTask(write).on(
                succeeded=lambda saved: self.status.show_idle(
                    self.tr("Saved {path}").format(path=saved)
                ),
                failed=lambda message: self.status.show_error("save", message),
            )
        )
