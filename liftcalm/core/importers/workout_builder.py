"""Gathers parsed rows into workouts: numbers the sets, settles the unit and converts loads."""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from liftcalm.core.importers.errors import UnitNeeded
from liftcalm.core.importers.records import ImportedSet, ImportedWorkout, ImportResult
from liftcalm.core.models import SetType
from liftcalm.core.units import Unit, unit_to_kg

LOAD_DECIMALS = 3  # enough for 0.001 kg; removes the float dust of unit conversions
POUNDS_ABOVE = 250  # a top weight above this is far more likely pounds than kilograms


@dataclass(frozen=True)
class RowSet:
    """A set as read from one row, its weight still in the row's unit (None: the file's unit)."""

    exercise_name: str
    set_type: SetType
    reps: int
    weight: float
    weight_unit: Unit | None
    rpe: float | None
    duration_s: int | None
    note: str
    line: int


@dataclass
class WorkoutDraft:
    """A workout being gathered; workout-level values come from the first row that has them."""

    title: str
    started_at: datetime
    line: int
    duration_s: int | None = None
    note: str = ""
    sets: list[RowSet] = field(default_factory=list)

    def fill(self, duration_s: int | None, note: str) -> None:
        """Take the duration and note from a row unless an earlier row already gave them."""
        if self.duration_s is None:
            self.duration_s = duration_s
        if not self.note:
            self.note = note


class WorkoutBuilder:
    """Collects the rows of one file and builds its ``ImportResult``.

    ``header_unit`` is a unit the header names (``Weight (kg)``); ``given_unit`` is the caller's
    choice, used only where the file names none.
    """

    def __init__(self, format: str, header_line: int, header_unit: Unit | None, given_unit: Unit | None):
        self.format = format
        self.header_line = header_line
        self.header_unit = header_unit
        self.given_unit = given_unit
        self._workouts: dict[tuple[datetime, str], WorkoutDraft] = {}
        self._skipped: list[tuple[int, str]] = []

    def workout(self, started_at: datetime, title: str, line: int) -> WorkoutDraft:
        """Return the workout that started at ``started_at`` under ``title``, opening it at ``line`` if new."""
        return self._workouts.setdefault((started_at, title), WorkoutDraft(title, started_at, line))

    def skip(self, line: int, reason: str) -> None:
        """Record that the row at ``line`` is not a set, and why."""
        self._skipped.append((line, reason))

    def result(self) -> ImportResult:
        """Number the sets, convert loads to kg and return the workouts oldest first."""
        drafts = [draft for draft in self._workouts.values() if draft.sets]
        unit = self._file_unit(drafts)
        fallback_unit = self.header_unit or self.given_unit or unit
        workouts = sorted(
            (self._finish(draft, fallback_unit) for draft in drafts), key=lambda w: (w.started_at, w.line)
        )
        return ImportResult(self.format, unit, tuple(workouts), tuple(sorted(self._skipped)))

    def _file_unit(self, drafts: list[WorkoutDraft]) -> Unit:
        row_units = Counter(s.weight_unit for draft in drafts for s in draft.sets if s.weight_unit is not None)
        # most_common keeps first-seen order on ties, so a tie goes to the unit the file used first
        unit = self.header_unit or (row_units.most_common(1)[0][0] if row_units else None) or self.given_unit
        if unit is None:
            raise self._unit_needed([s.weight for draft in drafts for s in draft.sets if s.weight > 0])
        return unit

    def _unit_needed(self, weights: list[float]) -> UnitNeeded:
        question = "the file does not say whether weights are in kg or lb; choose the unit"
        if not weights:
            return UnitNeeded(self.header_line, f"{question} (it has no weights to tell by)")
        top = max(weights)
        pound_like = sum(1 for w in weights if w >= 45 and w % 10 == 5)  # 45, 135, 225: bar plus plates in lb
        if top > POUNDS_ABOVE:
            hint, guess = f"weights up to {top:g} suggest pounds", Unit.LB
        elif pound_like * 2 > len(weights):
            hint, guess = f"weights up to {top:g}, mostly ending in 5 like 135 or 225, suggest pounds", Unit.LB
        else:
            hint, guess = f"weights up to {top:g} suggest kilograms", Unit.KG
        return UnitNeeded(self.header_line, f"{question} ({hint})", guess)

    def _finish(self, draft: WorkoutDraft, fallback_unit: Unit) -> ImportedWorkout:
        numbers: Counter[str] = Counter()
        sets = []
        for row_set in draft.sets:
            numbers[row_set.exercise_name] += 1
            load_kg = round(unit_to_kg(row_set.weight, row_set.weight_unit or fallback_unit), LOAD_DECIMALS)
            sets.append(
                ImportedSet(
                    exercise_name=row_set.exercise_name,
                    set_number=numbers[row_set.exercise_name],
                    set_type=row_set.set_type,
                    reps=row_set.reps,
                    load_kg=load_kg,
                    rpe=row_set.rpe,
                    duration_s=row_set.duration_s,
                    note=row_set.note,
                    line=row_set.line,
                )
            )
        return ImportedWorkout(
            key=workout_key(self.format, draft.started_at, draft.title),
            title=draft.title,
            started_at=draft.started_at,
            duration_s=draft.duration_s,
            note=draft.note,
            sets=tuple(sets),
            line=draft.line,
        )


def workout_key(format: str, started_at: datetime, title: str) -> str:
    """Return the stable key of a workout: the same file always gives the same keys."""
    text = f"{format}|{started_at.isoformat()}|{title}"
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]
