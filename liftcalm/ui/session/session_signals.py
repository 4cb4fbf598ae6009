"""The core's SessionRecorder for Qt: its callbacks as signals, and a precise alarm at its deadlines."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from liftcalm.core.session_recorder import SessionRecorder
from liftcalm.ui.session.rest_alarm import RestAlarm


class SessionSignals(QObject):
    """Emits what ``recorder`` reports, and ends rests exactly at their deadline.

    The alarm is re-armed after every change at ``recorder.next_deadline()``; when it fires,
    the recorder lets the clock decide. It unhooks from the recorder when destroyed.
    """

    changed = Signal()  # anything shown may have changed: phase, rest, logged sets
    time_ended_phase = Signal(str)  # a rest ("rest") or a timed block ("block") ended by the clock
    finished = Signal(int)  # the session's id, once finished and saved

    def __init__(self, recorder: SessionRecorder, parent: QObject | None = None):
        super().__init__(parent)
        self.recorder = recorder
        self.alarm = RestAlarm(recorder.clock, self)
        self.alarm.rest_finished.connect(self._on_alarm_rest_finished)
        hooks = ((recorder.on_changed, self._on_recorder_changed), (recorder.on_time_ended_phase,
                 self.time_ended_phase.emit), (recorder.on_finished, self._on_recorder_finished))
        for listeners, listener in hooks:
            listeners.append(listener)

        def unhook() -> None:  # a plain function: it runs after this object is gone
            for listeners, listener in hooks:
                if listener in listeners:
                    listeners.remove(listener)

        self.destroyed.connect(unhook)
        self._arm()

    def stop(self) -> None:
        """No more alarms (the session was finished, or kept for later)."""
        self.alarm.arm(None)

    def _arm(self) -> None:
        self.alarm.arm(self.recorder.next_deadline())

    def _on_recorder_changed(self) -> None:
        self._arm()
        self.changed.emit()

    def _on_recorder_finished(self, session_id: int) -> None:
        self.stop()
        self.finished.emit(session_id)

    def _on_alarm_rest_finished(self, _deadline: float) -> None:
        self.recorder.tick()
