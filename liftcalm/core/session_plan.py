"""Turning a routine into the ordered sets of a session."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from liftcalm.core.models import Exercise, Routine, RoutineItem, SetTarget, SetType


@dataclass(frozen=True)
class PlannedSet:
    """One set to perform. ``rest_after_s`` is 0 between the exercises of a superset.

    ``target_reps`` is the exact reps or the bottom of a range (``target_reps_max`` its top);
    a timed set has ``target_duration_s``, a distance set ``target_distance_m`` (``duration_s``
    stays the length of a calm practice's block). ``reason`` says in one line why a suggested
    target is what it is (core.progression), empty for a plan as written. Every field is a
    plain value: a plan is kept as JSON while its session runs.
    """

    item_index: int
    exercise_id: int
    set_number: int  # 1-based, within its exercise
    set_count: int  # sets of this exercise in the plan
    set_type: SetType
    target_reps: int
    target_load_kg: float | None  # None: no load planned (logged as not given, never 0 kg; BW for a dip)
    rest_after_s: int
    duration_s: int | None = None  # a calm practice's timed block
    target_reps_max: int | None = None
    target_rpe: float | None = None
    target_rir: int | None = None
    target_duration_s: int | None = None
    target_distance_m: float | None = None
    reason: str = ""


BUILT_IN_CALM_NAME = "A short calm session"
# Long out-breaths, then attention to the body: about ten minutes, from the catalogue.
BUILT_IN_CALM_PRACTICES = ("Cyclic Sighing", "Body Scan")


def built_in_calm_routine(calm_practices: dict[str, Exercise], default_rest_s: int = 30) -> Routine | None:
    """A short calm session from the catalogue, for a person who has no calm routine of their own.

    ``calm_practices`` maps names to the catalogue's calm exercises; None when none is there.
    """
    chosen = [calm_practices[name] for name in BUILT_IN_CALM_PRACTICES if name in calm_practices]
    if not chosen:
        chosen = list(calm_practices.values())[:2]
    if not chosen:
        return None
    return Routine(None, BUILT_IN_CALM_NAME, tuple(RoutineItem.for_exercise(e, default_rest_s) for e in chosen))


def shorter_set_types(set_types: tuple[SetType, ...]) -> tuple[SetType, ...]:
    """The gentle version for a low-energy day: warm-ups kept, half the working sets
    (rounded up), no drop or failure sets."""
    warmups = tuple(t for t in set_types if t is SetType.WARMUP)
    working = sum(1 for t in set_types if t is SetType.WORKING)
    kept = max(1, math.ceil(working / 2)) if working or not warmups else 0
    return warmups + (SetType.WORKING,) * kept


def shorter_targets(targets: tuple[SetTarget, ...]) -> tuple[SetTarget, ...]:
    """``shorter_set_types`` for per-set targets: the warm-ups, then the first working sets kept."""
    types = shorter_set_types(tuple(t.set_type for t in targets))
    warmups = [t for t in targets if t.set_type is SetType.WARMUP]
    working = [t for t in targets if t.set_type is SetType.WORKING]
    kept = types.count(SetType.WORKING)
    if not working and kept:  # only drop or failure sets: one of them, done as a working set
        working = [replace(targets[0], set_type=SetType.WORKING)]
    return tuple(warmups) + tuple(working[:kept])


def superset_groups(items: tuple[RoutineItem, ...]) -> list[list[int]]:
    """Indexes of items grouped by supersets: an item marked "with next" joins the next one."""
    groups: list[list[int]] = []
    for index in range(len(items)):
        if groups and items[groups[-1][-1]].superset_with_next:
            groups[-1].append(index)
        else:
            groups.append([index])
    return groups


def plan_sets(routine: Routine, shorter: bool = False,
              reasons: Mapping[int, Sequence[str]] | None = None) -> tuple[PlannedSet, ...]:
    """The sets of ``routine`` in the order they are done, each with its own target.

    The exercises of a superset alternate (A1, B1, A2, B2...), with no rest inside a round
    and the rest of the round's last exercise after it (a set's own rest, as a warm-up ramp
    gives, wins over its item's). ``reasons`` maps an item's index to one reason per set, as
    ``progression.apply_suggestions`` returns them.
    """
    all_targets = [shorter_targets(i.targets) if shorter else i.targets for i in routine.items]
    types = [tuple(t.set_type for t in targets) for targets in all_targets]
    reasons = reasons or {}
    plan: list[PlannedSet] = []
    for group in superset_groups(routine.items):
        rounds = max(len(types[i]) for i in group)
        for round_number in range(rounds):
            members = [i for i in group if round_number < len(types[i])]
            for position, index in enumerate(members):
                item = routine.items[index]
                target = all_targets[index][round_number]
                last_in_round = position == len(members) - 1
                rest = target.rest_s if target.rest_s is not None else item.rest_s
                item_reasons = reasons.get(index, ())
                plan.append(
                    PlannedSet(
                        item_index=index,
                        exercise_id=item.exercise_id,
                        set_number=round_number + 1,
                        set_count=len(types[index]),
                        set_type=types[index][round_number],
                        target_reps=target.reps if target.reps is not None else item.target_reps,
                        target_load_kg=target.load_kg,
                        rest_after_s=rest if last_in_round else 0,
                        duration_s=item.duration_s,
                        target_reps_max=target.reps_max,
                        target_rpe=target.rpe,
                        target_rir=target.rir,
                        target_duration_s=target.duration_s,
                        target_distance_m=target.distance_m,
                        reason=item_reasons[round_number] if round_number < len(item_reasons) else "",
                    )
                )
    return tuple(plan)
