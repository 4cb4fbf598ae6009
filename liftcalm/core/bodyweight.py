"""Body weight in the numbers of bodyweight exercises: a dip moves the body plus the belt.

For an exercise that counts body weight (``Exercise.counts_body_weight``) the load moved is the
body weight in force that day plus the added load (weighted dips), or minus it where the load
is assistance (an assisted pull-up). Without a body weight on record the load moved is not
known: these functions return None, never a guess and never 0.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from datetime import date

from liftcalm.core.analytics import epley_e1rm
from liftcalm.core.models import Exercise, SetType

BODY_WEIGHT_RANGE_KG = (20.0, 400.0)


def body_weight_on(day: date, weights: Sequence[tuple[date, float]]) -> float | None:
    """The body weight in force on ``day``: the latest entry on or before it (``weights`` sorted by day)."""
    days = [d for d, _kg in weights]
    index = bisect_right(days, day)
    return weights[index - 1][1] if index else None


def moved_load_kg(exercise: Exercise, load_kg: float | None, body_weight_kg: float | None) -> float | None:
    """The load a set moves: the load itself, or body weight plus added load (minus assistance).

    None when it cannot be known: no load given for a loaded exercise, or no body weight for a
    bodyweight one.
    """
    if not exercise.counts_body_weight:
        return load_kg
    if body_weight_kg is None:
        return None
    extra = load_kg or 0.0
    return max(0.0, body_weight_kg - extra) if exercise.is_assisted else body_weight_kg + extra


def set_volume_kg(exercise: Exercise, set_type: SetType | str, reps: int | None, load_kg: float | None,
                  body_weight_kg: float | None) -> float | None:
    """Volume load of one set (reps × load moved), counting working sets only; None when not known.

    A warm-up, drop or failure set is 0 by definition (analytics.volume_load); a working set
    with reps or load unknown is None.
    """
    if SetType(set_type) is not SetType.WORKING:
        return 0.0
    moved = moved_load_kg(exercise, load_kg, body_weight_kg)
    if reps is None or moved is None:
        return None
    return reps * moved


def set_e1rm_kg(exercise: Exercise, reps: int | None, load_kg: float | None,
                body_weight_kg: float | None) -> float | None:
    """Epley's estimated one-rep maximum of the load moved (body weight included where it counts)."""
    moved = moved_load_kg(exercise, load_kg, body_weight_kg)
    if reps is None or moved is None:
        return None
    return epley_e1rm(moved, reps)


def check_body_weight(kg: float) -> float:
    """Return ``kg`` if it is a plausible body weight (20-400 kg), else raise ``ValidationError``."""
    from liftcalm.core.validation import ValidationError

    low, high = BODY_WEIGHT_RANGE_KG
    if isinstance(kg, bool) or not isinstance(kg, (int, float)) or not low <= kg <= high:
        raise ValidationError("body_weight", f"Body weight must be from {low:g} to {high:g} kg.")
    return float(kg)
