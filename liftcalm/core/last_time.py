"""What the person did the last time they did an exercise: each set, its effort and notes, the day.

The store reads it (``store.planning.last_time``, one indexed query); this module holds the
values and says them in one line, for the routine editor and the set screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from liftcalm.core.load_display import display_bodyweight_load, display_load, format_weight
from liftcalm.core.models import Exercise, Measure, SetTarget, SetType
from liftcalm.core.units import NOT_GIVEN, Unit

FIRST_TIME = "First time: no earlier sets of this exercise. Start light and find your numbers."


@dataclass(frozen=True)
class PastSet:
    """One set as it was logged; None where nothing was recorded (never 0 for a missing value)."""

    set_number: int
    set_type: SetType
    reps: int | None
    load_kg: float | None
    rpe: float | None = None
    note: str = ""
    duration_s: int | None = None
    distance_m: float | None = None


@dataclass(frozen=True)
class LastTime:
    """The latest finished session holding sets of ``exercise_id``, and those sets in order."""

    exercise_id: int
    session_id: int
    started_at: str  # ISO 8601 local time with its offset
    sets: tuple[PastSet, ...]
    note: str = ""  # the note on this exercise in that session

    @property
    def day(self) -> date:
        return date.fromisoformat(self.started_at[:10])

    def of_type(self, set_type: SetType) -> tuple[PastSet, ...]:
        return tuple(s for s in self.sets if s.set_type is set_type)


def format_past_set(past: PastSet, unit: Unit, exercise: Exercise | None = None) -> str:
    """"8 × 117.5 kg @ 9", "60 s", "40 m × 24 kg", "10 × BW + 10 kg"."""
    if past.duration_s is not None and (past.reps is None or (exercise and exercise.measure is Measure.TIME)):
        what = _seconds(past.duration_s)
    elif past.distance_m is not None and (past.reps is None or (exercise and exercise.measure is Measure.DISTANCE)):
        what = f"{format_weight(past.distance_m)} m"
    elif past.reps is not None:
        what = f"{past.reps}"
    else:
        what = NOT_GIVEN
    if exercise is not None and exercise.counts_body_weight:
        load = display_bodyweight_load(past.load_kg, unit, exercise.is_assisted)
    elif past.load_kg:
        load = display_load(past.load_kg, unit)
    else:
        load = ""
    text = f"{what} × {load}" if load else (f"{what} reps" if what.isdigit() else what)
    if past.rpe is not None:
        text += f" @ {format_weight(past.rpe)}"
    return text


def describe_last_time(last: LastTime | None, unit: Unit, today: date, exercise: Exercise | None = None) -> str:
    """One line: "Last time, Mon 29 Dec (3 days ago): 2 warm-ups, then 8 × 117.5 kg · 8 × 117.5 kg · 7 × …".

    Notes follow in quotes; "First time: …" when the exercise was never done.
    """
    if last is None:
        return FIRST_TIME
    warmups = last.of_type(SetType.WARMUP)
    others = [s for s in last.sets if s.set_type is not SetType.WARMUP]
    parts = []
    for past in others:
        text = format_past_set(past, unit, exercise)
        if past.set_type is not SetType.WORKING:
            text = f"{past.set_type.label.lower()} {text}"
        parts.append(text)
    sets = " · ".join(parts)
    if warmups:
        ramp = f"{len(warmups)} warm-up" + ("s" if len(warmups) > 1 else "")
        sets = f"{ramp}, then {sets}" if sets else ramp
    line = f"Last time, {describe_day(last.day, today)}: {sets}"
    notes = [n for n in [last.note, *(s.note for s in last.sets)] if n]
    if notes:
        line += " — " + " ".join(f"“{n}”" for n in notes)
    return line


def describe_day(day: date, today: date) -> str:
    """"today", "yesterday", "Mon 29 Dec (3 days ago)", "12 Mar 2024 (2 years ago)"."""
    days = (today - day).days
    if days == 0:
        return "today"
    if days == 1:
        return "yesterday"
    shown = f"{day:%a} {day.day} {day:%b}" if day.year == today.year or days < 180 else f"{day.day} {day:%b %Y}"
    if days < 0:
        return shown
    if days < 14:
        ago = f"{days} days ago"
    elif days < 60:
        ago = f"{days // 7} weeks ago"
    elif days < 730:
        ago = f"{days // 30} months ago"
    else:
        ago = f"{days // 365} years ago"
    return f"{shown} ({ago})"


def past_set_for(last: LastTime | None, set_type: SetType, ordinal: int) -> PastSet | None:
    """The set of last time that matches the ``ordinal``-th (0-based) planned set of ``set_type``.

    The same type and place among its type; past the last one of that type, the last one.
    """
    if last is None:
        return None
    same = last.of_type(set_type)
    if not same:
        return None
    return same[min(ordinal, len(same) - 1)]


def past_set_for_planned(last: LastTime | None, plan, index: int) -> PastSet | None:
    """``past_set_for`` the planned set ``plan[index]`` (a tuple of ``PlannedSet``): what "fill from last time" fills."""
    planned = plan[index]
    ordinal = sum(1 for p in plan[:index] if p.item_index == planned.item_index and p.set_type is planned.set_type)
    return past_set_for(last, planned.set_type, ordinal)


def targets_from_last_time(last: LastTime, targets: tuple[SetTarget, ...]) -> tuple[SetTarget, ...]:
    """The planned targets with each set's numbers taken from last time (its reps, load, time, distance).

    Ranges and the effort asked for stay as planned; a set with no counterpart keeps its target.
    """
    filled = []
    counts: dict[SetType, int] = {}
    for target in targets:
        ordinal = counts.get(target.set_type, 0)
        counts[target.set_type] = ordinal + 1
        past = past_set_for(last, target.set_type, ordinal)
        if past is None:
            filled.append(target)
            continue
        reps = target.reps
        if past.reps is not None and past.reps > 0 and not target.is_range:
            reps = past.reps
        filled.append(SetTarget(
            target.set_type, reps, target.reps_max, past.load_kg if past.load_kg is not None else target.load_kg,
            target.rpe, target.rir, past.duration_s if past.duration_s is not None else target.duration_s,
            past.distance_m if past.distance_m is not None else target.distance_m, target.rest_s))
    return tuple(filled)


def _seconds(seconds: int) -> str:
    minutes, rest = divmod(int(seconds), 60)
    if not minutes:
        return f"{rest} s"
    return f"{minutes}:{rest:02d}"
