"""Trends on hand-computed inputs: the fitted line, buckets, rolling means, records, kinds."""

import math
import warnings
from datetime import date

import numpy as np
import pytest

from liftcalm.core.trends import (
    ExerciseSet,
    GraphFilter,
    Period,
    SessionRatings,
    SessionTotals,
    bucket_label,
    bucket_starts,
    exercise_progress,
    fit_line,
    over_time,
    rolling_mean,
    strength_vs_calm,
    stress_vs_volume,
)


def days(*texts):
    return np.array(texts, dtype="datetime64[D]")


def totals(session_id, day, volume_kg=0.0, stress=(), relief=(), routine="Legs"):
    """A session's totals from its rated stress values and reliefs, as the store sums them."""
    return SessionTotals(session_id, day, routine, volume_kg, float(sum(stress)), len(stress), float(sum(relief)),
                         len(relief))


# The fitted line

def test_fit_line_on_an_exact_line():
    fit = fit_line(range(12), [2 * x + 1 for x in range(12)])
    assert (fit.slope, fit.intercept, fit.r, fit.n, fit.enough) == (pytest.approx(2.0), pytest.approx(1.0),
                                                                   pytest.approx(1.0), 12, True)


def test_fit_line_by_hand():
    # x mean 3, y mean 4; Sxx = 10, Sxy = 6, Syy = 6: slope 0.6, intercept 4 - 0.6 * 3 = 2.2, r = 6 / sqrt(60).
    fit = fit_line([1, 2, 3, 4, 5], [2, 4, 5, 4, 5])
    assert fit.slope == pytest.approx(0.6)
    assert fit.intercept == pytest.approx(2.2)
    assert fit.r == pytest.approx(6 / math.sqrt(60))
    assert fit.n == 5 and not fit.enough  # computed, but five sessions are too few to present a trend


def test_a_falling_line_has_negative_r():
    fit = fit_line([1000, 2000, 3000, 4000, 5000, 6000], [8, 7, 6, 5, 4, 3])
    assert fit.slope == pytest.approx(-0.001)
    assert fit.r == pytest.approx(-1.0)


def test_fit_line_leaves_out_missing_points():
    fit = fit_line([1, 2, 3, 100, 4, 5], [2, 4, 5, np.nan, 4, 5])
    assert fit.n == 5
    assert fit.slope == pytest.approx(0.6)


def test_equal_volumes_give_no_line_and_no_warning():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fit = fit_line([0.1, 0.1, 0.1, 0.1, 0.1, 0.1], [1, 2, 3, 4, 5, 6])
    assert (fit.slope, fit.intercept, fit.r, fit.n, fit.enough) == (None, None, None, 6, False)


def test_equal_stress_gives_a_flat_line_without_r():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fit = fit_line([1, 2, 3, 4, 5], [0.1] * 5)
    assert fit.slope == pytest.approx(0.0, abs=1e-12)
    assert fit.intercept == pytest.approx(0.1)
    assert fit.r is None


@pytest.mark.parametrize("n", [0, 1, 4, 5, 11])
def test_fewer_than_twelve_points_are_not_enough(n):
    fit = fit_line(range(n), [2 * x for x in range(n)])
    assert fit.n == n and not fit.enough


# Stress against volume

def test_stress_vs_volume_keeps_unrated_sessions_out_of_the_line():
    sessions = [totals(1, "2026-01-05", 1000.0, [2, 4]),  # mean 3
                totals(2, "2026-01-07", 2000.0, [4]),
                totals(3, "2026-01-09", 9000.0),  # nothing rated: a point without stress, not in the fit
                totals(4, "2026-01-12", 3000.0, [5, 5, 5]),
                totals(5, "2026-01-14", 4000.0, [7]),
                totals(6, "2026-01-16", 5000.0, [8, 10])]  # mean 9
    result = stress_vs_volume(sessions)
    assert result.session_ids.tolist() == [1, 2, 3, 4, 5, 6]
    assert result.days[2] == np.datetime64("2026-01-09")
    assert result.volume_kg.tolist() == [1000.0, 2000.0, 9000.0, 3000.0, 4000.0, 5000.0]
    assert np.isnan(result.mean_stress[2])
    assert result.mean_stress[[0, 1, 3, 4, 5]].tolist() == [3.0, 4.0, 5.0, 7.0, 9.0]
    assert result.rated_sets.tolist() == [2, 1, 0, 3, 1, 2]
    assert result.left_out == 1
    # x 1000..5000 against 3, 4, 5, 7, 9 (mean 5.6): Sxx = 1e7, Sxy = 15000, so 0.0015 a kilogram and
    # 5.6 - 0.0015 * 3000 = 1.1 at no volume. Five sessions are too few to present it.
    assert result.fit.n == 5 and not result.fit.enough
    assert result.fit.slope == pytest.approx(0.0015)
    assert result.fit.intercept == pytest.approx(1.1)
    assert (result.n, result.slope, result.r, result.shown) == (5, None, None, False)


