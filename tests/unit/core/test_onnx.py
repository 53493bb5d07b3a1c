"""The ONNX Runtime engine: parity with PyTorch, the cache of exported files, fallbacks."""

from __future__ import annotations

import logging
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from app.core.errors import DeviceError, ImageError
from app.core.inference import onnx_cache
from app.core.inference.classifier import open_classifier
from app.core.inference.onnx_cache import ExportError, OnnxCache
from app.core.models.catalog import Catalog
from app.core.photos.opening import open_image
from app.core.photos.preprocess import preprocess
from app.core.weights.store import WeightsStore
from tests.conftest import copy_onnx_files
from tests.support.engines import chosen_cpu_engine
from tests.support.factories import sha256, write_catalog
from tests.support.photos import CHINA, FLOWER


@pytest.fixture
def cache(isolated_environment, lite0_onnx_cache) -> Path:
    copy_onnx_files(lite0_onnx_cache, isolated_environment)
    return isolated_environment


@pytest.fixture
def b0_catalog(tmp_path, b0_bytes, b0_file) -> Catalog:
    entry = {"id": "b0", "weights_url": b0_file.as_uri(), "sha256": sha256(b0_bytes)}
    return Catalog.load(write_catalog(tmp_path / "catalog.json", [entry]))


def assert_same_answers(a, b) -> None:
    assert [t.index for t in a.top] == [t.index for t in b.top]
    for x, y in zip(a.top, b.top, strict=True):
        assert abs(x.probability - y.probability) <= 1e-4


def test_lite0_parity_between_engines(cache) -> None:
    classifier = open_classifier(Catalog.load(), cache)
    for photo in (CHINA, FLOWER):
        torch_answer = classifier.classify(photo, "lite0", "cpu", engine="torch")
        onnx_answer = classifier.classify(photo, "lite0", "cpu", engine="onnx")
        assert (torch_answer.engine, onnx_answer.engine) == ("torch", "onnx")
        assert_same_answers(torch_answer, onnx_answer)


@pytest.mark.usefixtures("without_templates")
def test_b0_exported_on_request_and_equal_to_pytorch(isolated_environment, b0_catalog) -> None:
    classifier = open_classifier(b0_catalog, isolated_environment)
    onnx_answer = classifier.classify(CHINA, "b0", "cpu", engine="onnx")
    assert onnx_answer.engine == "onnx"
    assert_same_answers(classifier.classify(CHINA, "b0", "cpu", engine="torch"), onnx_answer)
    assert classifier.loader.onnx.find(b0_catalog.get("b0")) is not None


@pytest.mark.usefixtures("without_templates")
def test_auto_answers_with_pytorch_then_onnx_once_exported(isolated_environment) -> None:
    classifier = open_classifier(Catalog.load(), isolated_environment)
    first = classifier.classify(CHINA, "lite0", "cpu")
    assert first.engine == "torch"  # nobody waits for the export
    classifier.exporter.wait(120)
    second = classifier.classify(CHINA, "lite0", "cpu")
    assert second.engine == "onnx"
    assert_same_answers(first, second)
    assert classifier.loaded_keys() == [("lite0", "cpu", "fp32", "onnx")]


@pytest.mark.usefixtures("without_templates")
def test_damaged_onnx_file_is_detected_and_rebuilt(cache) -> None:
    spec = Catalog.load().get("lite0")
    store = OnnxCache(cache)
    path = store.find(spec)
    assert path is not None
    with path.open("r+b") as file:
        file.seek(1000)
        file.write(b"\0" * 64)
    assert store.find(spec) is None and not path.exists()  # stale: deleted
    classifier = open_classifier(Catalog.load(), cache)
    assert classifier.classify(CHINA, "lite0", "cpu").engine == "torch"
    classifier.exporter.wait(120)
    assert store.find(spec) is not None


@pytest.mark.usefixtures("without_templates")
def test_unloadable_onnx_file_falls_back_to_pytorch(cache, caplog) -> None:
    spec = Catalog.load().get("lite0")
    store = OnnxCache(cache)
    path = store.find(spec)
    path.write_bytes(b"not a model")
    store.records.write(path, sha256(b"not a model"), weights_sha256=spec.weights.sha256)
    classifier = open_classifier(Catalog.load(), cache)
    with caplog.at_level(logging.WARNING):
        answer = classifier.classify(CHINA, "lite0", "cpu")
    assert answer.engine == "torch" and answer.top[0].label == "palace"
    assert "using PyTorch" in caplog.text
    assert not path.exists()


