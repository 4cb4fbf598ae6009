"""Per-set targets: the model keeps them in step with the set types, plans carry them, parsers read them."""

from dataclasses import replace
from datetime import date

import pytest

from liftcalm.core.last_time import (
    FIRST_TIME,
    LastTime,
    PastSet,
    describe_day,
    describe_last_time,
    past_set_for_planned,
    targets_from_last_time,
)
from liftcalm.core.models import Exercise, Measure, Routine, RoutineItem, SetTarget, SetType
from liftcalm.core.session_plan import plan_sets, shorter_targets
from liftcalm.core.set_targets import check_targets, parse_distance, parse_effort, parse_hold, parse_rep_target
from liftcalm.core.units import Unit
from liftcalm.core.validation import ValidationError

W, WU, DROP = SetType.WORKING, SetType.WARMUP, SetType.DROP
PYRAMID = (SetTarget(W, 12, None, 60.0), SetTarget(W, 10, None, 70.0), SetTarget(W, 8, None, 80.0))


def test_an_item_built_the_old_way_has_every_set_as_its_fields_say():
    item = RoutineItem(1, (WU, W, W), 5, 100.0, 90, False, "", None)
    assert item.set_targets is None
    assert item.targets == (SetTarget(WU, 5, None, 100.0), SetTarget(W, 5, None, 100.0), SetTarget(W, 5, None, 100.0))


def test_a_pyramid_keeps_its_own_targets_and_the_item_fields_follow_the_first_working_set():
    item = RoutineItem(1).with_targets(PYRAMID)
    assert item.set_targets == PYRAMID and (item.target_reps, item.target_load_kg) == (12, 60.0)
    same = item.with_same_for_all(2)
    assert same.set_targets is None and (same.target_reps, same.target_load_kg) == (8, 80.0)  # uniform again


def test_set_types_and_targets_stay_in_step():
    item = RoutineItem(1).with_targets(PYRAMID)
    retyped = replace(item, set_types=(WU, W, DROP))  # what a change of one set's type does
    assert [t.set_type for t in retyped.targets] == [WU, W, DROP] and retyped.targets[2].reps == 8
    assert item.with_sets(5).targets[3:] == (SetTarget(W, 8, None, 80.0),) * 2  # new sets copy the last one
    assert item.with_sets(2).targets == PYRAMID[:2]
    working = item.with_all_working(reps=5)
    assert [t.reps for t in working.targets] == [5, 5, 5] and [t.load_kg for t in working.targets] == [60, 70, 80]


def test_warm_ups_come_first_whatever_their_place():
    item = RoutineItem(1).with_targets(PYRAMID)
    ramped = item.with_warmups([SetTarget(W, 10, None, 20.0, rest_s=45)])
    assert [t.set_type for t in ramped.targets] == [WU, W, W, W] and ramped.targets[0].rest_s == 45


def test_the_session_plan_gives_each_set_its_own_target_and_rest():
    item = RoutineItem(1, rest_s=120).with_targets(
        (SetTarget(WU, 10, None, 20.0, rest_s=45),) + PYRAMID[:2] + (SetTarget(DROP, 12, 15, 50.0, rpe=9.5),))
    plan = plan_sets(Routine(1, "R", (item,)))
    assert [(p.set_type, p.target_reps, p.target_reps_max, p.target_load_kg, p.rest_after_s) for p in plan] == [
        (WU, 10, None, 20.0, 45), (W, 12, None, 60.0, 120), (W, 10, None, 70.0, 120), (DROP, 12, 15, 50.0, 120)]
    assert plan[3].target_rpe == 9.5
    timed = RoutineItem(2).with_targets([SetTarget(W, duration_s=60)] * 2)
    assert [p.target_duration_s for p in plan_sets(Routine(1, "R", (timed,)))] == [60, 60]


def test_the_shorter_plan_keeps_the_warm_ups_and_the_first_working_targets():
    targets = (SetTarget(WU, 10, None, 20.0),) + PYRAMID + (SetTarget(DROP, 12, None, 40.0),)
    assert shorter_targets(targets) == (targets[0], PYRAMID[0], PYRAMID[1])


def test_timed_and_distance_exercises_start_with_a_time_or_a_distance():
    plank = Exercise(5, "Plank", is_bodyweight=True, measure=Measure.TIME)
    carry = Exercise(6, "Farmers Carry", equipment="dumbbell", measure=Measure.DISTANCE)
    assert [t.duration_s for t in RoutineItem.for_exercise(plank, 90).targets] == [30, 30, 30]
    assert [t.distance_m for t in RoutineItem.for_exercise(carry, 90).targets] == [40.0] * 3


