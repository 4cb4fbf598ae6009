import faulthandler
import os
import shutil
import subprocess
import sys

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _pin_sound_server() -> None:
    """Tell every audio client where the running PulseAudio server is, before tests move HOME.

    Clients look for the server under HOME; QtMultimedia reads that once per process, so a
    test that first plays a sound after HOME moved would find no server for the whole run.
    """
    if "PULSE_SERVER" in os.environ or shutil.which("pactl") is None:
        return
    try:
        info = subprocess.run(["pactl", "info"], capture_output=True, text=True, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return
    server = next((line.split(":", 1)[1].strip() for line in info.splitlines() if line.startswith("Server String")),
                  "")
    if server:
        os.environ["PULSE_SERVER"] = server if server.startswith(("unix:", "tcp:")) else f"unix:{server}"
        cookie = os.path.expanduser("~/.config/pulse/cookie")
        if os.path.exists(cookie):
            os.environ.setdefault("PULSE_COOKIE", cookie)


_pin_sound_server()


# pytest-timeout (120 s, pyproject.toml) needs the GIL to act; a test stuck in C while holding it
# (a deadlock between Qt and a worker) would hang the run until CI gives up. faulthandler's
# watchdog is a C thread: it prints every thread's stack and ends the run.
DEADLOCK_LIMIT_S = 300


@pytest.fixture(autouse=True)
def deadlock_watchdog():
    faulthandler.dump_traceback_later(DEADLOCK_LIMIT_S, exit=True, file=sys.__stderr__)
    yield
    faulthandler.cancel_dump_traceback_later()


@pytest.fixture(autouse=True)
def umask_as_it_was():
    """The app and the command line make every file private (umask 077) for the whole process:
    give each test the umask it started with, so one test's start-up cannot hide another's bug."""
    previous = os.umask(0o022)
    os.umask(previous)
    yield
    os.umask(previous)


@pytest.fixture(autouse=True)
def private_home(tmp_path, monkeypatch):
    """Point every per-user folder (data, settings, cache) into the test's own folder."""
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(name, str(tmp_path / name.lower()))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    return tmp_path


@pytest.fixture
def store(tmp_path):
    from liftcalm.store import Store

    with Store(tmp_path / "test.db") as opened:
        yield opened
