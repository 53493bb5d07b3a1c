"""The main window: the layout and the wiring between its parts.

What each part shows lives in its widget (the answer panel, the folder panel, the status
line), how the folder table follows its run in :mod:`app.ui.folder_view`, the heatmap in
:mod:`app.ui.heatmap_view`, the menus in :mod:`app.ui.window_menus`, the dialogs in
:mod:`app.ui.window_dialogs`; what happens next (which photo, when to classify, which
device) is the controller's to decide.

It is over 400 lines because the window's layout and the wiring of its parts are
listed in full here, and nothing else.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QMimeData, QUrl
from PySide6.QtGui import QCloseEvent, QGuiApplication, QIcon
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app import APP_NAME
from app.core.inference.devices import DeviceInfo
from app.core.inference.predictions import Prediction
from app.core.job_types import PhotoSource, Selection
from app.core.models.catalog import Catalog
from app.core.photos.opening import IMAGE_SUFFIXES
from app.core.weights.store import WeightsStore
from app.ui.answer_files import AnswerFiles
from app.ui.controller import Controller
from app.ui.folder_actions import FolderActions
from app.ui.folder_view import FolderView
from app.ui.heatmap_view import HeatmapView
from app.ui.settings import Settings
from app.ui.thumbnails import ThumbnailCache
from app.ui.widgets.answer_panel import AnswerPanel
from app.ui.widgets.column_scroll import ColumnScrollArea
from app.ui.widgets.folder_panel import THUMBNAIL_SIDE, FolderPanel
from app.ui.widgets.image_view import ImageView
from app.ui.widgets.opening_size import open_at
from app.ui.widgets.pickers import (
    DevicePicker,
    EnginePicker,
    ModelPicker,
    PrecisionPicker,
    model_details,
)
from app.ui.widgets.status_panel import StatusPanel
from app.ui.window_dialogs import WindowDialogs
from app.ui.window_menus import WindowMenus


class MainWindow(QMainWindow):
    def __init__(
        self,
        controller: Controller,
        catalog: Catalog,
        store_provider: Callable[[], WeightsStore],  # the current cache's store
        settings: Settings,
        icon: QIcon | None = None,
    ) -> None:
        super().__init__()
        self.controller = controller
        self.catalog = catalog
        self.store_provider = store_provider
        self.settings = settings
        if icon is not None:
            self.setWindowIcon(icon)
        self._build_widgets()
        self.folder_actions = FolderActions(
            self.folder_panel.model, self.status, controller.run_task, self
        )
        self.dialogs = WindowDialogs(self)
        self.menus = WindowMenus(self)
        self._connect()
        self.refresh_models()
        self.update_title()
        self.answer_panel.explain_toggle.setChecked(settings.show_heatmap)
        self.details_toggle.setChecked(settings.show_details)
        self._on_details_toggled(self.details_toggle.isChecked())
        if not self.restoreGeometry(settings.geometry):
            open_at(self, 72, 40)

    @property
    def last_prediction(self) -> Prediction | None:
        return self.answer_panel.prediction

    @property
    def last_photo(self) -> PhotoSource | None:
        return self.answer_panel.photo

    # Construction

    def _build_widgets(self) -> None:
        self.image_view = ImageView(self)
        self.folder_panel = FolderPanel(self)
        self.folder_panel.hide()  # shown when several photos or a folder are opened
        self.thumbnails = ThumbnailCache(self.controller.run_task, THUMBNAIL_SIDE, parent=self)
        self.controller.folder.thumbnails = self.thumbnails.store  # made as photos decode
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
        self.details_toggle = QCheckBox(self.tr("Show de&tails"), self)
        self.details_toggle.setObjectName("detailsToggle")
        self.details_toggle.setToolTip(
            self.tr("Input size, parameters, accuracy, precision, engine and timings")
        )
        self.answer_panel = AnswerPanel(self.settings.heatmap_opacity, self)
        self.status = StatusPanel(self)
        self.folder_view = FolderView(self.controller, self.folder_panel, self.status, self)
        self.heatmap_view = HeatmapView(
            self.controller, self.answer_panel, self.image_view, self.status, self.settings, self
        )
        self.answer_files = AnswerFiles(
            self, self.answer_panel, self.heatmap_view, self.settings, self.status
        )

        choices = QFormLayout()
        choices.addRow(self.tr("Mode&l:"), self.model_picker)
        choices.addRow("", self.model_details)
        choices.addRow(self.tr("&Device:"), self.device_picker)
        choices.addRow(self.tr("Pre&cision:"), self.precision_picker)
        choices.addRow(self.tr("En&gine:"), self.engine_picker)
        for row, field in enumerate(
            (self.model_picker, None, self.device_picker, self.precision_picker, self.engine_picker)
        ):
            item = choices.itemAt(row, QFormLayout.ItemRole.LabelRole)
            label = item.widget() if item is not None else None
            if field is not None and isinstance(label, QLabel):
                label.setBuddy(field)
        buttons = QHBoxLayout()
        buttons.addWidget(self.classify_button, 1)
        buttons.addWidget(self.details_toggle)
        choices.addRow("", buttons)
        self.choices = choices
        side = QWidget(self)
        side_layout = QVBoxLayout(side)
        side_layout.addLayout(choices)
        side_layout.addWidget(self.answer_panel, 1)
        side_layout.addWidget(self.status)
        photo_side = QWidget(self)
        photo_layout = QVBoxLayout(photo_side)
        photo_layout.setContentsMargins(0, 0, 0, 0)
        photo_layout.addWidget(self.image_view, 3)
        photo_layout.addWidget(self.folder_panel, 2)
        # The side column scrolls when the window is short: the five answers keep their
        # height, and details and messages below them give way.
        self.side_scroll = ColumnScrollArea(side, self)
        splitter = QSplitter(self)
        splitter.addWidget(photo_side)
        splitter.addWidget(self.side_scroll)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        central = QWidget(self)
        layout = QHBoxLayout(central)
        layout.addWidget(splitter)
        self.setCentralWidget(central)
        panel = self.answer_panel
        order = [self.model_picker, self.device_picker, self.precision_picker, self.engine_picker,
                 self.classify_button, self.details_toggle, panel.chart, panel.explain_toggle,
                 panel.opacity_slider]  # fmt: skip
        for first, second in itertools.pairwise(order):
            self.setTabOrder(first, second)

    def _connect(self) -> None:
        c = self.controller
        self.image_view.files_dropped.connect(self.open_paths)
        self.image_view.url_dropped.connect(c.open_url)
        self.image_view.image_dropped.connect(
            lambda image: c.open_image_data(image, self.tr("Dropped image"))
        )
        self.folder_view.opened.connect(self._remember_folder)
        self.folder_panel.model.thumbnail_wanted.connect(self.thumbnails.request)
        self.thumbnails.ready.connect(self.folder_panel.model.set_thumbnail)
        self.folder_actions.photos_moved.connect(self.folder_panel.model.move_photos)
        self.folder_actions.photos_moved.connect(c.photos_moved)
        self.heatmap_view.savable.connect(self.menus.save_image_action.setEnabled)
        self.model_picker.model_chosen.connect(self._on_selection_changed)
        self.device_picker.device_chosen.connect(self._on_device_chosen)
        self.precision_picker.precision_chosen.connect(self._on_selection_changed)
        self.engine_picker.engine_chosen.connect(self._on_selection_changed)
        self.classify_button.clicked.connect(c.classify_asked)
        self.details_toggle.toggled.connect(self._on_details_toggled)
        self.details_toggle.toggled.connect(self.menus.details_action.setChecked)
        self.menus.details_action.toggled.connect(self.details_toggle.setChecked)
        self.status.cancel_requested.connect(c.cancel)
        self.status.action_requested.connect(self._on_status_action)
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
        c.weights_installed.connect(self._on_weights_installed)
        c.weights_refused.connect(lambda message: self.status.show_error("digest", message))

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
        self.folder_view.open_paths(paths)

    def _remember_folder(self, path: Path) -> None:
        self.settings.last_folder = str(path.parent)
        self.settings.add_recent_file(str(path))
        self.menus.refresh_recent()

    def paste(self) -> None:
        mime = QGuiApplication.clipboard().mimeData()
        if mime is None:
            return
        if mime.hasImage():
            self.folder_view.close()
            self.controller.open_image_data(mime.imageData(), self.tr("Pasted image"))
            return
        paths = _paths_from(mime)
        if paths:
            self.open_paths(paths)
        else:
            self.status.show_error("image", self.tr("the clipboard holds no image or image file"))

    # Selection

    def refresh_models(self) -> None:
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
        device = self.controller.device_for(device_id)
        precisions = device.precisions if device else ("fp32",)
        self.precision_picker.set_choices(precisions, self.settings.precision)

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
        shown = self.last_prediction
        if selection != self.controller.selection and shown is not None:
            # The answer stays until the new one comes, named as the previous model's.
            self.answer_panel.note_previous(
                self.tr("Working on it. Meanwhile this is still {model}’s answer.").format(
                    model=shown.model_name
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

    # Answers

    def _on_photo_changed(self, photo: PhotoSource) -> None:
        self._clear_answer()
        self.image_view.set_image(None)
        self.image_view.set_hint(self.tr("Opening {name}…").format(name=photo.name))
        self.update_title(photo.name)

    def _on_result(self, photo: PhotoSource, prediction: Prediction) -> None:
        self.answer_panel.show_prediction(photo, prediction)
        self.status.show_idle("")
        self.menus.save_action.setEnabled(True)
        self.menus.copy_action.setEnabled(True)
        self.refresh_models()  # a download may have made weights ready
        self.heatmap_view.show_first()

    def _on_failed(self, kind: str, message: str) -> None:
        needed = None
        if kind in ("download", "digest"):
            spec = self.catalog.get(self.controller.selection.model_id)
            needed = (spec.weights.file_name, spec.weights.url)
        self.status.show_error(kind, message, needed)
        shown = self.last_prediction
        if kind != "image" and shown is not None and self.answer_panel.chart.top:
            wanted = self.catalog.get(self.controller.selection.model_id).name
            self.answer_panel.note_previous(
                self.tr(
                    "{wanted} could not answer (see below). This is still {model}’s answer."
                ).format(wanted=wanted, model=shown.model_name)
            )
            return
        self._clear_answer()
        if kind == "image":
            self.image_view.set_hint(self.tr("This photo could not be opened"))

    def _clear_answer(self) -> None:
        self.answer_panel.clear()
        self.heatmap_view.clear()

    def _on_details_toggled(self, on: bool) -> None:
        self.settings.show_details = on
        self.model_details.setVisible(on)
        for row in (1, 3, 4):  # figures, precision, engine
            self.choices.setRowVisible(row, on)
        self.answer_panel.set_details(on)

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

    # Weights

    def import_weights(self) -> None:
        """Ask for the chosen model's weights file; the controller checks and installs it."""
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
        spec = self.catalog.get(self.controller.selection.model_id)
        self.controller.install_weights(self.store_provider(), spec, path)

    def _on_weights_installed(self, model_name: str, notice: str) -> None:
        self.refresh_models()
        if notice:
            self.status.show_error("unverified", notice)
        else:
            self.status.show_idle(self.tr("{model} is installed.").format(model=model_name))

    def choose_model(self, model_id: str) -> None:
        """Make ``model_id`` the chosen model (a label set just taught, for example)."""
        self.refresh_models()
        self.model_picker.select(model_id)
        self._on_selection_changed()

    def choose_language(self, code: str) -> None:
        self.settings.language = code
        self.status.show_idle(self.tr("The language changes when you start the app again."))

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
