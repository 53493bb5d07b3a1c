"""``effnet explain``: where the model looked for an answer, as a heatmap over the photo."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import numpy as np

from app.cli.models_commands import load_catalog, warn
from app.cli.photo_runs import add_model_options, output_file, ready_classifier
from app.core.errors import EffnetError
from app.core.files import STANDARD_OUTPUT
from app.core.inference.devices import resolve_device
from app.core.inference.explain import heatmap, photo_with_heatmap, write_png
from app.core.models.catalog import ModelSpec
from app.core.photos.opening import open_image
from app.i18n import QT_TRANSLATE_NOOP, number, translate

EXIT_USAGE = 2


class LabelError(EffnetError):
    """The label or index asked for is not one of the model's classes."""


def register(commands: Any) -> None:
    explain = commands.add_parser(
        "explain", help=translate("Cli", "show where the model looked, as a heatmap over the photo")
    )
    explain.add_argument("image", type=Path, metavar="IMAGE", help=translate("Cli", "a photo"))
    add_model_options(explain)
    which = explain.add_mutually_exclusive_group()
    which.add_argument(
        "--label",
        metavar="NAME",
        help=translate("Cli", "the class to explain (default: the top one)"),
    )
    which.add_argument(
        "--index", type=int, metavar="N", help=translate("Cli", "the class to explain, by index")
    )
    explain.add_argument(
        "--out",
        type=output_file,
        metavar="FILE.png",
        help=translate("Cli", "write the photo with the heatmap (- for standard output)"),
    )
    explain.add_argument(
        "--json",
        action="store_true",
        help=translate(
            "Cli", "print the heatmap as JSON: values in [0, 1] on a grid over the whole photo"
        ),
    )
    explain.set_defaults(run=run_explain)


def run_explain(args: argparse.Namespace) -> int:
    catalog = load_catalog(args)
    spec = catalog.get(args.model)
    device = resolve_device(args.device)
    if args.json and str(args.out) == STANDARD_OUTPUT:
        print("effnet: " + translate("Errors", "--json and --out - both need standard output"),
              file=sys.stderr)  # fmt: skip
        return EXIT_USAGE
    try:
        class_index = _class_index(spec, args.label, args.index)
    except LabelError as error:
        print(f"effnet: {error}", file=sys.stderr)
        return EXIT_USAGE
    classifier = ready_classifier(args, catalog, spec)
    answer = classifier.classify(
        args.image, spec.id, device.id, args.precision, len(spec.labels),
        engine=args.engine, notice=warn, explain=True,
    )  # fmt: skip
    assert answer.activations is not None
    chosen = answer.top[0].index if class_index is None else class_index
    probability = next(t.probability for t in answer.top if t.index == chosen)
    values = heatmap(answer.activations, chosen)
    if args.out is not None:
        write_png(photo_with_heatmap(open_image(args.image), answer.activations, chosen), args.out)
    if args.json:
        document = {
            "image": str(args.image),
            "model": spec.id,
            "label": spec.labels[chosen],
            "index": chosen,
            "probability": probability,
            "heatmap": {
                "width": values.shape[1],
                "height": values.shape[0],
                "values": [[round(float(v), 4) for v in row] for row in values],
            },
        }
        print(json.dumps(document))
    else:
        # With the picture on standard output, the words go beside it, to standard error.
        words = sys.stderr if str(args.out) == STANDARD_OUTPUT else sys.stdout
        share = number(probability, ".1%")
        print(f"{args.image}: {spec.labels[chosen]} ({share}, {spec.name})", file=words)
        print(_where(values), file=words)
        if args.out is not None and words is sys.stdout:
            print(translate("Cli", "heatmap: {file}").format(file=args.out))
    if classifier.exporter is not None:
        classifier.exporter.wait()
    return 0


def _class_index(spec: ModelSpec, label: str | None, index: int | None) -> int | None:
    classes = len(spec.labels)
    if index is not None:
        if not 0 <= index < classes:
            raise LabelError(
                translate("Errors", "--index must be between 0 and {last} for {name}").format(
                    last=classes - 1, name=spec.name
                )
            )
        return index
    if label is None:
        return None
    matches = [i for i, name in enumerate(spec.labels) if name.casefold() == label.casefold()]
    if len(matches) == 1:
        return matches[0]
    if matches:
        listed = ", ".join(str(i) for i in matches)
        raise LabelError(
            translate(
                "Errors", "'{label}' names several classes ({listed}); choose one with --index"
            ).format(label=label, listed=listed)
        )
    near = [name for name in spec.labels if label.casefold() in name.casefold()][:5]
    hint = (
        translate("Errors", "; did you mean {names}?").format(
            names=", ".join(repr(n) for n in near)
        )
        if near
        else ""
    )
    raise LabelError(
        translate("Errors", "{name} has no class '{label}'{hint}").format(
            name=spec.name, label=label, hint=hint
        )
    )


# Where the heat's centre of mass lies, by the third of each axis: (row, column) → sentence.
PLACES = (
    (QT_TRANSLATE_NOOP("Cli", "it looked most at the upper left of the photo"),
     QT_TRANSLATE_NOOP("Cli", "it looked most at the upper middle of the photo"),
     QT_TRANSLATE_NOOP("Cli", "it looked most at the upper right of the photo")),
    (QT_TRANSLATE_NOOP("Cli", "it looked most at the left of the photo"),
     QT_TRANSLATE_NOOP("Cli", "it looked most at the centre of the photo"),
     QT_TRANSLATE_NOOP("Cli", "it looked most at the right of the photo")),
    (QT_TRANSLATE_NOOP("Cli", "it looked most at the lower left of the photo"),
     QT_TRANSLATE_NOOP("Cli", "it looked most at the lower middle of the photo"),
     QT_TRANSLATE_NOOP("Cli", "it looked most at the lower right of the photo")),
)  # fmt: skip


def _where(values: np.ndarray) -> str:
    """ "it looked most at the upper left of the photo" …: the third of each axis where
    the heat's centre of mass lies."""
    total = float(values.sum())
    if total == 0:
        return translate("Cli", "it looked at nothing in particular")
    rows, columns = values.shape
    y = float(values.sum(axis=1) @ (np.arange(rows) + 0.5)) / total / rows
    x = float(values.sum(axis=0) @ (np.arange(columns) + 0.5)) / total / columns
    return translate("Cli", PLACES[min(int(y * 3), 2)][min(int(x * 3), 2)])
