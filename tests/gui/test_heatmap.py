""" "Where did it look?" in the window: the overlay, switching answers, opacity, saving."""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from PySide6.QtCore import QPoint, Qt

from app.workers import heatmap_images
from tests.gui.conftest import run_ends
from tests.gui.test_main_window import drop_files
from tests.support.photos import CHINA, FLOWER

pytestmark = pytest.mark.gui


def _classified(qtbot, window, photo: Path = CHINA):  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(window.controller.result_ready, timeout=60_000) as blocker:
        drop_files(window, [photo])
    return blocker.args[1]


def test_the_toggle_overlays_the_top_answers_heatmap_drawn_off_the_gui_thread(
    qtbot, window, monkeypatch
) -> None:
    threads: list[threading.Thread] = []
    real = heatmap_images.heatmap_image

    def recording(prediction, class_index):  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread())
        return real(prediction, class_index)

    monkeypatch.setattr(heatmap_images, "heatmap_image", recording)
    prediction = _classified(qtbot, window)
    assert prediction.activations is not None  # every window answer can be explained
    assert not window.image_view.has_overlay
    with qtbot.waitSignal(window.heatmap_view.painter.ready, timeout=10_000) as ready:
        window.answer_panel.explain_toggle.setChecked(True)
    assert ready.args[1] == prediction.top[0].index
    assert window.image_view.has_overlay and window.menus.save_image_action.isEnabled()
    assert "palace" in window.answer_panel.explain_note.text()
    assert threads and threading.main_thread() not in threads
    window.answer_panel.explain_toggle.setChecked(False)
    assert not window.image_view.has_overlay and not window.menus.save_image_action.isEnabled()
    assert window.settings.show_heatmap is False


def test_clicking_another_answer_shows_its_heatmap(qtbot, window) -> None:
    window.answer_panel.explain_toggle.setChecked(True)
    with qtbot.waitSignal(window.heatmap_view.painter.ready, timeout=60_000) as first:
        prediction = _classified(qtbot, window)
    first_image = first.args[0]
    third_row = window.answer_panel.chart.rows()[2]
    with qtbot.waitSignal(window.heatmap_view.painter.ready, timeout=10_000) as second:
        qtbot.mouseClick(
            window.answer_panel.chart,
            Qt.MouseButton.LeftButton,
            pos=QPoint(20, int(third_row.top + third_row.height / 2)),
        )
    assert second.args[1] == prediction.top[2].index and window.answer_panel.chart.selected_row == 2
    assert prediction.top[2].label in window.answer_panel.explain_note.text()
    assert second.args[0] != first_image
    with qtbot.waitSignal(window.heatmap_view.painter.ready, timeout=10_000) as third:
        window.answer_panel.chart.setFocus()
        qtbot.keyClick(window.answer_panel.chart, Qt.Key.Key_Up)
    assert third.args[1] == prediction.top[1].index


def test_opacity_follows_the_slider_and_is_remembered(qtbot, window) -> None:
    window.answer_panel.explain_toggle.setChecked(True)
    with qtbot.waitSignal(window.heatmap_view.painter.ready, timeout=60_000):
        _classified(qtbot, window)
    window.answer_panel.opacity_slider.setValue(80)
    assert window.image_view._overlay_opacity == pytest.approx(0.8)
    assert window.settings.heatmap_opacity == 80


def test_a_new_photo_replaces_the_heatmap(qtbot, window) -> None:
    window.answer_panel.explain_toggle.setChecked(True)
    with qtbot.waitSignal(window.heatmap_view.painter.ready, timeout=60_000) as first:
        _classified(qtbot, window, CHINA)
    with qtbot.waitSignal(window.heatmap_view.painter.ready, timeout=60_000) as second:
        drop_files(window, [FLOWER])
        assert not window.image_view.has_overlay  # the old photo's map is gone at once
    assert "daisy" in window.answer_panel.explain_note.text()
    assert second.args[0] != first.args[0]


def test_save_image_writes_the_full_size_photo_with_the_heatmap(qtbot, window, tmp_path) -> None:
    window.answer_panel.explain_toggle.setChecked(True)
    with qtbot.waitSignal(window.heatmap_view.painter.ready, timeout=60_000):
        _classified(qtbot, window)
    out = tmp_path / "palace-heatmap.png"
    window.heatmap_view.write_image(out)
    qtbot.waitUntil(lambda: "Saved" in window.status.message.text(), timeout=10_000)
    written = Image.open(out)
    assert written.size == Image.open(CHINA).size
    photo = np.asarray(Image.open(CHINA), np.int16)
    assert np.abs(np.asarray(written, np.int16) - photo).mean() > 10
    window.heatmap_view.write_image(tmp_path / "missing" / "x.png")
    qtbot.waitUntil(lambda: window.status.state == "error", timeout=10_000)
    assert "Cannot write" in window.status.message.text()
    assert "Choose another folder" in window.status.message.text()


def test_a_batch_answer_is_run_again_alone_to_be_explained(qtbot, window) -> None:
    with run_ends(qtbot, window):
        drop_files(window, [CHINA, FLOWER])
    assert window.last_prediction is not None and window.last_prediction.activations is None
    with qtbot.waitSignal(window.heatmap_view.painter.ready, timeout=60_000):
        window.answer_panel.explain_toggle.setChecked(True)
    assert window.image_view.has_overlay
