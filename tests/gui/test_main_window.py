"""The window as a user drives it: drops, paste, model changes, downloads, errors, closing."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, Qt, QTimer, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QGuiApplication, QImage
from PySide6.QtWidgets import QApplication, QLabel

from app.ui.app import launch
from app.ui.dialogs.compare import COLUMN
from app.ui.settings import Settings
from tests.gui.conftest import engine_drained, open_window, run_ends, wait_for_result
from tests.support.engines import chosen_cpu_engine
from tests.support.photos import CHINA, FLOWER

pytestmark = pytest.mark.gui


def drag_enter(view, mime: QMimeData) -> QDragEnterEvent:
    event = QDragEnterEvent(
        view.rect().center(), Qt.DropAction.CopyAction, mime,
        Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
    )  # fmt: skip
    QApplication.sendEvent(view, event)
    return event


def drop_mime(window, mime: QMimeData) -> QDropEvent:
    """A real drag: enter (Qt then knows the drop target), then drop."""
    view = window.image_view
    drag_enter(view, mime)
    event = QDropEvent(
        view.rect().center().toPointF(), Qt.DropAction.CopyAction, mime,
        Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
    )  # fmt: skip
    QApplication.sendEvent(view, event)
    return event


def drop_files(window, paths: list[Path]) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    assert drop_mime(window, mime).isAccepted()


class LatenessProbe:
    """A 50 ms timer on the GUI thread that records how late each tick comes."""

    def __init__(self) -> None:
        self.lateness: list[float] = []
        self._last = time.monotonic()
        self.timer = QTimer()
        self.timer.setInterval(50)
        self.timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        now = time.monotonic()
        self.lateness.append((now - self._last) * 1000 - 50)
        self._last = now

    def start(self) -> None:
        self._last = time.monotonic()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()


def choose_model(window, model_id: str) -> None:
    picker = window.model_picker
    picker.select(model_id)
    picker.activated.emit(picker.currentIndex())


def test_dropped_photo_is_classified_and_charted(qtbot, window) -> None:
    drop_files(window, [CHINA])
    prediction = wait_for_result(qtbot, window)
    assert prediction.model_id == "lite0"
    assert window.answer_panel.chart.top[0].label == "palace"
    assert "palace" in window.answer_panel.chart.accessibleDescription()
    assert window.windowTitle().startswith("china.jpg")
    qtbot.waitUntil(lambda: window.image_view.has_image, timeout=10_000)


def test_several_dropped_files_are_classified_as_a_batch(qtbot, window, tmp_path) -> None:
    bad = tmp_path / "broken.jpg"
    bad.write_text("no photo")
    with run_ends(qtbot, window):
        drop_files(window, [CHINA, FLOWER, bad, CHINA])
    table = window.folder_panel.proxy
    assert table.rowCount() == 4 and window.folder_panel.isVisibleTo(window)
    rows = [[table.index(row, column).data() for column in range(3)] for row in range(4)]
    assert rows == [  # in the order they were dropped
        ["china.jpg", "palace", "30%"],
        ["flower.jpg", "daisy", "32%"],
        ["broken.jpg", "could not be classified", None],
        ["china.jpg", "palace", "30%"],
    ]
    assert "photos/s" in window.status.message.text()
    assert window.answer_panel.chart.top[0].label == "palace"  # the first photo is the one shown
    window.folder_panel.table.selectRow(1)  # its answer is already there: shown at once
    assert window.answer_panel.chart.top[0].label == "daisy"
    assert window.windowTitle().startswith("flower.jpg")
    window.folder_panel.table.selectRow(2)
    assert window.status.state == "error" and "not an image" in window.status.message.text()


def test_photo_given_on_the_command_line(qtbot, settings, catalog) -> None:
    window = launch([CHINA], settings)
    qtbot.addWidget(window)
    wait_for_result(qtbot, window)
    assert window.answer_panel.chart.top[0].label == "palace"
    window.close()


def test_a_photo_before_the_engine_is_ready_waits_its_turn(qtbot, settings, catalog) -> None:
    from app.ui.app import build_window

    window = build_window(settings, catalog)
    qtbot.addWidget(window)
    window.show()
    window.open_paths([CHINA])  # the engine thread has not even started
    assert "Getting ready" in window.status.message.text()
    window.controller.start()
    wait_for_result(qtbot, window)
    assert window.answer_panel.chart.top[0].label == "palace"
    window.close()


def test_pasted_image_is_classified(qtbot, window) -> None:
    QGuiApplication.clipboard().setImage(QImage(str(CHINA)))
    window.menus.paste_action.trigger()
    wait_for_result(qtbot, window)
    assert window.answer_panel.chart.top[0].label == "palace"


def test_pasted_file_path_is_opened(qtbot, window) -> None:
    QGuiApplication.clipboard().setText(str(FLOWER))
    window.menus.paste_action.trigger()
    wait_for_result(qtbot, window)
    assert "daisy" in [t.label for t in window.answer_panel.chart.top[:3]]


def test_model_change_gives_a_new_result(qtbot, window) -> None:
    drop_files(window, [CHINA])
    wait_for_result(qtbot, window)
    choose_model(window, "b0")
    prediction = wait_for_result(qtbot, window)
    assert prediction.model_id == "b0"
    assert "EfficientNet-B0" in window.answer_panel.summary.text()
    assert window.settings.model == "b0"


def begin_slow_download(qtbot, window, server, model_id: str, delay: float) -> None:
    """A photo answered by Lite0, then a model whose weights come slowly."""
    drop_files(window, [CHINA])
    wait_for_result(qtbot, window)
    server.behaviour.delay_per_chunk = delay
    choose_model(window, model_id)
    qtbot.waitUntil(lambda: window.status.state == "download", timeout=10_000)


def test_slow_download_shows_progress_cancels_and_resumes(qtbot, window, server) -> None:
    begin_slow_download(qtbot, window, server, "b0", delay=0.1)
    qtbot.waitUntil(lambda: window.status.progress.value() > 0, timeout=10_000)
    assert "Downloading EfficientNet-B0" in window.status.message.text()
    assert window.status.cancel_button.isVisible()
    qtbot.mouseClick(window.status.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "kept" in window.status.message.text(), timeout=5_000)
    partial = Path(window.store_provider().cache_dir) / "b0.pth.part"
    assert partial.stat().st_size > 0

    server.behaviour.delay_per_chunk = 0
    window.menus.classify_action.trigger()
    prediction = wait_for_result(qtbot, window)
    assert prediction.model_id == "b0"
    assert server.requests[-1].range == f"bytes={partial_size(server)}-"


def partial_size(server) -> int:
    ranges = [r.range for r in server.requests if r.range]
    return int(ranges[-1].split("=")[1].rstrip("-"))


def test_bad_file_shows_an_error_then_a_good_file_works(qtbot, window, tmp_path) -> None:
    bad = tmp_path / "broken.jpg"
    bad.write_text("this is no photo")
    with qtbot.waitSignal(window.controller.failed, timeout=30_000):
        drop_files(window, [bad])
    assert window.status.state == "error"
    assert "not an image" in window.status.message.text()
    assert window.answer_panel.chart.top == ()
    drop_files(window, [CHINA])
    wait_for_result(qtbot, window)
    assert window.answer_panel.chart.top[0].label == "palace" and window.status.state == "idle"


def test_rapid_switching_shows_only_the_last_request(qtbot, window) -> None:
    drop_files(window, [CHINA])
    wait_for_result(qtbot, window)
    shown = []
    window.controller.result_ready.connect(lambda photo, p: shown.append((photo.name, p.model_id)))
    for step in range(50):
        if step % 2:
            choose_model(window, "b0" if step % 4 == 1 else "lite0")
        else:
            drop_files(window, [FLOWER if step % 4 == 0 else CHINA])
    last = (window.controller.photo.name, window.controller.selection.model_id)
    qtbot.waitUntil(lambda: bool(shown), timeout=60_000)
    engine_drained(qtbot, window)  # every superseded job has ended: none may answer now
    assert shown == [last]


def test_event_loop_keeps_answering_during_b3_inference(qtbot, window) -> None:
    drop_files(window, [CHINA])
    wait_for_result(qtbot, window)
    choose_model(window, "b3")
    wait_for_result(qtbot, window)  # downloaded and loaded; now time warm inferences
    probe = LatenessProbe()
    probe.start()
    started = time.monotonic()
    while time.monotonic() - started < 1.0:  # warm B3 runs back to back for a second or more
        window.menus.classify_action.trigger()
        wait_for_result(qtbot, window)
    probe.stop()
    assert len(probe.lateness) >= 10
    assert max(probe.lateness) < 100


def test_closing_mid_download_exits_cleanly(qtbot, window, server) -> None:
    begin_slow_download(qtbot, window, server, "b3", delay=0.2)
    started = time.monotonic()
    window.close()
    assert time.monotonic() - started < 2.0
    assert not window.controller._thread.isRunning()


def test_settings_persist_across_windows(qtbot, settings, catalog, tmp_path) -> None:
    first = open_window(qtbot, settings, catalog)
    choose_model(first, "b3")
    first.resize(700, 500)
    first.close()
    second = open_window(qtbot, settings, catalog)
    assert second.model_picker.current_id() == "b3"
    assert second.controller.selection.model_id == "b3"
    assert (second.width(), second.height()) == (700, 500)
    settings.threads = 1
    settings.sync()
    assert Settings.at(tmp_path / "settings.ini").threads == 1
    second.close()


def test_results_can_be_copied_and_saved(qtbot, window, tmp_path) -> None:
    import json

    drop_files(window, [CHINA])
    wait_for_result(qtbot, window)
    window.menus.copy_action.trigger()
    assert "1. palace" in QGuiApplication.clipboard().text()
    window.answer_files.write_results(tmp_path / "r.json")
    saved = json.loads((tmp_path / "r.json").read_text())["results"][0]
    assert saved["top"][0]["label"] == "palace" and saved["model"] == "lite0"


def test_unusable_devices_are_disabled_with_a_reason(qtbot, window) -> None:
    from app.core.inference.devices import DeviceInfo, cpu_device

    absent = DeviceInfo("cuda:0", "cuda", "NVIDIA GPU", False, reason="no NVIDIA driver")
    window.device_picker.set_devices([cpu_device(), absent], "cpu")
    model = window.device_picker.model()
    items = [model.item(row) for row in range(model.rowCount())]
    (item,) = [i for i in items if i.data(Qt.ItemDataRole.UserRole + 1) == "cuda:0"]
    assert not item.isEnabled() and item.toolTip() == "no NVIDIA driver"


def test_drag_hover_highlights_the_photo_area(qtbot, window) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(CHINA))])
    assert drag_enter(window.image_view, mime).isAccepted()
    assert window.image_view.hovering
    text_only = QMimeData()
    text_only.setText("hello")
    assert not drag_enter(window.image_view, text_only).isAccepted()


def test_compare_view_fills_table_and_chart_without_blocking(
    qtbot, window, tmp_path, monkeypatch
) -> None:
    monkeypatch.setattr("app.paths.benchmark_runs_dir", lambda: tmp_path / "runs")
    drop_files(window, [CHINA])
    wait_for_result(qtbot, window)
    window.menus.compare_action.trigger()
    dialog = window.dialogs.compare_dialog
    for model_id, box in dialog.model_boxes.items():
        box.setChecked(model_id in ("lite0", "b0"))
    dialog.engine_boxes["onnx"].setChecked(False)
    dialog.engine_boxes["openvino"].setChecked(False)
    dialog.runs.setValue(2)
    dialog.warmup.setValue(1)
    probe = LatenessProbe()
    probe.start()
    dialog.start_button.click()
    assert dialog.running and not dialog.start_button.isEnabled()
    qtbot.waitUntil(lambda: not dialog.running, timeout=120_000)
    probe.stop()
    assert max(probe.lateness) < 100  # the event loop kept answering
    assert dialog.table.rowCount() == 2
    rows = {dialog.table.item(r, COLUMN["model"]).text(): r for r in range(2)}
    assert dialog.table.item(rows["EfficientNet-B0"], COLUMN["weights"]).text() == "random"
    answer = dialog.table.item(rows["EfficientNet-Lite0"], COLUMN["answer"]).text()
    assert answer.startswith("palace")  # its answer
    assert dialog.table.item(0, COLUMN["engine"]).text() == "PyTorch"
    # Where each pretrained model looked: Lite0 only (B0 was timed with random weights).
    assert len(dialog.heatmaps.tiles) == 1
    assert dialog.tabs.tabText(1) == "&Where each model looked (1)"
    caption = dialog.heatmaps.tiles[0].findChildren(QLabel)[1].text()
    assert caption.startswith("EfficientNet-Lite0") and "palace" in caption
    assert sum(len(s.points) for s in dialog.chart.series) == 2
    assert dialog.progress.value() == dialog.progress.maximum()
    kept = list((tmp_path / "runs").glob("*.json"))
    assert len(kept) == 1
    dialog.export(tmp_path / "out.csv", "csv")
    assert (tmp_path / "out.csv").read_text().startswith("model,device")
    dialog.compare_with(kept[0])
    assert any(s.dashed for s in dialog.chart.series)
    dialog.close()


@pytest.mark.parametrize(
    ("faster", "said"),
    [
        ("onnx", "ONNX Runtime, optimised for this CPU"),
        ("openvino", "OpenVINO, compiled for this CPU"),
    ],
)
def test_automatic_engine_uses_the_faster_cpu_engine_and_says_so(
    qtbot, settings, catalog, monkeypatch, faster: str, said: str
) -> None:
    from app.core.inference import loader

    monkeypatch.setattr(loader, "faster_cpu_engine", lambda cache, threads: faster)
    settings.engine = "auto"
    window = open_window(qtbot, settings, catalog)
    assert window.engine_picker.current() == "auto"
    drop_files(window, [CHINA])
    prediction = wait_for_result(qtbot, window)
    assert prediction.engine == faster and prediction.top[0].label == "palace"
    window.details_toggle.setChecked(True)
    assert said in window.answer_panel.summary.text()
    window.engine_picker.select("torch")
    window.engine_picker.activated.emit(window.engine_picker.currentIndex())
    assert wait_for_result(qtbot, window).engine == "torch"
    assert window.settings.engine == "torch"
    window.close()


def test_openvino_is_chosen_in_the_engine_picker_and_remembered(qtbot, settings, catalog) -> None:
    window = open_window(qtbot, settings, catalog)
    drop_files(window, [CHINA])
    wait_for_result(qtbot, window)
    window.engine_picker.select("openvino")
    assert window.engine_picker.currentText() == "OpenVINO (CPU)"
    window.engine_picker.activated.emit(window.engine_picker.currentIndex())
    prediction = wait_for_result(qtbot, window)
    assert prediction.engine == "openvino" and prediction.top[0].label == "palace"
    assert window.settings.engine == "openvino"
    window.close()


def test_the_window_is_built_without_importing_torch(tmp_path) -> None:
    import subprocess
    import sys

    settings_file = str(tmp_path / "s.ini")
    code = (
        "import sys, pathlib\n"
        "from PySide6.QtWidgets import QApplication, QLabel\n"
        "app = QApplication([])\n"
        "from app.core.models.catalog import Catalog\n"
        "from app.ui.app import build_window\n"
        "from app.ui.settings import Settings\n"
        f"settings = Settings.at(pathlib.Path({settings_file!r}))\n"
        "window = build_window(settings, Catalog.load())\n"
        "window.show()\n"
        "print('torch' in sys.modules, 'torchvision' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["False", "False"]


WINDOW_WITHOUT_TORCH = """
from pathlib import Path
from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication, QLabel
application = QApplication([])
from app.core.models.catalog import Catalog
from app.ui.app import build_window
from app.ui.settings import Settings
from app.core.job_types import Selection
window = build_window(Settings.at(Path(SETTINGS)), Catalog.load())
window.show()
window.controller.start()
answers, loop = [], QEventLoop()
window.controller.result_ready.connect(lambda _photo, p: (answers.append(p), loop.quit()))
window.controller.failed.connect(lambda _kind, message: (answers.append(message), loop.quit()))

