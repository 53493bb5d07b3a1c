"""The piles of example photos a label set learns from: one row per label with its name
(editable), how many photos it has and a few of them. Photos and folders dropped on a row
join that label; a folder dropped elsewhere adds its sub-folders as labels."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, QSize, Qt, Signal
from PySide6.QtGui import (
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QIcon,
    QImage,
    QPainter,
    QPixmap,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from app.core.folders.runs import photos_in
from app.core.teach.training import Piles, label_folders, pile_photos

EXAMPLES = 4  # thumbnails shown a label
SIDE = 48  # pixels a thumbnail
LABEL, COUNT, EXAMPLES_COLUMN = range(3)


class PilesTable(QTableWidget):
    changed = Signal()  # a label or its photos changed
    thumbnail_wanted = Signal(Path)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 3, parent)
        self.setHorizontalHeaderLabels([self.tr("Label"), self.tr("Photos"), self.tr("Examples")])
        self.setAccessibleName(self.tr("Labels and their example photos"))
        header = self.horizontalHeader()
        header.setSectionResizeMode(LABEL, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COUNT, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(EXAMPLES_COLUMN, QHeaderView.ResizeMode.ResizeToContents)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(SIDE + 8)
        self.setIconSize(QSize(EXAMPLES * (SIDE + 2), SIDE))
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.photos: list[list[Path]] = []  # each row's
        self.thumbnails: dict[Path, QImage] = {}
        self.itemChanged.connect(
            lambda item: self.changed.emit() if item.column() == LABEL else None
        )

    def _on_item_changed(self, item: QTableWidgetItem) -> None:
        if item.column() == LABEL:
            self.changed.emit()

    # What the table holds

    def piles(self) -> Piles:
        labels = tuple(self.label(row) for row in range(self.rowCount()))
        return Piles(labels, tuple(tuple(pile) for pile in self.photos))

    def label(self, row: int) -> str:
        item = self.item(row, LABEL)
        return item.text().strip() if item is not None else ""

    def set_piles(self, piles: Piles) -> None:
        self.setRowCount(0)
        self.photos = []
        for label, photos in zip(piles.labels, piles.photos, strict=True):
            self.add_label(label, list(photos))
        self.changed.emit()

    def add_label(self, label: str, photos: list[Path] | None = None) -> int:
        """A new row (a label with ``photos``); its row number."""
        row = self.rowCount()
        self.blockSignals(True)
        self.insertRow(row)
        self.setItem(row, LABEL, QTableWidgetItem(label))
        for column in (COUNT, EXAMPLES_COLUMN):
            item = QTableWidgetItem()
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.setItem(row, column, item)
        self.blockSignals(False)
        self.photos.append([])
        self.add_photos(row, photos or [])
        return row

    def add_photos(self, row: int, photos: list[Path]) -> None:
        known = set(self.photos[row])
        self.photos[row] += [photo for photo in photos if photo not in known]
        self._show_row(row)
        self.changed.emit()

    def remove_photo(self, photo: Path) -> None:
        for row, pile in enumerate(self.photos):
            if photo in pile:
                pile.remove(photo)
                self._show_row(row)
        self.changed.emit()

    def move_photo(self, photo: Path, label: str) -> None:
        """``photo`` leaves its pile for ``label``'s."""
        rows = [row for row in range(self.rowCount()) if self.label(row) == label]
        if rows:
            self.remove_photo(photo)
            self.add_photos(rows[0], [photo])

    def remove_row(self, row: int) -> None:
        self.removeRow(row)
        del self.photos[row]
        self.changed.emit()

    def set_thumbnail(self, photo: Path, image: QImage) -> None:
        self.thumbnails[photo] = image
        for row, pile in enumerate(self.photos):
            if photo in pile[:EXAMPLES]:
                self._show_row(row)

    def _show_row(self, row: int) -> None:
        pile = self.photos[row]
        count = self.item(row, COUNT)
        if count is not None:
            count.setText(str(len(pile)))
            count.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        strip = QPixmap(EXAMPLES * (SIDE + 2), SIDE)
        strip.fill(Qt.GlobalColor.transparent)
        painter = QPainter(strip)
        for index, photo in enumerate(pile[:EXAMPLES]):
            image = self.thumbnails.get(photo)
            if image is None:
                self.thumbnail_wanted.emit(photo)
                continue
            scaled = image.scaled(SIDE, SIDE, Qt.AspectRatioMode.KeepAspectRatio,
                                  Qt.TransformationMode.SmoothTransformation)  # fmt: skip
            painter.drawImage(QPoint(index * (SIDE + 2), (SIDE - scaled.height()) // 2), scaled)
        painter.end()
        examples = self.item(row, EXAMPLES_COLUMN)
        if examples is not None:
            examples.setIcon(QIcon(strip))

    # Drops

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt's name
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # noqa: N802 - Qt's name
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt's name
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        row = self.rowAt(event.position().toPoint().y())
        self.drop_paths(paths, row)
        event.acceptProposedAction()

    def drop_paths(self, paths: list[Path], row: int) -> None:
        """On a row: the photos (and the folders' photos) join it. Elsewhere: a folder with
        sub-folders adds each as a label, any other folder becomes a label of its own."""
        if row >= 0:
            self.add_photos(row, [p for p in photos_in(paths, recursive=True) if p.is_file()])
            return
        for path in paths:
            if path.is_dir():
                for folder in label_folders(path) or [path]:
                    self.add_label(folder.name, pile_photos(folder))
