"""Every setting the window remembers, with its key and default, in one place; and the
steps that bring a file written by an older version up to date (as MusicBrainz Picard's
``config_upgrade`` does): each step runs once, in order, and the file records how far it
got, so settings outlive renames."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings

from app import APP_NAME, ORG_NAME
from app.core.inference.classifier import DEFAULT_MODEL

MAX_RECENT_FILES = 10
SCHEMA_KEY = "meta/schema"
SCHEMA_VERSION = 2  # 1: files from before the schema was recorded
T = TypeVar("T")


def _rename(store: QSettings, old: str, new: str) -> None:
    if store.contains(old):
        if not store.contains(new):
            store.setValue(new, store.value(old))
        store.remove(old)


def _from_1(store: QSettings) -> None:
    """Names that say what they hold; the cache folder sits with the downloads."""
    _rename(store, "view/heatmap", "view/show_heatmap")
    _rename(store, "view/details", "view/show_details")
    _rename(store, "engine/cache_folder", "downloads/cache_folder")


UPGRADES: dict[int, Callable[[QSettings], None]] = {1: _from_1}  # from version: step


def upgrade(store: QSettings) -> None:
    """Bring ``store`` up to SCHEMA_VERSION. A file from a newer version is read as it is
    and not changed, so going back to an older app loses nothing."""
    try:
        version = int(store.value(SCHEMA_KEY, 1))  # type: ignore[call-overload]
    except (TypeError, ValueError):
        version = 1
    if version > SCHEMA_VERSION:
        return
    for step in range(max(version, 1), SCHEMA_VERSION):
        UPGRADES[step](store)
    store.setValue(SCHEMA_KEY, SCHEMA_VERSION)


class _Setting(Generic[T]):
    """One remembered value: its key, its default, and how a stored value is read back
    (anything unreadable, from an old or hand-edited file, reads as the default)."""

    def __init__(self, key: str, default: T, doc: str = "") -> None:
        self.key, self.default = key, default
        self.__doc__ = doc

    def __get__(self, settings: Settings, _owner: object = None) -> T:
        return self.read(settings._store.value(self.key, self.default))

    def __set__(self, settings: Settings, value: T) -> None:
        settings._store.setValue(self.key, self.write(value))

    def read(self, stored: object) -> T:
        return stored if isinstance(stored, type(self.default)) else self.default

    def write(self, value: T) -> object:
        return value


class _Text(_Setting[str]):
    pass


class _Address(_Text):
    """A web address: spaces around it, as pasted, are not part of it."""

    def write(self, value: str) -> object:
        return value.strip()


class _Flag(_Setting[bool]):
    """Kept as "true"/"false", as INI files hold them."""

    def read(self, stored: object) -> bool:
        return stored == "true" if isinstance(stored, str) else self.default

    def write(self, value: bool) -> object:
        return "true" if value else "false"


class _Texts(_Setting[list[str]]):
    """A list of texts (QSettings reads a one-entry list back as a plain string)."""

    def __init__(self, key: str, doc: str = "") -> None:
        super().__init__(key, [], doc)

    def read(self, stored: object) -> list[str]:
        if isinstance(stored, str):
            stored = [stored]
        return (
            [item for item in stored if isinstance(item, str)] if isinstance(stored, list) else []
        )


class _Number(_Setting[int]):
    def __init__(self, key: str, default: int, low: int, high: int, doc: str = "") -> None:
        super().__init__(key, default, doc)
        self.low, self.high = low, high

    def read(self, stored: object) -> int:
        try:
            return min(max(int(stored), self.low), self.high)  # type: ignore[call-overload]
        except (TypeError, ValueError):
            return self.default


class Settings:
    """A typed view of QSettings (INI format); tests pass their own file."""

    model = _Text("engine/model", DEFAULT_MODEL)
    device = _Text("engine/device", "auto")
    precision = _Text("engine/precision", "fp32")
    engine = _Text("engine/engine", "auto", "auto, torch or onnx (see app.core.inference.runners).")
    threads = _Number("engine/threads", 0, 0, 1024, "CPU threads; 0: one per physical core.")
    cache_folder = _Text("downloads/cache_folder", "", "Empty: the default (app.paths.cache_dir).")
    show_heatmap = _Flag("view/show_heatmap", False, 'Whether "Where did it look?" is on.')
    show_details = _Flag("view/show_details", False, "Whether figures and timings are shown.")
    heatmap_opacity = _Number("view/heatmap_opacity", 50, 0, 100, "In percent.")
    language = _Text("view/language", "system", '"system", or a code of app.i18n.LANGUAGES.')
    mirror = _Address("downloads/mirror", "", "A mirror for the built-in weights; empty: none.")
    geometry = _Setting("window/geometry", QByteArray())
    last_folder = _Text("files/last_folder", str(Path.home()))
    recent_files = _Texts("files/recent", "Newest first, at most MAX_RECENT_FILES.")
    compared_models = _Texts("compare/models", "Ticked in Compare; none kept: its defaults.")

    def __init__(self, store: QSettings | None = None) -> None:
        self._store = store or QSettings(
            QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORG_NAME, APP_NAME
        )
        upgrade(self._store)

    @classmethod
    def at(cls, path: Path) -> Settings:
        return cls(QSettings(str(path), QSettings.Format.IniFormat))

    def sync(self) -> None:
        self._store.sync()

    def add_recent_file(self, path: str) -> None:
        recent = [path, *(item for item in self.recent_files if item != path)]
        self.recent_files = recent[:MAX_RECENT_FILES]

    def clear_recent_files(self) -> None:
        self.recent_files = []
