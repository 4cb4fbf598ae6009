"""Reading and checking per-set targets as a person types them: "8-12", "@8", "2 RIR", "1:30", "40 m".

Each parser returns clean values or raises ``ValidationError`` with a message fit to show beside
the cell; an empty text means "not given" (None), never 0.
"""

from __future__ import annotations

import math
import re

from liftcalm.core.load_display import display_bodyweight_load, display_load, format_weight
from liftcalm.core.models import Exercise, SetTarget
from liftcalm.core.units import Unit
from liftcalm.core.validation import (
    DURATION_RANGE_S,
    LOAD_MAX_KG,
    REPS_RANGE,
    REST_RANGE_S,
    ValidationError,
    parse_load,
    parse_rest,
)

TIMED_RANGE_S = (1, 3600)  # a plank may be 20 s: shorter than a calm block may be
DISTANCE_RANGE_M = (1.0, 50_000.0)
RIR_RANGE = (0, 10)


def parse_rep_target(text: str) -> tuple[int, int | None]:
    """"8" (exactly 8) or "8-12" (a range): return (reps, top of the range or None)."""
    stripped = text.strip().replace("–", "-").replace("—", "-").replace(" ", "")
    low, high = REPS_RANGE
    match = re.fullmatch(r"(\d+)(?:-(\d+))?", stripped)
    if match is None:
        raise ValidationError("reps", f"Reps must be a whole number from {low} to {high}, or a range like 8-12.")
    reps = int(match.group(1))
    top = int(match.group(2)) if match.group(2) else None
    for value in (reps, top):
        if value is not None and not low <= value <= high:
            raise ValidationError("reps", f"Reps must be from {low} to {high}; {value} is out of range.")
    if top is not None and top < reps:
        raise ValidationError("reps", f"A range goes from fewer to more reps: {top}-{reps}, not {reps}-{top}.")
    return reps, (None if top == reps else top)


def format_rep_target(target: SetTarget) -> str:
    if target.reps is None:
        return ""
    return f"{target.reps}-{target.reps_max}" if target.is_range else str(target.reps)


def parse_effort(text: str) -> tuple[float | None, int | None]:
    """How hard a set should feel: "8" or "@8.5" is an RPE, "2 RIR" (or "RIR 2") reps in reserve.

    Returns (rpe, rir), at most one of them given; empty text gives (None, None).
    """
    stripped = text.strip().casefold().replace(",", ".")
    if not stripped:
        return None, None
    rir = re.fullmatch(r"(?:rir\s*(\d+)|(\d+)\s*rir)", stripped)
    if rir:
        value = int(rir.group(1) or rir.group(2))
        if not RIR_RANGE[0] <= value <= RIR_RANGE[1]:
            raise ValidationError("effort", f"Reps in reserve must be from {RIR_RANGE[0]} to {RIR_RANGE[1]}.")
        return None, value
    rpe = re.fullmatch(r"(?:rpe\s*|@\s*)?(\d+(?:\.\d+)?)", stripped)
    if rpe is None:
        raise ValidationError("effort", "Effort is an RPE (8, @8.5) or reps in reserve (2 RIR), or empty.")
    value = float(rpe.group(1))
    if not 1 <= value <= 10 or value * 2 != int(value * 2):
        raise ValidationError("effort", f"RPE must be from 1 to 10 in steps of 0.5; {format_weight(value)} is not.")
    return value, None


def format_effort(target: SetTarget) -> str:
    if target.rpe is not None:
        return f"@{format_weight(target.rpe)}"
    if target.rir is not None:
        return f"{target.rir} RIR"
    return ""


def parse_target_load(text: str, unit: Unit) -> float | None:
    """A set's load typed in ``unit``; empty means none given (a bodyweight set). Returns kilograms."""
    if not text.strip():
        return None
    return parse_load(text, unit)


def parse_set_rest(text: str) -> int | None:
    """A set's own rest in seconds ("90", "1:30"); empty: the exercise's rest."""
    stripped = text.strip().removesuffix("s").strip()
    if not stripped:
        return None
    return parse_rest(str(_seconds(stripped, "rest", "Rest")))


def parse_hold(text: str) -> int:
    """A timed set's length: "60", "60 s", "1:30"."""
    stripped = text.strip().removesuffix("s").strip()
    seconds = _seconds(stripped, "duration", "Time")
    low, high = TIMED_RANGE_S
    if not low <= seconds <= high:
        raise ValidationError("duration", f"Time must be from {low} to {high} s; {seconds} is out of range.")
    return seconds


def format_seconds(seconds: int | None) -> str:
    if seconds is None:
        return ""
    minutes, rest = divmod(seconds, 60)
    return f"{minutes}:{rest:02d}" if minutes else str(rest)


