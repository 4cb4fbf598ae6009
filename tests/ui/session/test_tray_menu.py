"""The tray menu: the time left as its first line, and the session's actions, enabled as the phase allows."""

from PySide6.QtCore import Qt

from liftcalm.core.clock import FakeClock
from liftcalm.ui.session.tray_menu import tray_menu_for
from tests.ui.session.test_session import add_one_exercise_routine, press, start_session


def enabled(menu):
    return {action.text(): action.isEnabled() for action in (menu.done_action, menu.skip_action, menu.plus_action,
                                                             menu.minus_action, menu.pause_action)}


def test_the_tray_menu_follows_the_session_and_acts_on_it(qtbot, open_window, db_path):
    add_one_exercise_routine(db_path, "Barbell Back Squat", "Two", reps=5, load_kg=80.0, sets=2)
    clock = FakeClock()
    window = open_window(clock)
    view = window.session
    menu = tray_menu_for(view)
    assert menu.time_line.text() == "No session is running" and not menu.time_line.isEnabled()
    assert not any(enabled(menu).values())

    start_session(qtbot, window)
    window.hide()
    menu.refresh()
    assert menu.time_line.text() == "Set: Barbell Back Squat, set 1 of 2"
    assert enabled(menu) == {"Set &done": True, "S&kip rest": False, "Rest &+15 s": False, "Rest &−15 s": False,
                             "&Pause rest": False}

    said = []
    menu.said.connect(said.append)
    menu.done_action.trigger()
    assert len(view.recorder.run.logged) == 1
    assert menu.time_line.text() == "Rest: 1:00 left"
    assert enabled(menu) == {"Set &done": False, "S&kip rest": True, "Rest &+15 s": True, "Rest &−15 s": True,
                             "&Pause rest": True}
    menu.plus_action.trigger()
    assert menu.time_line.text() == "Rest: 1:15 left"
    menu.pause_action.trigger()
    assert menu.time_line.text() == "Rest (paused): 1:15 left"
    assert menu.pause_action.text() == "&Resume rest"
    menu.pause_action.trigger()
    clock.advance(10)
    menu.refresh()
    assert menu.time_line.text() == "Rest: 1:05 left"
    menu.skip_action.trigger()
    assert menu.time_line.text() == "Set: Barbell Back Squat, set 2 of 2"
    assert said[0].startswith("Done: Barbell Back Squat, set 1 of 2")
    assert said[1:3] == ["Rest +15 s: Rest: 1:15 left", "Rest paused: 1:15 left."]

    shown = []
    menu.show_requested.connect(lambda: shown.append(True))
    menu.show_action.trigger()
    assert shown == [True]


def test_an_open_menu_wakes_when_the_shown_second_changes(qtbot, open_window, db_path):
    add_one_exercise_routine(db_path, "Barbell Back Squat", "One", reps=5, load_kg=80.0, sets=1)
    clock = FakeClock()
    window = open_window(clock)
    view = window.session
    start_session(qtbot, window)
    press(qtbot, window, Qt.Key.Key_Space)
    clock.advance(0.25)  # 59.75 s left: the digits change in 0.75 s
    menu = tray_menu_for(view)
    menu.popup(window.geometry().center())
    qtbot.waitUntil(menu.isVisible)
    assert 740 <= menu._timer.remainingTime() <= 760
    menu.hide()
    assert not menu._timer.isActive()  # a closed menu costs nothing


def test_an_open_menu_sleeps_while_nothing_it_shows_counts_down(qtbot, open_window, db_path):
    add_one_exercise_routine(db_path, "Barbell Back Squat", "One", reps=5, load_kg=80.0, sets=2)
    clock = FakeClock()
    window = open_window(clock)
    view = window.session
    start_session(qtbot, window)
    menu = tray_menu_for(view)
    menu.popup(window.geometry().center())
    qtbot.waitUntil(menu.isVisible)
    assert menu.time_line.text() == "Set: Barbell Back Squat, set 1 of 2"
    assert not menu._timer.isActive()  # a set of reps: the line has no time in it
    menu.hide()
    press(qtbot, window, Qt.Key.Key_Space)
    press(qtbot, window, Qt.Key.Key_P)  # the rest paused: its time stays as it is
    menu.popup(window.geometry().center())
    qtbot.waitUntil(menu.isVisible)
    assert menu.time_line.text() == "Rest (paused): 1:00 left"
    assert not menu._timer.isActive()
    menu.hide()
