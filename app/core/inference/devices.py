"""Which devices can run a model, and why the others cannot."""

from __future__ import annotations

import os
import platform
import shutil
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from app.core.errors import DeviceError, UnknownDeviceError
from app.edition import full_edition_hint
from app.i18n import translate

AUTO = "auto"
PRECISIONS = ("fp32", "fp16", "bf16")


@dataclass(frozen=True)
class DeviceInfo:
    id: str  # "cpu", "cuda:0", "mps", "xpu:0" (what torch.device() takes), "dml", "coreml"
    kind: str
    name: str
    available: bool
    reason: str = ""  # why it cannot be used, when not available
    memory_bytes: int | None = None
    threads: int | None = None
    precisions: tuple[str, ...] = ("fp32",)

    @property
    def is_gpu(self) -> bool:
        return self.kind != "cpu"

    @property
    def onnx_provider(self) -> str | None:
        """The ONNX Runtime execution provider that runs models here, if one does."""
        return ONNX_PROVIDERS.get(self.kind)


CPU_PROVIDER = "CPUExecutionProvider"
# ONNX Runtime's own accelerators, which need no PyTorch: DirectML (any DirectX 12 GPU on
# Windows, in the onnxruntime-directml build) and Core ML (Apple's GPU and Neural Engine).
ONNX_ACCELERATORS = {
    "DmlExecutionProvider": ("dml", "GPU (DirectML)"),
    "CoreMLExecutionProvider": ("coreml", "Apple GPU and Neural Engine (Core ML)"),
}
ONNX_PROVIDERS = {"cpu": CPU_PROVIDER} | {
    kind: provider for provider, (kind, _) in ONNX_ACCELERATORS.items()
}


@cache
def cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine() or "CPU"


@cache
def physical_cores() -> int:
    """Physical cores (not hardware threads): the default number of inference threads."""
    try:
        pairs, physical_id = set(), ""
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            key, _, value = line.partition(":")
            if key.strip() == "physical id":
                physical_id = value.strip()
            elif key.strip() == "core id":
                pairs.add((physical_id, value.strip()))
        if pairs:
            return len(pairs)
    except OSError:
        pass
    return os.cpu_count() or 1


def cpu_device(threads: int | None = None) -> DeviceInfo:
    """The CPU, described without importing torch."""
    return DeviceInfo(
        id="cpu",
        kind="cpu",
        name=cpu_name(),
        available=True,
        threads=threads or physical_cores(),
        memory_bytes=_system_memory(),
    )


def accelerator_possible() -> bool:
    """False when this computer surely has no GPU torch could use, so "auto" means the CPU
    without importing torch (seconds); True when only torch can tell."""
    if "torch" in sys.modules:
        return True
    if sys.platform == "darwin":
        return platform.machine() == "arm64"  # Apple silicon: MPS
    nvidia = Path("/proc/driver/nvidia/gpus")
    has_nvidia = (nvidia.is_dir() and any(nvidia.iterdir())) or shutil.which("nvidia-smi")
    return bool(has_nvidia) or sys.platform == "win32" or Path("/dev/kfd").exists()


def list_devices() -> list[DeviceInfo]:
    """The CPU, each GPU torch can see, then ONNX Runtime's accelerators; absent
    accelerators are listed with a reason.

    Without torch (the standard edition) NVIDIA's and Apple's GPUs are listed with the
    edition that can use them.
    """
    try:
        import torch
    except ImportError:
        missing = "mps" if sys.platform == "darwin" else "cuda"
        needs_full = translate(
            "Errors", "needs the full edition ({package}), which has PyTorch"
        ).format(package=full_edition_hint())
        return [cpu_device(), *onnx_accelerators(), _missing(missing, needs_full)]

    devices = [cpu_device(torch.get_num_threads())]
    devices += _cuda_devices(torch)
    if torch.backends.mps.is_built():
        usable = torch.backends.mps.is_available()
        devices.append(
            DeviceInfo(
                "mps", "mps", "Apple GPU (Metal)", usable,
                "" if usable else translate("Errors", "needs macOS 12.3 or later on Apple silicon"),
                precisions=("fp32", "fp16"),
            )
        )  # fmt: skip
    xpu = getattr(torch, "xpu", None)
    if xpu is not None and xpu.is_available():
        for index in range(xpu.device_count()):
            devices.append(
                DeviceInfo(f"xpu:{index}", "xpu", xpu.get_device_name(index), True,
                           precisions=("fp32", "fp16", "bf16"))
            )  # fmt: skip
    return devices + onnx_accelerators()


