"""With Tiếng Việt chosen, no menu, button, label, tab or dialog title is left in English."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QFileDialog,
    QGroupBox,
    QLabel,
    QMenu,
    QTabWidget,
    QTreeView,
    QWidget,
)

from app.core.models.catalog import Catalog
from app.ui.dialogs.about import AboutDialog
from app.ui.dialogs.classes import ClassesDialog
from app.ui.dialogs.downloads import DownloadsDialog
from app.ui.language import install_language
from tests.gui.conftest import open_window

pytestmark = pytest.mark.gui
# Names that read the same in both languages: products, models, formats, the language menu.
SAME_IN_BOTH = re.compile(
    r"^(PyTorch|ONNX Runtime( \(CPU\))?|ONNX \(CPU\)|OpenVINO \(CPU\)|OK|FP\d+.*|English|"
    r"Tiếng Việt|Top-1 %|"
    r"CPU — .*|(EfficientNet|B\d|V2|Lite).*|.*\.(jpg|png)|/.*|[\d\W]*)$"
)


def texts(window: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) of every menu entry, button, label, group, tab and title, in order."""
    yield "title", window.windowTitle()
    for menu in window.findChildren(QMenu):
        yield "menu", menu.title()
        for action in menu.actions():
            if not action.isSeparator():
                yield "menu entry", action.text()
    for button in window.findChildren(QAbstractButton):
        yield "button", button.text()
    for group in window.findChildren(QGroupBox):
        yield "group", group.title()
    for label in window.findChildren(QLabel):
        yield "label", label.text()
    for tabs in window.findChildren(QTabWidget):
        for index in range(tabs.count()):
            yield "tab", tabs.tabText(index)


def english_left(english: list[tuple[str, str]], vietnamese: list[tuple[str, str]]):  # type: ignore[no-untyped-def]
    left = []
    for (where, source), (_, shown) in zip(english, vietnamese, strict=True):
        plain = source.replace("&", "").strip()
        if plain and shown == source and not SAME_IN_BOTH.match(plain):
            left.append((where, source))
    return left


@pytest.fixture
def in_vietnamese(vietnamese) -> Iterator[None]:  # type: ignore[no-untyped-def]
    application = QApplication.instance()
    assert install_language(application, "vi") == "vi"
    yield
    install_language(application, "en")


def _all_texts(qtbot, settings, catalog, language: str) -> list[list[tuple[str, str]]]:  # type: ignore[no-untyped-def]
    """The texts of the window and its dialogs, built in ``language`` and read at once
    (Qt retranslates standard buttons when the language changes)."""
    install_language(QApplication.instance(), language)
    window = open_window(qtbot, settings, catalog)
    window.dialogs.open_compare()
    dialogs = [
        window,
        DownloadsDialog(window.catalog, window.store_provider, window.settings),
        AboutDialog(Catalog.load(), window.controller.devices),
        ClassesDialog(),
    ]
    found = [list(texts(dialog)) for dialog in dialogs]
    found.append(list(texts(window.dialogs.compare_dialog)))
    assert window.menuBar().actions()[0].text() == ("&Tệp" if language == "vi" else "&File")
    for dialog in dialogs[1:]:
        dialog.deleteLater()
    window.close()
    return found


def test_no_english_is_left_in_the_vietnamese_window(
    qtbot, settings, catalog, in_vietnamese
) -> None:
    english = _all_texts(qtbot, settings, catalog, "en")
    vietnamese = _all_texts(qtbot, settings, catalog, "vi")
    assert sum(len(texts) for texts in vietnamese) > 150
    for source, shown in zip(english, vietnamese, strict=True):
        assert english_left(source, shown) == []


def test_about_reads_in_vietnamese(qtbot, window, in_vietnamese) -> None:
    about = AboutDialog(Catalog.load(), window.controller.devices)
    qtbot.addWidget(about)
    text = about.text.toPlainText()
    assert "Trang chủ" in text and "Báo lỗi" in text and "Thiết bị" in text
    for english in ("Homepage", "Report a problem", "Devices", "Model weights", "Third-party",
                    "Class meanings", "Logs", "Free software", "edition"):  # fmt: skip
        assert english not in text, english


