"""The set: what to do now, big enough to read from the rack, and one key to say it is done."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from liftcalm.core.session_plan import PlannedSet
from liftcalm.ui.look import make_heading, make_muted
from liftcalm.ui.session.rest_dial import RestDial


class SetScreen(QWidget):
    done_clicked = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.exercise = make_heading(QLabel(self), 26)
        self.exercise.setWordWrap(True)
        self.set_line = make_heading(QLabel(self), 16)
        self.target = make_heading(QLabel(self), 30)
        self.target.setAccessibleName("Target")
        self.description = make_muted(QLabel(self))
        self.description.setWordWrap(True)
        self.dial = RestDial(self)
        self.done_button = QPushButton("Done  (Space)", self)
        self.done_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.done_button.setMinimumHeight(64)
        font = self.done_button.font()
        font.setPointSize(18)
        font.setBold(True)
        self.done_button.setFont(font)
        self.next_line = make_muted(QLabel(self))
        self.hint = make_muted(QLabel("Space: set done · Ctrl+Z: take back the last set · "
                                      "Ctrl+E: add an exercise · Ctrl+Shift+F: end the session · F1: all keys", self))
        self.hint.setWordWrap(True)
        for label in (self.exercise, self.set_line, self.target, self.next_line, self.hint, self.description):
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addWidget(self.exercise)
        layout.addWidget(self.set_line)
        layout.addWidget(self.target)
        layout.addWidget(self.description)
        layout.addWidget(self.dial, 1)
        layout.addWidget(self.done_button)
        layout.addWidget(self.next_line)
        layout.addWidget(self.hint)
        self.done_button.clicked.connect(self.done_clicked.emit)
        self._block_length: float | None = None

    def show_set(self, planned: PlannedSet, exercise_name: str, target_text: str, description: str,
                 next_text: str) -> None:
        self.exercise.setText(exercise_name)
        kind = "Calm practice" if planned.duration_s else planned.set_type.label
        self.set_line.setText(f"Set {planned.set_number} of {planned.set_count} · {kind}")
        self.target.setText(target_text)
        self.description.setText(description)
        self.description.setVisible(bool(description))
        self.next_line.setText(next_text)
        self._block_length = float(planned.duration_s) if planned.duration_s else None
        self.done_button.setText("End this block early  (Space)" if planned.duration_s else "Done  (Space)")

    def show_time(self, elapsed_s: float, block_remaining_s: float | None) -> None:
        """A stopwatch for a set of reps; a countdown for a timed block."""
        if block_remaining_s is None or not self._block_length:
            self.dial.show_stopwatch(elapsed_s)
        else:
            self.dial.show_rest(block_remaining_s, 1 - block_remaining_s / self._block_length, False)
