"""Accuracy against latency, the EfficientNet paper's figure measured here: one line per
family (B0…B7, V2-S/M/L) in size order for each set-up (device, engine, precision).

It is long because it paints the chart itself (axes, log scale, legend, hover), which
Qt Charts would do for a 40 MB dependency.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFontMetrics,
    QHelpEvent,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from app.core.benchmark.cases import OK, CaseResult
from app.core.inference.runners import ENGINE_NAMES
from app.core.models.catalog import Catalog
from app.i18n import fill
from app.ui.widgets.pickers import short_name

SERIES_COLOURS = ("#2563eb", "#dc2626", "#16a34a", "#9333ea", "#ea580c", "#0891b2")
HOVER_RADIUS = 10.0
MARKER_RADIUS = 4.5
# Marker shapes by family; a family of one model (Lite0) is a marker without a line.
MARKERS = {"EfficientNet": "circle", "EfficientNetV2": "square", "EfficientNet-Lite": "diamond"}
PRETRAINED = "pretrained"


@dataclass(frozen=True)
class Series:
    """One family's points on one set-up, in the family's size order."""

    setup: str  # "CPU · ONNX Runtime · FP32", shared by the families timed on it
    family: str
    points: tuple[CaseResult, ...]
    names: tuple[str, ...]  # the points' short names: B0, V2-S, Lite0
    dashed: bool = False  # a past or opened run, drawn beside the current one

    @property
    def label(self) -> str:
        return f"{self.setup} · {self.family}"


def setup_label(result: CaseResult) -> str:
    device = "CPU" if result.device == "cpu" else result.device.upper()
    label = (
        f"{device} · {ENGINE_NAMES.get(result.engine, result.engine)} · {result.precision.upper()}"
    )
    return label + (f" · ×{result.batch}" if result.batch != 1 else "")


def series_of(
    results: Sequence[CaseResult], catalog: Catalog, run_label: str = "", dashed: bool = False
) -> list[Series]:
    """Finished results with an ImageNet top-1, by set-up and family, each family's
    points in catalog order (B0 before B1…, which is also their size order)."""
    order = {spec.id: index for index, spec in enumerate(catalog)}
    groups: dict[tuple[str, str], list[CaseResult]] = {}
    for result in results:
        if result.status != OK or not result.median_ms or result.top1 is None:
            continue
        spec = catalog.get(result.model) if result.model in catalog else None
        family = spec.family if spec is not None else result.model
        setup = setup_label(result)
        if run_label:
            setup = f"{run_label}: {setup}"
        groups.setdefault((setup, family), []).append(result)
    series = []
    for (setup, family), points in groups.items():
        ordered = tuple(sorted(points, key=lambda r: order.get(r.model, len(order))))
        names = tuple(
            short_name(catalog.get(r.model)) if r.model in catalog else r.model for r in ordered
        )
        series.append(Series(setup, family, ordered, names, dashed))
    return series


@dataclass(frozen=True)
class PlacedPoint:
    centre: QPointF
    result: CaseResult
    series: Series
    name: str  # its short name, as labelled: B0, V2-S, Lite0


class CompareChart(QWidget):
    """Labels are placed where they overlap no other label or point; the legend goes to
    the corner that holds no point, or beside the plot when every corner does. Points
    timed with random weights are hollow: their accuracy is the published one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("compareChart")
        self.setAccessibleName(self.tr("Accuracy against latency"))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMouseTracking(True)
        self._series: list[Series] = []
        self.placed: list[PlacedPoint] = []
        self.label_rects: list[QRectF | None] = []  # None: no free place; the tooltip names it
        self.legend_rect = QRectF()
        self.shortened: list[str] = []  # texts drawn shortened to fit, at the last paint

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

    def _plot_area(self, beside: float = 0.0, below: float = 0.0) -> QRectF:
        """The axes' box, leaving room for tick labels, titles and a legend outside it."""
        em = self.fontMetrics().height()
        return QRectF(self.rect()).adjusted(em * 3.5, em * 1.5, -em * 1.2 - beside, -em * 3 - below)

    def _setups(self) -> list[str]:
        return list(dict.fromkeys(s.setup for s in self._series))

    def colour_of(self, series: Series) -> QColor:
        return _setup_colour(self._setups().index(series.setup))

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

    def _mapper(self, area: QRectF) -> Callable[[CaseResult], QPointF]:
        x_low, x_high, y_low, y_high = self._ranges()

        def place(result: CaseResult) -> QPointF:
            x = (math.log10(result.median_ms or 1.0) - x_low) / (x_high - x_low)
            y = ((result.top1 or 0.0) - y_low) / (y_high - y_low)
            return QPointF(area.left() + x * area.width(), area.bottom() - y * area.height())

        return place

    # Layout: points, labels, legend

    def layout_chart(self) -> QRectF:
        """Place points, labels and the legend; returns the plot area."""
        legend_size = self._legend_size()
        area = self._plot_area()
        self._place_points(area)
        corner = self._free_corner(area, legend_size)
        if corner is None and legend_size.width() < self.width() * 0.4:
            # Every corner holds a point: the legend goes beside the plot…
            area = self._plot_area(beside=legend_size.width() + 8)
            corner = QRectF(area.right() + 8, area.top(), legend_size.width(), legend_size.height())
        elif corner is None:  # … or under it, when beside would leave the plot too narrow
            area = self._plot_area(below=legend_size.height())
            corner = QRectF(
                2, self.height() - legend_size.height() - 2,
                legend_size.width(), legend_size.height(),
            )  # fmt: skip
        self._place_points(area)
        self.legend_rect = corner
        self._place_labels(area)
        return area

    def _place_points(self, area: QRectF) -> None:
        place = self._mapper(area)
        self.placed = [
            PlacedPoint(place(result), result, series, name)
            for series in self._series
            for result, name in zip(series.points, series.names, strict=True)
        ]

    def _free_corner(self, area: QRectF, size: QSize) -> QRectF | None:
        """Bottom right first (slow and inaccurate, the corner such charts leave empty)."""
        pad = self.fontMetrics().height() * 0.5
        width, height = size.width(), size.height()
        corners = (
            QRectF(area.right() - width - pad, area.bottom() - height - pad, width, height),
            QRectF(area.left() + pad, area.top() + pad, width, height),
            QRectF(area.right() - width - pad, area.top() + pad, width, height),
            QRectF(area.left() + pad, area.bottom() - height - pad, width, height),
        )
        margin = MARKER_RADIUS + 2
        for corner in corners:
            grown = corner.adjusted(-margin, -margin, margin, margin)
            if not any(grown.contains(p.centre) for p in self.placed):
                return corner
        return None

    def _place_labels(self, area: QRectF) -> None:
        """Each name beside its point, on the side that overlaps least: no other label,
        point or the legend where any side allows."""
        metrics = self.fontMetrics()
        obstacles = [
            QRectF(p.centre.x() - MARKER_RADIUS, p.centre.y() - MARKER_RADIUS,
                   2 * MARKER_RADIUS, 2 * MARKER_RADIUS)
            for p in self.placed
        ]  # fmt: skip
        obstacles.append(self.legend_rect)
        self.label_rects = []
        placed: list[QRectF] = []
        gap = MARKER_RADIUS + 2
        for point in self.placed:
            width, height = metrics.horizontalAdvance(point.name) + 2, metrics.height()
            x, y = point.centre.x(), point.centre.y()
            candidates = [
                QRectF(x + gap, y - height, width, height),  # above right
                QRectF(x + gap, y, width, height),  # below right
                QRectF(x - gap - width, y - height, width, height),  # above left
                QRectF(x - gap - width, y, width, height),  # below left
                QRectF(x - width / 2, y - gap - height, width, height),  # above
                QRectF(x - width / 2, y + gap, width, height),  # below
                QRectF(x + gap, y - height / 2, width, height),  # right
                QRectF(x - gap - width, y - height / 2, width, height),  # left
            ]
            free = [
                rect
                for rect in candidates
                if area.contains(rect)
                and not any(rect.intersects(other) for other in obstacles + placed)
            ]
            chosen = free[0] if free else None
            if chosen is not None:
                placed.append(chosen)
            self.label_rects.append(chosen)

    # Painting

    def paintEvent(self, event: object) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        self.shortened = []
        if not any(s.points for s in self._series):
            self.placed, self.label_rects, self.legend_rect = [], [], QRectF()
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter,
                             self.tr("Run a comparison to see accuracy against speed"))  # fmt: skip
            return
        area = self.layout_chart()
        self._draw_axes(painter, area, text, self._ranges())
        background = palette.color(QPalette.ColorRole.Base)
        for series in self._series:
            colour = self.colour_of(series)
            centres = [p.centre for p in self.placed if p.series is series]
            if len(centres) > 1:
                style = Qt.PenStyle.DashLine if series.dashed else Qt.PenStyle.SolidLine
                path = QPainterPath(centres[0])
                for centre in centres[1:]:
                    path.lineTo(centre)
                painter.setPen(QPen(colour, 2, style))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawPath(path)
        for point in self.placed:
            colour = self.colour_of(point.series)
            hollow = point.result.weights != PRETRAINED
            painter.setPen(QPen(colour, 1.8))
            painter.setBrush(background if hollow else colour)
            _draw_marker(painter, MARKERS.get(point.series.family, "triangle"), point.centre)
        painter.setPen(text)
        for point, rect in zip(self.placed, self.label_rects, strict=True):
            if rect is not None:
                painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, point.name)
        self._draw_legend(painter, text)
        painter.end()

    def legend_entries(self) -> list[tuple[str, str, QColor | None, bool]]:
        """(text, marker or "line", colour, hollow) for each line of the legend."""
        entries: list[tuple[str, str, QColor | None, bool]] = [
            (setup, "line", _setup_colour(index), False)
            for index, setup in enumerate(self._setups())
        ]
        families = list(dict.fromkeys(s.family for s in self._series))
        for family in families:
            names = [n for s in self._series if s.family == family for n in s.names]
            span = names[0] if len(set(names)) == 1 else f"{names[0]}…{names[-1]}"
            entries.append((f"{family} ({span})", MARKERS.get(family, "triangle"), None, False))
        if any(p.weights != PRETRAINED for s in self._series for p in s.points):
            entries.append(
                (self.tr("hollow: random weights, published accuracy"),
                 "circle", None, True)
            )  # fmt: skip
        return entries

    def _legend_size(self) -> QSize:
        metrics = QFontMetrics(self.font())
        em = metrics.height()
        entries = self.legend_entries()
        width = max(metrics.horizontalAdvance(text) for text, *_ in entries) + em * 2.8
        return QSize(min(int(width), self.width() - 4), int(em * (len(entries) + 0.6)))

    def _draw_legend(self, painter: QPainter, text: QColor) -> None:
        metrics = self.fontMetrics()
        em = metrics.height()
        box = self.legend_rect
        background = self.palette().color(QPalette.ColorRole.Base)
        background.setAlphaF(0.9)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(background)
        painter.drawRoundedRect(box, 4, 4)
        for index, (label, marker, colour, hollow) in enumerate(self.legend_entries()):
            y = box.top() + em * (index + 0.8)
            sample = QPointF(box.left() + em * 1.15, y)
            if marker == "line":
                assert colour is not None
                painter.setPen(QPen(colour, 2))
                painter.drawLine(
                    QPointF(box.left() + em * 0.4, y), QPointF(box.left() + em * 1.9, y)
                )
            else:
                painter.setPen(QPen(text, 1.5))
                painter.setBrush(background if hollow else text)
                _draw_marker(painter, marker, sample)
            painter.setPen(text)
            shown = self._fitted(label, box.right() - (box.left() + em * 2.3))
            painter.drawText(QPointF(box.left() + em * 2.3, y + metrics.ascent() / 2 - 1), shown)

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
        free_from = -math.inf
        for exponent in range(math.floor(x_low), math.ceil(x_high) + 1):
            for mantissa in (1, 2, 5):
                value = mantissa * 10**exponent
                position = (math.log10(value) - x_low) / (x_high - x_low)
                if 0 <= position <= 1:
                    x = area.left() + position * area.width()
                    painter.setPen(grid)
                    painter.drawLine(QPointF(x, area.top()), QPointF(x, area.bottom()))
                    label = f"{value:g}"
                    left = x - metrics.horizontalAdvance(label) / 2
                    if left >= free_from:  # a tick label overlapping the previous one is left out
                        painter.setPen(text)
                        painter.drawText(QPointF(left, area.bottom() + metrics.height()), label)
                        free_from = left + metrics.horizontalAdvance(label) + metrics.height() / 2
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
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(area)
        em = metrics.height()
        centre = Qt.AlignmentFlag.AlignCenter
        x_title = self.tr("typical time per batch of photos, ms")
        x_box = QRectF(0, area.bottom() + em * 1.3, self.width(), em * 1.5)
        painter.drawText(x_box, centre, self._fitted(x_title, x_box.width()))
        painter.save()
        painter.translate(em * 0.9, area.center().y())
        painter.rotate(-90)
        y_box = QRectF(-area.height() / 2, -em, area.height(), em * 1.5)
        painter.drawText(y_box, centre, self._fitted(self.tr("accuracy, %"), y_box.width()))
        painter.restore()

    def _fitted(self, text: str, width: float) -> str:
        """``text``, shortened with "…" when wider than ``width`` (and noted as such)."""
        shown = self.fontMetrics().elidedText(text, Qt.TextElideMode.ElideMiddle, int(width))
        if shown != text:
            self.shortened.append(text)
        return shown

    # Hover

    def point_at(self, position: QPointF) -> PlacedPoint | None:
        best: tuple[float, PlacedPoint] | None = None
        for placed in self.placed:
            distance = math.dist(
                (placed.centre.x(), placed.centre.y()), (position.x(), position.y())
            )
            if distance <= HOVER_RADIUS and (best is None or distance < best[0]):
                best = (distance, placed)
        return None if best is None else best[1]

    def event(self, event: QEvent) -> bool:
        if isinstance(event, QHelpEvent):
            hit = self.point_at(QPointF(event.pos()))
            if hit is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), self.describe(hit), self)
            return True
        return super().event(event)

    def describe(self, placed: PlacedPoint) -> str:
        result = placed.result
        lines = [
            f"{placed.name} — {placed.series.setup}",
            fill(
                self.tr("typical {median:.1f} ms, slowest 1 in 10: {p90:.1f} ms"),
                median=result.median_ms,
                p90=result.p90_ms,
            ),
            fill(
                self.tr("{rate:.1f} photos a second, accuracy {top1:.1f} %"),
                rate=result.images_per_s,
                top1=result.top1,
            ),
        ]
        if result.weights != PRETRAINED:
            lines.append(self.tr("timed with random weights; the accuracy is the published one"))
        return "\n".join(lines)


def _setup_colour(index: int) -> QColor:
    return QColor(SERIES_COLOURS[index % len(SERIES_COLOURS)])


def _draw_marker(painter: QPainter, shape: str, centre: QPointF) -> None:
    r = MARKER_RADIUS
    x, y = centre.x(), centre.y()
    if shape == "square":
        painter.drawRect(QRectF(x - r * 0.9, y - r * 0.9, r * 1.8, r * 1.8))
    elif shape == "diamond":
        painter.drawPolygon(
            QPolygonF([QPointF(x, y - r * 1.3), QPointF(x + r * 1.3, y),
                       QPointF(x, y + r * 1.3), QPointF(x - r * 1.3, y)])
        )  # fmt: skip
    elif shape == "triangle":
        painter.drawPolygon(
            QPolygonF([QPointF(x, y - r * 1.2), QPointF(x + r * 1.1, y + r * 0.8),
                       QPointF(x - r * 1.1, y + r * 0.8)])
        )  # fmt: skip
    else:
        painter.drawEllipse(centre, r, r)
