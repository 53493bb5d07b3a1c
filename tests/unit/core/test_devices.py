from __future__ import annotations

import pytest

from app.core.devices import DeviceInfo, list_devices, resolve_device
from app.core.errors import DeviceError

CPU = DeviceInfo("cpu", "cpu", "Test CPU", True, threads=2)
GPU = DeviceInfo("cuda:0", "cuda", "Test GPU", True, precisions=("fp32", "fp16"))
NO_GPU = DeviceInfo("cuda:0", "cuda", "NVIDIA GPU (CUDA)", False, "no NVIDIA GPU found")


def test_cpu_is_listed_first_with_name_and_threads() -> None:
    devices = list_devices()
    assert devices[0].id == "cpu" and devices[0].available
    assert devices[0].name and devices[0].threads and devices[0].threads >= 1
    assert all(d.available or d.reason for d in devices)  # unusable ones say why


def test_auto_prefers_the_first_usable_gpu() -> None:
    assert resolve_device("auto", [CPU, GPU]).id == "cuda:0"
    assert resolve_device("auto", [CPU, NO_GPU]).id == "cpu"
    assert resolve_device("cuda", [CPU, GPU]).id == "cuda:0"


def test_unusable_and_unknown_devices_explain() -> None:
    with pytest.raises(DeviceError, match="cuda:0 cannot be used: no NVIDIA GPU found"):
        resolve_device("cuda", [CPU, NO_GPU])
    with pytest.raises(DeviceError, match="no device 'cuda:3'.*available: cpu"):
        resolve_device("cuda:3", [CPU, NO_GPU])
