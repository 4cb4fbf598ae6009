"""Suggested targets for the next session, each with its reason in one line.

How it decides, for an exercise's working sets, from what was done last time:

1. Never done (or no working set logged): the plan as written, "first time".
2. A working set fell short (fewer reps than the bottom of its range, or fewer sets than
   planned): the same load as last time, never more.
3. Double progression: when every working set reached the top of its range, add the load
   step and start again at the bottom; otherwise the same load, one more rep to aim for.
   Fixed step: when every working set reached its reps, add the load step.
   None: the same load as last time.
4. On a very low day (energy and motivation both 2 or less in the readiness check) nothing is
   added: an increase becomes a hold, and a set that fell short last time becomes one step
   lighter.
5. Loads are rounded to what can be loaded (the plates for a barbell, the equipment's step
   otherwise). Suggestions start from what was actually done, so typing your own numbers
   never breaks the next suggestion.

Warm-ups follow the first working set; drop and failure sets keep last time's load.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace

from liftcalm.core.coaching import LOW_READINESS_MAX
from liftcalm.core.last_time import LastTime, past_set_for
from liftcalm.core.load_display import display_load, display_set_load
from liftcalm.core.models import (
    BodyLoad,
    Exercise,
    ExerciseKind,
    ExercisePlan,
    Measure,
    Progression,
    Readiness,
    RoutineItem,
    SetTarget,
    SetType,
)
from liftcalm.core.plates import PlateInventory, loadable_kg
from liftcalm.core.units import Unit, unit_to_kg

# The load step by equipment: what the next heavier weight usually is, in each unit.
DEFAULT_STEPS = {
    Unit.KG: {"barbell": 2.5, "dumbbell": 2.0, "kettlebell": 4.0, "machine": 5.0, "cable": 2.5},
    Unit.LB: {"barbell": 5.0, "dumbbell": 2.5, "kettlebell": 5.0, "machine": 10.0, "cable": 5.0},
}
OTHER_STEP = {Unit.KG: 2.5, Unit.LB: 5.0}
# On progression by default: loaded equipment, counted in reps. Bodyweight, bands and timed or
# distance work stay as planned unless the person chooses a rule.
PROGRESSING_EQUIPMENT = frozenset({"barbell", "dumbbell", "kettlebell", "machine", "cable"})

FIRST_TIME_REASON = "First time: the plan as written."
Rounder = Callable[[float, str], float]


@dataclass(frozen=True)
class Suggestion:
    """Suggested targets for every set of an item, a reason per set, and the exercise's reason.

    ``action`` is one of "plan" (as written), "repeat" (as last time), "reps" (same load, more
    reps to aim for), "add", "hold" or "lighten".
    """

    targets: tuple[SetTarget, ...]
    reasons: tuple[str, ...]
    reason: str
    action: str

    def item(self, item: RoutineItem) -> RoutineItem:
        """``item`` with these targets: what "use the suggestion" writes."""
        return item.with_targets(self.targets)


def is_very_low_day(readiness: Readiness | None) -> bool:
    """Energy and motivation both answered and both at or below the support threshold (2)."""
    return (readiness is not None and readiness.energy is not None and readiness.motivation is not None
            and readiness.energy <= LOW_READINESS_MAX and readiness.motivation <= LOW_READINESS_MAX)


def default_progression(exercise: Exercise) -> Progression:
    """The rule for an exercise the person set none for: double progression for loaded lifts."""
    if exercise.kind is ExerciseKind.CALM or exercise.measure is not Measure.REPS or exercise.counts_body_weight:
        return Progression.NONE
    return Progression.DOUBLE if exercise.equipment in PROGRESSING_EQUIPMENT else Progression.NONE


def default_load_step_kg(exercise: Exercise, unit: Unit) -> float:
    """The equipment's usual step, in kilograms: 2.5 kg for a barbell, 2 kg for dumbbells; 5 lb / 2.5 lb."""
    step = DEFAULT_STEPS[unit].get(exercise.equipment, OTHER_STEP[unit])
    return unit_to_kg(step, unit)


