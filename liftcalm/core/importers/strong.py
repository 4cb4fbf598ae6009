"""Strong exports: iOS (comma), Android (semicolon, Weight Unit column), the quoted form and the old kg/km form."""

from __future__ import annotations

from liftcalm.core.importers.errors import ImportFormatError
from liftcalm.core.importers.export_table import ExportRow, ExportTable
from liftcalm.core.importers.records import ImportResult
from liftcalm.core.importers.values import (
    ParseMemo,
    clean_name,
    clean_note,
    parse_date_time,
    parse_duration,
    parse_number,
    parse_reps,
    parse_rpe,
    parse_set_seconds,
    parse_unit_name,
    parse_weight,
)
from liftcalm.core.importers.workout_builder import RowSet, WorkoutBuilder
from liftcalm.core.models import SetType
from liftcalm.core.units import Unit

FORMAT = "strong"
DEFAULT_TITLE = "Strong workout"
DATE_EXAMPLE = "2024-03-05 07:12:44"
# Weight columns by header key, with the unit the name implies (None: a Weight Unit column or the caller says).
WEIGHT_COLUMNS = {
    "weight(kg)": Unit.KG,
    "weight(kgs)": Unit.KG,
    "kg": Unit.KG,
    "weight(lbs)": Unit.LB,
    "weight(lb)": Unit.LB,
    "lbs": Unit.LB,
    "weight": None,
}
DURATION_COLUMNS = ("duration", "duration(sec)", "duration(s)", "duration(seconds)", "workoutduration")
SET_TYPES = {"w": SetType.WARMUP, "d": SetType.DROP, "f": SetType.FAILURE}
# Strong writes these in the Set Order column for rows that only carry a rest time or an exercise note.
PSEUDO_ROWS = {"rest timer": "rest timer row, not a set", "note": "note row, not a set"}


def parse_strong(table: ExportTable, unit: Unit | None) -> ImportResult:
    """Read every row of a Strong export; one workout per (Date, Workout Name)."""
    date = table.require("Date", "date")
    title = table.require("Workout Name", "workoutname")
    exercise = table.require("Exercise Name", "exercisename")
    order = table.require("Set Order", "setorder")
    reps = table.require("Reps", "reps")
    weight, weight_unit_named = table.weight_column(WEIGHT_COLUMNS, "the header has no 'Weight' column")
    weight_unit = table.column("weightunit")
    duration = table.column(*DURATION_COLUMNS)
    seconds = table.column("seconds")
    rpe = table.column("rpe")
    notes = table.column("notes")
    workout_notes = table.column("workoutnotes")

    builder = WorkoutBuilder(FORMAT, table.header_line, weight_unit_named, unit)
    dates, durations = ParseMemo(parse_date_time), ParseMemo(parse_duration)
    reps_of, weights, units, rpes, seconds_of = (
        ParseMemo(parse_reps), ParseMemo(parse_weight), ParseMemo(parse_unit_name), ParseMemo(parse_rpe),
        ParseMemo(parse_set_seconds),
    )
    for row in table.rows:
        if (reason := table.filler_reason(row)) is not None:
            builder.skip(row.line, reason)
            continue
        started_at = dates(row.cell(date), row.line, DATE_EXAMPLE)
        workout = builder.workout(started_at, clean_name(row.cell(title)) or DEFAULT_TITLE, row.line)
        workout.fill(durations(row.cell(duration), row.line), clean_note(row.cell(workout_notes)))
        if (reason := PSEUDO_ROWS.get(_order_key(row.cell(order)))) is not None:
            builder.skip(row.line, reason)
            continue
        exercise_name = clean_name(row.cell(exercise))
        if not exercise_name:
            raise ImportFormatError(row.line, "the exercise name is empty")
        workout.sets.append(
            RowSet(
                exercise_name=exercise_name,
                set_type=_set_type(row, order),
                reps=reps_of(row.cell(reps), row.line),
                weight=weights(row.cell(weight), row.line),
                weight_unit=units(row.cell(weight_unit), row.line),
                rpe=rpes(row.cell(rpe), row.line),
                duration_s=seconds_of(row.cell(seconds), row.line),
                note=clean_note(row.cell(notes)),
                line=row.line,
            )
        )
    return builder.result()


def _order_key(text: str) -> str:
    return " ".join(text.casefold().split())


def _set_type(row: ExportRow, order: int) -> SetType:
    """Return the set type a Set Order cell means: a number is a working set."""
    text = row.cell(order)
    key = _order_key(text)
    if key in SET_TYPES:
        return SET_TYPES[key]
    if not key:
        raise ImportFormatError(row.line, "the set order is empty")
    try:
        number = parse_number(text, row.line, "set order")
    except ImportFormatError:
        number = None
    if number is None or number < 0 or not number.is_integer():
        raise ImportFormatError(
            row.line, f"the set order {text[:40]!r} is not a set number, W, D, F, Rest Timer or Note"
        )
    # The number itself is not kept: sets are numbered in file order, which also turns the
    # old 0-based orders into 1-based ones.
    return SetType.WORKING
