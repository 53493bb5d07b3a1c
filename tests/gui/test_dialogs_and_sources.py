"""Photos from a web page and as pixels, recent files, next-step buttons, dialogs."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, Qt, QUrl
from PySide6.QtGui import QImage, QKeySequence

from app.core.catalog import Catalog
from app.core.weights import WeightsState
from app.ui.dialogs.about import AboutDialog
from app.ui.dialogs.downloads import DownloadsDialog
from tests.gui.conftest import wait_for_result
from tests.gui.test_main_window import drop_files, drop_mime
from tests.support.photos import CHINA

pytestmark = pytest.mark.gui


def test_picture_dragged_from_a_web_page_is_fetched(qtbot, window, server) -> None:
    (server.root / "pagoda.jpg").write_bytes(CHINA.read_bytes())
    mime = QMimeData()
    mime.setUrls([QUrl(server.url("pagoda.jpg"))])
    drop_mime(window, mime)
    prediction = wait_for_result(qtbot, window)
    assert prediction.top[0].label == "palace"
    assert window.windowTitle().startswith("pagoda.jpg")


def test_web_pictures_over_the_size_cap_are_refused(qtbot, window, server, monkeypatch) -> None:
    from app.core.download import DownloadPolicy

    monkeypatch.setattr(
        "app.ui.controller.WEB_IMAGE_POLICY", DownloadPolicy(retries=0, max_bytes=10_000)
    )
    (server.root / "big.jpg").write_bytes(CHINA.read_bytes())
    mime = QMimeData()
    mime.setUrls([QUrl(server.url("big.jpg"))])
    with qtbot.waitSignal(window.controller.failed, timeout=30_000):
        drop_mime(window, mime)
    assert "more than the expected 10,000 bytes" in window.status.message.text()


def test_image_pixels_dropped_from_another_application(qtbot, window) -> None:
    mime = QMimeData()
    mime.setImageData(QImage(str(CHINA)))
    drop_mime(window, mime)
    assert wait_for_result(qtbot, window).top[0].label == "palace"


def test_recent_files_menu_reopens_a_photo(qtbot, window) -> None:
    drop_files(window, [CHINA])
    wait_for_result(qtbot, window)
    actions = [a for a in window.recent_menu.actions() if a.toolTip() == str(CHINA)]
    assert actions
    actions[0].trigger()
    assert wait_for_result(qtbot, window).top[0].label == "palace"


def test_failures_offer_the_next_step(qtbot, window, server) -> None:
    drop_files(window, [CHINA])
    wait_for_result(qtbot, window)
    server.behaviour.status = 404
    window.model_picker.select("b0")
    window.model_picker.activated.emit(window.model_picker.currentIndex())
    with qtbot.waitSignal(window.controller.failed, timeout=30_000):
        pass
    buttons = window.status.action_buttons
    assert "HTTP 404" in window.status.message.text()
    assert buttons["retry"].isVisibleTo(window) and buttons["import"].isVisibleTo(window)
    qtbot.mouseClick(buttons["lite0"], Qt.MouseButton.LeftButton)
    assert wait_for_result(qtbot, window).model_id == "lite0"


def test_every_action_has_a_keyboard_route(window) -> None:
    assert window.open_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Open)
    assert window.classify_action.shortcut() == QKeySequence("F5")
    assert window.paste_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Paste)
    menus = [a.text() for a in window.menuBar().actions()]
    assert all("&" in text for text in menus)  # Alt+letter opens each menu
    pickers = (window.model_picker, window.device_picker, window.precision_picker)
    assert [p.accessibleName() for p in pickers] == ["Model", "Device", "Precision"]
    assert window.chart.accessibleName() and window.chart.focusPolicy() != Qt.FocusPolicy.NoFocus


def test_downloads_dialog_downloads_removes_and_imports(
    qtbot, window, tmp_path, b0_file, monkeypatch
) -> None:
    catalog = window.catalog
    dialog = DownloadsDialog(catalog, window.store_provider, window.settings, window)
    qtbot.addWidget(dialog)
    b0 = catalog.get("b0")
    dialog.table.selectRow(dialog.specs.index(b0))
    assert dialog.download_button.isEnabled()
    qtbot.mouseClick(dialog.download_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.tasks, timeout=30_000)
    assert window.store_provider().status(b0).state is WeightsState.VERIFIED
    assert "verified" in dialog.table.item(dialog.specs.index(b0), 3).text()
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert window.store_provider().status(b0).state is WeightsState.MISSING
    dialog.import_file(b0, b0_file)
    qtbot.waitUntil(lambda: not dialog.tasks, timeout=30_000)
    assert window.store_provider().status(b0).ready
    bad = tmp_path / "bad.pth"
    bad.write_bytes(b"nope")
    window.store_provider().remove(b0)
    dialog.import_file(b0, bad)
    qtbot.waitUntil(lambda: not dialog.tasks, timeout=30_000)
    assert "integrity check" in dialog.table.item(dialog.specs.index(b0), 3).text()
    monkeypatch.delenv("EFFNET_CACHE_DIR")  # the variable outranks the setting
    dialog.set_cache_folder(str(tmp_path / "elsewhere"))
    assert dialog.folder_label.text() == str(tmp_path / "elsewhere")
    dialog.close()


def test_about_lists_versions_devices_and_licences(window) -> None:
    html = AboutDialog(Catalog.load(), window.controller.devices, window).text.toPlainText()
    for needle in ("PyTorch", "torchvision", "Qt", "cpu", "Apache-2.0", "Logs"):
        assert needle in html
