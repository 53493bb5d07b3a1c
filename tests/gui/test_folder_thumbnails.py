"""When the folder table asks for a photo's thumbnail: at once, or, while a run decodes the
photos, once the photo's answer has come (the run keeps the thumbnail from its decode)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from app.core.job_types import JobError
from app.ui.widgets.folder_panel import FILE, FolderModel

pytestmark = pytest.mark.gui
PHOTOS = [Path(f"/album/photo-{number}.jpg") for number in range(3)]


def _shown(model: FolderModel, asked: list[Path]) -> list[Path]:
    """The photos whose thumbnails the view's showing every row asked for."""
    asked.clear()
    for row in range(model.rowCount()):
        model.index(row, FILE).data(Qt.ItemDataRole.DecorationRole)
    return list(asked)


def test_without_a_run_every_shown_photo_asks_for_its_thumbnail(qapp) -> None:
    model, asked = FolderModel(), []
    model.thumbnail_wanted.connect(asked.append)
    model.set_photos(PHOTOS)
    assert _shown(model, asked) == PHOTOS


def test_while_a_run_decodes_a_photo_waits_for_its_answer(qapp) -> None:
    model, asked = FolderModel(), []
    model.thumbnail_wanted.connect(asked.append)
    model.set_photos(PHOTOS)
    model.set_run_decoding(True)
    assert _shown(model, asked) == []
    model.set_outcomes([(PHOTOS[1], JobError("image", "broken"))])
    assert _shown(model, asked) == [PHOTOS[1]]
    changed = []
    model.dataChanged.connect(lambda first, last, roles: changed.append((first.row(), last.row())))
    model.set_run_decoding(False)  # paused: the photos left are decoded by the table
    assert changed == [(0, 2)]
    assert _shown(model, asked) == [PHOTOS[0], PHOTOS[2]]
