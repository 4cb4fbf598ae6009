"""Turning a routine into the ordered sets of a session."""

from __future__ import annotations

import math
from dataclasses import dataclass

from liftcalm.core.models import Exercise, Routine, RoutineItem, SetType


@dataclass(frozen=True)
class PlannedSet:
    """One set to perform. ``rest_after_s`` is 0 between the exercises of a superset."""

    item_index: int
    exercise_id: int
    set_number: int  # 1-based, within its exercise
    set_count: int  # sets of this exercise in the plan
    set_type: SetType
    target_reps: int
    target_load_kg: float
    rest_after_s: int
    duration_s: int | None = None  # a calm practice's timed block


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


def superset_groups(items: tuple[RoutineItem, ...]) -> list[list[int]]:
    """Indexes of items grouped by supersets: an item marked "with next" joins the next one."""
    groups: list[list[int]] = []
    for index in range(len(items)):
        if groups and items[groups[-1][-1]].superset_with_next:
            groups[-1].append(index)
        else:
            groups.append([index])
    return groups


def plan_sets(routine: Routine, shorter: bool = False) -> tuple[PlannedSet, ...]:
    """The sets of ``routine`` in the order they are done.

    The exercises of a superset alternate (A1, B1, A2, B2...), with no rest inside a round
    and the rest of the round's last exercise after it.
    """
    types = [shorter_set_types(i.set_types) if shorter else i.set_types for i in routine.items]
    plan: list[PlannedSet] = []
    for group in superset_groups(routine.items):
        rounds = max(len(types[i]) for i in group)
        for round_number in range(rounds):
            members = [i for i in group if round_number < len(types[i])]
            for position, index in enumerate(members):
                item = routine.items[index]
                last_in_round = position == len(members) - 1
                plan.append(
                    PlannedSet(
                        item_index=index,
                        exercise_id=item.exercise_id,
                        set_number=round_number + 1,
                        set_count=len(types[index]),
                        set_type=types[index][round_number],
                        target_reps=item.target_reps,
                        target_load_kg=item.target_load_kg,
                        rest_after_s=item.rest_s if last_in_round else 0,
                        duration_s=item.duration_s,
                    )
                )
    return tuple(plan)
