"""The answers' chart: one 0–100 % scale for every bar; labels drawn whole (the bold top
one measured in bold, long ones wrapped before any is elided); each row explained; rows
that grow into the room a large window gives."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QPalette

from app.core.inference.predictions import TopClass
from app.ui.widgets.confidence_chart import GROWTH, ConfidenceChart, row_tooltip
from tests.gui.conftest import wait_for_result
from tests.gui.test_main_window import drop_files
from tests.support.photos import CHINA

pytestmark = pytest.mark.gui
TOP = (
    TopClass(1, 518, "football helmet", 0.62),
    TopClass(2, 1, "crash helmet", 0.31),
    TopClass(3, 2, "ox", 0.05),
)


def _chart(qtbot, width: int = 600) -> ConfidenceChart:  # type: ignore[no-untyped-def]
    chart = ConfidenceChart()
    qtbot.addWidget(chart)
    palette = chart.palette()
    for role, colour in (
        (QPalette.ColorRole.Highlight, "#ff0000"),
        (QPalette.ColorRole.AlternateBase, "#ffffff"),
        (QPalette.ColorRole.Window, "#ffffff"),
    ):
        palette.setColor(role, QColor(colour))
    chart.setPalette(palette)
    chart.set_results(TOP)
    chart.resize(width, chart.sizeHint().height())
    return chart


def test_bars_are_proportional_to_probability_on_one_scale(qtbot) -> None:
    chart = _chart(qtbot)
    image = QImage(chart.size(), QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    chart.render(image, QPoint(0, 0))
    _, bar_left, bar_width = chart.layout_rows()
    for item, row in zip(TOP, chart.rows(), strict=True):
        y = int(row.top + row.height / 2)
        filled = sum(
            1
            for x in range(int(bar_left), int(bar_left + bar_width))
            if QColor(image.pixel(x, y)).green() < 200  # red, not the white track
        )
        assert filled == pytest.approx(bar_width * item.probability, abs=3), item.label


def test_the_bold_top_label_is_given_its_bold_width(qtbot) -> None:
    chart = _chart(qtbot)
    bold = QFont(chart.font())
    bold.setBold(True)
    needed = QFontMetrics(bold).horizontalAdvance("football helmet")
    assert chart.label_space() >= needed
    assert chart.rows()[0].lines == ("football helmet",)


def test_every_label_is_drawn_unclipped_in_the_space_it_is_given(qtbot) -> None:
    chart = _chart(qtbot, width=420)
    space = chart.label_space()
    for index, row in enumerate(chart.rows()):
        font = QFont(chart.font())
        font.setBold(index == 0)
        metrics = QFontMetrics(font)
        assert " ".join(row.lines) == TOP[index].label  # nothing elided
        assert all(metrics.horizontalAdvance(line) <= space for line in row.lines)
        assert row.height >= len(row.lines) * metrics.lineSpacing()


def test_a_long_label_wraps_to_two_lines_before_it_is_elided(qtbot) -> None:
    long = TopClass(1, 239, "Greater Swiss Mountain dog", 0.7)
    chart = _chart(qtbot, width=300)
    chart.set_results((long, *TOP[1:]))
    first = chart.rows()[0]
    assert len(first.lines) == 2 and "…" not in "".join(first.lines)
    assert " ".join(first.lines) == long.label
    assert first.height > chart.rows()[1].height  # the wrapped row is taller
    assert chart.heightForWidth(300) > chart.heightForWidth(2000)
    chart.set_results((TopClass(1, 40, "x" * 300, 0.7),))
    assert chart.rows()[0].lines[-1].endswith("…")  # one word beyond any width: elided


def test_hovering_a_row_tells_its_full_label_and_what_it_means(qtbot) -> None:
    chart = _chart(qtbot)
    tip = row_tooltip(TopClass(1, 282, "tiger cat", 0.5))
    assert "tiger cat" in tip and "A cat having a striped coat." in tip
    assert "domestic cat → cat → feline" in tip
    assert "football helmet" in row_tooltip(TOP[0])
    assert "football helmet — 62.0%" in chart.accessibleDescription()
    assert chart.row_at(chart.rows()[2].top + 1) == 2


def test_rows_grow_into_the_height_the_window_gives_up_to_a_limit(qtbot) -> None:
    chart = _chart(qtbot, width=600)
    natural = chart.heightForWidth(600)
    assert chart.maximumHeight() == int(natural * GROWTH)
    first = chart.rows()[0].height
    chart.resize(600, int(natural * 1.2))
    grown = chart.rows()
    assert grown[0].height == pytest.approx(first * 1.2, rel=0.02)
    assert grown[-1].top + grown[-1].height <= chart.height()
    assert chart.heightForWidth(600) == natural  # the minimum stays the natural height
    chart.clear()
    assert chart.maximumHeight() == chart.heightForWidth(600)  # nothing to grow


def test_a_large_window_gives_the_chart_taller_rows(qtbot, window) -> None:
    window.resize(1900, 1050)
    drop_files(window, [CHINA])
    wait_for_result(qtbot, window)
    qtbot.waitUntil(
        lambda: (
            window.answer_panel.chart.height()
            > window.answer_panel.chart.heightForWidth(window.answer_panel.chart.width())
        )
    )
    window.resize(900, 560)
    qtbot.waitUntil(
        lambda: (
            window.answer_panel.chart.height()
            <= window.answer_panel.chart.heightForWidth(window.answer_panel.chart.width()) * 1.05
        )
    )
