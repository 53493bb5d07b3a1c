"""How close a folder run comes to what the machine can do.

For each kind of photo (12 MP and 3 MP JPEGs, 3 MP PNGs) and each model (Lite0, B0), in
one run: the cost of each stage per photo on one core — decoding and resizing as batches
do, and inference at batch 8 on one thread of the CPU engine "auto" chose — gives the
machine's limit, cores ÷ (decode + inference); beside it, the photos a second a folder
run reaches through the command's path (``classify_photos`` with a fresh results store)
and through the window (a folder opened in the real window, offscreen, thumbnails
included), and each as a share of the limit.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from PIL import Image

from app.core.folders.prediction_cache import PredictionCache
from app.core.folders.runs import classify_photos
from app.core.inference.batches import prepare
from app.core.inference.classifier import Classifier, open_classifier
from app.core.inference.engine_choice import faster_cpu_engine
from app.core.inference.onnx_cache import OnnxCache
from app.core.inference.runners import ENGINE_NAMES, OPENVINO, GraphRunner
from app.core.models.catalog import Catalog, ModelSpec
from benchmarks.folders import make_photos

KINDS = (("12 MP JPEG", (4000, 3000), "jpg"), ("3 MP JPEG", (2000, 1500), "jpg"),
         ("3 MP PNG", (2000, 1500), "png"))  # fmt: skip
PHOTOS = 40
BATCH = 8


def photos_of(folder: Path, size: tuple[int, int], suffix: str) -> list[Path]:
    folder.mkdir(parents=True)
    photos = make_photos(folder, PHOTOS, size)
    if suffix == "jpg":
        return photos
    converted = []
    for photo in photos:
        png = photo.with_suffix(".png")
        Image.open(photo).save(png)
        photo.unlink()
        converted.append(png)
    return converted


def stage_costs(
    photos: list[Path], spec: ModelSpec, classifier: Classifier, engine: str
) -> tuple[float, float]:
    """(decode and resize, inference on ``engine``) in milliseconds per photo, on one core."""
    started = time.perf_counter()
    inputs = []
    for photo in photos:
        outcome = prepare(photo, spec.preprocessing)
        assert not isinstance(outcome, Exception), outcome
        inputs.append(outcome[0])
    decode = (time.perf_counter() - started) * 1000 / len(photos)
    cache = OnnxCache(classifier.store.cache_dir)
    weights = lambda: classifier.store.ensure(spec)  # noqa: E731
    one_thread: GraphRunner = (
        cache.openvino_runner(spec, weights, 1)
        if engine == OPENVINO
        else cache.templated_runner(spec, weights, 1)
    )
    batches = [np.stack(inputs[i : i + BATCH]) for i in range(0, len(inputs), BATCH)]
    one_thread.logits(batches[0])  # warm
    started = time.perf_counter()
    for batch in batches:
        one_thread.logits(batch)
    inference = (time.perf_counter() - started) * 1000 / len(photos)
    return decode, inference


def through_the_command(
    classifier: Classifier, photos: list[Path], model: str, store: Path
) -> float:
    """Photos a second of a first run through the results store, as ``effnet classify``."""
    cache = PredictionCache(store)
    started = time.perf_counter()
    classify_photos(classifier, photos, model, "cpu", engine="auto", store=cache,
                    on_result=lambda _photo, _outcome: None)  # fmt: skip
    cache.close()
    return len(photos) / (time.perf_counter() - started)


def through_the_window(folder: Path, model: str, catalog_file: Path, home: Path) -> float:
    """Photos a second of the folder opened in the window (offscreen), from the open to the
    last answer, its thumbnails made meanwhile as a user sees them."""
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from app.ui.app import build_window
    from app.ui.folder_run import RunState
    from app.ui.settings import Settings

    QApplication.instance() or QApplication(sys.argv[:1])
    settings = Settings.at(home / f"{folder.name}-{model}.ini")
    settings.model, settings.engine, settings.device = model, "auto", "cpu"
    window = build_window(settings, Catalog.load(catalog_file))
    window.show()
    loop = QEventLoop()
    window.controller.engine_ready.connect(loop.quit)
    window.controller.start()
    loop.exec()
    done = QEventLoop()
    window.controller.folder.changed.connect(
        lambda status: status.state is RunState.DONE and done.quit()
    )
    started = time.perf_counter()
    window.open_paths([folder])
    QTimer.singleShot(600_000, done.quit)
    done.exec()
    elapsed = time.perf_counter() - started
    window.close()
    return PHOTOS / elapsed


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as temporary:
        home = Path(temporary)
        for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
            os.environ[name] = str(home / name.lower())
        os.environ["EFFNET_CACHE_DIR"] = str(home / "cache")
        from benchmarks.harness import random_weights_catalog

        catalog_file = random_weights_catalog(home, ["b0"])
        catalog = Catalog.load(catalog_file)
        classifier = open_classifier(catalog, home / "cache")
        engine = faster_cpu_engine(home / "cache", classifier.loader.threads)
        print(f"\nThe limit of this machine ({cores} cores) and the rate reached, {PHOTOS} photos "
              f"each, on {ENGINE_NAMES[engine]} (what auto chose here); limit = cores ÷ "
              "(decode + inference on one core)")  # fmt: skip
        print(f"  {'photos':<11} {'model':<6} {'decode':>8} {'infer':>7} {'limit':>7}"
              f"   {'command':>15}   {'window':>15}")  # fmt: skip
        for kind, size, suffix in KINDS:
            folder = home / kind.replace(" ", "-")
            photos = photos_of(folder, size, suffix)
            for model in ("lite0", "b0"):
                spec = catalog.get(model)
                classifier.classify(Image.open(photos[0]), model, "cpu", engine=engine)  # ready
                decode, inference = stage_costs(photos, spec, classifier, engine)
                limit = cores * 1000 / (decode + inference)
                store = home / f"{kind}-{model}.db"
                command = through_the_command(classifier, photos, model, store)
                window = through_the_window(folder, model, catalog_file, home)
                print(f"  {kind:<11} {model:<6} {decode:6.1f}ms {inference:5.1f}ms "
                      f"{limit:5.1f}/s   {_share(command, limit):>15}   "
                      f"{_share(window, limit):>15}")  # fmt: skip


def _share(rate: float, limit: float) -> str:
    return f"{rate:5.1f}/s {rate / limit:4.2f}"


if __name__ == "__main__":
    main()
