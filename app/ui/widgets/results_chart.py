"""The top-k answers as a horizontal bar chart: label, bar, percent; the best one emphasised."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QFont, QPainter, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.core.classifier import TopClass


class ResultsChart(QWidget):
    """Paints with the palette's colours and the font's metrics, so it follows light and
    dark themes and any display scaling. Its accessible description reads the results."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._top: tuple[TopClass, ...] = ()
        self.setObjectName("resultsChart")
        self.setAccessibleName(self.tr("Classification results"))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self._update_description()

    @property
    def top(self) -> tuple[TopClass, ...]:
        return self._top

    def set_results(self, top: Sequence[TopClass]) -> None:
        self._top = tuple(top)
        self._update_description()
        self.updateGeometry()
        self.update()

    def clear(self) -> None:
        self.set_results(())

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

    def paintEvent(self, event: object) -> None:  # noqa: N802 - Qt's name
        if not self._top:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        metrics = self.fontMetrics()
        row = self._row_height()
        label_width = min(
            max(metrics.horizontalAdvance(t.label) for t in self._top) + metrics.height(),
            int(self.width() * 0.45),
        )
        percent_width = metrics.horizontalAdvance(" 100.0 %") + metrics.height() // 2
        bar_left = label_width
        bar_space = max(self.width() - label_width - percent_width, 10)
        bar_height = row * 0.55
        best = self._top[0].probability or 1.0
        for index, item in enumerate(self._top):
            top = index * row
            emphasised = index == 0
            font = QFont(self.font())
            font.setBold(emphasised)
            painter.setFont(font)
            painter.setPen(palette.color(QPalette.ColorRole.WindowText))
            label_rect = QRectF(0, top, label_width - metrics.height() / 2, row)
            label = metrics.elidedText(
                item.label, Qt.TextElideMode.ElideRight, int(label_rect.width())
            )
            painter.drawText(
                label_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, label
            )
            track = QRectF(bar_left, top + (row - bar_height) / 2, bar_space, bar_height)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(palette.color(QPalette.ColorRole.AlternateBase))
            painter.drawRoundedRect(track, 3, 3)
            # Bars are scaled to the best answer, so small differences stay visible.
            fill = QRectF(track)
            fill.setWidth(max(track.width() * item.probability / best, 2.0))
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
        painter.end()
