"""The window in plain words: a sentence for the answer, models described by speed and
size, details on request, and an offline path that needs no environment variable."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog

from app.core.folders.prediction_cache import STORED
from app.core.inference.predictions import Prediction, StageTimings, TopClass
from app.core.job_types import PhotoSource
from app.ui.widgets.answer_panel import AnswerPanel
from tests.gui.conftest import wait_for_result
from tests.gui.test_main_window import drop_files
from tests.support.photos import CHINA

pytestmark = pytest.mark.gui


def _choose(window, model_id: str) -> None:  # type: ignore[no-untyped-def]
    window.model_picker.select(model_id)
    window.model_picker.activated.emit(window.model_picker.currentIndex())


def _lite0_answer_then_b3_offline(qtbot, window, server) -> None:  # type: ignore[no-untyped-def]
    """Lite0 answers; then B3 is chosen while its server answers 404, as offline."""
    drop_files(window, [CHINA])
    wait_for_result(qtbot, window)
    server.behaviour.status = 404
    with qtbot.waitSignal(window.controller.failed, timeout=30_000):
        _choose(window, "b3")


def test_the_answer_is_a_sentence_and_each_label_is_explained(qtbot, window) -> None:
    drop_files(window, [CHINA])
    prediction = wait_for_result(qtbot, window)
    top = prediction.top[0]
    assert top.label == "palace" and top.probability < 0.5  # Lite0 hesitates here
    assert window.answer_panel.sentence.text().startswith("Not sure — maybe a palace")
    assert "Official residence of an exalted person" in window.answer_panel.meaning.text()
    window.answer_panel.chart.setFocus()
    qtbot.keyClick(window.answer_panel.chart, Qt.Key.Key_Down)
    assert prediction.top[1].label in window.answer_panel.meaning.text()


def test_models_are_described_in_words_and_figures_wait_for_details(qtbot, window) -> None:
    texts = [window.model_picker.itemText(i).strip() for i in range(window.model_picker.count())]
    assert "Lite0 — fast · included" in texts
    assert "B7 — most accurate, slow · 255 MB download" in texts  # as torchvision serves it
    b4 = next(text for text in texts if text.startswith("B4 — "))
    assert b4 == "B4 — balanced · 74 MB download"
    assert "GFLOPs" in window.model_picker.itemData(texts.index(b4), Qt.ItemDataRole.ToolTipRole)
    drop_files(window, [CHINA])
    wait_for_result(qtbot, window)
    assert not window.details_toggle.isChecked()
    hidden = (window.model_details, window.precision_picker, window.engine_picker)
    assert not any(widget.isVisibleTo(window) for widget in hidden)
    assert "answered in" in window.answer_panel.summary.text()
    assert "inference" not in window.answer_panel.summary.text()
    window.details_toggle.setChecked(True)
    assert all(widget.isVisibleTo(window) for widget in hidden)
    assert "GFLOPs" in window.model_details.text()
    assert "inference" in window.answer_panel.summary.text()
    assert window.settings.show_details is True


def test_a_failed_download_names_the_file_and_its_address_and_keeps_the_answer(
    qtbot, window, server
) -> None:
    _lite0_answer_then_b3_offline(qtbot, window, server)
    b3 = window.catalog.get("b3")
    message = window.status.message.text()
    assert b3.weights.file_name in message and b3.weights.url in message
    assert "EFFNET_WEIGHTS_URL" not in message
    assert (
        window.answer_panel.chart.top and window.answer_panel.chart.top[0].label == "palace"
    )  # still Lite0's answer
    assert window.answer_panel.previous_note.isVisibleTo(window)
    assert "EfficientNet-Lite0" in window.answer_panel.previous_note.text()
    qtbot.mouseClick(window.status.action_buttons["copy"], Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == b3.weights.url


def test_import_asks_for_the_chosen_models_file_installs_it_and_classifies(
    qtbot, window, server, b3_file, monkeypatch
) -> None:
    _lite0_answer_then_b3_offline(qtbot, window, server)
    asked: list[str] = []

    def pick(_parent, caption, *_args):  # type: ignore[no-untyped-def]
        asked.append(caption)
        return str(b3_file), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", pick)
    qtbot.mouseClick(window.status.action_buttons["import"], Qt.MouseButton.LeftButton)
    prediction = wait_for_result(qtbot, window)
    assert asked and "EfficientNet-B3" in asked[0]
    assert prediction.model_id == "b3"
    assert window.store_provider().status(window.catalog.get("b3")).ready
    assert not window.answer_panel.previous_note.isVisibleTo(window)


def test_a_wrong_imported_file_is_refused_and_nothing_is_installed(
    qtbot, window, tmp_path, monkeypatch
) -> None:
    _choose(window, "b3")
    wrong = tmp_path / "b3.pth"
    wrong.write_bytes(b"not weights")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a: (str(wrong), ""))
    window.import_weights()
    qtbot.waitUntil(lambda: window.status.state == "error", timeout=30_000)
    assert "integrity check" in window.status.message.text()
    assert not window.store_provider().status(window.catalog.get("b3")).ready


def test_a_stored_answer_names_the_device_that_computed_it_and_nothing_empty(qtbot) -> None:
    panel = AnswerPanel(50)
    qtbot.addWidget(panel)
    top = (TopClass(1, 698, "palace", 0.3),)
    stored = Prediction("lite0", "EfficientNet-Lite0", "cuda:0", "fp16", top, StageTimings(),
                        engine=STORED)  # fmt: skip
    panel.show_prediction(PhotoSource(CHINA.name, CHINA), stored)
    assert panel.summary.text() == "EfficientNet-Lite0 answered this in an earlier run."
    panel.set_details(True)
    assert panel.summary.text() == "EfficientNet-Lite0 · CUDA:0 · FP16 · stored from an earlier run"
    older = replace(stored, device="", precision="")  # kept before answers named their device
    panel.show_prediction(PhotoSource(CHINA.name, CHINA), older)
    assert panel.summary.text() == "EfficientNet-Lite0 · stored from an earlier run"
