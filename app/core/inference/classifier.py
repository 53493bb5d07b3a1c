"""Photo in, top-k labels out: a ready runner from the loader, the photo prepared, timed."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np
from PIL import Image

from app.core.cancel import CancelToken
from app.core.errors import EffnetError
from app.core.inference.batches import Prepared, decoded_in_batches, prepare
from app.core.inference.devices import DeviceInfo
from app.core.inference.explain import Activations
from app.core.inference.heads import pooled
from app.core.inference.loader import (
    DEFAULT_MEMORY_CAP,
    Fetching,
    LoadedKey,
    ModelLoader,
    StageCallback,
    ms_since,
)
from app.core.inference.memory import out_of_memory_as_error
from app.core.inference.onnx_cache import BackgroundExporter, OnnxCache
from app.core.inference.predictions import Prediction, StageTimings, top_classes
from app.core.inference.runners import Runner
from app.core.models.catalog import Catalog, ModelSpec
from app.core.photos.augment import Variant, as_taken
from app.core.photos.model_input import model_input
from app.core.photos.thumbnails import ThumbnailFolder
from app.core.weights.download import ProgressCallback
from app.core.weights.store import NoticeCallback, WeightsStore
from app.i18n import translate

DEFAULT_MODEL = "lite0"
OutcomeCallback = Callable[[Path, Prediction | EffnetError], None]


class Classifier:
    """Runs catalog models on a device; one caller at a time (a lock serialises calls)."""

    def __init__(
        self,
        catalog: Catalog,
        store: WeightsStore,
        *,
        onnx: OnnxCache | None = None,
        threads: int | None = None,
        memory_cap_bytes: int = DEFAULT_MEMORY_CAP,
    ) -> None:
        self.loader = ModelLoader(catalog, store, onnx, threads, memory_cap_bytes)
        self._lock = threading.Lock()

    @property
    def catalog(self) -> Catalog:
        return self.loader.catalog

    @property
    def store(self) -> WeightsStore:
        return self.loader.store

    @property
    def exporter(self) -> BackgroundExporter | None:
        return self.loader.exporter

    def loaded_keys(self) -> list[LoadedKey]:
        return list(self.loader.loaded)

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
        ``explain`` keeps what draws each class's activation map (see
        app.core.inference.explain) in the prediction.
        """
        fetching = Fetching(token or CancelToken(), progress, notice)
        if stage is not None:
            fetching.announce = stage
        spec, target = self.loader.check(model_id, device, precision, engine)
        prepared: list[tuple[np.ndarray, float, tuple[int, int]]] = []

        def photo() -> np.ndarray:
            if not prepared:
                started = time.perf_counter()
                pixels, size = model_input(image, spec.preprocessing, draft=False)
                prepared.append((pixels[None], ms_since(started), size))
            return prepared[0][0]

        with self._lock, self.loader.evicting_on_out_of_memory(target):
            ready = self.loader.ready(spec, target, precision, engine, fetching, photo)
            fetching.announce("preprocess")
            fetching.token.raise_if_cancelled()
            pixels = photo()
            fetching.announce("inference")
            fetching.token.raise_if_cancelled()
            started = time.perf_counter()
            activations = None
            with out_of_memory_as_error(target, spec):
                if explain:
                    probabilities, features, weights = ready.runner.explain(pixels, fetching.token)
                    activations = Activations(
                        features[0], weights, prepared[0][2], spec.preprocessing
                    )
                else:
                    probabilities = ready.runner.probabilities(pixels, fetching.token)
            inference_ms = ms_since(started)
        self.loader.offer_export(spec, target, engine, ready.runner, photo)
        return Prediction(
            model_id=spec.id,
            model_name=spec.name,
            device=target.id,
            precision=precision,
            top=top_classes(probabilities[0], spec.labels, top_k),
            timings=StageTimings(ready.weights_ms, ready.load_ms, prepared[0][1], inference_ms),
            engine=ready.runner.engine,
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
        thumbnails: ThumbnailFolder | None = None,
        on_result: OutcomeCallback,
    ) -> float:
        """Classify many photos, decoded ahead while a batch runs (see
        app.core.inference.batches), their thumbnails kept in ``thumbnails`` from the same
        decode. Each outcome goes to ``on_result`` in the photos' order; returns photos/s."""
        token = token or CancelToken()
        spec, target = self.loader.check(model_id, device, precision, engine)
        paths = list(images)
        started = time.perf_counter()

        def first_photo() -> np.ndarray:
            for path in paths:
                outcome = prepare(path, spec.preprocessing)
                if not isinstance(outcome, EffnetError):
                    return outcome[0][None]
            raise EffnetError(translate("Errors", "none of the photos could be opened"))

        with self._lock, self.loader.evicting_on_out_of_memory(target):
            ready = self.loader.ready(spec, target, precision, engine, Fetching(token), first_photo)
        self.loader.offer_export(spec, target, engine, ready.runner, first_photo)
        # The first answer carries the cost of getting the model ready, as classify() does.
        setup = [StageTimings(weights=ready.weights_ms, load=ready.load_ms)]
        for batch in _batches(paths, spec, batch_size, token, on_result, thumbnails):
            for path, prediction in self._run_batch(
                spec, target, precision, ready.runner, batch, top_k, setup, token
            ):
                on_result(path, prediction)
        return len(paths) / max(time.perf_counter() - started, 1e-9)

    def features_many(
        self,
        images: Iterable[Path],
        model_id: str = DEFAULT_MODEL,
        device: str = "auto",
        *,
        engine: str = "auto",
        batch_size: int = 8,
        variants: Sequence[Variant] = (as_taken,),
        token: CancelToken | None = None,
        on_result: Callable[[Path, np.ndarray | EffnetError], None],
    ) -> None:
        """The pooled features of each photo under each of ``variants`` ((variants, K) per
        photo, float32), or why the photo could not be read, in the photos' order: what a
        label set learns from. A label set's own model gives them."""
        token = token or CancelToken()
        spec, target = self.loader.check(model_id, device, "fp32", engine)
        spec = spec.head.backbone if spec.head is not None else spec
        paths = list(images)
        size = spec.input_size
        blank = np.zeros((1, 3, size, size), np.float32)  # no ONNX export is made here
        with self._lock, self.loader.evicting_on_out_of_memory(target):
            ready = self.loader.ready(spec, target, "fp32", engine, Fetching(token), lambda: blank)
        for batch in _batches(paths, spec, batch_size, token, on_result):
            pixels = np.stack([prepared[1] for prepared in batch])
            with self._lock, out_of_memory_as_error(target, spec):
                views = [
                    pooled(ready.runner.explain(variant(pixels), token)[1]) for variant in variants
                ]
            for row, (path, _, _) in enumerate(batch):
                on_result(path, np.stack([view[row] for view in views]))

    def _run_batch(
        self,
        spec: ModelSpec,
        target: DeviceInfo,
        precision: str,
        runner: Runner,
        batch: list[Prepared],
        top_k: int,
        setup: list[StageTimings],
        token: CancelToken,
    ) -> list[tuple[Path, Prediction]]:
        pixels = np.stack([item[1] for item in batch])
        started = time.perf_counter()
        with self._lock, out_of_memory_as_error(target, spec):
            probabilities = runner.probabilities(pixels, token)
        share = ms_since(started) / len(batch)
        outcomes = []
        for (path, _, preprocess_ms), row in zip(batch, probabilities, strict=True):
            ready = setup.pop() if setup else StageTimings()
            timings = replace(ready, preprocess=preprocess_ms, inference=share)
            top = top_classes(row, spec.labels, top_k)
            prediction = Prediction(
                spec.id, spec.name, target.id, precision, top, timings, runner.engine
            )
            outcomes.append((path, prediction))
        return outcomes

    def preload(
        self, model_id: str, device: str = "auto", precision: str = "fp32", engine: str = "auto"
    ) -> None:
        """Load a model before its first photo, so the first answer comes sooner."""
        spec, target = self.loader.check(model_id, device, precision, engine)
        if self.loader.exports_first(spec, target, engine):
            engine = "auto"  # exporting needs a real photo to check against: wait for one
        size = spec.input_size
        blank = np.zeros((1, 3, size, size), np.float32)
        with self._lock, self.loader.evicting_on_out_of_memory(target):
            ready = self.loader.ready(
                spec, target, precision, engine, Fetching(CancelToken()), lambda: blank
            )
            # One run on a blank photo: a GPU's first call sets up its kernels (seconds).
            ready.runner.probabilities(blank)

    def unload(self) -> None:
        """Forget every loaded model (frees their memory)."""
        with self._lock:
            self.loader.loaded.clear()


def _batches(
    paths: list[Path],
    spec: ModelSpec,
    batch_size: int,
    token: CancelToken,
    on_failure: Callable[[Path, EffnetError], None],
    thumbnails: ThumbnailFolder | None = None,
) -> Iterator[list[Prepared]]:
    """The photos decoded ahead in batches; a photo that cannot be read goes to
    ``on_failure`` in its place (see app.core.inference.batches)."""
    batches = decoded_in_batches(paths, spec.preprocessing, batch_size, token, thumbnails)
    with contextlib.closing(batches):
        for item in batches:
            if isinstance(item, tuple):
                on_failure(*item)
            else:
                yield item


def open_classifier(catalog: Catalog, cache_dir: Path, threads: int | None = None) -> Classifier:
    """A classifier over the weights and ONNX files of one cache folder."""
    return Classifier(catalog, WeightsStore(cache_dir), onnx=OnnxCache(cache_dir), threads=threads)