def test_stress_vs_volume_with_nothing():
    result = stress_vs_volume([])
    assert len(result.days) == 0 and result.left_out == 0 and not result.fit.enough


# Buckets over time

def test_weeks_across_the_year_boundary_follow_iso_week_53():
    # 2026 has an ISO week 53 (Mon 28 Dec to Sun 3 Jan); 2027-W01 starts Mon 4 Jan.
    keys = bucket_starts(days("2026-12-27", "2026-12-28", "2026-12-31", "2027-01-01", "2027-01-03", "2027-01-04"),
                         Period.WEEK)
    assert keys.tolist() == [date(2026, 12, 21), date(2026, 12, 28), date(2026, 12, 28), date(2026, 12, 28),
                             date(2026, 12, 28), date(2027, 1, 4)]
    assert [bucket_label(k, Period.WEEK) for k in np.unique(keys)] == ["2026-W52", "2026-W53", "2027-W01"]


def test_months_and_days_start_where_they_should():
    assert bucket_starts(days("2026-12-31", "2027-01-01"), Period.MONTH).tolist() == [date(2026, 12, 1),
                                                                                    date(2027, 1, 1)]
    assert bucket_starts(days("2026-03-29"), Period.DAY).tolist() == [date(2026, 3, 29)]
    assert bucket_label(date(2027, 1, 1), Period.MONTH) == "2027-01"
    assert bucket_label(np.datetime64("2027-01-01"), Period.DAY) == "2027-01-01"


def test_weekly_buckets_pool_every_rating():
    sessions = [totals(1, "2026-12-31", 1000.0, [9], [4]),
                totals(2, "2027-01-02", 500.0, [1, 1, 1], [1, 2]),  # the same ISO week, 2026-W53
                totals(3, "2027-01-04", 800.0, [6], [])]  # 2027-W01
    result = over_time(sessions, Period.WEEK)
    assert result.starts.tolist() == [date(2026, 12, 28), date(2027, 1, 4)]
    assert result.volume_kg.tolist() == [1500.0, 800.0]
    # Every rated set counts once: (9 + 1 + 1 + 1) / 4 = 3, not the mean of session means (9 + 1) / 2 = 5.
    assert result.mean_stress.tolist() == [3.0, 6.0]
    assert result.rated_sets.tolist() == [4, 1]
    assert result.mean_relief[0] == pytest.approx(7 / 3)
    assert np.isnan(result.mean_relief[1])
    assert result.relief_sets.tolist() == [3, 0]
    assert result.sessions.tolist() == [2, 1]


def test_buckets_without_sessions_are_kept_empty():
    sessions = [totals(1, "2026-01-15", 1000.0, [4]), totals(2, "2026-04-02", 2000.0)]
    result = over_time(sessions, Period.MONTH)
    assert result.starts.tolist() == [date(2026, 1, 1), date(2026, 2, 1), date(2026, 3, 1), date(2026, 4, 1)]
    assert result.volume_kg.tolist() == [1000.0, 0.0, 0.0, 2000.0]
    assert result.sessions.tolist() == [1, 0, 0, 1]
    assert result.mean_stress[0] == 4.0 and np.isnan(result.mean_stress[1:]).all()


def test_daily_buckets_over_the_short_dst_day():
    sessions = [totals(1, "2026-03-28", 100.0), totals(2, "2026-03-29", 200.0), totals(3, "2026-03-29", 50.0),
                totals(4, "2026-03-30", 400.0)]
    result = over_time(sessions, Period.DAY)
    assert result.starts.tolist() == [date(2026, 3, 28), date(2026, 3, 29), date(2026, 3, 30)]
    assert result.volume_kg.tolist() == [100.0, 250.0, 400.0]


def test_no_sessions_no_buckets():
    result = over_time([], Period.WEEK)
    assert len(result.starts) == 0 and len(result.volume_kg) == 0


# Rolling mean

