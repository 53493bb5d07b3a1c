"""The folder table: subfolders, thumbnails, filters, sorting, Pause/Resume/Cancel within
half a second, and answers kept for the next time."""

from __future__ import annotations

import json
import shutil
import subprocess
import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from app.core.inference.sentence import SURE
from app.ui import folder_view
from app.ui.folder_run import RunState
from app.ui.widgets.folder_panel import CONFIDENCE, LABEL, SORT_ROLE
from tests.gui.conftest import open_window, run_ends
from tests.support.photos import CHINA, COFFEE, FLOWER
from tests.unit.folders.conftest import distinct_photos

pytestmark = pytest.mark.gui


def _labels(window) -> list[str]:  # type: ignore[no-untyped-def]
    proxy = window.folder_panel.proxy
    return [proxy.index(row, LABEL).data() for row in range(proxy.rowCount())]


def test_a_folder_fills_the_table_with_subfolders_on_request(qtbot, window, tmp_path) -> None:
    top = distinct_photos(tmp_path / "album", 4)
    distinct_photos(tmp_path / "album" / "june", 2, first=100)
    with run_ends(qtbot, window):
        window.open_paths([tmp_path / "album"])
    assert window.folder_panel.proxy.rowCount() == 4
    assert sorted(_labels(window)) == ["daisy", "daisy", "palace", "palace"]
    assert "4 photos" in window.folder_panel.progress.text()
    said = window.status.message.text()
    assert said.startswith("4 photos: 4 classified (") and said.endswith(" photos/s).")
    with run_ends(qtbot, window) as done:
        window.folder_panel.subfolders.setChecked(True)
    assert window.folder_panel.proxy.rowCount() == 6
    assert (
        done.args[0].summary.stored == 4 and done.args[0].summary.classified == 2
    )  # kept from the first run
    said = window.status.message.text()
    assert "2 classified" in said and "4 answered by earlier runs" in said
    assert "could not" not in said and "(0.0 photos/s)" not in said  # two photos timed too
    model, proxy = window.folder_panel.model, window.folder_panel.proxy
    for row in range(6):  # as the view asks for the rows it shows
        proxy.index(row, 0).data(Qt.ItemDataRole.DecorationRole)
    qtbot.waitUntil(lambda: len(model._thumbnails) == 6, timeout=10_000)
    index = proxy.index(0, 0)
    assert index.data(Qt.ItemDataRole.DecorationRole).width() == 48
    assert index.data(Qt.ItemDataRole.ToolTipRole).count("%") == 5  # the top-5 on hover
    kept = list(window.thumbnails.store.folder.glob("*.png"))
    assert len(kept) == 6 and str(top[0]) not in str(kept)


def test_the_table_takes_thumbnails_from_the_runs_own_decode(
    qtbot, window, tmp_path, monkeypatch
) -> None:
    from app.ui import thumbnails

    decoded: list[str] = []  # photos the table decoded itself, for a thumbnail
    reader = thumbnails.QImageReader
    monkeypatch.setattr(
        thumbnails, "QImageReader", lambda path: decoded.append(path) or reader(path)
    )
    distinct_photos(tmp_path / "album", 6)
    with run_ends(qtbot, window):
        window.open_paths([tmp_path / "album"])  # the view asks for the rows it shows
    model, proxy = window.folder_panel.model, window.folder_panel.proxy
    for row in range(6):
        proxy.index(row, 0).data(Qt.ItemDataRole.DecorationRole)
    qtbot.waitUntil(lambda: len(model._thumbnails) == 6, timeout=10_000)
    assert decoded == []
    assert proxy.index(0, 0).data(Qt.ItemDataRole.DecorationRole).width() == 48


def test_filter_by_label_unsure_only_and_sort_by_confidence(qtbot, window, tmp_path) -> None:
    distinct_photos(tmp_path / "album", 4)
    for photo in (CHINA, FLOWER, COFFEE):  # 29.8 % palace: unsure; 95 % espresso: sure
        shutil.copy(photo, tmp_path / "album")
    with run_ends(qtbot, window):
        window.open_paths([tmp_path / "album"])
    panel = window.folder_panel
    panel.filter_edit.setText("Dais")
    assert _labels(window) == ["daisy"] * 3
    panel.filter_edit.clear()
    panel.unsure.setChecked(True)
    names = {panel.proxy.index(row, 0).data() for row in range(panel.proxy.rowCount())}
    expected = {
        path.name
        for path, answer in panel.model.outcomes.items()
        if answer.top[0].probability < SURE
    }
    assert names == expected and "china.jpg" in names and "coffee.png" not in names
    panel.unsure.setChecked(False)
    panel.table.sortByColumn(CONFIDENCE, Qt.SortOrder.DescendingOrder)
    shown = [panel.proxy.index(row, CONFIDENCE).data(SORT_ROLE) for row in range(7)]
    assert shown == sorted(shown, reverse=True)


