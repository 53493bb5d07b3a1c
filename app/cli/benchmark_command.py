"""``effnet benchmark``: time the variants on this computer's devices."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from app import paths
from app.cli.models_commands import load_catalog, open_onnx_cache, open_store
from app.cli.photo_runs import output_file, thread_count
from app.cli.terminal import format_table
from app.core.benchmark.cases import OK, RANDOM, BenchmarkCase, BenchmarkConfig, CaseResult
from app.core.benchmark.kept_runs import KeptRuns
from app.core.benchmark.runner import Benchmark
from app.core.errors import os_reason
from app.core.files import write_output
from app.core.inference.devices import PRECISIONS, physical_cores
from app.core.inference.engine_choice import faster_cpu_engine
from app.core.inference.runners import AUTO, ENGINE_NAMES, ENGINES
from app.core.photos.opening import open_image
from app.i18n import number, translate


def comma_list(text: str) -> tuple[str, ...]:
    items = tuple(item.strip() for item in text.split(",") if item.strip())
    if not items:
        raise argparse.ArgumentTypeError(translate("Errors", "expected a comma-separated list"))
    return items


def batch_list(text: str) -> tuple[int, ...]:
    try:
        batches = tuple(int(item) for item in comma_list(text))
    except ValueError:
        raise argparse.ArgumentTypeError(
            translate("Errors", "batch sizes are whole numbers, e.g. 1,8")
        ) from None
    if any(b < 1 for b in batches):
        raise argparse.ArgumentTypeError(translate("Errors", "batch sizes must be 1 or more"))
    return batches


def register(commands: Any) -> None:
    bench = commands.add_parser(
        "benchmark", help=translate("Cli", "time models on your CPU and GPUs")
    )
    bench.add_argument(
        "--models",
        type=comma_list,
        default=("lite0", "b0"),
        help=translate("Cli", "ids, comma-separated, or 'all' (default: lite0,b0)"),
    )
    bench.add_argument(
        "--devices", type=comma_list, default=("cpu",), help=translate("Cli", "e.g. cpu,cuda:0")
    )
    bench.add_argument(
        "--precision", type=comma_list, default=("fp32",), help=translate("Cli", "fp32,fp16,bf16")
    )
    bench.add_argument(
        "--batch", type=batch_list, default=(1,), help=translate("Cli", "batch sizes, e.g. 1,8")
    )
    bench.add_argument(
        "--engine",
        type=comma_list,
        default=("torch",),
        help=translate(
            "Cli",
            "torch, onnx (ONNX Runtime on the CPU), openvino (OpenVINO on the CPU), auto (the "
            "faster CPU engine here), or several: onnx,openvino",
        ),
    )
    bench.add_argument(
        "--photo",
        type=Path,
        metavar="IMAGE",
        help=translate(
            "Cli", "a photo to check new ONNX exports on (ONNX Runtime with pretrained weights)"
        ),
    )
    bench.add_argument(
        "--warmup", type=int, default=3, metavar="N",
        help=translate("Cli", "practice runs before timing (default %(default)s)"),
    )  # fmt: skip
    bench.add_argument(
        "--runs", type=int, default=10, metavar="N",
        help=translate("Cli", "timed runs of each model (default %(default)s)"),
    )  # fmt: skip
    bench.add_argument(
        "--threads",
        type=thread_count,
        default=None,
        help=translate("Cli", "CPU threads (default: torch's)"),
    )
    bench.add_argument(
        "--speed-only",
        action="store_true",
        help=translate("Cli", "time models without downloaded weights using random weights"),
    )
    bench.add_argument(
        "--keep",
        action="store_true",
        help=translate(
            "Cli", "keep this run with the window's Compare runs, to compare later runs with"
        ),
    )
    bench.add_argument(
        "--kept",
        action="store_true",
        help=translate("Cli", "list the kept runs (newest first) and stop"),
    )
    output = bench.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help=translate("Cli", "print JSON"))
    output.add_argument(
        "--csv",
        type=output_file,
        metavar="FILE",
        help=translate("Cli", "also write the results as CSV (- for standard output)"),
    )
    bench.set_defaults(run=run_benchmark)


def _engines(asked: tuple[str, ...], threads: int | None) -> tuple[str, ...]:
    """The engines to time, "auto" as the CPU engine it stands for here (said on stderr)."""
    if AUTO not in asked:
        return asked
    chosen = faster_cpu_engine(paths.cache_dir(), threads or physical_cores())
    message = translate("Cli", "auto is {engine} on this computer's CPU").format(
        engine=ENGINE_NAMES[chosen]
    )
    print(message, file=sys.stderr)
    return tuple(dict.fromkeys(chosen if engine == AUTO else engine for engine in asked))


def run_benchmark(args: argparse.Namespace) -> int:
    kept = KeptRuns(paths.benchmark_runs_dir())
    if args.kept:
        for run in kept.runs():
            print(f"{run.name}\t{run.path}")
        return 0
    catalog = load_catalog(args)
    models = tuple(s.id for s in catalog.models()) if args.models == ("all",) else args.models
    models = tuple(catalog.get(model_id).id for model_id in models)
    unknown = [p for p in args.precision if p not in PRECISIONS]
    unknown += [e for e in args.engine if e not in ENGINES]
    if unknown or args.runs < 1 or args.warmup < 0:
        problem = (
            translate("Errors", "unknown precision or engine {name}").format(name=unknown[0])
            if unknown
            else translate("Errors", "--runs must be 1 or more")
        )
        print(f"effnet: {problem}", file=sys.stderr)
        return 2
    config = BenchmarkConfig(
        models=models, devices=args.devices, precisions=args.precision, batches=args.batch,
        warmup=args.warmup, runs=args.runs, threads=args.threads, speed_only=args.speed_only,
        engines=_engines(args.engine, args.threads),
    )  # fmt: skip

    def on_run(case: BenchmarkCase, run: int, runs: int) -> None:
        if sys.stderr.isatty():
            sys.stderr.write(f"\r{case.model_id} on {case.device}: run {run}/{runs}   ")

    def on_case(result: CaseResult, index: int, total: int) -> None:
        figure = f"{result.median_ms:.1f} ms" if result.status == OK else result.status
        label = " (random weights)" if result.weights == RANDOM else ""
        sys.stderr.write(
            f"\r[{index}/{total}] {result.model} {result.device} {result.precision} "
            f"{result.engine} batch {result.batch}: {figure}{label}\n"
        )

    photo = open_image(args.photo) if args.photo else None
    benchmark = Benchmark(catalog, open_store(), onnx=open_onnx_cache(), photo=photo)
    report = benchmark.run(config, on_run=on_run, on_case=on_case)
    if args.keep:
        run = kept.keep(report)
        print(translate("Errors", "kept as {name} ({path})").format(name=run.name, path=run.path),
              file=sys.stderr)  # fmt: skip
    if args.csv:
        try:
            write_output(args.csv, lambda stream: stream.write(report.to_csv().encode()))
        except OSError as error:
            message = translate("Errors", "cannot write {path}: {reason}").format(
                path=args.csv, reason=os_reason(error)
            )
            print(f"effnet: {message}", file=sys.stderr)
            return 1
    if args.json:
        print(report.dumps())
    else:
        print(results_table(report.results))
        env = report.environment
        print(
            f"\n{env.cpu}, {env.threads} threads; torch {env.torch}, torchvision {env.torchvision}"
        )
        if any(r.weights == RANDOM for r in report.results):
            print(
                "weights 'random': timed with random weights (speed-only); answers not meaningful"
            )
    failed = [r for r in report.results if r.status != OK]
    return 1 if failed and len(failed) == len(report.results) else 0


def results_table(results: list[CaseResult]) -> str:
    def figure(value: float | None, spec: str, unit: str = "") -> str:
        return "-" if value is None else number(value, spec) + unit

    rows = [
        [
            r.model, r.device, r.engine, r.precision, str(r.batch),
            figure(r.params and r.params / 1e6, ".1f", "M"), figure(r.gflops, ".2f"),
            figure(r.top1, ".1f", "%"),
            figure(r.median_ms, ".1f") if r.status == OK else r.status,
            figure(r.p90_ms, ".1f"), figure(r.images_per_s, ".1f"),
            figure(r.peak_memory_mb, ".0f", " MB"), figure(r.load_ms, ".0f"), r.weights,
        ]
        for r in results
    ]  # fmt: skip
    headers = [
        translate("Cli", "model"),
        translate("Cli", "device"),
        translate("Cli", "engine"),
        translate("Cli", "precision"),
        translate("Cli", "batch"),
        translate("Cli", "params"),
        translate("Cli", "GFLOPs"),
        translate("Cli", "top-1"),
        translate("Cli", "median ms"),
        translate("Cli", "p90 ms"),
        translate("Cli", "photos/s"),
        translate("Cli", "peak memory"),
        translate("Cli", "load ms"),
        translate("Cli", "weights"),
    ]
    return format_table(headers, rows, right=set(range(4, 13)))
