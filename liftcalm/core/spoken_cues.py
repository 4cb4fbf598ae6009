"""What the voice says during a session, in words a speech engine reads well.

Short sentences, units in full ("kilograms", "seconds"), numbers as a person would say them.
No Qt: ``ui/session/voice.py`` speaks them.
"""

from __future__ import annotations

from liftcalm.core.load_display import format_weight, load_number
from liftcalm.core.models import Exercise, SetType
from liftcalm.core.session_plan import PlannedSet
from liftcalm.core.units import Unit

TIME_LEFT_CUE_S = 30  # "30 seconds left", in rests longer than this

UNIT_WORDS = {Unit.KG: ("kilogram", "kilograms"), Unit.LB: ("pound", "pounds")}


def rest_over(next_set: PlannedSet | None, exercise: Exercise | None, unit: Unit) -> str:
    """ "Rest over. Next: Barbell Back Squat, 5 reps at 100 kilograms." (the cool-down's end: the summary)."""
    if next_set is None or exercise is None:
        return "Cool-down over. Time for the summary."
    return f"Rest over. Next: {describe_set(next_set, exercise, unit)}."


def time_left(seconds: int) -> str:
    """ "30 seconds left"."""
    return f"{duration(seconds)} left."


def set_over(calm_block: bool) -> str:
    """A timed set (or a calm practice's block) ended by the clock."""
    return "Block done." if calm_block else "Time. Set over."


def describe_set(planned: PlannedSet, exercise: Exercise, unit: Unit) -> str:
    """ "Barbell Back Squat, warm-up, 5 reps at 60 kilograms", "Plank, 45 seconds", "Box Breathing, 4 minutes"."""
    parts = [exercise.name]
    if planned.set_type is SetType.WARMUP:
        parts.append("warm-up")
    if planned.duration_s:
        return ", ".join([*parts, duration(planned.duration_s)])
    if planned.target_duration_s:
        amount = duration(planned.target_duration_s)
    elif planned.target_distance_m:
        amount = f"{format_weight(planned.target_distance_m)} meters"
    elif planned.target_reps_max and planned.target_reps_max > planned.target_reps:
        amount = f"{planned.target_reps} to {planned.target_reps_max} reps"
    else:
        amount = f"{planned.target_reps} rep" + ("" if planned.target_reps == 1 else "s")
    load = spoken_load(planned.target_load_kg, unit, exercise)
    parts.append(f"{amount} at {load}" if load else amount)
    return ", ".join(parts)


def spoken_load(kg: float | None, unit: Unit, exercise: Exercise) -> str:
    """ "100 kilograms", "body weight plus 10 kilograms", "body weight"; "" for no load."""
    words = UNIT_WORDS[unit]
    amount = load_number(kg, unit) if kg else ""
    weight = f"{amount} {words[0] if amount == '1' else words[1]}" if amount else ""
    if exercise.counts_body_weight:
        if not weight:
            return "body weight"
        return f"body weight {'minus' if exercise.is_assisted else 'plus'} {weight}"
    return weight


def duration(seconds: int) -> str:
    """ "45 seconds", "1 minute", "2 minutes 30 seconds"."""
    minutes, rest = divmod(max(0, round(seconds)), 60)
    said = []
    if minutes:
        said.append(f"{minutes} minute" + ("" if minutes == 1 else "s"))
    if rest or not minutes:
        said.append(f"{rest} second" + ("" if rest == 1 else "s"))
    return " ".join(said)
