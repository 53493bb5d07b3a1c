"""Issue "Fast": start-up, engines, folder throughput and the CPU's ceiling, side by side.

Every figure is a ratio of two things measured in this one run, so a noisy machine moves
both alike. Models other than Lite0 use random weights (speed does not depend on them),
registered in a temporary catalog so they go through the app's real cache.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import sklearn.datasets
import torch
from PIL import Image, ImageOps

from app.core.architectures.torch_models import build_model
from app.core.inference.classifier import open_classifier
from app.core.models.catalog import Catalog
from app.core.photos.opening import open_image
from app.core.photos.preprocess import preprocess
from benchmarks.harness import interleaved_medians, random_weights_catalog, report

PHOTOS = Path(sklearn.datasets.__file__).parent / "images"
ROOT = Path(__file__).resolve().parent.parent


def wall_seconds(command: list[str], env: dict[str, str]) -> float:
    started = time.time()
    subprocess.run(command, env=env, check=True, capture_output=True)
    return time.time() - started


def bench_startup(cache: Path, photo: Path, rounds: int) -> None:
    env = {**os.environ, "EFFNET_CACHE_DIR": str(cache), "QT_QPA_PLATFORM": "offscreen"}
    env.pop("EFFNET_CATALOG", None)
    imports, shown, result = [], [], []
    for index in range(rounds):
        imports.append(wall_seconds([sys.executable, "-c", "import torchvision"], env))
        started = time.time()
        probe = subprocess.run(
            [sys.executable, "-m", "benchmarks.startup_probe", str(photo),
             str(cache / f"settings-{index}.ini")],
            env=env, cwd=ROOT, check=True, capture_output=True, text=True,
        )  # fmt: skip
        times = dict(line.split(" ", 1) for line in probe.stdout.splitlines() if " " in line)
        shown.append(float(times["shown"]) - started)
        result.append(float(times["result"].split()[0]) - started)
        engine = times["result"].split()[1]
    base = statistics.median(imports)
    print("\nStart-up, from process start (photo on the command line)")
    print(f"  import torchvision (fresh process)      {base * 1000:8.0f} ms")
    for name, values, target in (("window shown", shown, 0.25), ("first result", result, 0.35)):
        value = statistics.median(values)
        print(f"  {name:<38} {value * 1000:8.0f} ms   ratio {value / base:5.2f} "
              f"(target ≤ {target})")  # fmt: skip
    print(f"  first result's engine: {engine}")


def bench_engines(catalog: Catalog, cache: Path, rounds: int) -> dict[str, float]:
    classifier = open_classifier(catalog, cache)
    image = open_image(PHOTOS / "china.jpg")
    achieved = {}
    for model_id, target in (("b0", 0.40), ("b3", 0.50), ("b7", 0.75)):
        spec = catalog.get(model_id)
        # Its graph, on the CPU engine measured faster here (no torch).
        assert classifier.classify(image, model_id, "cpu").engine in ("onnx", "openvino")
        model = build_model(spec.arch).eval()
        model.load_state_dict(torch.load(classifier.store.path_for(spec), weights_only=True))
        batch = torch.from_numpy(preprocess(image, spec.preprocessing))[None]

        def eager(model=model, batch=batch) -> None:
            with torch.no_grad():
                model(batch)

        def app(model_id=model_id) -> None:
            classifier.classify(image, model_id, "cpu")

        baseline = "bare torch eager forward"
        contenders = {baseline: eager, "app classify (auto engine)": app}
        count = rounds if model_id != "b7" else max(3, rounds // 3)
        medians = interleaved_medians(contenders, count)
        report(f"{model_id}: app vs torch eager (target ratio ≤ {target})", medians, baseline)
        achieved[model_id] = medians["app classify (auto engine)"]
        classifier.unload()
    return achieved


def make_photos(folder: Path, count: int) -> list[Path]:
    """``count`` 12-megapixel JPEGs: ten distinct ones (crops, flips of real photos), copied."""
    distinct = []
    for index in range(10):
        source = Image.open(PHOTOS / ("china.jpg" if index % 2 else "flower.jpg")).convert("RGB")
        if index % 3 == 0:
            source = ImageOps.mirror(source)
        big = source.resize((4000, 3000), Image.Resampling.BICUBIC)
        path = folder / f"distinct-{index}.jpg"
        big.save(path, quality=90)
        distinct.append(path)
    photos = []
    for index in range(count):
        path = folder / f"photo-{index:03}.jpg"
        shutil.copyfile(distinct[index % len(distinct)], path)
        photos.append(path)
    return photos


def bench_folder(catalog: Catalog, cache: Path, folder: Path, count: int) -> None:
    from torchvision.models import EfficientNet_B0_Weights

    photos = make_photos(folder, count)
    classifier = open_classifier(catalog, cache)
    spec = catalog.get("b0")
    model = build_model(spec.arch).eval()
    model.load_state_dict(torch.load(classifier.store.path_for(spec), weights_only=True))
    transforms = EfficientNet_B0_Weights.DEFAULT.transforms()

    def naive() -> None:
        for path in photos:
            with torch.no_grad():
                model(transforms(Image.open(path).convert("RGB"))[None])

    def app() -> None:
        classifier.classify_many(photos, "b0", "cpu", on_result=lambda _p, _o: None)

    seconds = {}
    for name, run in (("naive loop (PIL → transforms → torch, one by one)", naive),
                      ("app classify_many (draft decode, prefetch, batches)", app)):  # fmt: skip
        started = time.perf_counter()
        run()
        seconds[name] = time.perf_counter() - started
    print(f"\nFolder of {count} photos of 12 MP, B0 on the CPU (target: app ≥ 3× the naive loop)")
    naive_rate = count / seconds["naive loop (PIL → transforms → torch, one by one)"]
    for name, value in seconds.items():
        rate = count / value
        print(f"  {name:<52} {rate:6.1f} images/s   ×{rate / naive_rate:4.1f}")


def bench_ceiling(catalog: Catalog, achieved_ms: dict[str, float]) -> None:
    size = 2048
    a, b = torch.randn(size, size), torch.randn(size, size)
    for _ in range(3):
        a @ b
    runs = []
    for _ in range(10):
        started = time.perf_counter()
        a @ b
        runs.append(time.perf_counter() - started)
    peak = 2 * size**3 / statistics.median(runs) / 1e9
    print(
        f"\nThe ceiling: fp32 matmul {size}², {torch.get_num_threads()} threads: {peak:.1f} GFLOP/s"
    )
    for model_id, milliseconds in achieved_ms.items():
        spec = catalog.get(model_id)
        flops = 2 * (spec.gflops or 0)  # the catalog counts multiply-adds
        rate = flops / (milliseconds / 1000)
        print(f"  {model_id}: {flops:.2f} GFLOP per photo in {milliseconds:.1f} ms = "
              f"{rate:.1f} GFLOP/s, {rate / peak:.0%} of the ceiling")  # fmt: skip


def main(rounds: int = 7, photos: int = 200) -> None:
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads, {os.cpu_count()} CPUs")
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        cache = folder / "cache"
        bench_startup(cache, PHOTOS / "china.jpg", rounds=max(3, rounds // 2))
        catalog = Catalog.load(random_weights_catalog(folder, ["b0", "b3", "b7"]))
        achieved = bench_engines(catalog, cache, rounds)
        bench_folder(catalog, cache, folder, photos)
        bench_ceiling(catalog, achieved)
