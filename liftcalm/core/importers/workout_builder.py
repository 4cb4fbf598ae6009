"""Gathers parsed rows into workouts as a file streams by: numbers the sets, settles the units.

``ExportReading`` keeps only what a file has few of (workouts, exercise names, notes) and hands
each set on as a plain tuple (``records.SET_TUPLE_FIELDS``) to a sink: a list for a small file
read whole (``WorkoutBuilder``), a staging table for an import of any size.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from liftcalm.core.importers.errors import ImportFormatError, InvalidRows, UnitNeeded
from liftcalm.core.importers.records import ImportedSet, ImportedWorkout, ImportResult
from liftcalm.core.importers.values import MAX_LOAD_KG, METRES
from liftcalm.core.models import SetType
from liftcalm.core.units import Unit, unit_to_kg

LOAD_DECIMALS = 3  # enough for 0.001 kg; removes the float dust of unit conversions
DISTANCE_DECIMALS = 3  # millimetres
POUNDS_ABOVE = 250  # a top weight above this is far more likely pounds than kilograms
# Weights above this could be more than 1000 kg in kilograms; their unit matters to the check.
LOAD_CHECK_ABOVE = MAX_LOAD_KG * 0.45359237
BATCH = 4000  # sets handed to the sink at a time
KEEP_SKIPPED = 200  # skipped rows kept by line for the summary; the rest are only counted
_SET_TYPES = {set_type.value: set_type for set_type in SetType}


@dataclass
class WorkoutDraft:
    """A workout being gathered; workout-level values come from the first row that has them."""

    number: int
    title: str
    started_at: datetime
    line: int
    duration_s: int | None = None
    note: str = ""
    sets: int = 0  # how many sets were handed on (the next one's position)

    def fill(self, duration_s: int | None, note: str) -> None:
        """Take the duration and note from a row unless an earlier row already gave them."""
        if self.duration_s is None:
            self.duration_s = duration_s
        if not self.note:
            self.note = note


@dataclass
class ReadingResult:
    """What a whole file held, once read: everything but the sets, which went to the sink."""

    format: str
    unit: Unit  # the file's weight unit
    fallback_unit: Unit  # for rows that name none
    distance_unit: str  # for distances whose unit the file does not give
    workouts: list[WorkoutDraft]  # with at least one set, oldest first
    names: list[str]  # by name number
    name_lines: list[int]  # the line each name is first on
    exercise_notes: dict[tuple[int, int], str]  # (workout number, name number) -> note
    skipped: list[tuple[int, str]]  # the first rows that were not sets (line, reason)
    skipped_count: int
    skipped_reasons: Counter
    invalid: list[tuple[int, str]]  # rows with values that cannot be true (line, reason)
    notes: list[str] = field(default_factory=list)  # how the file was read, for the summary
    set_count: int = 0
    distances: int = 0  # sets with a distance
    row_units: tuple[str, ...] = ()  # the units rows name

    @property
    def first_date(self) -> str:
        return self.workouts[0].started_at.date().isoformat() if self.workouts else ""

    @property
    def last_date(self) -> str:
        return max(w.started_at for w in self.workouts).date().isoformat() if self.workouts else ""


class ExportReading:
    """Collects the rows of one file, in file order, and hands its sets to ``sink`` in batches.

    ``header_unit`` is a unit the header names (``Weight (kg)``); ``given_unit`` is the caller's
    choice, used only where the file names none. ``distance_unit`` is the header's, if any.
    ``keep_skipped`` bounds how many skipped rows are kept by line (None: all of them).
    """

    def __init__(self, format: str, header_line: int, header_unit: Unit | None, given_unit: Unit | None,
                 sink: Callable[[list[tuple]], None], *, distance_unit: str | None = None,
                 keep_skipped: int | None = KEEP_SKIPPED, notes: list[str] | None = None):
        self.format = format
        self.header_line = header_line
        self.header_unit = header_unit
        self.given_unit = given_unit
        self.fixed_unit = header_unit or given_unit  # the unit of rows that name none, when known now
        self.distance_unit = distance_unit
        self.notes = list(notes or ())
        self._sink = sink
        self._keep_skipped = keep_skipped
        self.workouts: list[WorkoutDraft] = []
        self._by_start: dict[tuple[datetime, str], WorkoutDraft] = {}
        self.names: list[str] = []
        self.name_lines: list[int] = []
        self._name_numbers: dict[str, int] = {}
        self._set_numbers: dict[tuple[int, int], int] = {}
        self.exercise_notes: dict[tuple[int, int], str] = {}
        self._notes_seen: dict[tuple[int, int], set[str]] = {}
        self._batch: list[tuple] = []
        self.skipped: list[tuple[int, str]] = []
        self.skipped_count = 0
        self.skipped_reasons: Counter = Counter()
        self.invalid: list[tuple[int, str]] = []
        self.row_units: Counter = Counter()
        self.distances = 0  # sets with a distance
        self.pending_distances = 0  # ... whose unit the file does not give
        self._unitless_heavy: list[tuple[int, float]] = []
        self._weights = 0
        self._top_weight = 0.0
        self._pound_like = 0

    # -- rows --------------------------------------------------------------------------------------
    def workout(self, started_at: datetime, title: str, line: int) -> WorkoutDraft:
        """Return the workout that started at ``started_at`` under ``title``, opening it at ``line`` if new."""
        key = (started_at, title)
        draft = self._by_start.get(key)
        if draft is None:
            draft = self._by_start[key] = WorkoutDraft(len(self.workouts), title, started_at, line)
            self.workouts.append(draft)
        return draft

    def name_number(self, name: str, line: int = 1) -> int:
        """The number of exercise ``name`` in this file (first seen at ``line``)."""
        number = self._name_numbers.get(name)
        if number is None:
            number = self._name_numbers[name] = len(self.names)
            self.names.append(name)
            self.name_lines.append(line)
        return number

    def add(self, draft: WorkoutDraft, name: str, set_type: str, reps, weight, unit: str | None, rpe, seconds,
            distance, distance_unit: str | None, note: str, superset: int | None, line: int) -> None:
        """Hand on one set of ``draft``, numbered in file order (values already checked)."""
        name_no = self._name_numbers.get(name)
        if name_no is None:
            name_no = self.name_number(name, line)
        key = (draft.number, name_no)
        number = self._set_numbers[key] = self._set_numbers.get(key, 0) + 1
        if weight is not None and self.fixed_unit is None:
            if unit is not None:
                self.row_units[unit] += 1
            else:
                self._weights += 1
                if weight > self._top_weight:
                    self._top_weight = weight
                if weight >= 45 and weight % 10 == 5:
                    self._pound_like += 1
                if weight > MAX_LOAD_KG:
                    self._unitless_heavy.append((line, weight))
        elif unit is not None:
            self.row_units[unit] += 1
        if distance is not None:
            self.distances += 1
            if distance_unit is None and self.distance_unit is None:
                self.pending_distances += 1
        batch = self._batch
        batch.append((draft.number, draft.sets, name_no, number, set_type, reps, weight, unit, rpe, seconds, distance,
                      distance_unit, note, superset, line))
        draft.sets += 1
        if len(batch) >= BATCH:
            self._sink(batch)
            self._batch = []

    def reject(self, line: int, problems: list[str]) -> None:
        """Leave out the row at ``line``: its values cannot be true."""
        self.invalid.append((line, "; ".join(problems)))

    def skip(self, line: int, reason: str) -> None:
        """Record that the row at ``line`` is not a set, and why."""
        self.skipped_count += 1
        self.skipped_reasons[reason] += 1
        if self._keep_skipped is None or len(self.skipped) < self._keep_skipped:
            self.skipped.append((line, reason))

    def exercise_note(self, draft: WorkoutDraft, name: str, note: str) -> None:
        """Keep ``note`` as the note of exercise ``name`` in ``draft`` (the first one given, others added)."""
        key = (draft.number, self.name_number(name))
        seen = self._notes_seen.setdefault(key, set())
        if note in seen:
            return
        seen.add(note)
        known = self.exercise_notes.get(key)
        self.exercise_notes[key] = f"{known}\n{note}" if known else note

    # -- the end -----------------------------------------------------------------------------------
    def finish(self) -> ReadingResult:
        """Hand on the last sets and settle the units; raise ``UnitNeeded`` when the file names none."""
        if self._batch:
            self._sink(self._batch)
            self._batch = []
        row_unit = Unit(self.row_units.most_common(1)[0][0]) if self.row_units else None
        # most_common keeps first-seen order on ties, so a tie goes to the unit the file used first
        unit = self.header_unit or row_unit or self.given_unit
        if unit is None:
            raise self._unit_needed()
        fallback = self.header_unit or self.given_unit or unit
        if fallback is Unit.KG and self._unitless_heavy:
            line, weight = self._unitless_heavy[0]
            raise ImportFormatError(line, f"a load of {weight:g} kg is more than {MAX_LOAD_KG:g} kg (the row names "
                                          "no unit; the file's weights are in kilograms)")
        distance_unit = self.distance_unit or ("km" if fallback is Unit.KG else "mi")
        notes = list(self.notes)
        if self.pending_distances and self.distance_unit is None:
            notes.append(f"distances read in {distance_unit}: the file does not say, so the unit follows the "
                         f"weights ({fallback.value})")
        workouts = sorted((w for w in self.workouts if w.sets), key=lambda w: (w.started_at, w.line))
        return ReadingResult(self.format, unit, fallback, distance_unit, workouts, self.names, self.name_lines,
                             self.exercise_notes, self.skipped, self.skipped_count, self.skipped_reasons,
                             self.invalid, notes, sum(w.sets for w in workouts), self.distances,
                             tuple(self.row_units))

    def _unit_needed(self) -> UnitNeeded:
        question = "the file does not say whether weights are in kg or lb; choose the unit"
        if not self._weights:
            return UnitNeeded(self.header_line, f"{question} (it has no weights to tell by)")
        top = self._top_weight
        if top > POUNDS_ABOVE:
            hint, guess = f"weights up to {top:g} suggest pounds", Unit.LB
        elif self._pound_like * 2 > self._weights:
            hint, guess = f"weights up to {top:g}, mostly ending in 5 like 135 or 225, suggest pounds", Unit.LB
        else:
            hint, guess = f"weights up to {top:g} suggest kilograms", Unit.KG
        return UnitNeeded(self.header_line, f"{question} ({hint})", guess)


class WorkoutBuilder:
    """Reads a small file whole into an ``ImportResult``: the sets kept in memory, loads in kilograms."""

    def __init__(self):
        self.sets: list[tuple] = []

    def sink(self, batch: list[tuple]) -> None:
        self.sets.extend(batch)

    def result(self, reading: ReadingResult, skip_invalid: bool = False) -> ImportResult:
        """The workouts oldest first; raises ``InvalidRows`` unless ``skip_invalid``."""
        if reading.invalid and not skip_invalid:
            raise InvalidRows(sorted(reading.invalid))
        by_workout: dict[int, list[ImportedSet]] = {}
        for (number, _, name_no, set_number, set_type, reps, weight, unit, rpe, seconds, distance, distance_unit,
             note, superset, line) in self.sets:
            load = None if weight is None else round(unit_to_kg(weight, Unit(unit) if unit else reading.fallback_unit),
                                                     LOAD_DECIMALS) + 0.0
            metres = None if distance is None else round(
                distance * METRES[distance_unit or reading.distance_unit], DISTANCE_DECIMALS)
            by_workout.setdefault(number, []).append(ImportedSet(
                reading.names[name_no], set_number, _SET_TYPES[set_type], reps, load, rpe, seconds, note, line,
                metres, superset))
        workouts = []
        for draft in reading.workouts:
            notes = tuple((reading.names[name_no], note) for (number, name_no), note in
                          reading.exercise_notes.items() if number == draft.number)
            workouts.append(ImportedWorkout(workout_key(reading.format, draft.started_at, draft.title), draft.title,
                                            draft.started_at, draft.duration_s, draft.note,
                                            tuple(by_workout[draft.number]), draft.line, notes))
        return ImportResult(reading.format, reading.unit, tuple(workouts), tuple(sorted(reading.skipped)),
                            tuple(sorted(reading.invalid)), tuple(reading.notes))


def workout_key(format: str, started_at: datetime, title: str) -> str:
    """Return the stable key of a workout: the same file always gives the same keys."""
    text = f"{format}|{started_at.isoformat()}|{title}"
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]
