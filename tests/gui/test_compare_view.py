"""Compare in plain words: sensible defaults, the window's names, the answer in view, a
chart with one line per family, hollow random-weight points, labels and a legend that
hide nothing, and a warning when a busy computer spoiled the timings."""

from __future__ import annotations

import itertools
from dataclasses import replace

import pytest
from PySide6.QtGui import QColor, QImage, QPalette

from app.core.benchmark.cases import CaseResult
from app.core.benchmark.environment import Environment
from app.core.benchmark.report import BenchmarkReport
from app.core.benchmark.timing_stats import was_busy
from app.core.models.catalog import Catalog
from app.ui.dialogs.compare import COLUMN
from app.ui.widgets.compare_chart import CompareChart, series_of
from tests.gui.conftest import wait_for_result
from tests.gui.test_main_window import drop_files
from tests.support.photos import CHINA

pytestmark = pytest.mark.gui
TOP1 = {"lite0": 75.1, "b0": 77.7, "b1": 78.6, "b2": 80.6, "b3": 82.0, "b4": 83.4,
        "v2-s": 84.2, "v2-m": 85.1}  # fmt: skip
# Median ms on a CPU; B2 is timed faster than B1 here, as a noisy run may have it.
MEDIAN = {"lite0": 5.0, "b0": 3.8, "b1": 9.3, "b2": 9.0, "b3": 14.0, "b4": 30.0,
          "v2-s": 40.0, "v2-m": 95.0}  # fmt: skip


def result(model: str, engine: str = "onnx", scale: float = 1.0, **changes) -> CaseResult:  # type: ignore[no-untyped-def]
    median = MEDIAN[model] * scale
    base = CaseResult(
        model, "cpu", "fp32", 1, "pretrained" if model == "lite0" else "random", "ok",
        runs=10, median_ms=median, p90_ms=median * 1.05, min_ms=median * 0.98,
        images_per_s=1000 / median, top1=TOP1[model], engine=engine,
    )  # fmt: skip
    return replace(base, **changes)


def both_engines() -> list[CaseResult]:
    return [result(m, "onnx") for m in MEDIAN] + [result(m, "torch", 1.6) for m in MEDIAN]


def _drawn(qtbot, results: list[CaseResult], size=(760, 460)) -> tuple[CompareChart, QImage]:  # type: ignore[no-untyped-def]
    chart = CompareChart()
    qtbot.addWidget(chart)
    chart.resize(*size)
    chart.set_series(series_of(results, Catalog.load()))
    image = chart.grab().toImage()
    return chart, image


def test_compare_starts_with_lite0_and_both_engines_on_the_cpu(qtbot, window) -> None:
    window.menus.compare_action.trigger()
    dialog = window.dialogs.compare_dialog
    ticked = {model for model, box in dialog.model_boxes.items() if box.isChecked()}
    assert {"lite0", "b0", "b7"} <= ticked
    assert dialog.engine_boxes["onnx"].isChecked() and dialog.engine_boxes["torch"].isChecked()
    assert dialog.model_boxes["b0"].text() == "EfficientNet-B0"
    assert next(iter(dialog.device_boxes.values())).text().startswith("CPU — ")
    dialog.close()


def test_the_table_uses_the_windows_names_and_shows_the_answer_in_view(qtbot, window) -> None:
    drop_files(window, [CHINA])
    wait_for_result(qtbot, window)
    window.menus.compare_action.trigger()
    dialog = window.dialogs.compare_dialog
    dialog.show()
    dialog.engine_boxes["torch"].setChecked(False)
    for model_id, box in dialog.model_boxes.items():
        box.setChecked(model_id == "lite0")
    dialog.runs.setValue(2)
    dialog.start()
    qtbot.waitUntil(lambda: not dialog.running, timeout=60_000)
    for item in both_engines()[1:3]:
        dialog.worker.case_finished.emit(item, None)
    assert dialog.table.item(0, COLUMN["model"]).text() == "EfficientNet-Lite0"
    assert dialog.table.item(0, COLUMN["engine"]).text() == "ONNX Runtime"
    assert dialog.table.item(0, COLUMN["device"]).text() == "CPU"
    header = dialog.table.horizontalHeader()
    answer = COLUMN["answer"]
    shown = dialog.table.item(0, answer).text()
    assert shown.startswith("palace")  # Lite0's answer for the open photo
    right_edge = header.sectionViewportPosition(answer) + header.sectionSize(answer)
    assert header.sectionViewportPosition(answer) >= 0 and right_edge <= header.width()
    assert header.sectionSize(answer) >= dialog.table.fontMetrics().horizontalAdvance(shown)
    dialog.close()


