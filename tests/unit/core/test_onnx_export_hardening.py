"""ONNX exports (architectures without a built-in graph): never deleted as they land, tied
to their weights, interruptible, bounded."""

from __future__ import annotations

import json
import multiprocessing.spawn
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from app.core.benchmark.cases import FAILED, BenchmarkConfig
from app.core.benchmark.runner import Benchmark
from app.core.cancel import CancelToken
from app.core.errors import Cancelled
from app.core.inference.classifier import open_classifier
from app.core.inference.onnx_cache import BackgroundExporter, OnnxCache
from app.core.models.catalog import Catalog
from app.core.photos.opening import open_image
from app.core.photos.preprocess import preprocess
from app.core.weights.records import sha256_file
from app.core.weights.store import WeightsStore
from tests.conftest import copy_onnx_files
from tests.support.factories import write_catalog
from tests.support.photos import CHINA

LITE0 = Catalog.load().get("lite0")
pytestmark = pytest.mark.usefixtures("without_templates")  # Lite0 stands for such a model


def _sample() -> np.ndarray:
    return preprocess(open_image(CHINA), LITE0.preprocessing)[None]


def test_an_export_is_not_deleted_by_a_find_as_it_lands(isolated_environment, monkeypatch) -> None:
    store = OnnxCache(isolated_environment)
    weights = WeightsStore(isolated_environment).ensure(LITE0)
    real_replace = Path.replace
    found_when_it_landed: list[Path | None] = []

    def replace_then_look(self: Path, target):  # type: ignore[no-untyped-def]
        moved = real_replace(self, target)
        if Path(target) == store.path_for(LITE0):  # another caller looks at the worst moment
            found_when_it_landed.append(OnnxCache(isolated_environment).find(LITE0))
        return moved

    monkeypatch.setattr(Path, "replace", replace_then_look)
    path = store.export(LITE0, weights, _sample())
    assert found_when_it_landed == [path]
    assert path.is_file() and store.find(LITE0) == path


def test_onnx_file_is_tied_to_the_weights_it_was_built_from(
    isolated_environment, lite0_onnx_cache
) -> None:
    copy_onnx_files(lite0_onnx_cache, isolated_environment)
    store = OnnxCache(isolated_environment)
    path = store.find(LITE0)
    assert path is not None
    record_file = store.records.path(path)
    record = json.loads(record_file.read_text())
    assert record["weights_sha256"] == sha256_file(WeightsStore(isolated_environment).ensure(LITE0))
    record["weights_sha256"] = "0" * 64  # built from other weights
    record_file.write_text(json.dumps(record))
    assert store.find(LITE0) is None and not path.exists()


def test_explicit_onnx_export_runs_in_a_child_and_cancels_at_once(
    isolated_environment, monkeypatch
) -> None:
    classifier = open_classifier(Catalog.load(), isolated_environment)
    token = CancelToken()
    real_request = BackgroundExporter.request
    started_children: list[bool] = []

    def request_then_cancel(self, spec, weights, sample):  # type: ignore[no-untyped-def]
        started_children.append(real_request(self, spec, weights, sample))
        token.cancel()  # the child is starting: it cannot have exported anything yet
        return started_children[-1]

    monkeypatch.setattr(BackgroundExporter, "request", request_then_cancel)
    started = time.monotonic()
    with pytest.raises(Cancelled):
        classifier.classify(CHINA, "lite0", "cpu", engine="onnx", token=token)
    assert started_children == [True]
    assert time.monotonic() - started < 4.5  # an export in this process would run on
    assert OnnxCache(isolated_environment).find(LITE0) is None
    assert not multiprocessing.active_children()


