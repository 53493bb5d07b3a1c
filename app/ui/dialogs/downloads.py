"""Models ▸ Manage downloads: each model's weights, download/remove/import, the cache folder."""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QThreadPool, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.cancel import CancelToken
from app.core.inference.onnx_cache import OnnxCache
from app.core.models.catalog import Catalog, ModelSpec
from app.core.weights.download import DownloadProgress
from app.core.weights.store import WeightsStatus, WeightsStore
from app.i18n import fill, number
from app.ui.settings import Settings
from app.ui.widgets.mirror_setting import MirrorSetting
from app.ui.widgets.opening_size import open_at
from app.workers.tasks import BackgroundTask

MB = 1024 * 1024


def disk_used(folder: Path) -> int:
    """Bytes of every file under ``folder`` (weights, exported models, partial downloads)."""
    total = 0
    for path in folder.rglob("*"):
        try:
            if path.is_file() and not path.is_symlink():
                total += path.stat().st_size
        except OSError:
            continue
    return total


COLUMNS = (
    QT_TRANSLATE_NOOP("DownloadsDialog", "Model"),
    QT_TRANSLATE_NOOP("DownloadsDialog", "Size"),
    QT_TRANSLATE_NOOP("DownloadsDialog", "State"),
    QT_TRANSLATE_NOOP("DownloadsDialog", "Fast CPU copy"),
)
STATE_COLUMN = 2
COLUMN_TIPS = {
    3: QT_TRANSLATE_NOOP(
        "DownloadsDialog",
        "ONNX Runtime's and OpenVINO's copies of the model, made for this computer's "
        "processor the first time the model runs on the CPU.",
    ),
}


