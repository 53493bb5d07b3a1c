"""Builds the window and its engine, and runs the Qt event loop."""

from __future__ import annotations

import logging
import os
import signal
import sys
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from app import APP_ID, APP_NAME, ORG_NAME, __version__, edition, paths
from app.core.errors import CatalogError
from app.core.inference.classifier import DEFAULT_MODEL, Classifier, open_classifier
from app.core.inference.runners import ENGINES
from app.core.job_types import Selection
from app.core.models.catalog import MIRROR_ENV_VAR, Catalog
from app.core.models.label_sets import installed
from app.core.weights.store import WeightsStore
from app.ui.controller import Controller
from app.ui.language import install_language
from app.ui.main_window import MainWindow
from app.ui.settings import Settings
from app.workers.engine import EngineWorker

log = logging.getLogger(__name__)


def app_icon() -> QIcon:
    icon = QIcon()
    folder = paths.resources_dir() / "icons"
    for png in sorted(folder.glob("effnet-*.png")):
        icon.addFile(str(png))
    return icon


def build_window(settings: Settings, catalog: Catalog) -> MainWindow:
    """The window with its controller and engine thread (not started yet)."""

    def store() -> WeightsStore:
        return WeightsStore(paths.cache_dir(settings.cache_folder))

    def make_classifier() -> Classifier:
        cache = paths.cache_dir(settings.cache_folder)
        threads = settings.threads or None
        return open_classifier(catalog, cache, threads)

    model_id = settings.model if settings.model in catalog else DEFAULT_MODEL
    engine = settings.engine if settings.engine in ENGINES else "auto"
    selection = Selection(catalog.get(model_id).id, settings.device, settings.precision, engine)
    controller = Controller(
        EngineWorker(make_classifier, preload=selection),
        selection,
        catalog,
    )
    return MainWindow(controller, catalog, store, settings, app_icon())


def launch(photos: list[Path], settings: Settings, catalog_file: str | None = None) -> MainWindow:
    """Show the window at once and start the engine behind it; open ``photos`` if any."""
    catalog_problem = None
    environ = dict(os.environ)
    if settings.mirror:  # Manage downloads ▸ Advanced; the variable outranks it
        environ.setdefault(MIRROR_ENV_VAR, settings.mirror)
    try:
        catalog = Catalog.load(catalog_file, environ)
    except CatalogError as error:
        catalog, catalog_problem = Catalog.load(environ={}), str(error)
    except Exception as error:  # the window opens whatever is wrong with a user's catalog
        log.exception("the user catalog could not be read")
        catalog = Catalog.load(environ={})
        catalog_problem = (
            f"your model catalog could not be read ({type(error).__name__}); "
            "the built-in models are shown"
        )
    catalog = installed(catalog, paths.label_sets_dir(), log.warning)  # the user's own labels
    window = build_window(settings, catalog)
    window.show()
    window.controller.start()
    if catalog_problem:
        window.status.show_error("model", catalog_problem)
    if photos:
        window.open_paths(photos)
    return window


def run_gui(photos: list[Path], catalog_file: str | None = None) -> int:
    from app.logs import configure_file_logging

    configure_file_logging()
    log.info("%s %s", APP_NAME, edition.describe())
    existing = QApplication.instance()
    application = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    application.setApplicationName(APP_NAME)
    application.setOrganizationName(ORG_NAME)
    application.setApplicationVersion(__version__)
    application.setDesktopFileName(APP_ID)
    application.setWindowIcon(app_icon())
    _quit_on_termination_signals(application)
    settings = Settings()
    install_language(application, settings.language)
    window = launch(photos, settings, catalog_file)
    log.info("window shown")
    window.controller.result_ready.connect(
        lambda _photo, p: log.info(
            "first result: %s %.1f%% (%s)", p.top[0].label, 100 * p.top[0].probability, p.engine
        ),
        Qt.ConnectionType.SingleShotConnection,
    )
    code = application.exec()
    if not window.controller.stopped_cleanly:
        # Work that cannot be interrupted is still running (a PyTorch forward pass, an
        # import): settings are saved and the log flushed, so end now rather than make the
        # user wait for it, or let Qt abort on a thread destroyed while running.
        logging.shutdown()
        os._exit(code)
    return code


def _quit_on_termination_signals(application: QApplication) -> None:
    """Quit cleanly (settings saved, workers stopped) on SIGTERM or Ctrl+C in a terminal.

    Python only runs signal handlers between bytecodes, so a timer wakes it now and then.
    """
    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, lambda *_args: application.closeAllWindows())
    timer = QTimer(application)
    timer.timeout.connect(lambda: None)
    timer.start(250)
