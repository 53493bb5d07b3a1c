"""Whole folders: 1,000 photos of 3 MP with B0 on the CPU (random weights: speed does not
depend on them). Side by side in one run: today's ``classify_many``, the first run through
the results store (hashing and keeping every answer), a second run of the unchanged folder
(target ≤ 0.05× the first), how soon Cancel is honoured mid-run (target ≤ 0.5 s), and the
process's peak resident memory (target ≤ 600 MB); then :mod:`benchmarks.folder_limit`.
"""

from __future__ import annotations

import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import sklearn.datasets
from PIL import Image

from app.core.cancel import CancelToken
from app.core.errors import Cancelled
from app.core.folders.prediction_cache import PredictionCache
from app.core.folders.runs import classify_photos
from app.core.inference.classifier import open_classifier
from app.core.models.catalog import Catalog
from app.core.photos.opening import open_image

PHOTO = Path(sklearn.datasets.__file__).parent / "images" / "china.jpg"


def make_photos(folder: Path, count: int, size: tuple[int, int]) -> list[Path]:
    base = open_image(PHOTO).resize(size)
    photos = []
    for index in range(count):
        image = base.copy()
        image.putpixel((index % size[0], index // size[0]), (index % 256, 7, 7))
        path = folder / f"photo-{index:05d}.jpg"
        image.save(path, quality=90)
        photos.append(path)
    return photos


def main(count: int = 1000, size: tuple[int, int] = (2000, 1500)) -> None:
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        # Weights are written by a child process: torch never loads here, so the peak
        # memory is the app's own, as in the standard edition.
        subprocess.run(
            [sys.executable, "-c", "import sys; from pathlib import Path; "
             "from benchmarks.harness import random_weights_catalog; "
             "random_weights_catalog(Path(sys.argv[1]), ['b0'])", str(folder)],
            check=True,
        )  # fmt: skip
        catalog = Catalog.load(folder / "catalog.json")
        classifier = open_classifier(catalog, folder / "cache")
        photos = make_photos(folder, count, size)
        classifier.classify(Image.open(photos[0]), "b0", "cpu", engine="onnx")  # ready

        def timed(run) -> float:  # type: ignore[no-untyped-def]
            started = time.perf_counter()
            run()
            return time.perf_counter() - started

        ignore = lambda _photo, _outcome: None  # noqa: E731
        plain = timed(
            lambda: classifier.classify_many(photos, "b0", "cpu", engine="onnx", on_result=ignore)
        )
        store = PredictionCache(folder / "results.sqlite3")
        first = timed(
            lambda: classify_photos(
                classifier, photos, "b0", "cpu", engine="onnx", store=store, on_result=ignore
            )
        )
        second = timed(
            lambda: classify_photos(
                classifier, photos, "b0", "cpu", engine="onnx", store=store, on_result=ignore
            )
        )
        token = CancelToken()
        stopped: list[float] = []

        def cancellable() -> None:
            try:
                classify_photos(
                    classifier, photos, "b0", "cpu", engine="onnx", token=token, on_result=ignore
                )
            except Cancelled:
                stopped.append(time.perf_counter())

        worker = threading.Thread(target=cancellable)
        worker.start()
        time.sleep(3)
        asked = time.perf_counter()
        token.cancel()
        worker.join()
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"\n{count} photos of {size[0]}×{size[1]}, B0 on the CPU")
        cancel_ms = (stopped[0] - asked) * 1000
        rows = [
            ("classify_many", f"{count / plain:.1f} photos/s", "1.00"),
            ("first run, through the store", f"{count / first:.1f} photos/s",
             f"{plain / first:.2f} of classify_many's speed (target ≥ 1.00)"),
            ("second run, unchanged folder", f"{second:.2f} s",
             f"{second / first:.3f} of the first run's time (target ≤ 0.05)"),
            ("Cancel honoured after", f"{cancel_ms:.0f} ms", "target ≤ 500 ms"),
            ("peak resident memory", f"{peak_mb:.0f} MB", "target ≤ 600 MB"),
        ]  # fmt: skip
        for name, value, ratio in rows:
            print(f"  {name:<30} {value:>16}   {ratio}")


if __name__ == "__main__":
    from benchmarks import folder_limit  # it takes its photo maker from here

    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
    folder_limit.main()
