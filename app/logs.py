"""Logging to a file in the log folder (a windowed bundle has no stderr to print to)."""

from __future__ import annotations

import logging
import sys
from logging.handlers import RotatingFileHandler
from types import TracebackType

from app import paths

LOG_FILE_NAME = "effnet.log"


def configure_file_logging(level: int = logging.INFO, *, echo: bool = True) -> None:
    """Log to the log folder, and to stderr too when ``echo`` and there is one.

    Python warnings (Pillow's notes on odd files, numpy's overflow warnings) are logged
    rather than printed, so a command's stderr carries only its own messages.
    """
    folder = paths.log_dir()
    handlers: list[logging.Handler] = []
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handlers.append(
            RotatingFileHandler(
                folder / LOG_FILE_NAME, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
            )
        )
    except OSError:
        pass  # an unwritable log folder must not stop the app
    if echo and sys.stderr is not None:
        handlers.append(logging.StreamHandler())
    logging.basicConfig(
        level=logging.WARNING,  # libraries (torch…) speak up only when something is wrong
        handlers=handlers,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    logging.getLogger("app").setLevel(level)
    logging.captureWarnings(True)
    sys.excepthook = _log_uncaught


def _log_uncaught(
    kind: type[BaseException], error: BaseException, traceback: TracebackType | None
) -> None:
    """An unexpected error in a Qt slot: log it instead of printing, and keep running."""
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, error, traceback)
        return
    logging.getLogger("app").error("uncaught error", exc_info=(kind, error, traceback))
