"""Training numbers from logged sets: estimated maxima, volume load, mean ratings.

Pure functions over plain values, shared by the session summary and the graphs. A rating of
None means "not answered": it is left out of every mean, never counted as 0.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from liftcalm.core.models import SetType


@dataclass(frozen=True)
class SetRecord:
    """One logged set as the analytics read it. Ratings are 0-10, None where not answered."""

    exercise_id: int
    exercise_name: str
    set_type: str  # a ``SetType`` value
    reps: int | None  # None: not given (a timed set, an imported row without reps)
    load_kg: float | None  # None: not given (a timed set, a run)
    rpe: float | None = None
    stress_after_set: int | None = None
    stress_end_of_rest: int | None = None


def epley_e1rm(load_kg: float | None, reps: int | None) -> float | None:
    """Estimate the one-repetition maximum with Epley's formula, ``load * (1 + reps / 30)``.

    One rep is the load itself; no reps or no load estimates nothing (None).
    """
    if reps is None or load_kg is None or reps <= 0 or load_kg <= 0:
        return None
    if reps == 1:
        return float(load_kg)
    return load_kg * (1 + reps / 30)


def volume_load(sets: Iterable[SetRecord]) -> float:
    """Sum reps x load (kg) over working sets; a set without reps or load is left out (never counted as 0).

    Only ``working`` sets count, as the issue defines volume load: warm-ups are preparation,
    and drop and failure sets are extras whose count varies from day to day, so leaving them
    out keeps one session comparable with the next.
    """
    return float(sum(s.reps * s.load_kg for s in sets
                     if s.set_type == SetType.WORKING and s.reps is not None and s.load_kg is not None))


def mean_or_none(values: Iterable[float | None]) -> float | None:
    """Mean of the values that are not None; None if there are none."""
    present = [value for value in values if value is not None]
    return sum(present) / len(present) if present else None


def relief(stress_after_set: int | None, stress_end_of_rest: int | None) -> int | None:
    """How much stress fell over a rest (after the set minus end of rest); None unless both were rated."""
    if stress_after_set is None or stress_end_of_rest is None:
        return None
    return stress_after_set - stress_end_of_rest
