"""Help ▸ About: versions, devices, the weights' licences, and where the logs are."""

from __future__ import annotations

from collections.abc import Sequence
from importlib import metadata

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QUrl, qVersion
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from app import APP_NAME, edition, paths
from app.core.catalog import Catalog
from app.core.devices import DeviceInfo


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class AboutDialog(QDialog):
    def __init__(
        self, catalog: Catalog, devices: Sequence[DeviceInfo], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("About {app}").format(app=APP_NAME))
        self.text = QTextBrowser(self)
        self.text.setOpenLinks(False)
        self.text.anchorClicked.connect(self._open_link)
        self.text.setHtml(self.html(catalog, devices))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.resize(
            self.fontMetrics().horizontalAdvance("M") * 50, self.fontMetrics().height() * 30
        )

    def html(self, catalog: Catalog, devices: Sequence[DeviceInfo]) -> str:
        versions = [
            (APP_NAME, edition.describe()),
            ("ONNX Runtime", _version("onnxruntime")),
            ("PyTorch", _version("torch")),
            ("torchvision", _version("torchvision")),
            ("Qt", qVersion()),
            ("PySide6", pyside_version),
        ]
        rows = "".join(f"<tr><td>{name}</td><td>{version}</td></tr>" for name, version in versions)
        device_items = (
            "".join(
                f"<li>{_escape(d.id)}: {_escape(d.name)}"
                + ("" if d.available else f" — {_escape(d.reason)}")
                + "</li>"
                for d in devices
            )
            or f"<li>{self.tr('still starting…')}</li>"
        )
        licences: dict[str, list[str]] = {}
        for spec in catalog:
            licences.setdefault(spec.licence or self.tr("not stated"), []).append(spec.name)
        licence_items = "".join(
            f"<li><b>{_escape(', '.join(names))}</b>: {_escape(text)}</li>"
            for text, names in licences.items()
        )
        logs = paths.log_dir()
        summary = self.tr("Classify photos with the EfficientNet family on your own computer.")
        return (
            f"<h2>{APP_NAME} {_escape(edition.describe())}</h2>"
            f"<p>{summary}</p>"
            f"<table>{rows}</table>"
            f"<h3>{self.tr('Devices')}</h3><ul>{device_items}</ul>"
            f"<h3>{self.tr('Model weights and their licences')}</h3><ul>{licence_items}</ul>"
            f"<p>{self.tr('Logs')}: <a href='{QUrl.fromLocalFile(str(logs)).toString()}'>"
            f"{_escape(str(logs))}</a></p>"
        )

    def _open_link(self, url: QUrl) -> None:
        from PySide6.QtGui import QDesktopServices

        if url.isLocalFile():
            paths.log_dir().mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(url)
