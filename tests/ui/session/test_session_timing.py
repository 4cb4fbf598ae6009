"""The Session page's one repaint timer, its eyes-free cues and its tray: light on the battery.

No timer runs without a session; during a rest the page wakes once a second, on the second of
the deadline; while the window cannot be seen only the tray's time moves. The spoken cues follow
the session, and the tray icon carries the session's menu.
"""

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QSystemTrayIcon

from liftcalm.core.clock import FakeClock
from liftcalm.core.models import Routine, RoutineItem, SetType
from liftcalm.store import Store
from liftcalm.ui.session.eyes_free_cues import EyesFreeCues
from liftcalm.ui.session.repaint_timer import LATE_MS
from liftcalm.ui.session.tray_menu import TrayMenu
from liftcalm.ui.session.voice import Voice

CTRL = Qt.KeyboardModifier.ControlModifier


def press(qtbot, window, key, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(QApplication.focusWidget() or window, key, modifier)


def make_routine(db_path, rest_s=60, **settings):
    with Store(db_path) as store:
        squat = store.exercises.find("Barbell Back Squat").id
        store.book.add(Routine(None, "Two sets", (RoutineItem(squat, (SetType.WORKING,) * 2, target_reps=5,
                                                              target_load_kg=100.0, rest_s=rest_s),)), "Add")
        store.settings.set("sound_on", "0")
        for key, value in settings.items():
            store.settings.set(key, value)


def start_rest(qtbot, window):
    view = window.session
    press(qtbot, window, Qt.Key.Key_2, CTRL)
    press(qtbot, window, Qt.Key.Key_Return)  # the routine
    press(qtbot, window, Qt.Key.Key_Return)  # past the readiness check
    qtbot.waitUntil(lambda: view.stack.currentWidget() is view.set_screen)
    press(qtbot, window, Qt.Key.Key_Space)  # set done: the rest starts
    assert view.stack.currentWidget() is view.rest_screen
    return view


def active_timers(view):
    return [timer for timer in view.findChildren(QTimer) if timer.isActive()]


@pytest.fixture
def tray_available(monkeypatch):
    """A desktop with a system tray (offscreen has none): the real QSystemTrayIcon is made."""
    monkeypatch.setattr(QSystemTrayIcon, "isSystemTrayAvailable", staticmethod(lambda: True))


def test_no_timer_runs_while_no_session_runs(qtbot, open_window, db_path):
    make_routine(db_path)
    window = open_window(FakeClock())
    view = window.session
    assert active_timers(view) == []  # the page not built yet
    press(qtbot, window, Qt.Key.Key_2, CTRL)
    assert view.stack.currentWidget() is view.start_screen
    assert active_timers(view) == []
    view = start_rest(qtbot, window)
    assert view._repaint_timer.timer.isActive()
    view.recorder.skip_rest()
    press(qtbot, window, Qt.Key.Key_Space)  # the last set: its cool-down
    view.recorder.skip_rest()
    qtbot.waitUntil(lambda: view.stack.currentWidget() is view.summary)
    assert not view._repaint_timer.timer.isActive()  # the summary shows no time
    view.summary.finish_button.click()
    qtbot.waitUntil(lambda: view.recorder is None)
    assert [timer for timer in active_timers(view) if timer is not view._banner_timer] == []


def test_a_rest_wakes_once_a_second_on_the_second_of_its_deadline(qtbot, open_window, db_path):
    make_routine(db_path)
    clock = FakeClock(start=10_000.0)
    window = open_window(clock)
    view = start_rest(qtbot, window)
    timer = view._repaint_timer.timer
    assert timer.isSingleShot() and timer.timerType() is Qt.TimerType.PreciseTimer
    assert timer.interval() == 1000 + LATE_MS  # 1:00 shown: 0:59 is due in a second
    clock.advance(0.25)
    view._on_repaint_timer_timeout()
    assert timer.interval() == 750 + LATE_MS  # 59.75 s left: the digit changes with the deadline's second
    assert view.rest_screen.dial.text == "1:00"
    clock.advance(0.75)
    view._on_repaint_timer_timeout()
    assert view.rest_screen.dial.text == "0:59" and timer.interval() == 1000 + LATE_MS
    press(qtbot, window, Qt.Key.Key_P)  # paused: nothing moves by itself
    assert not timer.isActive()
    press(qtbot, window, Qt.Key.Key_P)
    assert timer.isActive()

    view.rest_screen.pacer_toggle.setChecked(True)  # the pacer breathes: its frames come on top
    assert timer.isActive() and timer.interval() <= 40 + LATE_MS
    view.rest_screen.pacer_toggle.setChecked(False)
    assert timer.interval() > 100


def test_nothing_repaints_while_minimised_but_the_tray_time(qtbot, open_window, db_path, tray_available):
    make_routine(db_path)
    clock = FakeClock(start=10_000.0)
    window = open_window(clock)
    view = start_rest(qtbot, window)
    tray = view._alerts.tray_icon
    assert tray is not None and tray.isVisible()
    assert tray.toolTip() == "Rest: 1:00 left"
    window.showMinimized()
    qtbot.waitUntil(window.isMinimized)
    clock.advance(5.5)
    view._on_repaint_timer_timeout()
    assert view.rest_screen.dial.text == "1:00"  # the page is not drawn while it cannot be seen
    assert tray.toolTip() == "Rest: 0:55 left"  # the tray is
    timer = view._repaint_timer.timer
    assert timer.isActive() and timer.interval() == 500 + LATE_MS

    view._alerts._tray_time = False  # no time on the tray (Preferences): nothing shows the time at all
    view._on_repaint_timer_timeout()
    assert not timer.isActive()
    view._alerts._tray_time = True
    window.showNormal()
    qtbot.waitUntil(lambda: view.rest_screen.dial.text == "0:55", timeout=2000)  # shown again: at once
    assert timer.isActive()


def test_hidden_without_a_tray_the_page_sleeps_until_the_rest_ends(qtbot, open_window, db_path):
    make_routine(db_path)
    clock = FakeClock(start=10_000.0)
    window = open_window(clock)
    view = start_rest(qtbot, window)
    window.hide()
    view._on_repaint_timer_timeout()
    assert not view._repaint_timer.timer.isActive()
    clock.advance(60)
    view.recorder.tick()  # what the rest alarm does at the deadline
    assert view.stack.currentWidget() is view.set_screen  # the session moved on all the same
    window.show()
    qtbot.waitUntil(lambda: view._repaint_timer.timer.isActive())


def test_the_tray_icon_has_the_session_menu_and_it_shows_the_window(qtbot, open_window, db_path, tray_available):
    make_routine(db_path)
    window = open_window(FakeClock())
    view = start_rest(qtbot, window)
    menu = view._alerts.tray_icon.contextMenu()
    assert isinstance(menu, TrayMenu)
    assert menu.time_line.text() == "Rest: 1:00 left"
    assert view.findChildren(type(menu._control)) == [menu._control]  # one RemoteControl, the page's
    window.showMinimized()
    qtbot.waitUntil(window.isMinimized)
    menu.show_action.trigger()
    qtbot.waitUntil(lambda: not window.isMinimized())
    said = []
    view.status_message.connect(said.append)
    menu.skip_action.trigger()
    assert view.stack.currentWidget() is view.set_screen and said[-1].startswith("Skipped the rest.")


def test_the_eyes_free_cues_follow_the_session_and_say_the_rest_is_over(qtbot, open_window, db_path):
    make_routine(db_path, voice_cues="1", screen_flash="1")
    clock = FakeClock(start=10_000.0)
    window = open_window(clock)
    spoken = []

    def mock_voice(parent):
        voice = Voice(parent, engines=["mock"])
        voice.spoken.connect(spoken.append)
        return voice

    window.session.voice_factory = mock_voice
    view = start_rest(qtbot, window)
    cues = view.findChild(EyesFreeCues)
    assert cues is not None and cues._recorder is view.recorder
    clock.advance(60)
    view._on_repaint_timer_timeout()  # or the rest alarm: the clock is a fake one
    qtbot.waitUntil(lambda: spoken == ["Rest over. Next: Barbell Back Squat, 5 reps at 100 kilograms."],
                    timeout=5000)
    assert cues.flash is not None

    view.store.settings.set("voice_cues", "0")  # Preferences: the cues follow at once
    assert cues._voice_on is False
    view.recorder.finish_set()
    view.recorder.skip_rest()
    qtbot.waitUntil(lambda: view.stack.currentWidget() is view.summary)
    view.summary.finish_button.click()
    qtbot.waitUntil(lambda: view.recorder is None)
    assert cues._recorder is None  # detached with the session


def test_without_a_speech_engine_it_is_said_once_in_the_window(qtbot, open_window, db_path):
    make_routine(db_path, voice_cues="1")
    window = open_window(FakeClock())
    window.session.voice_factory = lambda parent: Voice(parent, engines=[])
    view = start_rest(qtbot, window)
    qtbot.waitUntil(lambda: view.banner.isVisible() and view.banner.text().startswith("Voice cues need"),
                    timeout=5000)
