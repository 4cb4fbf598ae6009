"""The command line, run as a user runs it: a separate process, exit codes, stderr."""

import os
import subprocess
import sys

import pytest

from liftcalm import __version__
from liftcalm.store import Store


def run(*args, timeout=60):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run([sys.executable, "-m", "liftcalm", *args], capture_output=True, text=True,
                          timeout=timeout, env=env)


def test_version():
    result = run("--version")
    assert result.returncode == 0 and result.stdout.strip() == f"LiftCalm {__version__}"


def test_help_lists_options_and_data_location():
    result = run("--help")
    assert result.returncode == 0
    assert "--db PATH" in result.stdout and "--version" in result.stdout
    assert "Your data lives in" in result.stdout
    for command in ("import", "export", "backup"):
        assert f"    {command}" in result.stdout


@pytest.mark.parametrize("args", [["--frobnicate"], ["--db"], ["stray-argument"]])
def test_bad_arguments_give_usage_and_exit_2(args):
    result = run(*args)
    assert result.returncode == 2
    assert result.stderr.startswith("usage: liftcalm")
    assert "Traceback" not in result.stderr


def test_refused_database_gives_message_exit_1_and_is_untouched(tmp_path):
    path = tmp_path / "not-mine.db"
    path.write_bytes(b"PK\x03\x04 a zip file, not a database" * 100)
    before = path.read_bytes()
    result = run("--db", str(path))
    assert result.returncode == 1
    assert str(path) in result.stderr and "not a LiftCalm database" in result.stderr
    assert "Traceback" not in result.stderr
    assert path.read_bytes() == before


def test_newer_database_refused_from_the_command_line(tmp_path):
    path = tmp_path / "future.db"
    with Store(path) as store:
        store.conn.execute("PRAGMA user_version = 999")
    result = run("--db", str(path))
    assert result.returncode == 1 and "newer LiftCalm" in result.stderr


def test_app_starts_creates_the_database_and_quits_cleanly(tmp_path):
    """A real start in a child process: the window comes up on a new private database."""
    path = tmp_path / "fresh" / "start.db"
    code = (
        "import sys; from pathlib import Path; from PySide6.QtCore import QTimer\n"
        "from liftcalm.app import open_main_window\n"
        f"app, window = open_main_window(Path({str(path)!r}))\n"
        "QTimer.singleShot(0, lambda: (print(window.windowTitle(), window.isVisible()), window.close()))\n"
        "sys.exit(app.exec())\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "Routines — LiftCalm True"
    assert oct(path.stat().st_mode & 0o777) == "0o600"


def test_closing_at_once_exits_cleanly_and_the_days_backup_is_written(tmp_path):
    """The real run_app: the window closes while the daily backup may still be running."""
    path = tmp_path / "quick.db"
    code = (
        "import sys; from pathlib import Path\n"
        "from PySide6.QtCore import QTimer\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from liftcalm.app import create_application, run_app\n"
        "create_application()\n"
        "import threading, time, liftcalm.store.backups as backups\n"
        "real_backup, started = backups.daily_backup, threading.Event()\n"
        "def slow_backup(*args):  # a big database: the window closes while it is written\n"
        "    started.set()\n"
        "    time.sleep(0.6)\n"
        "    return real_backup(*args)\n"
        "backups.daily_backup = slow_backup\n"
        "def close_once_the_backup_runs():\n"
        "    if not started.is_set():\n"
        "        QTimer.singleShot(20, close_once_the_backup_runs)\n"
        "        return\n"
        "    for widget in QApplication.topLevelWidgets():\n"
        "        if widget.isWindow() and widget.isVisible():\n"
        "            widget.close()\n"
        "QTimer.singleShot(0, close_once_the_backup_runs)\n"
        f"sys.exit(run_app(Path({str(path)!r})))\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env=env)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and "Error" not in result.stderr, result.stderr
    assert len(list((tmp_path / "backups").glob("quick-*.db"))) == 1

