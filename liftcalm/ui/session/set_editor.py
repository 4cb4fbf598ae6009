"""Edit any logged set of the running session: its numbers, ratings and note (from the overview, key E).

Every field is checked with the core's parsers when Save is pressed; a wrong value keeps the
dialog open with a plain message beside the field, so nothing invalid is saved. An empty
field stays empty: a value not given is never stored as 0.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from liftcalm.core.units import Unit, format_load
from liftcalm.core.validation import (
    ValidationError,
    blank_is_not_given,
    parse_done_reps,
    parse_load,
    parse_note,
    parse_rating,
    parse_rpe,
)
from liftcalm.ui.look import announce, make_error

DISTANCE_MAX_M = 100_000
TIME_MAX_S = 24 * 3600


@dataclass(frozen=True)
class SetValues:
    reps: int | None
    load_kg: float | None
    rpe: float | None
    duration_s: float | None
    distance_m: float | None
    stress_after_set: int | None
    stress_end_of_rest: int | None
    note: str


def _parse_number(field: str, what: str, high: float, unit: str):
    def parse(text: str) -> float:
        stripped = text.strip().replace(",", ".")
        try:
            value = float(stripped)
        except ValueError:
            raise ValidationError(field, f"{what} must be a number from 0 to {high:g} {unit}, or empty.") from None
        if value != value or not 0 <= value <= high:
            raise ValidationError(field, f"{what} must be from 0 to {high:g} {unit}; {stripped} is out of range.")
        return value
    return parse


def _text(value) -> str:
    return "" if value is None else f"{value:g}" if isinstance(value, float) else str(value)


class SetEditor(QDialog):
    def __init__(self, title: str, values: SetValues, unit: Unit, timed: bool, distance: bool, parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.unit = unit
        self.values: SetValues | None = None
        unit_name = {Unit.KG: "kilograms", Unit.LB: "pounds"}.get(unit, unit.value)
        self._fields: dict[str, tuple[QLineEdit, QLabel, object]] = {}
        form = QFormLayout()
        rows = [
            ("reps", "&Reps", _text(values.reps), blank_is_not_given(parse_done_reps), "Reps done (empty: not given)"),
            ("load_kg", f"&Load ({unit.value})",
             "" if values.load_kg is None else format_load(values.load_kg, unit),
             blank_is_not_given(lambda text: parse_load(text, unit)), f"Load, {unit_name}"),
            ("rpe", "RP&E", _text(values.rpe), parse_rpe, "Rate of perceived exertion, 1 to 10"),
        ]
        if timed or values.duration_s is not None:
            rows.append(("duration_s", "&Time (s)", _text(values.duration_s),
                         blank_is_not_given(_parse_number("duration", "Time", TIME_MAX_S, "s")), "Time, seconds"))
        if distance or values.distance_m is not None:
            rows.append(("distance_m", "&Distance (m)", _text(values.distance_m),
                         blank_is_not_given(_parse_number("distance", "Distance", DISTANCE_MAX_M, "m")),
                         "Distance, metres"))
        rows += [
            ("stress_after_set", "&Stress after the set (0-10)", _text(values.stress_after_set),
             lambda text: parse_rating(text, "stress_after_set", "Stress after the set"), "Stress after the set"),
            ("stress_end_of_rest", "Stress at the end of the rest (0-&10)", _text(values.stress_end_of_rest),
             lambda text: parse_rating(text, "stress_end_of_rest", "Stress at the end of the rest"),
             "Stress at the end of the rest"),
            ("note", "&Note", values.note, parse_note, "A note about this set"),
        ]
        for name, label, text, parse, accessible in rows:
            edit = QLineEdit(text, self)
            edit.setAccessibleName(accessible)
            error = QLabel(self)
            error.setObjectName("fieldError")
            error.setWordWrap(True)
            make_error(error)
            error.hide()
            cell = QWidget(self)
            cell_layout = QVBoxLayout(cell)
            cell_layout.setContentsMargins(0, 0, 0, 0)
            cell_layout.setSpacing(2)
            cell_layout.addWidget(edit)
            cell_layout.addWidget(error)
            caption = QLabel(label, self)
            caption.setBuddy(edit)
            form.addRow(caption, cell)
            self._fields[name] = (edit, error, parse)
        self._original = values
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self._on_buttons_accepted)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Empty means not given: it is stored as missing, never as 0.", self))
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.field("reps").setFocus()
        self.field("reps").selectAll()

    def field(self, name: str) -> QLineEdit:
        return self._fields[name][0]

    def error_text(self, name: str) -> str:
        label = self._fields[name][1]
        return label.text() if not label.isHidden() else ""

    def _on_buttons_accepted(self) -> None:
        parsed, first_wrong = {}, None
        for name, (edit, error, parse) in self._fields.items():
            try:
                parsed[name] = parse(edit.text())
            except ValidationError as problem:
                error.setText(problem.message)
                error.show()
                edit.setAccessibleDescription(f"Not saved: {problem.message}")
                first_wrong = first_wrong or edit
            else:
                error.hide()
                edit.setAccessibleDescription("")
        if first_wrong is not None:
            announce(first_wrong, first_wrong.accessibleDescription())
            first_wrong.setFocus()
            first_wrong.selectAll()
            return
        original = self._original
        self.values = SetValues(parsed["reps"], parsed["load_kg"], parsed["rpe"],
                                parsed.get("duration_s", original.duration_s),
                                parsed.get("distance_m", original.distance_m), parsed["stress_after_set"],
                                parsed["stress_end_of_rest"], parsed["note"])
        self.accept()