@pytest.mark.skipif(sys.platform == "win32", reason="the stand-in interpreter is a sh script")
def test_an_export_process_that_cannot_start_does_not_hang(
    isolated_environment, tmp_path: Path, monkeypatch
) -> None:
    hung_python = tmp_path / "python"
    hung_python.write_text("#!/bin/sh\nsleep 30\n")
    hung_python.chmod(0o755)
    monkeypatch.setattr(multiprocessing.spawn, "_python_exe", os.fsencode(hung_python))
    store = OnnxCache(isolated_environment)
    exporter = BackgroundExporter(store, timeout=1.0)
    weights = WeightsStore(isolated_environment).ensure(LITE0)
    started = time.monotonic()
    assert exporter.request(LITE0, weights, _sample())
    exporter.wait(10)
    assert time.monotonic() - started < 6
    assert "took longer than 1 s" in (exporter.failure(LITE0) or "")
    assert not list(store.folder.glob(".*.part"))  # the sample file is cleaned up


@pytest.mark.skipif(sys.platform != "linux", reason="reads child processes from /proc")
def test_ctrl_c_while_the_cli_exports_is_one_line(isolated_environment, tmp_path: Path) -> None:
    import torch

    from app.core.architectures.torch_models import build_model

    # An architecture without a built-in graph, so it is exported: Lite4, the largest, so the
    # export is still running when Ctrl+C comes on a fast machine.
    weights = tmp_path / "lite4.pth"
    torch.save(build_model("efficientnet_lite4").state_dict(), weights)
    entry = {"id": "lite4", "arch": "efficientnet_lite4", "weights_url": weights.as_uri(),
             "sha256": sha256_file(weights)}  # fmt: skip
    catalog = write_catalog(tmp_path / "catalog.json", [entry])
    env = dict(os.environ, XDG_STATE_HOME=str(tmp_path / "state"), EFFNET_CATALOG=str(catalog))
    process = subprocess.Popen(
        [sys.executable, "-m", "app", "classify", "--model", "lite4", "--engine", "onnx",
         str(CHINA)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
        start_new_session=True, preexec_fn=_as_in_a_terminal,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while not _export_started(process.pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _export_started(process.pid), "the export process never started"
    os.killpg(process.pid, signal.SIGINT)  # what a terminal's Ctrl+C does
    stdout, stderr = process.communicate(timeout=30)
    assert process.returncode == 1, (stdout, stderr)
    assert stderr.strip() == "effnet: interrupted"


def _as_in_a_terminal() -> None:
    """Ctrl+C as a terminal delivers it: a test suite started in the background (``make
    test &``) has SIGINT ignored, which its children would inherit and keep."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _export_started(pid: int) -> bool:
    """The export child runs and its parent has finished starting it: while it starts one,
    the parent ignores Ctrl+C (so that the child inherits that)."""
    return bool(_exporters(pid)) and not _ignores_ctrl_c(pid)


def _ignores_ctrl_c(pid: int) -> bool:
    for line in (Path("/proc") / str(pid) / "status").read_text().splitlines():
        if line.startswith("SigIgn:"):
            return bool(int(line.split()[1], 16) & (1 << (signal.SIGINT - 1)))
    raise AssertionError(f"no SigIgn line for process {pid}")


def _exporters(pid: int) -> list[int]:
    """Children of ``pid`` started by multiprocessing's spawn (not, say, its resource
    tracker or a helper program a library runs)."""
    found = []
    for child in _children(pid):
        try:
            command = (Path("/proc") / str(child) / "cmdline").read_bytes()
        except OSError:
            continue
        if b"spawn_main" in command:
            found.append(child)
    return found


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def test_benchmark_checks_new_exports_on_a_photo_never_on_noise(isolated_environment) -> None:
    config = BenchmarkConfig(models=("lite0",), engines=("onnx",), warmup=0, runs=1)
    without_photo = Benchmark(Catalog.load(), WeightsStore(isolated_environment)).run(config)
    (result,) = without_photo.results
    assert result.status == FAILED and "on a real photo" in (result.error or "")
    assert OnnxCache(isolated_environment).find(LITE0) is None
