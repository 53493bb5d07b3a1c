"""The confusion matrix as a table a non-programmer can read: a row per label of the
photos, a column per answer, right answers green and mix-ups red, stronger the more photos
(the caption that says so sits above it, in the dialog)."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHeaderView, QTableWidget, QTableWidgetItem, QWidget


class ConfusionTable(QTableWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Photos of each label, and what they were taken for"))
        self.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)

    def show_confusion(self, labels: tuple[str, ...], confusion: np.ndarray) -> None:
        self.setRowCount(len(labels))
        self.setColumnCount(len(labels))
        self.setVerticalHeaderLabels(list(labels))
        self.setHorizontalHeaderLabels(list(labels))
        for truth, row in enumerate(confusion):
            total = max(int(row.sum()), 1)
            for answer, count in enumerate(row):
                item = QTableWidgetItem(str(int(count)))
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if count:
                    share = int(count) / total
                    hue = 120 if truth == answer else 0  # green right, red wrong
                    item.setBackground(QColor.fromHsv(hue, int(40 + 120 * share), 240))
                    item.setForeground(QColor("black"))
                self.setItem(truth, answer, item)
