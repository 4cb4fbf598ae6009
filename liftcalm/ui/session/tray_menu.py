"""The tray icon's menu: the time left and the session's actions, for when the window is hidden."""

from __future__ import annotations

import math

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QMenu, QWidget

from liftcalm.core.session_run import Phase
from liftcalm.ui.remote_control import Refused, RemoteControl
from liftcalm.ui.session.repaint_timer import LATE_MS, countdown_changes_in


class TrayMenu(QMenu):
    """Set done, skip rest, ±15 s, pause or resume, and the time left as its first line.

    The same actions as ``liftcalm session …`` (both go through ``RemoteControl``). The line
    and the enabled actions are brought up to date when the menu opens, and once a second,
    on the second, while it stays open and a time counts down; a closed menu costs nothing.
    """

    show_requested = Signal()  # "Show LiftCalm": bring the window to the front
    said = Signal(str)  # what an action did, or why it could not, for the status bar

    def __init__(self, control: RemoteControl, parent: QWidget | None = None):
        super().__init__(parent)
        self._control = control
        self.time_line = self.addAction("")
        self.time_line.setEnabled(False)
        self.addSeparator()
        self.done_action = self.addAction("Set &done", lambda: self._act(control.done))
        self.skip_action = self.addAction("S&kip rest", lambda: self._act(control.skip_rest))
        self.plus_action = self.addAction("Rest &+15 s", lambda: self._act(lambda: control.add(15)))
        self.minus_action = self.addAction("Rest &−15 s", lambda: self._act(lambda: control.add(-15)))
        self.pause_action = self.addAction("&Pause rest", lambda: self._act(control.pause))
        self.addSeparator()
        self.show_action = self.addAction("&Show LiftCalm", self.show_requested.emit)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._on_timer_timeout)
        self.aboutToShow.connect(self._on_about_to_show)
        self.aboutToHide.connect(self._timer.stop)
        self.refresh()

    def refresh(self) -> None:
        """Show the time left and enable what fits the phase now."""
        control = self._control
        phase = control.phase()
        line = control.time_left_line()
        self.time_line.setText(line or "No session is running")
        self.done_action.setEnabled(phase in (Phase.SET, Phase.FINISHED))
        self.done_action.setText("Save the &session" if phase is Phase.FINISHED else "Set &done")
        in_rest = phase is Phase.REST
        for action in (self.skip_action, self.plus_action, self.minus_action, self.pause_action):
            action.setEnabled(in_rest)
        self.pause_action.setText("&Resume rest" if control.rest_paused() else "&Pause rest")

    def _on_about_to_show(self) -> None:
        self.refresh()
        self._arm_for_next_second()

    def _arm_for_next_second(self) -> None:
        """Wake when the shown "m:ss" changes; not at all while nothing counts down (a set, a paused rest)."""
        remaining = self._control.remaining()
        due = None if remaining is None or self._control.rest_paused() else countdown_changes_in(remaining)
        if due is None:
            self._timer.stop()
            return
        self._timer.start(math.ceil(due * 1000) + LATE_MS)

    def _on_timer_timeout(self) -> None:
        if self.isVisible():
            self.refresh()
            self._arm_for_next_second()

    def _act(self, action) -> None:
        try:
            self.said.emit(action())
        except Refused as refusal:
            self.said.emit(f"That cannot be done now: {refusal}.")
        self.refresh()


def tray_menu_for(view: QObject) -> TrayMenu:
    """The tray menu of the Session page ``view`` (its RemoteControl made if it has none)."""
    control = view.findChild(RemoteControl) or RemoteControl(view)
    return TrayMenu(control)
