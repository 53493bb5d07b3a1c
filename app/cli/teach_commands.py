"""``effnet train`` teaches a label set from a folder of labelled piles; ``effnet evaluate``
checks one on labelled photos."""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from pathlib import Path
from typing import Any, BinaryIO

from app.cli.models_commands import load_catalog, open_store, warn
from app.cli.photo_runs import add_model_options, output_file, ready_classifier
from app.cli.terminal import CountLine, format_table
from app.core.architectures.label_set_export import export_label_set
from app.core.files import save_bytes, write_output
from app.core.folders.prediction_cache import PredictionCache
from app.core.inference.devices import resolve_device
from app.core.models.label_sets import SUFFIX
from app.core.spreadsheet import safe_cell
from app.core.teach.evaluation import Evaluation
from app.core.teach.training import Teacher, advice, check_on_piles, piles_in
from app.i18n import translate


def register(commands: Any) -> None:
    train = commands.add_parser(
        "train",
        help=translate(
            "Cli", "teach your own labels from a folder with one sub-folder of photos per label"
        ),
    )
    train.add_argument(
        "folder", type=Path, metavar="FOLDER", help=translate("Cli", "one sub-folder per label")
    )
    train.add_argument(
        "--out",
        type=output_file,
        required=True,
        metavar=f"NAME{SUFFIX}",
        help=translate("Cli", "the label set file to write"),
    )
    train.add_argument(
        "--augment",
        action="store_true",
        help=translate(
            "Cli", "also learn from each photo mirrored and seen closer (helps small piles)"
        ),
    )
    add_model_options(train)
    train.set_defaults(run=run_train)
    check = commands.add_parser(
        "evaluate",
        help=translate(
            "Cli", "check a label set on a folder with one sub-folder of photos per label"
        ),
    )
    check.add_argument(
        "folder", type=Path, metavar="FOLDER", help=translate("Cli", "one sub-folder per label")
    )
    check.add_argument(
        "--csv",
        type=output_file,
        metavar="FILE",
        help=translate(
            "Cli", "also write each photo's label and answer as CSV (- for standard output)"
        ),
    )
    check.add_argument("--json", action="store_true", help=translate("Cli", "print JSON"))
    add_model_options(check)
    check.set_defaults(run=run_evaluate)
    export = commands.add_parser(
        "export",
        help=translate("Cli", "write a label set as one ONNX model, to use in other programs"),
    )
    export.add_argument("label_set", metavar=f"NAME{SUFFIX}")
    export.add_argument("--out", type=output_file, required=True, metavar="FILE.onnx")
    export.set_defaults(run=run_export)


def run_train(args: argparse.Namespace) -> int:
    if not str(args.out).lower().endswith(SUFFIX):
        print("effnet: " + translate("Errors", "the label set file's name ends in {suffix}")
              .format(suffix=SUFFIX), file=sys.stderr)  # fmt: skip
        return 2
    catalog = load_catalog(args)
    spec = catalog.get(args.model)
    device = resolve_device(args.device)
    piles = piles_in(args.folder)
    for line in advice(piles):
        warn(line)
    classifier = ready_classifier(args, catalog, spec)
    cache = PredictionCache(warn=warn)
    progress = CountLine(sum(len(pile) for pile in piles.photos))

    def counted(done: int, _total: int) -> None:
        while progress.done < done:
            progress.step()

    try:
        lesson = Teacher(classifier, cache).teach(
            piles, spec.id, augment=args.augment, device=device.id, engine=args.engine,
            progress=counted,
        )  # fmt: skip
    finally:
        progress.finish()
        cache.close()
    for photo, reason in lesson.unreadable:
        warn(
            translate("Errors", "{photo} was left out: {reason}").format(photo=photo, reason=reason)
        )
    save_bytes(args.out, lesson.label_set.to_bytes())
    summary = lesson.label_set.summary
    print(report_table(lesson.evaluation, summary.photos))
    print(
        translate(
            "Teach",
            "Right {accuracy:.0%} of the time on photos it had not learned from "
            "({folds}-fold cross-validation). Written to {path}",
        ).format(accuracy=summary.accuracy, folds=summary.folds, path=args.out)
    )
    for truth, answer, count in lesson.evaluation.confusions()[:5]:
        print(
            translate("Teach", "{count} × “{truth}” looked like “{answer}”").format(
                count=count, truth=truth, answer=answer
            )
        )
    return 0


