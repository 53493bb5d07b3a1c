"""Short background jobs (preview decoding, fetching a dropped URL, a download) on a pool."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from app.core.cancel import CancelToken
from app.core.errors import Cancelled, EffnetError

log = logging.getLogger(__name__)


class TaskSignals(QObject):
    progressed = Signal(object)
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    finished = Signal()  # always last, exactly once


class BackgroundTask(QRunnable):
    """Runs ``work(token, report_progress)`` on a pool thread; the result arrives by signal.

    ``failed`` carries a message for the user: :class:`EffnetError` text as is, anything
    else logged with its traceback and summarised.
    """

    def __init__(self, work: Callable[[CancelToken, Callable[[Any], None]], Any]) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the owner keeps it (and its signals) alive until finished
        self.work = work
        self.token = CancelToken()
        self.signals = TaskSignals()

    def run(self) -> None:
        try:
            result = self.work(self.token, self.signals.progressed.emit)
        except Cancelled:
            self.signals.cancelled.emit()
        except EffnetError as error:
            self.signals.failed.emit(str(error))
        except Exception as error:
            log.exception("background task failed")
            self.signals.failed.emit(f"something went wrong ({type(error).__name__}: {error})")
        else:
            self.signals.succeeded.emit(result)
        finally:
            self.signals.finished.emit()

    def start(self, pool: QThreadPool) -> None:
        pool.start(self)
