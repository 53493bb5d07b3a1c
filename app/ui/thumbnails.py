"""Small pictures of photos for the folder table, made on the pool and kept on disk (the
per-user cache), so a large folder never holds them all in memory. A folder run keeps them
there as it decodes the photos (:mod:`app.core.photos.thumbnails`); the others are made
here."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import platformdirs
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QSize, Qt, Signal
from PySide6.QtGui import QImage, QImageReader

from app import APP_NAME
from app.core.cancel import CancelToken
from app.core.errors import ImageError
from app.core.files import write_replacing
from app.core.photos.thumbnails import ThumbnailFolder
from app.workers.tasks import BackgroundTask


def default_folder() -> Path:
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)) / "thumbnails"


class ThumbnailCache(QObject):
    ready = Signal(Path, QImage)

    def __init__(
        self,
        run_task: Callable[[BackgroundTask], None],
        side: int,
        folder: Path | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._run_task = run_task
        self.store = ThumbnailFolder(folder or default_folder(), side)

    def request(self, photo: Path) -> None:
        def load(_token: CancelToken, _report: object) -> QImage:
            return self.thumbnail(photo)

        self._run_task(
            BackgroundTask(load).on(succeeded=lambda image: self.ready.emit(photo, image))
        )

    def thumbnail(self, photo: Path) -> QImage:
        """From the disk cache when the photo is unchanged, else decoded (scaled by the
        reader, so a 50 MP photo never decodes in full) and kept there."""
        try:
            kept = self.store.path_for(photo)
        except OSError as error:
            raise ImageError(str(error)) from None
        if kept.is_file():
            image = QImage(str(kept))
            if not image.isNull():
                return image
        reader = QImageReader(str(photo))
        reader.setAutoTransform(True)
        size = reader.size()
        if size.isValid():
            side = self.store.side
            reader.setScaledSize(size.scaled(QSize(side, side), Qt.AspectRatioMode.KeepAspectRatio))
        image = reader.read()
        if image.isNull():
            raise ImageError(f"{photo.name}: {reader.errorString()}")
        png = QByteArray()
        buffer = QBuffer(png)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        if image.save(buffer, "PNG"):  # type: ignore[call-overload]
            try:
                self.store.folder.mkdir(parents=True, exist_ok=True)
                write_replacing(kept, lambda stream: stream.write(png.data()))
            except OSError:
                pass  # not kept: made again next time
        return image
