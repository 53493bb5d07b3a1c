"""The top-k answers as a horizontal bar chart: label, bar, percent; the best one emphasised.
Bars share one 0–100 % scale, so a weak answer looks weak."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QFont,
    QFontMetrics,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from app.core.inference.predictions import TopClass
from app.core.models.class_info import describe
from app.i18n import number

LABEL_SHARE = 0.45  # of the width, at most, for the labels' column
LINES = 2  # a label wraps to this many lines before it is elided
GROWTH = 1.5  # rows grow up to this much taller when the window gives the chart room


@dataclass(frozen=True)
class ChartRow:
    top: float
    height: float
    lines: tuple[str, ...]  # the label as drawn: one line, or wrapped (the last elided)


def row_tooltip(item: TopClass) -> str:
    """The full label, its probability and, for ImageNet classes, what WordNet says it is."""
    text = f"<b>{item.label}</b> — {number(item.probability, '.1%')}"
    info = describe(item.index, item.label)
    if info is not None:
        text += f"<br>{info.gloss}<br><i>{info.lineage()}</i>"
    return text


class ConfidenceChart(QWidget):
    """Paints with the palette's colours and the font's metrics, so it follows light and
    dark themes and any display scaling. Labels too long for their column wrap to two
    lines before any is elided; hovering a row shows its full label and meaning, and the
    accessible description reads every answer whole.

    A click or the arrow keys choose a row (framed in the highlight colour): its meaning
    is shown beside the chart, and its heatmap when one is shown.
    """

    row_chosen = Signal(int)  # the row (0 = the top answer)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._top: tuple[TopClass, ...] = ()
        self.selected_row = 0
        self.setObjectName("resultsChart")
        self.setAccessibleName(self.tr("Classification results"))
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self._update_description()

    @property
    def top(self) -> tuple[TopClass, ...]:
        return self._top

    def set_results(self, top: Sequence[TopClass]) -> None:
        self._top = tuple(top)
        self.selected_row = 0
        self.setCursor(
            Qt.CursorShape.PointingHandCursor if self._top else Qt.CursorShape.ArrowCursor
        )
        self._update_description()
        self._fit_height()
        self.update()

    def clear(self) -> None:
        self.set_results(())

    def choose_row(self, row: int) -> None:
        if not 0 <= row < len(self._top) or row == self.selected_row:
            return
        self.selected_row = row
        self.update()
        self.row_chosen.emit(row)

    def row_at(self, y: float) -> int | None:
        for index, row in enumerate(self.rows()):
            if row.top <= y < row.top + row.height:
                return index
        return None

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        row = self.row_at(event.position().y())
        if row is not None:
            self.choose_row(row)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        step = {Qt.Key.Key_Up: -1, Qt.Key.Key_Down: 1}.get(Qt.Key(event.key()))
        if step is not None and self._top:
            self.choose_row(self.selected_row + step)
        else:
            super().keyPressEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            row = self.row_at(event.pos().y())
            if row is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), row_tooltip(self._top[row]), self)
            return True
        return super().event(event)

    def as_text(self) -> str:
        return "\n".join(f"{t.rank}. {t.label} — {number(t.probability, '.1%')}" for t in self._top)

    def _update_description(self) -> None:
        self.setAccessibleDescription(self.as_text() or self.tr("No results yet"))

    # Geometry

    def _base_row_height(self) -> float:
        return self.fontMetrics().height() * 1.9

    def _bold_font(self) -> QFont:
        font = QFont(self.font())
        font.setBold(True)
        return font

    def _font_of(self, row: int) -> QFont:
        return self._bold_font() if row == 0 else QFont(self.font())

    def _percent_width(self) -> int:
        bold = QFontMetrics(self._bold_font())
        return int(bold.horizontalAdvance(" 100.0 %") + self._padding() + self._gap())

    def label_width(self, width: int | None = None) -> int:
        """The labels' column: the widest label as drawn (the top one in bold) and a
        margin, up to LABEL_SHARE of the width."""
        width = self.width() if width is None else width
        widest = max(
            (
                QFontMetrics(self._font_of(index)).horizontalAdvance(item.label)
                for index, item in enumerate(self._top)
            ),
            default=0,
        )
        return min(widest + int(self._padding() + self._gap()) + 1, int(width * LABEL_SHARE))

    def label_space(self, width: int | None = None) -> float:
        """The width a label's text may take (its column less the padding inside the row's
        frame and the gap before the bar)."""
        return self.label_width(width) - self._padding() - self._gap()

    def _padding(self) -> float:
        """Between the text and the frame around the chosen row."""
        return self.fontMetrics().height() * 0.4

    def _gap(self) -> float:
        return self.fontMetrics().height() * 0.5

    def layout_rows(self) -> tuple[float, float, float]:
        """(label width, bar left, bar width)."""
        label_width = self.label_width()
        return label_width, label_width, max(self.width() - label_width - self._percent_width(), 10)

    def rows(self, width: int | None = None) -> list[ChartRow]:
        """The rows as laid out for ``width``, at their natural height; for the chart's own
        size, grown into the height it was given (up to GROWTH)."""
        natural = self._natural_rows(width)
        if width is not None:
            return natural
        factor = self._growth()
        return [ChartRow(r.top * factor, r.height * factor, r.lines) for r in natural]

    def _growth(self) -> float:
        """How much taller than their natural height the rows are drawn: 1 to GROWTH."""
        return min(max(self.height() / self.heightForWidth(self.width()), 1.0), GROWTH)

    def _natural_rows(self, width: int | None) -> list[ChartRow]:
        rows: list[ChartRow] = []
        top = 0.0
        space = self.label_space(width)
        for index, item in enumerate(self._top):
            metrics = QFontMetrics(self._font_of(index))
            lines = wrap(item.label, metrics, space)
            height = max(
                self._base_row_height(), len(lines) * metrics.lineSpacing() + 0.8 * metrics.height()
            )
            rows.append(ChartRow(top, height, lines))
            top += height
        return rows

    def bar_fill(self, row: int) -> float:
        """How much of its track row ``row``'s bar fills: its probability."""
        return self._top[row].probability

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        width = self.fontMetrics().horizontalAdvance("M") * 34
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        width = self.fontMetrics().horizontalAdvance("M") * 18
        return QSize(width, self.heightForWidth(max(self.width(), width)))

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt's name
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt's name
        rows = self.rows(width)
        drawn = sum(row.height for row in rows)
        empty = max(5 - len(rows), 0) * self._base_row_height()  # room kept for five answers
        return int(drawn + empty + 1)

    def resizeEvent(self, event: object) -> None:  # noqa: N802 - Qt's name
        self._fit_height()  # wrapping depends on the width

    def _fit_height(self) -> None:
        """At least the rows' natural height; at most GROWTH times it (an empty chart
        keeps its natural height: there is nothing to grow)."""
        growth = GROWTH if self._top else 1.0
        self.setMaximumHeight(int(self.heightForWidth(self.width()) * growth))
        self.updateGeometry()

    # Painting

    def paintEvent(self, event: object) -> None:  # noqa: N802 - Qt's name
        if not self._top:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text_colour = palette.color(QPalette.ColorRole.WindowText)
        _, bar_left, bar_space = self.layout_rows()
        space = self.label_space()
        percent_width = self.width() - bar_left - bar_space
        bar_height = self._base_row_height() * 0.55 * self._growth()
        for index, (item, row) in enumerate(zip(self._top, self.rows(), strict=True)):
            font = self._font_of(index)
            painter.setFont(font)
            painter.setPen(text_colour)
            painter.drawText(
                QRectF(self._padding(), row.top, space, row.height),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                "\n".join(row.lines),
            )
            track = QRectF(bar_left, row.top + (row.height - bar_height) / 2, bar_space, bar_height)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(palette.color(QPalette.ColorRole.AlternateBase))
            painter.drawRoundedRect(track, 3, 3)
            fill = QRectF(track)
            fill.setWidth(max(track.width() * self.bar_fill(index), 2.0))
            colour = palette.color(QPalette.ColorRole.Highlight)
            if index != 0:
                colour.setAlphaF(0.55)
            painter.setBrush(colour)
            painter.drawRoundedRect(fill, 3, 3)
            painter.setPen(text_colour)
            painter.drawText(
                QRectF(bar_left + bar_space, row.top, percent_width - self._padding(), row.height),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                number(item.probability, ".1%"),
            )
            if index == self.selected_row and len(self._top) > 1:
                painter.setPen(QPen(palette.color(QPalette.ColorRole.Highlight), 1.5))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRoundedRect(
                    QRectF(1, row.top + 1, self.width() - 2, row.height - 2), 4, 4
                )
        if self.hasFocus():
            painter.setPen(
                QPen(palette.color(QPalette.ColorRole.Highlight), 1, Qt.PenStyle.DotLine)
            )
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(0.5, 0.5, self.width() - 1, self.height() - 1))
        painter.end()


def wrap(text: str, metrics: QFontMetrics, width: float) -> tuple[str, ...]:
    """``text`` in at most LINES lines of ``width``, broken between words; the last line
    elided only when the words do not fit."""
    if metrics.horizontalAdvance(text) <= width:
        return (text,)
    lines: list[str] = []
    words = text.split()
    while words and len(lines) < LINES - 1:
        line = words.pop(0)
        while words and metrics.horizontalAdvance(f"{line} {words[0]}") <= width:
            line = f"{line} {words.pop(0)}"
        lines.append(line)
    if words:
        lines.append(" ".join(words))
    return tuple(
        metrics.elidedText(line, Qt.TextElideMode.ElideRight, int(width)) for line in lines
    )
