"""Strong exports: iOS (comma), Android (semicolon, Weight Unit column), Strong 6 (every field quoted,
Workout #), the 2016-2018 forms with the unit as a column's name (kg/km, lbs/mi.), in any of the
languages Strong ships (``header_words``).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from liftcalm.core.importers import header_words as words
from liftcalm.core.importers.errors import ImportFormatError
from liftcalm.core.importers.export_table import ExportTable
from liftcalm.core.importers.values import (
    Invalid,
    check_distance,
    check_load,
    clean_name,
    clean_note,
    parse_date_time,
    parse_distance,
    parse_distance_unit,
    parse_duration,
    parse_number,
    parse_reps,
    parse_rpe,
    parse_set_seconds,
    parse_unit_name,
    parse_weight,
)
from liftcalm.core.importers.workout_builder import LOAD_CHECK_ABOVE, ExportReading
from liftcalm.core.units import Unit

FORMAT = "strong"
DEFAULT_TITLE = "Strong workout"
DATE_EXAMPLE = "2024-03-05 07:12:44"
REQUIRED = {words.DATE: "Date", words.WORKOUT: "Workout Name", words.EXERCISE: "Exercise Name",
            words.ORDER: "Set Order", words.REPS: "Reps", words.WEIGHT: "Weight"}
_LABELS = {words.REST_TIMER_WORDS: "rest timer row, not a set", words.NOTE_WORDS: "note row, not a set"}
_PROBE_ROWS = 20  # data rows read to check a layout taken by position
_EMPTY = ("", "0", "0.0")


@dataclass(frozen=True)
class StrongHeader:
    """Where Strong's columns are in one file's header, and what its names say."""

    columns: dict[str, int]
    weight_unit: Unit | None = None  # named by the header ("Weight (kg)", "lbs")
    distance_unit: str | None = None  # named by the header ("km", "Distance (meters)")
    language: str = "English"
    by_position: bool = False

    def get(self, name: str) -> int | None:
        return self.columns.get(name)


def read_header(header: tuple[str, ...]) -> StrongHeader:
    """Find Strong's columns in ``header`` by their names, in any language Strong ships."""
    columns: dict[str, int] = {}
    weight_unit = distance_unit = None
    for index, name in enumerate(header):
        column, unit = words.read_column_name(name)
        if column is None or column in columns:
            continue
        columns[column] = index
        if column == words.WEIGHT and unit:
            weight_unit = Unit(unit)
        elif column == words.DISTANCE and unit:
            distance_unit = unit
    return StrongHeader(columns, weight_unit, distance_unit, words.header_language(header))


def read_positional_header(table: ExportTable) -> StrongHeader | None:
    """Strong's columns found by position in a header whose words are not known (the records are kept)."""
    probe = list(itertools.islice(table.records, _PROBE_ROWS))
    table.records = itertools.chain(probe, table.records)
    return header_by_position(table, [(line, cells) for line, cells in probe if "".join(cells).strip()])


def header_by_position(table: ExportTable, probe: list[tuple[int, list[str]]]) -> StrongHeader | None:
    """Read a header in a language whose words are not known by where Strong puts its columns.

    A layout is taken only when it has exactly the header's width and every one of the first
    data rows reads as it says: a date where the date is, a set number or a word where the set
    order is, numbers where the numbers are. None unless exactly one layout fits.
    """
    if looks_like_data(table.header):
        return None  # no header at all: the first line is already a row of sets
    fits = []
    for layout in words.LAYOUTS:
        if len(layout) != len(table.header):
            continue
        columns = {name: index for index, name in enumerate(layout)}
        if probe and all(_row_fits(columns, cells, line) for line, cells in probe):
            fits.append(columns)
    if len(fits) != 1:
        return None
    columns = fits[0]
    weight_unit = words.read_column_name(table.header[columns[words.WEIGHT]])[1]
    weight_unit = weight_unit if weight_unit in ("kg", "lb") else _unit_in(table.header[columns[words.WEIGHT]])
    return StrongHeader(columns, Unit(weight_unit) if weight_unit else None, None,
                        words.header_language(table.header), by_position=True)


def looks_like_data(header: tuple[str, ...]) -> bool:
    """Whether a "header" is a row of data (a date or numbers), as in an export saved without its header."""
    for name in header:
        text = name.strip()
        if not text:
            continue
        try:
            if parse_number(text, 1, "") is not None:
                return True
        except ImportFormatError:
            pass
        try:
            parse_date_time(text, 1, "")
            return True
        except ImportFormatError:
            pass
    return False


