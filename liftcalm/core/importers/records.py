"""What an import yields: workouts and sets read from another app's export, not yet stored."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from liftcalm.core.models import SetType
from liftcalm.core.units import Unit


@dataclass(frozen=True)
class ImportedSet:
    """One set as the file records it, with its load converted to kilograms."""

    exercise_name: str  # as in the file, whitespace-collapsed
    set_number: int  # 1-based within its exercise in that workout, in file order
    set_type: SetType
    reps: int  # 0 for timed or cardio rows
    load_kg: float  # 0 for bodyweight or an empty weight
    rpe: float | None
    duration_s: int | None  # per-set seconds where the file has them
    note: str
    line: int  # physical line where the row starts


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


@dataclass(frozen=True)
class ImportResult:
    """A whole file, read completely: workouts oldest first and the rows that were not sets."""

    format: str  # "strong" | "hevy" | "fitnotes"
    unit: Unit  # the unit the file's weights were read in
    workouts: tuple[ImportedWorkout, ...]
    skipped: tuple[tuple[int, str], ...]  # (line, reason)