def _mnemonics(window: QWidget) -> dict[str, list[str]]:
    """Alt+letter → what it reaches in the main window: the menus, the labelled fields, the
    buttons and switches (the folder panel's too, paused and not)."""
    reached: dict[str, list[str]] = {}

    def add(text: str) -> None:
        found = re.search(r"&([^&])", text.replace("&&", ""))
        if found:
            reached.setdefault(found.group(1).lower(), []).append(text)

    for action in window.menuBar().actions():
        add(action.text())
    for label in window.findChildren(QLabel):
        if label.buddy() is not None:
            add(label.text())
    for button in window.findChildren(QAbstractButton):
        add(button.text())
    return reached


@pytest.mark.parametrize("language", ["en", "vi"])
def test_each_alt_letter_reaches_one_thing_in_the_window(
    qtbot, settings, catalog, vietnamese, language: str
) -> None:
    application = QApplication.instance()
    assert install_language(application, language) == language
    try:
        window = open_window(qtbot, settings, catalog)
        panel = window.folder_panel
        shared = {letter: texts for letter, texts in _mnemonics(window).items() if len(texts) > 1}
        panel.set_running(True, paused=True)  # Pause becomes Resume
        shared |= {k: v for k, v in _mnemonics(window).items() if len(v) > 1}
        window.close()
    finally:
        install_language(application, "en")
    assert shared == {}


def test_the_window_writes_numbers_the_vietnamese_way(qtbot, window, in_vietnamese) -> None:
    from tests.gui.conftest import wait_for_result
    from tests.support.photos import CHINA

    vietnamese_window = open_window(qtbot, window.settings, window.catalog)
    vietnamese_window.open_paths([CHINA])
    wait_for_result(qtbot, vietnamese_window)
    assert "palace — 29,8%" in vietnamese_window.answer_panel.chart.as_text()
    vietnamese_window.details_toggle.setChecked(True)
    vietnamese_window.model_picker.select("b3")
    vietnamese_window.model_picker.activated.emit(vietnamese_window.model_picker.currentIndex())
    assert "12,2 triệu tham số" in vietnamese_window.model_details.text()
    assert "82,0 %" in vietnamese_window.model_details.text()
    vietnamese_window.close()


def _file_dialog_texts(language: str) -> list[tuple[str, str]]:
    """The texts of Qt's own file dialog (the one used where the desktop has none) and of
    its file list's headings, built in ``language``."""
    install_language(QApplication.instance(), language)
    dialog = QFileDialog(None, "", str(Path.home()))
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    found = list(texts(dialog))
    for view in dialog.findChildren(QTreeView):
        model = view.model()
        found += [("heading", str(model.headerData(c, Qt.Orientation.Horizontal)))
                  for c in range(model.columnCount())]  # fmt: skip
    dialog.deleteLater()
    return found


def test_qts_own_file_dialog_reads_in_vietnamese(qtbot, in_vietnamese) -> None:
    english = _file_dialog_texts("en")
    vietnamese = _file_dialog_texts("vi")
    assert len(vietnamese) > 12
    assert english_left(english, vietnamese) == []
    assert ("label", "&Tên tệp:") in vietnamese and ("heading", "Ngày sửa") in vietnamese


def test_the_file_dialog_words_given_to_translators_are_qts_own() -> None:
    """Qt looks a text up by its exact words: each one listed must be in Qt's libraries."""
    from PySide6.QtCore import QLibraryInfo

    from app.ui.qt_words import FILE_DIALOG

    libraries = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.LibrariesPath))
    qt = b"".join(
        (libraries / f"libQt6{name}.so.6").read_bytes() for name in ("Core", "Gui", "Widgets")
    )
    assert len(FILE_DIALOG) >= 50
    assert [text for text in FILE_DIALOG if text.encode() not in qt] == []
