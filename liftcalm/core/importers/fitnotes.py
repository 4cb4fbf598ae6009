"""FitNotes exports: one row per set, a date without time of day; each date is one workout."""

from __future__ import annotations

from liftcalm.core.importers.errors import ImportFormatError
from liftcalm.core.importers.export_table import ExportTable
from liftcalm.core.importers.records import ImportResult
from liftcalm.core.importers.values import (
    clean_name,
    clean_note,
    parse_date_time,
    parse_reps,
    parse_set_seconds,
    parse_unit_name,
    parse_weight,
)
from liftcalm.core.importers.workout_builder import RowSet, WorkoutBuilder
from liftcalm.core.models import SetType
from liftcalm.core.units import Unit

FORMAT = "fitnotes"
TITLE = "FitNotes workout"
DATE_EXAMPLE = "2024-03-05"
WEIGHT_COLUMNS = {
    "weight(kgs)": Unit.KG,
    "weight(kg)": Unit.KG,
    "weight(lbs)": Unit.LB,
    "weight(lb)": Unit.LB,
    "weight": None,
}


def parse_fitnotes(table: ExportTable, unit: Unit | None) -> ImportResult:
    """Read every row of a FitNotes export; all sets of one date make one workout."""
    date = table.require("Date", "date")
    exercise = table.require("Exercise", "exercise")
    reps = table.require("Reps", "reps")
    weight, weight_unit_named = table.weight_column(WEIGHT_COLUMNS, "the header has no 'Weight' column")
    weight_unit = table.column("weightunit")
    time = table.column("time")
    comment = table.column("comment")

    builder = WorkoutBuilder(FORMAT, table.header_line, weight_unit_named, unit)
    for row in table.rows:
        if (reason := table.filler_reason(row)) is not None:
            builder.skip(row.line, reason)
            continue
        # a date is a day: any time written beside it would split one day into several workouts
        started_at = parse_date_time(row.cell(date), row.line, DATE_EXAMPLE).replace(hour=0, minute=0, second=0)
        workout = builder.workout(started_at, TITLE, row.line)
        exercise_name = clean_name(row.cell(exercise))
        if not exercise_name:
            raise ImportFormatError(row.line, "the exercise name is empty")
        workout.sets.append(
            RowSet(
                exercise_name=exercise_name,
                set_type=SetType.WORKING,  # FitNotes does not mark warm-ups or drops
                reps=parse_reps(row.cell(reps), row.line),
                weight=parse_weight(row.cell(weight), row.line),
                weight_unit=parse_unit_name(row.cell(weight_unit), row.line),
                rpe=None,
                duration_s=parse_set_seconds(row.cell(time), row.line),
                note=clean_note(row.cell(comment)),
                line=row.line,
            )
        )
    return builder.result()
