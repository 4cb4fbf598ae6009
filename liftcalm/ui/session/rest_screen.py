"""The rest: a countdown readable from across the room, and a two-tap relief reflection.

Nothing here blocks the countdown: the set is already saved when the rest begins, and
every answer is saved as it is given. Keys (forwarded by the session view): digits rate,
B H W C T mark what relief you notice, N writes a note, Enter saves a corrected set.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from liftcalm.core.coaching import RELIEF_SIGNS
from liftcalm.core.models import BodyLoad
from liftcalm.core.scales import STRESS_AFTER_SET, STRESS_END_OF_REST
from liftcalm.core.units import Unit, format_load
from liftcalm.core.validation import (
    ValidationError,
    blank_is_not_given,
    parse_done_reps,
    parse_load,
    parse_note,
    parse_rpe,
)
from liftcalm.ui.actions import signals_blocked
from liftcalm.ui.look import make_heading, make_muted
from liftcalm.ui.session.breathing_pacer import BreathingPacer
from liftcalm.ui.session.rating_row import RatingRow
from liftcalm.ui.session.rest_dial import RestDial
from liftcalm.ui.validated_field import ValidatedField

SIGN_KEYS = {"B": "breath slowing", "H": "heart settling", "W": "muscles warm", "C": "mind calmer",
             "T": "still tense", "O": "nothing in particular", "M": "more tense"}
SIGN_LABELS = {sign: f"{sign.capitalize()}  ({key})" for key, sign in SIGN_KEYS.items()}
REFLECTION_SHARE = 0.4  # the relief question shows in the last 40% of a rest...
REFLECTION_MIN_S = 20  # ...or the last 20 s, whichever is longer
EDIT_HINT = "E corrects the set · N writes a note"
EDITING_HINT = "Enter saves · Esc keeps it as it was"
RIGHT_AFTER_SET_S = 10  # in a short rest, digits rate "right after the set" this long, if unanswered


def reflection_due(remaining_s: float, length_s: float) -> bool:
    """True in the last part of a rest, when relief has had time to show."""
    return remaining_s <= max(REFLECTION_MIN_S, REFLECTION_SHARE * length_s)


class RestScreen(QWidget):
    confirmed = Signal(object, object, object)  # reps, load_kg, rpe; each None when not given (never 0)
    stress_rated = Signal(object)  # 0-10, or None when skipped
    end_stress_rated = Signal(object)
    signs_changed = Signal(list)
    note_changed = Signal(str)
    adjust_clicked = Signal(int)
    pause_clicked = Signal()
    skip_clicked = Signal()
    leave_fields = Signal()  # the user is done with the fields: keys go back to the session
    timing_changed = Signal()  # what it animates changed (the pacer): call show_time() now, not at the next second

    def __init__(self, parent=None):
        super().__init__(parent)
        self._unit = Unit.KG
        self._length_s = 0.0
        self._elapsed_s = 0.0
        self._first_skipped = False
        self._build()

    def _build(self) -> None:
        self.title = make_heading(QLabel("Rest", self), 22)
        self.next_line = make_muted(QLabel(self))
        self.next_line.setWordWrap(True)
        self.dial = RestDial(self)
        controls = QHBoxLayout()
        self.minus_button = QPushButton("−15 s (-)", self)
        self.pause_button = QPushButton("Pause (P)", self)
        self.plus_button = QPushButton("+15 s (+)", self)
        self.skip_button = QPushButton("Skip (S)", self)
        self.skip_button.setToolTip("Skip the rest of the rest (S)")
        for button in (self.minus_button, self.pause_button, self.plus_button, self.skip_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setMinimumHeight(40)
            controls.addWidget(button)
        self.minus_button.clicked.connect(lambda: self.adjust_clicked.emit(-15))
        self.plus_button.clicked.connect(lambda: self.adjust_clicked.emit(15))
        self.pause_button.clicked.connect(self.pause_clicked.emit)
        self.skip_button.clicked.connect(self.skip_clicked.emit)

        timer_side = QVBoxLayout()
        timer_side.addWidget(self.title)
        timer_side.addWidget(self.next_line)
        timer_side.addWidget(self.dial, 1)
        self._timer_side = timer_side

        # The set just done, as planned until corrected.
        self.logged_line = QLabel(self)
        self.logged_line.setWordWrap(True)
        # Empty reps or load: not given (a set planned without a load; a dip with nothing added).
        self._parse_reps = blank_is_not_given(parse_done_reps)
        self._parse_load = blank_is_not_given(lambda text: parse_load(text, self._unit))
        self.reps = ValidatedField(self._parse_reps, parent=self)
        self.load = ValidatedField(self._parse_load, self._format_load, self)
        for field in (self.reps, self.load):
            field.edit.setPlaceholderText("not given")
        self.rpe = ValidatedField(parse_rpe, lambda v: "" if v is None else f"{v:g}", self)
        self.reps.edit.setAccessibleName("Reps done")
        self.load.edit.setAccessibleName("Load")
        self.rpe.edit.setAccessibleName("RPE")
        self.rpe.edit.setPlaceholderText("optional")
        self.load_label = QLabel("&Load", self)
        self.load_label.setBuddy(self.load.edit)
        reps_label = QLabel("Re&ps", self)
        reps_label.setBuddy(self.reps.edit)
        rpe_label = QLabel("RPE", self)
        rpe_label.setBuddy(self.rpe.edit)
        self.confirm_hint = make_muted(QLabel(EDIT_HINT, self))
        self.confirm_hint.setWordWrap(True)
        fields = QGridLayout()
        for column, (label, field) in enumerate(((reps_label, self.reps), (self.load_label, self.load),
                                                 (rpe_label, self.rpe))):
            fields.addWidget(label, 0, column)
            fields.addWidget(field, 1, column, Qt.AlignmentFlag.AlignTop)
            field.edit.returnPressed.connect(self._on_field_return_pressed)
            field.edit.installEventFilter(self)
        self._set_editing(False)

        self.stress = RatingRow(self)
        self.stress.set_scale(STRESS_AFTER_SET)
        self.stress.rated.connect(self.stress_rated.emit)
        self.stress.skipped.connect(self._on_stress_skipped)

        self.relief_box = QWidget(self)
        keep_place = self.relief_box.sizePolicy()
        keep_place.setRetainSizeWhenHidden(True)  # showing it later moves nothing: no relayout mid-rest
        self.relief_box.setSizePolicy(keep_place)
        relief = QVBoxLayout(self.relief_box)
        relief.setContentsMargins(0, 0, 0, 0)
        # Asked without presuming relief: calmer, the same and more tense are all answers.
        relief.addWidget(make_heading(QLabel("What do you notice?", self.relief_box), 12))
        signs = QGridLayout()
        self.sign_boxes: dict[str, QCheckBox] = {}
        for index, sign in enumerate(RELIEF_SIGNS):
            box = QCheckBox(SIGN_LABELS[sign], self.relief_box)
            box.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            box.toggled.connect(self._on_sign_toggled)
            self.sign_boxes[sign] = box
            signs.addWidget(box, index // 2, index % 2)
        relief.addLayout(signs)
        self.note = QLineEdit(self.relief_box)
        self.note.setPlaceholderText("A few words, if you like  (N)")
        self.note.setAccessibleName("Note about this rest")
        self.note.setMaxLength(500)
        self.note.editingFinished.connect(self._on_note_editing_finished)
        self.note.returnPressed.connect(self.leave_fields.emit)
        self.note.installEventFilter(self)
        relief.addWidget(self.note)
        self.end_stress = RatingRow(self.relief_box)
        self.end_stress.set_scale(STRESS_END_OF_REST, "And how stressed do you feel now?")
        self.end_stress.rated.connect(self.end_stress_rated.emit)
        self.end_stress.skipped.connect(lambda: self.end_stress_rated.emit(None))
        relief.addWidget(self.end_stress)

        self.coaching = QLabel(self)
        self.coaching.setWordWrap(True)
        self.coaching.setAccessibleName("Coaching")
        font = self.coaching.font()
        font.setItalic(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.coaching.setFont(font)

        pacer_row = QHBoxLayout()
        self.pacer_toggle = QCheckBox("&Breathing pacer", self)
        self.pacer_toggle.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.pacer_pattern = QComboBox(self)
        self.pacer_pattern.addItem("Cyclic sighing", "cyclic_sighing")
        self.pacer_pattern.addItem("Box breathing", "box")
        self.pacer_pattern.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.pacer_pattern.setAccessibleName("Breathing pattern")
        self.pacer_pattern.setAccessibleDescription("How the pacer breathes: cyclic sighing or box breathing")
        pacer_row.addWidget(self.pacer_toggle)
        pacer_row.addWidget(self.pacer_pattern)
        pacer_row.addStretch(1)
        self.pacer = BreathingPacer(self)
        self.pacer.hide()
        self._pacer_started_s: float | None = 0.0  # None: the cycle starts at the next show_time()
        self.pacer_toggle.toggled.connect(self._on_pacer_toggle_toggled)
        self.pacer_pattern.currentIndexChanged.connect(self._on_pacer_pattern_current_index_changed)

        reflection = QVBoxLayout()
        reflection.addWidget(self.logged_line)
        reflection.addLayout(fields)
        reflection.addWidget(self.confirm_hint)
        reflection.addSpacing(10)
        reflection.addWidget(self.stress)
        reflection.addSpacing(6)
        reflection.addWidget(self.relief_box)
        reflection.addSpacing(10)
        reflection.addWidget(self.coaching)
        reflection.addStretch(1)
        # The pacer breathes beside the digits, where there is room for it at any window size.
        timer_side.addWidget(self.pacer, 0, Qt.AlignmentFlag.AlignHCenter)
        timer_side.addLayout(pacer_row)
        timer_side.addLayout(controls)
        reflection_side = QWidget(self)
        reflection_side.setLayout(reflection)
        reflection_side.setMaximumWidth(440)
        reflection_side.setMinimumWidth(360)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addLayout(timer_side, 1)
        layout.addSpacing(16)
        layout.addWidget(reflection_side)

    # -- showing -----------------------------------------------------------------------------------
    def begin_rest(self, *, title: str, next_text: str, logged_text: str, reps: int | None, load_kg: float | None,
                   rpe: float | None, unit: Unit, coaching: str, ratings: dict, length_s: float,
                   is_timed_block: bool, body_load: BodyLoad = BodyLoad.NONE) -> None:
        """Show a new rest after the set described by ``logged_text``; ``ratings`` as saved so far.

        For a bodyweight lift the load field is what was added (or the assistance), body weight aside.
        """
        self._unit = unit
        self._length_s = length_s
        self._elapsed_s = 0.0
        self._first_skipped = False
        self.title.setText(title)
        self.next_line.setText(next_text)
        self.logged_line.setText(logged_text)
        word = {BodyLoad.NONE: "&Load", BodyLoad.PLUS: "&Added", BodyLoad.MINUS: "&Assistance"}[body_load]
        self.load_label.setText(f"{word} ({unit})")
        self.load.edit.setPlaceholderText("none: BW" if body_load is BodyLoad.PLUS else "not given")
        self.reps.set_value(reps)
        self.load.set_value(load_kg)
        self.rpe.set_value(rpe)
        for widget in (self.reps, self.load, self.rpe):
            widget.setEnabled(not is_timed_block)
        self._set_editing(False)
        self.show_values(reps, load_kg, rpe, ratings)
        self.coaching.setText(coaching)
        # Coaching lines can be switched off in Preferences; the pacer, when on, takes their place.
        self.coaching.setVisible(bool(coaching) and not self.pacer_toggle.isChecked())
        self.relief_box.setVisible(False)
        # Right after a hard set, the pacer offers cyclic sighing (long out-breaths), not breath holds.
        self.pacer_pattern.setCurrentIndex(self.pacer_pattern.findData("cyclic_sighing"))
        self._pacer_started_s = 0.0

    def show_values(self, reps, load_kg, rpe, ratings: dict) -> None:
        """Show the set's numbers and what was said about it; emits nothing."""
        if not self.editing:
            self.reps.set_value(reps)
            self.load.set_value(load_kg)
            self.rpe.set_value(rpe)
        self.stress.set_value(ratings.get("stress_after_set"))
        self.end_stress.set_value(ratings.get("stress_end_of_rest"))
        signs = set(filter(None, (ratings.get("relief_signs") or "").split(",")))
        for sign, box in self.sign_boxes.items():
            with signals_blocked(box):
                box.setChecked(sign in signs)
        if not self.note.hasFocus():
            self.note.setText(ratings.get("relief_note") or "")

    @property
    def editing(self) -> bool:
        """In correction mode: keys go to the fields until Enter (save) or Esc (keep as it was)."""
        return not self.reps.edit.isReadOnly()

    def start_editing(self) -> bool:
        """Correct the set just done (E): the fields take the keys; False when there is nothing to correct."""
        if self.fields_disabled:
            return False
        self._set_editing(True)
        self.reps.edit.setFocus()
        self.reps.edit.selectAll()
        return True

    def _set_editing(self, editing: bool) -> None:
        for field in (self.reps, self.load, self.rpe):
            field.edit.setReadOnly(not editing)
            field.edit.setFocusPolicy(Qt.FocusPolicy.StrongFocus if editing else Qt.FocusPolicy.NoFocus)
        self.confirm_hint.setText(EDITING_HINT if editing else EDIT_HINT)

    def show_time(self, remaining_s: float, progress: float, paused: bool, elapsed_s: float) -> float | None:
        """Show the rest at this moment; return the seconds until something here changes besides the digits.

        The digits and the ring move with the countdown's seconds, which the caller knows; what
        is returned is sooner only for the relief question about to appear and for the pacer,
        which animates while it is shown (and sleeps through its holds). None: nothing else is due.
        """
        self._elapsed_s = elapsed_s
        self.dial.show_rest(remaining_s, progress, paused)
        self.pause_button.setText("Resume  (P)" if paused else "Pause  (P)")
        due = None
        if not self.relief_box.isVisible() and reflection_due(remaining_s, self._length_s):
            self.relief_box.setVisible(True)
        elif self.relief_box.isHidden() and not paused:
            due = remaining_s - max(REFLECTION_MIN_S, REFLECTION_SHARE * self._length_s)
        if self.pacer.isVisible():
            if self._pacer_started_s is None:
                self._pacer_started_s = elapsed_s
            self.pacer.show_at(elapsed_s - self._pacer_started_s)
            due = self.pacer.changes_in() if due is None else min(due, self.pacer.changes_in())
        return due

    @property
    def fields_disabled(self) -> bool:
        return not self.reps.isEnabled()

    def has_field_focus(self) -> bool:
        focused = self.focusWidget()
        return focused is not None and focused.hasFocus() and focused in (
            self.reps.edit, self.load.edit, self.rpe.edit, self.note)

    def commit_pending(self) -> None:
        """Save what was typed but not yet entered, when the rest ends under the typing fingers."""
        if any(field.edit.isModified() for field in (self.reps, self.load, self.rpe)):
            self._on_field_return_pressed()
        if self.note.isModified():
            self.note.setModified(False)
            self._on_note_editing_finished()

    @property
    def reflection_shown(self) -> bool:
        return self.relief_box.isVisible()

    # -- keys, forwarded by the session view -------------------------------------------------------
    def press_digit(self, digit: int) -> None:
        """Digits rate the stress after the set; in the reflection, the stress now.

        In a rest too short to wait for the reflection, the first digits still answer the
        question right after the set, unless it was answered or skipped.
        """
        first_open = self.stress.value is None and not self._first_skipped
        to_second = self.reflection_shown and not (first_open and self._elapsed_s < RIGHT_AFTER_SET_S)
        (self.end_stress if to_second else self.stress).press_digit(digit)

    def toggle_sign(self, key: str) -> bool:
        sign = SIGN_KEYS.get(key.upper())
        if sign is None:
            return False
        self.relief_box.setVisible(True)  # asked for it early: fine
        box = self.sign_boxes[sign]
        box.setChecked(not box.isChecked())
        return True

    def focus_note(self) -> None:
        self.relief_box.setVisible(True)
        self.note.setFocus()

    def toggle_pacer(self) -> None:
        self.pacer_toggle.toggle()

    def _on_pacer_toggle_toggled(self, on: bool) -> None:
        # The cycle starts when the pacer is switched on: a first breath in, not the middle of one.
        # The last shown time may be a second old: the next show_time() (asked for now) sets the start.
        self._pacer_started_s = None
        self.pacer.setVisible(on)
        self.coaching.setVisible(bool(self.coaching.text()) and not on)  # the pacer is the guide now
        if on:
            self.pacer.show_at(0.0)
        self.timing_changed.emit()

    def _on_pacer_pattern_current_index_changed(self) -> None:
        self.pacer.set_pattern(self.pacer_pattern.currentData())
        self.timing_changed.emit()  # a hold may have become a breath that moves

    # -- internals -------------------------------------------------------------------------------------
    def _format_load(self, kg: float) -> str:
        return format_load(kg, self._unit)

    def _on_field_return_pressed(self) -> None:
        values = []
        for field, parse in ((self.reps, self._parse_reps), (self.load, self._parse_load), (self.rpe, parse_rpe)):
            field.edit.editingFinished.emit()  # show a message in any field that is wrong
            try:
                values.append(parse(field.edit.text()))
            except ValidationError:
                field.edit.setFocus()
                return
        reps, load_kg, rpe = values
        self.confirmed.emit(reps, load_kg, rpe)
        self._set_editing(False)
        self.leave_fields.emit()

    def _on_stress_skipped(self) -> None:
        self._first_skipped = True
        self.stress_rated.emit(None)

    def _on_sign_toggled(self) -> None:
        self.signs_changed.emit([sign for sign, box in self.sign_boxes.items() if box.isChecked()])

    def _on_note_editing_finished(self) -> None:
        try:
            note = parse_note(self.note.text())
        except ValidationError:
            return  # the field's max length keeps it within the limit
        self.note_changed.emit(note)

    def eventFilter(self, watched, event):
        if event.type() == event.Type.KeyPress and event.key() == Qt.Key.Key_Escape:
            if watched is self.note:
                self.leave_fields.emit()
                return True
            for field in (self.reps, self.load, self.rpe):
                if watched is field.edit:  # one Esc: put the values back and leave correction mode
                    for each in (self.reps, self.load, self.rpe):
                        each.set_value(each.value())
                    self._set_editing(False)
                    self.leave_fields.emit()
                    return True
        if event.type() == event.Type.MouseButtonPress and watched in (self.reps.edit, self.load.edit,
                                                                      self.rpe.edit) and not self.editing:
            self.start_editing()  # a click on the numbers corrects them, as E does
            return True
        return super().eventFilter(watched, event)
