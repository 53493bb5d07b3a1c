"""Every setting the window remembers, with its key and default, in one place."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from app import APP_NAME, ORG_NAME
from app.core.classifier import DEFAULT_MODEL

MAX_RECENT_FILES = 10


class Settings:
    """A typed view of QSettings (INI format); tests pass their own file."""

    def __init__(self, store: QSettings | None = None) -> None:
        self._store = store or QSettings(
            QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORG_NAME, APP_NAME
        )

    @classmethod
    def at(cls, path: Path) -> Settings:
        return cls(QSettings(str(path), QSettings.Format.IniFormat))

    def _text(self, key: str, default: str) -> str:
        value = self._store.value(key, default)
        return value if isinstance(value, str) else default

    def sync(self) -> None:
        self._store.sync()

    @property
    def model(self) -> str:
        return self._text("engine/model", DEFAULT_MODEL)

    @model.setter
    def model(self, value: str) -> None:
        self._store.setValue("engine/model", value)

    @property
    def device(self) -> str:
        return self._text("engine/device", "auto")

    @device.setter
    def device(self, value: str) -> None:
        self._store.setValue("engine/device", value)

    @property
    def precision(self) -> str:
        return self._text("engine/precision", "fp32")

    @precision.setter
    def precision(self, value: str) -> None:
        self._store.setValue("engine/precision", value)

    @property
    def engine(self) -> str:
        """auto, torch or onnx (see app.core.runners)."""
        return self._text("engine/engine", "auto")

    @engine.setter
    def engine(self, value: str) -> None:
        self._store.setValue("engine/engine", value)

    @property
    def threads(self) -> int:
        """CPU inference threads; 0 means one per physical core."""
        value = self._store.value("engine/threads", 0)
        try:
            return max(int(value), 0)  # type: ignore[call-overload]
        except (TypeError, ValueError):
            return 0

    @threads.setter
    def threads(self, value: int) -> None:
        self._store.setValue("engine/threads", value)

    @property
    def show_heatmap(self) -> bool:
        """Whether "Where did it look?" is on."""
        return self._text("view/heatmap", "false") == "true"

    @show_heatmap.setter
    def show_heatmap(self, value: bool) -> None:
        self._store.setValue("view/heatmap", "true" if value else "false")

    @property
    def show_details(self) -> bool:
        """Whether the technical details (figures, precision, engine, timings) are shown."""
        return self._text("view/details", "false") == "true"

    @show_details.setter
    def show_details(self, value: bool) -> None:
        self._store.setValue("view/details", "true" if value else "false")

    @property
    def mirror(self) -> str:
        """A mirror's address for the built-in models' weights ("" for the usual ones)."""
        return self._text("downloads/mirror", "")

    @mirror.setter
    def mirror(self, value: str) -> None:
        self._store.setValue("downloads/mirror", value.strip())

    @property
    def language(self) -> str:
        """ "system", or a language code of app.i18n.LANGUAGES."""
        return self._text("view/language", "system")

    @language.setter
    def language(self, value: str) -> None:
        self._store.setValue("view/language", value)

    @property
    def heatmap_opacity(self) -> int:
        """The heatmap's opacity over the photo, in percent."""
        value = self._store.value("view/heatmap_opacity", 50)
        try:
            return min(max(int(value), 0), 100)  # type: ignore[call-overload]
        except (TypeError, ValueError):
            return 50

    @heatmap_opacity.setter
    def heatmap_opacity(self, value: int) -> None:
        self._store.setValue("view/heatmap_opacity", value)

    @property
    def cache_folder(self) -> str:
        """Empty: the default cache (see app.paths.cache_dir)."""
        return self._text("engine/cache_folder", "")

    @cache_folder.setter
    def cache_folder(self, value: str) -> None:
        self._store.setValue("engine/cache_folder", value)

    @property
    def geometry(self) -> QByteArray:
        value = self._store.value("window/geometry", QByteArray())
        return value if isinstance(value, QByteArray) else QByteArray()

    @geometry.setter
    def geometry(self, value: QByteArray) -> None:
        self._store.setValue("window/geometry", value)

    @property
    def last_folder(self) -> str:
        return self._text("files/last_folder", str(Path.home()))

    @last_folder.setter
    def last_folder(self, value: str) -> None:
        self._store.setValue("files/last_folder", value)

    @property
    def recent_files(self) -> list[str]:
        value = self._store.value("files/recent", [])
        if isinstance(value, str):  # QSettings returns a lone entry as a plain string
            value = [value]
        return [item for item in value if isinstance(item, str)] if isinstance(value, list) else []

    def add_recent_file(self, path: str) -> None:
        recent = [path, *(item for item in self.recent_files if item != path)]
        self._store.setValue("files/recent", recent[:MAX_RECENT_FILES])

    def clear_recent_files(self) -> None:
        self._store.setValue("files/recent", [])