def uses_plates(exercise: Exercise) -> bool:
    """Whether loads are made of a bar and plates (the plate calculator applies)."""
    return exercise.equipment == "barbell"


def load_rounder(exercise: Exercise, step_kg: float, inventory: PlateInventory | None) -> Rounder:
    """A function ``(kg, direction) -> kg`` giving what can be loaded: plates for a barbell, else the step.

    ``direction`` is "nearest", "down" or "up".
    """
    if uses_plates(exercise) and inventory is not None:
        return lambda kg, direction="nearest": loadable_kg(kg, inventory, direction)
    return lambda kg, direction="nearest": round_to_step(kg, step_kg, direction)


def round_to_step(kg: float, step_kg: float, direction: str = "nearest") -> float:
    """``kg`` on the grid of ``step_kg`` (a load already on it is kept exactly)."""
    if step_kg <= 0:
        return kg
    units = kg / step_kg
    nearest = round(units)
    if abs(units - nearest) < 1e-6:
        return kg
    count = {"down": math.floor(units), "up": math.ceil(units)}.get(direction, nearest)
    return max(0.0, count * step_kg)


def suggest(item: RoutineItem, exercise: Exercise, last: LastTime | None, unit: Unit, *,
            plan: ExercisePlan | None = None, readiness: Readiness | None = None,
            inventory: PlateInventory | None = None) -> Suggestion:
    """Suggest every set's target for ``item`` next time, from ``last`` time and the rules above.

    ``plan`` is the exercise's rule and step (None: the defaults for its equipment); ``unit``
    words the reasons and picks the default step; ``inventory`` rounds barbell loads.
    """
    targets = item.targets
    if exercise.kind is ExerciseKind.CALM or exercise.measure is not Measure.REPS:
        return _as_planned(targets, "Timed and distance sets: as planned." if not exercise.is_calm else "")
    rule = plan.progression if plan is not None else default_progression(exercise)
    step = plan.load_step_kg if plan is not None and plan.load_step_kg else default_load_step_kg(exercise, unit)
    done = last.of_type(SetType.WORKING) if last is not None else ()
    done = tuple(s for s in done if s.reps is not None)
    working = [i for i, t in enumerate(targets) if t.set_type is SetType.WORKING]
    if not done or not working:
        return _as_planned(targets, FIRST_TIME_REASON if last is None or not working
                           else "No working sets last time: the plan as written.")
    assert last is not None
    rounder = load_rounder(exercise, step, inventory)
    step_text = display_load(step, unit)
    low_day = is_very_low_day(readiness)

    # The planned range of each working set, and what the matching set did last time.
    pairs = []
    for ordinal, index in enumerate(working):
        past = done[ordinal] if ordinal < len(done) else None
        pairs.append((index, targets[index], past))
    short = next(((n, t, p) for n, (_i, t, p) in enumerate(pairs, 1)
                  if p is not None and t.reps is not None and p.reps < t.reps), None)
    missing = len(done) < len(working)
    base = [p.load_kg if p is not None and p.load_kg is not None else done[-1].load_kg for _i, _t, p in pairs]
    base = [b if b is not None else (t.load_kg or 0.0) for b, (_i, t, _p) in zip(base, pairs)]
    at_top = all(p is not None and t.high_reps is not None and p.reps >= t.high_reps for _i, t, p in pairs)
    reached = all(p is not None and (t.reps is None or p.reps >= t.reps) for _i, t, p in pairs)

    def move(kg: float, steps: int) -> float:
        """``kg`` moved by ``steps`` load steps (an assisted exercise moves its assistance the other way)."""
        sign = -steps if exercise.is_assisted else steps
        wanted = max(0.0, kg + sign * step)
        moved = rounder(wanted, "nearest")
        if sign > 0 and moved <= kg + 1e-9:
            moved = rounder(wanted, "up")
        if sign < 0 and moved >= kg - 1e-9:
            moved = rounder(wanted, "down")
        return moved

    reps_aim: list[int | None] = [None] * len(pairs)
    if short is not None or missing:
        if short is not None:
            number, target, past = short
            why = f"working set {number} got {past.reps} of {_range_text(target)} last time"
        else:
            why = f"{len(done)} of {len(working)} working sets last time"
        if low_day and short is not None:
            loads = [move(b, -1) for b in base]
            action, reason = "lighten", f"Very low day and {why}: one step lighter ({step_text} less)."
        else:
            loads = base
            action, reason = "hold", f"{why[0].upper()}{why[1:]}: same load, no increase."
    elif rule is Progression.NONE:
        loads, action = base, "repeat"
        reason = f"As last time: {display_set_load(base[0], unit, exercise.body_load)} (progression off)."
    elif (rule is Progression.DOUBLE and at_top) or (rule is Progression.FIXED and reached):
        top = _range_text(pairs[0][1], top_only=rule is Progression.DOUBLE)
        if low_day:
            loads, action = base, "hold"
            reason = f"All sets reached {top} last time, but today is a very low day: same load, no increase."
        else:
            loads = [move(b, 1) for b in base]
            if all(abs(a - b) < 1e-9 for a, b in zip(loads, base)):
                action, reason = "hold", f"All sets reached {top} last time; no heavier weight can be loaded."
            else:
                word = "less assistance" if exercise.is_assisted else ""
                action = "add"
                reason = f"All sets reached {top} last time: {'−' if exercise.is_assisted else '+'}{step_text}" + (
                    f" ({word})." if word else ".")
    else:  # double progression inside the range
        loads, action = base, "reps"
        reps_aim = [min(t.high_reps, p.reps + 1) if p is not None and t.high_reps is not None else None
                    for _i, t, p in pairs]
        got = ", ".join(str(p.reps) for _i, _t, p in pairs if p is not None)
        reason = f"{got} of {_range_text(pairs[0][1])} last time: same load, one more rep."
        if low_day:
            reason = f"{got} of {_range_text(pairs[0][1])} last time; a very low day: same load, no push."
            reps_aim = [None] * len(pairs)

    suggested = list(targets)
    reasons = [""] * len(targets)
    for (index, target, _past), load, aim in zip(pairs, loads, reps_aim):
        suggested[index] = replace(target, load_kg=load)
        reasons[index] = reason if aim is None else f"{reason} Aim for {aim}."
    first_working_kg = loads[0]
    _warmups(suggested, reasons, targets, working, first_working_kg, exercise, rounder, inventory, unit)
    for index, target in enumerate(targets):
        if target.set_type in (SetType.DROP, SetType.FAILURE):
            ordinal = sum(1 for t in targets[:index] if t.set_type is target.set_type)
            past = past_set_for(last, target.set_type, ordinal)
            if past is not None and past.load_kg is not None:
                load = past.load_kg
                suggested[index] = replace(target, load_kg=load)
                reasons[index] = (f"{target.set_type.label} set: {display_set_load(load, unit, exercise.body_load)},"
                                  " as last time.")
            else:
                reasons[index] = f"{target.set_type.label} set: as planned."
    return Suggestion(tuple(suggested), tuple(reasons), reason, action)


