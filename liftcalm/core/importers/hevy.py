"""Hevy exports: one row per set, newest workout first, weights in kg or lbs and distances in km or
miles by column name; superset ids and exercise notes kept."""

from __future__ import annotations

from liftcalm.core.importers.errors import ImportFormatError
from liftcalm.core.importers.export_table import ExportTable, cached_parse
from liftcalm.core.importers.values import (
    MAX_DURATION_S,
    Invalid,
    check_distance,
    check_load,
    clean_name,
    clean_note,
    parse_date_time,
    parse_distance,
    parse_number,
    parse_reps,
    parse_rpe,
    parse_set_seconds,
    parse_weight,
)
from liftcalm.core.importers.workout_builder import LOAD_CHECK_ABOVE, ExportReading
from liftcalm.core.units import Unit

FORMAT = "hevy"
DEFAULT_TITLE = "Hevy workout"
DATE_EXAMPLE = "5 Dec 2025, 11:37"
WEIGHT_COLUMNS = {"weightkg": Unit.KG, "weightlbs": Unit.LB}
DISTANCE_COLUMNS = {"distancekm": "km", "distancemiles": "mi", "distancemeters": "m", "distancem": "m"}
SET_TYPES = {"normal": "working", "": "working", "warmup": "warmup", "dropset": "drop", "failure": "failure"}


def parse_hevy(table: ExportTable, unit: Unit | None, reading_factory) -> ExportReading:
    """Read every record of a Hevy export; one workout per (start_time, title)."""
    title_i = table.require("title", "title")
    start_i = table.require("start_time", "starttime")
    exercise_i = table.require("exercise_title", "exercisetitle")
    reps_i = table.require("reps", "reps")
    weight_i, weight_unit = table.weight_column(WEIGHT_COLUMNS,
                                                "the header has neither a 'weight_kg' nor a 'weight_lbs' column")
    distance_i = distance_unit = None
    for index, key in enumerate(table.keys):
        if key in DISTANCE_COLUMNS:
            distance_i, distance_unit = index, DISTANCE_COLUMNS[key]
            break
    end_i = table.column("endtime")
    description_i = table.column("description")
    exercise_notes_i = table.column("exercisenotes")
    set_index_i = table.column("setindex")
    set_type_i = table.column("settype")
    duration_i = table.column("durationseconds")
    rpe_i = table.column("rpe")
    superset_i = table.column("supersetid")
    reading: ExportReading = reading_factory(FORMAT, table.header_line, weight_unit, unit,
                                             distance_unit=distance_unit)
    full = len(table.header)
    workouts: dict[tuple[str, str, str], object] = {}
    names: dict[str, str] = {}
    cached = cached_parse()

    for line, cells in table.records:
        if len(cells) != full and (cells := table.padded(line, cells)) is None:
            reading.skip(line, "empty row")
            continue
        key = (cells[start_i], cells[title_i], cells[end_i] if end_i is not None else "")
        workout = workouts.get(key)
        if workout is None:
            if (reason := table.is_filler(cells)) is not None:
                reading.skip(line, reason)
                continue
            started_at = parse_date_time(key[0], line, DATE_EXAMPLE)
            workout = reading.workout(started_at, clean_name(key[1]) or DEFAULT_TITLE, line)
            if key[2]:
                seconds = (parse_date_time(key[2], line, DATE_EXAMPLE) - started_at).total_seconds()
                workout.fill(int(seconds) if 0 <= seconds <= MAX_DURATION_S else None, "")
            workouts[key] = workout
        if description_i is not None and not workout.note and cells[description_i]:
            workout.note = clean_note(cells[description_i])

        type_name = cells[set_type_i].strip().casefold() if set_type_i is not None else ""
        if type_name not in SET_TYPES:
            raise ImportFormatError(
                line, f"the set type {type_name[:40]!r} is not normal, warmup, dropset or failure"
            )
        cached(set_index_i, _set_index, line, cells)  # checked, not kept: sets are numbered in file order
        name = names.get(cells[exercise_i])
        if name is None:
            name = names[cells[exercise_i]] = clean_name(cells[exercise_i])
        if not name:
            raise ImportFormatError(line, "the exercise title is empty")
        if exercise_notes_i is not None and cells[exercise_notes_i].strip():
            reading.exercise_note(workout, name, clean_note(cells[exercise_notes_i]))
        reps = cached(reps_i, parse_reps, line, cells)
        weight = cached(weight_i, parse_weight, line, cells)
        seconds = cached(duration_i, parse_set_seconds, line, cells)
        distance = cached(distance_i, parse_distance, line, cells)
        rpe = cached(rpe_i, parse_rpe, line, cells)
        superset = cached(superset_i, _superset, line, cells)
        problems = [value.reason for value in (reps, weight, seconds, distance, rpe) if type(value) is Invalid]
        if not problems and weight is not None and weight > LOAD_CHECK_ABOVE:
            if (heavy := check_load(weight, weight_unit)) is not None:
                problems.append(heavy.reason)
        if not problems and distance is not None:
            if (far := check_distance(distance, distance_unit)) is not None:
                problems.append(far.reason)
        if problems:
            reading.reject(line, problems)
            continue
        reading.add(workout, name, SET_TYPES[type_name], reps, weight, None, rpe, seconds, distance, None, "",
                    superset, line)
    return reading


def _set_index(text: str, line: int) -> float | None:
    index = parse_number(text, line, "set index")
    if index is not None and (type(index) is Invalid or index < 0 or not index.is_integer()):
        raise ImportFormatError(line, f"the set index {text.strip()!r} is not a whole number")
    return index


def _superset(text: str, line: int) -> int | None:
    number = parse_number(text, line, "superset id")
    if number is None:
        return None
    if type(number) is Invalid or not number.is_integer() or not 0 <= number < 2**31:
        raise ImportFormatError(line, f"the superset id {text.strip()!r} is not a whole number")
    return int(number)
