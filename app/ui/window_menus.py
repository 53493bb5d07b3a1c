"""The main window's menus and their actions: File, Models, View, Help."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QUrl
from PySide6.QtGui import QAction, QActionGroup, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QMenu

from app import BUG_TRACKER
from app.i18n import LANGUAGES, SYSTEM

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow

Shortcut = str | QKeySequence | QKeySequence.StandardKey | None


class WindowMenus(QObject):
    """Builds the actions (so tests and the toolbar-less window share them) and the menus."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        w, c, folder = window, window.controller, window.folder_actions
        standard = QKeySequence.StandardKey
        self.open_action = self._action(self.tr("&Open…"), w.open_dialog, standard.Open)
        self.open_folder_action = self._action(
            self.tr("Open &folder…"), w.open_folder_dialog, "Ctrl+Shift+O"
        )
        self.paste_action = self._action(self.tr("&Paste"), w.paste, standard.Paste)
        self.save_action = self._action(
            self.tr("&Save results…"), w.answer_files.save_results, standard.Save
        )
        self.copy_action = self._action(
            self.tr("&Copy results"), w.answer_files.copy_results, standard.Copy
        )
        self.save_image_action = self._action(
            self.tr("Save &image with heatmap…"), w.answer_files.save_heatmap_image, "Ctrl+Shift+S"
        )
        self.undo_sort_action = self._action(self.tr("&Undo sort"), folder.undo_sort)
        folder.journal_changed.connect(self.undo_sort_action.setEnabled)
        self.teach_action = self._action(
            self.tr("New &label set…"), w.dialogs.open_teach, "Ctrl+Shift+N"
        )
        self.quit_action = self._action(self.tr("&Quit"), w.close, standard.Quit)
        self.classify_action = self._action(self.tr("&Classify again"), c.classify_asked, "F5")
        self.cancel_action = self._action(self.tr("&Stop"), c.cancel, "Esc")
        self.downloads_action = self._action(
            self.tr("&Manage downloads…"), w.dialogs.open_downloads
        )
        self.import_action = self._action(self.tr("&Import weights file…"), w.import_weights)
        self.compare_action = self._action(
            self.tr("C&ompare models…"), w.dialogs.open_compare, "Ctrl+B"
        )
        self.about_action = self._action(self.tr("&About"), w.dialogs.open_about)
        self.classes_action = self._action(
            self.tr("&What can it recognise?"), w.dialogs.open_classes, standard.HelpContents
        )
        self.report_action = self._action(
            self.tr("&Report a problem…"), lambda: QDesktopServices.openUrl(QUrl(BUG_TRACKER))
        )
        self.details_action = QAction(self.tr("Show &details"), w)
        self.details_action.setCheckable(True)
        self.details_action.setShortcut(QKeySequence("Ctrl+D"))
        for action in (self.save_action, self.copy_action, self.save_image_action):
            action.setEnabled(False)
        self.undo_sort_action.setEnabled(False)
        self._build_export_menu()
        self._build_menus()

    def _action(self, text: str, slot: Callable[[], object], shortcut: Shortcut = None) -> QAction:
        action = QAction(text, self.window)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        self.window.addAction(action)
        return action

    def _build_export_menu(self) -> None:
        w, actions = self.window, self.window.folder_actions
        export_menu = QMenu(w)
        export_menu.addAction(self.tr("&Spreadsheet (CSV)…"), actions.ask_csv)
        export_menu.addAction(self.tr("&Results (JSON)…"), actions.ask_json)
        export_menu.addAction(
            self.tr("&Keywords for photo managers (XMP beside each photo)"), actions.write_keywords
        )
        export_menu.addAction(self.tr("S&ort into folders by label…"), actions.ask_sort)
        w.folder_panel.export_button.setMenu(export_menu)

    def _build_menus(self) -> None:
        w = self.window
        bar = w.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addActions([self.open_action, self.open_folder_action, self.paste_action])
        self.recent_menu = QMenu(self.tr("Open &Recent"), w)
        file_menu.addMenu(self.recent_menu)
        file_menu.addSeparator()
        file_menu.addActions(
            [self.save_action, self.save_image_action, self.copy_action, self.undo_sort_action]
        )
        file_menu.addSeparator()
        file_menu.addAction(self.teach_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        models_menu = bar.addMenu(self.tr("&Models"))
        models_menu.addActions([self.classify_action, self.cancel_action])
        models_menu.addSeparator()
        models_menu.addActions([self.compare_action, self.import_action, self.downloads_action])
        view_menu = bar.addMenu(self.tr("&View"))
        view_menu.addAction(self.details_action)
        self.language_menu = view_menu.addMenu(self.tr("&Language"))
        self._build_language_menu()
        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addActions([self.classes_action, self.report_action])
        help_menu.addSeparator()
        help_menu.addAction(self.about_action)
        self.refresh_recent()

    def refresh_recent(self) -> None:
        settings, menu = self.window.settings, self.recent_menu
        menu.clear()
        for index, path in enumerate(settings.recent_files, start=1):
            action = menu.addAction(f"&{index % 10} {Path(path).name}")
            action.setToolTip(path)
            action.triggered.connect(
                lambda _checked=False, p=path: self.window.open_paths([Path(p)])
            )
        menu.setEnabled(bool(settings.recent_files))
        if settings.recent_files:
            menu.addSeparator()
            clear = menu.addAction(self.tr("Clear list"))
            clear.triggered.connect(self._clear_recent)

    def _clear_recent(self) -> None:
        self.window.settings.clear_recent_files()
        self.refresh_recent()

    def _build_language_menu(self) -> None:
        """System, English, Tiếng Việt: remembered, and applied at the next start."""
        w = self.window
        group = QActionGroup(w)
        choices = [(SYSTEM, self.tr("&System language")), *LANGUAGES.items()]
        for code, name in choices:
            action = self.language_menu.addAction(name)
            action.setCheckable(True)
            action.setChecked(code == w.settings.language)
            action.setData(code)
            group.addAction(action)
            action.triggered.connect(lambda _checked=False, c=code: w.choose_language(c))