def apply_suggestions(routine, suggestions: dict[int, Suggestion]):
    """The routine with each item's suggested targets, and the reasons for ``plan_sets(..., reasons=)``."""
    from liftcalm.core.models import Routine

    items = tuple(suggestions[i].item(item) if i in suggestions else item for i, item in enumerate(routine.items))
    return Routine(routine.id, routine.name, items), {i: s.reasons for i, s in suggestions.items()}


def _warmups(suggested: list[SetTarget], reasons: list[str], targets: tuple[SetTarget, ...], working: list[int],
             first_working_kg: float, exercise: Exercise, rounder: Rounder, inventory: PlateInventory | None,
             unit: Unit) -> None:
    """Warm-ups keep their share of the first working set: planned share, or an even 40-80 % ramp."""
    warmups = [i for i, t in enumerate(targets) if t.set_type is SetType.WARMUP]
    if not warmups or first_working_kg <= 0 or exercise.body_load is BodyLoad.MINUS:
        return  # an assisted lift warms up with more assistance, not less: its warm-ups stay as planned
    planned_work = targets[working[0]].load_kg or 0.0
    bar = inventory.bar_kg if inventory is not None and uses_plates(exercise) else None
    count = len(warmups)
    for n, index in enumerate(warmups):
        target = targets[index]
        planned = target.load_kg
        if planned is not None and 0 < planned < planned_work:
            share = planned / planned_work
        else:
            share = 0.5 if count == 1 else 0.4 + 0.4 * n / (count - 1)
        load = rounder(first_working_kg * share, "down")
        if bar is not None:
            load = max(load, bar)
        load = min(load, first_working_kg)
        suggested[index] = replace(target, load_kg=load)
        of = ("the added " if exercise.body_load is BodyLoad.PLUS else "") + display_load(first_working_kg, unit)
        reasons[index] = f"Warm-up: about {round(share * 100)} % of {of}."


