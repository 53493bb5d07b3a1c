"""The window under stress: FIFOs, quitting mid-work, Compare cancel, slow web pictures,
broken catalogs, the garbage collector's pauses."""

from __future__ import annotations

import gc
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QUrl

from app.core.job_types import PhotoSource
from app.core.models.catalog import Catalog
from app.ui.app import launch
from tests.gui.conftest import run_ends, wait_for_result
from tests.gui.test_main_window import begin_slow_download, drop_files, drop_mime
from tests.support.photos import CHINA, FLOWER

pytestmark = pytest.mark.gui


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs exist on POSIX systems only")
def test_a_fifo_is_refused_and_the_window_stays_alive(qtbot, window, tmp_path: Path) -> None:
    fifo = tmp_path / "y.jpg"
    os.mkfifo(fifo)
    with qtbot.waitSignal(window.controller.failed, timeout=30_000):
        window.open_paths([fifo])
    assert "is a pipe (FIFO), not a file" in window.status.message.text()
    drop_files(window, [CHINA])
    assert wait_for_result(qtbot, window).top[0].label == "palace"
    started = time.monotonic()
    window.close()
    assert time.monotonic() - started < 2.5
    assert window.controller.stopped_cleanly  # no preview reader left blocked


SLOW_APP = """
import sys, time
from pathlib import Path
from app.core.inference import runners
from app.ui.settings import Settings

def stuck(self, batch, token=None):
    Path(sys.argv[1]).touch()
    time.sleep(60)  # a forward pass nothing can interrupt

runners.TorchRunner.probabilities = stuck
settings = Settings()
settings.engine = "torch"
settings.sync()
from app.cli import main
sys.exit(main(sys.argv[2:]))
"""


@pytest.mark.skipif(sys.platform == "win32", reason="Windows has no SIGTERM to send")
def test_quitting_mid_batch_takes_at_most_two_seconds(tmp_path: Path) -> None:
    marker = tmp_path / "inference-started"
    script = tmp_path / "slow_app.py"
    script.write_text(textwrap.dedent(SLOW_APP))
    env = dict(
        os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_STATE_HOME=str(tmp_path / "state"), PYTHONPATH=str(Path.cwd()),
    )  # fmt: skip
    process = subprocess.Popen(
        [sys.executable, str(script), str(marker), str(CHINA), str(FLOWER)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 90
        while not marker.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert marker.exists(), "the batch never reached inference"
        started = time.monotonic()
        process.send_signal(signal.SIGTERM)  # as the window manager's Quit does
        code = process.wait(timeout=30)
        assert time.monotonic() - started < 3.0  # 2 s budget, plus the process's own exit
        assert code == 0
    finally:
        process.kill()


def test_compare_cancel_pressed_while_queued_is_kept(
    qtbot, window, server, tmp_path, monkeypatch
) -> None:
    monkeypatch.setattr("app.paths.benchmark_runs_dir", lambda: tmp_path / "runs")
    begin_slow_download(qtbot, window, server, "b3", delay=0.2)  # the engine is busy
    window.menus.compare_action.trigger()
    dialog = window.dialogs.compare_dialog
    for model_id, box in dialog.model_boxes.items():
        box.setChecked(model_id == "lite0")
    dialog.start_button.click()
    dialog.cancel_button.click()  # while the job still waits behind the download
    window.controller.cancel()  # the download stops; the queued job runs now
    qtbot.waitUntil(lambda: not dialog.running, timeout=60_000)
    assert dialog.table.rowCount() == 0
    assert dialog.status.text() == "Stopped."
    dialog.close()


def test_closing_compare_keeps_the_photo_lists_answers(qtbot, window, monkeypatch) -> None:
    with run_ends(qtbot, window):
        drop_files(window, [CHINA, FLOWER])
    window.menus.compare_action.trigger()
    window.dialogs.compare_dialog.close()
    qtbot.waitUntil(lambda: window.dialogs.compare_dialog is None, timeout=5_000)
    classified: list[object] = []
    monkeypatch.setattr(window.controller, "classify", lambda: classified.append(1))
    window.folder_panel.table.selectRow(1)  # flower.jpg, after china.jpg
    assert classified == []  # answered from the batch, not run again
    assert window.answer_panel.chart.top[0].label == "daisy"


def drop_slow_web_picture(window, server, stall: float) -> None:  # type: ignore[no-untyped-def]
    """A picture dragged from a web page whose server waits ``stall`` seconds to answer."""
    (server.root / "slow.jpg").write_bytes(FLOWER.read_bytes())
    server.behaviour.stall_headers = stall
    mime = QMimeData()
    mime.setUrls([QUrl(server.url("slow.jpg"))])
    drop_mime(window, mime)


def test_a_slow_web_picture_never_replaces_a_later_photo(qtbot, window, server) -> None:
    drop_slow_web_picture(window, server, stall=1.5)
    drop_files(window, [CHINA])
    assert wait_for_result(qtbot, window).top[0].label == "palace"
    qtbot.waitUntil(lambda: not window.controller._tasks, timeout=60_000)  # it arrived …
    assert window.controller.photo == PhotoSource("china.jpg", path=CHINA)
    assert window.answer_panel.chart.top[0].label == "palace"  # … and was dropped


def test_escape_stops_fetching_a_web_picture(qtbot, window, server) -> None:
    stall = 20.0
    drop_slow_web_picture(window, server, stall=stall)
    started = time.monotonic()
    with qtbot.waitSignal(window.controller.paused, timeout=30_000):
        window.menus.cancel_action.trigger()
    qtbot.waitUntil(lambda: not window.controller._tasks, timeout=30_000)
    assert time.monotonic() - started < stall / 4  # it did not wait for the server
    assert window.controller.photo is None


def test_window_opens_whatever_is_wrong_with_the_catalog(
    qtbot, settings, tmp_path, monkeypatch
) -> None:
    real_load = Catalog.load

    def broken(user_file=None, environ=None):  # type: ignore[no-untyped-def]
        if environ != {}:  # the fallback reads the built-in catalog alone
            raise RecursionError("a failure nobody foresaw")
        return real_load(user_file, environ)

    monkeypatch.setattr(Catalog, "load", broken)
    window = launch([], settings)
    qtbot.addWidget(window)
    assert window.isVisible()
    assert "could not be read" in window.status.message.text()
    assert "lite0" in [spec.id for spec in window.catalog]
    window.close()


def test_full_collections_skip_what_the_libraries_left(window) -> None:
    """Once the window has found the devices, torch and torchvision are imported: some
    300,000 objects that every full collection walked, holding the GIL for 200–500 ms (a
    pause of the window). The collector now tracks only what was made after."""
    assert "torchvision.models" in sys.modules
    assert len(gc.get_objects()) < 100_000
