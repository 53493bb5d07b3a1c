"""Model, device and precision pickers: combo boxes that explain their choices."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QWidget

from app.core.inference.devices import DeviceInfo
from app.core.inference.openvino_runner import openvino_version
from app.core.inference.runners import ONNX, OPENVINO
from app.core.models.catalog import ModelSpec
from app.core.models.label_sets import SUFFIX
from app.core.weights.store import WeightsState, WeightsStatus
from app.i18n import fill, translate

MB = 1024 * 1024
ID_ROLE = Qt.ItemDataRole.UserRole + 1
FAMILY_ORDER = ("EfficientNet", "EfficientNetV2", "EfficientNet-Lite")


def model_details(spec: ModelSpec, status: WeightsStatus | None) -> str:
    """One line of figures: input size, parameters, GFLOPs, top-1, and the weights' state."""
    parts = [translate("ModelPicker", "{size} px").format(size=spec.input_size)]
    if spec.params:
        parts.append(
            fill(translate("ModelPicker", "{millions:.1f} M params"), millions=spec.params / 1e6)
        )
    if spec.gflops:
        parts.append(fill(translate("ModelPicker", "{gflops:.2f} GFLOPs"), gflops=spec.gflops))
    if spec.top1:
        parts.append(fill(translate("ModelPicker", "ImageNet top-1 {top1:.1f} %"), top1=spec.top1))
    if status is not None:
        parts.append(_weights_state(status))
    return " · ".join(parts)


def plain_description(spec: ModelSpec, status: WeightsStatus) -> str:
    """ "B0 — fast · 20 MB download": the model in words a non-programmer can choose by;
    a label set by its file's name ("digits — 4 labels · from Lite0"), its labels being in
    the tooltip (all of them would not fit)."""
    if spec.head is not None:
        said = translate("ModelPicker", "{count} labels · from {model}").format(
            count=len(spec.labels), model=short_name(spec.head.backbone)
        )
        return f"{spec.id.removesuffix(SUFFIX)} — {said}"
    parts = [speed_words(spec.gflops), _download_words(status)]
    return f"{short_name(spec)} — " + " · ".join(part for part in parts if part)


def short_name(spec: ModelSpec) -> str:
    """ "B0", "V2-S", "Lite0" under their family's header; other names as they are."""
    if spec.name.startswith("EfficientNetV2-"):
        return "V2-" + spec.name.removeprefix("EfficientNetV2-")
    return spec.name.removeprefix("EfficientNet-")


def speed_words(gflops: float | None) -> str:
    """Speed and accuracy in words, by the work one photo takes (B0 0.4 GFLOPs … B7 37):
    accuracy rises with it (Tan & Le, 2019, fig. 1) and so does the time."""
    if gflops is None:
        return ""
    if gflops <= 1.1:
        return translate("ModelPicker", "fast")
    if gflops <= 5:
        return translate("ModelPicker", "balanced")
    if gflops <= 20:
        return translate("ModelPicker", "more accurate, slower")
    return translate("ModelPicker", "most accurate, slow")


def _download_words(status: WeightsStatus) -> str:
    if status.state == WeightsState.BUNDLED:
        return translate("ModelPicker", "included")
    if status.state == WeightsState.UNVERIFIED:
        return translate("ModelPicker", "file not verified")
    if status.ready:
        return translate("ModelPicker", "downloaded")
    missing = _to_download(status)
    if missing is None:
        return translate("ModelPicker", "download needed")
    return fill(translate("ModelPicker", "{mb:.0f} MB download"), mb=missing / MB)


def _weights_state(status: WeightsStatus) -> str:
    if status.state == WeightsState.UNVERIFIED:
        return translate(
            "ModelPicker", "ready, but its file could not be verified (imported or mirrored)"
        )
    if status.ready:
        return translate("ModelPicker", "ready")
    missing = _to_download(status)
    if missing is None:
        return translate("ModelPicker", "download needed")
    return fill(translate("ModelPicker", "{mb:.0f} MB to download"), mb=missing / MB)


def _to_download(status: WeightsStatus) -> int | None:
    """Bytes still to fetch (a paused download counts), None when the size is unknown."""
    return status.size_bytes - status.partial_bytes if status.size_bytes else None


def device_name(device: DeviceInfo) -> str:
    """ "CPU — Intel Core i7…", "CUDA:0 — NVIDIA H100…": in the window and in Compare."""
    label = "CPU" if device.kind == "cpu" else device.id.upper()
    return f"{label} — {device.name}"


