"""Models ▸ Compare: time the variants on this computer, chart accuracy against speed.

It is long because the dialog is one form (choices, table, chart, heatmaps, kept runs)
whose parts enable and disable one another.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app import edition, paths
from app.core.benchmark.cases import OK, BenchmarkConfig, CaseResult
from app.core.benchmark.kept_runs import KeptRuns
from app.core.benchmark.report import BenchmarkReport
from app.core.benchmark.timing_stats import was_busy
from app.core.errors import EffnetError
from app.core.files import save_bytes
from app.core.inference.devices import PRECISIONS, DeviceInfo
from app.core.inference.openvino_runner import openvino_version
from app.core.inference.runners import ENGINE_NAMES, ONNX, OPENVINO, TORCH
from app.core.job_types import PhotoSource
from app.core.models.catalog import Catalog
from app.core.weights.store import WeightsStore
from app.i18n import number
from app.ui.settings import Settings
from app.ui.widgets.compare_chart import CompareChart, series_of
from app.ui.widgets.heatmap_strip import HeatmapStrip
from app.ui.widgets.opening_size import open_at
from app.ui.widgets.pickers import device_name
from app.workers.benchmark_worker import Answer, BenchmarkJob, BenchmarkWorker

# What a user compares first comes first; the technical figures follow (the table scrolls
# sideways to them). Each column: its key, its plain title, the technical name as a tip.
COLUMNS = (
    ("model", QT_TRANSLATE_NOOP("CompareDialog", "Model"), ""),
    ("engine", QT_TRANSLATE_NOOP("CompareDialog", "Engine"), ""),
    ("device", QT_TRANSLATE_NOOP("CompareDialog", "Device"), ""),
    ("answer", QT_TRANSLATE_NOOP("CompareDialog", "Answer"), ""),
    ("median", QT_TRANSLATE_NOOP("CompareDialog", "Typical time (ms)"),
     QT_TRANSLATE_NOOP("CompareDialog", "Median time per batch of photos, in milliseconds")),
    ("rate", QT_TRANSLATE_NOOP("CompareDialog", "Photos a second"), ""),
    ("top1", QT_TRANSLATE_NOOP("CompareDialog", "Accuracy %"),
     QT_TRANSLATE_NOOP("CompareDialog", "ImageNet top-1 accuracy, as published")),
    ("weights", QT_TRANSLATE_NOOP("CompareDialog", "Weights"), ""),
    ("p90", QT_TRANSLATE_NOOP("CompareDialog", "Slowest 1 in 10 (ms)"),
     QT_TRANSLATE_NOOP("CompareDialog", "90th percentile (p90) of the times, in milliseconds")),
    ("memory", QT_TRANSLATE_NOOP("CompareDialog", "Memory (MB)"),
     QT_TRANSLATE_NOOP("CompareDialog", "Peak memory while it ran")),
    ("load", QT_TRANSLATE_NOOP("CompareDialog", "Start-up (ms)"),
     QT_TRANSLATE_NOOP("CompareDialog", "Time to load the model before its first photo")),
    ("precision", QT_TRANSLATE_NOOP("CompareDialog", "Precision"), ""),
    ("batch", QT_TRANSLATE_NOOP("CompareDialog", "Photos at a time"),
     QT_TRANSLATE_NOOP("CompareDialog", "Batch size")),
)  # fmt: skip
COLUMN = {key: index for index, (key, _title, _tip) in enumerate(COLUMNS)}
DEFAULT_MODELS = ("lite0", *(f"b{n}" for n in range(8)))


class CompareDialog(QDialog):
    job_submitted = Signal(object)  # BenchmarkJob, to the worker on the engine thread

    def __init__(
        self,
        catalog: Catalog,
        store: WeightsStore,
        devices: list[DeviceInfo],
        photo: PhotoSource | None,
        attach_to_engine: Callable[[BenchmarkWorker], None],
        settings: Settings,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Compare models on this computer"))
        self.catalog = catalog
        self.photo = photo
        self.report: BenchmarkReport | None = None
        self.results: list[CaseResult] = []
        self.compared: BenchmarkReport | None = None
        self.compared_label = ""
        self.kept = KeptRuns(paths.benchmark_runs_dir())
        self.running = False

        self.worker = BenchmarkWorker(catalog, store)
        attach_to_engine(self.worker)
        self.job_submitted.connect(self.worker.run)
        self.worker.progressed.connect(self._on_progress)
        self.worker.case_finished.connect(self._on_case)
        self.worker.finished.connect(self._on_finished)
        self.worker.failed.connect(self._on_failed)

        self.settings = settings
        self.model_boxes = {spec.id: QCheckBox(spec.name, self) for spec in catalog}
        ticked = [i for i in settings.compared_models if i in self.model_boxes] or DEFAULT_MODELS
        for model_id, box in self.model_boxes.items():
            box.setChecked(model_id in ticked)
            box.toggled.connect(self._remember_models)
        usable = [d for d in devices if d.available] or [DeviceInfo("cpu", "cpu", "CPU", True)]
        self.device_boxes = {d.id: QCheckBox(device_name(d), self) for d in usable}
        next(iter(self.device_boxes.values())).setChecked(True)
        supported = {p for d in usable for p in d.precisions}
        self.precision_boxes = {p: QCheckBox(p.upper(), self) for p in PRECISIONS if p in supported}
        self.precision_boxes["fp32"].setChecked(True)
        self.engine_boxes = {
            TORCH: QCheckBox(self.tr("PyTorch"), self),
            ONNX: QCheckBox(self.tr("ONNX Runtime (CPU)"), self),
        }
        if openvino_version() is not None:
            self.engine_boxes[OPENVINO] = QCheckBox(self.tr("OpenVINO (CPU)"), self)
        # Every engine on the CPU by default (ONNX Runtime and OpenVINO run there only);
        # PyTorch only where this edition has it.
        on_cpu = "cpu" in self.device_boxes
        for cpu_engine in (ONNX, OPENVINO):
            if cpu_engine in self.engine_boxes:
                self.engine_boxes[cpu_engine].setChecked(on_cpu)
                self.engine_boxes[cpu_engine].setEnabled(on_cpu)
        has_torch = edition.edition() == edition.FULL
        self.engine_boxes[TORCH].setChecked(has_torch)
        self.engine_boxes[TORCH].setEnabled(has_torch)
        if not has_torch:
            self.engine_boxes[TORCH].setToolTip(
                self.tr("Needs the full edition ({package}), which has PyTorch").format(
                    package=edition.full_edition_hint()
                )
            )
        self.batch = _spin(1, 256, 1)
        self.runs = _spin(2, 200, 10)
        self.warmup = _spin(0, 50, 2)
        self.speed_only = QCheckBox(self.tr("Time models not yet downloaded with random weights"))
        self.speed_only.setChecked(True)
        self.start_button = QPushButton(self.tr("&Start"), self)
        self.cancel_button = QPushButton(self.tr("&Cancel"), self)
        self.progress = QProgressBar(self)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.chart = CompareChart(self)
        self.heatmaps = HeatmapStrip(self)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setHorizontalHeaderLabels([self.tr(str(title)) for _k, title, _t in COLUMNS])
        self.table.setProperty("scrollsSideways", True)  # to the technical figures
        for index, (_key, _title, tip) in enumerate(COLUMNS):
            heading = self.table.horizontalHeaderItem(index)
            if tip and heading is not None:
                heading.setToolTip(self.tr(str(tip)))
        self.table.setAccessibleName(self.tr("Benchmark results"))
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.past_runs = QComboBox(self)
        self.past_runs.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.past_runs.setAccessibleName(self.tr("Compare with"))
        self._build_layout()
        self._connect_buttons()
        self._refresh_past_runs()
        self._set_running(False)

    def _build_layout(self) -> None:
        models = QGroupBox(self.tr("Models"), self)
        grid = QGridLayout(models)
        for index, box in enumerate(self.model_boxes.values()):
            grid.addWidget(box, index % 6, index // 6)
        # Devices and engines one under another, beside their names: the chart keeps its
        # width and the dialog its height at 800×600.
        options = QFormLayout()
        device_column = QVBoxLayout()
        for box in self.device_boxes.values():
            device_column.addWidget(box)
        options.addRow(self.tr("Devices:"), device_column)
        precision_row = QHBoxLayout()
        for box in self.precision_boxes.values():
            precision_row.addWidget(box)
        options.addRow(self.tr("Precision:"), precision_row)
        engine_column = QVBoxLayout()
        for box in self.engine_boxes.values():
            engine_column.addWidget(box)
        options.addRow(self.tr("Engines:"), engine_column)
        options.addRow(self.tr("Photos at a time:"), self.batch)
        options.addRow(self.tr("Timed runs:"), self.runs)
        options.addRow(self.tr("Practice runs (not timed):"), self.warmup)
        self.batch.setToolTip(self.tr("Batch size: photos the model takes in one go"))
        self.runs.setToolTip(self.tr("How many times each model is timed"))
        self.warmup.setToolTip(
            self.tr("Warm-up runs: the first runs are slower while the model settles in")
        )
        options.addRow(self.speed_only)
        buttons = QHBoxLayout()
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.cancel_button)
        side = QWidget(self)
        side_layout = QVBoxLayout(side)
        side_layout.addWidget(models)
        side_layout.addLayout(options)
        side_layout.addLayout(buttons)
        side_layout.addWidget(self.progress)
        side_layout.addWidget(self.status)
        side_layout.addStretch(1)
        results = QSplitter(Qt.Orientation.Vertical, self)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.table, self.tr("&Table"))
        self.tabs.addTab(self.heatmaps, "")
        self._name_heatmaps_tab()
        results.addWidget(self.chart)
        results.addWidget(self.tabs)
        splitter = QSplitter(self)
        splitter.addWidget(side)
        splitter.addWidget(results)
        splitter.setStretchFactor(1, 1)
        files = QHBoxLayout()
        self.export_csv = QPushButton(self.tr("Export &CSV…"), self)
        self.export_json = QPushButton(self.tr("Export &JSON…"), self)
        self.save_chart = QPushButton(self.tr("Save chart as &PNG…"), self)
        self.open_results = QPushButton(self.tr("&Open results…"), self)
        for button in (self.export_csv, self.export_json, self.save_chart):
            files.addWidget(button)
        files.addStretch(1)
        files.addWidget(QLabel(self.tr("Compare with:"), self))
        files.addWidget(self.past_runs)
        files.addWidget(self.open_results)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(files)
        open_at(self, 80, 46)

    def _connect_buttons(self) -> None:
        self.start_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)
        self.export_csv.clicked.connect(lambda: self._export("csv"))
        self.export_json.clicked.connect(lambda: self._export("json"))
        self.save_chart.clicked.connect(self._save_chart)
        self.open_results.clicked.connect(self._open_results)
        self.past_runs.activated.connect(self._on_past_run_chosen)

    def _remember_models(self) -> None:
        self.settings.compared_models = [
            i for i, box in self.model_boxes.items() if box.isChecked()
        ]

    # Running

    def config(self) -> BenchmarkConfig:
        def chosen(boxes: dict[str, QCheckBox]) -> tuple[str, ...]:
            return tuple(key for key, box in boxes.items() if box.isChecked())

        return BenchmarkConfig(
            models=chosen(self.model_boxes), devices=chosen(self.device_boxes),
            precisions=chosen(self.precision_boxes), batches=(self.batch.value(),),
            warmup=self.warmup.value(), runs=self.runs.value(),
            speed_only=self.speed_only.isChecked(), engines=chosen(self.engine_boxes),
        )  # fmt: skip

    def start(self) -> None:
        config = self.config()
        if not (config.models and config.devices and config.precisions and config.engines):
            self.status.setText(self.tr("Choose at least one model, device, precision and engine."))
            return
        self.results = []
        self.report = None
        self.table.setRowCount(0)
        self.heatmaps.clear()
        self._name_heatmaps_tab()
        self._show_chart()
        self.progress.setRange(0, len(config.cases()) * config.runs)
        self.progress.setValue(0)
        self.status.setText(
            self.tr("Running… the window stays usable; Cancel stops after the current run.")
        )
        self._set_running(True)
        # Answers come with a photo only; without one the column would stand empty.
        self.table.setColumnHidden(COLUMN["answer"], self.photo is None)
        job = BenchmarkJob(config, self.photo)
        self.worker.expect(job)
        self.job_submitted.emit(job)

    def _set_running(self, running: bool) -> None:
        self.running = running
        self.start_button.setEnabled(not running)
        self.cancel_button.setEnabled(running)
        for button in (self.export_csv, self.export_json):
            button.setEnabled(not running and self.report is not None)
        self.save_chart.setEnabled(bool(self.chart.series))

    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    def _on_case(self, result: CaseResult, answer: Answer | None) -> None:
        self.results.append(result)
        self._add_row(result, answer)
        self._show_chart()
        if answer is not None and answer.heatmap is not None:
            name = self.catalog.get(result.model).name
            self.heatmaps.add(
                answer.heatmap,
                f"{name} ({result.engine}): {answer.label} {number(answer.probability, '.0%')}",
            )
            self._name_heatmaps_tab()

    def _name_heatmaps_tab(self) -> None:
        """The tab says how many maps it holds, and why it may hold none."""
        index = self.tabs.indexOf(self.heatmaps)
        count = len(self.heatmaps.tiles)
        self.tabs.setTabText(
            index, self.tr("&Where each model looked ({count})").format(count=count)
        )
        self.tabs.setTabToolTip(
            index,
            self.tr(
                "With a photo open, each pretrained model's heatmap for its top answer "
                "(models timed with random weights have none)"
            ),
        )

    def _on_finished(self, report: BenchmarkReport) -> None:
        self.report = report
        self._set_running(False)
        self.status.setText(self.tr("Stopped.") if report.cancelled else self.tr("Done."))
        busy = [self._display_name(r.model) for r in report.results if was_busy(r)]
        if busy:
            self.status.setText(
                self.status.text()
                + " "
                + self.tr(
                    "⚠ The timings of {models} varied a lot between runs: the computer was "
                    "busy. Close other programs and run again for figures you can compare."
                ).format(models=", ".join(dict.fromkeys(busy)))
            )
        if report.results:
            self._keep(report)

    def _on_failed(self, message: str) -> None:
        self._set_running(False)
        self.status.setText(self.tr("The comparison failed: {message}").format(message=message))

    def _add_row(self, result: CaseResult, answer: Answer | None) -> None:
        def figure(value: float | None, spec: str) -> str:
            return "" if value is None else number(value, spec)

        ok = result.status == OK
        answer_text = f"{answer.label} ({number(answer.probability, '.0%')})" if answer else ""
        weights = self.tr("pretrained") if result.weights == "pretrained" else self.tr("random")
        median = figure(result.median_ms, ".1f") if ok else result.status
        cells = {
            "model": self._display_name(result.model),
            "engine": ENGINE_NAMES.get(result.engine, result.engine),
            "device": "CPU" if result.device == "cpu" else result.device.upper(),
            "answer": answer_text,
            "median": ("⚠ " if was_busy(result) else "") + median,
            "rate": figure(result.images_per_s, ".1f"),
            "top1": figure(result.top1, ".1f"),
            "weights": weights,
            "p90": figure(result.p90_ms, ".1f"),
            "memory": figure(result.peak_memory_mb, ".0f"),
            "load": figure(result.load_ms, ".0f"),
            "precision": result.precision.upper(),
            "batch": str(result.batch),
        }
        row = self.table.rowCount()
        self.table.insertRow(row)
        for key, text in cells.items():
            item = QTableWidgetItem(text)
            if key == "median" and not ok:
                item.setToolTip(result.error)
            elif key == "median" and was_busy(result):
                item.setToolTip(self.tr("Runs varied a lot: the computer was busy"))
            elif key == "weights" and result.weights != "pretrained":
                item.setToolTip(
                    self.tr("Timed with random weights: the accuracy is the published one")
                )
            self.table.setItem(row, COLUMN[key], item)

    def _display_name(self, model_id: str) -> str:
        return self.catalog.get(model_id).name if model_id in self.catalog else model_id

    def _show_chart(self) -> None:
        series = series_of(self.results, self.catalog)
        if self.compared is not None:
            series += series_of(
                self.compared.results, self.catalog, self.compared_label, dashed=True
            )
        self.chart.set_series(series)
        self.save_chart.setEnabled(bool(series))

    # Past runs and files

    def _keep(self, report: BenchmarkReport) -> None:
        try:
            self.kept.keep(report)
        except EffnetError as error:
            self.status.setText(str(error))
        self._refresh_past_runs()

    def _refresh_past_runs(self) -> None:
        self.past_runs.clear()
        self.past_runs.addItem(self.tr("(nothing)"), "")
        for run in self.kept.runs():
            self.past_runs.addItem(run.name, str(run.path))

    def _on_past_run_chosen(self, index: int) -> None:
        path = self.past_runs.itemData(index)
        if path:
            self.compare_with(Path(path), self.past_runs.itemText(index))
        else:
            self.compared = None
            self._show_chart()

    def _open_results(self) -> None:
        file, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open results"), str(Path.home()), self.tr("Benchmark results (*.json)")
        )
        if file:
            self.compare_with(Path(file))

    def compare_with(self, path: Path, name: str | None = None) -> None:
        """Overlay a saved run (this computer's or another's) on the chart, dashed."""
        try:
            self.compared = BenchmarkReport.load(path)
            self.compared_label = name or path.stem
        except EffnetError as error:
            self.status.setText(str(error))
            return
        environment = self.compared.environment
        hardware = ", ".join(environment.gpus) or environment.cpu
        self.status.setText(
            self.tr("Dashed: the run {name}, on {hardware}.").format(
                name=self.compared_label, hardware=hardware
            )
        )
        self.status.setToolTip(f"{path} · torch {environment.torch}")  # for the curious
        self._show_chart()
        self._set_running(self.running)

    def _export(self, kind: str) -> None:
        if self.report is None:
            return
        file, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export results"), str(Path.home() / f"effnet-benchmark.{kind}"),
            "CSV (*.csv)" if kind == "csv" else "JSON (*.json)",
        )  # fmt: skip
        if file:
            self.export(Path(file), kind)

    def export(self, path: Path, kind: str) -> None:
        if self.report is None:
            return
        text = (self.report.to_csv() if kind == "csv" else self.report.dumps()).encode()
        try:
            save_bytes(path, text)
        except EffnetError as error:
            self.status.setText(str(error))

    def _save_chart(self) -> None:
        file, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save chart"), str(Path.home() / "effnet-comparison.png"), "PNG (*.png)"
        )
        if file:
            self.chart.grab().save(file, "PNG")

    def cancel(self) -> None:
        """Stop the run (after the current timed run), or before it starts if still queued.

        Called here on the GUI thread: a signal connected to the worker itself would be
        queued to the engine thread, behind the very job it should cancel.
        """
        self.worker.cancel()

    def done(self, result: int) -> None:
        self.cancel()
        super().done(result)


def _spin(low: int, high: int, value: int) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(low, high)
    spin.setValue(value)
    return spin
