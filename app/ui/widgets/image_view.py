"""The photo area: shows the photo scaled to fit, a hint when empty, accepts drops."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QRectF, QSize, Qt, QUrl, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QImage, QPainter, QPalette, QPen, QPixmap
from PySide6.QtWidgets import QSizePolicy, QWidget


class ImageView(QWidget):
    """Emits what was dropped; decoding and classifying happen elsewhere."""

    files_dropped = Signal(list)  # list[Path]
    url_dropped = Signal(str)  # an http(s) image address from a web browser
    image_dropped = Signal(QImage)  # image data from another application

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("imageView")
        self.setAcceptDrops(True)
        self.setAccessibleName(self.tr("Photo"))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._pixmap: QPixmap | None = None
        self._overlay: QPixmap | None = None  # a heatmap over the whole photo
        self._overlay_opacity = 0.5
        self._hovering = False
        self._hint = self.tr("Drop a photo here\nor press Ctrl+O to open one, Ctrl+V to paste")

    @property
    def hovering(self) -> bool:
        return self._hovering

    @property
    def has_image(self) -> bool:
        return self._pixmap is not None

    @property
    def has_overlay(self) -> bool:
        return self._overlay is not None

    def set_image(self, image: QImage | None) -> None:
        self._pixmap = (
            QPixmap.fromImage(image) if image is not None and not image.isNull() else None
        )
        self.update()

    def set_overlay(self, image: QImage | None) -> None:
        """A picture of the photo's aspect ratio drawn over it (stretched to fit)."""
        self._overlay = (
            QPixmap.fromImage(image) if image is not None and not image.isNull() else None
        )
        self.update()

    def set_overlay_opacity(self, opacity: float) -> None:
        self._overlay_opacity = min(max(opacity, 0.0), 1.0)
        self.update()

    def set_hint(self, text: str) -> None:
        self._hint = text
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        em = self.fontMetrics().height()
        return QSize(em * 28, em * 20)

    # Drag and drop

    @staticmethod
    def accepts(mime: QMimeData) -> bool:
        return mime.hasImage() or any(_usable_url(url) for url in mime.urls())

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt's name
        if self.accepts(event.mimeData()):
            event.acceptProposedAction()
            self._set_hovering(True)
        else:
            event.ignore()

    def dragLeaveEvent(self, event: object) -> None:  # noqa: N802 - Qt's name
        self._set_hovering(False)

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt's name
        self._set_hovering(False)
        mime = event.mimeData()
        files = [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
        web = [url.toString() for url in mime.urls() if _usable_url(url) and not url.isLocalFile()]
        if files:
            self.files_dropped.emit(files)
        elif mime.hasImage():
            self.image_dropped.emit(QImage(mime.imageData()))
        elif web:
            self.url_dropped.emit(web[0])
        else:
            event.ignore()
            return
        event.acceptProposedAction()

    def _set_hovering(self, hovering: bool) -> None:
        self._hovering = hovering
        self.update()

    # Painting

    def paintEvent(self, event: object) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        palette = self.palette()
        area = QRectF(self.rect()).adjusted(6, 6, -6, -6)
        if self._pixmap is not None:
            scaled = self._pixmap.size().scaled(
                area.size().toSize(), Qt.AspectRatioMode.KeepAspectRatio
            )
            target = QRectF(0, 0, scaled.width(), scaled.height())
            target.moveCenter(area.center())
            painter.drawPixmap(target, self._pixmap, QRectF(self._pixmap.rect()))
            if self._overlay is not None:
                painter.setOpacity(self._overlay_opacity)
                painter.drawPixmap(target, self._overlay, QRectF(self._overlay.rect()))
                painter.setOpacity(1.0)
        else:
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter, self._hint)
        if self._hovering or self._pixmap is None:
            colour = palette.color(
                QPalette.ColorRole.Highlight if self._hovering else QPalette.ColorRole.Mid
            )
            pen = QPen(colour, 3 if self._hovering else 1.5, Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(area, 10, 10)
        painter.end()


def _usable_url(url: QUrl) -> bool:
    return url.isLocalFile() or url.scheme() in ("http", "https")
