"""Renders resources/icons/effnet.svg to the PNG sizes the app and desktop entries use,
and to effnet.ico (Windows) and effnet.icns (macOS).

Run ``python packaging/make_icons.py`` after editing the SVG.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def render(size: int, renderer: QSvgRenderer) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    return image


def main() -> None:
    _app = QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(ICONS / "effnet.svg"))
    for size in SIZES:
        render(size, renderer).save(str(ICONS / f"effnet-{size}.png"))
    from PIL import Image

    largest = Image.open(ICONS / "effnet-512.png")
    largest.save(ICONS / "effnet.ico", sizes=[(s, s) for s in SIZES if s <= 256])
    largest.save(ICONS / "effnet.icns")


if __name__ == "__main__":
    main()
