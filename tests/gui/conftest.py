"""Window tests: a real engine (Lite0 offline, B0/B3 from a loopback server), offscreen."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import torch
from PySide6.QtCore import QObject, QThread, Signal, Slot

from app.core.models.catalog import Catalog
from app.ui.app import build_window
from app.ui.folder_run import RunState
from app.ui.main_window import MainWindow
from app.ui.settings import Settings
from tests.support.factories import sha256, write_catalog

pytestmark = pytest.mark.gui


@pytest.fixture(autouse=True)
def no_thread_left_running(monkeypatch) -> Iterator[None]:
    """Fails a test that leaves a QThread or a Python thread running."""
    started: list[QThread] = []
    original_start = QThread.start

    def recording_start(self: QThread, *args) -> None:
        started.append(self)
        original_start(self, *args)

    monkeypatch.setattr(QThread, "start", recording_start)
    before = set(threading.enumerate())
    yield
    running = [t.objectName() or repr(t) for t in started if t.isRunning()]
    assert not running, f"threads still running after the test: {running}"
    leaked = [t for t in set(threading.enumerate()) - before if t.is_alive() and not t.daemon]
    assert not leaked, f"Python threads still running: {leaked}"


@pytest.fixture(scope="session")
def b3_file(tmp_path_factory) -> Path:
    """Random B3 weights, written once per session."""
    from app.core.architectures.torch_models import build_model

    torch.manual_seed(3)
    path = tmp_path_factory.mktemp("weights") / "b3.pth"
    torch.save(build_model("efficientnet_b3").state_dict(), path)
    return path


@pytest.fixture
def catalog(server, b0_file: Path, b3_file: Path, tmp_path: Path, monkeypatch) -> Catalog:
    entries = []
    for model_id, file in (("b0", b0_file), ("b3", b3_file)):
        (server.root / file.name).hardlink_to(file)  # served, not copied
        digest = sha256(file.read_bytes())
        entries.append({"id": model_id, "weights_url": server.url(file.name), "sha256": digest})
    path = write_catalog(tmp_path / "catalog.json", entries)
    monkeypatch.setenv("EFFNET_CATALOG", str(path))
    return Catalog.load()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Per-test settings. PyTorch by default, so no test pays for a background ONNX export
    it does not look at; the tests of the automatic engine choose it themselves."""
    settings = Settings.at(tmp_path / "settings.ini")
    settings.engine = "torch"
    return settings


def open_window(qtbot, settings: Settings, catalog: Catalog) -> MainWindow:
    window = build_window(settings, catalog)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.controller.devices_changed, timeout=60_000):
        window.controller.start()
    return window


@pytest.fixture
def window(qtbot, settings: Settings, catalog: Catalog) -> Iterator[MainWindow]:
    window = open_window(qtbot, settings, catalog)
    yield window
    window.close()


def wait_for_result(qtbot, window: MainWindow, timeout: int = 60_000):
    with qtbot.waitSignal(window.controller.result_ready, timeout=timeout) as blocker:
        pass
    return blocker.args[1]


def run_ends(qtbot, window: MainWindow, state: RunState = RunState.DONE, timeout: int = 60_000):  # type: ignore[no-untyped-def]
    """Wait (as a ``with`` block) for the folder run to end as ``state``; ``.args[0]`` is
    its RunStatus."""
    return qtbot.waitSignal(
        window.controller.folder.changed,
        timeout=timeout,
        check_params_cb=lambda status: status.state is state,
    )


_KEPT: list[tuple[QObject, QObject]] = []


class _Echo(QObject):
    """Lives on the engine thread: answers a ping once every job sent before it is done."""

    pong = Signal()

    @Slot()
    def ping(self) -> None:
        self.pong.emit()


class _Pinger(QObject):
    ping = Signal()


def engine_drained(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """Wait until the engine has handled every job sent so far: jobs run in the order
    sent, so a ping sent now is answered after them, and its answer arrives after theirs."""
    echo, pinger = _Echo(), _Pinger()
    echo.moveToThread(window.controller._thread)
    _KEPT.append((echo, pinger))  # never deleted from the GUI thread while the engine runs
    pinger.ping.connect(echo.ping)
    with qtbot.waitSignal(echo.pong, timeout=120_000):  # queued after the engine's answers
        pinger.ping.emit()
