"""The answer to one photo: the sentence, the five bars, what the chosen one means, where
the model looked (the switch and its note) and which model answered how fast."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from app.core.folders.prediction_cache import STORED
from app.core.inference.predictions import Prediction
from app.core.inference.reports import duration_text, timings_text
from app.core.inference.runners import ENGINE_NAMES, ONNX, OPENVINO
from app.core.inference.sentence import plain_answer
from app.core.job_types import PhotoSource
from app.core.models.class_info import describe
from app.ui.widgets.confidence_chart import ConfidenceChart


class AnswerPanel(QGroupBox):
    """Shows a prediction; says nothing of where it came from (the window decides)."""

    row_chosen = Signal(int)  # a bar was chosen: show its meaning and heatmap

    def __init__(self, opacity: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Answer"))
        self.photo: PhotoSource | None = None  # the photo the shown answer is for
        self.prediction: Prediction | None = None
        self.details = False
        self.previous_note = self._label("previousNote")  # above an answer kept after a failure
        self.previous_note.hide()
        self.sentence = self._label("answerSentence")
        self.sentence.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.sentence.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self.sentence.setFont(font)
        self.chart = ConfidenceChart(self)
        self.meaning = self._label("classMeaning")
        self.meaning.setTextFormat(Qt.TextFormat.RichText)
        self.explain_toggle = QCheckBox(self.tr("&Where did it look?"), self)
        self.explain_toggle.setObjectName("explainToggle")
        self.explain_toggle.setToolTip(
            self.tr("Colour the places of the photo that led to the chosen answer")
        )
        self.opacity_slider = QSlider(Qt.Orientation.Horizontal, self)
        self.opacity_slider.setObjectName("heatmapOpacity")
        self.opacity_slider.setRange(0, 100)
        self.opacity_slider.setValue(opacity)
        self.opacity_slider.setAccessibleName(self.tr("Heatmap opacity"))
        self.opacity_slider.setToolTip(self.tr("How strongly the heatmap covers the photo"))
        self.opacity_label = QLabel(self.tr("&Opacity:"), self)
        self.opacity_label.setBuddy(self.opacity_slider)
        self.explain_note = self._label("explainNote")
        self.summary = self._label("resultSummary")
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        layout = QVBoxLayout(self)
        layout.addWidget(self.previous_note)
        layout.addWidget(self.sentence)
        layout.addWidget(self.chart, 1)  # grows into spare height, up to its maximum
        layout.addWidget(self.meaning)
        explain_row = QHBoxLayout()
        explain_row.addWidget(self.explain_toggle)
        explain_row.addStretch(1)
        explain_row.addWidget(self.opacity_label)
        explain_row.addWidget(self.opacity_slider)
        layout.addLayout(explain_row)
        layout.addWidget(self.explain_note)
        layout.addSpacing(self.fontMetrics().height() // 2)
        layout.addWidget(self.summary)
        layout.addStretch(1)
        self.chart.row_chosen.connect(self.show_meaning)
        self.chart.row_chosen.connect(self.row_chosen)
        self.explain_toggle.toggled.connect(self._on_explain_toggled)

    def _label(self, name: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setWordWrap(True)
        return label

    def show_prediction(self, photo: PhotoSource, prediction: Prediction) -> None:
        self.photo, self.prediction = photo, prediction
        self.previous_note.hide()
        self.sentence.setText(plain_answer(prediction.top))
        self.chart.set_results(prediction.top)
        self.show_meaning(0)
        self._show_summary()

    def clear(self) -> None:
        self.photo, self.prediction = None, None
        self.previous_note.hide()
        self.sentence.clear()
        self.chart.clear()
        self.meaning.clear()
        self.summary.clear()

    def note_previous(self, text: str) -> None:
        """Say that the answer shown is an earlier model's (while another works or failed)."""
        self.previous_note.setText(text)
        self.previous_note.show()

    def show_meaning(self, row: int) -> None:
        """What the chosen answer means, from WordNet (ImageNet's classes only)."""
        top = self.chart.top
        info = describe(top[row].index, top[row].label) if row < len(top) else None
        if info is None:
            self.meaning.clear()
            return
        self.meaning.setText(
            f"<b>{escape(info.label)}</b>: {escape(info.gloss)}<br>"
            f"<span style='color: palette(placeholder-text)'>{escape(info.lineage())}</span>"
        )

    def set_details(self, on: bool) -> None:
        self.details = on
        self._show_summary()

    def _show_summary(self) -> None:
        """Which model answered and how fast; with details, every figure."""
        prediction = self.prediction
        if prediction is None:
            return
        stored = prediction.engine == STORED
        if not self.details:
            text = (
                self.tr("{model} answered this in an earlier run.")
                if stored
                else self.tr("{model} answered in {time}.")
            )
            self.summary.setText(
                text.format(
                    model=prediction.model_name, time=duration_text(prediction.timings.total)
                )
            )
            return
        if stored:
            engine = self.tr("stored from an earlier run")
        elif prediction.engine == ONNX:
            engine = self.tr("ONNX Runtime, optimised for this CPU")
        elif prediction.engine == OPENVINO:
            engine = self.tr("OpenVINO, compiled for this CPU")
        else:
            engine = ENGINE_NAMES.get(prediction.engine, prediction.engine)
        # The device as the device list names it (CPU, CUDA:0); answers stored by older
        # versions do not say which device or precision computed them.
        parts = [prediction.model_name, prediction.device.upper(), prediction.precision.upper()]
        heading = " · ".join(part for part in [*parts, engine] if part)
        self.summary.setText(heading if stored else heading + "\n" + timings_text(prediction))

    def _on_explain_toggled(self, on: bool) -> None:
        for widget in (self.opacity_slider, self.opacity_label):
            widget.setEnabled(on)
        if not on:
            self.explain_note.setText(
                self.tr("Tick to see which parts of the photo led to an answer.")
            )
