"""Accuracy against latency, one line per device: the EfficientNet paper's figure, measured here."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QHelpEvent, QPainter, QPainterPath, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from app.core.benchmark import OK, CaseResult
from app.core.runners import ENGINE_NAMES

SERIES_COLOURS = ("#2563eb", "#dc2626", "#16a34a", "#9333ea", "#ea580c", "#0891b2")
HOVER_RADIUS = 10.0


@dataclass(frozen=True)
class Series:
    """The points of one run on one device (and precision), drawn as a line."""

    label: str
    points: tuple[CaseResult, ...]
    dashed: bool = False  # a past or opened run, drawn beside the current one


def short_name(model_id: str) -> str:
    return model_id.upper().replace("LITE", "Lite")


def series_of(
    results: Sequence[CaseResult], run_label: str = "", dashed: bool = False
) -> list[Series]:
    """Group finished results with an ImageNet top-1 by device, engine, precision, batch."""
    groups: dict[tuple[str, str, str, int], list[CaseResult]] = {}
    for r in results:
        if r.status == OK and r.median_ms and r.top1 is not None:
            groups.setdefault((r.device, r.engine, r.precision, r.batch), []).append(r)
    series = []
    for (device, engine, precision, batch), points in groups.items():
        label = f"{device} {ENGINE_NAMES.get(engine, engine)} {precision}"
        label += f" ×{batch}" if batch != 1 else ""
        if run_label:
            label = f"{run_label}: {label}"
        ordered = tuple(sorted(points, key=lambda r: r.median_ms or 0))
        series.append(Series(label, ordered, dashed))
    return series


class CompareChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("compareChart")
        self.setAccessibleName(self.tr("Accuracy against latency"))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMouseTracking(True)
        self._series: list[Series] = []
        self._placed: list[tuple[QPointF, CaseResult, str]] = []

    @property
    def series(self) -> list[Series]:
        return list(self._series)

    def set_series(self, series: Sequence[Series]) -> None:
        self._series = list(series)
        points = sum(len(s.points) for s in self._series)
        self.setAccessibleDescription(
            self.tr("{points} models on {lines} lines").format(
                points=points, lines=len(self._series)
            )
        )
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        em = self.fontMetrics().height()
        return QSize(em * 34, em * 22)

    def _plot_area(self) -> QRectF:
        em = self.fontMetrics().height()
        return QRectF(self.rect()).adjusted(em * 3.5, em * 1.5, -em * 1.2, -em * 3)

    def _ranges(self) -> tuple[float, float, float, float]:
        results = [r for s in self._series for r in s.points]
        latencies = [r.median_ms or 1.0 for r in results]
        accuracies = [r.top1 or 0.0 for r in results]
        low, high = math.log10(min(latencies)), math.log10(max(latencies))
        if high - low < 0.3:
            low, high = low - 0.15, high + 0.15
        bottom, top = min(accuracies), max(accuracies)
        if top - bottom < 2:
            bottom, top = bottom - 1, top + 1
        margin = (top - bottom) * 0.08
        return low - 0.05, high + 0.05, bottom - margin, top + margin

    def paintEvent(self, event: object) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        area = self._plot_area()
        self._placed = []
        if not any(s.points for s in self._series):
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter,
                             self.tr("Run a comparison to see accuracy against speed"))  # fmt: skip
            return
        x_low, x_high, y_low, y_high = self._ranges()

        def place(result: CaseResult) -> QPointF:
            x = (math.log10(result.median_ms or 1.0) - x_low) / (x_high - x_low)
            y = ((result.top1 or 0.0) - y_low) / (y_high - y_low)
            return QPointF(area.left() + x * area.width(), area.bottom() - y * area.height())

        self._draw_axes(painter, area, text, (x_low, x_high, y_low, y_high))
        for index, series in enumerate(self._series):
            colour = QColor(SERIES_COLOURS[index % len(SERIES_COLOURS)])
            pen = QPen(colour, 2, Qt.PenStyle.DashLine if series.dashed else Qt.PenStyle.SolidLine)
            path = QPainterPath()
            for number, result in enumerate(series.points):
                point = place(result)
                path.moveTo(point) if number == 0 else path.lineTo(point)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(path)
            painter.setBrush(colour)
            for result in series.points:
                point = place(result)
                painter.setPen(Qt.PenStyle.NoPen)
                painter.drawEllipse(point, 4, 4)
                painter.setPen(text)
                painter.drawText(point + QPointF(6, -6), short_name(result.model))
                self._placed.append((point, result, series.label))
        self._draw_legend(painter, area, text)
        painter.end()

    def _draw_legend(self, painter: QPainter, area: QRectF, text: QColor) -> None:
        """Bottom right: slow and inaccurate, the corner a speed/accuracy chart leaves empty."""
        metrics = self.fontMetrics()
        em = metrics.height()
        width = max(metrics.horizontalAdvance(s.label) for s in self._series) + em * 2.8
        height = em * (len(self._series) + 0.6)
        box = QRectF(
            area.right() - width - em * 0.5, area.bottom() - height - em * 0.5, width, height
        )
        background = self.palette().color(QPalette.ColorRole.Base)
        background.setAlphaF(0.85)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(background)
        painter.drawRoundedRect(box, 4, 4)
        for index, series in enumerate(self._series):
            colour = QColor(SERIES_COLOURS[index % len(SERIES_COLOURS)])
            style = Qt.PenStyle.DashLine if series.dashed else Qt.PenStyle.SolidLine
            y = box.top() + em * (index + 0.8)
            painter.setPen(QPen(colour, 2, style))
            painter.drawLine(QPointF(box.left() + em * 0.4, y), QPointF(box.left() + em * 1.9, y))
            painter.setPen(text)
            painter.drawText(
                QPointF(box.left() + em * 2.3, y + metrics.ascent() / 2 - 1), series.label
            )

    def _draw_axes(
        self,
        painter: QPainter,
        area: QRectF,
        text: QColor,
        ranges: tuple[float, float, float, float],
    ) -> None:
        x_low, x_high, y_low, y_high = ranges
        grid = QColor(text)
        grid.setAlphaF(0.15)
        metrics = self.fontMetrics()
        for exponent in range(math.floor(x_low), math.ceil(x_high) + 1):
            for mantissa in (1, 2, 5):
                value = mantissa * 10**exponent
                position = (math.log10(value) - x_low) / (x_high - x_low)
                if 0 <= position <= 1:
                    x = area.left() + position * area.width()
                    painter.setPen(grid)
                    painter.drawLine(QPointF(x, area.top()), QPointF(x, area.bottom()))
                    painter.setPen(text)
                    label = f"{value:g}"
                    painter.drawText(QPointF(x - metrics.horizontalAdvance(label) / 2,
                                             area.bottom() + metrics.height()), label)  # fmt: skip
        step = 1.0 if y_high - y_low <= 8 else 2.0
        value = math.ceil(y_low / step) * step
        while value <= y_high:
            y = area.bottom() - (value - y_low) / (y_high - y_low) * area.height()
            painter.setPen(grid)
            painter.drawLine(QPointF(area.left(), y), QPointF(area.right(), y))
            painter.setPen(text)
            label = f"{value:g}"
            painter.drawText(QPointF(area.left() - metrics.horizontalAdvance(label) - 6,
                                     y + metrics.ascent() / 2 - 1), label)  # fmt: skip
            value += step
        painter.setPen(text)
        painter.drawRect(area)
        em = metrics.height()
        centre = Qt.AlignmentFlag.AlignCenter
        x_title = self.tr("median latency per batch, ms (log scale)")
        x_box = QRectF(area.left(), area.bottom() + em * 1.3, area.width(), em * 1.5)
        painter.drawText(x_box, centre, x_title)
        painter.save()
        painter.translate(em * 0.9, area.center().y())
        painter.rotate(-90)
        y_box = QRectF(-area.height() / 2, -em, area.height(), em * 1.5)
        painter.drawText(y_box, centre, self.tr("ImageNet top-1, %"))
        painter.restore()

    def point_at(self, position: QPointF) -> tuple[CaseResult, str] | None:
        best = None
        for point, result, label in self._placed:
            distance = math.dist((point.x(), point.y()), (position.x(), position.y()))
            if distance <= HOVER_RADIUS and (best is None or distance < best[0]):
                best = (distance, result, label)
        return None if best is None else (best[1], best[2])

    def event(self, event: QEvent) -> bool:
        if isinstance(event, QHelpEvent):
            hit = self.point_at(QPointF(event.pos()))
            if hit is None:
                QToolTip.hideText()
            else:
                result, label = hit
                QToolTip.showText(event.globalPos(), describe(result, label), self)
            return True
        return super().event(event)


def describe(result: CaseResult, series_label: str) -> str:
    lines = [
        f"{result.model} — {series_label}",
        f"median {result.median_ms:.1f} ms, p90 {result.p90_ms:.1f} ms",
        f"{result.images_per_s:.1f} images/s, top-1 {result.top1:.1f} %",
    ]
    if result.weights != "pretrained":
        lines.append("timed with random weights")
    return "\n".join(lines)
