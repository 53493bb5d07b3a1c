"""OpenVINO as the second CPU engine: cancelling mid-run, which engine "auto" uses and how
that choice is kept, falling back to ONNX Runtime, and what it refuses."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from app.core.architectures.graphs import random_initializers
from app.core.cancel import CancelToken
from app.core.errors import Cancelled, DeviceError
from app.core.inference import engine_choice, loader
from app.core.inference.classifier import open_classifier
from app.core.inference.engine_choice import CHOICE_FILE, faster_cpu_engine
from app.core.inference.openvino_runner import OpenVinoRunner
from app.core.models.catalog import Catalog
from tests.support.photos import CHINA

B0 = "efficientnet_b0"


class _Announcing:
    """An OpenVINO infer request that says when a run has started."""

    def __init__(self, request: Any, started: threading.Event) -> None:
        self._request = request
        self._started = started

    def start_async(self, *arguments: Any) -> None:
        self._request.start_async(*arguments)
        self._started.set()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._request, name)


def test_a_run_cancelled_midway_stops_and_the_next_answers_are_right() -> None:
    runner = OpenVinoRunner.compile(B0, lambda: random_initializers(B0), threads=2)
    photos = np.random.default_rng(0).standard_normal((3, 3, 224, 224)).astype(np.float32)
    expected = runner.logits(photos)
    started, token = threading.Event(), CancelToken()
    runner._request = _Announcing(runner._request, started)
    canceller = threading.Thread(target=lambda: (started.wait(30), token.cancel()))
    canceller.start()
    with pytest.raises(Cancelled):
        runner.logits(np.zeros((32, 3, 224, 224), np.float32), token)
    canceller.join()
    # OpenVINO's model, cancelled mid-run, would answer the 32 photos' stale outputs here.
    assert np.abs(runner.logits(photos) - expected).max() == 0
    assert runner.explain(photos)[1].shape == (3, 1280, 7, 7)


@pytest.fixture
def fresh_choice(monkeypatch: pytest.MonkeyPatch) -> None:
    """As in a new process: nothing measured yet."""
    monkeypatch.setattr(engine_choice, "_measured", {})


def test_auto_takes_the_engine_measured_faster_and_keeps_the_choice(
    tmp_path: Path, fresh_choice: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    chosen = faster_cpu_engine(tmp_path, threads=2)
    kept = json.loads((tmp_path / CHOICE_FILE).read_text())
    assert kept["engine"] == chosen == min(kept["ms"], key=kept["ms"].get)
    assert set(kept["ms"]) == {"onnx", "openvino"}

    def measured_again(threads: int) -> dict[str, float]:
        raise AssertionError("measured again")

    monkeypatch.setattr(engine_choice, "measure", measured_again)
    monkeypatch.setattr(engine_choice, "_measured", {})  # a later start reads the file
    assert faster_cpu_engine(tmp_path, threads=2) == chosen


@pytest.mark.parametrize("kept", ["evil", "fifo", "other machine", "huge"])
def test_a_choice_file_not_made_here_is_measured_again(
    kept: str, tmp_path: Path, fresh_choice: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / CHOICE_FILE
    key = f"{engine_choice.optimiser_tag()} {engine_choice.compiler_tag()} threads=2"
    if kept == "fifo":
        os.mkfifo(path)  # reading it would hang
    else:
        document = {"key": key, "engine": "openvino"}
        if kept == "evil":
            document["engine"] = "../../bin/sh"
        elif kept == "other machine":
            document["key"] = "ort0-00000000-g2 ov0-00000000-g2 threads=2"
        else:
            document["padding"] = "x" * 10_000
        path.write_text(json.dumps(document))
    monkeypatch.setattr(engine_choice, "measure", lambda threads: {"onnx": 1.0, "openvino": 2.0})
    assert faster_cpu_engine(tmp_path, threads=2) == "onnx"
    if kept != "fifo":  # a FIFO is left alone: the app writes only regular files
        assert json.loads(path.read_text())["engine"] == "onnx"


def test_without_openvino_auto_is_onnx_runtime_and_openvino_is_refused(
    tmp_path: Path, fresh_choice: None, monkeypatch: pytest.MonkeyPatch, isolated_environment
) -> None:
    monkeypatch.setattr(engine_choice, "openvino_version", lambda: None)
    monkeypatch.setattr(loader, "openvino_version", lambda: None)
    assert faster_cpu_engine(tmp_path, threads=2) == "onnx"
    assert not (tmp_path / CHOICE_FILE).exists()  # nothing to measure
    classifier = open_classifier(Catalog.load(), isolated_environment)
    with pytest.raises(DeviceError, match="OpenVINO is not installed here"):
        classifier.classify(CHINA, "lite0", "cpu", engine="openvino")


def test_where_openvino_is_installed_but_cannot_run_auto_is_onnx_runtime(
    tmp_path: Path, fresh_choice: None, monkeypatch: pytest.MonkeyPatch, isolated_environment
) -> None:
    def broken(*arguments: Any) -> OpenVinoRunner:
        raise RuntimeError("Exception from src/inference: the CPU lacks AVX2")

    monkeypatch.setattr(OpenVinoRunner, "compile", broken)
    assert faster_cpu_engine(tmp_path, threads=2) == "onnx"
    assert not (tmp_path / CHOICE_FILE).exists()  # tried again at the next start
    answer = open_classifier(Catalog.load(), isolated_environment).classify(
        CHINA, "lite0", "cpu", engine="auto"
    )
    assert answer.engine == "onnx" and answer.top[0].label == "palace"


@pytest.mark.parametrize("faster", ["onnx", "openvino"])
def test_auto_on_the_cpu_runs_the_faster_engine(
    faster: str, monkeypatch: pytest.MonkeyPatch, isolated_environment: Path
) -> None:
    monkeypatch.setattr(loader, "faster_cpu_engine", lambda cache, threads: faster)
    answer = open_classifier(Catalog.load(), isolated_environment).classify(
        CHINA, "lite0", "cpu", engine="auto"
    )
    assert answer.engine == faster and answer.top[0].label == "palace"


def test_where_openvino_cannot_compile_auto_answers_with_onnx_runtime(
    monkeypatch: pytest.MonkeyPatch, isolated_environment: Path
) -> None:
    def broken(*arguments: Any) -> OpenVinoRunner:
        raise RuntimeError("Exception from src/plugins/intel_cpu: unsupported operation")

    monkeypatch.setattr(loader, "faster_cpu_engine", lambda cache, threads: "openvino")
    monkeypatch.setattr(OpenVinoRunner, "from_template", broken)
    classifier = open_classifier(Catalog.load(), isolated_environment)
    answer = classifier.classify(CHINA, "lite0", "cpu", engine="auto")
    assert answer.engine == "onnx" and answer.top[0].label == "palace"
    with pytest.raises(RuntimeError, match="unsupported operation"):  # asked for by name
        classifier.classify(CHINA, "lite0", "cpu", engine="openvino")


def test_openvino_runs_on_the_cpu_only(isolated_environment: Path) -> None:
    from app.core.inference.devices import DeviceInfo

    classifier = open_classifier(Catalog.load(), isolated_environment)
    gpu = DeviceInfo("cuda:0", "cuda", "NVIDIA H200", True, precisions=("fp32", "fp16"))
    with pytest.raises(DeviceError, match="OpenVINO runs models on the CPU"):
        classifier.loader._check_openvino(Catalog.load().get("lite0"), gpu)


def test_both_engines_copies_are_counted_and_removed_with_the_model(
    isolated_environment: Path,
) -> None:
    from app.core.inference.onnx_cache import OnnxCache

    spec = Catalog.load().get("lite0")
    classifier = open_classifier(Catalog.load(), isolated_environment)
    for engine in ("onnx", "openvino"):
        assert classifier.classify(CHINA, "lite0", "cpu", engine=engine).engine == engine
    store = OnnxCache(isolated_environment)
    made = sorted(path.suffix for path in store.folder.iterdir() if path.is_file())
    assert made == [".blob", ".data", ".onnx"]
    on_disk = sum(path.stat().st_size for path in store.folder.iterdir() if path.is_file())
    assert store.disk_bytes(spec) == on_disk
    assert store.remove(spec)
    assert not [path for path in store.folder.rglob("*") if path.is_file()]  # records too
    assert store.disk_bytes(spec) == 0
