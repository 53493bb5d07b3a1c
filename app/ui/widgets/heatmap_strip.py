"""Compare's "Where each model looked": the photo with each pretrained model's heatmap,
side by side, captioned with the model and its answer."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QGridLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

COLUMNS = 4


class HeatmapStrip(QScrollArea):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("heatmapStrip")
        self.setAccessibleName(self.tr("Where each model looked"))
        self.setWidgetResizable(True)
        self._content = QWidget(self)
        self._grid = QGridLayout(self._content)
        self._grid.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setWidget(self._content)
        self.tiles: list[QWidget] = []

    def add(self, picture: QImage, caption: str) -> None:
        tile = QWidget(self._content)
        layout = QVBoxLayout(tile)
        layout.setContentsMargins(0, 0, 0, 0)
        image = QLabel(tile)
        image.setPixmap(QPixmap.fromImage(picture))
        image.setAccessibleName(caption)
        text = QLabel(caption, tile)
        text.setWordWrap(True)
        text.setMaximumWidth(picture.width())
        layout.addWidget(image)
        layout.addWidget(text)
        index = len(self.tiles)
        self._grid.addWidget(tile, index // COLUMNS, index % COLUMNS)
        self.tiles.append(tile)

    def clear(self) -> None:
        for tile in self.tiles:
            tile.deleteLater()
        self.tiles = []
