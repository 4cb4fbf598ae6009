"""Logged sets as CSV: one row per set, for spreadsheets and other apps."""

from __future__ import annotations

import csv
import io

# The one helper that writes a file privately and atomically lives beside the paths; this name
# stays importable because the command line and the app's export use it.
from liftcalm.paths import write_atomically

__all__ = ["EXPORT_COLUMNS", "sets_csv", "write_atomically"]

EXPORT_COLUMNS = ("session_id", "started_at", "routine", "exercise", "set_number", "set_type", "reps", "load_kg",
                  "rpe", "stress_after_set", "stress_end_of_rest", "relief_notes")


def _cell(value) -> str:
    """Missing values are empty, never 0; floats without noise."""
    if value is None:
        return ""
    return f"{value:g}" if isinstance(value, float) else str(value)


def sets_csv(store) -> tuple[str, int]:
    """Every logged set as CSV text, header first; return (text, number of sets)."""
    rows = store.conn.execute(
        "SELECT s.id, s.started_at, s.routine_name, e.name, l.set_number, l.set_type, l.reps, l.load_kg, l.rpe,"
        " l.stress_after_set, l.stress_end_of_rest, l.relief_signs, l.relief_note"
        " FROM logged_set l JOIN session s ON s.id = l.session_id JOIN exercise e ON e.id = l.exercise_id"
        " ORDER BY s.started_at, s.id, l.position"
    ).fetchall()
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(EXPORT_COLUMNS)
    for *values, signs, note in rows:
        relief = "; ".join(part for part in (signs.replace(",", "; "), note) if part)
        writer.writerow([_cell(value) for value in values] + [relief])
    return buffer.getvalue(), len(rows)
