"""The window and its dialogs at the sizes people see them: the size the window first
opens at, 800×600 and 1920×1080, in English and Vietnamese, with details on, a heatmap
shown and a download that failed. No answer row, label or button is cut."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from app import paths
from app.core.benchmark.cases import CaseResult
from app.core.benchmark.environment import Environment
from app.core.benchmark.kept_runs import KeptRuns
from app.core.benchmark.report import BenchmarkReport
from app.core.models.catalog import Catalog
from app.ui.dialogs.about import AboutDialog
from app.ui.dialogs.classes import ClassesDialog
from app.ui.dialogs.downloads import DownloadsDialog
from app.ui.language import install_language
from app.ui.main_window import MainWindow
from tests.gui.conftest import open_window, wait_for_result
from tests.support.clipping import clipped
from tests.support.photos import CHINA

pytestmark = pytest.mark.gui
REPORT = BenchmarkReport(
    Environment("Example CPU", 2, 2, "3.11", "Linux", "none", "none"),
    [CaseResult(model, "cpu", "fp32", 1, "random", "ok", median_ms=median, top1=top1,
                engine=engine, runs=3, p90_ms=median, images_per_s=1000 / median)
     for model, median, top1 in (("b0", 4.0, 77.7), ("b1", 6.0, 78.6), ("b2", 9.0, 80.6))
     for engine in ("onnx", "torch")],
)  # fmt: skip
SIZES = [None, (800, 600), (1920, 1080)]  # None: as the window first opens


@pytest.fixture(params=["en", "vi"])
def language(request, vietnamese) -> Iterator[str]:  # type: ignore[no-untyped-def]
    assert install_language(QApplication.instance(), request.param) == request.param
    yield request.param
    install_language(QApplication.instance(), "en")


def answer_rows_hidden(window: MainWindow) -> list[int]:
    """The answer rows (of five) not wholly in view without scrolling."""
    chart = window.answer_panel.chart
    viewport = window.side_scroll.viewport()
    hidden = []
    for index, row in enumerate(chart.rows()):
        top_left = chart.mapTo(viewport, QPoint(0, int(row.top)))
        rectangle = QRect(top_left.x(), top_left.y(), chart.width(), int(row.height))
        if not viewport.rect().contains(rectangle):
            hidden.append(index)
    return hidden


def settle_layout() -> None:
    for _ in range(3):  # layouts post their requests: let each round run
        QApplication.processEvents()


def test_the_window_shows_every_answer_and_text_whole_at_each_size(
    qtbot, settings, catalog, server, language: str
) -> None:
    settings.show_details = True
    window = open_window(qtbot, settings, catalog)
    first_size = window.size()
    assert (first_size.width(), first_size.height()) == (1008, 560)  # em 14 under the tests' font
    window.open_paths([CHINA])
    wait_for_result(qtbot, window)
    with qtbot.waitSignal(window.heatmap_view.painter.ready, timeout=60_000):
        window.answer_panel.explain_toggle.setChecked(True)
    server.behaviour.status = 404
    with qtbot.waitSignal(window.controller.failed, timeout=60_000):
        window.model_picker.select("b3")
        window.model_picker.activated.emit(window.model_picker.currentIndex())
    assert window.answer_panel.previous_note.isVisible()
    assert window.status.action_buttons["copy"].isVisible()

    for size in SIZES:
        if size is not None:
            window.resize(*size)
        settle_layout()
        shown = window.size().toTuple()
        assert shown == (size or first_size.toTuple()), "the window fits the size it was given"
        assert len(window.answer_panel.chart.rows()) == 5
        assert answer_rows_hidden(window) == [], (language, shown)
        window.grab()
        assert clipped(window) == [], (language, shown)
    window.close()


def dialogs_of(qtbot, window: MainWindow) -> Iterator[QWidget]:  # type: ignore[no-untyped-def]
    downloads = DownloadsDialog(window.catalog, window.store_provider, window.settings, window)
    downloads.table.selectRow(downloads.specs.index(window.catalog.get("b3")))
    qtbot.mouseClick(downloads.download_button, Qt.MouseButton.LeftButton)  # and it fails
    qtbot.waitUntil(lambda: not downloads.tasks, timeout=30_000)
    assert downloads.error_label.text() and downloads.copy_button.isVisibleTo(downloads)
    yield downloads
    window.dialogs.open_compare()
    compare = window.dialogs.compare_dialog
    compare.show()
    for result in REPORT.results:
        compare.worker.case_finished.emit(result, None)
    compare.worker.finished.emit(REPORT)  # a run ends while the dialog is open: it is kept
    (kept,) = KeptRuns(paths.benchmark_runs_dir()).runs()
    index = compare.past_runs.findText(kept.name)
    compare.past_runs.setCurrentIndex(index)
    compare.past_runs.activated.emit(index)  # drawn dashed beside this run, named in the legend
    yield compare
    yield window.dialogs.open_teach()
    yield AboutDialog(Catalog.load(), window.controller.devices, window)
    yield ClassesDialog(window)


def test_every_dialog_and_menu_shows_its_texts_whole_at_each_size(
    qtbot, settings, catalog, server, language: str
) -> None:
    window = open_window(qtbot, settings, catalog)
    window.open_paths([CHINA])
    wait_for_result(qtbot, window)
    server.behaviour.status = 404
    with qtbot.waitSignal(window.controller.failed, timeout=60_000):  # Downloads then shows it
        window.model_picker.select("b0")
        window.model_picker.activated.emit(window.model_picker.currentIndex())
    seen = 0
    for dialog in dialogs_of(qtbot, window):
        dialog.show()
        settle_layout()
        first_size = dialog.size()
        for size in SIZES:
            if size is not None:
                dialog.resize(*size)
            settle_layout()
            dialog.grab()  # painted: what a widget draws itself is measured as it is drawn
            wanted = size or first_size.toTuple()
            assert dialog.size().toTuple() == wanted, "it fits the size it was given"
            assert clipped(dialog) == [], (type(dialog).__name__, language, wanted)
        if isinstance(dialog, QDialog):
            dialog.reject()
        seen += 1
    assert seen == 5
    for menu_action in window.menuBar().actions():
        menu = menu_action.menu()
        assert menu.sizeHint().width() <= 800 and menu.sizeHint().height() <= 600
        menu.popup(window.mapToGlobal(QPoint(0, 0)))
        settle_layout()
        assert clipped(menu) == []
        menu.hide()
    window.close()
