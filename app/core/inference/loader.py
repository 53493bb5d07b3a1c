"""The one place that hands out a ready runner for (model, device, precision, engine).

It checks the request, finds or fetches the weights, picks the engine (ONNX Runtime,
OpenVINO or PyTorch), loads the model and keeps it in a small LRU, so a photo's trip goes
down through the stores once instead of back and forth between them.
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from app.core.architectures.graphs import has_template
from app.core.cancel import CancelToken
from app.core.errors import Cancelled, DeviceError, ModelLoadError, OutOfMemoryError
from app.core.inference.devices import DeviceInfo, max_threads, physical_cores, resolve_device
from app.core.inference.engine_choice import faster_cpu_engine
from app.core.inference.heads import HeadRunner
from app.core.inference.memory import out_of_memory_as_error
from app.core.inference.onnx_cache import BackgroundExporter, OnnxCache
from app.core.inference.openvino_runner import openvino_version
from app.core.inference.runners import (
    AUTO,
    ENGINES,
    ONNX,
    OPENVINO,
    TORCH,
    OnnxRunner,
    Runner,
    TorchRunner,
)
from app.core.models.catalog import Catalog, ModelSpec
from app.core.weights.download import ProgressCallback
from app.core.weights.store import NoticeCallback, WeightsStore
from app.edition import full_edition_hint
from app.i18n import translate

log = logging.getLogger(__name__)
DEFAULT_MEMORY_CAP = 2 * 1024**3  # bytes of loaded weights kept for instant switching back
StageCallback = Callable[[str], None]
LoadedKey = tuple[str, str, str, str]  # model, device, precision, engine


@dataclass(frozen=True)
class Ready:
    """A loaded runner and what getting it cost (0 ms when it was already loaded)."""

    runner: Runner
    weights_ms: float = 0.0
    load_ms: float = 0.0


@dataclass
class Fetching:
    """How a load reports and stops: all optional, for callers that show nothing."""

    token: CancelToken
    progress: ProgressCallback | None = None
    notice: NoticeCallback | None = None
    announce: StageCallback = lambda _stage: None


class ModelLoader:
    """Ready runners, checked and cached; not thread-safe (the classifier serialises).

    Loaded models stay in an LRU keyed by (model, device, precision, engine) whose total
    size is capped, so switching back to a model is instant. On the CPU the ``auto``
    engine runs a built-in architecture on ONNX Runtime or OpenVINO, whichever this
    computer measured faster (:mod:`app.core.inference.engine_choice`); another
    architecture on ONNX Runtime once its ONNX file exists, until then on PyTorch, with the
    file exported in the background.
    """

    def __init__(
        self,
        catalog: Catalog,
        store: WeightsStore,
        onnx: OnnxCache | None,
        threads: int | None = None,
        memory_cap_bytes: int = DEFAULT_MEMORY_CAP,
    ) -> None:
        self.catalog = catalog
        self.store = store
        self.onnx = onnx
        self.exporter = BackgroundExporter(onnx) if onnx is not None else None
        self.threads = min(threads or physical_cores(), max_threads())
        self.memory_cap_bytes = memory_cap_bytes
        self.loaded: OrderedDict[LoadedKey, Runner] = OrderedDict()
        self._openvino_failed: set[str] = set()  # models "auto" runs on ONNX Runtime instead

    def check(
        self, model_id: str, device: str, precision: str, engine: str
    ) -> tuple[ModelSpec, DeviceInfo]:
        """The model and device asked for, or a clear error if they cannot run together."""
        spec = self.catalog.get(model_id)
        target = resolve_device(device)
        if precision not in target.precisions:
            raise DeviceError(
                translate("Errors", "{id} cannot run {precision}; choose {precisions}").format(
                    id=target.id, precision=precision, precisions=", ".join(target.precisions)
                )
            )
        if engine not in ENGINES:
            raise DeviceError(
                translate("Errors", "unknown engine '{engine}'; choose {engines}").format(
                    engine=engine, engines=", ".join(ENGINES)
                )
            )
        if engine == OPENVINO:
            self._check_openvino(spec, target)
        if engine == ONNX and target.onnx_provider is None:
            raise DeviceError(
                translate(
                    "Errors", "ONNX Runtime runs models on the CPU here; choose PyTorch for GPUs"
                )
            )
        if engine == ONNX and self.onnx is None and not has_template(spec.arch):
            raise DeviceError(
                translate("Errors", "{name} has no ONNX graph here; choose PyTorch").format(
                    name=spec.name
                )
            )
        if target.onnx_provider is not None and target.kind != "cpu":
            if engine == TORCH:
                raise DeviceError(
                    translate("Errors", "{name} runs models with ONNX Runtime, not PyTorch").format(
                        name=target.name
                    )
                )
            if not has_template(spec.arch):
                raise DeviceError(
                    translate("Errors", "{name} runs on the CPU or with PyTorch, not here").format(
                        name=spec.name
                    )
                )
        return spec, target

    def _check_openvino(self, spec: ModelSpec, target: DeviceInfo) -> None:
        if openvino_version() is None or self.onnx is None:
            raise DeviceError(
                translate("Errors", "OpenVINO is not installed here; choose ONNX Runtime")
            )
        if target.kind != "cpu":
            raise DeviceError(
                translate("Errors", "OpenVINO runs models on the CPU here; choose PyTorch for GPUs")
            )
        if not has_template(spec.arch):
            raise DeviceError(
                translate(
                    "Errors", "{name} has no built-in graph for OpenVINO; choose ONNX Runtime"
                ).format(name=spec.name)
            )

    def ready(
        self,
        spec: ModelSpec,
        target: DeviceInfo,
        precision: str,
        engine: str,
        fetching: Fetching,
        photo: Callable[[], np.ndarray],
    ) -> Ready:
        """The runner for this model, device, precision and engine, loading it if needed.

        On the CPU a built-in architecture runs on ONNX Runtime or OpenVINO (no torch):
        from its saved optimised graph or compiled model, or else from its graph template
        and the weights file. Another architecture runs on PyTorch, or on an ONNX file
        exported from it; ``photo`` gives the preprocessed photo an explicit export is
        checked on.
        """
        if spec.head is not None:  # a label set: its model, with the head on top
            ready = self.ready(spec.head.backbone, target, precision, engine, fetching, photo)
            return replace(ready, runner=HeadRunner(ready.runner, spec.head))
        graph_engine = self._graph_engine(spec, target, engine)
        # OpenVINO's own saved model is checked below; ONNX Runtime's is not hashed for it.
        onnx_file = None if graph_engine == OPENVINO else self._onnx_file(spec, target, engine)
        chosen = graph_engine or (ONNX if onnx_file is not None else TORCH)
        key = (spec.id, target.id, precision, chosen)
        cached = self.loaded.get(key)
        if cached is not None:
            self.loaded.move_to_end(key)
            return Ready(cached)

        def fetch() -> Path:
            return self.store.ensure(
                spec, progress=fetching.progress, token=fetching.token, notice=fetching.notice
            )

        saved = (
            self.onnx.find_compiled(spec) if graph_engine == OPENVINO and self.onnx else onnx_file
        )
        weights_ms, weights = 0.0, None
        if saved is None or (engine == ONNX and graph_engine is None):
            fetching.announce("weights")
            started = time.perf_counter()
            weights = fetch()
            weights_ms = ms_since(started)
        fetching.announce("load")
        fetching.token.raise_if_cancelled()
        started = time.perf_counter()
        with out_of_memory_as_error(target, spec):
            if graph_engine is not None:
                runner = self._graph_runner(
                    spec,
                    target,
                    graph_engine,
                    lambda: weights or fetch(),
                    chosen_for_us=engine == AUTO,
                )
            else:
                if engine == ONNX and onnx_file is None:
                    assert self.exporter is not None and weights is not None
                    onnx_file = self.exporter.export_now(spec, weights, photo(), fetching.token)
                runner = self._load(spec, target, precision, onnx_file, weights)
        load_ms = ms_since(started)
        self._remember((spec.id, target.id, precision, runner.engine), runner)
        return Ready(runner, weights_ms, load_ms)

    def _graph_runner(
        self,
        spec: ModelSpec,
        target: DeviceInfo,
        engine: str,
        weights: Callable[[], Path],
        chosen_for_us: bool,
    ) -> Runner:
        """ONNX Runtime or OpenVINO from the built-in graph; ``weights`` is asked for only
        when no optimised or compiled model is saved. Where "auto" chose OpenVINO and it
        cannot compile the model, ONNX Runtime runs it."""
        assert self.onnx is not None
        with self._setting_aside_if_unloadable(spec):
            if engine == OPENVINO:
                try:
                    return self.onnx.openvino_runner(spec, weights, self.threads)
                except (ModelLoadError, Cancelled):
                    raise
                except Exception as error:
                    if not chosen_for_us:
                        raise
                    log.warning("OpenVINO cannot run %s (%s); using ONNX Runtime", spec.id, error)
                    self._openvino_failed.add(spec.id)
                return self.onnx.templated_runner(spec, weights, self.threads)
            if target.kind == "cpu":
                return self.onnx.templated_runner(spec, weights, self.threads)
            assert target.onnx_provider is not None  # an accelerator optimises at each load
            return OnnxRunner.from_template(
                spec.arch, weights(), self.threads, provider=target.onnx_provider
            )

    def _graph_engine(self, spec: ModelSpec, target: DeviceInfo, engine: str) -> str | None:
        """The engine that runs ``spec`` from its built-in graph, without torch: ONNX
        Runtime or OpenVINO; None when PyTorch runs it."""
        if engine == TORCH or target.onnx_provider is None or self.onnx is None:
            return None
        if not has_template(spec.arch):
            return None
        if target.kind != "cpu" or engine == ONNX:
            return ONNX
        if engine == OPENVINO:
            return OPENVINO
        if spec.id in self._openvino_failed:  # "auto"
            return ONNX
        return faster_cpu_engine(self.onnx.cache_dir, self.threads)

    def exports_first(self, spec: ModelSpec, target: DeviceInfo, engine: str) -> bool:
        """True when an explicit ONNX request must export a file from PyTorch first."""
        spec = spec.head.backbone if spec.head is not None else spec
        return (
            engine == ONNX
            and self._graph_engine(spec, target, engine) is None
            and self._onnx_file(spec, target, engine) is None
        )

    def _onnx_file(self, spec: ModelSpec, target: DeviceInfo, engine: str) -> Path | None:
        if engine in (TORCH, OPENVINO) or target.kind != "cpu" or self.onnx is None:
            return None
        return self.onnx.find(spec)

    def _load(
        self,
        spec: ModelSpec,
        target: DeviceInfo,
        precision: str,
        onnx_file: Path | None,
        weights: Path | None,
    ) -> Runner:
        if onnx_file is not None:
            try:
                runner: Runner = OnnxRunner(onnx_file, self.threads)
                # Without torch around, the model's PyTorch copy is of no further use.
                self.loaded.pop((spec.id, target.id, precision, TORCH), None)
                return runner
            except Exception as error:  # a damaged file: back to PyTorch, export again
                log.warning("cannot load %s (%s); using PyTorch", onnx_file.name, error)
                assert self.onnx is not None
                self.onnx.remove(spec)
                weights = self.store.ensure(spec)
        assert weights is not None
        try:
            import torch

            from app.core.architectures.torch_models import load_model
        except ImportError:
            raise DeviceError(
                translate(
                    "Errors",
                    (
                        "{name} needs PyTorch, which this installation does not have "
                        "(the full edition, {FULL_EDITION_PACKAGE}, has it)"
                    ),
                ).format(name=spec.name, FULL_EDITION_PACKAGE=full_edition_hint())
            ) from None
        if target.kind == "cpu":
            torch.set_num_threads(self.threads)
        with self._setting_aside_if_unloadable(spec):
            module = load_model(spec.arch, spec.num_classes, weights, target.id, precision)
        return TorchRunner(module, target.id, precision)

    @contextlib.contextmanager
    def _setting_aside_if_unloadable(self, spec: ModelSpec) -> Iterator[None]:
        """A weights file that does not load is moved aside, so the next try fetches it anew."""
        try:
            yield
        except ModelLoadError as error:
            aside = self.store.set_aside(spec)
            if aside is None:
                raise
            raise ModelLoadError(
                translate("Errors", "{error}; it was moved aside to {file}").format(
                    error=error, file=aside.name
                )
            ) from None

    def offer_export(
        self,
        spec: ModelSpec,
        target: DeviceInfo,
        engine: str,
        runner: Runner,
        photo: Callable[[], np.ndarray],
    ) -> None:
        """With PyTorch on the CPU, have the ONNX file made (checked on ``photo``) for later."""
        if engine != AUTO or target.kind != "cpu" or runner.engine != TORCH:
            return
        spec = spec.head.backbone if spec.head is not None else spec
        if self.exporter is not None and self.exporter.failure(spec) is None:
            self.exporter.request(spec, self.store.path_for(spec), photo())

    def _remember(self, key: LoadedKey, runner: Runner) -> None:
        self.loaded[key] = runner
        while len(self.loaded) > 1 and self._total_bytes() > self.memory_cap_bytes:
            self.loaded.popitem(last=False)

    def _total_bytes(self) -> int:
        return sum(runner.size_bytes for runner in self.loaded.values())

    @contextlib.contextmanager
    def evicting_on_out_of_memory(self, target: DeviceInfo) -> Iterator[None]:
        """After an out-of-memory error, drop the device's models so the next try can fit."""
        try:
            yield
        except OutOfMemoryError:
            for key in [key for key in self.loaded if key[1] == target.id]:
                del self.loaded[key]
            raise


def ms_since(started: float) -> float:
    return (time.perf_counter() - started) * 1000.0