def _as_planned(targets: tuple[SetTarget, ...], reason: str) -> Suggestion:
    return Suggestion(targets, tuple(reason for _t in targets), reason, "plan")


def _range_text(target: SetTarget, top_only: bool = False) -> str:
    if target.is_range:
        return str(target.reps_max) if top_only else f"{target.reps}-{target.reps_max}"
    return str(target.reps)


NO_RAMP_ASSISTED = ("No warm-up ramp for an assisted lift: it warms up with more assistance, not less. "
                    "Plan those sets by hand.")


def no_ramp_reason(exercise: Exercise) -> str:
    """Why no warm-up ramp can be made for a set of ``exercise``: what the person can do about it."""
    if exercise.body_load is BodyLoad.MINUS:
        return NO_RAMP_ASSISTED
    return "A warm-up ramp needs a working set with a load: give it one first."


def warmup_targets(working_kg: float, exercise: Exercise, unit: Unit, scheme=None, rest_s: int | None = None,
                   inventory: PlateInventory | None = None, plan: ExercisePlan | None = None) -> tuple[SetTarget, ...]:
    """The warm-up sets before a working set of ``working_kg`` of ``exercise`` (core.warmup's ramp).

    Loads are rounded down to what can be loaded: plates from the bar for a barbell, the load
    step otherwise. Empty when there is nothing to ramp up to, and for an assisted lift (it warms up
    with more assistance, which a ramp of less load would turn upside down: ``NO_RAMP_ASSISTED``).
    """
    from liftcalm.core.warmup import DEFAULT_SCHEME, WARMUP_REST_S, warmup_ramp

    if not working_kg or working_kg <= 0 or exercise.body_load is BodyLoad.MINUS:
        return ()
    step = plan.load_step_kg if plan is not None and plan.load_step_kg else default_load_step_kg(exercise, unit)
    rounder = load_rounder(exercise, step, inventory)
    bar = inventory.bar_kg if inventory is not None and uses_plates(exercise) else None
    return warmup_ramp(working_kg, scheme or DEFAULT_SCHEME, bar_kg=bar, round_down=lambda kg: rounder(kg, "down"),
                       rest_s=WARMUP_REST_S if rest_s is None else rest_s)


def with_warmup_ramp(item: RoutineItem, exercise: Exercise, unit: Unit, scheme=None, rest_s: int | None = None,
                     inventory: PlateInventory | None = None, plan: ExercisePlan | None = None) -> RoutineItem | None:
    """``item`` with its warm-up sets replaced by a ramp up to its first working set.

    None when there is nothing to ramp up to (no working set, or one without a load).
    """
    working = [t for t in item.targets if t.set_type is SetType.WORKING]
    if not working:
        return None
    ramp = warmup_targets(working[0].load_kg or 0.0, exercise, unit, scheme, rest_s, inventory, plan)
    return item.with_warmups(ramp) if ramp else None