def _unit_in(name: str) -> str | None:
    lowered = name.casefold()
    for unit, marks in (("kg", ("(kg)", "kg")), ("lb", ("(lbs)", "(lb)", "lbs"))):
        if any(mark in lowered for mark in marks):
            return unit
    return None


def _row_fits(columns: dict[str, int], cells: list[str], line: int) -> bool:
    if len(cells) != len(columns) or not "".join(cells).strip():
        return not "".join(cells).strip()
    try:
        parse_date_time(cells[columns[words.DATE]], line, DATE_EXAMPLE)
        if words.DURATION in columns:
            parse_duration(cells[columns[words.DURATION]], line)
        for name in (words.WEIGHT, words.REPS, words.DISTANCE, words.SECONDS, words.RPE):
            if name in columns:
                parse_number(cells[columns[name]], line, name)
        if words.WORKOUT_NUMBER in columns:
            parse_number(cells[columns[words.WORKOUT_NUMBER]], line, "workout number")
    except ImportFormatError:
        return False
    order = cells[columns[words.ORDER]].strip()
    return bool(order) and (order.isdigit() or not any(char.isdigit() for char in order))


def parse_strong(table: ExportTable, unit: Unit | None, header: StrongHeader, reading_factory) -> ExportReading:
    """Read every record of a Strong export into an ``ExportReading``; one workout per (Date, Workout Name)."""
    col = header.columns
    missing = [label for name, label in REQUIRED.items() if name not in col]
    if missing:
        raise ImportFormatError(table.header_line, f"the header has no {missing[0]!r} column")
    notes = []
    if header.language != "English":
        notes.append(f"header in {header.language}" + (", columns read by position" if header.by_position else ""))
    reading: ExportReading = reading_factory(FORMAT, table.header_line, header.weight_unit, unit,
                                             distance_unit=header.distance_unit, notes=notes)
    date_i, title_i, exercise_i, order_i = col[words.DATE], col[words.WORKOUT], col[words.EXERCISE], col[words.ORDER]
    reps_i, weight_i = col[words.REPS], col[words.WEIGHT]
    unit_i, duration_i, seconds_i = col.get(words.WEIGHT_UNIT), col.get(words.DURATION), col.get(words.SECONDS)
    rpe_i, notes_i, workout_notes_i = col.get(words.RPE), col.get(words.NOTES), col.get(words.WORKOUT_NOTES)
    distance_i, distance_unit_i = col.get(words.DISTANCE), col.get(words.DISTANCE_UNIT)
    fixed_unit = reading.fixed_unit
    full = len(table.header)

    workouts: dict[tuple[str, str], object] = {}
    names: dict[str, str] = {}
    orders: dict[str, tuple[str, str]] = {}
    durations: dict[str, int | None] = {}
    reps_of: dict = {}
    weights: dict = {}
    units: dict = {}
    rpes: dict = {}
    seconds_of: dict = {}
    distances: dict = {}
    distance_units: dict = {}

    add, skip = reading.add, reading.skip
    for line, cells in table.records:
        if len(cells) != full and (cells := table.padded(line, cells)) is None:
            skip(line, "empty row")
            continue
        key = (cells[date_i], cells[title_i])
        workout = workouts.get(key)
        if workout is None:
            if (reason := table.is_filler(cells)) is not None:
                reading.skip(line, reason)
                continue
            started_at = parse_date_time(key[0], line, DATE_EXAMPLE)
            workout = workouts[key] = reading.workout(started_at, clean_name(key[1]) or DEFAULT_TITLE, line)
        if duration_i is not None:  # every row's is read: a malformed one is refused wherever it is
            text = cells[duration_i]
            if (duration := durations.get(text, durations)) is durations:
                duration = durations[text] = parse_duration(text, line)
            if workout.duration_s is None:
                workout.duration_s = duration
        if workout_notes_i is not None and not workout.note and cells[workout_notes_i]:
            workout.note = clean_note(cells[workout_notes_i])

        text = cells[order_i]
        if (order := orders.get(text)) is None:
            order = orders[text] = _set_order(text, line)
        if order[0] == "pseudo" or (order[0] == "word" and cells[reps_i] in _EMPTY and cells[weight_i] in _EMPTY):
            # a rest timer or note row (half the rows of some exports): not a set, its note kept
            if notes_i is not None and cells[notes_i] and (note := clean_note(cells[notes_i])):
                if name := clean_name(cells[exercise_i]):
                    reading.exercise_note(workout, name, note)
            skip(line, order[1])
            continue
        name = names.get(cells[exercise_i])
        if name is None:
            name = names[cells[exercise_i]] = clean_name(cells[exercise_i])
        if not name:
            raise ImportFormatError(line, "the exercise name is empty")

        text = cells[reps_i]
        if (reps := reps_of.get(text, reps_of)) is reps_of:
            reps = reps_of[text] = parse_reps(text, line)
        text = cells[weight_i]
        if (weight := weights.get(text, weights)) is weights:
            weight = weights[text] = parse_weight(text, line)
        if order[0] == "word":
            if (reps is None or reps == 0) and (weight is None or weight == 0):
                if notes_i is not None and cells[notes_i] and (note := clean_note(cells[notes_i])):
                    reading.exercise_note(workout, name, note)
                skip(line, order[1])
                continue
            raise ImportFormatError(line, f"the set order {text_of(cells[order_i])} is not a set number, W, D, F, "
                                          "Rest Timer or Note")
        row_unit = None
        if unit_i is not None:
            text = cells[unit_i]
            if (row_unit := units.get(text, units)) is units:
                named = parse_unit_name(text, line)
                row_unit = units[text] = named.value if named else None
        seconds = None
        if seconds_i is not None:
            text = cells[seconds_i]
            if (seconds := seconds_of.get(text, seconds_of)) is seconds_of:
                seconds = seconds_of[text] = parse_set_seconds(text, line)
        distance = distance_unit = None
        if distance_i is not None:
            text = cells[distance_i]
            if (distance := distances.get(text, distances)) is distances:
                distance = distances[text] = parse_distance(text, line)
            if distance is not None and distance_unit_i is not None:
                text = cells[distance_unit_i]
                if (distance_unit := distance_units.get(text, distance_units)) is distance_units:
                    distance_unit = distance_units[text] = parse_distance_unit(text, line)
        rpe = None
        if rpe_i is not None:
            text = cells[rpe_i]
            if (rpe := rpes.get(text, rpes)) is rpes:
                rpe = rpes[text] = parse_rpe(text, line)
        note = clean_note(cells[notes_i]) if notes_i is not None and cells[notes_i] else ""

        if seconds is not None or distance is not None:
            # Strong writes 0 for the reps and weight of a timed or cardio set: they are not given
            if reps == 0:
                reps = None
            if weight == 0:
                weight = None
        problems = None
        if (type(reps) is Invalid or type(weight) is Invalid or type(seconds) is Invalid or type(distance) is Invalid
                or type(rpe) is Invalid):
            problems = [value.reason for value in (reps, weight, seconds, distance, rpe) if type(value) is Invalid]
        elif weight is not None and weight > LOAD_CHECK_ABOVE:
            effective = Unit(row_unit) if row_unit else fixed_unit
            if (heavy := check_load(weight, effective or Unit.LB)) is not None:
                problems = [heavy.reason]
        if distance is not None and not problems:
            if (far := check_distance(distance, distance_unit or header.distance_unit or "km")) is not None:
                problems = [far.reason]
        if problems:
            reading.reject(line, problems)
            continue
        add(workout, name, order[1], reps, weight, row_unit, rpe, seconds, distance, distance_unit, note,
                    None, line)
    return reading


