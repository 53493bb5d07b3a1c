"""``effnet sort``: copy or move photos into folders named by their top label."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from app.cli.photo_runs import add_photo_options, probability, run_photos
from app.core.errors import EffnetError
from app.core.folders.sort_journal import COPY, MOVE, SortError
from app.core.folders.sorting import counts, journal_path, plan, sort_photos, undo
from app.core.inference.predictions import Prediction
from app.core.inference.sentence import SURE
from app.i18n import translate

EXIT_USAGE = 2


def register(commands: Any) -> None:
    sort = commands.add_parser(
        "sort", help=translate("Cli", "copy or move photos into folders named by what they show")
    )
    add_photo_options(sort, required=False)
    sort.add_argument(
        "--into", type=Path, metavar="DIR", help=translate("Cli", "where the label folders go")
    )
    how = sort.add_mutually_exclusive_group()
    how.add_argument(
        "--copy", dest="mode", action="store_const", const=COPY, help=translate("Cli", "(default)")
    )
    how.add_argument(
        "--move", dest="mode", action="store_const", const=MOVE,
        help=translate("Cli", "move the photos instead of copying them"),
    )  # fmt: skip
    sort.add_argument(
        "--dry-run", action="store_true", help=translate("Cli", "print the counts, move nothing")
    )
    sort.add_argument(
        "--min-confidence",
        type=probability,
        default=SURE,
        metavar="P",
        help=translate(
            "Cli",
            "photos whose top label is less probable go to the folder 'unsure' "
            "(default %(default)s)",
        ),
    )
    sort.add_argument(
        "--undo",
        type=Path,
        metavar="JOURNAL",
        help=translate("Cli", "put back what an earlier sort did"),
    )
    sort.set_defaults(run=run_sort, mode=COPY)


def run_sort(args: argparse.Namespace) -> int:
    if args.undo is not None:
        try:
            undone = len(undo(args.undo, _report))
        except SortError as error:
            print(f"effnet: {error}", file=sys.stderr)
            return 1
        print(translate("Errors", "{count} photos put back").format(count=undone), file=sys.stderr)
        return 0
    if not args.images or args.into is None:
        print(
            "effnet: " + translate("Errors", "sort needs photos or folders, and --into DIR"),
            file=sys.stderr,
        )
        return EXIT_USAGE
    blocked = _not_a_folder(args.into)
    if blocked is not None:  # said before any photo is classified
        message = translate("Errors", "cannot sort into {into}: {path} is not a folder").format(
            into=args.into, path=blocked
        )
        print(f"effnet: {message}", file=sys.stderr)
        return 1
    answers: list[tuple[Path, str, float]] = []
    failed = 0

    def on_result(photo: Path, outcome: Prediction | EffnetError) -> None:
        nonlocal failed
        if isinstance(outcome, EffnetError):
            failed += 1
            print(
                "effnet: "
                + translate("Errors", "{error} (left where it is)").format(error=outcome),
                file=sys.stderr,
            )
        else:
            answers.append((photo, outcome.top[0].label, outcome.top[0].probability))

    if run_photos(args, 1, on_result, exclude=args.into) is None:  # never what is sorted
        return 1
    placements = plan(answers, args.min_confidence)
    for folder, count in sorted(counts(placements).items()):
        print(f"{count:6d}  {args.into / folder}")
    if args.dry_run:
        text = (
            translate("Errors", "dry run: nothing was moved")
            if args.mode == MOVE
            else translate("Errors", "dry run: nothing was copied")
        )
        print(text, file=sys.stderr)
        return 1 if failed else 0
    journal = journal_path(args.into)
    problems = 0

    def on_error(photo: Path, message: str) -> None:
        nonlocal problems
        problems += 1
        _report(photo, message)

    done = len(sort_photos(placements, args.into, args.mode, journal, on_error))
    text = (
        translate("Errors", "{count} photos moved; to undo: effnet sort --undo {journal}")
        if args.mode == MOVE
        else translate("Errors", "{count} photos copied; to undo: effnet sort --undo {journal}")
    )
    print(text.format(count=done, journal=journal), file=sys.stderr)
    return 1 if failed or problems else 0


def _not_a_folder(into: Path) -> Path | None:
    """The first of ``into`` and its parents that exists, if it is not a folder."""
    for path in (into, *into.parents):
        if path.exists() or path.is_symlink():
            return None if path.is_dir() else path
    return None


def _report(photo: Path, message: str) -> None:
    print(f"effnet: {photo}: {message}", file=sys.stderr)
