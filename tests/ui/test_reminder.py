"""The training reminder while the app runs: armed from the wall clock, again after a sleep, quiet when it should be."""

import datetime as dt
from types import SimpleNamespace

from liftcalm.ui.reminder import RECHECK_S, TrainingReminder


class Wall:
    """A wall clock that moves when told (a sleep is a jump the app's timers do not see)."""

    def __init__(self, now):
        self.now = now

    def __call__(self):
        return self.now


def make(now, skip=False, **settings):
    wall = Wall(now)
    values = SimpleNamespace(**{"reminder_on": True, "reminder_time": "18:00", "reminder_days": "1234567",
                                **settings})
    said = []
    reminder = TrainingReminder(values, lambda: skip, wall_clock=wall)
    reminder.due.connect(lambda title, message: said.append(title))
    return reminder, wall, said, values


def test_it_is_armed_for_the_chosen_time_and_says_it_once(qtbot):
    reminder, wall, said, _settings = make(dt.datetime(2025, 3, 3, 17, 59, 30))
    assert reminder.next_due == dt.datetime(2025, 3, 3, 18, 0)
    assert 29_000 <= reminder._timer.remainingTime() <= 31_000  # a very coarse timer: to the second

    wall.now = dt.datetime(2025, 3, 3, 17, 59, 59, 700_000)
    reminder.apply_settings()  # 0.3 s to go: the real timer fires (to the second)
    wall.now = dt.datetime(2025, 3, 3, 18, 0, 0, 100_000)
    qtbot.waitUntil(lambda: said == ["Training time, if you'd like"], timeout=3000)
    assert reminder.next_due == dt.datetime(2025, 3, 4, 18, 0)  # tomorrow, not again today
    reminder.resumed()
    assert len(said) == 1


def test_a_long_wait_is_checked_again_every_ten_minutes(qtbot):
    reminder, wall, said, _settings = make(dt.datetime(2025, 3, 3, 9, 0))
    assert reminder._timer.isActive() and reminder._timer.remainingTime() <= (RECHECK_S + 1) * 1000
    wall.now = dt.datetime(2025, 3, 3, 9, 10)
    reminder._on_timer_timeout()  # early: armed again, nothing said
    assert said == [] and reminder.next_due == dt.datetime(2025, 3, 3, 18, 0)


def test_after_a_sleep_it_is_said_if_still_timely_and_skipped_if_hours_late(qtbot):
    reminder, wall, said, _settings = make(dt.datetime(2025, 3, 3, 17, 0))
    wall.now = dt.datetime(2025, 3, 3, 18, 20)  # the lid was closed at 17:05 and opened at 18:20
    reminder.resumed()
    assert said == ["Training time, if you'd like"]
    wall.now = dt.datetime(2025, 3, 4, 23, 0)  # slept through the whole evening of the next day
    reminder.resumed()
    assert said == ["Training time, if you'd like"]  # five hours late is no reminder
    assert reminder.next_due == dt.datetime(2025, 3, 5, 18, 0)


def test_it_stays_quiet_on_a_day_already_trained_or_during_a_session(qtbot):
    reminder, wall, said, _settings = make(dt.datetime(2025, 3, 3, 17, 59), skip=True)
    wall.now = dt.datetime(2025, 3, 3, 18, 0, 1)
    reminder.resumed()
    assert said == [] and reminder.next_due == dt.datetime(2025, 3, 4, 18, 0)


def test_switched_off_or_damaged_it_arms_nothing(qtbot):
    reminder, wall, said, settings = make(dt.datetime(2025, 3, 3, 17, 0), reminder_on=False)
    assert reminder.next_due is None and not reminder._timer.isActive()
    settings.reminder_on = True
    settings.reminder_days = "67"
    reminder.apply_settings()
    assert reminder.next_due == dt.datetime(2025, 3, 8, 18, 0)
    settings.reminder_time = "25:00"
    reminder.apply_settings()
    assert reminder.next_due is None and not reminder._timer.isActive()


def test_the_main_window_arms_the_reminder_from_preferences_and_keeps_quiet_on_a_trained_day(open_window):
    from datetime import date

    from liftcalm.core.models import Routine, RoutineItem, SetType

    window = open_window()
    assert window.reminder is not None and window.reminder.next_due is None  # off until asked for
    window.store.settings.reminder_time = "6:45"
    window.store.settings.reminder_on = True  # a change the window hears through the store
    due = window.reminder.next_due
    assert due is not None and (due.hour, due.minute) == (6, 45)
    assert window._quiet_today() is False

    window._show_reminder("Training time, if you'd like", "It's the time you chose.")
    assert window.statusBar().currentMessage().startswith("Training time, if you'd like")

    store = window.store
    squat = store.exercises.find("Barbell Back Squat").id
    routine = store.book.add(Routine(None, "Today", (RoutineItem(squat, (SetType.WORKING,)),)), "Add")
    from liftcalm.core.clock import SuspendAwareClock
    from liftcalm.core.session_recorder import SessionRecorder

    clock = SuspendAwareClock()
    recorder = SessionRecorder.start(store.sessions, clock, routine, store.exercises.get)
    recorder.finish_set()
    recorder.finish(None, "")
    assert store.has_session_on(date.today()) and window._quiet_today() is True  # trained today: no reminder
    window.store.settings.reminder_on = False
    assert window.reminder.next_due is None


def test_a_second_start_and_the_reminder_bring_the_window_forward_the_same_way(open_window, qtbot):
    from liftcalm.app import bring_to_front

    window = open_window()
    for bring in (window.bring_to_front, lambda: bring_to_front(window)):  # the tray's click, a second start
        window.showMinimized()
        qtbot.waitUntil(window.isMinimized)
        bring()
        qtbot.waitUntil(lambda: not window.isMinimized() and window.isVisible())
