"""Window state (geometry, splitter sizes) in an INI file, with typed defaults."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings

from liftcalm.paths import config_dir

DEFAULTS: dict[str, object] = {
    "main_window/geometry": QByteArray(),
    "routines/splitter": QByteArray(),
}


class UiState:
    """Reads and writes UI state; unknown keys are a programming error."""

    def __init__(self) -> None:
        self._settings = QSettings(str(config_dir() / "ui-state.ini"), QSettings.Format.IniFormat)

    def value(self, key: str):
        default = DEFAULTS[key]
        return self._settings.value(key, default, type=type(default))

    def set_value(self, key: str, value: object) -> None:
        if key not in DEFAULTS:
            raise KeyError(key)
        self._settings.setValue(key, value)
        self._settings.sync()
