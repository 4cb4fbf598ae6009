"""Body weight in the numbers of bodyweight exercises: a dip moves the body plus the belt.

For an exercise whose ``Exercise.body_load`` is PLUS the load moved is the body weight in
force on the session's day plus the added load (weighted dips); for MINUS it is the body
weight less the assistance (an assisted pull-up). Without a body weight on record the load
moved is not known: None, never a guess and never 0. store/sql.MOVED_LOAD is the same rule in
SQL; tests check that the two agree.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from datetime import date

from liftcalm.core.models import BodyLoad

BODY_WEIGHT_RANGE_KG = (20.0, 400.0)


def body_weight_on(day: date, weights: Sequence[tuple[date, float]]) -> float | None:
    """The body weight in force on ``day``: the latest entry on or before it (``weights`` sorted by day)."""
    days = [d for d, _kg in weights]
    index = bisect_right(days, day)
    return weights[index - 1][1] if index else None


def moved_load_kg(load_kg: float | None, body_load: BodyLoad | str, body_weight_kg: float | None) -> float | None:
    """The load a set moves: the load itself, or body weight plus added load (minus assistance).

    None when it cannot be known: no load given for a loaded exercise, or no body weight for a
    bodyweight one.
    """
    body_load = BodyLoad(body_load)
    if body_load is BodyLoad.NONE:
        return load_kg
    if body_weight_kg is None:
        return None
    extra = load_kg or 0.0
    return max(0.0, body_weight_kg - extra) if body_load is BodyLoad.MINUS else body_weight_kg + extra


def check_body_weight(kg: float) -> float:
    """Return ``kg`` if it is a plausible body weight (20-400 kg), else raise ``ValidationError``."""
    from liftcalm.core.validation import ValidationError

    low, high = BODY_WEIGHT_RANGE_KG
    if isinstance(kg, bool) or not isinstance(kg, (int, float)) or not low <= kg <= high:
        raise ValidationError("body_weight", f"Body weight must be from {low:g} to {high:g} kg.")
    return float(kg)
