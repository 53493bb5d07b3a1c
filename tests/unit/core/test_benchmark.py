"""The benchmark engine: statistics, speed-only labelling, cancel, OOM, file round-trips."""

from __future__ import annotations

import itertools
import json

import pytest
import torch

from app.core.benchmark.cases import FAILED, OK, OUT_OF_MEMORY, PRETRAINED, RANDOM, BenchmarkConfig
from app.core.benchmark.report import BenchmarkReport
from app.core.benchmark.runner import Benchmark
from app.core.benchmark.timing_stats import summarize
from app.core.cancel import CancelToken
from app.core.models.catalog import Catalog
from app.core.weights.download import DownloadPolicy
from app.core.weights.store import WeightsStore

TINY = dict(warmup=1, runs=3)


@pytest.fixture
def bench(isolated_environment) -> Benchmark:
    return Benchmark(Catalog.load(), WeightsStore(isolated_environment))


def test_summary_statistics() -> None:
    stats = summarize([30.0, 10.0, 20.0, 40.0, 1000.0, 50.0, 60.0, 70.0, 80.0, 90.0], batch=4)
    assert stats["median_ms"] == 55.0
    assert stats["p90_ms"] == 90.0  # nearest rank: the 9th of 10
    assert stats["min_ms"] == 10.0
    assert stats["images_per_s"] == pytest.approx(4 * 1000 / 55.0)


def test_timings_come_from_the_clock_around_each_run(isolated_environment) -> None:
    # A fake clock: every reading advances 5 ms, so each timed run (one reading before,
    # one after, synchronisation being a no-op on the CPU) measures exactly 5 ms.
    ticks = itertools.count(step=0.005)
    bench = Benchmark(Catalog.load(), WeightsStore(isolated_environment), clock=lambda: next(ticks))
    report = bench.run(BenchmarkConfig(models=("lite0",), **TINY))
    result = report.results[0]
    assert result.status == OK and result.runs == 3
    assert result.median_ms == pytest.approx(5.0) and result.min_ms == pytest.approx(5.0)
    assert result.images_per_s == pytest.approx(200.0)
    assert result.load_ms == pytest.approx(5.0)


def test_speed_only_times_missing_models_with_random_weights(bench) -> None:
    report = bench.run(BenchmarkConfig(models=("lite0", "b0"), speed_only=True, **TINY))
    weights = {r.model: r.weights for r in report.results}
    assert weights == {"lite0": PRETRAINED, "b0": RANDOM}
    assert all(r.status == OK and r.median_ms > 0 for r in report.results)
    assert report.to_json()["results"][1]["weights"] == "random"


def test_missing_weights_without_speed_only_are_downloaded_or_fail(bench, monkeypatch) -> None:
    monkeypatch.setenv("EFFNET_WEIGHTS_URL", "http://127.0.0.1:9/")
    bench.catalog = Catalog.load()
    bench.store = WeightsStore(bench.store.cache_dir, DownloadPolicy(retries=0, connect_timeout=1))
    report = bench.run(BenchmarkConfig(models=("b0",), **TINY))
    assert report.results[0].status == FAILED
    assert "cannot connect" in report.results[0].error


def test_cancel_between_runs_keeps_finished_cases(bench) -> None:
    token = CancelToken()

    def on_run(case, run, runs) -> None:
        if case.model_id == "b0" and run == 2:
            token.cancel()

    config = BenchmarkConfig(models=("lite0", "b0", "b1"), speed_only=True, **TINY)
    report = bench.run(config, token=token, on_run=on_run)
    assert report.cancelled
    assert [r.model for r in report.results] == ["lite0"]


def test_out_of_memory_is_recorded_and_the_run_goes_on(bench, monkeypatch) -> None:
    from app.core.architectures import torch_models as models

    real_build = models.build_model

    def build(arch: str, num_classes: int = 1000):
        if arch == "efficientnet_b1":
            raise torch.OutOfMemoryError("CUDA out of memory. Tried to allocate 8.00 GiB")
        return real_build(arch, num_classes)

    monkeypatch.setattr(models, "build_model", build)
    report = bench.run(BenchmarkConfig(models=("b1", "b0"), speed_only=True, **TINY))
    assert [r.status for r in report.results] == [OUT_OF_MEMORY, OK]
    assert "out of memory" in report.results[0].error


def test_unsupported_precision_is_a_failed_case(bench) -> None:
    report = bench.run(BenchmarkConfig(models=("lite0",), precisions=("fp16",), **TINY))
    assert report.results[0].status == FAILED and "cannot run fp16" in report.results[0].error


def test_progress_after_each_run_and_case(bench) -> None:
    runs, cases = [], []
    bench.run(
        BenchmarkConfig(models=("lite0",), batches=(1, 2), **TINY),
        on_run=lambda case, run, total: runs.append((case.batch, run)),
        on_case=lambda result, index, total: cases.append((index, total)),
    )
    assert runs == [(1, 1), (1, 2), (1, 3), (2, 1), (2, 2), (2, 3)]
    assert cases == [(1, 2), (2, 2)]


def test_json_and_csv_round_trip(bench) -> None:
    report = bench.run(BenchmarkConfig(models=("lite0",), **TINY))
    again = BenchmarkReport.from_json(json.loads(report.dumps()))
    assert again == report
    assert BenchmarkReport.results_from_csv(report.to_csv()) == report.results
    environment = report.to_json()["environment"]
    assert environment["torch"] == torch.__version__ and environment["threads"] >= 1
