"""Timed runs of catalog models, done the way careful harnesses do them.

Warm-up first; on GPUs the device is synchronised before the clock is read; each case
reports median, p90, min and throughput, peak memory, and the model's load time apart from
the runs. A model whose weights are not downloaded can be timed with random weights in
speed-only mode (speed does not depend on weight values); such results say so.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

from app.core.architectures.graphs import has_template, random_initializers, template_path
from app.core.benchmark.cases import (
    FAILED,
    OK,
    OUT_OF_MEMORY,
    PRETRAINED,
    RANDOM,
    BenchmarkCase,
    BenchmarkConfig,
    CaseResult,
)
from app.core.benchmark.environment import collect_environment
from app.core.benchmark.report import BenchmarkReport
from app.core.benchmark.timing_stats import summarize
from app.core.cancel import CancelToken
from app.core.errors import Cancelled, EffnetError
from app.core.inference.devices import DeviceInfo, physical_cores, resolve_device
from app.core.inference.memory import is_out_of_memory
from app.core.inference.onnx_cache import BackgroundExporter, OnnxCache, export_random
from app.core.inference.openvino_runner import OpenVinoRunner
from app.core.inference.runners import ENGINE_NAMES, ONNX, OPENVINO
from app.core.models.catalog import Catalog, ModelSpec
from app.core.photos.preprocess import preprocess
from app.core.weights.store import WeightsStore
from app.i18n import translate

Clock = Callable[[], float]


class Benchmark:
    """Runs the cases of a config one after another; cancellable between runs."""

    def __init__(
        self,
        catalog: Catalog,
        store: WeightsStore,
        clock: Clock = time.perf_counter,
        onnx: OnnxCache | None = None,
        photo: Image.Image | None = None,
    ) -> None:
        self.catalog = catalog
        self.store = store
        self.clock = clock
        self.onnx = onnx
        self.photo = photo  # what a new ONNX export is checked on against PyTorch
        self.threads: int | None = None

    def run(
        self,
        config: BenchmarkConfig,
        *,
        token: CancelToken | None = None,
        on_run: Callable[[BenchmarkCase, int, int], None] | None = None,
        on_case: Callable[[CaseResult, int, int], None] | None = None,
    ) -> BenchmarkReport:
        """``on_run(case, run, runs)`` after each timed run; ``on_case(result, i, n)`` per case."""
        import torch

        token = token or CancelToken()
        import torchvision.models  # noqa: F401 - imported now so no load time includes it

        from app.core.inference.devices import list_devices

        devices = list_devices()
        previous_threads = torch.get_num_threads()
        self.threads = config.threads
        if config.threads:
            torch.set_num_threads(config.threads)
        report = BenchmarkReport(collect_environment(devices))
        cases = config.cases()
        try:
            for index, case in enumerate(cases, start=1):
                try:
                    result = self._run_case(case, config, devices, token, on_run)
                except Cancelled:
                    report.cancelled = True
                    break
                report.results.append(result)
                if on_case:
                    on_case(result, index, len(cases))
        finally:
            torch.set_num_threads(previous_threads)
        return report

    def _run_case(
        self,
        case: BenchmarkCase,
        config: BenchmarkConfig,
        devices: list[DeviceInfo],
        token: CancelToken,
        on_run: Callable[[BenchmarkCase, int, int], None] | None,
    ) -> CaseResult:
        spec = self.catalog.get(case.model_id)
        weights = PRETRAINED if self.store.status(spec).ready or not config.speed_only else RANDOM
        base: dict[str, Any] = {
            "model": spec.id, "device": case.device, "precision": case.precision,
            "batch": case.batch, "weights": weights, "params": spec.params,
            "gflops": spec.gflops, "top1": spec.top1, "engine": case.engine,
        }  # fmt: skip
        try:
            device = resolve_device(case.device, devices)
            if case.precision not in device.precisions:
                raise EffnetError(
                    translate("Errors", "{id} cannot run {precision}").format(
                        id=device.id, precision=case.precision
                    )
                )
            # A label set runs its model; its head adds a few thousand multiply-adds.
            model = spec.head.backbone if spec.head is not None else spec
            timed = self._time(model, device, case, config, weights, token, on_run)
        except Cancelled:
            raise
        except Exception as error:
            _release_memory(case.device)
            if is_out_of_memory(error):
                return CaseResult(**base, status=OUT_OF_MEMORY, error=str(error).splitlines()[0])
            return CaseResult(**base, status=FAILED, error=str(error).splitlines()[0])
        _release_memory(case.device)
        return CaseResult(**base, status=OK, **timed)

    def _time(
        self,
        spec: ModelSpec,
        device: DeviceInfo,
        case: BenchmarkCase,
        config: BenchmarkConfig,
        weights: str,
        token: CancelToken,
        on_run: Callable[[BenchmarkCase, int, int], None] | None,
    ) -> dict[str, Any]:
        import torch

        is_cuda = device.kind == "cuda"
        sync = torch.cuda.synchronize if is_cuda else (lambda *_a: None)
        if is_cuda:
            torch.cuda.reset_peak_memory_stats(device.id)
        rss_before = _current_rss()
        started = self.clock()
        if case.engine == ONNX:
            forward = self._onnx_forward(spec, device, case, weights, token)
        elif case.engine == OPENVINO:
            forward = self._openvino_forward(spec, device, case, weights, token)
        else:
            forward = self._torch_forward(spec, device, case, weights, token)
        sync()
        load_ms = (self.clock() - started) * 1000
        samples: list[float] = []
        with torch.inference_mode():
            for _ in range(config.warmup):
                token.raise_if_cancelled()
                forward()
            sync()
            budget = config.time_budget_s
            budget_end = None if budget is None else self.clock() + budget
            for run in range(1, config.runs + 1):
                token.raise_if_cancelled()
                sync()
                begin = self.clock()
                forward()
                sync()
                samples.append((self.clock() - begin) * 1000)
                if on_run:
                    on_run(case, run, config.runs)
                if budget_end is not None and run >= 3 and self.clock() >= budget_end:
                    break
        peak: float | None
        if is_cuda:
            peak = torch.cuda.max_memory_allocated(device.id) / 2**20
        else:  # what the model and its activations added to the resident memory
            after = _current_rss()
            grown = None if after is None or rss_before is None else max(after - rss_before, 0)
            peak = None if grown is None else grown / 2**20
        return {**summarize(samples, case.batch), "runs": len(samples), "load_ms": load_ms,
                "peak_memory_mb": peak}  # fmt: skip

    def _torch_forward(
        self, spec: ModelSpec, device: DeviceInfo, case: BenchmarkCase, weights: str,
        token: CancelToken,
    ) -> Callable[[], object]:  # fmt: skip
        import torch

        from app.core.architectures.torch_models import PRECISIONS, build_model, load_model

        if weights == PRETRAINED:
            path = self.store.ensure(spec, token=token)
            model = load_model(spec.arch, spec.num_classes, path, device.id, case.precision)
        else:
            model = build_model(spec.arch, spec.num_classes).eval()
            model = model.to(device=device.id, dtype=PRECISIONS[case.precision])
            model = model.to(memory_format=torch.channels_last)
        size = spec.input_size
        batch = torch.randn(case.batch, 3, size, size, device=device.id).to(
            dtype=PRECISIONS[case.precision], memory_format=torch.channels_last
        )
        return lambda: model(batch)

    def _onnx_forward(
        self, spec: ModelSpec, device: DeviceInfo, case: BenchmarkCase, weights: str,
        token: CancelToken,
    ) -> Callable[[], object]:  # fmt: skip
        """ONNX Runtime on the CPU, as the classifier runs it: a built-in architecture from
        its graph (with random values in speed-only mode, no torch); another one from its
        export (made now if missing, in a child process, checked on the photo), or a
        throwaway export of random weights in speed-only mode."""

        from app.core.inference.runners import OnnxRunner

        batch = _cpu_batch(spec, device, case)
        threads = self.threads or physical_cores()
        store = self.onnx or OnnxCache(self.store.cache_dir)
        if weights == PRETRAINED and has_template(spec.arch):
            runner = store.templated_runner(
                spec, lambda: self.store.ensure(spec, token=token), threads
            )
        elif weights == PRETRAINED:
            runner = OnnxRunner(store.find(spec) or self._export(store, spec, token), threads)
        elif has_template(spec.arch):
            template = template_path(spec.arch).read_bytes()
            runner = OnnxRunner(template, threads, initializers=random_initializers(spec.arch))
        else:
            with tempfile.TemporaryDirectory() as folder:
                path = Path(folder) / "model.onnx"
                export_random(spec, path)
                runner = OnnxRunner(path, threads)
        return lambda: runner.logits(batch)

    def _openvino_forward(
        self, spec: ModelSpec, device: DeviceInfo, case: BenchmarkCase, weights: str,
        token: CancelToken,
    ) -> Callable[[], object]:  # fmt: skip
        """OpenVINO on the CPU, as the classifier runs it: a built-in architecture's saved
        compiled model (compiled now if missing), or compiled with random values in
        speed-only mode."""
        batch = _cpu_batch(spec, device, case)
        if not has_template(spec.arch):
            raise EffnetError(
                translate("Errors", "OpenVINO runs the built-in architectures only, not {name}")
                .format(name=spec.name)
            )  # fmt: skip
        threads = self.threads or physical_cores()
        if weights == PRETRAINED:
            store = self.onnx or OnnxCache(self.store.cache_dir)
            runner = store.openvino_runner(
                spec, lambda: self.store.ensure(spec, token=token), threads
            )
        else:
            runner = OpenVinoRunner.compile(
                spec.arch, lambda: random_initializers(spec.arch), threads
            )
        return lambda: runner.logits(batch)

    def _export(self, store: OnnxCache, spec: ModelSpec, token: CancelToken) -> Path:
        if self.photo is None:
            raise EffnetError(
                translate(
                    "Errors",
                    (
                        "the ONNX file of {name} is made on first use and checked "
                        "against PyTorch on a real photo: give one (--photo), or "
                        "classify one with it first"
                    ),
                ).format(name=spec.name)
            )
        weights = self.store.ensure(spec, token=token)
        sample = preprocess(self.photo, spec.preprocessing)[None]
        return BackgroundExporter(store).export_now(spec, weights, sample, token)


def _cpu_batch(spec: ModelSpec, device: DeviceInfo, case: BenchmarkCase) -> np.ndarray:
    """A random batch for an engine that runs on the CPU in fp32 only; else raises."""
    if device.kind != "cpu" or case.precision != "fp32":
        raise EffnetError(
            translate("Errors", "{engine} is timed on the CPU in fp32 here").format(
                engine=ENGINE_NAMES[case.engine]
            )
        )
    size = spec.input_size
    batch = np.random.default_rng(0).standard_normal((case.batch, 3, size, size))
    return batch.astype(np.float32)


def _release_memory(device: str) -> None:
    """Hand cached GPU memory back between cases (no gc.collect: it would hold the GIL and
    stall the window for a fifth of a second; the case's model is freed by refcount)."""
    if device.startswith("cuda"):
        import torch

        if torch.cuda.is_available():
            torch.cuda.empty_cache()


def _current_rss() -> int | None:
    """Resident memory now, in bytes (Linux); None where it cannot be read."""
    try:
        pages = Path("/proc/self/statm").read_text().split()[1]
        return int(pages) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None
