"""Window state (geometry, splitter sizes) in an INI file, with typed defaults."""

from __future__ import annotations

import contextlib
import os

from PySide6.QtCore import QByteArray, QSettings

from liftcalm.paths import PRIVATE_FILE_MODE, config_dir, make_private_file, make_private_folder

DEFAULTS: dict[str, object] = {
    "main_window/geometry": QByteArray(),
    "routines/splitter": QByteArray(),
}

FILE_NAME = "ui-state.ini"


class UiState:
    """Reads and writes UI state; unknown keys are a programming error.

    QSettings writes the file itself (through a temporary file and a rename), creating its
    folder and a new file through the umask. So the folder (0700) and the file (0600) exist
    before it first writes, which it then keeps, and the mode is checked again after each write.
    """

    def __init__(self) -> None:
        self.path = config_dir() / FILE_NAME
        self._settings = QSettings(str(self.path), QSettings.Format.IniFormat)

    def value(self, key: str):
        default = DEFAULTS[key]
        return self._settings.value(key, default, type=type(default))

    def set_value(self, key: str, value: object) -> None:
        if key not in DEFAULTS:
            raise KeyError(key)
        self._settings.setValue(key, value)
        self._sync_privately()

    def _sync_privately(self) -> None:
        # A folder that cannot be written loses the window's place, nothing more: no dialog for that.
        with contextlib.suppress(OSError):
            make_private_folder(self.path.parent)
            make_private_file(self.path)
        self._settings.sync()
        with contextlib.suppress(OSError):
            os.chmod(self.path, PRIVATE_FILE_MODE)
