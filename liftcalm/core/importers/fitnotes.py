"""FitNotes exports: one row per set, a date without time of day; each date is one workout."""

from __future__ import annotations

from liftcalm.core.importers.errors import ImportFormatError
from liftcalm.core.importers.export_table import ExportTable, cached_parse
from liftcalm.core.importers.values import (
    Invalid,
    check_distance,
    check_load,
    clean_name,
    clean_note,
    parse_date_time,
    parse_distance,
    parse_distance_unit,
    parse_reps,
    parse_set_seconds,
    parse_unit_name,
    parse_weight,
)
from liftcalm.core.importers.workout_builder import LOAD_CHECK_ABOVE, ExportReading
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


def parse_fitnotes(table: ExportTable, unit: Unit | None, reading_factory) -> ExportReading:
    """Read every record of a FitNotes export; all sets of one date make one workout."""
    date_i = table.require("Date", "date")
    exercise_i = table.require("Exercise", "exercise")
    reps_i = table.require("Reps", "reps")
    weight_i, weight_unit_named = table.weight_column(WEIGHT_COLUMNS, "the header has no 'Weight' column")
    unit_i = table.column("weightunit")
    time_i = table.column("time")
    comment_i = table.column("comment", "notes")
    distance_i = table.column("distance")
    distance_unit_i = table.column("distanceunit")
    reading: ExportReading = reading_factory(FORMAT, table.header_line, weight_unit_named, unit)
    fixed_unit = reading.fixed_unit
    full = len(table.header)
    workouts: dict[str, object] = {}
    cached = cached_parse()

    for line, cells in table.records:
        if len(cells) != full and (cells := table.padded(line, cells)) is None:
            reading.skip(line, "empty row")
            continue
        workout = workouts.get(cells[date_i])
        if workout is None:
            if (reason := table.is_filler(cells)) is not None:
                reading.skip(line, reason)
                continue
            # a date is a day: any time written beside it would split one day into several workouts
            started_at = parse_date_time(cells[date_i], line, DATE_EXAMPLE).replace(hour=0, minute=0, second=0)
            workout = workouts[cells[date_i]] = reading.workout(started_at, TITLE, line)
        name = clean_name(cells[exercise_i])
        if not name:
            raise ImportFormatError(line, "the exercise name is empty")
        reps = cached(reps_i, parse_reps, line, cells)
        weight = cached(weight_i, parse_weight, line, cells)
        row_unit = cached(unit_i, parse_unit_name, line, cells)
        row_unit = row_unit.value if row_unit else None
        seconds = cached(time_i, parse_set_seconds, line, cells)
        distance = cached(distance_i, parse_distance, line, cells)
        distance_unit = cached(distance_unit_i, parse_distance_unit, line, cells) if distance is not None else None
        if seconds is not None or distance is not None:
            if reps == 0:  # a cardio row's reps and weight are not given, whatever is written there
                reps = None
            if weight == 0:
                weight = None
        problems = [value.reason for value in (reps, weight, seconds, distance) if type(value) is Invalid]
        if not problems and weight is not None and weight > LOAD_CHECK_ABOVE:
            effective = Unit(row_unit) if row_unit else fixed_unit
            if (heavy := check_load(weight, effective or Unit.LB)) is not None:
                problems.append(heavy.reason)
        if not problems and distance is not None:
            if (far := check_distance(distance, distance_unit or "km")) is not None:
                problems.append(far.reason)
        if problems:
            reading.reject(line, problems)
            continue
        note = clean_note(cells[comment_i]) if comment_i is not None and cells[comment_i] else ""
        # FitNotes does not mark warm-ups or drops
        reading.add(workout, name, "working", reps, weight, row_unit, None, seconds, distance, distance_unit, note,
                    None, line)
    return reading