def test_one_line_per_family_in_size_order_and_lite0_on_its_own(qtbot) -> None:
    chart, _ = _drawn(qtbot, both_engines())
    families = {(s.setup, s.family): s.names for s in chart.series}
    onnx = "CPU · ONNX Runtime · FP32"
    assert families[(onnx, "EfficientNet")] == ("B0", "B1", "B2", "B3", "B4")  # not by time
    assert families[(onnx, "EfficientNetV2")] == ("V2-S", "V2-M")
    assert families[(onnx, "EfficientNet-Lite")] == ("Lite0",)
    assert len({s.setup for s in chart.series}) == 2
    legend = [text for text, *_ in chart.legend_entries()]
    assert "EfficientNet-Lite (Lite0)" in legend and "EfficientNet (B0…B4)" in legend
    assert any("random weights" in text for text in legend)


@pytest.mark.parametrize(
    ("size", "named_share"), [((760, 460), 1.0), ((520, 340), 0.5)], ids=["roomy", "small"]
)
def test_labels_do_not_collide_and_the_legend_covers_no_point(
    qtbot, size: tuple[int, int], named_share: float
) -> None:
    """Roomy: every point named; small: at least half (the rest in tooltips)."""
    chart, _ = _drawn(qtbot, both_engines(), size)
    assert len(chart.label_rects) == len(chart.placed) == 2 * len(MEDIAN)
    drawn = [rect for rect in chart.label_rects if rect is not None]
    assert len(drawn) >= int(len(chart.placed) * named_share)
    for first, second in itertools.combinations(drawn, 2):
        assert not first.intersects(second), (first, second)
    for point in chart.placed:
        assert not chart.legend_rect.contains(point.centre)
        assert not any(rect.contains(point.centre) for rect in drawn)
    for rect in drawn:
        assert not rect.intersects(chart.legend_rect)


def test_points_timed_with_random_weights_are_hollow(qtbot) -> None:
    chart, image = _drawn(qtbot, [result("lite0"), result("b0"), result("b3")])
    background = chart.palette().color(QPalette.ColorRole.Base)
    colour = {
        p.result.model: QColor(image.pixel(int(p.centre.x()), int(p.centre.y())))
        for p in chart.placed
    }
    assert colour["b0"] == background and colour["b3"] == background  # hollow
    assert colour["lite0"] == chart.colour_of(chart.placed[0].series)  # filled


def test_a_busy_computer_is_named_when_the_runs_spread(qtbot, window) -> None:
    window.menus.compare_action.trigger()
    dialog = window.dialogs.compare_dialog
    steady, busy = result("b0"), result("b1", p90_ms=MEDIAN["b1"] * 2.2)
    assert not was_busy(steady) and was_busy(busy)
    for item in (steady, busy):
        dialog.worker.case_finished.emit(item, None)
    environment = Environment("cpu", 2, 2, "3.11", "Linux", "2", "0.2")
    dialog.worker.finished.emit(BenchmarkReport(environment, [steady, busy]))
    assert "EfficientNet-B1" in dialog.status.text() and "busy" in dialog.status.text()
    assert "EfficientNet-B0" not in dialog.status.text()
    assert dialog.table.item(1, COLUMN["median"]).text().startswith("⚠")
    assert not dialog.table.item(0, COLUMN["median"]).text().startswith("⚠")
    dialog.close()


def test_the_ticked_models_are_remembered_for_the_next_time(qtbot, window) -> None:
    window.menus.compare_action.trigger()
    dialog = window.dialogs.compare_dialog
    for model_id, box in dialog.model_boxes.items():
        box.setChecked(model_id in ("b0", "b3"))
    dialog.close()
    qtbot.waitUntil(lambda: window.dialogs.compare_dialog is None)
    window.menus.compare_action.trigger()
    again = window.dialogs.compare_dialog
    ticked = {model for model, box in again.model_boxes.items() if box.isChecked()}
    assert ticked == {"b0", "b3"}
    again.close()


def test_a_kept_run_is_named_alike_everywhere_and_the_status_speaks_plainly(
    qtbot, window, tmp_path
) -> None:
    from app import paths
    from app.core.benchmark.kept_runs import KeptRuns

    environment = Environment("Example CPU", 2, 2, "3.11", "Linux", "2.14.1+cu130", "none")
    kept = KeptRuns(paths.benchmark_runs_dir()).keep(BenchmarkReport(environment, [result("b0")]))
    window.menus.compare_action.trigger()
    dialog = window.dialogs.compare_dialog
    dialog.show()
    index = dialog.past_runs.findText(kept.name)
    assert index > 0
    dialog.past_runs.setCurrentIndex(index)
    dialog.past_runs.activated.emit(index)
    status = dialog.status.text()
    assert kept.name in status and "Example CPU" in status
    assert ".json" not in status and "torch" not in status and "2.14" not in status
    assert any(kept.name in series.setup for series in dialog.chart.series)  # the legend
    dialog.close()
