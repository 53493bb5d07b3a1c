"""Cooperative cancellation shared by downloads, model loading and inference."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from app.core.errors import Cancelled


class CancelToken:
    """Set once from any thread; long work checks it between steps.

    Blocking work (a socket read, a wait for a lock) registers a callback with
    :meth:`on_cancel` that interrupts it, so cancelling takes effect at once rather than
    at the next timeout.
    """

    def __init__(self) -> None:
        self._event = threading.Event()
        self._lock = threading.Lock()
        self._callbacks: list[Callable[[], None]] = []

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def cancel(self) -> None:
        with self._lock:
            self._event.set()
            callbacks = list(self._callbacks)
        for callback in callbacks:
            callback()

    def raise_if_cancelled(self) -> None:
        if self._event.is_set():
            raise Cancelled("cancelled")

    def sleep(self, seconds: float) -> None:
        """Wait, waking early (and raising :class:`Cancelled`) when cancelled."""
        if self._event.wait(seconds):
            raise Cancelled("cancelled")

    @contextmanager
    def on_cancel(self, callback: Callable[[], None]) -> Iterator[None]:
        """Call ``callback`` if the token is cancelled while the block runs."""
        with self._lock:
            already = self._event.is_set()
            if not already:
                self._callbacks.append(callback)
        if already:
            callback()
        try:
            yield
        finally:
            with self._lock:
                if callback in self._callbacks:
                    self._callbacks.remove(callback)
