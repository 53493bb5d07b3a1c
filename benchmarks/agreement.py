"""Does `effnet benchmark` measure what a bare loop measures? b0 on the CPU, same process.

The app's harness (Benchmark) and a bare torchvision forward loop time the same model in
the same memory format, in alternating rounds; their medians should agree within 5 %.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

import torch

from app.core.benchmark.cases import BenchmarkConfig
from app.core.benchmark.runner import Benchmark
from app.core.models.catalog import Catalog
from app.core.weights.store import WeightsStore

RUNS = 15


def bare_median(model: torch.nn.Module, batch: torch.Tensor, runs: int) -> float:
    samples = []
    with torch.inference_mode():
        for _ in range(3):
            model(batch)
        for _ in range(runs):
            started = time.perf_counter()
            model(batch)
            samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def main(rounds: int = 9) -> None:
    from torchvision.models import efficientnet_b0

    model = efficientnet_b0().eval().to(memory_format=torch.channels_last)
    batch = torch.randn(1, 3, 224, 224).to(memory_format=torch.channels_last)
    with tempfile.TemporaryDirectory() as folder:
        bench = Benchmark(Catalog.load(), WeightsStore(Path(folder)))
        config = BenchmarkConfig(models=("b0",), speed_only=True, warmup=3, runs=RUNS)
        app, bare = [], []
        for _ in range(rounds):
            app.append(bench.run(config).results[0].median_ms)
            bare.append(bare_median(model, batch, RUNS))
    app_median, bare_median_ms = statistics.median(app), statistics.median(bare)
    print("\nb0 on the CPU: effnet benchmark vs a bare torchvision loop (same process)")
    print(f"  bare torchvision forward loop   {bare_median_ms:8.1f} ms")
    print(f"  effnet benchmark median         {app_median:8.1f} ms")
    difference = app_median / bare_median_ms - 1
    print(f"  difference {difference:+.1%} (target: within ±5 %)")
