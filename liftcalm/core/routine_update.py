""""Update the routine with today's changes": what a finished session did differently from its routine.

Offered after a session that changed its plan. Taken over: loads other than planned, sets added or
removed, exercises added, and the order the exercises were done in. Left as planned: the
reps (a hard day's fewer reps is not a new plan), timed and distance targets, and exercises
or sets skipped (a machine taken today says nothing about next time). Pure and Qt-free.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from liftcalm.core.models import Routine, RoutineItem, SetTarget
from liftcalm.core.session_plan import PlannedSet
from liftcalm.core.session_run import LoggedSet


@dataclass(frozen=True)
class RoutineUpdate:
    routine: Routine  # the routine as it would be
    changes: tuple[str, ...]  # what would change, one line each, in words


def _sets(count: int) -> str:
    return f"{count} set{'s' if count != 1 else ''}"


def routine_update(routine: Routine, plan: tuple[PlannedSet, ...], order: tuple[int, ...],
                   logged: tuple[LoggedSet, ...], name_of: Callable[[int], str],
                   load_text: Callable[[float], str]) -> RoutineUpdate | None:
    """The routine with today's changes, or None when nothing would change or the routine no longer fits.

    ``plan``, ``order`` and ``logged`` are the finished session's (``SessionRun``). Items are
    matched by index, so a routine whose exercises changed since the session began is left alone.
    """
    items = routine.items
    if any(p.item_index < len(items) and items[p.item_index].exercise_id != p.exercise_id for p in plan):
        return None
    done = {entry.plan_index: entry for entry in logged}
    changes: list[str] = []
    updated: dict[int, RoutineItem] = {}  # item index -> the item as it would be
    for index in sorted({p.item_index for p in plan}):
        sets = [i for i in order if plan[i].item_index == index]
        did = [i for i in sets if i in done]
        if index >= len(items):  # an exercise added today: kept as done, if it was done
            if did:
                first = plan[did[0]]
                targets = [SetTarget(plan[i].set_type, plan[i].target_reps, load_kg=done[i].load_kg) for i in did]
                updated[index] = RoutineItem(first.exercise_id, rest_s=first.rest_after_s or 90).with_targets(targets)
                changes.append(f"Add {name_of(first.exercise_id)}: {_sets(len(did))}.")
            continue
        item, name = items[index], name_of(items[index].exercise_id)
        old = list(item.targets)
        targets, moved = [], []
        for i in sets:
            number = plan[i].set_number
            if i not in done:
                if number <= len(old):
                    targets.append(old[number - 1])  # not done today: kept as planned
                continue
            base = old[min(number, len(old)) - 1]
            load = done[i].load_kg
            # Only a load other than today's plan is a change: a suggestion followed is not one.
            if (load is not None and not base.duration_s and not base.distance_m and load != base.load_kg
                    and load != plan[i].target_load_kg):
                moved.append((base.load_kg, load))
                base = replace(base, load_kg=load)
            targets.append(base)
        if not targets:
            continue  # every set removed today: the routine keeps the exercise
        if len(targets) != len(old):
            changes.append(f"{name}: {_sets(len(targets))} instead of {len(old)}.")
        if moved:
            olds, news = {o for o, _ in moved}, {n for _, n in moved}
            if len(olds) == 1 and len(news) == 1:
                was = next(iter(olds))
                changes.append(f"{name}: {load_text(next(iter(news)))} instead of "
                               f"{load_text(was) if was is not None else 'no load'} ({_sets(len(moved))}).")
            else:
                changes.append(f"{name}: new loads for {_sets(len(moved))}.")
        updated[index] = item.with_targets(targets)

    # The order: the exercises as first done today, then the others in the routine's order.
    first_done: dict[int, int] = {}
    for position, entry in enumerate(logged):
        first_done.setdefault(plan[entry.plan_index].item_index, position)
    every = list(range(len(items))) + sorted(i for i in updated if i >= len(items))
    order_after = sorted((i for i in every if i in first_done), key=first_done.get) + \
        [i for i in every if i not in first_done and i < len(items)]
    if [i for i in order_after if i < len(items)] != list(range(len(items))):
        changes.append("New order: " + ", ".join(name_of(items[i].exercise_id if i < len(items)
                                                         else updated[i].exercise_id) for i in order_after) + ".")
    final = [(i, updated.get(i, items[i] if i < len(items) else None)) for i in order_after]
    final = [(i, item) for i, item in final if item is not None]
    # A superset stays one only while its partner comes right after it.
    for position, (source, item) in enumerate(final):
        if item.superset_with_next:
            follows = final[position + 1][0] if position + 1 < len(final) else None
            if follows != source + 1:
                final[position] = (source, replace(item, superset_with_next=False))
                changes.append(f"{name_of(item.exercise_id)} is no longer in a superset with the next exercise.")
    if not changes:
        return None
    return RoutineUpdate(replace(routine, items=tuple(item for _, item in final)), tuple(changes))
