"""Where LiftCalm finds its resources and keeps its data, and how it writes files, without Qt.

``default_database_path`` follows ``QStandardPaths.AppDataLocation`` for the organisation
and application name "LiftCalm" (a UI test checks that the two agree), so the command
line can find the database without loading Qt.

Everything LiftCalm writes is readable only by its owner: files 0600, folders 0700.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from pathlib import Path

ORGANIZATION = "LiftCalm"
APPLICATION = "LiftCalm"
DATABASE_NAME = "liftcalm.db"

RESOURCES = Path(__file__).resolve().parent.parent / "resources"


def app_data_dir() -> Path:
    """The per-user data folder, as Qt's ``AppDataLocation`` names it on this system."""
    home = Path.home()
    if sys.platform == "darwin":
        base = home / "Library" / "Application Support"
    elif sys.platform == "win32":
        base = Path(os.environ.get("APPDATA", home / "AppData" / "Roaming"))
    else:
        xdg = os.environ.get("XDG_DATA_HOME", "")
        base = Path(xdg) if os.path.isabs(xdg) else home / ".local" / "share"
    return base / ORGANIZATION / APPLICATION


def default_database_path() -> Path:
    return app_data_dir() / DATABASE_NAME


def config_dir() -> Path:
    """The per-user settings folder for window state (training preferences live in the database)."""
    home = Path.home()
    if sys.platform == "darwin":
        return home / "Library" / "Preferences" / ORGANIZATION
    if sys.platform == "win32":
        return Path(os.environ.get("APPDATA", home / "AppData" / "Roaming")) / ORGANIZATION
    xdg = os.environ.get("XDG_CONFIG_HOME", "")
    return (Path(xdg) if os.path.isabs(xdg) else home / ".config") / ORGANIZATION


PRIVATE_FILE_MODE = 0o600
PRIVATE_FOLDER_MODE = 0o700
PRIVATE_UMASK = 0o077


def keep_files_private() -> int:
    """Make every file and folder this process creates from now on private to its owner.

    Called once at start-up, by the app and the command line, so that files LiftCalm does not
    create itself (SQLite's -wal and -shm files, Qt's settings file) are private too. Returns
    the previous umask.
    """
    return os.umask(PRIVATE_UMASK)


def make_private_folder(folder: Path | str) -> Path:
    """Create ``folder`` and any missing parents with mode 0700; make ``folder`` itself 0700.

    Only for LiftCalm's own folders: an existing parent is left as it is.
    """
    folder = Path(folder)
    missing = []
    for level in (folder, *folder.parents):
        if level.exists():
            break
        missing.append(level)
    for level in reversed(missing):
        level.mkdir(mode=PRIVATE_FOLDER_MODE, exist_ok=True)
        os.chmod(level, PRIVATE_FOLDER_MODE)  # mkdir's mode passes through the umask
    if folder.is_dir():
        os.chmod(folder, PRIVATE_FOLDER_MODE)
    return folder


def make_private_file(path: Path | str) -> Path:
    """Create ``path`` empty if it is missing, and make it 0600 (for files another library writes)."""
    path = Path(path)
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT, PRIVATE_FILE_MODE))
    os.chmod(path, PRIVATE_FILE_MODE)
    return path


def write_atomically(path: Path | str, data: bytes) -> None:
    """Write ``data`` to ``path`` (mode 0600) through a temporary file in the same folder.

    The data reaches the disk (fsync) before the rename, so a failure, a crash or a power cut
    leaves the previous file, or none, never half a file; the temporary file is removed on any
    failure. Raises OSError.
    """
    path = Path(path)
    # mkstemp creates the file 0600 whatever the umask; the chmod states it, and the rename
    # then replaces an older, more open file whole rather than keeping its mode.
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, PRIVATE_FILE_MODE)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    _sync_folder(path.parent)


def _sync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable; best effort (not every system can open a folder)."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        handle = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)
