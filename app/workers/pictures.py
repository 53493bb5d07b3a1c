"""Pictures for the window, read on a pool thread: a photo's preview, scaled as it is
decoded, and a picture dragged from a web page, fetched with a cap and time limits."""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, Qt
from PySide6.QtGui import QImage, QImageReader

from app.core.cancel import CancelToken
from app.core.errors import Cancelled, EffnetError, ImageError
from app.core.files import check_regular
from app.core.job_types import PhotoSource
from app.core.weights.download import DownloadPolicy, download

WEB_IMAGE_POLICY = DownloadPolicy(
    retries=1, connect_timeout=10, read_timeout=20, max_bytes=50 * 2**20
)
PREVIEW_SIDE = 1600  # pixels; the preview never needs more


def preview(photo: PhotoSource) -> QImage:
    """``photo`` turned as its EXIF says, at most PREVIEW_SIDE pixels on its long side."""
    reader = QImageReader()
    if photo.data is not None:
        buffer = QBuffer()
        buffer.setData(QByteArray(photo.data))
        reader.setDevice(buffer)
        reader.setAutoTransform(True)
        return _read_scaled(reader)
    assert photo.path is not None
    try:  # a FIFO or device would block the reader for good
        check_regular(photo.path)
    except OSError as error:
        raise ImageError(str(error)) from None
    reader.setFileName(str(photo.path))
    reader.setAutoTransform(True)
    return _read_scaled(reader)


def _read_scaled(reader: QImageReader) -> QImage:
    size = reader.size()
    if size.isValid() and max(size.width(), size.height()) > PREVIEW_SIDE:
        keep = Qt.AspectRatioMode.KeepAspectRatio
        reader.setScaledSize(size.scaled(PREVIEW_SIDE, PREVIEW_SIDE, keep))
    return reader.read()


def fetch_picture(url: str, token: CancelToken) -> bytes:
    """The bytes at ``url`` (at most 50 MB), or an :class:`ImageError` saying why not."""
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "image"
        try:
            download(url, target, token=token, policy=WEB_IMAGE_POLICY)
        except Cancelled:
            raise
        except EffnetError as error:
            raise ImageError(f"could not fetch the image from {url} ({error})") from None
        return target.read_bytes()
