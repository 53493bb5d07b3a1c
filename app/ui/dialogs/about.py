"""Help ▸ About: version and edition, licence, homepage and bug link, versions, devices,
third-party and weights' licences, the WordNet credit, and where the logs are."""

from __future__ import annotations

from collections.abc import Sequence
from importlib import metadata

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QT_TRANSLATE_NOOP, QUrl, qVersion
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from app import APP_NAME, BUG_TRACKER, HOMEPAGE, LICENCE, __version__, edition, paths
from app.core.inference.devices import DeviceInfo
from app.core.models.catalog import Catalog
from app.ui.widgets.opening_size import open_at

# What the standard and full editions carry, with their licences (see packaging/linux/copyright).
THIRD_PARTY = (
    ("Qt / PySide6", "LGPL-3.0"),
    ("ONNX Runtime", "MIT"),
    ("OpenVINO", "Apache-2.0"),
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
        open_at(self, 43, 30)

    def html(self, catalog: Catalog, devices: Sequence[DeviceInfo]) -> str:
        versions = [
            (APP_NAME, self.edition_text()),
            ("ONNX Runtime", _version("onnxruntime")),
            ("OpenVINO", _version("openvino")),
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
            or "<li>" + self.tr("still starting…") + "</li>"
        )
        licences: dict[str, list[str]] = {}
        for spec in catalog.models():
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
        # Texts to translate are taken out of the f-strings, where lupdate cannot see them.
        free = self.tr("Free software under the {licence} licence.").format(licence=LICENCE)
        headings = {
            "devices": self.tr("Devices"),
            "weights": self.tr("Model weights and their licences"),
            "third": self.tr("Third-party software"),
            "meanings": self.tr("Class meanings"),
        }
        homepage, report, log_title = (
            self.tr("Homepage"),
            self.tr("Report a problem"),
            self.tr("Logs"),
        )
        credit = _escape(self.tr(str(WORDNET_CREDIT)))
        log_url = QUrl.fromLocalFile(str(logs)).toString()
        return (
            f"<h2>{APP_NAME} {_escape(self.edition_text())}</h2>"
            f"<p>{summary}</p>"
            f"<p>{free}<br><a href='{HOMEPAGE}'>{homepage}</a> · "
            f"<a href='{BUG_TRACKER}'>{report}</a></p>"
            f"<table>{rows}</table>"
            f"<h3>{headings['devices']}</h3><ul>{device_items}</ul>"
            f"<h3>{headings['weights']}</h3><ul>{licence_items}</ul>"
            f"<h3>{headings['third']}</h3><ul>{third_party}</ul>"
            f"<h3>{headings['meanings']}</h3><p>{credit}</p>"
            f"<p>{log_title}: <a href='{log_url}'>{_escape(str(logs))}</a></p>"
        )

    def edition_text(self) -> str:
        """ "0.1.0, standard edition", in the window's language."""
        if edition.edition() == edition.FULL:
            return self.tr("{version}, full edition").format(version=__version__)
        return self.tr("{version}, standard edition").format(version=__version__)

    def _open_link(self, url: QUrl) -> None:
        from PySide6.QtGui import QDesktopServices

        if url.isLocalFile():
            paths.log_dir().mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(url)
