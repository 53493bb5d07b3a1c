"""The answers' chart: one 0–100 % scale for every bar, and the bold top label measured in
bold, so it is drawn whole."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QPalette

from app.core.classifier import TopClass
from app.ui.widgets.results_chart import ResultsChart

pytestmark = pytest.mark.gui
TOP = (
    TopClass(1, 518, "football helmet", 0.62),
    TopClass(2, 1, "crash helmet", 0.31),
    TopClass(3, 2, "ox", 0.05),
)


def _chart(qtbot, width: int = 600) -> ResultsChart:  # type: ignore[no-untyped-def]
    chart = ResultsChart()
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
    row = chart._row_height()
    for index, item in enumerate(TOP):
        y = int(index * row + row / 2)
        filled = sum(
            1
            for x in range(int(bar_left), int(bar_left + bar_width))
            if QColor(image.pixel(x, y)).green() < 200  # red, not the white track
        )
        assert filled == pytest.approx(bar_width * item.probability, abs=3), item.label


def test_the_bold_top_label_is_given_its_bold_width(qtbot) -> None:
    chart = _chart(qtbot)
    label_width, _, _ = chart.layout_rows()
    bold = QFont(chart.font())
    bold.setBold(True)
    needed = QFontMetrics(bold).horizontalAdvance("football helmet")
    assert label_width - chart.fontMetrics().height() / 2 >= needed
