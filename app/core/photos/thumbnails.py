"""Small pictures of photos kept on disk for the folder table.

A folder run keeps each photo's thumbnail from the decode that feeds the model, so the
table finds it on disk instead of decoding the photo a second time. A thumbnail is named
after the photo's path, size, modification time and the thumbnail's side: a changed photo
gets a new one.
"""

from __future__ import annotations

import hashlib
import io
import logging
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from app.core.files import check_regular, write_replacing

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ThumbnailFolder:
    folder: Path
    side: int  # pixels on the long side, at most

    def path_for(self, photo: Path) -> Path:
        """Where the thumbnail of ``photo`` as it is now is kept; raises OSError (a
        :class:`app.core.files.FileRefused` when it is not a regular file)."""
        status = check_regular(photo)
        key = f"{photo.resolve()}|{status.st_size}|{status.st_mtime_ns}|{self.side}"
        return self.folder / f"{hashlib.sha1(key.encode()).hexdigest()}.png"

    def keep(self, photo: Path, image: Image.Image) -> None:
        """Keep a thumbnail of ``photo`` made from ``image`` (the photo decoded and turned
        as its EXIF says, at any scale), unless one is kept already. Best effort: a
        thumbnail that cannot be kept is made again when it is shown."""
        try:
            target = self.path_for(photo)
            if target.is_file():
                return
            # A box reduction to about twice the side first (the photo itself is left as
            # it is: the model's input is made from it next), then a bilinear resize.
            small = image.reduce(max(1, max(image.size) // (2 * self.side)))
            small.thumbnail((self.side, self.side), Image.Resampling.BILINEAR)
            png = io.BytesIO()
            small.save(png, "PNG")
            self.folder.mkdir(parents=True, exist_ok=True)
            write_replacing(target, lambda stream: stream.write(png.getvalue()))
        except (OSError, ValueError) as error:
            log.debug("no thumbnail kept for %s (%s)", photo, error)