def parse_distance(text: str) -> float:
    """A distance set's metres: "40", "40 m", "0.5 km"."""
    stripped = text.strip().casefold().replace(",", ".").replace(" ", "")
    factor = 1.0
    if stripped.endswith("km"):
        stripped, factor = stripped[:-2], 1000.0
    elif stripped.endswith("m"):
        stripped = stripped[:-1]
    low, high = DISTANCE_RANGE_M
    try:
        metres = float(stripped) * factor
    except ValueError:
        raise ValidationError("distance",
                              f"Distance must be in metres, from {low:g} to {high:g} (or 0.5 km).") from None
    if not math.isfinite(metres) or not low <= metres <= high:
        raise ValidationError("distance", f"Distance must be from {low:g} to {high:g} m.")
    return metres


def check_targets(targets: tuple[SetTarget, ...]) -> None:
    """Raise ``ValidationError`` for a stored per-set target out of range (a guard for every write)."""
    for number, t in enumerate(targets, 1):
        where = f"Set {number}: "
        for value in (t.reps, t.reps_max):
            if value is not None and (isinstance(value, bool) or not REPS_RANGE[0] <= value <= REPS_RANGE[1]):
                raise ValidationError("reps", f"{where}reps must be from {REPS_RANGE[0]} to {REPS_RANGE[1]}.")
        if t.reps is not None and t.reps_max is not None and t.reps_max < t.reps:
            raise ValidationError("reps", f"{where}the top of the range is below its bottom.")
        if t.load_kg is not None and not 0 <= t.load_kg <= LOAD_MAX_KG:
            raise ValidationError("load", f"{where}load must be from 0 to {LOAD_MAX_KG:g} kg.")
        if t.rpe is not None and (not 1 <= t.rpe <= 10 or t.rpe * 2 != int(t.rpe * 2)):
            raise ValidationError("effort", f"{where}RPE must be from 1 to 10 in steps of 0.5.")
        if t.rir is not None and not RIR_RANGE[0] <= t.rir <= RIR_RANGE[1]:
            raise ValidationError("effort", f"{where}reps in reserve must be from 0 to 10.")
        if t.duration_s is not None and not TIMED_RANGE_S[0] <= t.duration_s <= max(TIMED_RANGE_S[1],
                                                                                   DURATION_RANGE_S[1]):
            raise ValidationError("duration", f"{where}time must be from 1 to 3600 s.")
        if t.distance_m is not None and not DISTANCE_RANGE_M[0] <= t.distance_m <= DISTANCE_RANGE_M[1]:
            raise ValidationError("distance", f"{where}distance must be from 1 to 50000 m.")
        if t.rest_s is not None and not REST_RANGE_S[0] <= t.rest_s <= REST_RANGE_S[1]:
            raise ValidationError("rest", f"{where}rest must be from 0 to 900 s.")


def _seconds(text: str, field: str, what: str) -> int:
    match = re.fullmatch(r"(\d+)(?::(\d{1,2}))?", text)
    if match is None:
        raise ValidationError(field, f"{what} must be seconds (90) or minutes:seconds (1:30).")
    if match.group(2) is not None:
        seconds = int(match.group(2))
        if seconds >= 60:
            raise ValidationError(field, f"{what}: {text} has more than 59 seconds after the colon.")
        return int(match.group(1)) * 60 + seconds
    return int(match.group(1))


def describe_planned_target(planned, unit: Unit, exercise: Exercise | None = None) -> str:
    """A planned set's target in one line, for the set screen: "8-12 reps × 120 kg @ 8", "60 s", "10 reps × BW + 10 kg".

    ``planned`` is a ``session_plan.PlannedSet``.
    """
    if planned.target_duration_s:
        amount = f"{format_seconds(planned.target_duration_s)}{'' if planned.target_duration_s >= 60 else ' s'}"
    elif planned.target_distance_m:
        amount = f"{format_weight(planned.target_distance_m)} m"
    elif planned.target_reps_max and planned.target_reps_max > planned.target_reps:
        amount = f"{planned.target_reps}-{planned.target_reps_max} reps"
    else:
        amount = f"{planned.target_reps} reps"
    if exercise is not None and exercise.counts_body_weight:
        load = display_bodyweight_load(planned.target_load_kg, unit, exercise.is_assisted)
    else:
        load = display_load(planned.target_load_kg, unit) if planned.target_load_kg else ""
    text = f"{amount} × {load}" if load else amount
    if planned.target_rpe is not None:
        text += f" @ {format_weight(planned.target_rpe)}"
    elif planned.target_rir is not None:
        text += f", {planned.target_rir} in reserve"
    return text
