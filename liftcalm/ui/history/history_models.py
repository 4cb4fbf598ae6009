"""History's read-only table models: the session list and one session's sets, by named columns."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from liftcalm.core.analytics import volume_left_out_text
from liftcalm.core.durations import format_minutes
from liftcalm.core.models import REST_DAY_KIND
from liftcalm.core.units import NOT_GIVEN, Unit, format_load, kg_to_unit
from liftcalm.store.history_edits import SessionRow


def session_name(routine_name: str, kind: str) -> str:
    """What a session is called in History: its routine's name, or what kind of session it was."""
    if kind == REST_DAY_KIND:
        return "Rest day"
    return routine_name or ("Calm session" if kind == "calm" else "Session")


def format_started(iso: str) -> str:
    """Local date and time of a start, "Tue 24 Nov 2026 18:05"."""
    return datetime.fromisoformat(iso).astimezone().strftime("%a %d %b %Y %H:%M")


def number_text(value: float | None, digits: int = 1) -> str:
    return NOT_GIVEN if value is None else f"{value:.{digits}f}".rstrip("0").rstrip(".")




def load_text(load_kg: float | None, unit: Unit) -> str:
    return NOT_GIVEN if load_kg is None else format_load(load_kg, unit)


def amount_text(row, unit: Unit) -> str:
    """A set's reps, or its time (m:ss) or distance when it has those instead; a dash when nothing was given."""
    parts = [] if row.reps is None else [str(row.reps)]
    if row.duration_s is not None and row.set_type != "calm":
        minutes, seconds = divmod(round(row.duration_s), 60)
        parts.append(f"{minutes}:{seconds:02d}")
    if row.distance_m is not None:
        parts.append(f"{row.distance_m / 1000:g} km" if row.distance_m >= 1000 else f"{row.distance_m:g} m")
    return " · ".join(parts) or NOT_GIVEN


def rating_text(value: int | None) -> str:
    return NOT_GIVEN if value is None else str(value)


def _mixes_sample_and_own(rows: list[SessionRow]) -> bool:
    """Whether sample sessions sit among the person's own. A file of samples alone is marked by
    its window and each session's title; a " · sample" on every row only widens the list."""
    sources = {row.source == "demo" for row in rows}
    return len(sources) == 2


def _newest_first_key(row: SessionRow) -> tuple[datetime, int]:
    return datetime.fromisoformat(row.started_at), row.id


class RowsModel(QAbstractTableModel):
    """Read-only rows of a store query; the column named in ``UNIT_COLUMN`` shows the unit."""

    HEADERS: tuple[str, ...] = ()
    UNIT_COLUMN = -1

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list = []
        self.unit = Unit.KG

    def set_rows(self, rows: list, unit: Unit) -> None:
        self.beginResetModel()
        self.rows, self.unit = rows, unit
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            header = self.HEADERS[section]
            return f"{header}\n({self.unit})" if section == self.UNIT_COLUMN else header
        return None


class SessionsModel(RowsModel):
    HEADERS = ("Date", "Routine", "Duration", "Volume", "Stress")
    DATE, ROUTINE, DURATION, VOLUME, STRESS = range(len(HEADERS))
    UNIT_COLUMN = VOLUME

    def __init__(self, parent=None):
        super().__init__(parent)
        self.marks_samples = False  # sample rows say so only beside the person's own

    def set_rows(self, rows: list, unit: Unit) -> None:
        self.marks_samples = _mixes_sample_and_own(rows)
        super().set_rows(rows, unit)

    def _update_sample_marks(self) -> None:
        marks = _mixes_sample_and_own(self.rows)
        if marks != self.marks_samples:
            self.marks_samples = marks
            self.dataChanged.emit(self.index(0, self.ROUTINE), self.index(len(self.rows) - 1, self.ROUTINE))

    def row_of(self, session_id: int) -> int:
        return next((i for i, row in enumerate(self.rows) if row.id == session_id), -1)

    def put_row(self, row: SessionRow) -> None:
        """Show ``row`` in place of the session's old row, or insert it where the order puts it."""
        index = self.row_of(row.id)
        if index >= 0:
            self.rows = [*self.rows[:index], row, *self.rows[index + 1:]]  # a new list: callers may hold the old
            self.dataChanged.emit(self.index(index, 0), self.index(index, len(self.HEADERS) - 1))
            return
        key = _newest_first_key(row)
        index = next((i for i, other in enumerate(self.rows) if _newest_first_key(other) < key), len(self.rows))
        self.beginInsertRows(QModelIndex(), index, index)
        self.rows = [*self.rows[:index], row, *self.rows[index:]]
        self.endInsertRows()
        self._update_sample_marks()

    def remove_session(self, session_id: int) -> None:
        index = self.row_of(session_id)
        if index >= 0:
            self.beginRemoveRows(QModelIndex(), index, index)
            self.rows = [*self.rows[:index], *self.rows[index + 1:]]
            self.endRemoveRows()
            self._update_sample_marks()

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.DATE:
                return format_started(row.started_at)
            if column == self.ROUTINE:
                name = session_name(row.routine_name, row.kind)
                return f"{name} · sample" if self.marks_samples and row.source == "demo" else name
            if column == self.DURATION:
                if row.running:
                    return "running now"
                return NOT_GIVEN if row.kind == REST_DAY_KIND else format_minutes(row.duration_s)
            if column == self.VOLUME:
                if row.volume_kg is None or (row.kind != "strength" and not row.volume_kg):
                    return NOT_GIVEN  # nothing lifted with a known load (breathing, a plank, dips before a body weight)
                return f"{kg_to_unit(row.volume_kg, self.unit):,.0f}"
            if column == self.STRESS:
                return number_text(row.mean_stress)
        if role == Qt.ItemDataRole.ToolTipRole:
            sample = " Sample data from the demo." if row.source == "demo" else ""
            left_out = volume_left_out_text(row.volume_left_out)
            return (f"{row.set_count} sets, {row.rated_count} rated for stress after the set.{sample}"
                    + (f" {left_out}" if left_out else ""))
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= self.DURATION:  # numbers
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class SetsModel(RowsModel):
    # Long headers take two lines (as the unit does), so columns are about as wide as their numbers.
    HEADERS = ("Exercise", "Set", "Type", "Reps", "Load", "RPE", "Stress\nafter set", "Stress\nend of rest",
               "Relief\nsigns", "Note")
    EXERCISE, SET, TYPE, REPS, LOAD, RPE, STRESS_AFTER_SET, STRESS_END_OF_REST, RELIEF_SIGNS, NOTE = range(len(HEADERS))
    UNIT_COLUMN = LOAD

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        s = self.rows[index.row()]
        return (s.exercise_name, str(s.set_number), s.set_type, amount_text(s, self.unit),
                load_text(s.load_kg, self.unit),
                number_text(s.rpe), rating_text(s.stress_after_set), rating_text(s.stress_end_of_rest),
                s.relief_signs.replace(",", ", "), " · ".join(n for n in (s.note, s.relief_note) if n))[index.column()]
