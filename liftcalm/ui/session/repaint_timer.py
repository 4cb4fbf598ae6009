"""The session's repaint timer: it wakes only when something shown is about to change.

Every time the Session page shows (a rest's countdown, a set's stopwatch, a block's or a timed
set's countdown, and the same digits on the tray icon, the mini timer and the overview) moves
on whole seconds of a deadline or of a start, so the next change is known from the clock. One
single-shot timer sleeps until then instead of polling: a rest costs one wakeup a second.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QWidget

from liftcalm.core.session_run import Phase, SessionRun

# format_remaining and format_elapsed count whole seconds with this tolerance for float noise.
DIGIT_TOLERANCE_S = 1e-6
# Waking this long after a second's boundary, the new digit is there to show, whichever way the
# session clock (CLOCK_BOOTTIME) and Qt's (CLOCK_MONOTONIC) round the moment.
LATE_MS = 1


def countdown_changes_in(remaining_s: float) -> float | None:
    """Seconds until a countdown showing ``remaining_s`` (rounded up) shows the next second; None at 0:00."""
    shown = remaining_s - DIGIT_TOLERANCE_S
    if shown <= 0:
        return None
    due = shown % 1.0
    return due if due > 0 else 1.0


def stopwatch_changes_in(elapsed_s: float) -> float:
    """Seconds until a stopwatch showing ``elapsed_s`` (rounded down) shows the next second."""
    return 1.0 - (max(0.0, elapsed_s) + DIGIT_TOLERANCE_S) % 1.0


def earliest(*delays: float | None) -> float | None:
    """The soonest of ``delays``; None when none is due."""
    due = [delay for delay in delays if delay is not None]
    return min(due) if due else None


def shown_time_changes_in(run: SessionRun, now: float) -> float | None:
    """Seconds until the time the session shows (in any place) next changes by itself; None if it stays.

    A paused rest, a finished session and a countdown at 0:00 stay as they are: what moves
    them on (a key, the rest alarm) repaints by itself.
    """
    if run.phase is Phase.REST:
        rest = run.rest
        return None if rest is None or rest.is_paused else countdown_changes_in(rest.remaining(now))
    if run.phase is Phase.SET:
        timer = run.timer_deadlines()
        if timer is not None:
            ready, end = timer
            return countdown_changes_in((ready if now < ready else end) - now)
        block_end = run.block_deadline()
        if block_end is not None:
            return countdown_changes_in(block_end - now)
        return stopwatch_changes_in(run.stopwatch(now))
    return None


class RepaintTimer(QObject):
    """Runs ``repaint`` when what it shows is due to change, and when ``owner`` comes into view.

    ``repaint`` shows the time, then calls ``arm(seconds, also_shown)`` with how long until
    what it shows next changes (None: nothing changes by itself). While ``owner`` cannot be
    seen (its window minimised or hidden, another page in front) it need not repaint, and
    ``arm`` sleeps unless ``also_shown`` says the time still shows elsewhere (the tray icon,
    the mini timer). When ``owner`` or its window is shown or restored, ``repaint`` runs at
    once. Nothing counts the wakeups: each one asks the clock.

    Lifetime: a child of ``owner``, so its timer dies with it; ``stop()`` when no session runs.
    """

    def __init__(self, owner: QWidget, repaint: Callable[[], None]):
        super().__init__(owner)
        self._owner = owner
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        # Precise: a coarse timer may fire up to 5% early, before the digit changes, and wake twice.
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(repaint)
        self._running = False  # between the first arm() and stop(): view changes repaint at once
        self._watched: QWidget | None = None
        owner.installEventFilter(self)
        self._watch_window()

    @property
    def timer(self) -> QTimer:
        """The single-shot timer (for tests: whether, and for how long, it is armed)."""
        return self._timer

    def owner_shown(self) -> bool:
        """Whether ``owner`` can be seen now: shown, in a window that is not minimised."""
        return self._owner.isVisible() and not self._owner.window().isMinimized()

    def arm(self, seconds: float | None, also_shown: bool = False) -> None:
        """Repaint in ``seconds`` (None: not by itself), if anything that shows the time can be seen."""
        self._running = True
        if seconds is None or not (also_shown or self.owner_shown()):
            self._timer.stop()
            return
        self._timer.start(max(0, math.ceil(seconds * 1000)) + LATE_MS)

    def stop(self) -> None:
        """No more repaints until the next ``arm``."""
        self._running = False
        self._timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.ParentChange and watched is self._owner:
            self._watch_window()
        elif self._running and kind in (QEvent.Type.Show, QEvent.Type.WindowStateChange):
            self._timer.start(0)  # in view again: show the time now, from the next event-loop turn
        return False

    def _watch_window(self) -> None:
        window = self._owner.window()
        if window is self._watched:
            return
        if self._watched is not None:
            self._watched.removeEventFilter(self)
        self._watched = window if window is not self._owner else None
        if self._watched is not None:
            self._watched.installEventFilter(self)
