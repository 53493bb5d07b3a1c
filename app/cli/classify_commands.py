"""``effnet classify`` and ``effnet devices``: the engine, headless."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from app import paths
from app.cli.models_commands import load_catalog, warn
from app.cli.terminal import ProgressLine, format_table
from app.core.classifier import DEFAULT_MODEL, Prediction, open_classifier
from app.core.devices import PRECISIONS, list_devices, max_threads, resolve_device
from app.core.errors import EffnetError
from app.core.images import expand_images
from app.core.results import prediction_json
from app.core.runners import ENGINE_NAMES, ENGINES


def positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def thread_count(text: str) -> int:
    value = int(text)
    if not 1 <= value <= max_threads():
        raise argparse.ArgumentTypeError(
            f"must be between 1 and {max_threads()} (this computer has "
            f"{os.cpu_count() or 1} logical CPUs)"
        )
    return value


def add_model_options(parser: argparse.ArgumentParser) -> None:
    """--model, --device, --precision, --engine and --threads: what runs the photos."""
    parser.add_argument("--model", default=DEFAULT_MODEL, help="model id (see 'effnet models')")
    parser.add_argument(
        "--device", default="auto", help="auto, cpu, cuda, cuda:N, mps, dml, coreml"
    )
    parser.add_argument("--precision", default="fp32", choices=PRECISIONS)
    parser.add_argument(
        "--engine", default="auto", choices=ENGINES,
        help="auto: ONNX Runtime on the CPU once exported, PyTorch elsewhere",
    )  # fmt: skip
    parser.add_argument(
        "--threads", type=thread_count, default=None, help="CPU threads (default: physical cores)"
    )


def register(commands: Any) -> None:
    classify = commands.add_parser("classify", help="print the top labels of photos")
    classify.add_argument("images", nargs="+", type=Path, metavar="IMAGE", help="files or folders")
    add_model_options(classify)
    classify.add_argument("--top", type=positive_int, default=5, metavar="K")
    classify.add_argument("--json", action="store_true", help="print one JSON document")
    classify.set_defaults(run=run_classify)

    devices = commands.add_parser("devices", help="list the devices that can run models")
    devices.add_argument("--json", action="store_true", help="print JSON")
    devices.set_defaults(run=run_devices)


def run_classify(args: argparse.Namespace) -> int:
    catalog = load_catalog(args)
    spec = catalog.get(args.model)
    device = resolve_device(args.device)
    images = expand_images(args.images)
    if not images:
        print("effnet: no images found", file=sys.stderr)
        return 1
    classifier = open_classifier(catalog, paths.cache_dir(), threads=args.threads)
    if not classifier.store.status(spec).ready:
        line = ProgressLine(f"downloading {spec.id}")
        try:
            classifier.store.ensure(spec, progress=line, notice=warn)
        finally:
            line.finish()
    results: list[dict[str, Any]] = []

    def on_result(image: Path, outcome: Prediction | EffnetError) -> None:
        if isinstance(outcome, EffnetError):
            results.append({"image": str(image), "error": str(outcome)})
            if not args.json:
                print(f"effnet: {outcome}", file=sys.stderr)
            return
        results.append(prediction_json(str(image), outcome))
        if not args.json:
            print(_human(image, outcome))

    options = {"engine": args.engine}
    if len(images) == 1:
        try:
            on_result(images[0], classifier.classify(
                images[0], spec.id, device.id, args.precision, args.top, notice=warn, **options
            ))  # fmt: skip
        except EffnetError as error:
            on_result(images[0], error)
    else:
        rate = classifier.classify_many(
            images, spec.id, device.id, args.precision, args.top, on_result=on_result, **options
        )
        print(f"{len(images)} images, {rate:.1f} images/s", file=sys.stderr)
    if args.json:
        print(json.dumps({"results": results}, indent=2))
    if classifier.exporter is not None:
        classifier.exporter.wait()  # the next run starts from the ONNX file
    return 1 if any("error" in result for result in results) else 0


def _human(image: Path, prediction: Prediction) -> str:
    rows = [[str(t.rank), t.label, f"{t.probability:6.1%}"] for t in prediction.top]
    t = prediction.timings
    timing = (
        f"weights {t.weights:.0f} ms, load {t.load:.0f} ms, "
        f"preprocess {t.preprocess:.0f} ms, inference {t.inference:.0f} ms"
    )
    engine = ENGINE_NAMES.get(prediction.engine, prediction.engine)
    header = (
        f"{image}  ({prediction.model_name} on {prediction.device}, {prediction.precision}, "
        f"{engine})"
    )
    return f"{header}\n{format_table(['#', 'label', 'p'], rows, right={0, 2})}\n{timing}\n"


def run_devices(args: argparse.Namespace) -> int:
    devices = list_devices()
    if args.json:
        print(
            json.dumps(
                {"devices": [vars(d) | {"precisions": list(d.precisions)} for d in devices]},
                indent=2,
            )
        )
        return 0
    rows = [
        [
            d.id,
            d.name,
            "yes" if d.available else "no",
            ", ".join(d.precisions) if d.available else d.reason,
        ]
        for d in devices
    ]
    print(format_table(["device", "name", "usable", "precisions / why not"], rows, right=set()))
    print(f"auto: {resolve_device('auto', devices).id}")
    return 0
