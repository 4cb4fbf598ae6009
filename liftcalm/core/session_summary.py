"""What a session amounted to: its numbers, its personal records, and how it compares with last time.

Data only: the UI decides the words and the units. Every mean leaves unanswered ratings out,
and is None (with a count of 0) when nothing was rated.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from liftcalm.core.analytics import SetRecord, epley_e1rm, mean_or_none, relief, volume_left_out, volume_load
from liftcalm.core.models import BodyLoad, SetType

# Differences in estimated maxima smaller than this are rounding, not a record.
RECORD_MARGIN_KG = 1e-6
# A rest "ended calmer" when its relief (stress after the set minus at the end of the rest) is at
# least this many points: a change of one point can be the noise of rating on a 0-10 scale.
CALMER_BY_POINTS = 2


@dataclass(frozen=True)
class PersonalRecord:
    """The session's best set of an exercise, when its estimated 1RM beats every earlier session's.

    ``previous_best_kg`` is None the first time the exercise is done with a load. ``load_kg`` is
    the load as logged (for a bodyweight exercise the added load or assistance, possibly None);
    ``e1rm_kg`` is of the load moved, body weight counted.
    """

    exercise_id: int
    exercise_name: str
    e1rm_kg: float
    reps: int
    load_kg: float | None
    previous_best_kg: float | None
    body_load: BodyLoad = BodyLoad.NONE


@dataclass(frozen=True)
class PreviousSession:
    """The last finished session of the same routine and version, reduced to what a comparison needs.

    ``shorter`` is the version: the shorter one chosen on a low day, or the full routine.
    ``ended_early`` is True when fewer sets were logged than its plan held.
    """

    session_id: int
    started_at: str  # ISO 8601 local time with its UTC offset
    duration_s: float
    volume_load_kg: float | None  # None: no working set with a known load
    mean_stress_after_set: float | None
    shorter: bool = False
    ended_early: bool = False
    volume_left_out: int = 0  # working sets whose load moved was not known (analytics.volume_left_out)


@dataclass(frozen=True)
class Comparison:
    """The previous session's figures and this session's changes from them.

    Each change is this session minus the previous one, None where either side is missing.
    """

    session_id: int
    date: str  # the previous session's start, ISO 8601 local time with its UTC offset
    duration_s: float
    volume_load_kg: float | None
    mean_stress_after_set: float | None
    duration_change_s: float | None
    volume_change_kg: float | None
    stress_change: float | None
    shorter: bool = False  # the previous session's version, always the same as this session's
    ended_early: bool = False  # the previous session ended before its plan did
    volume_left_out: int = 0  # the previous session's working sets left out of its volume


@dataclass(frozen=True)
class SessionSummary:
    """A session's figures. ``comparison`` is with the last session of the same routine in the same
    version (shorter or full), None when there is none; ``other_version_before`` then says whether
    earlier sessions of the routine exist in the other version, which are never compared as alike.
    """

    duration_s: float | None  # None when the end was never recorded (some imports)
    set_count: int
    working_set_count: int
    volume_load_kg: float | None  # None: no working set with a known load (a plank, dips before a body weight)
    mean_stress_after_set: float | None
    rated_set_count: int  # sets with a stress rating after the set
    mean_relief: float | None
    relief_count: int  # sets rated both after the set and at the end of the rest
    records: tuple[PersonalRecord, ...]
    comparison: Comparison | None
    calmer_count: int = 0  # rests whose relief was at least CALMER_BY_POINTS, among relief_count
    shorter: bool = False  # the shorter version of the routine, chosen on a low day
    ended_early: bool = False  # fewer sets logged than the plan held
    other_version_before: bool = False
    volume_left_out: int = 0  # working sets with reps whose load moved is not known: not in the volume


def counts_for_records(logged: SetRecord) -> bool:
    """Whether a set can make or hold a record: any type but warm-up, with reps and a load moved."""
    moved = logged.moved_kg
    return (logged.set_type != SetType.WARMUP and logged.reps is not None and moved is not None
            and logged.reps >= 1 and moved > 0)


def personal_records(sets: Iterable[SetRecord], best_e1rm_before: Mapping[int, float]) -> tuple[PersonalRecord, ...]:
    """One record per exercise whose best set here beats ``best_e1rm_before`` (earlier sessions), in order.

    An exercise missing from ``best_e1rm_before`` was never done with a load: its best set is a record.
    An estimate equal to the earlier best is not a record.
    """
    best: dict[int, tuple[float, SetRecord]] = {}
    for logged in sets:
        if not counts_for_records(logged):
            continue
        e1rm = epley_e1rm(logged.moved_kg, logged.reps)
        if logged.exercise_id not in best or e1rm > best[logged.exercise_id][0]:
            best[logged.exercise_id] = (e1rm, logged)
    records = []
    for exercise_id, (e1rm, logged) in best.items():
        previous = best_e1rm_before.get(exercise_id)
        if previous is None or e1rm - previous > RECORD_MARGIN_KG:
            records.append(PersonalRecord(exercise_id, logged.exercise_name, e1rm, logged.reps, logged.load_kg,
                                          previous, logged.body_load))
    return tuple(records)


def _change(current: float | None, previous: float | None) -> float | None:
    return None if current is None or previous is None else current - previous


def summarize(sets: Iterable[SetRecord], duration_s: float | None, best_e1rm_before: Mapping[int, float],
              previous: PreviousSession | None, *, shorter: bool = False, ended_early: bool = False,
              other_version_before: bool = False) -> SessionSummary:
    """Summarize a session's logged sets, with records against earlier sessions and a comparison with ``previous``.

    ``previous`` must be of the same version (``shorter``) as this session: a shorter session is
    never compared with a full one as if alike. Raises ValueError when it is not.
    """
    sets = tuple(sets)
    volume = volume_load(sets)
    mean_stress = mean_or_none(s.stress_after_set for s in sets)
    reliefs = [relief(s.stress_after_set, s.stress_end_of_rest) for s in sets]
    comparison = None
    if previous is not None:
        if previous.shorter != shorter:
            raise ValueError("a shorter session is compared only with a shorter one, a full one with a full one")
        comparison = Comparison(previous.session_id, previous.started_at, previous.duration_s, previous.volume_load_kg,
                                previous.mean_stress_after_set, _change(duration_s, previous.duration_s),
                                _change(volume, previous.volume_load_kg),
                                _change(mean_stress, previous.mean_stress_after_set),
                                previous.shorter, previous.ended_early, previous.volume_left_out)
    return SessionSummary(
        duration_s=duration_s,
        set_count=len(sets),
        working_set_count=sum(1 for s in sets if s.set_type == SetType.WORKING),
        volume_load_kg=volume,
        volume_left_out=volume_left_out(sets),
        mean_stress_after_set=mean_stress,
        rated_set_count=sum(1 for s in sets if s.stress_after_set is not None),
        mean_relief=mean_or_none(reliefs),
        relief_count=sum(1 for r in reliefs if r is not None),
        records=personal_records(sets, best_e1rm_before),
        comparison=comparison,
        calmer_count=sum(1 for r in reliefs if r is not None and r >= CALMER_BY_POINTS),
        shorter=shorter,
        ended_early=ended_early,
        other_version_before=other_version_before,
    )