def test_parsing_what_a_lifter_types_in_a_set_cell():
    assert parse_rep_target("8") == (8, None) and parse_rep_target("8-12") == (8, 12)
    assert parse_rep_target(" 8 – 12 ") == (8, 12) and parse_rep_target("10-10") == (10, None)
    assert parse_effort("8") == (8.0, None) and parse_effort("@8.5") == (8.5, None)
    assert parse_effort("2 RIR") == (None, 2) and parse_effort("rir 0") == (None, 0) and parse_effort("") == (None, None)
    assert parse_hold("1:30") == 90 and parse_hold("45 s") == 45
    assert parse_distance("40") == 40.0 and parse_distance("0.5 km") == 500.0
    for parse, text in ((parse_rep_target, "12-8"), (parse_rep_target, "0"), (parse_effort, "11"),
                        (parse_effort, "8.3"), (parse_hold, "0"), (parse_distance, "-3")):
        with pytest.raises(ValidationError):
            parse(text)
    with pytest.raises(ValidationError):
        check_targets((SetTarget(W, 8, 6),))


LAST = LastTime(1, 3, "2025-12-29T18:05:00.000+01:00", (
    PastSet(1, WU, 10, 20.0), PastSet(2, WU, 5, 60.0),
    PastSet(3, W, 8, 117.5, 8.0), PastSet(4, W, 8, 117.5), PastSet(5, W, 7, 117.5, 9.5, "grindy"),
    PastSet(6, DROP, 12, 80.0)), note="knees out")
SQUAT = Exercise(1, "Barbell Back Squat", equipment="barbell")


def test_last_time_in_one_line():
    line = describe_last_time(LAST, Unit.KG, date(2026, 1, 1), SQUAT)
    assert line == ("Last time, Mon 29 Dec (3 days ago): 2 warm-ups, then 8 × 117.5 kg @ 8 · 8 × 117.5 kg · "
                    "7 × 117.5 kg @ 9.5 · drop 12 × 80 kg — “knees out” “grindy”")
    assert describe_last_time(None, Unit.KG, date(2026, 1, 1)) == FIRST_TIME
    assert describe_last_time(LAST, Unit.LB, date(2026, 1, 1), SQUAT).split(": ", 1)[1].startswith(
        "2 warm-ups, then 8 × 259 lb @ 8")
    dips = Exercise(2, "Dips", is_bodyweight=True)
    past = LastTime(2, 3, "2025-12-31T10:00:00.000+00:00", (PastSet(1, W, 10, 10.0), PastSet(2, W, 12, None)))
    assert describe_last_time(past, Unit.KG, date(2026, 1, 1), dips) == \
        "Last time, yesterday: 10 × BW + 10 kg · 12 × BW"
    plank = Exercise(3, "Plank", is_bodyweight=True, measure=Measure.TIME)
    held = LastTime(3, 3, "2025-12-31T10:00:00.000+00:00", (PastSet(1, W, None, None, duration_s=75),))
    assert describe_last_time(held, Unit.KG, date(2026, 1, 1), plank) == "Last time, yesterday: 1:15 × BW"
    assert describe_day(date(2023, 3, 12), date(2026, 1, 1)) == "12 Mar 2023 (2 years ago)"


def test_fill_from_last_time_takes_each_sets_numbers_and_keeps_ranges():
    item = RoutineItem(1, (WU, W, W, W, W), 8, 100.0, 120).with_all_working(reps=8, reps_max=12)
    filled = targets_from_last_time(LAST, item.targets)
    assert [(t.set_type, t.reps, t.reps_max, t.load_kg) for t in filled] == [
        (WU, 10, None, 20.0), (W, 8, 12, 117.5), (W, 8, 12, 117.5), (W, 8, 12, 117.5), (W, 8, 12, 117.5)]
    plan = plan_sets(Routine(1, "R", (RoutineItem(1, (WU, W, W, W, W)),)))
    assert past_set_for_planned(LAST, plan, 2) == LAST.sets[3]  # the second working set
    assert past_set_for_planned(LAST, plan, 4) == LAST.sets[4]  # past the last one: the last one
    assert past_set_for_planned(None, plan, 0) is None


def test_the_set_screen_line_of_a_planned_target():
    from liftcalm.core.set_targets import describe_planned_target

    item = RoutineItem(1, rest_s=90).with_targets([
        SetTarget(W, 8, 12, 120.0, rpe=8.0), SetTarget(W, 5, None, 0.0, rir=2), SetTarget(W, duration_s=60),
        SetTarget(W, duration_s=45), SetTarget(W, distance_m=40.0, load_kg=24.0)])
    plan = plan_sets(Routine(1, "R", (item,)))
    squat = Exercise(1, "Barbell Back Squat", equipment="barbell")
    assert [describe_planned_target(p, Unit.KG, squat) for p in plan] == [
        "8-12 reps × 120 kg @ 8", "5 reps, 2 in reserve", "1:00", "45 s", "40 m × 24 kg"]
    dips = Exercise(2, "Dips", is_bodyweight=True)
    weighted = plan_sets(Routine(1, "R", (RoutineItem(2, (W,), 10, 10.0),)))[0]
    assert describe_planned_target(weighted, Unit.KG, dips) == "10 reps × BW + 10 kg"
    assert describe_planned_target(plan[0], Unit.LB, squat) == "8-12 reps × 264.5 lb @ 8"
