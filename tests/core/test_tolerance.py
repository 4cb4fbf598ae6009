"""Stress tolerance on synthetic histories: it stays at 0 when nothing changes and finds a real change.

The null scenarios are the ones that fooled the old "stress cost": a bad first month, deloads, a
break, an upper/lower split, one mistyped load, a week of two light sets. A 95% interval holds 0
for about 95% of the weekly points of a history in each (checked over 200 seeds), but neighbouring
points share three of their four weeks, so one unlucky month moves four points together: a single
year can fall below 90% by chance (about one history in ten). So each scenario pools five fixed
histories and requires 90%, and no single history below 75%.
"""

import random
from datetime import date, timedelta

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from liftcalm.core.tolerance import (
    MIN_SETS_PER_POINT,
    TOLERANCE_CAVEAT,
    TOLERANCE_DEFINITION,
    LeftOut,
    RatedSet,
    cut_to_dates,
    stress_tolerance,
    t_quantile_975,
)
from tests.core.synthetic_history import START, Scenario, history

SEEDS = range(5)
NULL_SCENARIOS = {
    "plain": Scenario(),
    "bad first six weeks": Scenario(bad_patch_weeks=6),
    "deload every sixth week": Scenario(deload_every=6),
    "four-week break": Scenario(break_week=20),
    "upper/lower split": Scenario(split=True),
    "one load typed as 1,000 kg": Scenario(typo_week=30),
    "a week of two light sets": Scenario(light_week=30),
}
QUICK = settings(max_examples=8, deadline=None, database=None)


def week_of(point):
    return (point.date - START).days // 7


def holds_zero(points):
    return np.array([p.low <= 0 <= p.high for p in points])


def values(points):
    return np.array([p.value for p in points])


@pytest.fixture(scope="module")
def null_trends():
    return {name: [stress_tolerance(history(scenario, seed)) for seed in SEEDS]
            for name, scenario in NULL_SCENARIOS.items()}


# Nothing about the person changes

@pytest.mark.parametrize("name", NULL_SCENARIOS)
def test_with_nothing_changing_the_interval_holds_zero_for_almost_every_week(null_trends, name):
    trends = null_trends[name]
    assert all(t.enough for t in trends)
    shares = [holds_zero(t.points).mean() for t in trends]
    assert np.mean(shares) >= 0.90, shares
    assert min(shares) >= 0.75, shares
    for trend in trends:
        assert len(trend.points) >= 45  # 52 weeks, less the break's
        assert abs(values(trend.points).mean()) <= 0.2
        assert np.abs(values(trend.points)).max() <= 1.5


def test_a_bad_first_six_weeks_reads_as_usual_through_the_stress_before(null_trends):
    # The old measure called the rest of the year "31% better". Here the first weeks sit near 0; what
    # is left (about +0.15) comes from the sessions whose stress before was not rated.
    early = [p.value for t in null_trends["bad first six weeks"] for p in t.points if week_of(p) < 8]
    assert abs(np.mean(early)) <= 0.35


def test_deload_weeks_read_as_usual(null_trends):
    # Deloads are weeks 5, 11, 17, ...: windows that hold one against windows that do not.
    with_deload, without = [], []
    for trend in null_trends["deload every sixth week"]:
        for p in trend.points:
            (with_deload if week_of(p) % 6 in (5, 0, 1, 2) else without).append(p.value)
    assert abs(np.mean(with_deload) - np.mean(without)) <= 0.2


def test_after_a_break_strength_is_followed_down_and_back(null_trends):
    for trend in null_trends["four-week break"]:
        weeks = [week_of(p) for p in trend.points]
        assert 23 not in weeks  # a window inside the break holds no sessions: no point
        after = [p for p in trend.points if 24 <= week_of(p) < 32]
        assert len(after) >= 6  # the first week back may hold too few sets
        assert abs(values(after).mean()) <= 0.4
        assert holds_zero(after).mean() >= 0.75


def test_a_mistyped_load_is_flagged_left_out_and_moves_nothing():
    sets = history(Scenario(typo_week=30), seed=3)
    typo = next(s for s in sets if s.load_kg == 1000.0)
    trend = stress_tolerance(sets)
    assert trend.implausible == (typo,)
    assert trend.left_out.implausible == (typo.stress_after_set is not None)
    without = stress_tolerance([s for s in sets if s is not typo])
    assert without.implausible == ()
    assert values(trend.points) == pytest.approx(values(without.points), abs=1e-9)
    assert [p.n_sets for p in trend.points] == [p.n_sets for p in without.points]


