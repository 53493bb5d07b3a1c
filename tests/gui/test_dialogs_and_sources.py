"""Photos from a web page and as pixels, recent files, next-step buttons, dialogs."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QMimeData, Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QGuiApplication, QImage, QKeySequence
from PySide6.QtWidgets import QMessageBox

from app import BUG_TRACKER, HOMEPAGE
from app.core.models.catalog import Catalog
from app.core.weights.store import WeightsState
from app.i18n import LANGUAGES
from app.ui.dialogs.about import AboutDialog
from app.ui.dialogs.classes import CLASS_ROLE, GROUP_NAMES, ClassesDialog
from app.ui.dialogs.downloads import STATE_COLUMN, DownloadsDialog, disk_used
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
    from app.core.weights.download import DownloadPolicy

    monkeypatch.setattr(
        "app.workers.pictures.WEB_IMAGE_POLICY", DownloadPolicy(retries=0, max_bytes=10_000)
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
    actions = [a for a in window.menus.recent_menu.actions() if a.toolTip() == str(CHINA)]
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
    assert window.menus.open_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Open)
    assert window.menus.classify_action.shortcut() == QKeySequence("F5")
    assert window.menus.paste_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Paste)
    menus = [a.text() for a in window.menuBar().actions()]
    assert all("&" in text for text in menus)  # Alt+letter opens each menu
    pickers = (window.model_picker, window.device_picker, window.precision_picker)
    assert [p.accessibleName() for p in pickers] == ["Model", "Device", "Precision"]
    assert (
        window.answer_panel.chart.accessibleName()
        and window.answer_panel.chart.focusPolicy() != Qt.FocusPolicy.NoFocus
    )
    # Every menu entry is reachable from the menu bar (Alt+letter), and each has its letter.
    for menu_action in window.menuBar().actions():
        menu = menu_action.menu()
        for action in menu.actions() if menu else ():
            if not action.isSeparator():
                assert "&" in action.text() or action.text() in LANGUAGES.values(), action.text()
    details = [a for a in window.findChildren(QAction) if a.shortcut() == QKeySequence("Ctrl+D")]
    assert details, "Show details has Ctrl+D"
    details[0].trigger()
    assert window.details_toggle.isChecked() and window.engine_picker.isVisibleTo(window)


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
    assert "verified" in dialog.table.item(dialog.specs.index(b0), STATE_COLUMN).text()
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.tasks, timeout=30_000)
    assert window.store_provider().status(b0).state is WeightsState.MISSING
    dialog.import_file(b0, b0_file)
    qtbot.waitUntil(lambda: not dialog.tasks, timeout=30_000)
    assert window.store_provider().status(b0).ready
    bad = tmp_path / "bad.pth"
    bad.write_bytes(b"nope")
    window.store_provider().remove(b0)
    dialog.import_file(b0, bad)
    qtbot.waitUntil(lambda: not dialog.tasks, timeout=30_000)
    state = dialog.table.item(dialog.specs.index(b0), STATE_COLUMN)
    assert "integrity check" in state.toolTip() and "see below" in state.text()
    assert "integrity check" in dialog.error_label.text()  # whole, wrapped below the table
    assert dialog.error_label.wordWrap() and dialog.error_label.isVisibleTo(dialog)
    monkeypatch.delenv("EFFNET_CACHE_DIR")  # the variable outranks the setting
    dialog.set_cache_folder(str(tmp_path / "elsewhere"))
    assert dialog.folder_label.text() == str(tmp_path / "elsewhere")
    dialog.close()


def test_a_failed_download_names_the_file_and_its_address_to_copy(qtbot, window, server) -> None:
    dialog = DownloadsDialog(window.catalog, window.store_provider, window.settings, window)
    qtbot.addWidget(dialog)
    dialog.show()
    b0 = window.catalog.get("b0")
    dialog.table.selectRow(dialog.specs.index(b0))
    server.behaviour.status = 404
    qtbot.mouseClick(dialog.download_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.tasks, timeout=30_000)
    assert "404" in dialog.error_label.text() and dialog.error_label.isVisible()
    assert b0.weights.file_name in dialog.source_label.text()
    assert b0.weights.url in dialog.source_label.text()
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == b0.weights.url
    dialog.table.selectRow(dialog.specs.index(window.catalog.get("lite0")))
    assert not dialog.copy_button.isVisible()  # Lite0 comes with the app: nothing to fetch


def test_about_lists_versions_devices_and_licences(window) -> None:
    about = AboutDialog(Catalog.load(), window.controller.devices, window)
    text = about.text.toPlainText()
    for needle in ("PyTorch", "torchvision", "Qt", "cpu", "Apache-2.0", "Logs", "LGPL-3.0"):
        assert needle in text
    assert "standard edition" in text or "full edition" in text
    assert "Free software under the Apache-2.0 licence" in text
    assert "WordNet 3.0" in text and "Princeton University" in text
    html = about.text.toHtml()
    assert f'href="{HOMEPAGE}"' in html and f'href="{BUG_TRACKER}"' in html
    assert "Report a problem" in text


def test_open_folder_without_a_file_manager_shows_the_path_to_copy(
    qtbot, window, monkeypatch
) -> None:
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda _url: False)
    dialog = DownloadsDialog(window.catalog, window.store_provider, window.settings, window)
    qtbot.addWidget(dialog)
    dialog.open_cache_folder()
    box = dialog.findChild(QMessageBox, "folderPathBox")
    assert box is not None and box.informativeText() == str(window.store_provider().cache_dir)
    copy = next(b for b in box.buttons() if "Copy" in b.text())
    copy.click()
    assert QGuiApplication.clipboard().text() == str(window.store_provider().cache_dir)


def test_downloads_shows_the_disk_used_and_keeps_a_mirror_setting(qtbot, window, b0_file) -> None:
    store = window.store_provider()
    store.import_file(window.catalog.get("b0"), b0_file)
    dialog = DownloadsDialog(window.catalog, window.store_provider, window.settings, window)
    qtbot.addWidget(dialog)
    used = disk_used(store.cache_dir)
    assert used >= b0_file.stat().st_size
    assert f"{used / 2**20:.0f} MB used on disk" == dialog.total_label.text()
    assert not dialog.mirror.field.isVisibleTo(dialog)  # folded away until asked for
    dialog.mirror.disclosure.click()
    assert dialog.mirror.field.isVisibleTo(dialog)
    dialog.mirror.field.setText("not an address")
    dialog.mirror.save()
    assert window.settings.mirror == "" and "not a web address" in dialog.mirror.note.text()
    dialog.mirror.field.setText("https://mirror.example.org/models/")
    dialog.mirror.save()
    assert window.settings.mirror == "https://mirror.example.org/models/"


def test_the_mirror_setting_moves_built_in_downloads_at_the_next_start(
    qtbot, settings, monkeypatch
) -> None:
    from app.ui.app import launch

    monkeypatch.delenv("EFFNET_CATALOG", raising=False)
    monkeypatch.delenv("EFFNET_WEIGHTS_URL", raising=False)
    settings.mirror = "https://mirror.example.org/models/"
    window = launch([], settings)
    qtbot.addWidget(window)
    assert window.catalog.get("b3").weights.url.startswith("https://mirror.example.org/models/")
    window.close()


def test_what_can_it_recognise_lists_all_classes_grouped_and_searchable(window) -> None:
    dialog = ClassesDialog(window)
    assert len(dialog.shown_labels()) == 1000
    groups = {dialog.filter.index(r, 0).data() for r in range(dialog.filter.rowCount())}
    assert any(str(g).startswith("Dogs (") for g in groups)
    dialog.search.setText("striped coat")
    assert "tiger cat" in dialog.shown_labels()
    dialog.search.setText("feline")  # a broader class finds the cats under it
    found = dialog.shown_labels()
    assert {"tiger cat", "Persian cat", "lion"} <= set(found) and "goldfish" not in found
    assert dialog.count.text().startswith(f"{len(found)} of 1000")
    dialog.search.setText("cat")  # whole words: not "domesticated" (the African grey parrot)
    assert "tiger cat" in dialog.shown_labels() and "African grey" not in dialog.shown_labels()
    assert window.menus.classes_action.shortcut() == QKeySequence(
        QKeySequence.StandardKey.HelpContents
    )


def test_every_browsing_group_is_marked_for_translation() -> None:
    from app.core.models.class_info import imagenet_classes

    assert {info.group for info in imagenet_classes()} == set(GROUP_NAMES)


def test_the_language_menu_remembers_the_choice(window) -> None:
    names = [a.text() for a in window.menus.language_menu.actions()]
    assert names == ["&System language", "English", "Tiếng Việt"]
    window.menus.language_menu.actions()[2].trigger()
    assert window.settings.language == "vi"
    assert "start the app again" in window.status.message.text()


def test_remove_waits_off_the_gui_thread_and_says_why_it_could_not(qtbot, window) -> None:
    catalog = window.catalog
    store = window.store_provider()
    b0 = catalog.get("b0")
    store.ensure(b0)
    dialog = DownloadsDialog(catalog, window.store_provider, window.settings, window)
    qtbot.addWidget(dialog)
    dialog.table.selectRow(dialog.specs.index(b0))
    busy = store._lock(b0)  # another process downloading or checking the same file
    busy.acquire()
    try:
        asked = time.monotonic()
        qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
        assert time.monotonic() - asked < 0.5  # the window did not wait for the lock
        qtbot.waitUntil(lambda: not dialog.tasks, timeout=30_000)
    finally:
        busy.release()
    state = dialog.table.item(dialog.specs.index(b0), STATE_COLUMN)
    assert "being downloaded or checked" in state.toolTip() and "see below" in state.text()
    assert "being downloaded or checked" in dialog.error_label.text()
    assert store.status(b0).ready  # nothing was removed


def test_a_search_lists_the_best_matches_first_in_each_group_and_the_best_group_first(
    window,
) -> None:
    dialog = ClassesDialog(window)
    dialog.search.setText("cat")
    first_group = dialog.filter.index(0, 0)
    assert str(first_group.data()).startswith("Cats and other felines")
    assert str(dialog.filter.index(0, 0, first_group).data()) == "Egyptian cat"  # a name, A–Z
    for row in range(dialog.filter.rowCount()):
        group = dialog.filter.index(row, 0)
        ranks = [
            dialog.filter.index(child, 0, group).data(CLASS_ROLE).match_rank("cat")
            for child in range(dialog.filter.rowCount(group))
        ]
        assert ranks == sorted(ranks)
    dialog.search.clear()
    assert len(dialog.shown_labels()) == 1000
