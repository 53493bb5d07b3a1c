"""Photo in, top-k labels out: load (with an LRU of loaded models), preprocess, infer, time."""

from __future__ import annotations

import contextlib
import logging
import sys
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
from PIL import Image

from app.core.cancel import CancelToken
from app.core.catalog import Catalog, ModelSpec
from app.core.devices import DeviceInfo, max_threads, physical_cores, resolve_device
from app.core.download import ProgressCallback
from app.core.errors import (
    DeviceError,
    EffnetError,
    ImageError,
    ModelLoadError,
    OutOfMemoryError,
)
from app.core.explain import Activations
from app.core.graphs import has_template
from app.core.images import DRAFT_FACTOR, open_image
from app.core.onnx_store import BackgroundExporter, OnnxStore
from app.core.preprocess import preprocess
from app.core.runners import ENGINES, ONNX, TORCH, OnnxRunner, Runner, TorchRunner
from app.core.weights import NoticeCallback, WeightsStore
from app.edition import FULL_EDITION_PACKAGE
from app.i18n import translate

log = logging.getLogger(__name__)
DEFAULT_MODEL = "lite0"
DEFAULT_MEMORY_CAP = 2 * 1024**3  # bytes of loaded weights kept for instant switching back
StageCallback = Callable[[str], None]


@dataclass(frozen=True)
class TopClass:
    rank: int
    index: int
    label: str
    probability: float


@dataclass(frozen=True)
class StageTimings:
    """Milliseconds spent in each stage; 0 for a stage that had nothing to do."""

    weights: float = 0.0
    load: float = 0.0
    preprocess: float = 0.0
    inference: float = 0.0

    @property
    def total(self) -> float:
        return self.weights + self.load + self.preprocess + self.inference


@dataclass(frozen=True)
class Prediction:
    model_id: str
    model_name: str
    device: str
    precision: str
    top: tuple[TopClass, ...]
    timings: StageTimings
    engine: str = TORCH  # which runtime answered: "torch" or "onnx"
    activations: Activations | None = None  # asked for with classify(explain=True)


def top_classes(probabilities: np.ndarray, labels: tuple[str, ...], k: int) -> tuple[TopClass, ...]:
    """The ``k`` most probable classes, best first (ties keep the lower index first)."""
    k = max(1, min(k, probabilities.shape[-1]))
    order = np.argsort(-probabilities, kind="stable")[:k]
    return tuple(
        TopClass(rank, int(index), labels[index], float(probabilities[index]))
        for rank, index in enumerate(order, start=1)
    )


