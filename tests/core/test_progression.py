"""Suggestions, each rule with a case worked out by hand (no Qt, no database)."""

import pytest

from liftcalm.core.last_time import LastTime, PastSet
from liftcalm.core.models import Exercise, ExercisePlan, Progression, Readiness, Routine, RoutineItem, SetType
from liftcalm.core.plates import PlateInventory
from liftcalm.core.progression import (
    apply_suggestions,
    default_load_step_kg,
    default_progression,
    is_very_low_day,
    round_to_step,
    suggest,
)
from liftcalm.core.session_plan import plan_sets
from liftcalm.core.units import Unit, unit_to_kg

W, WU, DROP = SetType.WORKING, SetType.WARMUP, SetType.DROP
SQUAT = Exercise(1, "Barbell Back Squat", equipment="barbell")
CURL = Exercise(2, "Dumbbell Curl", equipment="dumbbell")
ASSISTED = Exercise(3, "Assisted Pull-Up", equipment="machine")
KG = PlateInventory.default(Unit.KG)
LB = PlateInventory.default(Unit.LB)
DOUBLE = ExercisePlan(1, Progression.DOUBLE)
FIXED = ExercisePlan(1, Progression.FIXED)
NONE = ExercisePlan(1, Progression.NONE)


def ranged(load=100.0, sets=3, low=8, high=12, warmups=0):
    item = RoutineItem(1, (WU,) * warmups + (W,) * sets, low, load, 120)
    return item.with_all_working(reps=low, reps_max=high)


def last(*reps, load=100.0, exercise_id=1, types=None):
    types = types or (W,) * len(reps)
    loads = load if isinstance(load, tuple) else (load,) * len(reps)
    return LastTime(exercise_id, 7, "2025-12-29T18:00:00.000+01:00",
                    tuple(PastSet(n, t, r, kg) for n, (t, r, kg) in enumerate(zip(types, reps, loads), 1)))


def working_loads(suggestion):
    return [t.load_kg for t in suggestion.targets if t.set_type is W]


def test_double_progression_adds_the_step_once_every_set_reached_the_top_of_the_range():
    s = suggest(ranged(), SQUAT, last(12, 12, 12), Unit.KG, plan=DOUBLE, inventory=KG)
    assert s.action == "add" and working_loads(s) == [102.5, 102.5, 102.5]
    assert [(t.reps, t.reps_max) for t in s.targets] == [(8, 12)] * 3  # back to the bottom of the range
    assert s.reason == "All sets reached 12 last time: +2.5 kg."


def test_double_progression_inside_the_range_keeps_the_load_and_aims_one_rep_higher():
    s = suggest(ranged(), SQUAT, last(12, 11, 10), Unit.KG, plan=DOUBLE, inventory=KG)
    assert s.action == "reps" and working_loads(s) == [100.0] * 3
    assert s.reason == "12, 11, 10 of 8-12 last time: same load, one more rep."
    assert [r.rsplit(" ", 1)[-1] for r in s.reasons] == ["12.", "12.", "11."]  # never past the top


def test_one_rep_short_of_the_top_is_not_the_top():
    s = suggest(ranged(), SQUAT, last(12, 12, 11), Unit.KG, plan=DOUBLE, inventory=KG)
    assert s.action == "reps" and working_loads(s) == [100.0] * 3


def test_a_set_below_the_range_never_brings_more_load():
    s = suggest(ranged(), SQUAT, last(12, 12, 7), Unit.KG, plan=DOUBLE, inventory=KG)
    assert s.action == "hold" and working_loads(s) == [100.0] * 3
    assert s.reason == "Working set 3 got 7 of 8-12 last time: same load, no increase."


def test_a_missed_set_and_a_short_session_hold_the_load():
    assert suggest(ranged(), SQUAT, last(12, 0, 12), Unit.KG, plan=DOUBLE).action == "hold"
    short = suggest(ranged(), SQUAT, last(12, 12), Unit.KG, plan=DOUBLE, inventory=KG)
    assert short.action == "hold" and working_loads(short) == [100.0] * 3
    assert short.reason.startswith("2 of 3 working sets last time")


def test_fixed_step_adds_when_every_set_reached_its_reps_and_holds_after_a_failed_set():
    five = RoutineItem(1, (W,) * 3, 5, 100.0, 180)
    assert working_loads(suggest(five, SQUAT, last(5, 5, 5), Unit.KG, plan=FIXED, inventory=KG)) == [102.5] * 3
    assert working_loads(suggest(five, SQUAT, last(5, 6, 5), Unit.KG, plan=FIXED, inventory=KG)) == [102.5] * 3
    failed = suggest(five, SQUAT, last(5, 5, 4), Unit.KG, plan=FIXED, inventory=KG)
    assert failed.action == "hold" and working_loads(failed) == [100.0] * 3