class ModelPicker(QComboBox):
    """Every catalog model, grouped by family, in plain words ("B0 — fast · 20 MB
    download"); its figures are in the tooltip and the window's Details."""

    model_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("modelPicker")
        self.setAccessibleName(self.tr("Model"))
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self._items = QStandardItemModel(self)
        self.setModel(self._items)
        self.activated.connect(self._on_activated)

    def set_models(self, entries: Sequence[tuple[ModelSpec, WeightsStatus]], current: str) -> None:
        self.blockSignals(True)
        self._items.clear()
        families = sorted(
            {spec.family for spec, _ in entries},
            key=lambda f: (FAMILY_ORDER.index(f) if f in FAMILY_ORDER else len(FAMILY_ORDER), f),
        )
        for family in families:
            header = QStandardItem(family)
            header.setFlags(Qt.ItemFlag.NoItemFlags)
            font = QFont(self.font())
            font.setBold(True)
            header.setFont(font)
            self._items.appendRow(header)
            for spec, status in entries:
                if spec.family != family:
                    continue
                item = QStandardItem(f"   {plain_description(spec, status)}")
                item.setData(spec.id, ID_ROLE)
                details = model_details(spec, status)
                item.setToolTip(details)
                item.setData(f"{spec.name}: {details}", Qt.ItemDataRole.AccessibleTextRole)
                self._items.appendRow(item)
        self.blockSignals(False)
        self.select(current)

    def current_id(self) -> str | None:
        value = self.currentData(ID_ROLE)
        return value if isinstance(value, str) else None

    def select(self, model_id: str) -> None:
        index = self.findData(model_id, ID_ROLE)
        if index < 0:
            index = next(
                (i for i in range(self.count()) if self.itemData(i, ID_ROLE) is not None), -1
            )
        self.blockSignals(True)
        self.setCurrentIndex(index)
        self.blockSignals(False)

    def _on_activated(self, index: int) -> None:
        model_id = self.itemData(index, ID_ROLE)
        if isinstance(model_id, str):
            self.model_chosen.emit(model_id)


class DevicePicker(QComboBox):
    """Devices from the engine; ones that cannot run are shown disabled, with the reason."""

    device_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("devicePicker")
        self.setAccessibleName(self.tr("Device"))
        self._items = QStandardItemModel(self)
        self.setModel(self._items)
        self._devices: dict[str, DeviceInfo] = {}
        self.activated.connect(self._on_activated)
        self.set_devices([], "auto")

    def set_devices(self, devices: Sequence[DeviceInfo], current: str) -> None:
        self.blockSignals(True)
        self._items.clear()
        self._devices = {device.id: device for device in devices}
        auto = QStandardItem(self.tr("Automatic (best available)"))
        auto.setData("auto", ID_ROLE)
        self._items.appendRow(auto)
        for device in devices:
            item = QStandardItem(device_name(device))
            item.setData(device.id, ID_ROLE)
            if device.available:
                details = [device.name]
                if device.threads:
                    details.append(self.tr("{count} threads").format(count=device.threads))
                if device.memory_bytes:
                    details.append(fill(self.tr("{gb:.0f} GB"), gb=device.memory_bytes / 1024**3))
                item.setToolTip(", ".join(details))
            else:
                item.setEnabled(False)
                item.setToolTip(device.reason)
            self._items.appendRow(item)
        self.blockSignals(False)
        self.select(current)

    def device(self, device_id: str) -> DeviceInfo | None:
        return self._devices.get(device_id)

    def current_id(self) -> str:
        value = self.currentData(ID_ROLE)
        return value if isinstance(value, str) else "auto"

    def select(self, device_id: str) -> None:
        index = self.findData(device_id, ID_ROLE)
        item = self._items.item(index) if index >= 0 else None
        self.blockSignals(True)
        self.setCurrentIndex(index if item is not None and item.isEnabled() else 0)
        self.blockSignals(False)

    def _on_activated(self, index: int) -> None:
        self.device_chosen.emit(self.current_id())


class PrecisionPicker(QComboBox):
    precision_chosen = Signal(str)

    LABELS: ClassVar[dict[str, str]] = {"fp32": "FP32", "fp16": "FP16 (half)", "bf16": "BF16"}

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("precisionPicker")
        self.setAccessibleName(self.tr("Precision"))
        self.activated.connect(lambda _i: self.precision_chosen.emit(self.current()))
        self.set_choices(("fp32",), "fp32")

    def set_choices(self, precisions: Sequence[str], current: str) -> None:
        self.blockSignals(True)
        self.clear()
        for precision in precisions:
            self.addItem(self.LABELS.get(precision, precision), precision)
        index = self.findData(current)
        self.setCurrentIndex(max(index, 0))
        self.setEnabled(len(precisions) > 1)
        self.setToolTip("" if len(precisions) > 1 else self.tr("This device runs FP32 only"))
        self.blockSignals(False)

    def current(self) -> str:
        value = self.currentData()
        return value if isinstance(value, str) else "fp32"


class EnginePicker(QComboBox):
    """Auto (on the CPU the faster of ONNX Runtime and OpenVINO, PyTorch on GPUs), or one
    of them; OpenVINO where it is installed."""

    engine_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("enginePicker")
        self.setAccessibleName(self.tr("Engine"))
        self.addItem(self.tr("Automatic (fastest available)"), "auto")
        self.addItem(self.tr("PyTorch"), "torch")
        self.addItem(self.tr("ONNX Runtime (CPU)"), ONNX)
        if openvino_version() is not None:
            self.addItem(self.tr("OpenVINO (CPU)"), OPENVINO)
        tip = self.tr(
            "On the CPU, ONNX Runtime or OpenVINO, whichever this computer ran faster when "
            "it was measured (once); PyTorch on GPUs"
        )
        self.setItemData(0, tip, Qt.ItemDataRole.ToolTipRole)
        self.activated.connect(lambda _i: self.engine_chosen.emit(self.current()))

    def select(self, engine: str) -> None:
        self.setCurrentIndex(max(self.findData(engine), 0))

    def current(self) -> str:
        value = self.currentData()
        return value if isinstance(value, str) else "auto"