class Classifier:
    """Runs catalog models on a device; one caller at a time (a lock serialises calls).

    Loaded models stay in a small LRU keyed by (model, device, precision, engine) whose
    total size is capped, so switching back to a model is instant. On the CPU the ``auto``
    engine uses ONNX Runtime once the model's ONNX file exists; until then it answers with
    PyTorch and has the file exported in the background.
    """

    def __init__(
        self,
        catalog: Catalog,
        store: WeightsStore,
        *,
        onnx: OnnxStore | None = None,
        threads: int | None = None,
        memory_cap_bytes: int = DEFAULT_MEMORY_CAP,
    ) -> None:
        self.catalog = catalog
        self.store = store
        self.onnx = onnx
        self.exporter = BackgroundExporter(onnx) if onnx is not None else None
        self.threads = min(threads or physical_cores(), max_threads())
        self.memory_cap_bytes = memory_cap_bytes
        self._loaded: OrderedDict[tuple[str, str, str, str], Runner] = OrderedDict()
        self._lock = threading.Lock()

    def loaded_keys(self) -> list[tuple[str, str, str, str]]:
        return list(self._loaded)

    def classify(
        self,
        image: Image.Image | Path,
        model_id: str = DEFAULT_MODEL,
        device: str = "auto",
        precision: str = "fp32",
        top_k: int = 5,
        *,
        engine: str = "auto",
        token: CancelToken | None = None,
        progress: ProgressCallback | None = None,
        notice: NoticeCallback | None = None,
        stage: StageCallback | None = None,
        explain: bool = False,
    ) -> Prediction:
        """Classify one photo (a path or an RGB image); cancellable between stages.

        ``stage`` is told "weights", "load", "preprocess" and "inference" as each begins.
        ``explain`` keeps what draws each class's activation map (see app.core.explain)
        in the prediction.
        """
        token = token or CancelToken()
        announce = stage or (lambda _name: None)
        spec, target = self._check(model_id, device, precision, engine)
        prepared: list[tuple[np.ndarray, float, tuple[int, int]]] = []

        def photo() -> np.ndarray:
            if not prepared:
                started = time.perf_counter()
                pixels, size = _prepared_pixels(image, spec, draft=False)
                prepared.append((pixels[None], _ms_since(started), size))
            return prepared[0][0]

        with self._lock, self._evicting_on_out_of_memory(target):
            runner, weights_ms, load_ms = self._runner(
                spec, target, precision, engine, token, progress, notice, announce, photo
            )
            announce("preprocess")
            token.raise_if_cancelled()
            pixels = photo()
            preprocess_ms = prepared[0][1]
            announce("inference")
            token.raise_if_cancelled()
            started = time.perf_counter()
            activations = None
            with _out_of_memory_as_error(target, spec):
                if explain:
                    probabilities, features, classifier = runner.explain(pixels, token)
                    activations = Activations(
                        features[0], classifier, prepared[0][2], spec.preprocessing
                    )
                else:
                    probabilities = runner.probabilities(pixels, token)
            inference_ms = _ms_since(started)
        self._offer_export(spec, target, engine, runner, photo)
        return Prediction(
            model_id=spec.id,
            model_name=spec.name,
            device=target.id,
            precision=precision,
            top=top_classes(probabilities[0], spec.labels, top_k),
            timings=StageTimings(weights_ms, load_ms, preprocess_ms, inference_ms),
            engine=runner.engine,
            activations=activations,
        )

    def classify_many(
        self,
        images: Iterable[Path],
        model_id: str = DEFAULT_MODEL,
        device: str = "auto",
        precision: str = "fp32",
        top_k: int = 5,
        *,
        engine: str = "auto",
        batch_size: int = 8,
        token: CancelToken | None = None,
        on_result: Callable[[Path, Prediction | EffnetError], None],
    ) -> float:
        """Classify many photos: the next few are decoded on a small thread pool while a
        batch runs. Each photo's outcome goes to ``on_result`` in order; returns images/s.

        At most ``batch_size`` photos are decoded ahead, so memory stays bounded whatever
        the number of photos, and a cancel waits for at most the decodes under way.
        """
        token = token or CancelToken()
        spec, target = self._check(model_id, device, precision, engine)
        paths = list(images)
        started = time.perf_counter()

        def first_photo() -> np.ndarray:
            for path in paths:
                outcome = self._prepare(path, spec)
                if not isinstance(outcome, EffnetError):
                    return outcome[0][None]
            raise EffnetError(translate("Errors", "none of the photos could be opened"))

        with self._lock, self._evicting_on_out_of_memory(target):
            runner, weights_ms, load_ms = self._runner(
                spec, target, precision, engine, token, None, None, lambda _name: None, first_photo
            )
        self._offer_export(spec, target, engine, runner, first_photo)
        # The first answer carries the cost of getting the model ready, as classify() does.
        setup = [StageTimings(weights=weights_ms, load=load_ms)]

        def run(batch: list[tuple[Path, np.ndarray, float]]) -> None:
            self._run_batch(spec, target, precision, runner, batch, top_k, setup, token, on_result)

        waiting = iter(paths)
        pending: deque[tuple[Path, Future[tuple[np.ndarray, float] | EffnetError]]] = deque()
        with ThreadPoolExecutor(max_workers=2, thread_name_prefix="decode") as pool:
            try:
                batch: list[tuple[Path, np.ndarray, float]] = []
                while True:
                    while len(pending) < batch_size and (path := next(waiting, None)):
                        pending.append((path, pool.submit(self._prepare, path, spec)))
                    if not pending:
                        break
                    token.raise_if_cancelled()
                    path, future = pending.popleft()
                    outcome = future.result()
                    token.raise_if_cancelled()
                    if isinstance(outcome, EffnetError):
                        if batch:  # answers stay in the photos' order
                            run(batch)
                            batch = []
                        on_result(path, outcome)
                        continue
                    batch.append((path, *outcome))
                    if len(batch) == batch_size:
                        run(batch)
                        batch = []
                if batch:
                    run(batch)
            finally:
                for _, future in pending:
                    future.cancel()
        return len(paths) / max(time.perf_counter() - started, 1e-9)

    def _prepare(self, path: Path, spec: ModelSpec) -> tuple[np.ndarray, float] | EffnetError:
        started = time.perf_counter()
        try:
            pixels, _size = _prepared_pixels(path, spec, draft=True)
        except EffnetError as error:
            return error
        return pixels, _ms_since(started)

    def _run_batch(
        self,
        spec: ModelSpec,
        target: DeviceInfo,
        precision: str,
        runner: Runner,
        batch: list[tuple[Path, np.ndarray, float]],
        top_k: int,
        setup: list[StageTimings],
        token: CancelToken,
        on_result: Callable[[Path, Prediction | EffnetError], None],
    ) -> None:
        pixels = np.stack([item[1] for item in batch])
        started = time.perf_counter()
        with self._lock, _out_of_memory_as_error(target, spec):
            probabilities = runner.probabilities(pixels, token)
        share = _ms_since(started) / len(batch)
        for (path, _, preprocess_ms), row in zip(batch, probabilities, strict=True):
            ready = setup.pop() if setup else StageTimings()
            timings = replace(ready, preprocess=preprocess_ms, inference=share)
            top = top_classes(row, spec.labels, top_k)
            on_result(
                path,
                Prediction(spec.id, spec.name, target.id, precision, top, timings, runner.engine),
            )

    def preload(
        self, model_id: str, device: str = "auto", precision: str = "fp32", engine: str = "auto"
    ) -> None:
        """Load a model before its first photo, so the first answer comes sooner."""
        spec, target = self._check(model_id, device, precision, engine)
        exporting = not self._templated(spec, target, engine)
        if engine == ONNX and exporting and self._onnx_file(spec, target, engine) is None:
            engine = "auto"  # exporting needs a real photo to check against: wait for one
        size = spec.input_size
        blank = np.zeros((1, 3, size, size), np.float32)
        with self._lock, self._evicting_on_out_of_memory(target):
            runner, _, _ = self._runner(
                spec, target, precision, engine, CancelToken(), None, None, lambda _name: None,
                lambda: blank,
            )  # fmt: skip
            # One run on a blank photo: a GPU's first call sets up its kernels (seconds).
            runner.probabilities(blank)

    def _check(
        self, model_id: str, device: str, precision: str, engine: str
    ) -> tuple[ModelSpec, DeviceInfo]:
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

    def _runner(
        self,
        spec: ModelSpec,
        target: DeviceInfo,
        precision: str,
        engine: str,
        token: CancelToken,
        progress: ProgressCallback | None,
        notice: NoticeCallback | None,
        announce: StageCallback,
        photo: Callable[[], np.ndarray],
    ) -> tuple[Runner, float, float]:
        """The runner for this model, device, precision and engine, loading it if needed.

        On the CPU a built-in architecture runs on ONNX Runtime (no torch): from its saved
        optimised graph, or else from its graph template and the weights file. Another
        architecture runs on PyTorch, or on an ONNX file exported from it; ``photo`` gives
        the preprocessed photo an explicit export is checked on.
        """
        templated = self._templated(spec, target, engine)
        onnx_file = self._onnx_file(spec, target, engine)
        chosen = ONNX if templated or onnx_file is not None else TORCH
        key = (spec.id, target.id, precision, chosen)
        cached = self._loaded.get(key)
        if cached is not None:
            self._loaded.move_to_end(key)
            return cached, 0.0, 0.0
        weights_ms, weights = 0.0, None
        if onnx_file is None or (engine == ONNX and not templated):
            announce("weights")
            started = time.perf_counter()
            weights = self.store.ensure(spec, progress=progress, token=token, notice=notice)
            weights_ms = _ms_since(started)
        announce("load")
        token.raise_if_cancelled()
        started = time.perf_counter()
        with _out_of_memory_as_error(target, spec):
            if templated:
                assert self.onnx is not None

                def verified_weights() -> Path:  # only when no optimised file is saved
                    if weights is not None:
                        return weights
                    return self.store.ensure(spec, progress=progress, token=token, notice=notice)

                with self._setting_aside_if_unloadable(spec):
                    if target.kind == "cpu":
                        runner: Runner = self.onnx.templated_runner(
                            spec, verified_weights, self.threads
                        )
                    else:  # an accelerator optimises for itself at each load
                        assert target.onnx_provider is not None
                        runner = OnnxRunner.from_template(
                            spec.arch, verified_weights(), self.threads,
                            provider=target.onnx_provider,
                        )  # fmt: skip
            else:
                if engine == ONNX and onnx_file is None:
                    assert self.exporter is not None and weights is not None
                    onnx_file = self.exporter.export_now(spec, weights, photo(), token)
                runner = self._load(spec, target, precision, onnx_file, weights)
        load_ms = _ms_since(started)
        self._remember(key, runner)
        return runner, weights_ms, load_ms

    def _templated(self, spec: ModelSpec, target: DeviceInfo, engine: str) -> bool:
        """True when ``spec`` runs on ONNX Runtime from its built-in graph (no torch)."""
        on_onnx = engine != TORCH and target.onnx_provider is not None and self.onnx is not None
        return on_onnx and has_template(spec.arch)

    def _onnx_file(self, spec: ModelSpec, target: DeviceInfo, engine: str) -> Path | None:
        if engine == TORCH or target.kind != "cpu" or self.onnx is None:
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
                self._loaded.pop((spec.id, target.id, precision, TORCH), None)
                return runner
            except Exception as error:  # a damaged file: back to PyTorch, export again
                log.warning("cannot load %s (%s); using PyTorch", onnx_file.name, error)
                assert self.onnx is not None
                self.onnx.remove(spec)
                weights = self.store.ensure(spec)
        assert weights is not None
        try:
            import torch

            from app.core.models import load_model
        except ImportError:
            raise DeviceError(
                translate(
                    "Errors",
                    (
                        "{name} needs PyTorch, which this installation does not have "
                        "(the full edition, {FULL_EDITION_PACKAGE}, has it)"
                    ),
                ).format(name=spec.name, FULL_EDITION_PACKAGE=FULL_EDITION_PACKAGE)
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

    def _offer_export(
        self,
        spec: ModelSpec,
        target: DeviceInfo,
        engine: str,
        runner: Runner,
        photo: Callable[[], np.ndarray],
    ) -> None:
        """With PyTorch on the CPU, have the ONNX file made (checked on ``photo``) for later."""
        if engine != "auto" or target.kind != "cpu" or runner.engine != TORCH:
            return
        if self.exporter is not None and self.exporter.failure(spec) is None:
            self.exporter.request(spec, self.store.path_for(spec), photo())

    def _remember(self, key: tuple[str, str, str, str], runner: Runner) -> None:
        self._loaded[key] = runner
        while len(self._loaded) > 1 and self._total_bytes() > self.memory_cap_bytes:
            self._loaded.popitem(last=False)

    def _total_bytes(self) -> int:
        return sum(runner.size_bytes for runner in self._loaded.values())

    @contextlib.contextmanager
    def _evicting_on_out_of_memory(self, target: DeviceInfo) -> Iterator[None]:
        """After an out-of-memory error, drop the device's models so the next try can fit."""
        try:
            yield
        except OutOfMemoryError:
            for key in [key for key in self._loaded if key[1] == target.id]:
                del self._loaded[key]
            raise

    def unload(self) -> None:
        """Forget every loaded model (frees their memory)."""
        with self._lock:
            self._loaded.clear()


@contextlib.contextmanager
def _out_of_memory_as_error(target: DeviceInfo, spec: ModelSpec) -> Iterator[None]:
    """Turn an out-of-memory error into advice, freeing what the failed attempt held."""
    try:
        yield
    except Exception as error:
        if not is_out_of_memory(error):
            raise
        if target.kind == "cuda":
            import torch

            torch.cuda.empty_cache()
        advice = "choose a smaller model" + (" or the CPU" if target.is_gpu else "")
        raise OutOfMemoryError(
            translate("Errors", "{id} ran out of memory running {name}: {advice}").format(
                id=target.id, name=spec.name, advice=advice
            )
        ) from None


def is_out_of_memory(error: BaseException) -> bool:
    torch = sys.modules.get("torch")  # never imported just to ask
    if isinstance(error, MemoryError) or (
        torch is not None and isinstance(error, torch.OutOfMemoryError)
    ):
        return True
    return isinstance(error, RuntimeError) and "out of memory" in str(error).lower()


def _prepared_pixels(
    image: Image.Image | Path, spec: ModelSpec, *, draft: bool
) -> tuple[np.ndarray, tuple[int, int]]:
    """The model's input for one photo, with the photo's size as displayed (after EXIF
    rotation); ``draft`` allows reduced-size JPEG decoding (batches), which changes the size.

    Running out of memory on one photo is that photo's error, not the batch's end.
    """
    name = str(image) if isinstance(image, Path) else "the image"
    try:
        if isinstance(image, Path):
            least = DRAFT_FACTOR * spec.preprocessing.resize if draft else None
            image = open_image(image, min_short_side=least)
        return preprocess(image, spec.preprocessing), image.size
    except MemoryError:
        raise ImageError(
            translate("Errors", "{name} is too large to process with the memory available").format(
                name=name
            )
        ) from None


def _ms_since(started: float) -> float:
    return (time.perf_counter() - started) * 1000.0


def open_classifier(catalog: Catalog, cache_dir: Path, threads: int | None = None) -> Classifier:
    """A classifier over the weights and ONNX files of one cache folder."""
    return Classifier(
        catalog,
        WeightsStore(cache_dir),
        onnx=OnnxStore(cache_dir),
        threads=threads,
    )
