"""Photo in, top-k labels out: load (with an LRU of loaded models), preprocess, infer, time."""

from __future__ import annotations

import contextlib
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

from app.core.cancel import CancelToken
from app.core.catalog import Catalog, ModelSpec
from app.core.devices import DeviceInfo, resolve_device
from app.core.download import ProgressCallback
from app.core.errors import DeviceError, OutOfMemoryError
from app.core.images import open_image
from app.core.preprocess import preprocess
from app.core.weights import NoticeCallback, WeightsStore

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


@dataclass
class _LoadedModel:
    module: Any  # a torch.nn.Module; untyped so that importing this module needs no torch
    size_bytes: int


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

    Loaded models stay in a small LRU keyed by (model, device, precision) whose total
    weight size is capped, so switching back to a model is instant.
    """

    def __init__(
        self,
        catalog: Catalog,
        store: WeightsStore,
        *,
        memory_cap_bytes: int = DEFAULT_MEMORY_CAP,
    ) -> None:
        self.catalog = catalog
        self.store = store
        self.memory_cap_bytes = memory_cap_bytes
        self._loaded: OrderedDict[tuple[str, str, str], _LoadedModel] = OrderedDict()
        self._lock = threading.Lock()

    def loaded_keys(self) -> list[tuple[str, str, str]]:
        return list(self._loaded)

    def classify(
        self,
        image: Image.Image | Path,
        model_id: str = DEFAULT_MODEL,
        device: str = "auto",
        precision: str = "fp32",
        top_k: int = 5,
        *,
        token: CancelToken | None = None,
        progress: ProgressCallback | None = None,
        notice: NoticeCallback | None = None,
        stage: StageCallback | None = None,
    ) -> Prediction:
        """Classify one photo (a path or an RGB image); cancellable between stages.

        ``stage`` is told "weights", "load", "preprocess" and "inference" as each begins.
        """
        token = token or CancelToken()
        spec = self.catalog.get(model_id)
        target = resolve_device(device)
        if precision not in target.precisions:
            raise DeviceError(
                f"{target.id} cannot run {precision}; choose {', '.join(target.precisions)}"
            )
        announce = stage or (lambda _name: None)
        with self._lock, self._evicting_on_out_of_memory(target):
            module, weights_ms, load_ms = self._model(
                spec, target, precision, token, progress, notice, announce
            )
            announce("preprocess")
            token.raise_if_cancelled()
            started = time.perf_counter()
            if isinstance(image, Path):
                image = open_image(image, min_short_side=2 * spec.preprocessing.resize)
            pixels = preprocess(image, spec.preprocessing)
            preprocess_ms = _ms_since(started)
            announce("inference")
            token.raise_if_cancelled()
            probabilities, inference_ms = self._infer(module, pixels[None], target, precision, spec)
        return Prediction(
            model_id=spec.id,
            model_name=spec.name,
            device=target.id,
            precision=precision,
            top=top_classes(probabilities[0], spec.labels, top_k),
            timings=StageTimings(weights_ms, load_ms, preprocess_ms, inference_ms),
        )

    def preload(self, model_id: str, device: str = "auto", precision: str = "fp32") -> None:
        """Load a model before its first photo, so the first answer comes sooner."""
        spec = self.catalog.get(model_id)
        target = resolve_device(device)
        with self._lock, self._evicting_on_out_of_memory(target):
            module, _, _ = self._model(
                spec, target, precision, CancelToken(), None, None, lambda _name: None
            )
            # One forward on a blank photo: a GPU's first call sets up its kernels (seconds).
            size = spec.input_size
            self._infer(module, np.zeros((1, 3, size, size), np.float32), target, precision, spec)

    def _model(
        self,
        spec: ModelSpec,
        target: DeviceInfo,
        precision: str,
        token: CancelToken,
        progress: ProgressCallback | None,
        notice: NoticeCallback | None,
        announce: StageCallback,
    ) -> tuple[Any, float, float]:
        key = (spec.id, target.id, precision)
        cached = self._loaded.get(key)
        if cached is not None:
            self._loaded.move_to_end(key)
            return cached.module, 0.0, 0.0
        announce("weights")
        started = time.perf_counter()
        path = self.store.ensure(spec, progress=progress, token=token, notice=notice)
        weights_ms = _ms_since(started)
        announce("load")
        token.raise_if_cancelled()
        started = time.perf_counter()
        from app.core.models import load_model, parameter_bytes

        with _out_of_memory_as_error(target, spec):
            module = load_model(spec.arch, spec.num_classes, path, target.id, precision)
        load_ms = _ms_since(started)
        self._remember(key, _LoadedModel(module, parameter_bytes(module)))
        return module, weights_ms, load_ms

    def _remember(self, key: tuple[str, str, str], entry: _LoadedModel) -> None:
        self._loaded[key] = entry
        while len(self._loaded) > 1 and self._total_bytes() > self.memory_cap_bytes:
            self._loaded.popitem(last=False)

    def _total_bytes(self) -> int:
        return sum(entry.size_bytes for entry in self._loaded.values())

    def _infer(
        self, module: Any, batch: np.ndarray, target: DeviceInfo, precision: str, spec: ModelSpec
    ) -> tuple[np.ndarray, float]:
        import torch

        from app.core.models import PRECISIONS

        with _out_of_memory_as_error(target, spec), torch.inference_mode():
            started = time.perf_counter()
            tensor = torch.from_numpy(batch).to(
                device=target.id, dtype=PRECISIONS[precision], memory_format=torch.channels_last
            )
            logits = module(tensor)
            probabilities = torch.softmax(logits.float(), dim=1).cpu().numpy()
            return probabilities, _ms_since(started)

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
        import torch

        if target.kind == "cuda":
            torch.cuda.empty_cache()
        advice = "choose a smaller model" + (" or the CPU" if target.is_gpu else "")
        raise OutOfMemoryError(
            f"{target.id} ran out of memory running {spec.name}: {advice}"
        ) from None


def is_out_of_memory(error: BaseException) -> bool:
    import torch

    if isinstance(error, torch.OutOfMemoryError | MemoryError):
        return True
    return isinstance(error, RuntimeError) and "out of memory" in str(error).lower()


def _ms_since(started: float) -> float:
    return (time.perf_counter() - started) * 1000.0
