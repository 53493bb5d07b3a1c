"""Manage downloads' Advanced section: a mirror for the built-in models' weights, folded
away under a disclosure button (unfolded when one is set)."""

from __future__ import annotations

from urllib.parse import urlsplit

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QToolButton, QVBoxLayout, QWidget

from app.ui.settings import Settings


class MirrorSetting(QWidget):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.disclosure = QToolButton(self)
        self.disclosure.setText(self.tr("Advanced"))
        self.disclosure.setCheckable(True)
        self.disclosure.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.disclosure.setAutoRaise(True)
        self.box = QWidget(self)
        self.field = QLineEdit(settings.mirror, self.box)
        self.field.setPlaceholderText("https://mirror.example.org/models/")
        self.field.setClearButtonEnabled(True)
        self.note = QLabel(
            self.tr(
                "A mirror serves the same files under another address (a company or "
                "university server). Used from the next start; empty for the usual address."
            ),
            self.box,
        )
        self.note.setWordWrap(True)
        form = QFormLayout(self.box)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("Download &mirror:"), self.field)
        form.addRow(self.note)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.disclosure, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.box)
        self.disclosure.toggled.connect(self._unfold)
        self.disclosure.setChecked(bool(settings.mirror))
        self._unfold(self.disclosure.isChecked())
        self.field.editingFinished.connect(self.save)

    def _unfold(self, shown: bool) -> None:
        self.box.setVisible(shown)
        arrow = Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow
        self.disclosure.setArrowType(arrow)

    def save(self) -> None:
        address = self.field.text().strip()
        parts = urlsplit(address)
        if address and (parts.scheme not in ("http", "https") or not parts.netloc):
            self.note.setText(
                self.tr("“{address}” is not a web address (https://…); it was not saved.").format(
                    address=address
                )
            )
            return
        self.settings.mirror = address
        self.note.setText(self.tr("Saved. Used from the next start."))