def answer():
    QTimer.singleShot(60_000, loop.quit)
    loop.exec()
    return answers[-1]

window.open_paths([Path(PHOTO)])
lite0 = answer()
window.controller.select(Selection("b0", "cpu", "fp32", "auto"))
b0 = answer()
print(lite0.model_id, lite0.engine, lite0.top[0].label, b0.model_id, b0.engine)
window.close()
"""


def test_the_window_classifies_with_lite0_and_b0_without_torch(
    tmp_path, isolated_environment, b0_file, b0_bytes
) -> None:
    import os

    from app.core.models.catalog import Catalog
    from app.core.weights.store import WeightsStore
    from tests.support.factories import sha256, write_catalog
    from tests.support.no_torch import run_without_torch

    entry = {"id": "b0", "weights_url": b0_file.as_uri(), "sha256": sha256(b0_bytes)}
    catalog = write_catalog(tmp_path / "catalog.json", [entry])
    WeightsStore(isolated_environment).ensure(Catalog.load(catalog).get("b0"))
    code = WINDOW_WITHOUT_TORCH.replace("SETTINGS", repr(str(tmp_path / "s.ini")))
    env = dict(os.environ, EFFNET_CATALOG=str(catalog), XDG_STATE_HOME=str(tmp_path / "state"))
    result = run_without_torch(code.replace("PHOTO", repr(str(CHINA))), env)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    engine = chosen_cpu_engine(isolated_environment)  # what "auto" measured faster here
    assert lines[-2] == f"lite0 {engine} palace b0 {engine}"
    assert lines[-1] == "torch imported: False"


def test_classify_without_a_photo_says_how_to_give_one(qtbot, window) -> None:
    qtbot.waitUntil(lambda: window.controller.ready, timeout=60_000)
    window.classify_button.click()
    assert "Open a photo first" in window.status.message.text()
    window.menus.classify_action.trigger()  # F5 says the same
    assert "File ▸ Open (Ctrl+O)" in window.status.message.text()