def test_rolling_mean_skips_missing_values():
    values = [1.0, np.nan, 3.0, np.nan, np.nan, 6.0]
    np.testing.assert_array_equal(rolling_mean(values, 1), values)
    np.testing.assert_array_equal(rolling_mean(values, 2), [1.0, 1.0, 3.0, 3.0, np.nan, 6.0])
    np.testing.assert_array_equal(rolling_mean(values, 3), [1.0, 1.0, 2.0, 3.0, 3.0, 6.0])
    np.testing.assert_array_equal(rolling_mean([np.nan, np.nan], 4), [np.nan, np.nan])
    assert len(rolling_mean([], 3)) == 0


def test_rolling_mean_needs_a_window():
    with pytest.raises(ValueError):
        rolling_mean([1.0], 0)


# Progress of one exercise

def a_set(session_id, day, reps, load_kg, set_type="working", routine_id=1):
    return ExerciseSet(session_id, day, routine_id, set_type, reps, load_kg)


PROGRESS = [
    a_set(1, "2026-01-05", 1, 150.0, "warmup"),  # a heavy warm-up single: never a best set
    a_set(1, "2026-01-05", 5, 100.0),  # e1RM 116.67, the first: a record
    a_set(2, "2026-01-08", 3, 105.0),  # 115.5: below it
    a_set(3, "2026-01-12", 5, 100.0, routine_id=2),  # 116.67
    a_set(3, "2026-01-12", 10, 90.0, "drop", routine_id=2),  # 120: any set type but warm-up counts, a record
    a_set(3, "2026-01-12", 1, 120.0, routine_id=2),  # 120 again: the first set to reach it stays the best set
    a_set(4, "2026-01-15", 1, 120.0),  # equal to the best: not a record
    a_set(5, "2026-01-19", 5, 0.0),  # no load, no estimate: no point
    a_set(6, "2026-01-22", 2, 115.0),  # 122.67: a record
]


def test_best_set_per_session_and_records():
    result = exercise_progress(PROGRESS)
    assert result.session_ids.tolist() == [1, 2, 3, 4, 6]
    np.testing.assert_allclose(result.e1rm_kg, [350 / 3, 115.5, 120.0, 120.0, 115 * (1 + 2 / 30)])
    assert result.reps.tolist() == [5, 3, 10, 1, 2]
    assert result.load_kg.tolist() == [100.0, 105.0, 90.0, 120.0, 115.0]
    assert result.is_record.tolist() == [True, False, True, False, True]
    assert result.days[0] == np.datetime64("2026-01-05")


def test_records_are_judged_on_all_history_whatever_is_shown():
    result = exercise_progress(PROGRESS, GraphFilter(start=date(2026, 1, 10), routine_id=1))
    assert result.session_ids.tolist() == [4, 6]
    assert result.is_record.tolist() == [False, True]


# Strength against calm

def test_strength_vs_calm_means_and_pairs():
    sessions = [SessionRatings(1, "2026-01-05", "strength", 5, 3),
                SessionRatings(2, "2026-01-06", "calm", 7, 3),
                SessionRatings(3, "2026-01-07", "strength", None, 2),
                SessionRatings(4, "2026-01-08", "strength", 6, None),
                SessionRatings(5, "2026-01-09", "calm", 8, 2),
                SessionRatings(6, "2026-01-10", "strength", 4, 4)]
    result = strength_vs_calm(sessions)
    strength, calm = result.strength, result.calm
    assert strength.session_ids.tolist() == [1, 3, 4, 6]
    np.testing.assert_array_equal(strength.stress_before, [5, np.nan, 6, 4])
    np.testing.assert_array_equal(strength.stress_final, [3, 2, np.nan, 4])
    assert (strength.mean_before, strength.before_count) == (5.0, 3)
    assert (strength.mean_final, strength.final_count) == (3.0, 3)
    assert (strength.mean_change, strength.pairs) == (-1.0, 2)  # (3 - 5 + 4 - 4) / 2, over sessions rating both
    assert (calm.mean_before, calm.mean_final, calm.mean_change, calm.pairs) == (7.5, 2.5, -5.0, 2)


def test_a_kind_without_ratings_has_no_means():
    result = strength_vs_calm([SessionRatings(1, "2026-01-05", "strength", None, None)])
    assert (result.strength.mean_before, result.strength.mean_final, result.strength.mean_change) == (None, None, None)
    assert (result.strength.before_count, result.strength.pairs) == (0, 0)
    assert len(result.calm.session_ids) == 0 and result.calm.mean_before is None
