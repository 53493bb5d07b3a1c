"""Help ▸ About: version and edition, licence, homepage and bug link, versions, devices,
third-party and weights' licences, the WordNet credit, and where the logs are."""

from __future__ import annotations

from collections.abc import Sequence
from importlib import metadata

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QT_TRANSLATE_NOOP, QUrl, qVersion
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from app import APP_NAME, BUG_TRACKER, HOMEPAGE, LICENCE, edition, paths
from app.core.catalog import Catalog
from app.core.devices import DeviceInfo

# What the standard and full editions carry, with their licences (see packaging/linux/copyright).
THIRD_PARTY = (
    ("Qt / PySide6", "LGPL-3.0"),
    ("ONNX Runtime", "MIT"),
    ("NumPy", "BSD-3-Clause"),
    ("Pillow", "MIT-CMU"),
    ("platformdirs", "MIT"),
    (QT_TRANSLATE_NOOP("AboutDialog", "PyTorch, torchvision (full edition)"), "BSD-3-Clause"),
)
WORDNET_CREDIT = QT_TRANSLATE_NOOP(
    "AboutDialog",
    "Class meanings come from WordNet 3.0, © 2006 Princeton University, used under the "
    "WordNet licence: “Permission to use, copy, modify and distribute this software and "
    "database and its documentation for any purpose and without fee or royalty is hereby "
    "granted, provided that you agree to comply with the following copyright notice and "
    "statements, including the disclaimer …” (Princeton University, “About WordNet”, "
    "https://wordnet.princeton.edu).",
)


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
        third_party = "".join(
            f"<li>{_escape(self.tr(str(name)))}: {licence}</li>" for name, licence in THIRD_PARTY
        )
        return (
            f"<h2>{APP_NAME} {_escape(edition.describe())}</h2>"
            f"<p>{summary}</p>"
            f"<p>{self.tr('Free software under the {licence} licence.').format(licence=LICENCE)}"
            f"<br><a href='{HOMEPAGE}'>{self.tr('Homepage')}</a> · "
            f"<a href='{BUG_TRACKER}'>{self.tr('Report a problem')}</a></p>"
            f"<table>{rows}</table>"
            f"<h3>{self.tr('Devices')}</h3><ul>{device_items}</ul>"
            f"<h3>{self.tr('Model weights and their licences')}</h3><ul>{licence_items}</ul>"
            f"<h3>{self.tr('Third-party software')}</h3><ul>{third_party}</ul>"
            f"<h3>{self.tr('Class meanings')}</h3><p>{_escape(self.tr(str(WORDNET_CREDIT)))}</p>"
            f"<p>{self.tr('Logs')}: <a href='{QUrl.fromLocalFile(str(logs)).toString()}'>"
            f"{_escape(str(logs))}</a></p>"
        )

    def _open_link(self, url: QUrl) -> None:
        from PySide6.QtGui import QDesktopServices

        if url.isLocalFile():
            paths.log_dir().mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(url)
