"""Statistics of timed runs: median, 90th percentile, and whether the computer was busy."""

from __future__ import annotations

import statistics
from collections.abc import Sequence

from app.core.benchmark.cases import OK, CaseResult


def summarize(samples_ms: Sequence[float], batch: int) -> dict[str, float]:
    """Median, 90th percentile (nearest rank), minimum, and images per second at the median."""
    ordered = sorted(samples_ms)
    median = statistics.median(ordered)
    p90 = ordered[max(0, -(-len(ordered) * 9 // 10) - 1)]
    return {
        "median_ms": median,
        "p90_ms": p90,
        "min_ms": ordered[0],
        "images_per_s": batch * 1000.0 / median if median > 0 else float("inf"),
    }


# The spread that says the computer was busy while timing: the 90th-percentile run at
# least 1.5× the median. Idle, repeated runs of one model stay far closer (on a 2-core
# VM, `effnet benchmark --models lite0,b0,b1,b2 --engine torch,onnx --runs 20
# --speed-only`: p90/median 1.01–1.09), so a spread this wide comes from other programs
# taking the processor, not from the model.
BUSY_SPREAD = 1.5


def was_busy(result: CaseResult) -> bool:
    """True when ``result``'s timings vary too much to trust (see BUSY_SPREAD)."""
    if result.status != OK or not result.median_ms or result.p90_ms is None:
        return False
    return result.p90_ms >= BUSY_SPREAD * result.median_ms