@pytest.mark.usefixtures("without_templates")
def test_failed_export_keeps_pytorch_and_logs_why(isolated_environment, caplog) -> None:
    classifier = open_classifier(Catalog.load(), isolated_environment)
    spec = Catalog.load().get("lite0")
    sample = np.zeros((1, 3, 224, 224), np.float32)
    with caplog.at_level(logging.WARNING):
        assert classifier.exporter.request(spec, isolated_environment / "missing.pth", sample)
        classifier.exporter.wait(120)
    assert "staying on PyTorch for lite0" in caplog.text
    assert classifier.exporter.failure(spec)
    answer = classifier.classify(CHINA, "lite0", "cpu")  # no error for the user
    assert answer.engine == "torch" and answer.top[0].label == "palace"
    assert not classifier.exporter.request(spec, classifier.store.path_for(spec), sample)


def test_export_that_disagrees_with_pytorch_is_refused(isolated_environment, monkeypatch) -> None:
    spec = Catalog.load().get("lite0")
    weights = WeightsStore(isolated_environment).ensure(spec)
    sample = preprocess(open_image(CHINA), spec.preprocessing)[None]
    monkeypatch.setattr(onnx_cache, "PARITY_TOLERANCE", -1.0)
    store = OnnxCache(isolated_environment)
    with pytest.raises(ExportError, match="disagrees with PyTorch"):
        store.export(spec, weights, sample)
    assert list(store.folder.iterdir()) in ([], [store.folder / ".checks"])


def test_engine_choice_is_checked(cache, monkeypatch) -> None:
    from app.core.inference.devices import DeviceInfo

    classifier = open_classifier(Catalog.load(), cache)
    with pytest.raises(DeviceError, match="unknown engine 'nonsense'"):
        classifier.classify(CHINA, "lite0", "cpu", engine="nonsense")
    gpu = DeviceInfo("cuda:0", "cuda", "A GPU", True)
    monkeypatch.setattr("app.core.inference.loader.resolve_device", lambda _device: gpu)
    with pytest.raises(DeviceError, match="choose PyTorch for GPUs"):
        classifier.classify(CHINA, "lite0", "cuda:0", engine="onnx")


def test_classify_many_keeps_order_and_reports_errors(cache, tmp_path) -> None:
    bad = tmp_path / "bad.jpg"
    bad.write_text("no")
    photos = [CHINA, FLOWER, bad, CHINA, FLOWER]
    outcomes = []
    classifier = open_classifier(Catalog.load(), cache)
    rate = classifier.classify_many(
        photos, "lite0", "cpu", batch_size=2, on_result=lambda p, o: outcomes.append((p, o))
    )
    assert [p for p, _ in outcomes] == photos
    assert isinstance(outcomes[2][1], ImageError)
    assert outcomes[0][1].top[0].label == outcomes[3][1].top[0].label == "palace"
    assert outcomes[0][1].engine == chosen_cpu_engine(cache) and rate > 0


def test_cpu_fast_path_imports_no_torch(cache) -> None:
    code = (
        "import sys, pathlib\n"
        "from app.core.models.catalog import Catalog\n"
        "from app.core.inference.classifier import open_classifier\n"
        f"c = open_classifier(Catalog.load(), pathlib.Path({str(cache)!r}))\n"
        f"p = c.classify(pathlib.Path({str(CHINA)!r}))\n"
        "print(p.engine, p.top[0].label, 'torch' in sys.modules, 'torchvision' in sys.modules)\n"
    )
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == [chosen_cpu_engine(cache), "palace", "False", "False"]
    assert time.monotonic() - started < 30


def test_weights_removal_takes_the_onnx_file_too(
    b0_catalog, isolated_environment, tmp_path, capsys, monkeypatch
) -> None:
    from app.cli import main

    monkeypatch.setenv("EFFNET_CATALOG", str(tmp_path / "catalog.json"))
    spec = b0_catalog.get("b0")
    weights = WeightsStore(isolated_environment).ensure(spec)
    store = OnnxCache(isolated_environment)
    exported = store.path_for(spec)  # stands in for an export: removal only looks at names
    exported.parent.mkdir(parents=True)
    exported.write_bytes(b"onnx bytes")
    store.records.write(
        exported, sha256(b"onnx bytes"), weights_sha256=sha256(weights.read_bytes())
    )
    assert main(["weights", "list", "--json"]) == 0
    assert f'"onnx": "{exported}"' in capsys.readouterr().out
    assert main(["weights", "remove", "b0"]) == 0
    assert capsys.readouterr().out.strip() == "b0: removed"
    assert not exported.exists() and not weights.exists()
