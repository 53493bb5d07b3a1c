"""Progress (download bar with Cancel, busy indicator) and messages with next steps."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.weights.download import DownloadProgress
from app.i18n import fill

MB = 1024 * 1024

# Next steps offered for each kind of failure (see app.workers.engine.describe_error);
# the hints are marked for translation here and translated where they are shown.
ACTIONS_BY_KIND = {
    "image": (),
    "download": ("retry", "import", "copy", "lite0"),
    "digest": ("retry", "import", "copy", "lite0"),
    "memory": ("cpu", "lite0"),
    "device": ("cpu",),
    "model": ("lite0",),
    "internal": ("retry",),
    "save": (),
    "unverified": (),
}
HINTS_BY_KIND = {
    "image": QT_TRANSLATE_NOOP("StatusPanel", "Choose another photo."),
    "download": QT_TRANSLATE_NOOP(
        "StatusPanel",
        "Check your connection and retry. Without internet here, download the file below "
        "on another computer and import it.",
    ),
    "digest": QT_TRANSLATE_NOOP(
        "StatusPanel", "The file is not the expected one: retry, or import a good copy."
    ),
    "memory": QT_TRANSLATE_NOOP("StatusPanel", "Try a smaller model, or the CPU."),
    "device": QT_TRANSLATE_NOOP("StatusPanel", "Use the CPU instead."),
    "model": QT_TRANSLATE_NOOP(
        "StatusPanel", "Check the model's entry in your catalog, or use Lite0."
    ),
    "internal": QT_TRANSLATE_NOOP("StatusPanel", "Details are in the log file (Help ▸ About)."),
    "save": QT_TRANSLATE_NOOP("StatusPanel", "Choose another folder or name."),
}


class StatusPanel(QFrame):
    """One line under the results: what is happening, or what went wrong and what to do."""

    cancel_requested = Signal()
    action_requested = Signal(str)  # retry, import, copy, cpu, lite0

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusPanel")
        self.message = QLabel(self)
        self.message.setObjectName("statusMessage")
        self.message.setWordWrap(True)
        self.progress = QProgressBar(self)
        self.progress.setAccessibleName(self.tr("Progress"))
        self.progress.setTextVisible(True)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.clicked.connect(self.cancel_requested)
        self.action_buttons = {
            "retry": QPushButton(self.tr("Retry"), self),
            "import": QPushButton(self.tr("Import weights file…"), self),
            "copy": QPushButton(self.tr("Copy address"), self),
            "cpu": QPushButton(self.tr("Use CPU"), self),
            "lite0": QPushButton(self.tr("Use Lite0"), self),
        }
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.progress, 1)
        row.addWidget(self.cancel_button)
        for name, button in self.action_buttons.items():
            button.clicked.connect(lambda _checked=False, n=name: self.action_requested.emit(n))
            row.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.message)
        layout.addLayout(row)
        self.show_idle("")

    @property
    def state(self) -> str:
        return self._state

    def _show(self, state: str, text: str, progress: bool, cancel: bool, actions=()) -> None:
        self._state = state
        self.message.setText(text)
        self.message.setVisible(bool(text))
        self.progress.setVisible(progress)
        self.cancel_button.setVisible(cancel)
        for name, button in self.action_buttons.items():
            button.setVisible(name in actions)
        self.setProperty("state", state)

    def show_idle(self, text: str) -> None:
        self._show("idle", text, progress=False, cancel=False)

    def show_busy(self, text: str) -> None:
        self._show("busy", text, progress=True, cancel=True)
        self.progress.setRange(0, 0)  # an indeterminate, moving bar

    def show_download(self, name: str, progress: DownloadProgress) -> None:
        done = progress.done / MB
        rate = progress.rate / MB
        if progress.total:
            total = progress.total / MB
            text = self.tr("Downloading {name}: {done:.1f} of {total:.1f} MB ({rate:.1f} MB/s)")
            self.progress.setRange(0, 1000)
            self.progress.setValue(int(1000 * progress.done / progress.total))
        else:
            text = self.tr("Downloading {name}: {done:.1f} MB ({rate:.1f} MB/s)")
            self.progress.setRange(0, 0)
            total = 0.0
        self._show("download", fill(text, name=name, done=done, total=total, rate=rate), True, True)

    def show_error(self, kind: str, message: str, needed: tuple[str, str] | None = None) -> None:
        """``needed``: the (file name, address) of the weights a download failed to get,
        for fetching them elsewhere and importing them."""
        hint = self.tr(str(HINTS_BY_KIND.get(kind, "")))
        text = f"<b>{_escape(message[:1].upper() + message[1:])}</b>"
        if hint:
            text += f"<br>{_escape(hint)}"
        actions = ACTIONS_BY_KIND.get(kind, ("retry",))
        if needed is not None:
            text += "<br>" + self.tr("The file: {file}<br>Its address: {url}").format(
                file=f"<b>{_escape(needed[0])}</b>", url=_escape(needed[1])
            )
        else:
            actions = tuple(action for action in actions if action != "copy")
        self._show("error", text, False, False, actions)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
