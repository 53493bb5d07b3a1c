"""The ``effnet`` command: no arguments opens the window; subcommands run headless.

Exit codes: 0 success, 1 an operation failed, 2 a usage or configuration error.
"""

from __future__ import annotations

import argparse
import io
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from app import edition, i18n, paths
from app.cli import (
    benchmark_command,
    classify_commands,
    desktop_entry,
    explain_command,
    models_commands,
    sort_command,
    teach_commands,
)
from app.cli.argparse_words import translate_argparse
from app.core.errors import CatalogError, EffnetError, UnknownDeviceError, os_reason
from app.i18n import translate
from app.logs import LOG_FILE_NAME, configure_file_logging

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
COMMANDS = (
    "models", "weights", "classify", "explain", "sort", "devices", "benchmark", "train",
    "evaluate", "export", "install-desktop-entry",
)  # fmt: skip


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        error = translate("Errors", "error")
        self.exit(EXIT_USAGE, f"{self.prog}: {error}: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    """The commands and their help, in the language chosen when it is built."""
    parser = _Parser(
        prog="effnet",
        description=translate(
            "Cli",
            "Classify photos with EfficientNet (B0–B7, V2, Lite) on your CPU or GPU.",
        ),
    )
    parser.add_argument(
        "--version", action="version", version=f"%(prog)s {edition.describe()}",
        help=translate("Cli", "show the version and edition, then stop"),
    )  # fmt: skip
    parser.add_argument(
        "--catalog", metavar="FILE", help=translate("Cli", "a user catalog (JSON) to add models")
    )
    parser.add_argument(
        "--debug", action="store_true", help=translate("Cli", "show tracebacks and debug logs")
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    models_commands.register(commands)
    classify_commands.register(commands)
    explain_command.register(commands)
    sort_command.register(commands)
    benchmark_command.register(commands)
    teach_commands.register(commands)
    desktop_entry.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    if not arguments or _names_photos(arguments):
        from app.ui.app import run_gui

        return run_gui([Path(a) for a in arguments])
    i18n.use(i18n.from_environment() or i18n.SOURCE_LANGUAGE)  # LANGUAGE, LC_ALL, LANG
    translate_argparse()
    parser = build_parser()
    args = parser.parse_args(arguments)
    # Diagnostics go to the log file; stderr is for the command's own messages (--debug
    # shows them there too).
    configure_file_logging(logging.DEBUG if args.debug else logging.INFO, echo=args.debug)
    if args.command is None:
        parser.print_help()
        return EXIT_OK
    _write_any_file_name()
    try:
        return int(args.run(args))
    except (CatalogError, UnknownDeviceError) as error:
        return _report(error, args.debug, EXIT_USAGE)
    except EffnetError as error:
        return _report(error, args.debug, EXIT_FAILED)
    except OSError as error:  # a file the command read or wrote: one line, never silence
        return _report(_os_error_words(error), args.debug, EXIT_FAILED)
    except KeyboardInterrupt:
        print("effnet: " + translate("Errors", "interrupted"), file=sys.stderr)
        return EXIT_FAILED
    except Exception as error:  # a fault of the app's own: one line, the details in the log
        logging.getLogger(__name__).exception("effnet %s failed", args.command)
        message = translate(
            "Errors", "something went wrong ({error}); the details are in {log}"
        ).format(error=f"{type(error).__name__}: {error}", log=paths.log_dir() / LOG_FILE_NAME)
        print(f"effnet: {message}", file=sys.stderr)
        return EXIT_FAILED


def _write_any_file_name() -> None:
    """File names that are not UTF-8 (a Latin-1 name from an old camera card) are printed
    as the bytes they are, as ``ls`` does, instead of stopping the command."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="surrogateescape")


def _os_error_words(error: OSError) -> str:
    reason = os_reason(error)
    return f"{error.filename}: {reason}" if error.filename else reason


def _names_photos(arguments: list[str]) -> bool:
    """``effnet photo.jpg …`` opens the window with those photos."""
    first = arguments[0]
    return not first.startswith("-") and first not in COMMANDS


def _report(error: Exception | str, debug: bool, code: int) -> int:
    if debug:
        logging.exception("details")
    print(f"effnet: {error}", file=sys.stderr)
    return code
