"""The shown answer as files: its JSON, its text on the clipboard, the photo with its
heatmap."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QWidget

from app.core.errors import EffnetError
from app.core.inference.reports import prediction_text, write_prediction_json
from app.ui.heatmap_view import HeatmapView
from app.ui.settings import Settings
from app.ui.widgets.answer_panel import AnswerPanel
from app.ui.widgets.status_panel import StatusPanel


class AnswerFiles(QObject):
    """Save and copy what the answer panel shows (the window's File menu)."""

    def __init__(
        self,
        window: QWidget,
        panel: AnswerPanel,
        heatmap: HeatmapView,
        settings: Settings,
        status: StatusPanel,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.panel = panel
        self.heatmap = heatmap
        self.settings = settings
        self.status = status

    def _suggested(self, name: str, ending: str) -> str:
        return str(Path(self.settings.last_folder) / f"{Path(name).stem}-{ending}")

    def copy_results(self) -> None:
        photo, prediction = self.panel.photo, self.panel.prediction
        if photo is not None and prediction is not None:
            QGuiApplication.clipboard().setText(prediction_text(photo.name, prediction))

    def save_results(self) -> None:
        if self.panel.photo is None or self.panel.prediction is None:
            return
        file, _ = QFileDialog.getSaveFileName(
            self.window,
            self.tr("Save results"),
            self._suggested(self.panel.photo.name, "results.json"),
            self.tr("JSON (*.json)"),
        )
        if file:
            self.write_results(Path(file))

    def write_results(self, path: Path) -> None:
        photo, prediction = self.panel.photo, self.panel.prediction
        assert photo is not None and prediction is not None
        try:
            write_prediction_json(path, str(photo.path or photo.name), prediction)
        except EffnetError as error:
            self.status.show_error("save", str(error))

    def save_heatmap_image(self) -> None:
        shown = self.heatmap.shown()
        if shown is None:
            return
        file, _ = QFileDialog.getSaveFileName(
            self.window,
            self.tr("Save image with heatmap"),
            self._suggested(shown[0].name, "heatmap.png"),
            self.tr("PNG image (*.png)"),
        )
        if file:
            self.heatmap.write_image(Path(file))
