"""Signals emitted from worker threads while the GUI thread runs Python must not corrupt
the interpreter. PySide6 6.12.0 does (emit from a thread races on True's reference count:
"Fatal Python error: bool_dealloc" within a second); pyproject.toml excludes it."""

from __future__ import annotations

import os
import subprocess
import sys

EMITTING = """
import os, threading
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal

app = QCoreApplication([])

class Worker(QObject):
    progressed = Signal(object)
    finished = Signal()

worker, received = Worker(), [0]
worker.progressed.connect(lambda _value: None, Qt.ConnectionType.QueuedConnection)
worker.finished.connect(lambda: received.append(1), Qt.ConnectionType.QueuedConnection)

def emit() -> None:
    for value in range(100_000):
        worker.progressed.emit(value)
        worker.finished.emit()

thread = threading.Thread(target=emit)
thread.start()
flags = 0
while thread.is_alive():
    flags += (flags % 3 == 0) is True  # the GUI thread's own Python, with its bools
    app.processEvents()
thread.join()
app.processEvents()
print("delivered", len(received) - 1)
"""


def test_signals_from_a_thread_leave_the_interpreter_whole() -> None:
    done = subprocess.run(
        [sys.executable, "-c", EMITTING], capture_output=True, text=True, timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "delivered 100000"
