"""File ▸ New label set: piles of real digit scans taught on the engine thread, the results
with their confusion matrix and mistakes, and the set then used by the window."""

from __future__ import annotations

from pathlib import Path

import pytest

from app import paths
from app.ui.dialogs.teach import TeachDialog
from tests.gui.conftest import run_ends, wait_for_result
from tests.support.clipping import clipped
from tests.support.digits import digit_piles

pytestmark = pytest.mark.gui


def open_teach(window) -> TeachDialog:  # type: ignore[no-untyped-def]
    window.menus.teach_action.trigger()
    dialog = window.dialogs.teach_dialog
    assert isinstance(dialog, TeachDialog) and dialog.isVisible()
    return dialog


def taught(qtbot, dialog: TeachDialog) -> None:
    dialog.teach_button.click()
    assert dialog.running and dialog.progress.isVisible()
    qtbot.waitUntil(lambda: dialog.tabs.isTabEnabled(1), timeout=120_000)


def test_teaching_shows_results_and_the_set_is_then_the_windows_model(
    qtbot, window, tmp_path: Path
) -> None:
    digit_piles(tmp_path / "digits", (0, 1, 7), 6)
    dialog = open_teach(window)
    assert not dialog.teach_button.isEnabled()  # no labels yet
    dialog.open_folder(tmp_path / "digits")
    assert [dialog.piles.label(row) for row in range(3)] == ["one", "seven", "zero"]
    assert dialog.piles.item(0, 1).text() == "6"
    assert "has only 6 photos" not in dialog.advice.text() and dialog.teach_button.isEnabled()
    taught(qtbot, dialog)
    evaluation = dialog.lesson.evaluation
    assert dialog.tabs.currentIndex() == 1 and not dialog.running
    assert f"Right {evaluation.accuracy:.0%} of the time" in dialog.summary.text()
    assert dialog.confusion.rowCount() == 3 and dialog.confusion.item(0, 0) is not None
    assert sum(int(dialog.confusion.item(r, c).text()) for r in range(3) for c in range(3)) == 18
    assert dialog.per_label.item(2, 0).text() == "zero"
    assert dialog.mistakes.count() == len(evaluation.mistakes)
    dialog.name.setText("Digits")
    with qtbot.waitSignal(window.controller.result_ready, timeout=60_000):
        dialog.keep_button.click()
        window.open_paths([tmp_path / "digits" / "zero" / sorted(
            p.name for p in (tmp_path / "digits" / "zero").iterdir())[0]])  # fmt: skip
    assert (paths.label_sets_dir() / "Digits.effnet").is_file()
    assert window.model_picker.current_id() == "digits.effnet"
    assert window.model_picker.currentText().strip() == "digits — 3 labels · from Lite0"
    qtbot.waitUntil(lambda: clipped(window) == [], timeout=5_000)  # once laid out again
    assert window.settings.model == "digits.effnet"
    prediction = window.last_prediction
    assert prediction is not None and prediction.model_id == "digits.effnet"
    assert {top.label for top in prediction.top} <= {"zero", "one", "seven"}
    assert window.answer_panel.sentence.text()  # "Probably zero" or "Not sure — …"


def test_a_folder_run_answers_with_the_learned_labels(qtbot, window, tmp_path: Path) -> None:
    digit_piles(tmp_path / "digits", (0, 7), 5)
    dialog = open_teach(window)
    dialog.open_folder(tmp_path / "digits")
    taught(qtbot, dialog)
    dialog.keep_button.click()
    new = digit_piles(tmp_path / "new", (0, 7), 2, skip=10)
    with run_ends(qtbot, window):
        window.open_paths([tmp_path / "new"])
    window.folder_panel.subfolders.setChecked(True)
    outcomes = window.folder_panel.model.outcomes
    qtbot.waitUntil(lambda: len(outcomes) == 4, timeout=60_000)
    photos = [photo for pile in new.values() for photo in pile]
    assert {outcomes[photo].top[0].label for photo in photos} <= {"zero", "seven"}


def test_mistakes_can_be_moved_and_teaching_stopped(qtbot, window, tmp_path: Path) -> None:
    piles = digit_piles(tmp_path / "digits", (1, 7), 5)
    wrong = piles["seven"][0]
    (tmp_path / "digits" / "seven" / wrong.name).rename(tmp_path / "digits" / "one" / wrong.name)
    dialog = open_teach(window)
    dialog.open_folder(tmp_path / "digits")
    assert [len(pile) for pile in dialog.piles.piles().photos] == [6, 4]  # one, seven
    dialog.piles.move_photo(tmp_path / "digits" / "one" / wrong.name, "seven")
    assert [len(pile) for pile in dialog.piles.piles().photos] == [5, 5]
    assert dialog.piles.item(1, 1).text() == "5"
    dialog.start()
    dialog.cancel_button.click()
    qtbot.waitUntil(lambda: not dialog.running, timeout=60_000)
    assert dialog.status.text().startswith("Stopped.") and not dialog.tabs.isTabEnabled(1)
    assert dialog.lesson is None and dialog.teach_button.isEnabled()


def test_too_few_photos_say_what_to_do(qtbot, window, tmp_path: Path) -> None:
    digit_piles(tmp_path / "digits", (3, 4), 1)
    dialog = open_teach(window)
    dialog.open_folder(tmp_path / "digits")
    assert not dialog.teach_button.isEnabled()
    dialog.start()
    assert dialog.status.text() == "Give four, three at least 2 photos each."
    assert not dialog.running


def test_compare_times_a_label_set_and_shows_its_answer(
    qtbot, window, tmp_path: Path, monkeypatch
) -> None:
    from app.cli import main
    from app.ui.dialogs.compare import COLUMN
    from tests.gui.test_main_window import drop_files

    monkeypatch.setattr("app.paths.benchmark_runs_dir", lambda: tmp_path / "runs")
    piles = digit_piles(tmp_path / "digits", (0, 7), 5)
    assert main(["train", str(tmp_path / "digits"), "--out", str(tmp_path / "d.effnet")]) == 0
    spec = window.catalog.get(str(tmp_path / "d.effnet"))  # as Use these labels leaves it
    drop_files(window, [piles["seven"][0]])
    wait_for_result(qtbot, window)
    window.menus.compare_action.trigger()
    dialog = window.dialogs.compare_dialog
    for model_id, box in dialog.model_boxes.items():
        box.setChecked(model_id == spec.id)
    dialog.engine_boxes["torch"].setChecked(True)  # its model, built for its 1,000 classes
    dialog.engine_boxes["onnx"].setChecked(False)
    dialog.engine_boxes["openvino"].setChecked(False)
    dialog.runs.setValue(1)
    dialog.warmup.setValue(0)
    dialog.start_button.click()
    qtbot.waitUntil(lambda: not dialog.running, timeout=120_000)
    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, COLUMN["model"]).text() == spec.name
    assert dialog.report is not None and dialog.report.results[0].status == "ok"
    assert dialog.table.item(0, COLUMN["answer"]).text().startswith(("seven", "zero"))
