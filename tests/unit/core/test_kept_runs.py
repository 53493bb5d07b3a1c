"""Kept benchmark runs: named by when they finished, never overwritten, refused clearly."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from app.core.benchmark.cases import OK, CaseResult
from app.core.benchmark.environment import Environment
from app.core.benchmark.kept_runs import KeptRuns
from app.core.benchmark.report import BenchmarkReport
from app.core.errors import EffnetError

ENVIRONMENT = Environment("a CPU", 2, 2, "3.11", "Linux", "none", "none")


def report(median_ms: float) -> BenchmarkReport:
    result = CaseResult("lite0", "cpu", "fp32", 1, "pretrained", OK, median_ms=median_ms)
    return BenchmarkReport(ENVIRONMENT, [result])


def test_runs_kept_in_one_second_are_all_kept_and_listed_newest_first(tmp_path: Path) -> None:
    runs = KeptRuns(tmp_path / "runs")
    when = time.mktime((2026, 11, 30, 11, 51, 15, 0, 0, -1))
    first, second = runs.keep(report(10.0), when), runs.keep(report(20.0), when)
    later = runs.keep(report(30.0), when + 60)
    assert first.name == "2026-11-30 11:51:15" and second.name == "2026-11-30 11:51:15 (2)"
    assert [run.name for run in runs.runs()] == [later.name, second.name, first.name]
    assert [run.load().results[0].median_ms for run in (first, second)] == [10.0, 20.0]


def test_a_file_put_there_by_hand_keeps_its_name(tmp_path: Path) -> None:
    runs = KeptRuns(tmp_path)
    (tmp_path / "from my laptop.json").write_text(report(5.0).dumps(), encoding="utf-8")
    (run,) = runs.runs()
    assert run.name == "from my laptop" and run.load().results[0].median_ms == 5.0


def test_a_folder_that_cannot_be_made_is_said_not_raised_as_os_error(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("not a folder", encoding="utf-8")
    with pytest.raises(EffnetError, match="could not keep this run"):
        KeptRuns(tmp_path / "file" / "runs").keep(report(1.0))


def test_a_huge_or_special_results_file_is_refused(tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "run.json"
    os.mkfifo(fifo)
    with pytest.raises(EffnetError, match="cannot read"):
        BenchmarkReport.load(fifo)  # returns at once: a FIFO is never opened for reading