def test_pause_resume_and_cancel_take_effect_within_half_a_second(
    qtbot, settings, catalog, tmp_path
) -> None:
    settings.engine = "auto"  # ONNX Runtime, which stops mid-batch
    settings.model = "b3"
    window = open_window(qtbot, settings, catalog)
    photos = distinct_photos(tmp_path / "album", 40, size=(2000, 1500))
    window.open_paths([tmp_path / "album"])
    qtbot.waitUntil(lambda: len(window.folder_panel.model.outcomes) >= 3, timeout=120_000)
    asked = time.monotonic()
    with run_ends(qtbot, window, RunState.PAUSED, 5_000):
        window.folder_panel.pause_button.click()
    assert time.monotonic() - asked <= 0.5
    assert window.folder_panel.pause_button.text() == "&Resume"
    answered = len(window.folder_panel.model.outcomes)
    assert answered < len(photos)
    with qtbot.waitSignal(window.controller.batch_items, timeout=60_000):
        window.folder_panel.pause_button.click()  # Resume
    qtbot.waitUntil(
        lambda: len(window.folder_panel.model.outcomes) >= answered + 3, timeout=120_000
    )
    asked = time.monotonic()
    with run_ends(qtbot, window, RunState.CANCELLED, 5_000):
        window.folder_panel.cancel_button.click()
    assert time.monotonic() - asked <= 0.5
    assert not window.folder_panel.pause_button.isEnabled()
    window.close()


def _opened_album(qtbot, window, tmp_path, count: int = 4) -> list[Path]:  # type: ignore[no-untyped-def]
    photos = distinct_photos(tmp_path / "album", count)
    with run_ends(qtbot, window):
        window.open_paths([tmp_path / "album"])
    return photos


def _settled(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: window.status.state != "busy", timeout=30_000)


def test_the_table_exports_a_spreadsheet_and_json(qtbot, window, tmp_path) -> None:
    photos = _opened_album(qtbot, window, tmp_path)
    window.folder_actions.export(tmp_path / "answers.csv", "csv")
    _settled(qtbot, window)
    lines = (tmp_path / "answers.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(lines) == 5 and lines[0].startswith("path,model,label_1")
    window.folder_actions.export(tmp_path / "answers.json", "json")
    _settled(qtbot, window)
    results = json.loads((tmp_path / "answers.json").read_text())["results"]
    assert sorted(r["image"] for r in results) == sorted(str(p) for p in photos)
    window.folder_actions.export(tmp_path / "missing" / "x.csv", "csv")
    _settled(qtbot, window)
    assert window.status.state == "error" and "not found" in window.status.message.text()


def test_keywords_from_the_window_are_sidecars_exiftool_reads(qtbot, window, tmp_path) -> None:
    photos = _opened_album(qtbot, window, tmp_path, count=2)
    before = [p.read_bytes() for p in photos]
    window.folder_actions.write_keywords()
    _settled(qtbot, window)
    assert "Keywords written beside 2 photos" in window.status.message.text()
    result = subprocess.run(
        ["exiftool", "-j", "-XMP-dc:Subject", *[f"{p}.xmp" for p in photos]],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    subjects = [entry["Subject"] for entry in json.loads(result.stdout)]
    assert subjects[0] in ("palace", ["palace", "bell cote"]) and "daisy" in str(subjects[1])
    assert [p.read_bytes() for p in photos] == before


def test_sorting_from_the_window_moves_and_undo_puts_back(qtbot, window, tmp_path) -> None:
    photos = _opened_album(qtbot, window, tmp_path)
    assert not window.menus.undo_sort_action.isEnabled()
    window.folder_actions.sort(tmp_path / "sorted", "move")
    _settled(qtbot, window)
    assert "4 photos moved" in window.status.message.text()
    assert not any(p.exists() for p in photos)
    assert len(list((tmp_path / "sorted").rglob("*.jpg"))) == 4
    assert window.menus.undo_sort_action.isEnabled()
    window.menus.undo_sort_action.trigger()
    _settled(qtbot, window)
    assert "4 photos put back" in window.status.message.text()
    assert all(p.exists() for p in photos) and not window.menus.undo_sort_action.isEnabled()


def test_a_folder_is_walked_off_the_gui_thread(qtbot, window, tmp_path, monkeypatch) -> None:
    distinct_photos(tmp_path / "album", 2)
    walked_on: list[threading.Thread] = []
    real = folder_view.photos_in

    def recording(paths, recursive):  # type: ignore[no-untyped-def]
        walked_on.append(threading.current_thread())
        return real(paths, recursive)

    monkeypatch.setattr(folder_view, "photos_in", recording)
    with run_ends(qtbot, window):
        window.open_paths([tmp_path / "album"])
        assert "Looking for photos in album" in window.status.message.text()
    assert walked_on and threading.main_thread() not in walked_on
    assert window.folder_panel.proxy.rowCount() == 2
