"""The end-of-rest alert, fired from the rest's deadline by one precise single-shot timer."""

from __future__ import annotations

import math

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from liftcalm.core.clock import Clock


class RestAlarm(QObject):
    """Emits ``rest_finished(deadline)`` once the session clock reaches the deadline, never before.

    Repaint timers do not decide when a rest ends: this one timer is armed for the deadline
    itself. If it wakes early (Qt's timers run on another clock than the session's
    suspend-aware one), it checks the session clock and sleeps the remainder.
    """

    rest_finished = Signal(float)

    def __init__(self, clock: Clock, parent: QObject | None = None):
        super().__init__(parent)
        self._clock = clock
        self._deadline: float | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._on_timer_timeout)

    @property
    def deadline(self) -> float | None:
        return self._deadline

    def arm(self, deadline: float | None) -> None:
        """Fire at ``deadline`` (session clock seconds); None disarms (a paused or skipped rest)."""
        self._deadline = deadline
        if deadline is None:
            self._timer.stop()
        else:
            self._schedule()

    def _schedule(self) -> None:
        assert self._deadline is not None
        remaining_ms = (self._deadline - self._clock.now()) * 1000
        self._timer.start(max(0, math.ceil(remaining_ms)))

    def _on_timer_timeout(self) -> None:
        if self._deadline is None:
            return
        if self._clock.now() < self._deadline:
            self._schedule()
            return
        deadline, self._deadline = self._deadline, None
        self.rest_finished.emit(deadline)