def test_no_progression_repeats_last_time_rather_than_the_plan():
    """The issue's newcomer: last squat 117.5 kg × 8, the plan still says 20 kg."""
    item = RoutineItem(1, (W,) * 3, 8, 20.0, 120)
    s = suggest(item, SQUAT, last(8, 8, 8, load=117.5), Unit.KG, plan=NONE, inventory=KG)
    assert s.action == "repeat" and working_loads(s) == [117.5] * 3
    assert s.reason == "As last time: 117.5 kg (progression off)."


def test_first_time_is_the_plan_as_written():
    s = suggest(ranged(60.0), SQUAT, None, Unit.KG, plan=DOUBLE, inventory=KG)
    assert s.action == "plan" and s.reason == "First time: the plan as written."
    assert s.targets == ranged(60.0).targets


def test_a_very_low_day_holds_instead_of_adding_and_lightens_after_a_failed_set():
    low = Readiness(energy=1, motivation=2, stress=8)
    hold = suggest(ranged(), SQUAT, last(12, 12, 12), Unit.KG, plan=DOUBLE, readiness=low, inventory=KG)
    assert hold.action == "hold" and working_loads(hold) == [100.0] * 3
    assert "very low day" in hold.reason and "no increase" in hold.reason
    lighter = suggest(ranged(), SQUAT, last(12, 12, 7), Unit.KG, plan=DOUBLE, readiness=low, inventory=KG)
    assert lighter.action == "lighten" and working_loads(lighter) == [97.5] * 3
    reps = suggest(ranged(), SQUAT, last(10, 10, 10), Unit.KG, plan=DOUBLE, readiness=low, inventory=KG)
    assert working_loads(reps) == [100.0] * 3 and "no push" in reps.reason


def test_only_a_day_with_both_answers_very_low_counts_as_very_low():
    assert is_very_low_day(Readiness(2, 2, None))
    assert not is_very_low_day(Readiness(2, 3, 9))
    assert not is_very_low_day(Readiness(None, 1, 9))  # a skipped answer is not a low one
    assert not is_very_low_day(None)
    s = suggest(ranged(), SQUAT, last(12, 12, 12), Unit.KG, plan=DOUBLE, readiness=Readiness(3, 2, 9), inventory=KG)
    assert s.action == "add"


def test_pounds_add_five_pounds_to_a_barbell_and_land_on_plates():
    item = ranged(unit_to_kg(225, Unit.LB))
    s = suggest(item, SQUAT, last(12, 12, 12, load=unit_to_kg(225, Unit.LB)), Unit.LB, plan=DOUBLE, inventory=LB)
    assert working_loads(s) == pytest.approx([unit_to_kg(230, Unit.LB)] * 3)
    assert s.reason == "All sets reached 12 last time: +5 lb."


def test_dumbbells_step_by_two_kilograms_and_a_custom_step_wins():
    item = RoutineItem(2, (W,) * 3, 10, 12.0, 90).with_all_working(reps=10, reps_max=15)
    assert working_loads(suggest(item, CURL, last(15, 15, 15, load=12.0, exercise_id=2), Unit.KG,
                                 plan=ExercisePlan(2, Progression.DOUBLE))) == [14.0] * 3
    own = ExercisePlan(2, Progression.DOUBLE, load_step_kg=1.0)
    assert working_loads(suggest(item, CURL, last(15, 15, 15, load=12.0, exercise_id=2), Unit.KG,
                                 plan=own)) == [13.0] * 3


def test_the_next_step_up_is_rounded_to_what_the_plates_can_make():
    no_small_plates = PlateInventory(Unit.KG, 20.0, ((20.0, None), (10.0, None), (5.0, None)))
    s = suggest(ranged(), SQUAT, last(12, 12, 12), Unit.KG, plan=DOUBLE, inventory=no_small_plates)
    assert working_loads(s) == [110.0] * 3  # 102.5 cannot be loaded: the next loadable weight


def test_assisted_exercises_progress_by_taking_assistance_away():
    item = RoutineItem(3, (W,) * 3, 8, 30.0, 120).with_all_working(reps=6, reps_max=10)
    s = suggest(item, ASSISTED, last(10, 10, 10, load=30.0, exercise_id=3), Unit.KG,
                plan=ExercisePlan(3, Progression.DOUBLE))
    assert working_loads(s) == [25.0] * 3 and "less assistance" in s.reason


def test_an_override_never_breaks_the_next_suggestion():
    """Suggested 102.5, the person typed 110 and made every rep: next time starts from 110."""
    s = suggest(ranged(), SQUAT, last(12, 12, 12, load=110.0), Unit.KG, plan=DOUBLE, inventory=KG)
    assert working_loads(s) == [112.5] * 3
    lower = suggest(ranged(), SQUAT, last(9, 9, 9, load=90.0), Unit.KG, plan=DOUBLE, inventory=KG)
    assert working_loads(lower) == [90.0] * 3  # typed lighter: the suggestion follows


def test_a_pyramid_moves_each_set_by_the_step_from_what_it_did():
    from liftcalm.core.models import SetTarget

    item = RoutineItem(1, (W,) * 3, 8, 100.0, 120).with_targets(
        [SetTarget(W, 12, None, 60.0), SetTarget(W, 10, None, 70.0), SetTarget(W, 8, None, 80.0)])
    s = suggest(item, SQUAT, last(12, 10, 8, load=(60.0, 70.0, 80.0)), Unit.KG, plan=FIXED, inventory=KG)
    assert working_loads(s) == [62.5, 72.5, 82.5]


