"""Side-by-side timing: alternate the contenders so machine noise hits both alike."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def interleaved_medians(
    contenders: dict[str, Callable[[], object]], rounds: int, warmup: int = 1
) -> dict[str, float]:
    """Median milliseconds of each contender, run in turns A, B, A, B, …"""
    for run in contenders.values():
        for _ in range(warmup):
            run()
    samples: dict[str, list[float]] = {name: [] for name in contenders}
    for _ in range(rounds):
        for name, run in contenders.items():
            started = time.perf_counter()
            run()
            samples[name].append((time.perf_counter() - started) * 1000)
    return {name: statistics.median(values) for name, values in samples.items()}


def report(title: str, medians: dict[str, float], baseline: str) -> None:
    base = medians[baseline]
    print(f"\n{title}")
    for name, value in medians.items():
        print(f"  {name:<44} {value:9.1f} ms   ratio {value / base:5.2f}")