def text_of(text: str) -> str:
    shown = text.strip()
    return repr(shown if len(shown) <= 40 else shown[:39] + "…")


def _set_order(text: str, line: int) -> tuple[str, str]:
    """What a Set Order cell means: ("set", set type), ("pseudo", why the row is not a set) for Strong's own
    words, or ("word", why) for another word, which is a pseudo-row only without reps and weight."""
    key = " ".join(text.casefold().split())
    if key in words.SET_TYPE_LETTERS:
        return "set", words.SET_TYPE_LETTERS[key]
    if not key:
        raise ImportFormatError(line, "the set order is empty")
    for known, reason in _LABELS.items():
        if key in known:
            return "pseudo", reason
    try:
        number = parse_number(text, line, "set order")
    except ImportFormatError:
        number = None
    if number is None and not any(char.isdigit() for char in key) and len(key) > 1:
        # A word in a language whose rest-timer word is not known: a row that is not a set, if it
        # carries no reps and no weight (checked by the caller).
        return "word", f"{text_of(text)} row with no reps or weight, not a set"
    if type(number) is not float or number < 0 or not number.is_integer():
        raise ImportFormatError(
            line, f"the set order {text_of(text)} is not a set number, W, D, F, Rest Timer or Note"
        )
    # The number itself is not kept: sets are numbered in file order, which also turns the
    # old 0-based orders into 1-based ones.
    return "set", "working"
