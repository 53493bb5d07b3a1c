"""Renders the window in its main states into docs/screenshots/ (``make screenshots``).

Every state is reached for real: Lite0 classifies a real photo, B0's weights are
downloaded from a throttled server on 127.0.0.1, and a damaged file is opened.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
sys.path.insert(0, str(ROOT))


def wait(signal, timeout_ms: int = 60_000) -> None:  # type: ignore[no-untyped-def]
    loop = QEventLoop()
    signal.connect(loop.quit)
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()
    signal.disconnect(loop.quit)


def settle(ms: int = 300) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def settle_until(condition, timeout_ms: int = 120_000) -> None:  # type: ignore[no-untyped-def]
    loop = QEventLoop()
    timer = QTimer()
    timer.timeout.connect(lambda: condition() and loop.quit())
    timer.start(50)
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()
    timer.stop()


def teach_shots(window, folder: Path) -> None:  # type: ignore[no-untyped-def]
    """File ▸ New label set on real digit scans, its results, and a folder of new scans
    answered and sorted by the learned labels."""
    from app.ui.folder_run import RunState
    from tests.support.digits import digit_piles

    digit_piles(folder / "Digits", (0, 1, 7), 12)
    digit_piles(folder / "Digits", (2,), 4)
    dialog = window.dialogs.open_teach()
    dialog.open_folder(folder / "Digits")
    dialog.resize(800, 600)
    settle(800)
    dialog.grab().save(str(OUT / "teach-piles.png"))
    dialog.start()
    settle_until(lambda: dialog.tabs.isTabEnabled(1))
    settle(800)
    dialog.grab().save(str(OUT / "teach-results.png"))
    dialog.keep()
    scans = folder / "Scans to sort"
    scans.mkdir()
    for pile in digit_piles(folder / "new", (0, 1, 2, 7), 4, skip=20).values():
        for scan in pile:
            shutil.copy(scan, scans / scan.name)
    window.open_paths([scans])
    settle_until(lambda: window.controller.folder.status.state is RunState.DONE)
    window.folder_actions.sort(folder / "Sorted", "copy")
    settle(1500)
    window.grab().save(str(OUT / "teach-folder.png"))
    window.folder_panel.hide()


def small_window_shots(window, photo: Path) -> None:  # type: ignore[no-untyped-def]
    """At 800×600, with details on, where it looked, and a download that failed (an
    address nobody answers): the five answers stay whole, the rest scrolls."""
    window.resize(800, 600)
    window.details_toggle.setChecked(True)
    window.open_paths([photo])
    wait(window.controller.result_ready)
    window.answer_panel.explain_toggle.setChecked(True)
    wait(window.heatmap_view.painter.ready)
    window.model_picker.select("b0")
    window.model_picker.activated.emit(window.model_picker.currentIndex())
    wait(window.controller.failed)
    settle()
    window.grab().save(str(OUT / "vietnamese-800x600.png"))
    from app.ui.dialogs.downloads import DownloadsDialog

    downloads = DownloadsDialog(window.catalog, window.store_provider, window.settings, window)
    downloads.show()
    downloads.table.selectRow(downloads.specs.index(window.catalog.get("b0")))
    downloads.toggle_download()
    settle_until(lambda: not downloads.tasks)
    downloads.resize(800, 600)
    settle()
    downloads.grab().save(str(OUT / "downloads-vietnamese.png"))
    downloads.reject()


def dark_palette() -> QPalette:
    palette = QPalette()
    role = QPalette.ColorRole
    colours = {
        role.Window: "#202124", role.WindowText: "#e8eaed", role.Base: "#2b2c2f",
        role.AlternateBase: "#35363a", role.Text: "#e8eaed", role.Button: "#35363a",
        role.ButtonText: "#e8eaed", role.Highlight: "#8ab4f8", role.HighlightedText: "#202124",
        role.PlaceholderText: "#9aa0a6",
    }  # fmt: skip
    for colour_role, colour in colours.items():
        palette.setColor(colour_role, QColor(colour))
    for colour_role in (role.WindowText, role.Text, role.ButtonText):  # as dark themes grey them
        palette.setColor(QPalette.ColorGroup.Disabled, colour_role, QColor("#6f7378"))
    return palette


def main() -> None:
    import sklearn.datasets
    import torch

    from app.core.architectures.torch_models import build_model
    from app.ui.app import build_window
    from app.ui.folder_run import RunState
    from app.ui.language import install_language
    from app.ui.settings import Settings
    from tests.support import weights_server
    from tests.unit.folders.conftest import distinct_photos

    photo = Path(sklearn.datasets.__file__).parent / "images" / "china.jpg"
    OUT.mkdir(parents=True, exist_ok=True)
    application = QApplication.instance() or QApplication(sys.argv[:1])
    application.setStyle("Fusion")
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        os.environ["EFFNET_CACHE_DIR"] = str(folder / "cache")
        for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME"):  # a fresh user: nothing kept before
            os.environ[name] = str(folder / name.lower())
        served = folder / "served"
        served.mkdir()
        buffer = io.BytesIO()
        torch.save(build_model("efficientnet_b0").state_dict(), buffer)
        (served / "b0.pth").write_bytes(buffer.getvalue())
        server_state, server = weights_server.start(served)
        server_state.behaviour.delay_per_chunk = 0.02
        digest = hashlib.sha256(buffer.getvalue()).hexdigest()
        catalog_file = folder / "catalog.json"
        entry = {"id": "b0", "weights_url": server_state.url("b0.pth"), "sha256": digest}
        catalog_file.write_text(json.dumps({"models": [entry]}))
        os.environ["EFFNET_CATALOG"] = str(catalog_file)

        from app.core.models.catalog import Catalog

        window = build_window(Settings.at(folder / "settings.ini"), Catalog.load())
        window.show()  # at the size it first opens
        window.controller.start()
        wait(window.controller.engine_ready)
        settle()
        window.grab().save(str(OUT / "empty.png"))

        window.open_paths([photo])
        wait(window.controller.result_ready)
        settle()
        window.grab().save(str(OUT / "result.png"))

        window.details_toggle.setChecked(True)
        settle()
        window.grab().save(str(OUT / "details.png"))
        window.details_toggle.setChecked(False)

        window.answer_panel.explain_toggle.setChecked(True)
        wait(window.heatmap_view.painter.ready)
        settle()
        window.grab().save(str(OUT / "heatmap.png"))
        window.answer_panel.explain_toggle.setChecked(False)

        window.model_picker.select("b0")
        window.model_picker.activated.emit(window.model_picker.currentIndex())
        loop = QEventLoop()
        timer = QTimer()
        timer.timeout.connect(lambda: window.status.progress.value() > 350 and loop.quit())
        timer.start(50)
        loop.exec()
        timer.stop()
        window.grab().save(str(OUT / "downloading.png"))
        server_state.behaviour.delay_per_chunk = 0
        wait(window.controller.result_ready)
        window.model_picker.select("lite0")  # B0's weights here are random: Lite0 answers
        window.model_picker.activated.emit(window.model_picker.currentIndex())
        wait(window.controller.result_ready)

        album = folder / "Holiday 2026"
        distinct_photos(album, 14)
        for sample in (photo, photo.with_name("flower.jpg")):
            shutil.copy(sample, album)
        window.open_paths([album])
        settle_until(lambda: window.controller.folder.status.state is RunState.DONE)
        window.folder_panel.table.selectRow(3)
        settle(800)
        window.grab().save(str(OUT / "folder.png"))
        window.folder_panel.hide()

        teach_shots(window, folder)
        window.model_picker.select("lite0")
        window.model_picker.activated.emit(window.model_picker.currentIndex())

        broken = folder / "holiday.jpg"
        broken.write_bytes(photo.read_bytes()[:2000])
        window.open_paths([broken])
        wait(window.controller.failed)
        settle()
        window.grab().save(str(OUT / "error.png"))

        os.environ.pop("EFFNET_CATALOG")  # B0-B7 as built in: timed with random weights
        compare_window = build_window(Settings.at(folder / "compare.ini"), Catalog.load())
        compare_window.show()
        compare_window.controller.start()
        wait(compare_window.controller.engine_ready)
        compare_window.open_paths([photo])  # each pretrained model's answer for it
        wait(compare_window.controller.result_ready)
        compare_window.dialogs.open_compare()
        dialog = compare_window.dialogs.compare_dialog
        dialog.runs.setValue(5)
        dialog.warmup.setValue(1)
        dialog.start()
        wait(dialog.worker.finished, timeout_ms=900_000)
        settle(500)
        dialog.grab().save(str(OUT / "compare.png"))
        dialog.close()
        compare_window.close()

        application.setPalette(dark_palette())
        window.model_picker.select("lite0")
        window.open_paths([photo])
        window.model_picker.activated.emit(window.model_picker.currentIndex())
        wait(window.controller.result_ready)
        settle()
        window.grab().save(str(OUT / "result-dark.png"))
        window.close()
        server.shutdown()
        server.server_close()

        application.setPalette(application.style().standardPalette())
        install_language(application, "vi")
        os.environ["EFFNET_CATALOG"] = str(catalog_file)  # B0 from the server, now stopped
        os.environ["EFFNET_CACHE_DIR"] = str(folder / "empty cache")  # so B0 is fetched
        vietnamese = build_window(Settings.at(folder / "vi.ini"), Catalog.load())
        vietnamese.show()
        vietnamese.controller.start()
        wait(vietnamese.controller.engine_ready)
        vietnamese.open_paths([photo.with_name("flower.jpg")])
        wait(vietnamese.controller.result_ready)
        settle()
        vietnamese.grab().save(str(OUT / "vietnamese.png"))
        small_window_shots(vietnamese, photo)
        vietnamese.close()


if __name__ == "__main__":
    main()
