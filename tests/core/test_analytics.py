"""Analytics on hand-computed sets: Epley, volume load over working sets, means that skip missing ratings."""

import pytest

from liftcalm.core.analytics import SetRecord, epley_e1rm, mean_or_none, relief, volume_load


def a_set(set_type, reps, load_kg, after=None, end=None, exercise_id=1):
    return SetRecord(exercise_id, "Squat", set_type, reps, load_kg, None, after, end)


def test_epley_one_rep_is_the_load_itself():
    assert epley_e1rm(140.0, 1) == 140.0


@pytest.mark.parametrize("load_kg, reps, expected", [
    (100.0, 5, 350 / 3),  # 100 * (1 + 5/30) = 116.67
    (90.0, 10, 120.0),  # 90 * (1 + 10/30)
    (60.0, 5, 70.0),
    (100.0, 2, 320 / 3),  # 2 reps already uses the formula: 106.67
])
def test_epley_estimates(load_kg, reps, expected):
    assert epley_e1rm(load_kg, reps) == pytest.approx(expected, abs=1e-9)


@pytest.mark.parametrize("load_kg, reps", [(100.0, 0), (100.0, -1), (0.0, 5), (-10.0, 5)])
def test_epley_needs_reps_and_a_load(load_kg, reps):
    assert epley_e1rm(load_kg, reps) is None


def test_volume_load_counts_working_sets_only():
    sets = [
        a_set("warmup", 5, 60.0),  # 300, preparation: left out
        a_set("working", 5, 100.0),  # 500
        a_set("working", 8, 80.0),  # 640
        a_set("drop", 10, 50.0),  # 500, left out
        a_set("failure", 3, 100.0),  # 300, left out
    ]
    assert volume_load(sets) == 1140.0
    assert volume_load([]) is None  # nothing to sum: not known, never 0


def test_mean_skips_missing_ratings_rather_than_counting_them_as_zero():
    assert mean_or_none([None, 4, 6]) == 5.0
    assert mean_or_none([0, None, 3]) == 1.5  # 0 is an answer
    assert mean_or_none([None, None]) is None
    assert mean_or_none([]) is None
    assert mean_or_none(iter([7])) == 7.0


def test_relief_only_where_both_ratings_are_present():
    assert relief(7, 3) == 4
    assert relief(3, 5) == -2  # stress rose over the rest
    assert relief(5, 5) == 0
    assert relief(None, 3) is None
    assert relief(7, None) is None
    assert relief(None, None) is None
