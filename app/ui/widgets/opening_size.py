"""The size a window or dialog opens at: what its contents want, within the screen."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


def open_at(widget: QWidget, width_em: float, height_em: float) -> None:
    """Size ``widget`` in units of its font's height, no larger than the screen it is on
    (a dialog taller than an 800×600 screen hides its buttons)."""
    em = widget.fontMetrics().height()
    available = widget.screen().availableGeometry()
    widget.resize(
        min(int(width_em * em), available.width()), min(int(height_em * em), available.height())
    )