class DownloadsDialog(QDialog):
    cache_folder_changed = Signal()

    def __init__(
        self,
        catalog: Catalog,
        store_provider: Callable[[], WeightsStore],
        settings: Settings,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Manage downloads"))
        self.catalog = catalog
        self.store_provider = store_provider
        self.settings = settings
        self.pool = QThreadPool(self)
        self.tasks: dict[str, BackgroundTask] = {}
        self.errors: dict[str, str] = {}  # the last failure of each model, shown in its row
        self.specs = catalog.models()

        self.table = QTableWidget(len(self.specs), len(COLUMNS), self)
        self.table.setHorizontalHeaderLabels([self.tr(str(c)) for c in COLUMNS])
        for column, tip in COLUMN_TIPS.items():
            heading = self.table.horizontalHeaderItem(column)
            assert heading is not None  # set just above
            heading.setToolTip(self.tr(str(tip)))
        self.table.setAccessibleName(self.tr("Model weights"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setSectionResizeMode(
            STATE_COLUMN, QHeaderView.ResizeMode.Stretch
        )
        self.download_button = QPushButton(self.tr("&Download"), self)
        self.remove_button = QPushButton(self.tr("&Remove"), self)
        self.import_button = QPushButton(self.tr("&Import file…"), self)
        self.error_label = QLabel(self)  # the selected model's last failure, whole
        self.error_label.setObjectName("downloadError")
        self.error_label.setWordWrap(True)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.source_label = QLabel(self)  # the selected model's file and address, to fetch
        self.source_label.setObjectName("weightsSource")  # elsewhere and import
        self.source_label.setWordWrap(True)
        self.source_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.copy_button = QPushButton(self.tr("Copy &address"), self)
        self.copy_button.clicked.connect(self.copy_address)
        self.total_label = QLabel(self)
        self.total_label.setObjectName("diskUsed")
        self.folder_label = QLabel(self)
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.folder_label.setWordWrap(True)
        open_folder = QPushButton(self.tr("&Open folder"), self)
        change_folder = QPushButton(self.tr("C&hange…"), self)
        buttons = QHBoxLayout()
        for button in (self.download_button, self.remove_button, self.import_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.total_label)
        folder_row = QHBoxLayout()
        folder_row.addWidget(QLabel(self.tr("Cache folder:"), self))
        folder_row.addWidget(self.folder_label, 1)
        folder_row.addWidget(open_folder)
        folder_row.addWidget(change_folder)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.error_label)
        source_row = QHBoxLayout()
        source_row.addWidget(self.source_label, 1)
        source_row.addWidget(self.copy_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(source_row)
        layout.addLayout(buttons)
        layout.addLayout(folder_row)
        self.mirror = MirrorSetting(settings, self)
        layout.addWidget(self.mirror)
        layout.addWidget(close)

        self.download_button.clicked.connect(self.toggle_download)
        self.remove_button.clicked.connect(self.remove_selected)
        self.import_button.clicked.connect(self.import_selected)
        open_folder.clicked.connect(self.open_cache_folder)
        change_folder.clicked.connect(self.change_cache_folder)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemSelectionChanged.connect(self._show_error)
        self.table.itemSelectionChanged.connect(self._show_source)
        self.refresh()
        self.table.selectRow(0)
        open_at(self, 52, 34)

    @property
    def store(self) -> WeightsStore:
        return self.store_provider()

    @property
    def onnx(self) -> OnnxCache:
        """Exported files live beside the weights and go when they go."""
        return OnnxCache(self.store.cache_dir)

    def selected_spec(self) -> ModelSpec | None:
        rows = self.table.selectionModel().selectedRows()
        return self.specs[rows[0].row()] if rows else None

    def refresh(self) -> None:
        store, onnx = self.store, self.onnx
        self.folder_label.setText(str(store.cache_dir))
        for row, spec in enumerate(self.specs):
            status = store.status(spec)
            size = status.size_bytes
            made = onnx.disk_bytes(spec)
            onnx_text = f"{number(made / MB, '.1f')} MB" if made else "—"
            cells = (spec.name, f"{number(size / MB, '.1f')} MB" if size else "?",
                     self._state_text(spec, status), onnx_text)  # fmt: skip
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(self.errors.get(spec.id, text) if column == STATE_COLUMN else text)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        self.total_label.setText(
            fill(self.tr("{mb:.0f} MB used on disk"), mb=disk_used(store.cache_dir) / MB)
        )
        self._update_buttons()
        self._show_error()
        self._show_source()

    def _show_error(self) -> None:
        spec = self.selected_spec()
        error = self.errors.get(spec.id) if spec is not None else None
        self.error_label.setText(
            f"<b>{escape(spec.name)}</b>: {escape(error)}" if spec and error else ""
        )
        self.error_label.setVisible(bool(error))

    def _show_source(self) -> None:
        spec = self.selected_spec()
        shown = spec is not None and not spec.weights.is_packaged
        if spec is not None and shown:
            self.source_label.setText(
                self.tr("The file: {file}<br>Its address: {url}").format(
                    file=f"<b>{escape(spec.weights.file_name)}</b>", url=escape(spec.weights.url)
                )
            )
        self.source_label.setVisible(shown)
        self.copy_button.setVisible(shown)

    def copy_address(self) -> None:
        """For fetching the file on a computer with internet, then importing it here."""
        spec = self.selected_spec()
        if spec is not None:
            QGuiApplication.clipboard().setText(spec.weights.url)

    def _state_text(self, spec: ModelSpec, status: WeightsStatus) -> str:
        if spec.id in self.tasks:
            return self.tr("working…")
        if spec.id in self.errors:
            return self.tr("failed (see below)")
        texts = {
            "missing": self.tr("not downloaded"),
            "partial": fill(self.tr("paused at {mb:.1f} MB"), mb=status.partial_bytes / MB),
            "cached": self.tr("downloaded"),
            "verified": self.tr("downloaded, verified"),
            "unverified": self.tr("not verified (imported or mirrored)"),
            "bundled": self.tr("included with the app"),
        }
        return texts[status.state.value]

    def _update_buttons(self) -> None:
        spec = self.selected_spec()
        packaged = spec is None or spec.weights.is_packaged
        status = None if spec is None else self.store.status(spec)
        running = spec is not None and spec.id in self.tasks
        self.download_button.setText(
            self.tr("&Cancel download") if running else self.tr("&Download")
        )
        self.download_button.setEnabled(not packaged and (running or not (status and status.ready)))
        self.remove_button.setEnabled(
            not packaged and not running and status is not None and status.state.value != "missing"
        )
        self.import_button.setEnabled(not packaged and not running)

    def toggle_download(self) -> None:
        spec = self.selected_spec()
        if spec is None:
            return
        if spec.id in self.tasks:
            self.tasks[spec.id].token.cancel()
            return
        store = self.store

        def fetch(token: CancelToken, report: Callable[[object], None]) -> Path:
            return store.ensure(spec, progress=report, token=token)

        self._start(spec, BackgroundTask(fetch))

    def _start(self, spec: ModelSpec, task: BackgroundTask) -> None:
        self.errors.pop(spec.id, None)
        self.tasks[spec.id] = task
        row = self.specs.index(spec)
        task.on(
            progressed=lambda progress: self._show_progress(row, progress),
            failed=lambda message: self.errors.__setitem__(spec.id, message),
            finished=lambda: self._on_finished(spec),
        )
        task.start(self.pool)
        self.refresh()

    def _show_progress(self, row: int, progress: DownloadProgress) -> None:
        total = f" / {number(progress.total / MB, '.1f')}" if progress.total else ""
        done, rate = number(progress.done / MB, ".1f"), number(progress.rate / MB, ".1f")
        self._set_state(row, f"{done}{total} MB ({rate} MB/s)")

    def _set_state(self, row: int, text: str) -> None:
        self.table.setItem(row, STATE_COLUMN, QTableWidgetItem(text))

    def _on_finished(self, spec: ModelSpec) -> None:
        self.tasks.pop(spec.id, None)
        self.refresh()

    def remove_selected(self) -> None:
        """On the pool: removing waits (up to seconds) for a download or check of the same
        file in another process; why it could not be removed shows in the model's row."""
        spec = self.selected_spec()
        if spec is None:
            return
        onnx, store = self.onnx, self.store

        def remove(_token: CancelToken, _report: object) -> bool:
            return onnx.remove(spec) | store.remove(spec)

        self._start(spec, BackgroundTask(remove))

    def import_selected(self) -> None:
        spec = self.selected_spec()
        if spec is None:
            return
        file, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import weights for {name}").format(name=spec.name),
            self.settings.last_folder, self.tr("PyTorch weights (*.pth *.pt);;All files (*)"),
        )  # fmt: skip
        if file:
            self.import_file(spec, Path(file))

    def import_file(self, spec: ModelSpec, path: Path) -> None:
        store = self.store
        self._start(
            spec, BackgroundTask(lambda token, _report: store.import_file(spec, path, token))
        )

    def open_cache_folder(self) -> None:
        """In the file manager; where none is registered, the path to copy instead."""
        folder = self.store.cache_dir
        folder.mkdir(parents=True, exist_ok=True)
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
            self.show_path(folder)

    def show_path(self, folder: Path) -> None:
        box = QMessageBox(self)
        box.setObjectName("folderPathBox")
        box.setWindowTitle(self.tr("Cache folder"))
        box.setText(self.tr("No file manager could open the folder. It is here:"))
        box.setInformativeText(str(folder))
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        copy = box.addButton(self.tr("&Copy path"), QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Close)
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(str(folder)))
        box.open()

    def change_cache_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Cache folder"), str(self.store.cache_dir)
        )
        if folder:
            self.set_cache_folder(folder)

    def set_cache_folder(self, folder: str) -> None:
        self.settings.cache_folder = folder
        self.cache_folder_changed.emit()
        self.refresh()

    def done(self, result: int) -> None:
        for task in self.tasks.values():
            task.token.cancel()
        self.pool.waitForDone(2000)
        super().done(result)
