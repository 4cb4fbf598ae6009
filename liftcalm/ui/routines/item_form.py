"""The form that edits one exercise of a routine, field by field."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QWidget,
)

from liftcalm.core.models import Exercise, RoutineItem, SetType
from liftcalm.core.units import Unit, format_load
from liftcalm.core.validation import (
    load_max,
    parse_duration,
    parse_load,
    parse_note,
    parse_reps,
    parse_rest,
    parse_sets,
)
from liftcalm.ui.actions import signals_blocked
from liftcalm.ui.look import make_heading, make_muted
from liftcalm.ui.validated_field import ValidatedField


class ItemForm(QWidget):
    """Shows one RoutineItem; each accepted field emits ``item_edited(new_item, label)``."""

    item_edited = Signal(object, str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._item: RoutineItem | None = None
        self._exercise: Exercise | None = None
        self._unit = Unit.KG

        self.title = QLabel(self)
        self.title.setObjectName("itemTitle")
        make_heading(self.title, 15)
        self.details = QLabel(self)
        make_muted(self.details)
        self.details.setWordWrap(True)

        self.sets = ValidatedField(parse_sets)
        self.reps = ValidatedField(parse_reps)
        self.load = ValidatedField(lambda text: parse_load(text, self._unit), lambda kg: format_load(kg, self._unit))
        self.rest = ValidatedField(parse_rest)
        self.duration = ValidatedField(parse_duration)
        self.set_type_row = QWidget(self)
        self.set_type_layout = QHBoxLayout(self.set_type_row)
        self.set_type_layout.setContentsMargins(0, 0, 0, 0)
        self.set_type_boxes: list[QComboBox] = []
        self.superset = QCheckBox("Superset with the next exercise (no rest between them)", self)
        self.note = ValidatedField(parse_note)
        self.note.edit.setPlaceholderText("A cue or reminder, e.g. “Keep the chest up”")

        self.layout_ = QFormLayout(self)
        self.layout_.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        for field in (self.sets, self.reps, self.load, self.rest, self.duration):
            field.setFixedWidth(220)
        self.note.setMinimumWidth(440)
        self.layout_.addRow(self.title)
        self.layout_.addRow(self.details)
        self.layout_.addRow("&Sets:", self.sets)
        self.layout_.addRow("Target &reps:", self.reps)
        self.layout_.addRow("Target &load:", self.load)
        self.layout_.addRow("&Duration (s):", self.duration)
        self.layout_.addRow("R&est (s):", self.rest)
        self.layout_.addRow("Set &types:", self.set_type_row)
        self.layout_.addRow("", self.superset)
        self.layout_.addRow("N&ote:", self.note)

        self.sets.value_committed.connect(self._on_sets_value_committed)
        self.reps.value_committed.connect(lambda v: self._emit(replace(self._item, target_reps=v), "Change reps"))
        self.load.value_committed.connect(lambda v: self._emit(replace(self._item, target_load_kg=v), "Change load"))
        self.rest.value_committed.connect(lambda v: self._emit(replace(self._item, rest_s=v), "Change rest"))
        self.duration.value_committed.connect(lambda v: self._emit(replace(self._item, duration_s=v), "Change duration"))
        self.note.value_committed.connect(lambda v: self._emit(replace(self._item, note=v), "Change note"))
        self.superset.toggled.connect(self._on_superset_toggled)

    def set_item(self, item: RoutineItem, exercise: Exercise, unit: Unit, is_last: bool, same_row: bool) -> None:
        """Show ``item``; emits nothing. ``same_row``: a refresh of the row already shown."""
        keep = same_row and unit is self._unit
        self._item, self._exercise, self._unit = item, exercise, unit
        self.title.setText(exercise.name)
        if exercise.is_calm:
            self.details.setText(exercise.description or "Calm practice")
        else:
            parts = [", ".join(exercise.muscles), exercise.equipment]
            self.details.setText(" · ".join(p for p in parts if p) + (" · custom" if exercise.is_custom else ""))
        self.layout_.labelForField(self.load).setText(f"Target &load ({unit}):")
        self.load.edit.setPlaceholderText(f"0 to {load_max(unit):g}")
        for field, value in (
            (self.sets, item.sets),
            (self.reps, item.target_reps),
            (self.load, item.target_load_kg),
            (self.rest, item.rest_s),
            (self.duration, item.duration_s or exercise.duration_s or 300),
            (self.note, item.note),
        ):
            field.set_value(value, keep_pending=keep)
        for field in (self.reps, self.load, self.set_type_row):
            self.layout_.setRowVisible(field, not exercise.is_calm)
        self.layout_.setRowVisible(self.duration, exercise.is_calm)
        self._show_set_types(item.set_types)
        with signals_blocked(self.superset):
            self.superset.setChecked(item.superset_with_next)
        self.superset.setEnabled(not is_last or item.superset_with_next)

    def _show_set_types(self, set_types: tuple[SetType, ...]) -> None:
        while len(self.set_type_boxes) > len(set_types):
            self.set_type_boxes.pop().deleteLater()
        while len(self.set_type_boxes) < len(set_types):
            number = len(self.set_type_boxes)
            box = QComboBox(self.set_type_row)
            for set_type in SetType:
                box.addItem(set_type.label, set_type.value)
            box.setAccessibleName(f"Type of set {number + 1}")
            box.setToolTip(f"Type of set {number + 1}")
            box.currentIndexChanged.connect(lambda _i, n=number: self._on_set_type_changed(n))
            self.set_type_layout.insertWidget(number, box)
            self.set_type_boxes.append(box)
        for box, set_type in zip(self.set_type_boxes, set_types):
            with signals_blocked(box):
                box.setCurrentIndex(box.findData(set_type.value))
        if self.set_type_layout.count() == len(self.set_type_boxes):
            self.set_type_layout.addStretch(1)

    def focus_first_field(self) -> None:
        field = self.duration if self._exercise is not None and self._exercise.is_calm else self.sets
        field.edit.setFocus()
        field.edit.selectAll()

    def _emit(self, item: RoutineItem, label: str) -> None:
        assert self._exercise is not None
        self.item_edited.emit(item, f"{label} of {self._exercise.name}")

    def _on_sets_value_committed(self, count: int) -> None:
        self._emit(self._item.with_sets(count), "Change sets")

    def _on_set_type_changed(self, number: int) -> None:
        types = list(self._item.set_types)
        types[number] = SetType(self.set_type_boxes[number].currentData())
        self._emit(replace(self._item, set_types=tuple(types)), f"Change type of set {number + 1}")

    def _on_superset_toggled(self, checked: bool) -> None:
        self._emit(replace(self._item, superset_with_next=checked), "Change superset")
