"""A folder run has one owner: whatever else the user does meanwhile (the heatmap ticked, F5,
Esc, another model, a model that cannot download), every answer arrives or the run ends on
screen, with its panel, buttons and status line in the state it ended in."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from app.core.inference.predictions import Prediction
from app.ui.folder_run import RunState
from app.ui.settings import Settings
from app.ui.widgets.folder_panel import PATH_ROLE
from tests.gui.conftest import open_window, run_ends
from tests.unit.folders.conftest import distinct_photos

pytestmark = pytest.mark.gui


def _assert_ended(window, state: RunState) -> None:  # type: ignore[no-untyped-def]
    panel = window.folder_panel
    assert window.controller.folder.status.state is state
    assert not window.controller.batch_running
    assert panel.cancel_button.isEnabled() is (state is RunState.PAUSED)
    assert panel.export_button.isEnabled()


def test_with_the_heatmap_ticked_every_folder_answer_arrives(
    qtbot, settings: Settings, catalog, tmp_path: Path
) -> None:
    settings.show_heatmap = True  # remembered from an earlier session
    window = open_window(qtbot, settings, catalog)
    photos = distinct_photos(tmp_path / "album", 10)
    said: list[str] = []  # what the status line says as the run ends
    window.controller.folder.changed.connect(lambda _s: said.append(window.status.message.text()))
    with run_ends(qtbot, window) as ended:
        window.open_paths([tmp_path / "album"])
    panel = window.folder_panel
    assert set(panel.model.outcomes) == set(photos)
    assert all(isinstance(o, Prediction) for o in panel.model.outcomes.values())
    assert ended.args[0].summary.classified == 10
    _assert_ended(window, RunState.DONE)
    assert "10 photos: 10 classified" in said[-1]
    # The first photo, run again on its own once the folder was done, shows where it looked.
    qtbot.waitUntil(lambda: window.image_view.has_overlay, timeout=60_000)
    assert window.controller.photo.path == photos[0]
    window.close()


def test_f5_during_a_folder_run_is_answered_after_it_without_replacing_it(
    qtbot, window, tmp_path: Path
) -> None:
    photos = distinct_photos(tmp_path / "album", 12)
    window.open_paths([tmp_path / "album"])
    qtbot.waitUntil(lambda: window.controller.batch_running, timeout=10_000)
    with run_ends(qtbot, window):
        QTest.keyClick(window, Qt.Key.Key_F5)
    assert set(window.folder_panel.model.outcomes) == set(photos)
    _assert_ended(window, RunState.DONE)
    with qtbot.waitSignal(window.controller.result_ready, timeout=60_000) as again:
        pass  # F5's own answer, after the folder's
    assert again.args[0].path == photos[0] and again.args[1].activations is not None


def test_esc_during_a_folder_run_ends_it_on_screen(qtbot, window, tmp_path: Path) -> None:
    distinct_photos(tmp_path / "album", 40, size=(2000, 1500))
    window.open_paths([tmp_path / "album"])
    qtbot.waitUntil(lambda: len(window.folder_panel.model.outcomes) >= 1, timeout=60_000)
    with run_ends(qtbot, window, RunState.CANCELLED, 10_000):
        QTest.keyClick(window, Qt.Key.Key_Escape)
    _assert_ended(window, RunState.CANCELLED)
    assert not window.folder_panel.pause_button.isEnabled()
    answered = len(window.folder_panel.model.outcomes)
    assert f"Stopped at {answered} of 40 photos." == window.status.message.text()
    assert window.folder_panel.progress.text() == window.status.message.text()


def test_another_model_answers_the_folder_again_keeping_the_selected_photo(
    qtbot, window, tmp_path: Path
) -> None:
    photos = distinct_photos(tmp_path / "album", 4)
    with run_ends(qtbot, window):
        window.open_paths([tmp_path / "album"])
    window.folder_panel.select_photo(photos[2])
    qtbot.waitUntil(lambda: window.controller.photo.path == photos[2], timeout=10_000)
    with run_ends(qtbot, window):
        window.model_picker.select("b0")
        window._on_selection_changed()
    assert window.controller.photo.path == photos[2]
    current = window.folder_panel.table.currentIndex()
    assert current.data(PATH_ROLE) == str(photos[2])  # and it is the row selected
    assert {o.model_id for o in window.folder_panel.model.outcomes.values()} == {"b0"}
    assert window.last_prediction is not None and window.last_prediction.model_id == "b0"


def test_a_folder_with_a_model_that_cannot_download_says_so_in_the_panel(
    qtbot, window, server, tmp_path: Path
) -> None:
    server.behaviour.status = 404
    distinct_photos(tmp_path / "album", 3)
    window.model_picker.select("b3")
    window._on_selection_changed()
    with run_ends(qtbot, window, RunState.FAILED, 30_000) as ended:
        window.open_paths([tmp_path / "album"])
    assert "HTTP 404" in ended.args[0].failure
    _assert_ended(window, RunState.FAILED)
    assert not window.folder_panel.pause_button.isEnabled()
    note = window.folder_panel.progress
    assert note.text().startswith("Could not start: ") and "HTTP 404" in note.toolTip()
    assert "HTTP 404" in window.status.message.text()


def test_after_move_them_the_table_follows_the_photos(qtbot, window, tmp_path: Path) -> None:
    photos = distinct_photos(tmp_path / "album", 4)
    with run_ends(qtbot, window):
        window.open_paths([tmp_path / "album"])
    actions, model = window.folder_actions, window.folder_panel.model
    with qtbot.waitSignal(actions.photos_moved, timeout=30_000) as moved:
        actions.sort(tmp_path / "sorted", "move")
    assert set(moved.args[0]) == set(photos)
    assert not any(p.exists() for p in photos)
    assert all(p.exists() and tmp_path / "sorted" in p.parents for p in model.photos)
    assert set(model.outcomes) == set(model.photos)
    assert window.controller.photo.path in model.photos and window.controller.photo.path.exists()
    # Keywords go beside the photos where they are now, and nowhere else.
    actions.write_keywords()
    qtbot.waitUntil(lambda: "Keywords written" in window.status.message.text(), timeout=30_000)
    assert len(list((tmp_path / "sorted").rglob("*.jpg.xmp"))) == 4
    assert not list((tmp_path / "album").glob("*.xmp"))
    out = tmp_path / "answers.csv"
    actions.export(out, "csv")
    qtbot.waitUntil(out.exists, timeout=30_000)
    assert all(str(p) in out.read_text("utf-8-sig") for p in model.photos)
    with qtbot.waitSignal(actions.photos_moved, timeout=30_000):
        actions.undo_sort()
    assert sorted(model.photos) == sorted(photos) and all(p.exists() for p in photos)


def test_a_folder_with_a_name_that_is_not_utf8_is_answered_whole(
    qtbot, window, tmp_path: Path
) -> None:
    photos = distinct_photos(tmp_path / "card", 3)
    latin1 = Path(os.fsdecode(bytes(tmp_path / "card") + b"/caf\xe9.jpg"))
    photos[1].rename(latin1)
    with run_ends(qtbot, window) as ended:
        window.open_paths([tmp_path / "card"])
    assert ended.args[0].summary.classified == 3
    outcomes = window.folder_panel.model.outcomes
    assert isinstance(outcomes[latin1], Prediction) and len(outcomes) == 3