def run_evaluate(args: argparse.Namespace) -> int:
    catalog = load_catalog(args)
    spec = catalog.get(args.model)
    device = resolve_device(args.device)
    piles = piles_in(args.folder)
    classifier = ready_classifier(args, catalog, spec)
    evaluation, unreadable = check_on_piles(
        classifier, piles, spec, device=device.id, engine=args.engine
    )
    for photo, reason in unreadable:
        warn(
            translate("Errors", "{photo} was left out: {reason}").format(photo=photo, reason=reason)
        )
    if args.csv:
        write_output(args.csv, lambda stream: _write_csv(stream, evaluation))
    if args.json:
        print(json.dumps(evaluation_json(evaluation), indent=2, ensure_ascii=False))
        return 0
    print(report_table(evaluation, None))
    print(translate("Teach", "Accuracy: {accuracy:.1%} of {photos} photos").format(
        accuracy=evaluation.accuracy, photos=evaluation.photos))  # fmt: skip
    print()
    print(confusion_table(evaluation))
    if evaluation.mistakes:
        print()
        print(translate("Teach", "Answered wrongly:"))
        for mistake in evaluation.mistakes:
            print(
                f"  {mistake.photo}: {mistake.truth} → {mistake.answer} ({mistake.probability:.0%})"
            )
    return 0


def run_export(args: argparse.Namespace) -> int:
    catalog = load_catalog(args)
    spec = catalog.get(args.label_set)
    if spec.head is None:
        warn(translate("Errors", "{model} is not a label set").format(model=spec.name))
        return 2
    weights = open_store().ensure(spec.head.backbone, notice=warn)
    export_label_set(spec, weights, args.out)
    print(translate("Teach", "{id}: written to {path}").format(id=spec.id, path=args.out))
    return 0


def report_table(evaluation: Evaluation, photos: tuple[int, ...] | None) -> str:
    """Per label: photos, how often its photos were recognised, how often its answers were
    right."""
    rows = []
    for index, label in enumerate(evaluation.labels):
        count = photos[index] if photos is not None else int(evaluation.confusion[index].sum())
        recall, precision = evaluation.recall(index), evaluation.precision(index)
        rows.append([
            label, str(count),
            "-" if recall is None else f"{recall:.0%}",
            "-" if precision is None else f"{precision:.0%}",
        ])  # fmt: skip
    headers = [
        translate("Teach", "label"), translate("Teach", "photos"),
        translate("Teach", "recognised"), translate("Teach", "answers right"),
    ]  # fmt: skip
    return format_table(headers, rows, right={1, 2, 3})


def confusion_table(evaluation: Evaluation) -> str:
    """Rows: the photos' labels; columns: the answers."""
    headers = [translate("Teach", "label ↓ answer →"), *evaluation.labels]
    rows = [
        [label, *(str(int(n)) for n in evaluation.confusion[index])]
        for index, label in enumerate(evaluation.labels)
    ]
    return format_table(headers, rows, right=set(range(1, len(headers))))


def evaluation_json(evaluation: Evaluation) -> dict[str, Any]:
    labels = evaluation.labels
    return {
        "labels": list(labels),
        "photos": evaluation.photos,
        "accuracy": evaluation.accuracy,
        "precision": [evaluation.precision(i) for i in range(len(labels))],
        "recall": [evaluation.recall(i) for i in range(len(labels))],
        "confusion": evaluation.confusion.tolist(),
        "mistakes": [
            {
                "image": str(m.photo),
                "label": m.truth,
                "answer": m.answer,
                "probability": m.probability,
            }
            for m in evaluation.mistakes
        ],
    }


def _write_csv(stream: BinaryIO, evaluation: Evaluation) -> None:
    """One row per photo: its path, its label, the answer and the answer's probability."""
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", errors="surrogateescape", newline="")
    writer = csv.writer(text)
    writer.writerow(["path", "label", "answer", "probability"])
    for outcome in evaluation.outcomes:
        row = [str(outcome.photo), outcome.truth, outcome.answer, f"{outcome.probability:.6f}"]
        writer.writerow([safe_cell(cell) for cell in row])
    text.flush()
    text.detach()  # the stream stays open for write_output to sync and close
