"""One LiftCalm per database file: a second start brings the first window to the front and exits 0."""

import os
import signal
import subprocess
import sys
import time

import pytest

from liftcalm.app import create_application
from liftcalm.store.instance_lock import DatabaseLock
from liftcalm.ui.single_instance import ask_running_instance


def start_app(db_path, env):
    return subprocess.Popen([sys.executable, "-m", "liftcalm", "--db", str(db_path)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_until_listening(db_path, timeout_s=30.0):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if ask_running_instance(db_path, "activate") == {"ok": True}:
            return
        time.sleep(0.1)
    raise AssertionError("the first LiftCalm never answered")


@pytest.fixture
def env(tmp_path):
    create_application()
    yield dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path / "home"),
                XDG_CONFIG_HOME=str(tmp_path / "config"), XDG_DATA_HOME=str(tmp_path / "data"))
    # A process stopped by a signal leaves its socket file behind (the next start replaces it): tidy up.
    from PySide6.QtNetwork import QLocalServer

    from liftcalm.ui.single_instance import server_name

    for db in tmp_path.glob("*.db"):
        QLocalServer.removeServer(server_name(db))


def test_a_second_start_brings_the_first_to_the_front_and_exits_0(tmp_path, env):
    db = tmp_path / "liftcalm.db"
    first = start_app(db, env)
    try:
        wait_until_listening(db)
        second = subprocess.run([sys.executable, "-m", "liftcalm", "--db", str(db)], env=env, capture_output=True,
                                text=True, timeout=60)
        assert second.returncode == 0, second.stderr
        assert "already has" in second.stderr and "in front now" in second.stderr
        # The same file by another path is the same database.
        third = subprocess.run([sys.executable, "-m", "liftcalm", "--db", str(tmp_path / "." / "liftcalm.db")],
                               env=env, capture_output=True, text=True, timeout=60)
        assert third.returncode == 0, third.stderr
        assert first.poll() is None  # the first window goes on
    finally:
        first.terminate()
        _out, errors = first.communicate(timeout=30)
    assert errors.count("another start asked for this window") >= 3  # the probe and both later starts


def test_a_lock_left_by_a_killed_liftcalm_is_taken_over(tmp_path, env):
    db = tmp_path / "liftcalm.db"
    first = start_app(db, env)
    wait_until_listening(db)
    first.send_signal(signal.SIGKILL)
    first.wait(timeout=30)
    with DatabaseLock(db) as probe:
        assert probe.acquire()  # free again at once: the kernel let go of it
    again = start_app(db, env)
    try:
        wait_until_listening(db)  # its socket is new: the one the killed process left was replaced
        assert again.poll() is None
    finally:
        again.terminate()
        again.communicate(timeout=30)


def test_a_lock_held_by_a_command_refuses_a_second_window_with_a_message(tmp_path, env):
    db = tmp_path / "liftcalm.db"
    with DatabaseLock(db) as lock:  # as an import from the command line holds it
        assert lock.acquire()
        env = dict(env)
        started = time.monotonic()
        result = subprocess.run([sys.executable, "-m", "liftcalm", "--db", str(db)], env=env, capture_output=True,
                                text=True, timeout=60)
    assert result.returncode == 1 and "in use by another LiftCalm" in result.stderr
    assert time.monotonic() - started < 20
    assert not db.exists()  # it opened nothing
