"""Logged sets as CSV: one row per set, for spreadsheets and other apps.

Missing values are empty cells, never 0. Text that a spreadsheet would run as a formula (a cell
starting with =, +, -, @, a tab or a carriage return, such as an exercise named
``=HYPERLINK(...)``) is written with a leading apostrophe, as spreadsheet-safe exporters do.
"""

from __future__ import annotations

import csv
import io

# The one helper that writes a file privately and atomically lives beside the paths; this name
# stays importable because the command line and the app's export use it.
from liftcalm.paths import write_atomically

__all__ = ["EXPORT_COLUMNS", "safe_cell", "sets_csv", "write_atomically"]

# The first twelve as before; the columns added since come after them, so that sheets built on
# the old order keep working.
EXPORT_COLUMNS = ("session_id", "started_at", "routine", "exercise", "set_number", "set_type", "reps", "load_kg",
                  "rpe", "stress_after_set", "stress_end_of_rest", "relief_notes", "duration_s", "distance_m",
                  "superset_group", "set_note", "exercise_note", "session_ended_at", "session_note")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(text: str) -> str:
    """``text`` as a spreadsheet shows it, never run as a formula."""
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def _cell(value) -> str:
    """Missing values are empty, never 0; floats without noise; text never a formula."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.10g}"
    if isinstance(value, str):
        return safe_cell(value)
    return str(value)


def sets_csv(store) -> tuple[str, int]:
    """Every logged set as CSV text, header first; return (text, number of sets)."""
    rows = store.conn.execute(
        "SELECT s.id, s.started_at, s.routine_name, e.name, l.set_number, l.set_type, l.reps, l.load_kg, l.rpe,"
        " l.stress_after_set, l.stress_end_of_rest, l.relief_signs, l.relief_note, l.duration_s, l.distance_m,"
        " l.superset_group, l.note, coalesce(x.note, ''), s.ended_at, s.note"
        " FROM logged_set l JOIN session s ON s.id = l.session_id JOIN exercise e ON e.id = l.exercise_id"
        " LEFT JOIN session_exercise x ON x.session_id = l.session_id AND x.exercise_id = l.exercise_id"
        " ORDER BY s.started_at, s.id, l.position"
    ).fetchall()
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(EXPORT_COLUMNS)
    for row in rows:
        *values, signs, note = row[:13]
        relief = "; ".join(part for part in (signs.replace(",", "; "), note) if part)
        writer.writerow([_cell(value) for value in values] + [safe_cell(relief)] + [_cell(v) for v in row[13:]])
    return buffer.getvalue(), len(rows)
