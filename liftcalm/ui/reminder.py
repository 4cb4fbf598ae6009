"""The training reminder while LiftCalm runs: one gentle notification at the chosen time.

A single-shot timer is armed from the next due moment on the wall clock. Qt's timers run on a
clock that stops while the computer sleeps, so one armed for hours would fire hours late after
a sleep: each is armed for at most ``RECHECK_S`` and the due moment is worked out again from
the wall clock whenever it fires (so after a sleep, a clock change or a new time zone too).
That is six wake-ups an hour while reminders are on, and none while they are off.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from liftcalm.core import reminders
from liftcalm.core.validation import ValidationError

RECHECK_S = 600

WallClock = Callable[[], dt.datetime]


class TrainingReminder(QObject):
    """Emits ``due(title, message)`` at the chosen time on the chosen days, if it is wanted then.

    ``settings`` gives ``reminder_on``, ``reminder_time`` ("18:00") and ``reminder_days``
    ("1234567", ISO weekdays); they are read by ``apply_settings()``. ``skip_today()`` says
    whether to stay quiet today (a session runs, or the person already trained or checked in);
    the reminder is then not said, and the next day's is armed. Lifetime: parent it to the
    main window; it needs nothing else.
    """

    due = Signal(str, str)  # title, message: for a notification

    def __init__(self, settings, skip_today: Callable[[], bool], parent: QObject | None = None, *,
                 wall_clock: WallClock = dt.datetime.now):
        super().__init__(parent)
        self._settings = settings
        self._skip_today = skip_today
        self._wall_clock = wall_clock
        self._next: dt.datetime | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.VeryCoarseTimer)  # to the second is plenty: fewer wake-ups
        self._timer.timeout.connect(self._on_timer_timeout)
        self.apply_settings()

    @property
    def next_due(self) -> dt.datetime | None:
        """When the reminder is next due (local wall time), or None when it is off."""
        return self._next

    def apply_settings(self) -> None:
        """Re-read the settings (Preferences changed them) and arm for the next due moment."""
        self._next = self._next_from(self._wall_clock()) if self._wanted() else None
        self._arm()

    def resumed(self) -> None:
        """The computer woke up (where the system says so): look at the wall clock again now."""
        self._on_timer_timeout()

    def _wanted(self) -> bool:
        return bool(self._settings.reminder_on)

    def _next_from(self, now: dt.datetime) -> dt.datetime | None:
        try:
            at = reminders.parse_reminder_time(self._settings.reminder_time)
            days = reminders.parse_reminder_days(self._settings.reminder_days)
        except ValidationError:
            return None  # a damaged stored value: no reminder rather than a wrong one
        return reminders.next_reminder(now, at, days)

    def _arm(self) -> None:
        if self._next is None:
            self._timer.stop()
            return
        wait_s = (self._next - self._wall_clock()).total_seconds()
        self._timer.start(max(0, math.ceil(min(wait_s, RECHECK_S) * 1000)))

    def _on_timer_timeout(self) -> None:
        if self._next is None:
            return
        now = self._wall_clock()
        if now < self._next:
            # Early (a recheck), or the clock went back: the due moment is worked out again.
            self._next = self._next_from(now) if self._wanted() else None
            self._arm()
            return
        due, self._next = self._next, self._next_from(now)
        if reminders.is_still_timely(due, now) and not self._skip_today():
            self.due.emit(reminders.TITLE, reminders.MESSAGE)
        self._arm()
