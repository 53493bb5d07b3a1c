"""The CPU engine without torch: first answer, warm inference and peak memory, side by side.

- First B3 answer in a fresh process (weights downloaded, no ONNX file cached yet, so the
  graph is optimised and saved) vs ``import torchvision`` in a fresh process (target
  ≤ 0.5); and the next start, from the saved file.
- Warm inference of a session built from the graph template and the weights file vs one
  built from an exported ONNX file (same ONNX Runtime, same optimisations), b0, b3, b7
  (target: within 5 %).
- Peak resident memory of ``effnet classify --model b7 --engine onnx`` (its first start,
  and the next one) vs ``--engine torch`` (target ≤ 0.6).
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

import numpy as np

from app.core.inference.onnx_cache import OnnxCache
from app.core.inference.runners import OnnxRunner
from app.core.models.catalog import Catalog
from app.core.photos.opening import open_image
from app.core.photos.preprocess import preprocess
from app.core.weights.store import WeightsStore
from benchmarks.engine import PHOTO
from benchmarks.harness import interleaved_medians, random_weights_catalog, report

PEAK_RSS = (
    "import resource, subprocess, sys\n"
    "subprocess.run(sys.argv[1:], check=True, capture_output=True)\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
)


def _wall(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, env=env, check=True, capture_output=True)
    return time.perf_counter() - started


def bench_first_answer(env: dict[str, str], onnx_folder: Path, rounds: int) -> None:
    classify = [sys.executable, "-m", "app", "classify", str(PHOTO), "--model", "b3",
                "--device", "cpu", "--engine", "onnx"]  # fmt: skip
    imports, first, next_start = [], [], []
    for _ in range(rounds):
        imports.append(_wall([sys.executable, "-c", "import torchvision"], env))
        shutil.rmtree(onnx_folder, ignore_errors=True)
        first.append(_wall(classify, env))
        next_start.append(_wall(classify, env))
    base = statistics.median(imports)
    print("\nFirst B3 answer in a fresh process, weights cached (target ≤ 0.5)")
    print(f"  import torchvision (fresh process)      {base * 1000:8.0f} ms")
    for name, values in (("no ONNX file yet (optimised, saved)", first),
                         ("the next start (saved file)", next_start)):  # fmt: skip
        value = statistics.median(values)
        print(f"  {name:<39} {value * 1000:8.0f} ms   ratio {value / base:5.2f}")


def bench_warm(catalog: Catalog, store: WeightsStore, folder: Path, rounds: int) -> None:
    exports = OnnxCache(folder / "exports")
    image = open_image(PHOTO)
    threads = os.cpu_count() or 1
    for model_id in ("b0", "b3", "b7"):
        spec = catalog.get(model_id)
        weights = store.ensure(spec)
        batch = preprocess(image, spec.preprocessing)[None]
        exported = OnnxRunner(exports.export(spec, weights, batch), threads)
        templated = OnnxRunner.from_template(spec.arch, weights, threads)  # as on first use
        assert np.abs(exported.logits(batch) - templated.logits(batch)).max() < 1e-2
        baseline = "session from an exported file"
        contenders = {
            baseline: lambda runner=exported, batch=batch: runner.logits(batch),
            "session from template + weights": lambda r=templated, b=batch: r.logits(b),
        }
        count = rounds if model_id != "b7" else max(5, rounds // 2)
        report(f"{model_id}: warm inference (target: within 5 %)",
               interleaved_medians(contenders, count, warmup=2), baseline)  # fmt: skip


def bench_peak_memory(env: dict[str, str], onnx_folder: Path) -> None:
    def peak(engine: str) -> float:
        command = [sys.executable, "-m", "app", "classify", str(PHOTO), "--model", "b7",
                   "--device", "cpu", "--engine", engine]  # fmt: skip
        measured = subprocess.run(
            [sys.executable, "-c", PEAK_RSS, *command], env=env, check=True,
            capture_output=True, text=True,
        )  # fmt: skip
        return int(measured.stdout.strip()) / 1024  # ru_maxrss is in KiB on Linux

    shutil.rmtree(onnx_folder, ignore_errors=True)
    peaks = {"torch": peak("torch"), "onnx, first start": peak("onnx")}
    peaks["onnx, next start"] = peak("onnx")
    print("\nPeak resident memory, effnet classify --model b7 (target ≤ 0.6)")
    for name, megabytes in peaks.items():
        ratio = megabytes / peaks["torch"]
        print(f"  --engine {name:<18} {megabytes:8.0f} MB   ratio {ratio:5.2f}")


def main(rounds: int = 9) -> None:
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        catalog_file = random_weights_catalog(folder, ["b0", "b3", "b7"])
        catalog = Catalog.load(catalog_file)
        store = WeightsStore(folder / "cache")
        for model_id in ("b0", "b3", "b7"):
            store.ensure(catalog.get(model_id))
        env = {
            **os.environ,
            "EFFNET_CACHE_DIR": str(store.cache_dir),
            "EFFNET_CATALOG": str(catalog_file),
            "XDG_STATE_HOME": str(folder / "state"),
        }
        onnx_folder = store.cache_dir / "onnx"
        bench_first_answer(env, onnx_folder, max(3, rounds // 3))
        bench_warm(catalog, store, folder, rounds)
        if sys.platform != "win32":  # the resource module is POSIX only
            bench_peak_memory(env, onnx_folder)


if __name__ == "__main__":
    main()
