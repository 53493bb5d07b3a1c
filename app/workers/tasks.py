"""Short background jobs (preview decoding, fetching a dropped URL, a download) on a pool."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal

from app.core.cancel import CancelToken
from app.core.errors import Cancelled, EffnetError
from app.i18n import translate

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
            self.signals.failed.emit(
                translate("Errors", "something went wrong ({kind}: {error})").format(
                    kind=type(error).__name__, error=error
                )
            )
        else:
            self.signals.succeeded.emit(result)
        finally:
            self.signals.finished.emit()

    def on(self, **handlers: Callable[..., object]) -> BackgroundTask:
        """Connect handlers by signal name (``succeeded=…``, ``failed=…``, ``progressed=…``,
        ``cancelled=…``, ``finished=…``). They run on the thread that made the task (the GUI
        thread), however they are written: a plain function or lambda would otherwise run
        on the pool thread. Connect before :meth:`start`, or a fast task's signal is lost."""
        for name, handler in handlers.items():
            getattr(self.signals, name).connect(handler, Qt.ConnectionType.QueuedConnection)
        return self

    def start(self, pool: QThreadPool) -> None:
        pool.start(self)
