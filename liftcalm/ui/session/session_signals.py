"""The core's SessionRecorder for Qt: its callbacks as signals, a precise alarm at its deadlines,
and a retry timer for writes that are held."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from liftcalm.core.session_recorder import SessionRecorder
from liftcalm.ui.session.rest_alarm import RestAlarm


class SessionSignals(QObject):
    """Emits what ``recorder`` reports, ends rests exactly at their deadline, retries held writes.

    The alarm is re-armed after every change at ``recorder.next_deadline()``; when it fires,
    the recorder lets the clock decide. While writes are held, a single-shot timer tries them
    again after ``recorder.retry_delay_s()`` (longer after each failure). It unhooks from the
    recorder when destroyed.
    """

    changed = Signal()  # anything shown may have changed: phase, rest, logged sets, what is waiting
    time_ended_phase = Signal(str)  # a rest ("rest") or a timed block ("block") ended by the clock
    write_failed = Signal(object)  # a WriteFailed: writes are held, and will be tried again
    saved = Signal()  # everything held is written now
    finished = Signal(int)  # the session's id, once its finish is written

    def __init__(self, recorder: SessionRecorder, parent: QObject | None = None):
        super().__init__(parent)
        self.recorder = recorder
        self.alarm = RestAlarm(recorder.clock, self)
        self.alarm.rest_finished.connect(self._on_alarm_rest_finished)
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.timeout.connect(self._on_retry_timeout)
        hooks = ((recorder.on_changed, self._on_recorder_changed),
                 (recorder.on_time_ended_phase, self.time_ended_phase.emit),
                 (recorder.on_write_failed, self._on_recorder_write_failed),
                 (recorder.on_saved, self._on_recorder_saved),
                 (recorder.on_finished, self._on_recorder_finished))
        for listeners, listener in hooks:
            listeners.append(listener)

        def unhook() -> None:  # a plain function: it runs after this object is gone
            for listeners, listener in hooks:
                if listener in listeners:
                    listeners.remove(listener)

        self.destroyed.connect(unhook)
        self._arm()
        if recorder.pending:
            self._retry.start(0)

    def stop(self) -> None:
        """No more alarms or retries (the session was finished, or kept for later)."""
        self.alarm.arm(None)
        self._retry.stop()

    def _arm(self) -> None:
        self.alarm.arm(self.recorder.next_deadline())

    def _on_recorder_changed(self) -> None:
        self._arm()
        self.changed.emit()

    def _on_recorder_write_failed(self, error) -> None:
        self._retry.start(round(self.recorder.retry_delay_s() * 1000))
        self.write_failed.emit(error)

    def _on_recorder_saved(self) -> None:
        self._retry.stop()
        self.saved.emit()

    def _on_recorder_finished(self, session_id: int) -> None:
        self.stop()
        self.finished.emit(session_id)

    def _on_retry_timeout(self) -> None:
        if self.recorder.flush():
            self.changed.emit()

    def _on_alarm_rest_finished(self, _deadline: float) -> None:
        self.recorder.tick()
