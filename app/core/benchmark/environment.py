"""The computer a benchmark ran on, kept with its results so runs from elsewhere compare."""

from __future__ import annotations

import os
import platform
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import metadata

from app.core.inference.devices import DeviceInfo, cpu_name


@dataclass(frozen=True)
class Environment:
    cpu: str
    cores: int | None
    threads: int
    python: str
    platform: str
    torch: str
    torchvision: str
    gpus: tuple[str, ...] = ()
    cuda: str | None = None
    driver: str | None = None


def collect_environment(devices: Sequence[DeviceInfo]) -> Environment:
    import torch

    gpus = tuple(f"{d.id}: {d.name}" for d in devices if d.is_gpu and d.available)
    driver = None
    if torch.cuda.is_available():
        try:
            import ctypes

            version = ctypes.c_int()
            libcuda = ctypes.CDLL("libcuda.so.1")
            if libcuda.cuDriverGetVersion(ctypes.byref(version)) == 0:
                driver = f"CUDA driver API {version.value // 1000}.{version.value % 1000 // 10}"
        except OSError:
            driver = None
    return Environment(
        cpu=cpu_name(),
        cores=os.cpu_count(),
        threads=torch.get_num_threads(),
        python=platform.python_version(),
        platform=platform.platform(),
        torch=torch.__version__,
        torchvision=_version("torchvision"),
        gpus=gpus,
        cuda=torch.version.cuda,
        driver=driver,
    )


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"
