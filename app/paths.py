"""Every folder the app uses, resolved the same way from a source tree, a wheel or a bundle."""

from __future__ import annotations

import os
import sys
from importlib import resources
from pathlib import Path

import platformdirs

from app import APP_NAME

CACHE_ENV_VAR = "EFFNET_CACHE_DIR"


def is_frozen() -> bool:
    """True inside a PyInstaller bundle."""
    return bool(getattr(sys, "frozen", False))


def install_root() -> Path:
    """The folder that holds the app: the bundle folder when frozen, else the source tree."""
    if is_frozen():
        return Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent))
    return Path(__file__).resolve().parent.parent


def portable_root() -> Path:
    """Where a portable `model_cache/` would sit: beside the executable or the source tree."""
    if is_frozen():
        return Path(sys.executable).resolve().parent
    return install_root()


def resources_dir() -> Path:
    """Icons and translations: the bundle's, an installed wheel's (the package
    ``app.resources``, found as importlib.resources finds it), or the source tree's."""
    if not is_frozen():
        try:
            packaged = Path(str(resources.files("app.resources")))
        except ModuleNotFoundError:  # a source tree run without installing
            packaged = None
        if packaged is not None and packaged.is_dir():
            return packaged
    return install_root() / "resources"


def _writable_dir(path: Path) -> bool:
    return path.is_dir() and os.access(path, os.W_OK | os.X_OK)


def cache_dir(setting: str | None = None) -> Path:
    """The weights cache, first that applies.

    1. the ``EFFNET_CACHE_DIR`` environment variable;
    2. the folder chosen in the app's settings (``setting``);
    3. a portable ``model_cache/`` beside the app, when it exists and is writable;
    4. the per-user cache folder of the platform.
    """
    from_env = os.environ.get(CACHE_ENV_VAR)
    if from_env:
        return Path(from_env).expanduser()
    if setting:
        return Path(setting).expanduser()
    portable = portable_root() / "model_cache"
    if _writable_dir(portable):
        return portable
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)) / "models"


def log_dir() -> Path:
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def benchmark_runs_dir() -> Path:
    """Where the Compare view keeps finished benchmark runs (JSON, one file a run)."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "benchmarks"


def label_sets_dir() -> Path:
    """Where ``effnet models add`` (and the window's Teach) keep label sets by name."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "label-sets"


def signing_key_path() -> Path:
    """The user's secret key that signs the cache's records: outside every cache, so a
    copied or shared cache cannot carry records that this user's app trusts."""
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "cache-signing.key"
