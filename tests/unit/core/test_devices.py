from __future__ import annotations

import pytest

from app.core.errors import DeviceError
from app.core.inference.devices import DeviceInfo, list_devices, resolve_device

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


DIRECTML = DeviceInfo("dml", "dml", "GPU (DirectML)", True)


def test_onnx_runtime_accelerators_are_listed_when_it_offers_them(monkeypatch) -> None:
    import onnxruntime

    offered = ["DmlExecutionProvider", "CoreMLExecutionProvider", "CPUExecutionProvider"]
    monkeypatch.setattr(onnxruntime, "get_available_providers", lambda: offered)
    devices = {d.id: d for d in list_devices()}
    assert devices["dml"].available and devices["dml"].onnx_provider == "DmlExecutionProvider"
    assert devices["coreml"].onnx_provider == "CoreMLExecutionProvider"
    monkeypatch.setattr(onnxruntime, "get_available_providers", lambda: offered[-1:])
    assert {"dml", "coreml"}.isdisjoint(d.id for d in list_devices())


def test_auto_leaves_onnx_runtime_accelerators_to_be_chosen() -> None:
    assert resolve_device("auto", [CPU, DIRECTML]).id == "cpu"
    assert resolve_device("auto", [CPU, DIRECTML, GPU]).id == "cuda:0"
    assert resolve_device("dml", [CPU, DIRECTML]).id == "dml"


@pytest.mark.parametrize(
    ("kind", "provider", "memory_patterns"),
    [("dml", "DmlExecutionProvider", False), ("coreml", "CoreMLExecutionProvider", True)],
)
def test_a_model_on_an_onnx_accelerator_asks_for_it_then_the_cpu(
    kind: str, provider: str, memory_patterns: bool, isolated_environment, monkeypatch
) -> None:
    import onnxruntime

    from app.core.inference.classifier import open_classifier
    from app.core.models.catalog import Catalog, builtin_specs
    from tests.support.photos import CHINA

    monkeypatch.setattr(
        onnxruntime, "get_available_providers", lambda: [provider, "CPUExecutionProvider"]
    )
    calls = []
    real_session = onnxruntime.InferenceSession

    def recording_session(source, options, providers):  # type: ignore[no-untyped-def]
        """Records what it was asked for, and runs on the CPU, the only provider here."""
        calls.append((list(providers), options.enable_mem_pattern))
        return real_session(source, options, providers=["CPUExecutionProvider"])

    monkeypatch.setattr(onnxruntime, "InferenceSession", recording_session)
    classifier = open_classifier(Catalog(builtin_specs()), isolated_environment)
    on_cpu = classifier.classify(CHINA, "lite0", "cpu")
    answer = classifier.classify(CHINA, "lite0", kind)
    assert calls[-1] == ([provider, "CPUExecutionProvider"], memory_patterns)
    assert answer.device == kind and answer.engine == "onnx"
    assert [t.label for t in answer.top] == [t.label for t in on_cpu.top]
    with pytest.raises(DeviceError, match="runs models with ONNX Runtime, not PyTorch"):
        classifier.classify(CHINA, "lite0", kind, engine="torch")
