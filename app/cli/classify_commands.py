"""``effnet classify`` and ``effnet devices``: the engine, headless."""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from pathlib import Path
from typing import Any

from app.cli.models_commands import warn
from app.cli.photo_runs import (
    add_photo_options,
    output_file,
    positive_int,
    probability,
    run_photos,
)
from app.cli.terminal import format_table
from app.core.errors import EffnetError, os_reason
from app.core.folders.prediction_cache import STORED, PredictionCache
from app.core.folders.xmp import KEYWORD_CONFIDENCE, XmpError, embed, keywords, write_sidecar
from app.core.inference.devices import list_devices, resolve_device
from app.core.inference.predictions import Prediction
from app.core.inference.reports import prediction_json, timings_text, write_csv
from app.core.inference.runners import ENGINE_NAMES
from app.core.inference.sentence import plain_answer
from app.i18n import number, translate


def register(commands: Any) -> None:
    classify = commands.add_parser(
        "classify", help=translate("Cli", "print the top labels of photos")
    )
    add_photo_options(classify)
    classify.add_argument(
        "--top", type=positive_int, default=5, metavar="K",
        help=translate("Cli", "how many labels to print (default %(default)s)"),
    )  # fmt: skip
    classify.add_argument(
        "--json", action="store_true", help=translate("Cli", "print one JSON document")
    )
    classify.add_argument(
        "--csv",
        type=output_file,
        metavar="FILE",
        help=translate(
            "Cli",
            "write a spreadsheet: one row per photo (UTF-8, for Excel and LibreOffice; "
            "- for standard output)",
        ),
    )
    classify.add_argument(
        "--xmp",
        choices=("sidecar", "embed"),
        help=translate(
            "Cli",
            "write the labels as keywords photo managers read: photo.jpg.xmp beside each "
            "photo, or inside JPEG and PNG files",
        ),
    )
    classify.add_argument(
        "--min-confidence",
        type=probability,
        default=KEYWORD_CONFIDENCE,
        metavar="P",
        help=translate(
            "Cli", "keywords only for labels at least this probable (default %(default)s)"
        ),
    )
    classify.add_argument(
        "--keyword-prefix",
        default="",
        metavar="TEXT",
        help=translate("Cli", "before each keyword, e.g. effnet/"),
    )
    classify.set_defaults(run=run_classify)

    devices = commands.add_parser(
        "devices", help=translate("Cli", "list the devices that can run models")
    )
    devices.add_argument("--json", action="store_true", help=translate("Cli", "print JSON"))
    devices.set_defaults(run=run_devices)


def run_classify(args: argparse.Namespace) -> int:
    answers: dict[Path, Prediction] = {}
    results: list[dict[str, Any]] = []
    problems = 0
    rewritten: list[Path] = []

    def on_result(photo: Path, outcome: Prediction | EffnetError) -> None:
        nonlocal problems
        if isinstance(outcome, EffnetError):
            results.append({"image": str(photo), "error": str(outcome)})
            if not args.json:
                print(f"effnet: {outcome}", file=sys.stderr)
            return
        answers[photo] = outcome
        results.append(prediction_json(str(photo), outcome))
        if args.xmp:
            problems += not _write_keywords(photo, outcome, args, rewritten)
        if not args.json:
            print(_human(photo, outcome))

    ran = run_photos(args, args.top, on_result)
    if ran is None:
        return 1
    if rewritten and not args.no_cache:
        _rekey(rewritten)
    if args.json:
        print(json.dumps({"results": results}, indent=2))
    if args.csv is not None:
        try:
            write_csv(args.csv, answers, args.top)
        except OSError as error:
            message = translate("Errors", "cannot write {path}: {reason}").format(
                path=args.csv, reason=os_reason(error)
            )
            print(f"effnet: {message}", file=sys.stderr)
            return 1
    failed = any("error" in result for result in results)
    return 1 if failed or problems else 0


def _write_keywords(
    photo: Path, prediction: Prediction, args: argparse.Namespace, rewritten: list[Path]
) -> bool:
    """Keywords for ``photo``; a photo rewritten (keywords embedded) joins ``rewritten``."""
    words = keywords(prediction.top, args.min_confidence, args.keyword_prefix)
    if not words:
        return True
    try:
        if args.xmp == "embed":
            if embed(photo, words):
                rewritten.append(photo)
        else:
            write_sidecar(photo, words)
    except XmpError as error:
        print(f"effnet: {error}", file=sys.stderr)
        return False
    return True


def _rekey(photos: list[Path]) -> None:
    """Keep the answers of photos whose keywords were embedded under their new content."""
    store = PredictionCache(warn=warn)
    try:
        for photo in photos:
            with contextlib.suppress(OSError):  # gone since: the next run asks again
                store.rekey(photo)
    finally:
        store.close()


def _human(image: Path, prediction: Prediction) -> str:
    """The photo, who answered where, the sentence, the table and (when computed now) the
    time each stage took."""
    rows = [[str(t.rank), t.label, number(t.probability, "6.1%")] for t in prediction.top]
    headers = ["#", translate("Cli", "label"), translate("Cli", "probability")]
    table = plain_answer(prediction.top) + "\n" + format_table(headers, rows, right={0, 2})
    where = ", ".join(part for part in (prediction.device, prediction.precision) if part)
    if prediction.engine == STORED:
        said = translate("Cli", "{model} on {where}, answered in an earlier run")
        if not where:  # kept by a version that did not record it
            said = translate("Cli", "{model}, answered in an earlier run")
        return f"{image}  ({said.format(model=prediction.model_name, where=where)})\n{table}\n"
    engine = ENGINE_NAMES.get(prediction.engine, prediction.engine)
    said = translate("Cli", "{model} on {where}, {engine}").format(
        model=prediction.model_name, where=where, engine=engine
    )
    return f"{image}  ({said})\n{table}\n{timings_text(prediction)}\n"


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
    yes, no = translate("Cli", "yes"), translate("Cli", "no")
    rows = [
        [
            d.id,
            d.name,
            yes if d.available else no,
            ", ".join(d.precisions) if d.available else d.reason,
        ]
        for d in devices
    ]
    headers = [translate("Cli", "device"), translate("Cli", "name"), translate("Cli", "usable"),
               translate("Cli", "precisions / why not")]  # fmt: skip
    print(format_table(headers, rows, right=set()))
    print(translate("Cli", "automatic: {device}").format(device=resolve_device("auto", devices).id))
    return 0
