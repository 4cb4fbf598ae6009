"""The sets of one routine item as a small editable table: type, reps (or time, or distance), load, effort, rest.

Edits never change the item here: a cell that parses is announced with ``target_edited(row,
target, label)`` and the form sends the new item through the RoutineBook (undoable); a cell
that does not parse is refused with ``edit_refused(message)`` and nothing is saved.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QAbstractItemDelegate, QAbstractItemView, QComboBox, QStyledItemDelegate, QTableView

from liftcalm.core.load_display import display_bodyweight_load, format_weight, load_number
from liftcalm.core.models import Exercise, Measure, RoutineItem, SetTarget, SetType
from liftcalm.core.progression import Suggestion
from liftcalm.core.set_targets import (
    format_effort,
    format_rep_target,
    format_seconds,
    parse_distance,
    parse_effort,
    parse_hold,
    parse_rep_target,
    parse_set_rest,
    parse_target_load,
)
from liftcalm.core.units import Unit
from liftcalm.core.validation import ValidationError

_EDITABLE = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable
_READ_ONLY = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_NUMBER_ALIGNMENT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class SetTargetsModel(QAbstractTableModel):
    """One row per set of the item shown; the columns follow the exercise's measure."""

    TYPE, AMOUNT, LOAD, EFFORT, REST, SUGGESTED = range(6)

    target_edited = Signal(int, object, str)  # row, new SetTarget, undo label
    edit_refused = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._item: RoutineItem | None = None
        self._exercise: Exercise | None = None
        self._unit = Unit.KG
        self._suggestion: Suggestion | None = None
        self._muted = QPalette().color(QPalette.ColorRole.PlaceholderText)

    def set_item(self, item: RoutineItem | None, exercise: Exercise | None, unit: Unit,
                 suggestion: Suggestion | None = None) -> None:
        """Show ``item``'s sets; a refresh with as many sets keeps the view's place (and an open Tab order)."""
        same_shape = (self._item is not None and item is not None and len(item.targets) == len(self._item.targets)
                      and unit is self._unit and exercise is not None and self._exercise is not None
                      and exercise.id == self._exercise.id and exercise.measure is self._exercise.measure)
        if same_shape:
            self._item, self._exercise, self._suggestion = item, exercise, suggestion
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))
            return
        self.beginResetModel()
        self._item, self._exercise, self._unit, self._suggestion = item, exercise, unit, suggestion
        self.endResetModel()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)

    def target(self, row: int) -> SetTarget:
        assert self._item is not None
        return self._item.targets[row]

    @property
    def measure(self) -> Measure:
        return self._exercise.measure if self._exercise is not None else Measure.REPS

    # -- Qt model interface -------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() or self._item is None else len(self._item.targets)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else 6

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return f"Set {section + 1}"
        amount = {Measure.REPS: "Reps", Measure.TIME: "Time (s)", Measure.DISTANCE: "Distance (m)"}[self.measure]
        return ("Type", amount, f"Load ({self._unit})", "Effort", "Rest (s)", "Suggested")[section]

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return _READ_ONLY if index.column() == self.SUGGESTED else _EDITABLE

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or self._item is None:
            return None
        target = self._item.targets[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(target, column, index.row())
        if role == Qt.ItemDataRole.EditRole:
            return self._edit_text(target, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.SUGGESTED and self._suggestion is not None:
                return self._suggestion.reasons[index.row()] or self._suggestion.reason
            if column == self.AMOUNT and self.measure is Measure.REPS:
                return "Reps: 8, or a range like 8-12"
            if column == self.EFFORT:
                return "How hard: an RPE (@8) or reps in reserve (2 RIR); empty for none"
            if column == self.REST and target.rest_s is None:
                return "The exercise's rest; type seconds to give this set its own"
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == self.SUGGESTED or (column == self.REST and target.rest_s is None):
                return self._muted
        if role == Qt.ItemDataRole.TextAlignmentRole and column not in (self.TYPE, self.SUGGESTED):
            return _NUMBER_ALIGNMENT
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{self.headerData(column, Qt.Orientation.Horizontal)} of set {index.row() + 1}: " \
                   f"{self._display(target, column, index.row())}"
        return None

    def _display(self, target: SetTarget, column: int, row: int) -> str:
        if column == self.TYPE:
            return target.set_type.label
        if column == self.AMOUNT:
            return self._amount(target)
        if column == self.LOAD:
            return self._load(target)
        if column == self.EFFORT:
            return format_effort(target)
        if column == self.REST:
            return str(target.rest_s if target.rest_s is not None else self._item.rest_s)
        if column == self.SUGGESTED:
            if self._suggestion is None or row >= len(self._suggestion.targets):
                return ""
            suggested = self._suggestion.targets[row]
            load = self._load(suggested)
            amount = self._amount(suggested)
            return f"{amount} × {load}" if load and amount else (amount or load)
        return ""

    def _amount(self, target: SetTarget) -> str:
        if self.measure is Measure.TIME:
            return format_seconds(target.duration_s)
        if self.measure is Measure.DISTANCE:
            return "" if target.distance_m is None else format_weight(target.distance_m)
        return format_rep_target(target)

    def _load(self, target: SetTarget) -> str:
        exercise = self._exercise
        if exercise is not None and exercise.counts_body_weight:
            return display_bodyweight_load(target.load_kg, self._unit, exercise.is_assisted).replace(
                f" {self._unit}", "")
        return "" if target.load_kg is None else load_number(target.load_kg, self._unit)

    def _edit_text(self, target: SetTarget, column: int) -> str:
        if column == self.TYPE:
            return target.set_type.value
        if column == self.LOAD:
            return "" if not target.load_kg and self._exercise is not None and self._exercise.counts_body_weight \
                else ("" if target.load_kg is None else load_number(target.load_kg, self._unit))
        if column == self.REST:
            return "" if target.rest_s is None else str(target.rest_s)
        return self._display(target, column, 0)

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self._item is None:
            return False
        row, column = index.row(), index.column()
        target = self._item.targets[row]
        try:
            new, what = self._parsed(target, column, value)
        except ValidationError as error:
            self.edit_refused.emit(f"Set {row + 1}: {error.message}")
            return False
        self.edit_refused.emit("")
        if new == target:
            return False
        self.target_edited.emit(row, new, f"Change {what} of set {row + 1}")
        return True

    def _parsed(self, target: SetTarget, column: int, value) -> tuple[SetTarget, str]:
        text = str(value)
        if column == self.TYPE:
            return replace(target, set_type=SetType(value)), "type"
        if column == self.AMOUNT:
            if self.measure is Measure.TIME:
                return replace(target, duration_s=parse_hold(text)), "time"
            if self.measure is Measure.DISTANCE:
                return replace(target, distance_m=parse_distance(text)), "distance"
            reps, top = parse_rep_target(text)
            return replace(target, reps=reps, reps_max=top), "reps"
        if column == self.LOAD:
            if text.strip() == self._edit_text(target, column).strip():
                return target, "load"  # the shown (rounded) text read back: nothing changed
            return replace(target, load_kg=parse_target_load(text, self._unit)), "load"
        if column == self.EFFORT:
            rpe, rir = parse_effort(text)
            return replace(target, rpe=rpe, rir=rir), "effort"
        if column == self.REST:
            return replace(target, rest_s=parse_set_rest(text)), "rest"
        raise ValidationError("set", "This column cannot be edited.")


class _SetTypeDelegate(QStyledItemDelegate):
    """A combo box for the set type; plain line edits elsewhere."""

    def createEditor(self, parent, option, index):
        if index.column() != SetTargetsModel.TYPE:
            return super().createEditor(parent, option, index)
        box = QComboBox(parent)
        for set_type in SetType:
            box.addItem(set_type.label, set_type.value)
        box.setAccessibleName(f"Type of set {index.row() + 1}")
        return box

    def setEditorData(self, editor, index):
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(editor.findData(index.data(Qt.ItemDataRole.EditRole)))
            return
        super().setEditorData(editor, index)

    def setModelData(self, editor, model, index):
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
            return
        super().setModelData(editor, model, index)


class SetTargetsTable(QTableView):
    """The sets table, spreadsheet-like: type to edit a cell, Enter saves it and moves down a set."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setItemDelegate(_SetTypeDelegate(self))
        self.setEditTriggers(QAbstractItemView.EditTrigger.AnyKeyPressed | QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.DoubleClicked)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setTabKeyNavigation(False)  # Tab leaves the table, as from any field of the form
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setAccessibleName("Sets of this exercise")
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)

    def event(self, event) -> bool:
        # F2 edits the cell here, as in any table, rather than renaming the routine.
        if event.type() == QEvent.Type.ShortcutOverride and event.key() == Qt.Key.Key_F2 and not event.modifiers():
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.state() != self.State.EditingState \
                and self.currentIndex().isValid() and self.currentIndex().flags() & Qt.ItemFlag.ItemIsEditable:
            self.edit(self.currentIndex())  # Enter opens the cell, as F2 does
            return
        super().keyPressEvent(event)

    def closeEditor(self, editor, hint) -> None:
        row, column = self.currentIndex().row(), self.currentIndex().column()
        super().closeEditor(editor, hint)
        if hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache and 0 <= row < self.model().rowCount() - 1:
            self.setCurrentIndex(self.model().index(row + 1, column))

    def focusInEvent(self, event) -> None:
        if not self.currentIndex().isValid() and self.model() is not None and self.model().rowCount():
            self.setCurrentIndex(self.model().index(0, SetTargetsModel.AMOUNT))
        super().focusInEvent(event)
