"""The set: what to do now, big enough to read from the rack, and one key to say it is done.

A timed set (a plank, a carry) waits for Space, counts a get-ready down, then its own time,
and ends itself. In a superset, the exercise just done had no rest of its own: its stress
rating is asked here, one digit, while the person moves to the next exercise.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from liftcalm.core.durations import format_remaining
from liftcalm.core.scales import STRESS_AFTER_SET
from liftcalm.core.session_plan import PlannedSet
from liftcalm.ui import theme
from liftcalm.ui.look import make_heading, make_muted
from liftcalm.ui.session.rating_row import RatingRow
from liftcalm.ui.session.rest_dial import RestDial

SET_HINT = ("Space: set done · F: fill from last time · U: warm-up ramp · V: the whole workout · "
            "Ctrl+Z: undo · Ctrl+E: add an exercise · F1: all keys")
TIMED_HINT = ("Space: start (5 s to get ready), then Space ends it early · V: the whole workout · "
              "Ctrl+Z: take back the last set · F1: all keys")


class SetScreen(QWidget):
    done_clicked = Signal()
    round_rated = Signal(object)  # the stress after the superset partner's set (None: skipped)

    def __init__(self, parent=None):
        super().__init__(parent)
        # What to do now, in a card across the top: the exercise, which set, the target in big type.
        self.head = theme.Card(self, padding=theme.SPACE_M)
        self.exercise = make_heading(QLabel(self.head), "title")
        self.exercise.setWordWrap(True)
        self.set_line = make_muted(make_heading(QLabel(self.head), "strong"))
        self.target = make_heading(QLabel(self.head), "display")
        self.target.setAccessibleName("Target")
        self.description = make_muted(QLabel(self.head))
        self.description.setWordWrap(True)
        head = QVBoxLayout(self.head)
        head.setSpacing(0)
        for label in (self.exercise, self.set_line, self.target, self.description):
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            head.addWidget(label)
        # What helps decide, in a card beside the digits: why this target, last time, the plates,
        # notes, a superset partner's rating.
        self.side = theme.Card(self, padding=theme.SPACE_M)
        self.reason = make_muted(QLabel(self.side))
        self.reason.setWordWrap(True)
        self.reason.setAccessibleName("Why this target")
        self.last_time = QLabel(self.side)
        self.last_time.setWordWrap(True)
        self.last_time.setAccessibleName("Last time")
        self.plates = None  # a PlateView, made for the first barbell set
        self.notes = QLabel(self.side)
        self.notes.setWordWrap(True)
        self.notes.setAccessibleName("Notes for this exercise")
        self.round_rating = RatingRow(self.side)
        self.round_rating.set_scale(STRESS_AFTER_SET)  # the anchors under the buttons: the column is narrow
        self.round_rating.rated.connect(self.round_rated.emit)
        self.round_rating.skipped.connect(lambda: self.round_rated.emit(None))
        self.round_rating.hide()
        self.dial = RestDial(self)
        self.done_button = QPushButton("Done  (Space)", self)
        self.done_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.done_button.setAccessibleDescription("The set is saved the moment you press it")
        theme.set_tone(self.done_button, "primary")
        theme.set_type(self.done_button, "subheading")
        self.done_button.setMinimumHeight(max(56, self.done_button.sizeHint().height() + theme.SPACE_L))
        self.next_line = make_muted(QLabel(self))
        self.next_line.setWordWrap(True)
        self.hint = make_muted(QLabel(SET_HINT, self))
        self.hint.setWordWrap(True)
        for label in (self.next_line, self.hint):
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        # The digits and Done on the left, as big as the room allows; the card of what helps beside them.
        layout = QVBoxLayout(self)
        layout.setContentsMargins(theme.SPACE_XL, theme.SPACE_S, theme.SPACE_XL, theme.SPACE_S)
        layout.setSpacing(theme.SPACE_S)
        layout.addWidget(self.head)
        middle = QHBoxLayout()
        middle.setSpacing(theme.SPACE_L)
        timer = QVBoxLayout()
        timer.addWidget(self.dial, 1)
        timer.addWidget(self.done_button)
        middle.addLayout(timer, 3)
        side = QVBoxLayout(self.side)
        side.setSpacing(theme.SPACE_S)
        for widget in (self.reason, self.last_time, self.notes, self.round_rating):
            side.addWidget(widget)
        self._plates_at = 2
        side.addStretch(1)
        middle.addWidget(self.side, 2)
        layout.addLayout(middle, 1)
        layout.addWidget(self.next_line)
        layout.addWidget(self.hint)
        self.done_button.clicked.connect(self.done_clicked.emit)
        self._block_length: float | None = None
        self._timed_length: float | None = None

    def show_set(self, planned: PlannedSet, exercise_name: str, target_text: str, description: str,
                 next_text: str, number: int | None = None, count: int | None = None, notes: str = "",
                 timed: bool = False, last_time: str = "", reason: str = "") -> None:
        self.exercise.setText(exercise_name)
        self.reason.setText(reason)
        self.reason.setVisible(bool(reason))
        self.last_time.setText(last_time)
        self.last_time.setVisible(bool(last_time))
        kind = "Calm practice" if planned.duration_s else planned.set_type.label
        number = planned.set_number if number is None else number
        count = planned.set_count if count is None else count
        self.set_line.setText(f"Set {number} of {count} · {kind}")
        self.target.setText(target_text)
        self.description.setText(description)
        self.description.setVisible(bool(description))
        self.notes.setText(notes)
        self.notes.setVisible(bool(notes))
        self._update_side()
        self.next_line.setText(next_text)
        self._block_length = float(planned.duration_s) if planned.duration_s else None
        self._timed_length = float(planned.target_duration_s) if timed else None
        self.hint.setText(TIMED_HINT if timed else SET_HINT)
        if planned.duration_s:
            self.done_button.setText("End this block early  (Space)")
        elif timed:
            self.done_button.setText("Start  (Space)")
        else:
            self.done_button.setText("Done  (Space)")

    def show_plates(self, load_kg: float | None, inventory) -> None:
        """The plates per side for this set's load on the person's bar, or nothing (None)."""
        if load_kg is None:
            if self.plates is not None:
                self.plates.hide()
            self._update_side()
            return
        if self.plates is None:
            from liftcalm.ui.plate_view import PlateView

            self.plates = PlateView(self)
            self.side.layout().insertWidget(self._plates_at, self.plates)
        self.plates.show_load(load_kg, inventory)
        self.plates.show()
        self._update_side()

    def show_round_rating(self, question: str | None, value: int | None) -> None:
        """Ask the stress after the superset partner's set (``question``), or hide the row (None)."""
        if question is None:
            self.round_rating.hide()
            self._update_side()
            return
        self.round_rating.set_question(question)
        self.round_rating.set_value(value)
        self.round_rating.show()
        self._update_side()

    def _update_side(self) -> None:
        """The side column shows only when it has something to say (a calm block has nothing)."""
        parts = (self.reason, self.last_time, self.notes, self.round_rating, self.plates)
        self.side.setVisible(any(part is not None and not part.isHidden() for part in parts))

    def round_rating_shown(self) -> bool:
        return not self.round_rating.isHidden()

    def press_digit(self, digit: int) -> None:
        self.round_rating.press_digit(digit)

    def show_time(self, elapsed_s: float, block_remaining_s: float | None,
                  timer: tuple[float, float] | None = None, now: float | None = None) -> None:
        """A stopwatch for a set of reps; a countdown for a timed block or a started timed set.

        ``timer`` is a started timed set's (end of get-ready, end), on the same clock as ``now``.
        """
        if timer is not None and now is not None and self._timed_length:
            ready, end = timer
            if now < ready:
                self.dial.show_text(f"Get ready {format_remaining(ready - now)}")
            else:
                self.dial.show_rest(max(0.0, end - now), min(1.0, (now - ready) / self._timed_length), False)
            self.done_button.setText("End early  (Space)")
            return
        if self._timed_length:
            self.dial.show_text(format_remaining(self._timed_length))
            return
        if block_remaining_s is None or not self._block_length:
            self.dial.show_stopwatch(elapsed_s)
        else:
            self.dial.show_rest(block_remaining_s, 1 - block_remaining_s / self._block_length, False)