def onnx_accelerators() -> list[DeviceInfo]:
    """The accelerators this ONNX Runtime build offers (none in the Linux CPU build)."""
    try:
        import onnxruntime
    except ImportError:
        return []
    offered = onnxruntime.get_available_providers()
    return [
        DeviceInfo(kind, kind, name, True)
        for provider, (kind, name) in ONNX_ACCELERATORS.items()
        if provider in offered
    ]


def _cuda_devices(torch: Any) -> list[DeviceInfo]:
    if torch.version.cuda is None and torch.version.hip is None:
        return [
            _missing(
                "cuda",
                translate("Errors", "this PyTorch build has no CUDA support; install a CUDA build"),
            )
        ]
    if not torch.cuda.is_available():
        return [
            _missing(
                "cuda", translate("Errors", "no NVIDIA GPU found, or its driver is not installed")
            )
        ]
    devices = []
    for index in range(torch.cuda.device_count()):
        properties = torch.cuda.get_device_properties(index)
        precisions = ["fp32", "fp16"]
        if torch.cuda.is_bf16_supported(including_emulation=False):
            precisions.append("bf16")
        devices.append(
            DeviceInfo(
                id=f"cuda:{index}",
                kind="cuda",
                name=properties.name,
                available=True,
                memory_bytes=properties.total_memory,
                precisions=tuple(precisions),
            )
        )
    return devices


def _missing(kind: str, reason: str) -> DeviceInfo:
    if kind == "mps":
        return DeviceInfo("mps", "mps", "Apple GPU (Metal)", False, reason)
    return DeviceInfo("cuda:0", "cuda", "NVIDIA GPU (CUDA)", False, reason)


def _system_memory() -> int | None:
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):
        return None


def resolve_device(requested: str, devices: list[DeviceInfo] | None = None) -> DeviceInfo:
    """The device for ``auto``, ``cpu``, ``cuda``, ``cuda:N``, ``mps`` … or a clear error.

    Without a device list, ``cpu`` (and ``auto`` where no GPU can exist) is answered
    without importing torch.
    """
    wanted = requested.strip().lower()
    if devices is None and (wanted == "cpu" or (wanted == AUTO and not accelerator_possible())):
        return cpu_device()
    devices = devices if devices is not None else list_devices()
    if wanted == AUTO:
        # ONNX Runtime's accelerators are there to choose, not chosen for the user: they
        # run some operators on the CPU, so they are not surely faster.
        gpus = [d for d in devices if d.is_gpu and d.available and d.kind not in ONNX_PROVIDERS]
        return gpus[0] if gpus else devices[0]
    if wanted in ("cuda", "xpu"):
        wanted += ":0"
    for device in devices:
        if device.id == wanted:
            if not device.available:
                raise DeviceError(
                    translate("Errors", "{id} cannot be used: {reason}").format(
                        id=device.id, reason=device.reason
                    )
                )
            return device
    kinds = ", ".join(d.id for d in devices if d.available)
    raise UnknownDeviceError(
        translate("Errors", "no device '{requested}' on this computer; available: {kinds}").format(
            requested=requested, kinds=kinds
        )
    )


def max_threads() -> int:
    """The most CPU threads worth asking for: beyond a few per logical CPU, a runtime
    only spends its time building thread pools (100,000 would seem to hang)."""
    return 4 * (os.cpu_count() or 1)
