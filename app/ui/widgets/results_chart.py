"""The top-k answers as a horizontal bar chart: label, bar, percent; the best one emphasised.
Bars share one 0–100 % scale."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QFont,
    QFontMetrics,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.core.classifier import TopClass


class ResultsChart(QWidget):
    """Paints with the palette's colours and the font's metrics, so it follows light and
    dark themes and any display scaling. Its accessible description reads the results.

    When rows are selectable (a heatmap is shown), a click or the arrow keys choose the
    answer to explain, framed in the highlight colour.
    """

    row_chosen = Signal(int)  # the row (0 = the top answer)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._top: tuple[TopClass, ...] = ()
        self._selectable = False
        self.selected_row = 0
        self.setObjectName("resultsChart")
        self.setAccessibleName(self.tr("Classification results"))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self._update_description()

    @property
    def top(self) -> tuple[TopClass, ...]:
        return self._top

    def set_results(self, top: Sequence[TopClass]) -> None:
        self._top = tuple(top)
        self.selected_row = 0
        self._update_description()
        self.updateGeometry()
        self.update()

    def clear(self) -> None:
        self.set_results(())

    def set_selectable(self, selectable: bool) -> None:
        self._selectable = selectable
        self.setCursor(
            Qt.CursorShape.PointingHandCursor if selectable else Qt.CursorShape.ArrowCursor
        )
        self.update()

    def choose_row(self, row: int) -> None:
        if not self._selectable or not 0 <= row < len(self._top) or row == self.selected_row:
            return
        self.selected_row = row
        self.update()
        self.row_chosen.emit(row)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        self.choose_row(int(event.position().y() // self._row_height()))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        step = {Qt.Key.Key_Up: -1, Qt.Key.Key_Down: 1}.get(Qt.Key(event.key()))
        if self._selectable and step is not None:
            self.choose_row(self.selected_row + step)
        else:
            super().keyPressEvent(event)

    def as_text(self) -> str:
        return "\n".join(f"{t.rank}. {t.label} — {t.probability:.1%}" for t in self._top)

    def _update_description(self) -> None:
        text = self.as_text() or self.tr("No results yet")
        self.setAccessibleDescription(text)
        self.setToolTip(text if self._top else "")

    def _row_height(self) -> int:
        return int(self.fontMetrics().height() * 1.9)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        rows = max(len(self._top), 5)
        return QSize(self.fontMetrics().horizontalAdvance("M") * 34, rows * self._row_height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(self.fontMetrics().horizontalAdvance("M") * 18, 5 * self._row_height())

    def _bold_font(self) -> QFont:
        font = QFont(self.font())
        font.setBold(True)
        return font

    def layout_rows(self) -> tuple[float, float, float]:
        """(label width, bar left, bar width): the labels' column fits the widest label as
        drawn (the top one in bold), up to 45 % of the width."""
        regular, bold = self.fontMetrics(), QFontMetrics(self._bold_font())
        widest = max(
            (
                (bold if index == 0 else regular).horizontalAdvance(item.label)
                for index, item in enumerate(self._top)
            ),
            default=0,
        )
        label_width = min(widest + regular.height(), int(self.width() * 0.45))
        percent_width = bold.horizontalAdvance(" 100.0 %") + regular.height() // 2
        return label_width, label_width, max(self.width() - label_width - percent_width, 10)

    def bar_fill(self, row: int) -> float:
        """How much of its track row ``row``'s bar fills: its probability, on one 0–100 %
        scale for every row, so a weak answer looks weak."""
        return self._top[row].probability

    def paintEvent(self, event: object) -> None:  # noqa: N802 - Qt's name
        if not self._top:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        metrics = self.fontMetrics()
        row = self._row_height()
        label_width, bar_left, bar_space = self.layout_rows()
        percent_width = self.width() - bar_left - bar_space
        bar_height = row * 0.55
        for index, item in enumerate(self._top):
            top = index * row
            emphasised = index == 0
            font = self._bold_font() if emphasised else QFont(self.font())
            painter.setFont(font)
            painter.setPen(palette.color(QPalette.ColorRole.WindowText))
            label_rect = QRectF(0, top, label_width - metrics.height() / 2, row)
            label = QFontMetrics(font).elidedText(
                item.label, Qt.TextElideMode.ElideRight, int(label_rect.width())
            )
            painter.drawText(
                label_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, label
            )
            track = QRectF(bar_left, top + (row - bar_height) / 2, bar_space, bar_height)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(palette.color(QPalette.ColorRole.AlternateBase))
            painter.drawRoundedRect(track, 3, 3)
            fill = QRectF(track)
            fill.setWidth(max(track.width() * self.bar_fill(index), 2.0))
            colour = palette.color(QPalette.ColorRole.Highlight)
            if not emphasised:
                colour.setAlphaF(0.55)
            painter.setBrush(colour)
            painter.drawRoundedRect(fill, 3, 3)
            painter.setPen(palette.color(QPalette.ColorRole.WindowText))
            percent_rect = QRectF(bar_left + bar_space, top, percent_width, row)
            painter.drawText(
                percent_rect,
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                f"{item.probability:.1%}",
            )
            if self._selectable and index == self.selected_row:
                painter.setPen(QPen(palette.color(QPalette.ColorRole.Highlight), 1.5))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRoundedRect(QRectF(1, top + 1, self.width() - 2, row - 2), 4, 4)
        painter.end()
