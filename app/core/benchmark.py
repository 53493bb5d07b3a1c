"""Timed runs of catalog models, done the way careful harnesses do them.

Warm-up first; on GPUs the device is synchronised before the clock is read; each case
reports median, p90, min and throughput, peak memory, and the model's load time apart from
the runs. A model whose weights are not downloaded can be timed with random weights in
speed-only mode (speed does not depend on weight values); such results say so.
"""

from __future__ import annotations

import csv
import io
import json
import os
import platform
import statistics
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field, fields
from importlib import metadata
from pathlib import Path
from typing import Any

from PIL import Image

from app.core.cancel import CancelToken
from app.core.catalog import Catalog, ModelSpec
from app.core.classifier import is_out_of_memory
from app.core.devices import DeviceInfo, cpu_name, physical_cores, resolve_device
from app.core.errors import Cancelled, EffnetError, os_reason
from app.core.graphs import has_template, random_initializers, template_path
from app.core.onnx_store import BackgroundExporter, OnnxStore, export_random
from app.core.preprocess import preprocess
from app.core.runners import ONNX, TORCH
from app.core.spreadsheet import safe_cell
from app.core.weights import WeightsStore
from app.i18n import translate

PRETRAINED, RANDOM = "pretrained", "random"
OK, OUT_OF_MEMORY, FAILED = "ok", "out of memory", "failed"
Clock = Callable[[], float]


@dataclass(frozen=True)
class BenchmarkCase:
    model_id: str
    device: str
    precision: str
    batch: int
    engine: str = TORCH


@dataclass(frozen=True)
class BenchmarkConfig:
    models: tuple[str, ...]
    devices: tuple[str, ...] = ("cpu",)
    precisions: tuple[str, ...] = ("fp32",)
    batches: tuple[int, ...] = (1,)
    warmup: int = 3
    runs: int = 10
    time_budget_s: float | None = None  # per case: stop timing once it is spent (after 3 runs)
    threads: int | None = None  # CPU intra-op threads; None leaves torch's default
    speed_only: bool = False  # time models without weights using random weights
    engines: tuple[str, ...] = (TORCH,)  # torch and/or onnx (ONNX Runtime, CPU only)

    def cases(self) -> list[BenchmarkCase]:
        return [
            BenchmarkCase(model, device, precision, batch, engine)
            for engine in self.engines
            for device in self.devices
            for precision in self.precisions
            for batch in self.batches
            for model in self.models
        ]


@dataclass(frozen=True)
class CaseResult:
    model: str
    device: str
    precision: str
    batch: int
    weights: str  # "pretrained" or "random"
    status: str  # "ok", "out of memory", "failed"
    error: str = ""
    runs: int = 0
    median_ms: float | None = None
    p90_ms: float | None = None
    min_ms: float | None = None
    images_per_s: float | None = None
    peak_memory_mb: float | None = None
    load_ms: float | None = None
    params: int | None = None
    gflops: float | None = None
    top1: float | None = None
    engine: str = TORCH


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


@dataclass
class BenchmarkReport:
    environment: Environment
    results: list[CaseResult] = field(default_factory=list)
    cancelled: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "environment": asdict(self.environment),
            "results": [asdict(r) for r in self.results],
            "cancelled": self.cancelled,
        }

    @classmethod
    def from_json(cls, document: dict[str, Any]) -> BenchmarkReport:
        environment = dict(document["environment"])
        environment["gpus"] = tuple(environment.get("gpus", ()))
        return cls(
            Environment(**environment),
            [CaseResult(**r) for r in document["results"]],
            bool(document.get("cancelled", False)),
        )

    def to_csv(self) -> str:
        buffer = io.StringIO()
        names = [f.name for f in fields(CaseResult)]
        writer = csv.DictWriter(buffer, fieldnames=names, lineterminator="\n")
        writer.writeheader()
        for result in self.results:
            writer.writerow({name: safe_cell(value) for name, value in asdict(result).items()})
        return buffer.getvalue()

    @staticmethod
    def results_from_csv(text: str) -> list[CaseResult]:
        kinds = {f.name: str(f.type) for f in fields(CaseResult)}
        return [
            CaseResult(**{name: _from_csv(kinds[name], raw) for name, raw in row.items()})
            for row in csv.DictReader(io.StringIO(text))
        ]

    def dumps(self) -> str:
        return json.dumps(self.to_json(), indent=2)

    @classmethod
    def load(cls, path: Path) -> BenchmarkReport:
        """A report saved as JSON (by the app or by ``effnet benchmark --json``)."""
        try:
            return cls.from_json(json.loads(path.read_text(encoding="utf-8")))
        except OSError as error:
            raise EffnetError(
                translate("Errors", "{path}: cannot read ({strerror})").format(
                    path=path, strerror=os_reason(error)
                )
            ) from None
        except (ValueError, KeyError, TypeError) as error:
            raise EffnetError(
                translate("Errors", "{path}: not a benchmark results file ({error})").format(
                    path=path, error=error
                )
            ) from None


def _from_csv(kind: str, raw: str) -> Any:
    if raw == "" and "None" in kind:
        return None
    if kind.startswith("int"):
        return int(raw)
    if kind.startswith("float"):
        return float(raw)
    return raw


def summarize(samples_ms: Sequence[float], batch: int) -> dict[str, float]:
    """Median, 90th percentile (nearest rank), minimum, and images per second at the median."""
    ordered = sorted(samples_ms)
    median = statistics.median(ordered)
    p90 = ordered[max(0, -(-len(ordered) * 9 // 10) - 1)]
    return {
        "median_ms": median,
        "p90_ms": p90,
        "min_ms": ordered[0],
        "images_per_s": batch * 1000.0 / median if median > 0 else float("inf"),
    }


# The spread that says the computer was busy while timing: the 90th-percentile run at
# least 1.5× the median. Idle, repeated runs of one model stay far closer (on a 2-core
# VM, `effnet benchmark --models lite0,b0,b1,b2 --engine torch,onnx --runs 20
# --speed-only`: p90/median 1.01–1.09), so a spread this wide comes from other programs
# taking the processor, not from the model.
BUSY_SPREAD = 1.5


def was_busy(result: CaseResult) -> bool:
    """True when ``result``'s timings vary too much to trust (see BUSY_SPREAD)."""
    if result.status != OK or not result.median_ms or result.p90_ms is None:
        return False
    return result.p90_ms >= BUSY_SPREAD * result.median_ms


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


class Benchmark:
    """Runs the cases of a config one after another; cancellable between runs."""

    def __init__(
        self,
        catalog: Catalog,
        store: WeightsStore,
        clock: Clock = time.perf_counter,
        onnx: OnnxStore | None = None,
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

        from app.core.devices import list_devices

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
            timed = self._time(spec, device, case, config, weights, token, on_run)
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

        from app.core.models import PRECISIONS, build_model, load_model

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
        import numpy as np

        from app.core.runners import OnnxRunner

        if device.kind != "cpu" or case.precision != "fp32":
            raise EffnetError(translate("Errors", "ONNX Runtime is timed on the CPU in fp32 here"))
        size = spec.input_size
        batch = np.random.default_rng(0).standard_normal((case.batch, 3, size, size))
        batch = batch.astype(np.float32)
        threads = self.threads or physical_cores()
        store = self.onnx or OnnxStore(self.store.cache_dir)
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

    def _export(self, store: OnnxStore, spec: ModelSpec, token: CancelToken) -> Path:
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
