"""The main window: composition, menus and actions. Decisions live in the controller."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, Qt, QUrl
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDesktopServices,
    QGuiApplication,
    QIcon,
    QImage,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QPushButton,
    QSlider,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app import APP_NAME, BUG_TRACKER
from app.core.answers import plain_answer
from app.core.catalog import Catalog
from app.core.class_info import describe
from app.core.classifier import Prediction
from app.core.devices import DeviceInfo
from app.core.errors import os_reason
from app.core.explain import photo_with_heatmap, write_png
from app.core.files import write_replacing
from app.core.folders import RunSummary, photos_in
from app.core.images import IMAGE_SUFFIXES, open_image
from app.core.job_types import JobError, PhotoSource, Selection
from app.core.results import duration_text, prediction_json, prediction_text, timings_text
from app.core.runners import ENGINE_NAMES, ONNX
from app.core.weights import WeightsState, unverified_notice
from app.i18n import LANGUAGES, SYSTEM
from app.ui.controller import Controller
from app.ui.folder_actions import FolderActions
from app.ui.folder_run import RunState, RunStatus
from app.ui.heatmaps import HeatmapPainter
from app.ui.settings import Settings
from app.ui.thumbnails import ThumbnailCache
from app.ui.widgets.folder_panel import THUMBNAIL_SIDE, FolderPanel
from app.ui.widgets.image_view import ImageView
from app.ui.widgets.pickers import (
    DevicePicker,
    EnginePicker,
    ModelPicker,
    PrecisionPicker,
    model_details,
)
from app.ui.widgets.results_chart import ResultsChart
from app.ui.widgets.status_panel import StatusPanel
from app.workers.tasks import BackgroundTask

if TYPE_CHECKING:
    from app.ui.dialogs.compare import CompareDialog  # imported when first opened


class MainWindow(QMainWindow):
    def __init__(
        self,
        controller: Controller,
        catalog: Catalog,
        store_provider,  # () -> WeightsStore, the current cache
        settings: Settings,
        icon: QIcon | None = None,
    ) -> None:
        super().__init__()
        self.controller = controller
        self.catalog = catalog
        self.store_provider = store_provider
        self.settings = settings
        self.last_prediction: Prediction | None = None
        self.last_photo: PhotoSource | None = None
        self.compare_dialog: CompareDialog | None = None
        if icon is not None:
            self.setWindowIcon(icon)
        self._build_widgets()
        self._build_actions()
        self._build_menus()
        self._connect()
        self._refresh_models()
        self.update_title()
        self.explain_toggle.setChecked(self.settings.show_heatmap)
        self._on_explain_toggled(self.explain_toggle.isChecked())
        self.details_toggle.setChecked(self.settings.show_details)
        self._on_details_toggled(self.details_toggle.isChecked())
        if not self.restoreGeometry(settings.geometry):
            em = self.fontMetrics().height()
            self.resize(em * 72, em * 40)

    # Construction

    def _build_widgets(self) -> None:
        self.image_view = ImageView(self)
        self.folder_panel = FolderPanel(self)
        self.folder_panel.hide()  # shown when several photos or a folder are opened
        self.thumbnails = ThumbnailCache(self.controller.run_task, THUMBNAIL_SIDE, parent=self)
        self.opened_paths: list[Path] = []  # what was opened, to look again with subfolders
        self._listing: object | None = None  # the folder walk whose photos are awaited
        self.batch_started = 0.0
        self.model_picker = ModelPicker(self)
        self.model_details = QLabel(self)
        self.model_details.setObjectName("modelDetails")
        self.model_details.setWordWrap(True)
        self.device_picker = DevicePicker(self)
        self.precision_picker = PrecisionPicker(self)
        self.engine_picker = EnginePicker(self)
        self.engine_picker.select(self.controller.selection.engine)
        self.classify_button = QPushButton(self.tr("Classify"), self)
        self.classify_button.setObjectName("classifyButton")
        self.classify_button.setToolTip(self.tr("Classify the photo again (F5)"))
        self.details_toggle = QCheckBox(self.tr("Show &details"), self)
        self.details_toggle.setObjectName("detailsToggle")
        self.details_toggle.setToolTip(
            self.tr("Input size, parameters, accuracy, precision, engine and timings")
        )
        self.answer = QLabel(self)
        self.answer.setObjectName("answerSentence")
        self.answer.setWordWrap(True)
        self.answer.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        answer_font = self.answer.font()
        answer_font.setPointSizeF(answer_font.pointSizeF() * 1.3)
        self.answer.setFont(answer_font)
        self.previous_note = QLabel(self)  # above an answer kept after a failed switch
        self.previous_note.setObjectName("previousNote")
        self.previous_note.setWordWrap(True)
        self.previous_note.hide()
        self.chart = ResultsChart(self)
        self.meaning = QLabel(self)
        self.meaning.setObjectName("classMeaning")
        self.meaning.setWordWrap(True)
        self.meaning.setTextFormat(Qt.TextFormat.RichText)
        self.result_summary = QLabel(self)
        self.result_summary.setObjectName("resultSummary")
        self.result_summary.setWordWrap(True)
        self.result_summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status = StatusPanel(self)
        self.explain_toggle = QCheckBox(self.tr("&Where did it look?"), self)
        self.explain_toggle.setObjectName("explainToggle")
        self.explain_toggle.setToolTip(
            self.tr("Colour the places of the photo that led to the chosen answer")
        )
        self.opacity_slider = QSlider(Qt.Orientation.Horizontal, self)
        self.opacity_slider.setObjectName("heatmapOpacity")
        self.opacity_slider.setRange(0, 100)
        self.opacity_slider.setValue(self.settings.heatmap_opacity)
        self.opacity_slider.setAccessibleName(self.tr("Heatmap opacity"))
        self.opacity_slider.setToolTip(self.tr("How strongly the heatmap covers the photo"))
        self.explain_note = QLabel(self)
        self.explain_note.setObjectName("explainNote")
        self.explain_note.setWordWrap(True)
        self.heatmaps = HeatmapPainter(self.controller.run_task, self)
        self.heatmap_row: int | None = None  # the chart row whose heatmap is shown

        choices = QFormLayout()
        choices.addRow(self.tr("&Model:"), self.model_picker)
        choices.addRow("", self.model_details)
        choices.addRow(self.tr("&Device:"), self.device_picker)
        choices.addRow(self.tr("&Precision:"), self.precision_picker)
        choices.addRow(self.tr("&Engine:"), self.engine_picker)
        for row, field in (
            (0, self.model_picker),
            (2, self.device_picker),
            (3, self.precision_picker),
            (4, self.engine_picker),
        ):
            item = choices.itemAt(row, QFormLayout.ItemRole.LabelRole)
            label = item.widget() if item is not None else None
            if isinstance(label, QLabel):
                label.setBuddy(field)
        buttons = QHBoxLayout()
        buttons.addWidget(self.classify_button, 1)
        buttons.addWidget(self.details_toggle)
        choices.addRow("", buttons)
        self.choices = choices
        results = QGroupBox(self.tr("Answer"), self)
        results_layout = QVBoxLayout(results)
        results_layout.addWidget(self.previous_note)
        results_layout.addWidget(self.answer)
        results_layout.addWidget(self.chart, 1)  # grows into spare height, up to its maximum
        results_layout.addWidget(self.meaning)
        explain_row = QHBoxLayout()
        explain_row.addWidget(self.explain_toggle)
        explain_row.addStretch(1)
        opacity_label = QLabel(self.tr("&Opacity:"), self)
        opacity_label.setBuddy(self.opacity_slider)
        explain_row.addWidget(opacity_label)
        explain_row.addWidget(self.opacity_slider)
        self.opacity_label = opacity_label
        results_layout.addLayout(explain_row)
        results_layout.addWidget(self.explain_note)
        results_layout.addSpacing(self.fontMetrics().height() // 2)
        results_layout.addWidget(self.result_summary)
        results_layout.addStretch(1)
        side = QWidget(self)
        side_layout = QVBoxLayout(side)
        side_layout.addLayout(choices)
        side_layout.addWidget(results, 1)
        side_layout.addWidget(self.status)
        photo_side = QWidget(self)
        photo_layout = QVBoxLayout(photo_side)
        photo_layout.setContentsMargins(0, 0, 0, 0)
        photo_layout.addWidget(self.image_view, 3)
        photo_layout.addWidget(self.folder_panel, 2)
        splitter = QSplitter(self)
        splitter.addWidget(photo_side)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        central = QWidget(self)
        layout = QHBoxLayout(central)
        layout.addWidget(splitter)
        self.setCentralWidget(central)
        self.setTabOrder(self.model_picker, self.device_picker)
        self.setTabOrder(self.device_picker, self.precision_picker)
        self.setTabOrder(self.precision_picker, self.engine_picker)
        self.setTabOrder(self.engine_picker, self.classify_button)
        self.setTabOrder(self.classify_button, self.details_toggle)
        self.setTabOrder(self.details_toggle, self.chart)
        self.setTabOrder(self.chart, self.explain_toggle)
        self.setTabOrder(self.explain_toggle, self.opacity_slider)

    def _action(
        self,
        text: str,
        slot: Callable[[], object],
        shortcut: str | QKeySequence | QKeySequence.StandardKey | None = None,
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.folder_actions = FolderActions(
            self.folder_panel.model, self.status, self.controller.run_task, self
        )
        self.open_action = self._action(
            self.tr("&Open…"), self.open_dialog, QKeySequence.StandardKey.Open
        )
        self.open_folder_action = self._action(
            self.tr("Open &folder…"), self.open_folder_dialog, "Ctrl+Shift+O"
        )
        self.paste_action = self._action(
            self.tr("&Paste"), self.paste, QKeySequence.StandardKey.Paste
        )
        self.save_action = self._action(
            self.tr("&Save results…"), self.save_results, QKeySequence.StandardKey.Save
        )
        self.copy_action = self._action(
            self.tr("&Copy results"), self.copy_results, QKeySequence.StandardKey.Copy
        )
        self.save_image_action = self._action(
            self.tr("Save &image with heatmap…"), self.save_heatmap_image, "Ctrl+Shift+S"
        )
        self.save_image_action.setEnabled(False)
        self.undo_sort_action = self._action(self.tr("&Undo sort"), self.folder_actions.undo_sort)
        self.undo_sort_action.setEnabled(False)
        actions = self.folder_actions
        actions.journal_changed.connect(self.undo_sort_action.setEnabled)
        actions.photos_moved.connect(self.folder_panel.model.move_photos)
        actions.photos_moved.connect(self.controller.photos_moved)
        export_menu = QMenu(self)
        export_menu.addAction(self.tr("&Spreadsheet (CSV)…"), actions.ask_csv)
        export_menu.addAction(self.tr("&Results (JSON)…"), actions.ask_json)
        export_menu.addAction(
            self.tr("&Keywords for photo managers (XMP beside each photo)"),
            actions.write_keywords,
        )
        export_menu.addAction(self.tr("S&ort into folders by label…"), actions.ask_sort)
        self.folder_panel.export_button.setMenu(export_menu)
        self.quit_action = self._action(self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit)
        self.classify_action = self._action(
            self.tr("&Classify again"), self.controller.classify, "F5"
        )
        self.cancel_action = self._action(self.tr("&Stop"), self.controller.cancel, "Esc")
        self.downloads_action = self._action(self.tr("&Manage downloads…"), self.open_downloads)
        self.import_action = self._action(self.tr("&Import weights file…"), self.import_weights)
        self.compare_action = self._action(self.tr("C&ompare models…"), self.open_compare, "Ctrl+B")
        self.about_action = self._action(self.tr("&About"), self.open_about)
        self.classes_action = self._action(
            self.tr("&What can it recognise?"),
            self.open_classes,
            QKeySequence.StandardKey.HelpContents,
        )
        self.report_action = self._action(
            self.tr("&Report a problem…"),
            lambda: QDesktopServices.openUrl(QUrl(BUG_TRACKER)),
        )
        self.save_action.setEnabled(False)
        self.copy_action.setEnabled(False)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        file_menu.addAction(self.open_action)
        file_menu.addAction(self.open_folder_action)
        file_menu.addAction(self.paste_action)
        self.recent_menu = QMenu(self.tr("Open &Recent"), self)
        file_menu.addMenu(self.recent_menu)
        file_menu.addSeparator()
        file_menu.addAction(self.save_action)
        file_menu.addAction(self.save_image_action)
        file_menu.addAction(self.copy_action)
        file_menu.addAction(self.undo_sort_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        models_menu = self.menuBar().addMenu(self.tr("&Models"))
        models_menu.addAction(self.classify_action)
        models_menu.addAction(self.cancel_action)
        models_menu.addSeparator()
        models_menu.addAction(self.compare_action)
        models_menu.addAction(self.import_action)
        models_menu.addAction(self.downloads_action)
        view_menu = self.menuBar().addMenu(self.tr("&View"))
        view_menu.addAction(self.details_toggle_action())
        self.language_menu = view_menu.addMenu(self.tr("&Language"))
        self._build_language_menu()
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        help_menu.addAction(self.classes_action)
        help_menu.addAction(self.report_action)
        help_menu.addSeparator()
        help_menu.addAction(self.about_action)
        self._refresh_recent()

    def _connect(self) -> None:
        c = self.controller
        self.image_view.files_dropped.connect(self.open_paths)
        self.image_view.url_dropped.connect(c.open_url)
        self.image_view.image_dropped.connect(
            lambda image: c.open_image_data(image, self.tr("Dropped image"))
        )
        panel = self.folder_panel
        panel.photo_selected.connect(self._on_folder_photo_selected)
        panel.pause_requested.connect(self.controller.pause)
        panel.resume_requested.connect(self.controller.resume)
        panel.cancel_requested.connect(self.controller.cancel_folder)
        panel.subfolders_changed.connect(lambda _on: self.open_paths(self.opened_paths))
        panel.model.thumbnail_wanted.connect(self.thumbnails.request)
        self.thumbnails.ready.connect(panel.model.set_thumbnail)
        self.model_picker.model_chosen.connect(self._on_selection_changed)
        self.device_picker.device_chosen.connect(self._on_device_chosen)
        self.precision_picker.precision_chosen.connect(self._on_selection_changed)
        self.engine_picker.engine_chosen.connect(self._on_selection_changed)
        self.classify_button.clicked.connect(c.classify)
        self.status.cancel_requested.connect(c.cancel)
        self.status.action_requested.connect(self._on_status_action)
        self.explain_toggle.toggled.connect(self._on_explain_toggled)
        self.opacity_slider.valueChanged.connect(self._on_opacity_changed)
        self.chart.row_chosen.connect(self._on_row_chosen)
        self.details_toggle.toggled.connect(self._on_details_toggled)
        self.heatmaps.ready.connect(self._on_heatmap_ready)
        c.engine_ready.connect(self._on_engine_ready)
        c.devices_changed.connect(self._on_devices_changed)
        c.photo_changed.connect(self._on_photo_changed)
        c.preview_ready.connect(self.image_view.set_image)
        c.busy.connect(self.status.show_busy)
        c.download_progressed.connect(self.status.show_download)
        c.result_ready.connect(self._on_result)
        c.failed.connect(self._on_failed)
        c.paused.connect(self.status.show_idle)
        c.noticed.connect(self.status.show_idle)
        c.batch_items.connect(self._on_batch_items)
        c.folder.started.connect(self._on_folder_run_started)
        c.folder.changed.connect(self._on_folder_run_changed)

    # Opening photos

    def open_dialog(self) -> None:
        patterns = " ".join(f"*{suffix}" for suffix in IMAGE_SUFFIXES)
        files, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Open photos"),
            self.settings.last_folder,
            self.tr("Images ({patterns});;All files (*)").format(patterns=patterns),
        )
        if files:
            self.open_paths([Path(f) for f in files])

    def open_folder_dialog(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Open a folder of photos"), self.settings.last_folder
        )
        if folder:
            self.open_paths([Path(folder)])

    def open_paths(self, paths: list[Path]) -> None:
        """One or more files or folders. Several photos (or a folder) go to the folder
        table, answered as they come (stored answers at once); one alone goes at once."""
        self.opened_paths = list(paths)
        recursive = self.folder_panel.subfolders.isChecked()
        if not any(path.is_dir() for path in paths):  # files as given: nothing to walk
            self._listing = None
            self._open_found(paths, photos_in(paths, recursive))
            return
        # A folder tree may be large or slow (a network share): it is walked on the pool.
        listing = self._listing = object()  # a later open makes this listing stale
        self.status.show_idle(self.tr("Looking for photos in {name}…").format(name=paths[0].name))

        def found(photos: list[Path]) -> None:
            if self._listing is listing:
                self._open_found(paths, photos)

        self.controller.run_task(
            BackgroundTask(lambda _token, _report: photos_in(paths, recursive)).on(
                succeeded=found,
                failed=lambda message: self.status.show_error("image", message),
            )
        )

    def _open_found(self, paths: list[Path], expanded: list[Path]) -> None:
        if not expanded:
            self.status.show_error("image", self.tr("no images found there"))
            return
        self._remember_folder(expanded[0])
        if len(expanded) == 1 and not any(path.is_dir() for path in paths):
            self.folder_panel.hide()
            self.controller.close_folder()
            self.controller.set_photo(PhotoSource(expanded[0].name, path=expanded[0]))
            return
        self.folder_panel.set_photos(expanded)
        self.folder_panel.show()
        self.controller.classify_photos(expanded, keep_current=False)
        self.folder_panel.select_photo(expanded[0])

    def _remember_folder(self, path: Path) -> None:
        self.settings.last_folder = str(path.parent)
        self.settings.add_recent_file(str(path))
        self._refresh_recent()

    def paste(self) -> None:
        mime = QGuiApplication.clipboard().mimeData()
        if mime is None:
            return
        if mime.hasImage():
            self.folder_panel.hide()
            self.controller.close_folder()
            self.controller.open_image_data(mime.imageData(), self.tr("Pasted image"))
            return
        paths = _paths_from(mime)
        if paths:
            self.open_paths(paths)
        else:
            self.status.show_error("image", self.tr("the clipboard holds no image or image file"))

    def _on_folder_photo_selected(self, path: Path) -> None:
        """A photo of the table: its answer at once if there is one, else classify it."""
        photo = PhotoSource(path.name, path=path)
        if self.controller.photo is not None and self.controller.photo.path == path:
            return
        stored = self.folder_panel.model.outcomes.get(path)
        if isinstance(stored, Prediction):
            self.controller.show_photo(photo)
            self._on_result(photo, stored)
        elif isinstance(stored, JobError):
            self.controller.show_photo(photo)
            self._on_failed(stored.kind, stored.message)
        elif self.controller.batch_running:
            self.controller.show_photo(photo)  # its answer is on the way
        else:
            self.controller.set_photo(photo)

    def _on_batch_items(self, items: list[tuple[Path, Prediction | JobError]]) -> None:
        panel = self.folder_panel
        panel.show_outcomes(items)
        done, total = len(panel.model.outcomes), len(panel.model.photos)
        elapsed = max(time.monotonic() - self.batch_started, 1e-3)
        rate = done / elapsed
        panel.show_progress(done, total, rate, (total - done) / rate if rate else 0.0)

    def _on_folder_run_started(self) -> None:
        """A new run: the table's answers belong to the previous one (another model)."""
        self.folder_panel.model.forget_outcomes()

    def _on_folder_run_changed(self, status: RunStatus) -> None:
        """The panel, its buttons and the status line follow the run's one state."""
        panel = self.folder_panel
        panel.set_running(status.state is RunState.RUNNING, paused=status.state is RunState.PAUSED)
        if status.state is RunState.RUNNING:
            self.batch_started = time.monotonic()
        elif status.state is RunState.DONE and status.summary is not None:
            self._say_done(status.summary)
        elif status.state is RunState.PAUSED:
            self.status.show_idle(self.tr("Paused. The answers so far are kept; Resume goes on."))
        elif status.state is RunState.CANCELLED:
            done, total = len(panel.model.outcomes), len(panel.model.photos)
            said = self.tr("Stopped at {done} of {total} photos.").format(done=done, total=total)
            panel.progress.setText(said)
            self.status.show_idle(said)
        elif status.state is RunState.FAILED:
            panel.show_note(self.tr("Could not start: {reason}").format(reason=status.failure))

    def _say_done(self, summary: RunSummary) -> None:
        count = len(self.folder_panel.model.photos)
        self.folder_panel.show_progress(count, count, summary.images_per_s, 0.0)
        parts = []  # only what happened: no "0 could not be"
        if summary.classified:
            parts.append(
                self.tr("{classified} classified ({rate:.1f} photos/s)").format(
                    classified=summary.classified, rate=summary.images_per_s
                )
            )
        if summary.stored:
            parts.append(self.tr("{stored} answered by earlier runs").format(stored=summary.stored))
        if summary.failed:
            parts.append(self.tr("{failed} could not be classified").format(failed=summary.failed))
        self.status.show_idle(
            self.tr("{count} photos: {parts}.").format(count=count, parts=", ".join(parts))
        )

    def _refresh_recent(self) -> None:
        self.recent_menu.clear()
        for index, path in enumerate(self.settings.recent_files, start=1):
            action = self.recent_menu.addAction(f"&{index % 10} {Path(path).name}")
            action.setToolTip(path)
            action.triggered.connect(lambda _checked=False, p=path: self.open_paths([Path(p)]))
        self.recent_menu.setEnabled(bool(self.settings.recent_files))
        if self.settings.recent_files:
            self.recent_menu.addSeparator()
            clear = self.recent_menu.addAction(self.tr("Clear list"))
            clear.triggered.connect(self._clear_recent)

    def _clear_recent(self) -> None:
        self.settings.clear_recent_files()
        self._refresh_recent()

    # Selection

    def _refresh_models(self) -> None:
        store = self.store_provider()
        entries = [(spec, store.status(spec)) for spec in self.catalog]
        self.model_picker.set_models(entries, self.controller.selection.model_id)
        self._show_model_details()

    def _show_model_details(self) -> None:
        model_id = self.model_picker.current_id()
        if model_id is None:
            return
        spec = self.catalog.get(model_id)
        self.model_details.setText(model_details(spec, self.store_provider().status(spec)))

    def _on_device_chosen(self, device_id: str) -> None:
        self._refresh_precisions(device_id)
        self._on_selection_changed()

    def _refresh_precisions(self, device_id: str) -> None:
        device = self._device(device_id)
        precisions = device.precisions if device else ("fp32",)
        self.precision_picker.set_choices(precisions, self.settings.precision)

    def _device(self, device_id: str) -> DeviceInfo | None:
        if device_id == "auto":
            usable = [d for d in self.controller.devices if d.available]
            gpus = [d for d in usable if d.is_gpu]
            candidates = gpus or usable
            return candidates[0] if candidates else None
        return self.device_picker.device(device_id)

    def _on_selection_changed(self, *_args: object) -> None:
        selection = Selection(
            self.model_picker.current_id() or self.controller.selection.model_id,
            self.device_picker.current_id(),
            self.precision_picker.current(),
            self.engine_picker.current(),
        )
        self.settings.model, self.settings.device = selection.model_id, selection.device
        self.settings.precision, self.settings.engine = selection.precision, selection.engine
        self._show_model_details()
        changed = selection != self.controller.selection
        if changed and self.last_prediction is not None:
            # The answer stays until the new one comes, named as the previous model's.
            self._note_previous(
                self.tr("Working on it. Meanwhile this is still {model}’s answer.").format(
                    model=self.last_prediction.model_name
                )
            )
        self.controller.select(selection)

    def _on_engine_ready(self, devices: list[DeviceInfo]) -> None:
        self._on_devices_changed(devices)
        if self.status.state == "idle":
            self.status.show_idle(self.tr("Ready."))

    def _on_devices_changed(self, devices: list[DeviceInfo]) -> None:
        """The CPU comes first; GPUs join the list once torch has looked for them."""
        self.device_picker.set_devices(devices, self.controller.selection.device)
        self._refresh_precisions(self.device_picker.current_id())

    # Results

    def _on_photo_changed(self, photo: PhotoSource) -> None:
        self._clear_answer()
        self.image_view.set_image(None)
        self.image_view.set_hint(self.tr("Opening {name}…").format(name=photo.name))
        self.update_title(photo.name)

    def _on_result(self, photo: PhotoSource, prediction: Prediction) -> None:
        self.last_photo, self.last_prediction = photo, prediction
        self.previous_note.hide()
        self.answer.setText(plain_answer(prediction.top))
        self.chart.set_results(prediction.top)
        self._show_meaning(0)
        self._show_summary()
        self.status.show_idle("")
        self.save_action.setEnabled(True)
        self.copy_action.setEnabled(True)
        self._refresh_models()  # a download may have made weights ready
        self._clear_heatmap()
        if self.explain_toggle.isChecked():
            self._show_heatmap(0)

    def _on_failed(self, kind: str, message: str) -> None:
        needed = None
        if kind in ("download", "digest"):
            spec = self.catalog.get(self.controller.selection.model_id)
            needed = (spec.weights.file_name, spec.weights.url)
        self.status.show_error(kind, message, needed)
        shown = self.last_prediction
        if kind != "image" and shown is not None and self.chart.top:
            wanted = self.catalog.get(self.controller.selection.model_id).name
            self._note_previous(
                self.tr(
                    "{wanted} could not answer (see below). This is still {model}’s answer."
                ).format(wanted=wanted, model=shown.model_name)
            )
            return
        self._clear_answer()
        if kind == "image":
            self.image_view.set_hint(self.tr("This photo could not be opened"))

    def _clear_answer(self) -> None:
        self.last_prediction = None
        self.previous_note.hide()
        self.answer.clear()
        self.chart.clear()
        self.meaning.clear()
        self.result_summary.clear()
        self._clear_heatmap()

    def _note_previous(self, text: str) -> None:
        self.previous_note.setText(text)
        self.previous_note.show()

    def _on_row_chosen(self, row: int) -> None:
        self._show_meaning(row)
        self._show_heatmap(row)

    def _show_meaning(self, row: int) -> None:
        """What the chosen answer means, from WordNet (ImageNet's classes only)."""
        top = self.chart.top
        info = describe(top[row].index, top[row].label) if row < len(top) else None
        if info is None:
            self.meaning.clear()
            return
        self.meaning.setText(
            f"<b>{escape(info.label)}</b>: {escape(info.gloss)}<br>"
            f"<span style='color: palette(placeholder-text)'>{escape(info.lineage())}</span>"
        )

    def _show_summary(self) -> None:
        """Which model answered and how fast; with Details, every figure."""
        prediction = self.last_prediction
        if prediction is None:
            return
        if not self.details_toggle.isChecked():
            self.result_summary.setText(
                self.tr("{model} answered in {time}.").format(
                    model=prediction.model_name, time=duration_text(prediction.timings.total)
                )
            )
            return
        engine = (
            self.tr("ONNX Runtime, optimised for this CPU")
            if prediction.engine == ONNX
            else ENGINE_NAMES.get(prediction.engine, prediction.engine)
        )
        device = prediction.device.upper()  # as the device list names it: CPU, CUDA:0
        self.result_summary.setText(
            f"{prediction.model_name} · {device} · {prediction.precision.upper()} · {engine}\n"
            + timings_text(prediction)
        )

    def _on_details_toggled(self, on: bool) -> None:
        self.settings.show_details = on
        self.model_details.setVisible(on)
        for row in (1, 3, 4):  # figures, precision, engine
            self.choices.setRowVisible(row, on)
        self._show_summary()

    def _on_status_action(self, action: str) -> None:
        if action == "retry":
            self.controller.classify()
        elif action == "cpu":
            self.device_picker.select("cpu")
            self._on_device_chosen("cpu")
        elif action == "lite0":
            self.model_picker.select("lite0")
            self._on_selection_changed()
        elif action == "import":
            self.import_weights()
        elif action == "copy":
            spec = self.catalog.get(self.controller.selection.model_id)
            QGuiApplication.clipboard().setText(spec.weights.url)
            self.status.message.setText(
                self.status.message.text()
                + "<br>"
                + self.tr("Address copied: paste it into a browser on a computer with internet.")
            )

    # Where did it look?

    def _on_explain_toggled(self, on: bool) -> None:
        self.settings.show_heatmap = on
        for widget in (self.opacity_slider, self.opacity_label):
            widget.setEnabled(on)
        if on and self.last_prediction is not None and self.chart.top:
            self._show_heatmap(self.chart.selected_row)
        elif not on:
            self._clear_heatmap()
            self.explain_note.setText(
                self.tr("Tick to see which parts of the photo led to an answer.")
            )

    def _show_heatmap(self, row: int) -> None:
        """Draw (off the GUI thread) the heatmap of the chart's ``row``."""
        prediction = self.last_prediction
        if prediction is None or not self.explain_toggle.isChecked() or row >= len(prediction.top):
            return
        if prediction.activations is None:  # a batch answer: run the photo on its own
            if self.controller.batch_running:
                self.explain_note.setText(
                    self.tr("Where it looked is shown once the folder is done.")
                )
            self.controller.classify()  # behind the folder's run, never in its place
            return
        self.explain_note.setText(self.tr("Drawing the heatmap…"))
        self.heatmaps.request(prediction, prediction.top[row].index)
        self.heatmap_row = row

    def _on_heatmap_ready(self, image: QImage, class_index: int) -> None:
        prediction = self.last_prediction
        if prediction is None or self.heatmap_row is None or not self.explain_toggle.isChecked():
            return
        self.image_view.set_overlay_opacity(self.opacity_slider.value() / 100)
        self.image_view.set_overlay(image)
        label = next(t.label for t in prediction.top if t.index == class_index)
        self.explain_note.setText(
            self.tr(
                "Yellow marks what counted most for “{label}”, dark purple what did not "
                "count. Click another answer to see its map."
            ).format(label=label)
        )
        self.save_image_action.setEnabled(True)

    def _on_opacity_changed(self, value: int) -> None:
        self.settings.heatmap_opacity = value
        self.image_view.set_overlay_opacity(value / 100)

    def _clear_heatmap(self) -> None:
        self.heatmaps.forget()
        self.heatmap_row = None
        self.image_view.set_overlay(None)
        self.save_image_action.setEnabled(False)
        if self.explain_toggle.isChecked():
            self.explain_note.clear()

    def save_heatmap_image(self) -> None:
        photo, prediction, row = self.last_photo, self.last_prediction, self.heatmap_row
        if photo is None or prediction is None or row is None:
            return
        suggested = Path(self.settings.last_folder) / f"{Path(photo.name).stem}-heatmap.png"
        file, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save image with heatmap"), str(suggested), self.tr("PNG image (*.png)")
        )
        if file:
            self.write_heatmap_image(Path(file))

    def write_heatmap_image(self, path: Path) -> None:
        """Write the full-size photo with the shown heatmap, on a pool thread."""
        photo, prediction, row = self.last_photo, self.last_prediction, self.heatmap_row
        assert photo is not None and prediction is not None and row is not None
        activations = prediction.activations
        assert activations is not None
        class_index = prediction.top[row].index
        opacity = self.opacity_slider.value() / 100

        def write(_token: object, _report: object) -> Path:
            source = photo.data if photo.data is not None else photo.path
            assert source is not None
            image = photo_with_heatmap(open_image(source), activations, class_index, opacity)
            write_png(image, path)
            return path

        self.status.show_busy(self.tr("Saving {name}…").format(name=path.name))
        self.controller.run_task(
            BackgroundTask(write).on(
                succeeded=lambda saved: self.status.show_idle(
                    self.tr("Saved {path}").format(path=saved)
                ),
                failed=lambda message: self.status.show_error("save", message),
            )
        )

    def copy_results(self) -> None:
        if self.last_prediction and self.last_photo:
            QGuiApplication.clipboard().setText(
                prediction_text(self.last_photo.name, self.last_prediction)
            )

    def save_results(self) -> None:
        if not (self.last_prediction and self.last_photo):
            return
        suggested = (
            Path(self.settings.last_folder) / f"{Path(self.last_photo.name).stem}-results.json"
        )
        file, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save results"), str(suggested), self.tr("JSON (*.json)")
        )
        if file:
            self.write_results(Path(file))

    def write_results(self, path: Path) -> None:
        assert self.last_prediction and self.last_photo
        image = str(self.last_photo.path or self.last_photo.name)
        document = {"results": [prediction_json(image, self.last_prediction)]}
        text = json.dumps(document, indent=2).encode()
        try:
            write_replacing(path, lambda stream: stream.write(text))
        except OSError as error:
            self.status.show_error(
                "save",
                self.tr("could not save {path}: {error}").format(path=path, error=os_reason(error)),
            )

    def import_weights(self) -> None:
        """Ask for the chosen model's weights file, then install it and classify."""
        spec = self.catalog.get(self.controller.selection.model_id)
        if spec.weights.is_packaged:
            self.status.show_idle(self.tr("{model} comes with the app.").format(model=spec.name))
            return
        file, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Weights file for {model} ({file})").format(
                model=spec.name, file=spec.weights.file_name
            ),
            self.settings.last_folder,
            self.tr("PyTorch weights (*.pth *.pt);;All files (*)"),
        )
        if file:
            self.install_weights(Path(file))

    def install_weights(self, path: Path) -> None:
        """Check ``path`` against the chosen model's hash and store it, on a pool thread;
        then classify the photo with it."""
        spec = self.catalog.get(self.controller.selection.model_id)
        store = self.store_provider()
        self.status.show_busy(self.tr("Checking and installing {file}…").format(file=path.name))

        def installed(_path: object) -> None:
            self._refresh_models()
            if store.status(spec).state is WeightsState.UNVERIFIED:
                self.status.show_error("unverified", unverified_notice(spec))
            else:
                self.status.show_idle(self.tr("{model} is installed.").format(model=spec.name))
            if self.controller.photo is not None:
                self.controller.classify()

        self.controller.run_task(
            BackgroundTask(lambda token, _report: store.import_file(spec, path, token)).on(
                succeeded=installed,
                failed=lambda message: self.status.show_error("digest", message),
            )
        )

    # Dialogs

    def open_downloads(self) -> None:
        from app.ui.dialogs.downloads import DownloadsDialog

        dialog = DownloadsDialog(self.catalog, self.store_provider, self.settings, self)
        dialog.cache_folder_changed.connect(self._on_cache_folder_changed)
        dialog.exec()
        self._refresh_models()

    def _on_cache_folder_changed(self) -> None:
        self._refresh_models()
        self.controller.cache_folder_changed()

    def open_compare(self) -> None:
        """The Compare view stays open beside the window (one at a time)."""
        from app.ui.dialogs.compare import CompareDialog

        if self.compare_dialog is None:
            self.compare_dialog = CompareDialog(
                self.catalog,
                self.store_provider(),
                self.controller.devices,
                self.controller.photo,
                self.controller.attach,
                self,
            )
            self.compare_dialog.finished.connect(self._on_compare_closed)
        self.compare_dialog.photo = self.controller.photo
        self.compare_dialog.show()
        self.compare_dialog.raise_()

    def _on_compare_closed(self) -> None:
        if self.compare_dialog is not None:
            self.compare_dialog.deleteLater()
        self.compare_dialog = None

    def open_classes(self) -> None:
        from app.ui.dialogs.classes import ClassesDialog

        ClassesDialog(self).exec()

    def details_toggle_action(self) -> QAction:
        """Show details, also from the menu (and the keyboard: Ctrl+D)."""
        action = QAction(self.tr("Show &details"), self)
        action.setCheckable(True)
        action.setShortcut(QKeySequence("Ctrl+D"))
        action.setChecked(self.details_toggle.isChecked())
        action.toggled.connect(self.details_toggle.setChecked)
        self.details_toggle.toggled.connect(action.setChecked)
        return action

    def _build_language_menu(self) -> None:
        """System, English, Tiếng Việt: remembered, and applied at the next start."""
        group = QActionGroup(self)
        choices = [(SYSTEM, self.tr("&System language"))]
        choices += [(code, name) for code, name in LANGUAGES.items()]
        for code, name in choices:
            action = self.language_menu.addAction(name)
            action.setCheckable(True)
            action.setChecked(code == self.settings.language)
            action.setData(code)
            group.addAction(action)
            action.triggered.connect(lambda _checked=False, c=code: self.choose_language(c))

    def choose_language(self, code: str) -> None:
        self.settings.language = code
        self.status.show_idle(self.tr("The language changes when you start the app again."))

    def open_about(self) -> None:
        from app.ui.dialogs.about import AboutDialog

        AboutDialog(self.catalog, self.controller.devices, self).exec()

    def update_title(self, name: str | None = None) -> None:
        self.setWindowTitle(f"{name} — {APP_NAME}" if name else APP_NAME)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        self.settings.geometry = self.saveGeometry()
        self.settings.sync()
        self.controller.shutdown()
        event.accept()


def _paths_from(mime: QMimeData) -> list[Path]:
    paths = [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
    if not paths and mime.hasText():
        text = mime.text().strip()
        candidate = Path(
            QUrl(text).toLocalFile() if text.startswith("file:") else text
        ).expanduser()
        if candidate.exists():
            paths = [candidate]
    return paths
