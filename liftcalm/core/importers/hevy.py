"""Hevy exports: one row per set, newest workout first, weights in kg or lbs by column name."""

from __future__ import annotations

from liftcalm.core.importers.errors import ImportFormatError
from liftcalm.core.importers.export_table import ExportTable
from liftcalm.core.importers.records import ImportResult
from liftcalm.core.importers.values import (
    MAX_DURATION_S,
    clean_name,
    clean_note,
    parse_date_time,
    parse_number,
    parse_reps,
    parse_rpe,
    parse_set_seconds,
    parse_weight,
)
from liftcalm.core.importers.workout_builder import RowSet, WorkoutBuilder
from liftcalm.core.models import SetType
from liftcalm.core.units import Unit

FORMAT = "hevy"
DEFAULT_TITLE = "Hevy workout"
DATE_EXAMPLE = "5 Dec 2025, 11:37"
WEIGHT_COLUMNS = {"weightkg": Unit.KG, "weightlbs": Unit.LB}
SET_TYPES = {
    "normal": SetType.WORKING,
    "": SetType.WORKING,
    "warmup": SetType.WARMUP,
    "dropset": SetType.DROP,
    "failure": SetType.FAILURE,
}


def parse_hevy(table: ExportTable, unit: Unit | None) -> ImportResult:
    """Read every row of a Hevy export; one workout per (start_time, title)."""
    title = table.require("title", "title")
    start = table.require("start_time", "starttime")
    exercise = table.require("exercise_title", "exercisetitle")
    reps = table.require("reps", "reps")
    weight, weight_unit_named = table.weight_column(WEIGHT_COLUMNS, "the header has neither a 'weight_kg' nor a 'weight_lbs' column")
    end = table.column("endtime")
    description = table.column("description")
    exercise_notes = table.column("exercisenotes")
    set_index = table.column("setindex")
    set_type = table.column("settype")
    duration = table.column("durationseconds")
    rpe = table.column("rpe")

    builder = WorkoutBuilder(FORMAT, table.header_line, weight_unit_named, unit)
    for row in table.rows:
        if (reason := table.filler_reason(row)) is not None:
            builder.skip(row.line, reason)
            continue
        started_at = parse_date_time(row.cell(start), row.line, DATE_EXAMPLE)
        workout = builder.workout(started_at, clean_name(row.cell(title)) or DEFAULT_TITLE, row.line)
        duration_s = None
        if row.cell(end):
            seconds = (parse_date_time(row.cell(end), row.line, DATE_EXAMPLE) - started_at).total_seconds()
            duration_s = int(seconds) if 0 <= seconds <= MAX_DURATION_S else None
        workout.fill(duration_s, clean_note(row.cell(description)))

        type_name = row.cell(set_type).casefold()
        if type_name not in SET_TYPES:
            raise ImportFormatError(
                row.line, f"the set type {type_name[:40]!r} is not normal, warmup, dropset or failure"
            )
        index = parse_number(row.cell(set_index), row.line, "set index")
        if index is not None and (index < 0 or not index.is_integer()):
            raise ImportFormatError(row.line, f"the set index {row.cell(set_index)!r} is not a whole number")
        exercise_name = clean_name(row.cell(exercise))
        if not exercise_name:
            raise ImportFormatError(row.line, "the exercise title is empty")
        workout.sets.append(
            RowSet(
                exercise_name=exercise_name,
                set_type=SET_TYPES[type_name],
                reps=parse_reps(row.cell(reps), row.line),
                weight=parse_weight(row.cell(weight), row.line),
                weight_unit=None,
                rpe=parse_rpe(row.cell(rpe), row.line),
                duration_s=parse_set_seconds(row.cell(duration), row.line),
                note=clean_note(row.cell(exercise_notes)),
                line=row.line,
            )
        )
    return builder.result()
