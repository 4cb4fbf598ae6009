"""The session summary from hand-computed sets: counts, means, records, comparison with last time."""

import pytest

from liftcalm.core.analytics import SetRecord
from liftcalm.core.session_summary import Comparison, PersonalRecord, PreviousSession, summarize

SQUAT, BENCH, PULL_UP = 1, 2, 3


def squat(set_type, reps, load_kg, after=None, end=None):
    return SetRecord(SQUAT, "Squat", set_type, reps, load_kg, None, after, end)


def bench(set_type, reps, load_kg, after=None, end=None):
    return SetRecord(BENCH, "Bench", set_type, reps, load_kg, None, after, end)


SETS = (
    squat("warmup", 1, 150.0, after=2),  # e1RM 150, but warm-ups never make a record
    squat("working", 5, 105.0, after=6, end=3),  # e1RM 122.5: the best squat
    squat("working", 3, 110.0, after=None, end=2),  # e1RM 121.0
    bench("working", 5, 60.0, after=4, end=None),  # e1RM 70
    SetRecord(PULL_UP, "Pull-Up", "working", 8, 0.0, None, None, None),  # no load: no record
)


def test_counts_volume_and_means():
    summary = summarize(SETS, 3600.0, {}, None)
    assert summary.duration_s == 3600.0
    assert (summary.set_count, summary.working_set_count) == (5, 4)
    assert summary.volume_load_kg == 525.0 + 330.0 + 300.0  # working sets; the pull-ups move no load
    assert summary.mean_stress_after_set == 4.0  # (2 + 6 + 4) / 3; unanswered ones left out
    assert summary.rated_set_count == 3
    assert summary.mean_relief == 3.0  # only the second set has both ratings: 6 - 3
    assert summary.relief_count == 1
    assert summary.comparison is None


def test_nothing_rated_gives_no_means():
    summary = summarize([squat("working", 5, 100.0)], 60.0, {}, None)
    assert summary.mean_stress_after_set is None and summary.rated_set_count == 0
    assert summary.mean_relief is None and summary.relief_count == 0


def test_first_time_with_a_load_is_a_record_one_per_exercise():
    records = summarize(SETS, 3600.0, {}, None).records
    assert [(r.exercise_id, r.exercise_name, r.reps, r.load_kg, r.previous_best_kg) for r in records] == [
        (SQUAT, "Squat", 5, 105.0, None), (BENCH, "Bench", 5, 60.0, None)]
    assert records[0].e1rm_kg == pytest.approx(122.5)
    assert records[1].e1rm_kg == pytest.approx(70.0)


def test_a_record_must_beat_the_earlier_best_equal_is_not_enough():
    records = summarize(SETS, 3600.0, {SQUAT: 122.0, BENCH: 70.0}, None).records
    assert records == (PersonalRecord(SQUAT, "Squat", pytest.approx(122.5), 5, 105.0, 122.0),)
    assert summarize(SETS, 3600.0, {SQUAT: 122.5, BENCH: 71.0}, None).records == ()


def test_a_warm_up_heavier_than_the_earlier_best_is_no_record():
    warmup_only = [squat("warmup", 1, 150.0), squat("working", 5, 90.0)]  # working e1RM 105
    assert summarize(warmup_only, 60.0, {SQUAT: 120.0}, None).records == ()


def test_comparison_with_the_previous_session():
    previous = PreviousSession(7, "2026-03-01T18:00:00.000+01:00", 3000.0, 1000.0, 5.0)
    comparison = summarize(SETS, 3600.0, {}, previous).comparison
    assert comparison == Comparison(7, "2026-03-01T18:00:00.000+01:00", 3000.0, 1000.0, 5.0,
                                    duration_change_s=600.0, volume_change_kg=pytest.approx(155.0),  # 1155 - 1000
                                    stress_change=-1.0)  # 4 - 5


def test_comparison_changes_are_none_where_either_side_is_missing():
    unrated = PreviousSession(7, "2026-03-01T18:00:00.000+01:00", 3000.0, 1155.0, None)
    comparison = summarize(SETS, 3600.0, {}, unrated).comparison
    assert comparison.stress_change is None and comparison.mean_stress_after_set is None
    assert comparison.volume_change_kg == pytest.approx(0.0)
    assert comparison.duration_change_s == 600.0
    rated = PreviousSession(7, "2026-03-01T18:00:00.000+01:00", 3000.0, 0.0, 5.0)
    comparison = summarize([squat("working", 5, 100.0)], None, {}, rated).comparison  # no end recorded, nothing rated
    assert comparison.duration_change_s is None and comparison.stress_change is None
    assert comparison.volume_change_kg == 500.0


# Rests that ended calmer, and like with like

def test_rests_that_ended_calmer_by_two_points_or_more_are_counted():
    sets = [squat("working", 5, 100.0, after=6, end=3),  # relief 3: calmer
            squat("working", 5, 100.0, after=5, end=3),  # 2: calmer, just
            squat("working", 5, 100.0, after=5, end=4),  # 1: not by 2
            squat("working", 5, 100.0, after=4, end=7),  # -3: ended more stressed
            squat("working", 5, 100.0, after=None, end=1)]  # not a relief
    summary = summarize(sets, 600.0, {}, None)
    assert (summary.relief_count, summary.calmer_count) == (4, 2)
    assert summary.mean_relief == pytest.approx(0.75)  # (3 + 2 + 1 - 3) / 4: negative relief is kept


def test_a_shorter_session_is_compared_only_with_a_shorter_one():
    shorter_before = PreviousSession(7, "2026-03-01T18:00:00.000+01:00", 1500.0, 600.0, 5.0, shorter=True)
    summary = summarize(SETS, 1800.0, {}, shorter_before, shorter=True)
    assert summary.shorter and summary.comparison.shorter
    full_before = PreviousSession(6, "2026-02-27T18:00:00.000+01:00", 3000.0, 1200.0, 5.0)
    with pytest.raises(ValueError):
        summarize(SETS, 1800.0, {}, full_before, shorter=True)
    with pytest.raises(ValueError):
        summarize(SETS, 1800.0, {}, shorter_before)  # a full session beside a shorter one: not alike either


def test_the_summary_knows_a_shorter_session_without_an_earlier_one():
    summary = summarize(SETS, 1800.0, {}, None, shorter=True, other_version_before=True)
    assert summary.comparison is None and summary.shorter and summary.other_version_before


def test_an_early_end_is_carried_to_the_comparison():
    ended_early = PreviousSession(7, "2026-03-01T18:00:00.000+01:00", 900.0, 300.0, 6.0, ended_early=True)
    summary = summarize(SETS, 3600.0, {}, ended_early, ended_early=False)
    assert summary.comparison.ended_early and not summary.ended_early
    assert summarize(SETS, 600.0, {}, None, ended_early=True).ended_early


def test_a_set_without_reps_or_load_makes_no_record_and_no_volume():
    plank = SetRecord(PULL_UP, "Plank", "working", None, None)  # a timed set: neither was given
    summary = summarize([plank, squat("working", 5, 100.0)], 60.0, {}, None)
    assert [r.exercise_id for r in summary.records] == [SQUAT]
    assert summary.volume_load_kg == 500.0
