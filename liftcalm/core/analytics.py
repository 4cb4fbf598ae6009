"""Training numbers from logged sets: estimated maxima, volume load, mean ratings.

Pure functions over plain values, shared by the session summary and the graphs. A rating of
None means "not answered": it is left out of every mean, never counted as 0.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from liftcalm.core.bodyweight import moved_load_kg
from liftcalm.core.models import BodyLoad, SetType


@dataclass(frozen=True)
class SetRecord:
    """One logged set as the analytics read it. Ratings are 0-10, None where not answered.

    ``load_kg`` is the load as logged: for a bodyweight exercise (``body_load`` not NONE) the
    added load or the assistance. ``body_weight_kg`` is the body weight in force that day.
    """

    exercise_id: int
    exercise_name: str
    set_type: str  # a ``SetType`` value
    reps: int | None  # None: not given (a timed set, an imported row without reps)
    load_kg: float | None  # None: not given (a timed set, a run)
    rpe: float | None = None
    stress_after_set: int | None = None
    stress_end_of_rest: int | None = None
    body_load: BodyLoad = BodyLoad.NONE
    body_weight_kg: float | None = None

    @property
    def moved_kg(self) -> float | None:
        """The load moved (body weight counted where it belongs); None where not known."""
        return moved_load_kg(self.load_kg, self.body_load, self.body_weight_kg)


def epley_e1rm(load_kg: float | None, reps: int | None) -> float | None:
    """Estimate the one-repetition maximum with Epley's formula, ``load * (1 + reps / 30)``.

    One rep is the load itself; no reps or no load estimates nothing (None).
    """
    if reps is None or load_kg is None or reps <= 0 or load_kg <= 0:
        return None
    if reps == 1:
        return float(load_kg)
    return load_kg * (1 + reps / 30)


def volume_load(sets: Iterable[SetRecord]) -> float | None:
    """Sum reps x load moved (kg) over working sets; None when no working set has both (never 0 for "not known").

    Only ``working`` sets count, as the issue defines volume load: warm-ups are preparation,
    and drop and failure sets are extras whose count varies from day to day, so leaving them
    out keeps one session comparable with the next. Body weight counts for bodyweight exercises;
    a set without reps or a known load is left out (``volume_left_out`` counts them).
    """
    moved = ((s.reps, s.moved_kg) for s in sets if s.set_type == SetType.WORKING)
    known = [reps * kg for reps, kg in moved if reps is not None and kg is not None]
    return float(sum(known)) if known else None


def volume_left_out(sets: Iterable[SetRecord]) -> int:
    """Working sets with reps whose load moved is not known (a dip before any body weight was given).

    Timed and distance sets have no reps and no volume by definition: they are not counted here.
    """
    return sum(1 for s in sets if s.set_type == SetType.WORKING and s.reps is not None and s.moved_kg is None)


def volume_left_out_text(count: int) -> str:
    """What to say of the working sets left out of a volume for want of a known load; "" when none were."""
    if not count:
        return ""
    sets = "1 working set" if count == 1 else f"{count:,} working sets"
    return (f"{sets} without a known load left out of the volume (for a bodyweight exercise: no body weight "
            "given in Preferences for that day or before).")


def mean_or_none(values: Iterable[float | None]) -> float | None:
    """Mean of the values that are not None; None if there are none."""
    present = [value for value in values if value is not None]
    return sum(present) / len(present) if present else None


def relief(stress_after_set: int | None, stress_end_of_rest: int | None) -> int | None:
    """How much stress fell over a rest (after the set minus end of rest); None unless both were rated."""
    if stress_after_set is None or stress_end_of_rest is None:
        return None
    return stress_after_set - stress_end_of_rest
