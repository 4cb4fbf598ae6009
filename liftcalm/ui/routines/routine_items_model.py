"""A read-only table of a routine's exercises, with drag-and-drop reordering.

Edits never happen in the model: a drop asks for a move through ``move_requested`` and
the view sends it through the RoutineBook, which commits it and reloads the model.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QByteArray, QMimeData, QModelIndex, Qt, Signal

from liftcalm.core.durations import format_elapsed
from liftcalm.core.load_display import display_bodyweight_load, format_weight, load_number
from liftcalm.core.models import Exercise, Measure, Routine, RoutineItem, SetType
from liftcalm.core.set_targets import format_rep_target, format_seconds
from liftcalm.core.units import NOT_GIVEN, Unit

ROW_MIME = "application/x-liftcalm-routine-row"


def summarise_set_types(item: RoutineItem) -> str:
    """"1 warm-up, 3 working": how many sets of each type, in order of first appearance."""
    counts: dict[str, int] = {}
    for set_type in item.set_types:
        counts[set_type.label.lower()] = counts.get(set_type.label.lower(), 0) + 1
    return ", ".join(f"{count} {label}" for label, count in counts.items())


def summarise_amounts(item: RoutineItem, exercise: Exercise | None) -> str:
    """The working sets' reps (or time, or distance): "8", "8-12", "12/10/8"."""
    measure = exercise.measure if exercise is not None else Measure.REPS
    working = [t for t in item.targets if t.set_type is SetType.WORKING] or list(item.targets)
    if measure is Measure.TIME:
        texts = [NOT_GIVEN if t.duration_s is None
                 else format_seconds(t.duration_s) + ("" if t.duration_s >= 60 else " s") for t in working]
    elif measure is Measure.DISTANCE:
        texts = [NOT_GIVEN if t.distance_m is None else f"{format_weight(t.distance_m)} m" for t in working]
    else:
        texts = [format_rep_target(t) or NOT_GIVEN for t in working]
    return texts[0] if len(set(texts)) == 1 else "/".join(texts)


def summarise_loads(item: RoutineItem, exercise: Exercise | None, unit: Unit) -> str:
    """The working sets' load: "100", or "60–80" when they differ; "bodyweight" / "BW + 10" for bodyweight work."""
    working = [t for t in item.targets if t.set_type is SetType.WORKING] or list(item.targets)
    if exercise is not None and exercise.counts_body_weight:
        loads = sorted({t.load_kg or 0.0 for t in working})  # none given: no load added to the body's
        if loads == [0.0]:
            return "bodyweight"
        return display_bodyweight_load(loads[-1], unit, exercise.is_assisted).replace(f" {unit}", "")
    loads = sorted({t.load_kg for t in working if t.load_kg is not None})
    if not loads:
        return NOT_GIVEN  # no load given: a dash, never 0
    if len(loads) == 1:
        return load_number(loads[0], unit)
    return f"{load_number(loads[0], unit)}–{load_number(loads[-1], unit)}"


_ROLES_ANSWERED = frozenset(
    {Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.TextAlignmentRole}
)
# Combined once: or-ing enum flags in Python costs more than the rest of a flags() call.
_ROW_FLAGS = (Qt.ItemFlag.ItemIsDropEnabled | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
              | Qt.ItemFlag.ItemIsDragEnabled)
_NUMBER_ALIGNMENT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class RoutineItemsModel(QAbstractTableModel):
    COLUMNS = ("Exercise", "Sets", "Reps", "Load", "Rest", "Set types", "Superset", "Note")

    move_requested = Signal(int, int)  # source row, destination row

    def __init__(self, parent=None):
        super().__init__(parent)
        self._routine: Routine | None = None
        self._exercises: dict[int, Exercise] = {}
        self._unit = Unit.KG

    def set_routine(self, routine: Routine | None, exercises: dict[int, Exercise], unit: Unit) -> None:
        self.beginResetModel()
        self._routine, self._exercises, self._unit = routine, exercises, unit
        self.endResetModel()

    def item(self, row: int) -> RoutineItem:
        assert self._routine is not None
        return self._routine.items[row]

    def exercise(self, row: int) -> Exercise:
        return self._exercises[self.item(row).exercise_id]

    # -- Qt model interface -------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() or self._routine is None else len(self._routine.items)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        name = self.COLUMNS[section]
        return f"Load ({self._unit})" if name == "Load" else name

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        # Views ask for a dozen roles per cell on every paint; answer the unused ones first.
        if role not in _ROLES_ANSWERED or not index.isValid():
            return None
        item = self.item(index.row())
        exercise = self._exercises.get(item.exercise_id)
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            calm = exercise is not None and exercise.is_calm
            if column == "Exercise":
                return exercise.name if exercise else f"(missing exercise {item.exercise_id})"
            if column == "Sets":
                return str(item.sets)
            if column == "Reps":
                return format_elapsed(item.duration_s or 0) if calm else summarise_amounts(item, exercise)
            if column == "Load":
                return "" if calm else summarise_loads(item, exercise, self._unit)
            if column == "Rest":
                return format_elapsed(item.rest_s)
            if column == "Set types":
                return "timed block" if calm else summarise_set_types(item)
            if column == "Superset":
                return "with next ↓" if item.superset_with_next else ""
            if column == "Note":
                return item.note
        if role == Qt.ItemDataRole.ToolTipRole and column == "Reps" and exercise and exercise.is_calm:
            return "Duration of this calm practice (minutes:seconds)"
        if role == Qt.ItemDataRole.TextAlignmentRole and column in ("Sets", "Reps", "Load", "Rest"):
            return _NUMBER_ALIGNMENT
        return None

    def flags(self, index):
        return _ROW_FLAGS if index.isValid() else Qt.ItemFlag.ItemIsDropEnabled

    # -- drag and drop ------------------------------------------------------------------------
    def supportedDropActions(self):
        return Qt.DropAction.MoveAction

    def mimeTypes(self):
        return [ROW_MIME]

    def mimeData(self, indexes):
        mime = QMimeData()
        rows = sorted({index.row() for index in indexes if index.isValid()})
        if rows:
            mime.setData(ROW_MIME, QByteArray(str(rows[0]).encode()))
        return mime

    def dropMimeData(self, data, action, row, column, parent) -> bool:
        if action != Qt.DropAction.MoveAction or not data.hasFormat(ROW_MIME):
            return False
        source = int(bytes(data.data(ROW_MIME).data()).decode())
        if row >= 0:  # dropped between rows: insert before ``row``
            destination = row - 1 if source < row else row
        elif parent.isValid():  # dropped onto a row: take its place
            destination = parent.row()
        else:  # dropped below the last row
            destination = self.rowCount() - 1
        destination = max(0, min(destination, self.rowCount() - 1))
        if destination != source:
            self.move_requested.emit(source, destination)
        # Returning False keeps the view from removing the dragged row itself: the move
        # is done by the RoutineBook, which reloads this model.
        return False
