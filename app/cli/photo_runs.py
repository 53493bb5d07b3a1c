"""What ``classify`` and ``sort`` share: finding the photos, answering each (from the stored
results when it can), and a progress line on a terminal."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path

from app import paths
from app.cli.models_commands import import_hint, load_catalog, warn
from app.cli.terminal import CountLine, ProgressLine
from app.core.errors import EffnetError, HttpStatusError, OfflineError, TlsError, WeightsError
from app.core.files import STANDARD_OUTPUT, FileRefused, check_output
from app.core.folders.prediction_cache import PredictionCache
from app.core.folders.runs import RunSummary, classify_photos, photos_in
from app.core.inference.classifier import DEFAULT_MODEL, Classifier, open_classifier
from app.core.inference.devices import PRECISIONS, max_threads, resolve_device
from app.core.inference.predictions import Prediction
from app.core.inference.runners import ENGINES
from app.core.models.catalog import Catalog, ModelSpec
from app.i18n import fill, translate


def positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(translate("Errors", "must be 1 or more"))
    return value


def thread_count(text: str) -> int:
    value = int(text)
    if not 1 <= value <= max_threads():
        raise argparse.ArgumentTypeError(
            translate(
                "Errors",
                "must be between 1 and {most} (this computer has {cpus} logical CPUs)",
            ).format(most=max_threads(), cpus=os.cpu_count() or 1)
        )
    return value


def add_model_options(parser: argparse.ArgumentParser) -> None:
    """--model, --device, --precision, --engine and --threads: what runs the photos."""
    parser.add_argument(
        "--model", default=DEFAULT_MODEL, help=translate("Cli", "model id (see 'effnet models')")
    )
    parser.add_argument(
        "--device",
        default="auto",
        help=translate("Cli", "auto, cpu, cuda, cuda:N, mps, dml, coreml"),
    )
    parser.add_argument(
        "--precision", default="fp32", choices=PRECISIONS,
        help=translate("Cli", "how exactly numbers are computed: fp16 and bf16 on GPUs only"),
    )  # fmt: skip
    parser.add_argument(
        "--engine",
        default="auto",
        choices=ENGINES,
        help=translate(
            "Cli",
            "auto: on the CPU the faster of ONNX Runtime and OpenVINO here (measured once), "
            "PyTorch on GPUs",
        ),
    )
    parser.add_argument(
        "--threads",
        type=thread_count,
        default=None,
        help=translate("Cli", "CPU threads (default: physical cores)"),
    )


def output_file(text: str) -> Path:
    """An output path: ``-`` (standard output), a new path or a regular file; a device, FIFO,
    folder or link is refused before any work starts."""
    path = Path(text)
    if text != STANDARD_OUTPUT:
        try:
            check_output(path)
        except FileRefused as error:
            raise argparse.ArgumentTypeError(str(error)) from None
        if not path.absolute().parent.is_dir():
            raise argparse.ArgumentTypeError(
                translate("Errors", "{folder} is not a folder").format(folder=path.parent)
            )
    return path


def probability(text: str) -> float:
    value = float(text)
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(translate("Errors", "must be between 0 and 1"))
    return value


def add_photo_options(parser: argparse.ArgumentParser, required: bool = True) -> None:
    parser.add_argument(
        "images",
        nargs="+" if required else "*",
        type=Path,
        metavar="PHOTO",
        help=translate("Cli", "files or folders"),
    )
    parser.add_argument(
        "--recursive", action="store_true", help=translate("Cli", "include subfolders")
    )
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help=translate(
            "Cli", "classify every photo again, without reading or keeping stored answers"
        ),
    )
    add_model_options(parser)


def run_photos(
    args: argparse.Namespace,
    top_k: int,
    on_result: Callable[[Path, Prediction | EffnetError], None],
    *,
    exclude: Path | None = None,
) -> tuple[ModelSpec, RunSummary] | None:
    """Answer every photo the arguments name (but those inside ``exclude``); None (said on
    stderr) when there are none."""
    catalog = load_catalog(args)
    spec = catalog.get(args.model)
    device = resolve_device(args.device)
    photos = photos_in(args.images, args.recursive, exclude=exclude)
    if not photos:
        print("effnet: " + translate("Errors", "no photos found"), file=sys.stderr)
        return None
    classifier = ready_classifier(args, catalog, spec)
    store = None if args.no_cache else PredictionCache(warn=warn)
    progress = CountLine(len(photos))

    def counted(photo: Path, outcome: Prediction | EffnetError) -> None:
        progress.step()
        on_result(photo, outcome)

    try:
        summary = classify_photos(
            classifier, photos, spec.id, device.id, args.precision, top_k,
            engine=args.engine, store=store, on_result=counted,
        )  # fmt: skip
    finally:
        progress.finish()
        if store is not None:
            store.close()
        if classifier.exporter is not None:
            classifier.exporter.wait()  # the next run starts from the ONNX file
    if len(photos) > 1:
        said = fill(
            translate(
                "Cli",
                "{photos} photos: {stored} answers stored from earlier runs, {classified} "
                "classified, {failed} failed",
            ),
            photos=len(photos), stored=summary.stored, classified=summary.classified,
            failed=summary.failed,
        )  # fmt: skip
        if summary.classified > 1:
            said += " " + fill(
                translate("Cli", "({rate:.1f} photos a second)"), rate=summary.images_per_s
            )
        print(said, file=sys.stderr)
    return spec, summary


def ready_classifier(args: argparse.Namespace, catalog: Catalog, spec: ModelSpec) -> Classifier:
    """A classifier over the cache, with ``spec``'s weights downloaded (with a progress line
    on a terminal) if they were not there."""
    classifier = open_classifier(catalog, paths.cache_dir(), threads=args.threads)
    if not classifier.store.status(spec).ready:
        line = ProgressLine(translate("Cli", "downloading {model}").format(model=spec.id))
        try:
            classifier.store.ensure(spec, progress=line, notice=warn)
        except (OfflineError, HttpStatusError, TlsError) as error:
            raise WeightsError(f"{error}. {import_hint(spec)}") from None
        finally:
            line.finish()
    return classifier
