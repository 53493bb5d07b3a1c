"""The dialogs the main window opens: Manage downloads, Compare, Teach, the classes it
knows, About. Compare and Teach stay open beside the window, one of each at a time."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

if TYPE_CHECKING:
    from app.ui.dialogs.compare import CompareDialog  # imported when first opened
    from app.ui.dialogs.teach import TeachDialog
    from app.ui.main_window import MainWindow


class WindowDialogs(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.compare_dialog: CompareDialog | None = None
        self.teach_dialog: TeachDialog | None = None

    def open_downloads(self) -> None:
        from app.ui.dialogs.downloads import DownloadsDialog

        w = self.window
        dialog = DownloadsDialog(w.catalog, w.store_provider, w.settings, w)
        dialog.cache_folder_changed.connect(self._on_cache_folder_changed)
        dialog.exec()
        w.refresh_models()

    def _on_cache_folder_changed(self) -> None:
        self.window.refresh_models()
        self.window.controller.cache_folder_changed()

    def open_compare(self) -> None:
        from app.ui.dialogs.compare import CompareDialog

        w, c = self.window, self.window.controller
        if self.compare_dialog is None:
            self.compare_dialog = CompareDialog(
                w.catalog, w.store_provider(), c.devices, c.photo, c.attach, w.settings, w
            )
            self.compare_dialog.finished.connect(self._on_compare_closed)
        self.compare_dialog.photo = c.photo
        self.compare_dialog.show()
        self.compare_dialog.raise_()

    def _on_compare_closed(self) -> None:
        if self.compare_dialog is not None:
            self.compare_dialog.deleteLater()
        self.compare_dialog = None

    def open_teach(self) -> TeachDialog:
        from app.ui.dialogs.teach import TeachDialog

        w = self.window
        if self.teach_dialog is None:
            self.teach_dialog = TeachDialog(w.catalog, w.store_provider(), w.controller.attach, w)
            self.teach_dialog.piles.thumbnail_wanted.connect(w.thumbnails.request)
            w.thumbnails.ready.connect(self.teach_dialog.set_thumbnail)
            self.teach_dialog.label_set_kept.connect(w.choose_model)
            self.teach_dialog.finished.connect(self._on_teach_closed)
        self.teach_dialog.show()
        self.teach_dialog.raise_()
        return self.teach_dialog

    def _on_teach_closed(self) -> None:
        if self.teach_dialog is not None:
            self.window.thumbnails.ready.disconnect(self.teach_dialog.set_thumbnail)
            self.teach_dialog.deleteLater()
        self.teach_dialog = None

    def open_classes(self) -> None:
        from app.ui.dialogs.classes import ClassesDialog

        ClassesDialog(self.window).exec()

    def open_about(self) -> None:
        from app.ui.dialogs.about import AboutDialog

        AboutDialog(self.window.catalog, self.window.controller.devices, self.window).exec()
