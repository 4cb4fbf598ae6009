"""No sound library, no problem: without libpulse0 a session runs, rests end, and it is said once.

Most tests make the QtMultimedia import fail; two run a fresh interpreter where the real
dynamic loader cannot load libpulse.so.0 (an empty file of that name comes first on the
library path), as on a computer without the package.
"""

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from liftcalm.core.clock import FakeClock
from liftcalm.core.models import Routine, RoutineItem, SetType
from liftcalm.store import Store
from liftcalm.ui.session.session_view import SessionView

PREFLIGHT = Path(__file__).parents[2] / "preflight.py"
SOUND_UNAVAILABLE = "Sound is unavailable on this computer"


def press(qtbot, window, key):
    qtbot.keyClick(QApplication.focusWidget() or window, key)


@pytest.fixture
def banners(monkeypatch):
    """Every text the Session page's banner is asked to show, in order."""
    shown = []
    show_banner = SessionView.show_banner

    def recording_show_banner(view, text):
        shown.append(text)
        show_banner(view, text)

    monkeypatch.setattr(SessionView, "show_banner", recording_show_banner)
    return shown


@pytest.fixture
def broken_libpulse(tmp_path):
    """Environment for a child process in which libpulse.so.0 cannot be loaded."""
    folder = tmp_path / "no-libpulse"
    folder.mkdir()
    (folder / "libpulse.so.0").write_bytes(b"")
    library_path = os.pathsep.join(filter(None, [str(folder), os.environ.get("LD_LIBRARY_PATH")]))
    return dict(os.environ, LD_LIBRARY_PATH=library_path, QT_QPA_PLATFORM="offscreen")


def test_a_session_without_multimedia_ends_its_rests_and_says_so_once(qtbot, open_window, db_path, monkeypatch,
                                                                      banners):
    with Store(db_path) as store:
        squat = store.exercises.find("Barbell Back Squat").id
        store.book.add(Routine(None, "Three sets", (
            RoutineItem(squat, (SetType.WORKING,) * 3, target_reps=5, target_load_kg=60.0, rest_s=60),)), "Add")
        assert store.settings.sound_on  # the default: sound is wanted
    monkeypatch.setitem(sys.modules, "PySide6.QtMultimedia", None)  # as without libpulse0
    clock = FakeClock()
    window = open_window(clock)
    view = window.session
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    press(qtbot, window, Qt.Key.Key_Return)  # the routine
    press(qtbot, window, Qt.Key.Key_Return)  # past the readiness check
    qtbot.waitUntil(lambda: view.stack.currentWidget() is view.set_screen)

    for set_number in (2, 3):
        press(qtbot, window, Qt.Key.Key_Space)  # set done: the rest starts
        assert view.stack.currentWidget() is view.rest_screen
        if set_number == 2:
            assert view.banner.isVisible() and view.banner.text().startswith(SOUND_UNAVAILABLE)
        press(qtbot, window, Qt.Key.Key_Escape)  # as planned
        clock.advance(60)
        qtbot.waitUntil(lambda: view.stack.currentWidget() is view.set_screen)  # the rest ended by the clock
        assert view.set_screen.set_line.text().startswith(f"Set {set_number} of 3")
        assert banners[-1].startswith("Rest is over — Next: Barbell Back Squat")  # no tray offscreen: in the window

    told = [text for text in banners if text.startswith(SOUND_UNAVAILABLE)]
    assert told == ["Sound is unavailable on this computer (install libpulse0, then restart LiftCalm). "
                    "Rests still end on screen, with a notification."]
    with Store(db_path) as store:
        assert store.settings.sound_on  # the saved choice is left as it was


def test_with_libpulse_missing_for_the_loader_a_rest_still_ends(tmp_path, broken_libpulse):
    code = (
        "from PySide6.QtWidgets import QApplication, QWidget\n"
        "from liftcalm.core.clock import FakeClock\n"
        "from liftcalm.store import Store\n"
        "from liftcalm.ui.session.rest_alerts import RestAlerts\n"
        "app = QApplication([])\n"
        f"store = Store({str(tmp_path / 'a.db')!r})\n"
        "window = QWidget()\n"
        "clock = FakeClock()\n"
        "alerts = RestAlerts(window, store.settings, clock, window)\n"
        "alerts.sound_failed.connect(lambda text: print('said:', text))\n"
        "alerts.fallback_notice.connect(lambda text: print('notice:', text))\n"
        "for _rest in range(2):\n"
        "    alerts.rest_running(clock.now() + 90)\n"
        "    clock.advance(90)\n"
        "    alerts.rest_ended('Rest is over', 'Next: Squat')\n"
        "print('problem:', alerts.sound_problem)\n"
        "alerts.shutdown()\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=broken_libpulse,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert [line.split(":")[0] for line in lines] == ["said", "notice", "notice", "problem"]
    assert lines[0].startswith(f"said: {SOUND_UNAVAILABLE}")
    assert lines[1] == "notice: Rest is over — Next: Squat"
    assert "libpulse.so.0" in lines[3]


def test_the_preflight_names_the_one_package_to_install(broken_libpulse):
    result = subprocess.run([sys.executable, str(PREFLIGHT)], capture_output=True, text=True, env=broken_libpulse,
                            timeout=60)
    assert result.returncode == 1
    assert re.fullmatch(r"Missing system libraries: run  (sudo )?apt-get install -y libpulse0\n", result.stdout)


def test_the_preflight_passes_quietly_and_quickly_where_everything_is_installed():
    started = time.monotonic()
    result = subprocess.run([sys.executable, str(PREFLIGHT)], capture_output=True, text=True, timeout=60)
    assert (result.returncode, result.stdout) == (0, ""), result.stdout + result.stderr
    assert time.monotonic() - started < 2
