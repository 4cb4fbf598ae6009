"""What an import yields: workouts and sets read from another app's export, not yet stored.

Missing is missing: a value the file does not give is ``None``, never 0.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from liftcalm.core.models import SetType
from liftcalm.core.units import Unit


@dataclass(frozen=True)
class ImportedSet:
    """One set as the file records it, with its load converted to kilograms and its distance to metres."""

    exercise_name: str  # as in the file, whitespace-collapsed
    set_number: int  # 1-based within its exercise in that workout, in file order
    set_type: SetType
    reps: int | None  # None for timed or cardio rows that give none
    load_kg: float | None  # None when the file gives no weight (bodyweight, cardio)
    rpe: float | None
    duration_s: int | None  # per-set seconds where the file has them
    note: str  # the set's own note
    line: int  # physical line where the row starts
    distance_m: float | None = None
    superset_group: int | None = None  # the superset the set belongs to in its workout (Hevy)


@dataclass(frozen=True)
class ImportedWorkout:
    """One workout; ``key`` is stable, so importing the same file twice can skip what is already in."""

    key: str
    title: str
    started_at: datetime  # naive local time as written in the file
    duration_s: int | None  # None when absent or absurd
    note: str
    sets: tuple[ImportedSet, ...]
    line: int  # line of the workout's first row
    exercise_notes: tuple[tuple[str, str], ...] = ()  # (exercise name, its note in this workout)


@dataclass(frozen=True)
class ImportResult:
    """A whole file, read completely: workouts oldest first and the rows that were not sets."""

    format: str  # "strong" | "hevy" | "fitnotes"
    unit: Unit  # the unit the file's weights were read in
    workouts: tuple[ImportedWorkout, ...]
    skipped: tuple[tuple[int, str], ...]  # (line, reason)
    invalid: tuple[tuple[int, str], ...] = ()  # rows left out for values that cannot be true (line, reason)
    notes: tuple[str, ...] = field(default=())  # how the file was read: its language, a unit taken as given


# A set as the readers hand it on, before units are settled: a plain tuple, for speed.
# (workout number, position in the workout, name number, set number, set type, reps, weight in the
#  row's unit, that unit ("kg", "lb", or None: the file's), rpe, seconds, distance, its unit ("m", "km",
#  "mi", "ft", "yd", or None: the file's), note, superset group, line)
SET_TUPLE_FIELDS = ("workout", "position", "name", "set_number", "set_type", "reps", "weight", "unit", "rpe",
                    "duration_s", "distance", "distance_unit", "note", "superset_group", "line")