def test_warm_ups_follow_the_new_working_load_and_drop_sets_keep_last_times():
    from liftcalm.core.models import SetTarget

    item = RoutineItem(1, (W,), 8, 100.0, 120).with_targets(
        [SetTarget(WU, 5, None, 50.0), SetTarget(W, 8, 12, 100.0), SetTarget(W, 8, 12, 100.0),
         SetTarget(DROP, 10, None, 70.0)])
    done = last(5, 12, 12, 10, load=(50.0, 120.0, 120.0, 80.0), types=(WU, W, W, DROP))
    s = suggest(item, SQUAT, done, Unit.KG, plan=DOUBLE, inventory=KG)
    assert [t.load_kg for t in s.targets] == [60.0, 122.5, 122.5, 80.0]  # 50 % of 122.5, rounded down
    assert s.reasons[0] == "Warm-up: about 50 % of 122.5 kg." and s.reasons[3].startswith("Drop set: 80 kg")


def test_defaults_by_equipment():
    assert default_load_step_kg(SQUAT, Unit.KG) == 2.5
    assert default_load_step_kg(CURL, Unit.KG) == 2.0
    assert default_load_step_kg(SQUAT, Unit.LB) == pytest.approx(unit_to_kg(5, Unit.LB))
    assert default_load_step_kg(CURL, Unit.LB) == pytest.approx(unit_to_kg(2.5, Unit.LB))
    assert default_progression(SQUAT) is Progression.DOUBLE
    assert default_progression(Exercise(9, "Push-Up", equipment="bodyweight", is_bodyweight=True)) is Progression.NONE
    assert round_to_step(23.0, 2.0) == 24.0 and round_to_step(23.0, 2.0, "down") == 22.0
    assert round_to_step(22.0, 2.0, "up") == 22.0  # already on the grid: kept


def test_the_plan_of_a_session_carries_each_suggested_target_and_its_reason():
    routine = Routine(1, "Legs", (ranged(),))
    suggestions = {0: suggest(ranged(), SQUAT, last(12, 12, 12), Unit.KG, plan=DOUBLE, inventory=KG)}
    planned_routine, reasons = apply_suggestions(routine, suggestions)
    plan = plan_sets(planned_routine, reasons=reasons)
    assert [(p.target_reps, p.target_reps_max, p.target_load_kg) for p in plan] == [(8, 12, 102.5)] * 3
    assert plan[0].reason == "All sets reached 12 last time: +2.5 kg."


def test_as_last_time_names_the_body_weight_of_a_bodyweight_lift():
    dips = Exercise(4, "Dips", equipment="bodyweight", is_bodyweight=True)
    item = RoutineItem(4, (W,) * 2, 8, 10.0, 90)
    s = suggest(item, dips, last(8, 8, load=10.0, exercise_id=4), Unit.KG, plan=NONE, inventory=KG)
    assert s.reason == "As last time: BW + 10 kg (progression off)."
    assisted = suggest(RoutineItem(3, (W,) * 2, 8, 30.0, 90), ASSISTED, last(8, 8, load=30.0, exercise_id=3),
                       Unit.KG, plan=NONE, inventory=KG)
    assert assisted.reason == "As last time: BW − 30 kg (progression off)."


def test_a_weighted_dip_ramps_its_added_load_and_an_assisted_lift_gets_no_ramp():
    from liftcalm.core.models import SetTarget
    from liftcalm.core.progression import NO_RAMP_ASSISTED, no_ramp_reason, warmup_targets

    dips = Exercise(4, "Dips", equipment="bodyweight", is_bodyweight=True)
    item = RoutineItem(4, (W,), 8, 20.0, 90).with_targets([SetTarget(WU, 5, None, 10.0), SetTarget(W, 8, None, 20.0)])
    s = suggest(item, dips, last(5, 8, load=(10.0, 20.0), types=(WU, W), exercise_id=4), Unit.KG, plan=NONE,
                inventory=KG)
    assert s.reasons[0] == "Warm-up: about 50 % of the added 20 kg."
    # Less assistance is harder, not lighter: a ramp would turn a warm-up upside down.
    assert warmup_targets(30.0, ASSISTED, Unit.KG) == ()
    assert no_ramp_reason(ASSISTED) == NO_RAMP_ASSISTED and "with a load" in no_ramp_reason(SQUAT)
    planned = RoutineItem(3, (W,), 8, 30.0, 90).with_targets([SetTarget(WU, 8, None, 50.0),
                                                              SetTarget(W, 8, None, 30.0)])
    kept = suggest(planned, ASSISTED, last(8, 8, load=(50.0, 30.0), types=(WU, W), exercise_id=3), Unit.KG,
                   plan=NONE, inventory=KG)
    assert kept.targets[0].load_kg == 50.0  # the warm-up keeps its planned (greater) assistance
