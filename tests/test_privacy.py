"""Everything LiftCalm writes is readable only by its owner (files 0600, folders 0700), and whole.

The suite runs as root, for whom a mode denies nothing, so these tests check modes, not access.
"""

from __future__ import annotations

import errno
import os
import stat
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from liftcalm.paths import config_dir, default_database_path, keep_files_private, write_atomically
from liftcalm.store.backups import list_backups
from liftcalm.store.demo import write_demo


@pytest.fixture(autouse=True)
def usual_umask():
    """Start from the usual umask (0022), whatever ran before; give the next test the one it had.

    The app, and the command line's main(), make the process umask private at start-up.
    """
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def mode(path: Path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


def not_private(root: Path) -> list[str]:
    """Every file under ``root`` that is not 0600 and every folder that is not 0700, with its mode."""
    offenders = []
    for folder, folders, files in os.walk(root):
        for name in folders:
            path = Path(folder, name)
            if mode(path) != 0o700:
                offenders.append(f"{path.relative_to(root)}/ {oct(mode(path))}")
        for name in files:
            path = Path(folder, name)
            if mode(path) != 0o600:
                offenders.append(f"{path.relative_to(root)} {oct(mode(path))}")
    return offenders


def test_everything_the_app_writes_is_private(qtbot, tmp_path, monkeypatch):
    """Open the app as it starts for real, use every flow that writes a file, then look at every mode."""
    from liftcalm.app import open_main_window

    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warnings.append(args[1:]))
    db_path = default_database_path()  # under the test's XDG_DATA_HOME, folders and all
    assert tmp_path in db_path.parents
    _, window = open_main_window(db_path)
    qtbot.addWidget(window)
    try:
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        write_demo(window.store, years=0.5, seed=3, end=date.today())
        qtbot.waitUntil(lambda: list_backups(db_path) != [], timeout=10_000)  # the daily backup

        qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)  # Graphs
        graphs = window.graphs_page.view
        qtbot.waitUntil(lambda: graphs.graphs["stress_volume"].point_count() > 0, timeout=10_000)
        graphs.export_png(tmp_path / "graph.png")
        graphs.export_csv(tmp_path / "graph.csv")

        written = [tmp_path / "sets.csv", tmp_path / "everything.json", tmp_path / "copy.db"]
        window.export_data(str(written[0]))
        window.export_data(str(written[1]))
        window.save_backup_copy(str(written[2]))
        qtbot.waitUntil(lambda: all(path.exists() for path in written), timeout=10_000)

        window.resize(window.width() + 40, window.height() + 30)  # a new geometry to keep
        window.close()
        ui_state = config_dir() / "ui-state.ini"
        assert ui_state.stat().st_size > 0
        # While the store is open its -wal and -shm files exist: they are checked too.
        offenders = not_private(tmp_path)
    finally:
        window.store.close()
    assert warnings == []
    assert offenders == [], "not private to the owner: " + ", ".join(offenders)


def test_window_state_is_private_without_the_start_up_umask():
    """QSettings creates its folder and file through the umask (0022 here): LiftCalm does not rely on it."""
    from PySide6.QtCore import QByteArray

    from liftcalm.ui.ui_state import UiState

    assert not config_dir().exists()
    UiState().set_value("main_window/geometry", QByteArray(b"geometry"))
    path = config_dir() / "ui-state.ini"
    assert mode(path) == 0o600
    assert mode(config_dir()) == 0o700
    assert mode(config_dir().parent) == 0o700  # XDG_CONFIG_HOME, created for LiftCalm too


def test_window_state_written_by_an_older_version_becomes_private():
    from PySide6.QtCore import QByteArray

    from liftcalm.ui.ui_state import UiState

    config_dir().mkdir(parents=True)
    os.chmod(config_dir(), 0o755)
    path = config_dir() / "ui-state.ini"
    path.write_text("[main_window]\n")
    os.chmod(path, 0o644)
    UiState().set_value("routines/splitter", QByteArray(b"sizes"))
    assert (mode(path), mode(config_dir())) == (0o600, 0o700)
    assert UiState().value("routines/splitter") == QByteArray(b"sizes")


def test_keep_files_private_makes_new_files_and_folders_private(tmp_path):
    keep_files_private()
    (tmp_path / "folder").mkdir()
    (tmp_path / "file").write_text("written by a library that knows nothing of modes")
    assert (mode(tmp_path / "folder"), mode(tmp_path / "file")) == (0o700, 0o600)


def test_the_data_reaches_the_disk_before_the_rename(tmp_path, monkeypatch):
    """Without fsync first, a power cut just after the rename could leave an empty file."""
    calls = []
    real_fsync, real_replace = os.fsync, os.replace
    monkeypatch.setattr(os, "fsync", lambda fd: (calls.append("fsync"), real_fsync(fd))[1])
    monkeypatch.setattr(os, "replace", lambda *args: (calls.append("replace"), real_replace(*args))[1])
    write_atomically(tmp_path / "export.json", b"{}")
    assert "fsync" in calls and calls.index("fsync") < calls.index("replace")


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary_file(tmp_path, monkeypatch):
    """A full disk often shows only when the data is flushed (fsync), after every write() succeeded."""
    path = tmp_path / "export.csv"
    path.write_bytes(b"what was there before")

    def disk_full(_fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(OSError) as raised:
        write_atomically(path, b"the new export")
    assert raised.value.errno == errno.ENOSPC
    assert path.read_bytes() == b"what was there before"
    assert os.listdir(tmp_path) == ["export.csv"]