def test_a_week_of_two_light_sets_is_compared_not_flagged():
    sets = history(Scenario(light_week=30), seed=1)
    light = [s for s in sets if (s.day - START).days // 7 == 30 and s.set_type == "working"]
    assert len(light) == 2
    trend = stress_tolerance(sets)
    assert trend.implausible == ()
    around = [p for p in trend.points if 30 <= week_of(p) <= 33]
    assert len(around) == 4 and all(p.n_sets >= MIN_SETS_PER_POINT for p in around)
    assert np.abs(values(around)).max() <= 0.8


# A real change

@pytest.mark.parametrize("change", [-2.0, 2.0])
def test_a_two_point_change_at_the_same_effort_is_found_with_its_sign(change):
    # Stress at the same effort moves by `change` from week 26 to week 52. The usual is the whole
    # year's, which the change moves by about change / 4, so the last six weeks read about 1.1 off.
    late, late_values = [], []
    for seed in range(3):
        trend = stress_tolerance(history(Scenario(change=change), seed))
        points = [p for p in trend.points if week_of(p) >= 46]
        late += [(p.high < 0) if change < 0 else (p.low > 0) for p in points]
        late_values += [p.value for p in points]
    assert np.mean(late) >= 0.9
    assert np.sign(np.mean(late_values)) == np.sign(change) and abs(np.mean(late_values)) >= 0.8


@pytest.mark.parametrize("change", [-2.0, 2.0])
def test_the_change_shows_within_four_months_as_it_happens(change):
    # As the app would have shown it then: the history up to 16 weeks after the change began.
    for seed in range(3):
        cut = START + timedelta(weeks=26 + 16)
        trend = stress_tolerance([s for s in history(Scenario(change=change), seed) if s.day < cut])
        last = trend.points[-1]
        assert (last.high < 0) if change < 0 else (last.low > 0), (seed, last)


# Not enough data

def test_too_few_rated_sets_say_not_enough_and_draw_nothing():
    first_week = [s for s in history(seed=2) if s.day < START + timedelta(days=7)]
    trend = stress_tolerance(first_week)
    assert not trend.enough and trend.points == ()
    assert trend.n_sets == 0 and trend.left_out.exercise_rarely_rated > 0  # no exercise rated 10 times yet
    assert stress_tolerance([]) == stress_tolerance(iter([]))
    assert not stress_tolerance([]).enough


def test_fewer_than_forty_rated_sets_are_not_enough():
    trend = stress_tolerance(weekly_sessions(5, 7, random.Random(4)))
    assert (trend.n_sets, trend.n_sessions, trend.enough, trend.points) == (35, 5, False, ())
    assert stress_tolerance(weekly_sessions(5, 8, random.Random(4))).enough


def a_set(session_id, day, stress=5, before=3, exercise_id=1, reps=5, load_kg=100.0, rpe=None, set_type="working",
          is_bodyweight=False):
    return RatedSet(session_id, day, exercise_id, set_type, reps, load_kg, rpe, stress, before, is_bodyweight)


def weekly_sessions(weeks, sets_per_session, rng):
    """One session a week, every set of it rated."""
    sets = []
    for week in range(weeks):
        day = START + timedelta(weeks=week, days=2)
        for _ in range(sets_per_session):
            sets.append(a_set(week + 1, day, stress=rng.randint(3, 7), before=rng.randint(1, 6),
                              reps=rng.randint(4, 6), load_kg=rng.choice([90.0, 95.0, 100.0])))
    return sets


def test_four_sessions_rated_plenty_but_fewer_sets_than_the_minimum_per_window_draw_no_point():
    # Fit on 60 sets over 12 sessions, but four weekly sessions of 4 sets are 16 in any window: no point.
    trend = stress_tolerance(weekly_sessions(12, 4, random.Random(1)))
    assert trend.enough and trend.n_sets == 48
    assert trend.points == ()
    trend = stress_tolerance(weekly_sessions(12, 5, random.Random(1)))
    assert trend.points and all(p.n_sets == 20 and p.n_sessions == 4 for p in trend.points)
    assert min(p.date for p in trend.points) == START + timedelta(weeks=3, days=6)  # the 4th Sunday


def test_five_sessions_are_needed_to_fit():
    trend = stress_tolerance(weekly_sessions(4, 12, random.Random(2)))
    assert trend.n_sets == 48 and trend.n_sessions == 4 and not trend.enough and trend.points == ()


# Missing is never 0

def test_every_working_set_is_either_compared_or_left_out_for_one_reason():
    sets = history(Scenario(typo_week=10), seed=4)
    trend = stress_tolerance(sets)
    working = [s for s in sets if s.set_type == "working"]
    assert trend.n_sets + trend.left_out.total == len(working)
    assert trend.left_out.unrated == sum(s.stress_after_set is None for s in working) > 0


@given(seed=st.integers(0, 10_000), share=st.floats(0.3, 0.9))
@QUICK
def test_unrated_sets_are_not_points_and_not_zeros(seed, share):
    sets = history(Scenario(weeks=16), seed)
    rng = random.Random(seed)
    # Copies of the last four weeks' working sets without a rating: same reps and load, so strength
    # is unmoved.
    late = START + timedelta(weeks=12)
    copies = [s._replace(stress_after_set=None) for s in sets
              if s.set_type == "working" and s.day >= late and rng.random() < share]
    base, padded = stress_tolerance(sets), stress_tolerance(sets + copies)
    assert values(padded.points) == pytest.approx(values(base.points), abs=1e-9)
    assert padded.left_out.unrated == base.left_out.unrated + len(copies)
    zeros = stress_tolerance(sets + [c._replace(stress_after_set=0) for c in copies])
    assert zeros.points[-1].value < base.points[-1].value - 0.2  # as zeros they would read as calm


@given(seed=st.integers(0, 10_000), shift=st.integers(-2, 3))
@QUICK
def test_a_session_without_stress_before_is_not_read_as_calm(seed, shift):
    # Shifting every rated stress before leaves the comparison as it was: a missing one stands apart
    # (it is not 0, or the shift would move those sessions against the rest).
    sets = history(Scenario(weeks=16, skip_before=0.3), seed)
    shifted = [s if s.stress_before is None else s._replace(stress_before=s.stress_before + shift) for s in sets]
    assert values(stress_tolerance(shifted).points) == pytest.approx(values(stress_tolerance(sets).points), abs=1e-9)


@given(seed=st.integers(0, 10_000))
@QUICK
def test_the_order_of_the_sets_does_not_matter(seed):
    sets = history(Scenario(weeks=16), seed)
    shuffled = sets[:]
    random.Random(seed).shuffle(shuffled)
    first, second = stress_tolerance(sets), stress_tolerance(shuffled)
    assert [p.n_sets for p in first.points] == [p.n_sets for p in second.points]
    assert values(first.points) == pytest.approx(values(second.points), abs=1e-9)


# Effort without a load, rarely rated exercises

def test_sets_without_a_way_to_compare_effort_are_left_out_by_reason():
    rng = random.Random(3)
    sets = weekly_sessions(10, 6, rng)
    for week in range(10):
        day = START + timedelta(weeks=week, days=2)
        sets += [a_set(week + 1, day, exercise_id=2, reps=0, load_kg=0.0),  # nothing to compare by
                 a_set(week + 1, day, exercise_id=3, reps=8, load_kg=0.0, rpe=8.0),  # by RPE
                 a_set(week + 1, day, exercise_id=4, reps=rng.randint(6, 10), load_kg=0.0, is_bodyweight=True)]
    sets.append(a_set(1, START + timedelta(days=2), exercise_id=5))  # one set of an exercise: no usual to compare
    sets.append(a_set(1, START + timedelta(days=2), set_type="warmup", load_kg=40.0))  # warm-ups are no points
    trend = stress_tolerance(sets)
    assert trend.left_out == LeftOut(unrated=0, implausible=0, no_comparable_effort=10, exercise_rarely_rated=1)
    assert trend.n_sets == 60 + 10 + 10


def test_the_points_can_follow_one_exercise_on_the_whole_fit():
    sets = history(seed=5)
    every, squat = stress_tolerance(sets), stress_tolerance(sets, exercise_id=1)
    assert squat.n_sets == every.n_sets  # the same fit
    assert sum(p.n_sets for p in squat.points) < sum(p.n_sets for p in every.points)
    assert stress_tolerance(sets, exercise_id=99).points == ()


# The date range, the interval, the words

def test_cutting_to_dates_keeps_the_whole_history_fit():
    trend = stress_tolerance(history(seed=6))
    start, end = date(2025, 3, 1), date(2025, 5, 31)
    cut = cut_to_dates(trend, start, end)
    assert cut.points == tuple(p for p in trend.points if start <= p.date <= end)
    assert len(cut.points) == 13 and all(p.date.weekday() == 6 for p in cut.points)
    assert (cut.n_sets, cut.left_out, cut.enough) == (trend.n_sets, trend.left_out, trend.enough)
    assert cut_to_dates(trend, None, None) == trend
    assert cut_to_dates(trend, date(2030, 1, 1), None).points == ()


def test_t_quantiles():
    assert t_quantile_975(np.array([1, 2, 10, 30])) == pytest.approx([12.706, 4.303, 2.228, 2.042])
    assert t_quantile_975(np.array([40, 100, 1000])) == pytest.approx([2.021, 1.984, 1.962], abs=1e-3)


def test_the_words_say_what_it_is_and_what_moves_it():
    assert TOLERANCE_DEFINITION.startswith("Stress after working sets, compared with your usual")
    assert TOLERANCE_DEFINITION.count(". ") == 1 and TOLERANCE_DEFINITION.endswith(".")
    for word in ("Life stress", "deloads", "breaks", "not a diagnosis"):
        assert word in TOLERANCE_CAVEAT
