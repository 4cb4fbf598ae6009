"""Body weight in the numbers of bodyweight exercises, by hand."""

from datetime import date

import pytest

from liftcalm.core.analytics import SetRecord, volume_left_out, volume_load
from liftcalm.core.bodyweight import body_weight_on, moved_load_kg
from liftcalm.core.load_display import display_bodyweight_load, display_set_load
from liftcalm.core.models import BodyLoad, Exercise
from liftcalm.core.session_summary import counts_for_records, personal_records, summarize
from liftcalm.core.trends import ExerciseSet, exercise_progress
from liftcalm.core.units import Unit

DIPS = Exercise(1, "Dips", equipment="bodyweight", is_bodyweight=True)
ASSISTED = Exercise(2, "Assisted Pull-Up", equipment="machine")
SQUAT = Exercise(3, "Barbell Back Squat", equipment="barbell")


def a_set(exercise, reps, load_kg, body_weight_kg, set_type="working"):
    return SetRecord(exercise.id, exercise.name, set_type, reps, load_kg, body_load=exercise.body_load,
                     body_weight_kg=body_weight_kg)


def test_how_body_weight_enters_an_exercise():
    assert DIPS.body_load is BodyLoad.PLUS and ASSISTED.body_load is BodyLoad.MINUS
    assert SQUAT.body_load is BodyLoad.NONE
    assert Exercise(4, "ASSISTED DIP", is_bodyweight=True).body_load is BodyLoad.MINUS  # assistance wins


def test_added_load_and_assistance_on_top_of_body_weight():
    assert moved_load_kg(10.0, DIPS.body_load, 80.0) == 90.0
    assert moved_load_kg(None, DIPS.body_load, 80.0) == 80.0
    assert moved_load_kg(30.0, ASSISTED.body_load, 80.0) == 50.0
    assert moved_load_kg(90.0, ASSISTED.body_load, 80.0) == 0.0  # more assistance than body: nothing moved
    assert moved_load_kg(100.0, SQUAT.body_load, 80.0) == 100.0  # body weight is not part of a squat's load here
    assert moved_load_kg(None, SQUAT.body_load, 80.0) is None
    assert moved_load_kg(10.0, DIPS.body_load, None) is None  # unknown, never a guess


def test_volume_counts_body_weight_and_leaves_out_what_is_not_known():
    sets = [a_set(DIPS, 10, 10.0, 80.0),  # 10 x 90 = 900
            a_set(DIPS, 10, 10.0, 80.0, "warmup"),  # warm-ups stay out of volume
            a_set(ASSISTED, 8, 30.0, 80.0),  # 8 x 50 = 400
            a_set(SQUAT, 5, 100.0, 80.0),  # 5 x 100 = 500
            a_set(DIPS, 12, None, None)]  # no body weight given: left out, and counted as left out
    assert volume_load(sets) == 1800.0
    assert volume_left_out(sets) == 1
    plank = SetRecord(9, "Plank", "working", None, None)  # timed: no volume by definition, not "left out"
    assert volume_left_out([plank]) == 0


def test_estimated_max_and_records_count_body_weight():
    dips = a_set(DIPS, 5, 20.0, 80.0)
    assert counts_for_records(dips) and not counts_for_records(a_set(DIPS, 5, 20.0, None))
    (record,) = personal_records([dips, a_set(DIPS, 1, 20.0, 80.0)], {})
    assert record.e1rm_kg == pytest.approx(100 * (1 + 5 / 30))  # 116.67, from 5 x (80 + 20)
    assert (record.reps, record.load_kg, record.body_load) == (5, 20.0, BodyLoad.PLUS)
    (single,) = personal_records([a_set(DIPS, 1, None, 80.0)], {})
    assert single.e1rm_kg == 80.0 and single.load_kg is None


def test_the_summary_states_the_sets_left_out():
    summary = summarize([a_set(DIPS, 10, None, None), a_set(SQUAT, 5, 100.0, None)], 600.0, {}, None)
    assert summary.volume_load_kg == 500.0 and summary.volume_left_out == 1


def test_the_exercise_graph_counts_body_weight():
    sets = [ExerciseSet(1, "2026-01-05", 1, "working", 10, None, "plus", 80.0),  # 80 x (1 + 10/30) = 106.67
            ExerciseSet(2, "2026-01-12", 1, "working", 6, 10.0, "plus", 80.0)]  # 90 x 1.2 = 108
    progress = exercise_progress(sets)
    assert progress.e1rm_kg.tolist() == pytest.approx([80 * (1 + 10 / 30), 108.0])
    assert progress.is_record.tolist() == [True, True] and progress.body_load is BodyLoad.PLUS
    assert progress.load_kg[0] != progress.load_kg[0]  # NaN: no load was added, none is shown


def test_the_latest_body_weight_on_or_before_a_day_is_in_force():
    weights = [(date(2025, 1, 1), 82.0), (date(2025, 6, 1), 79.5)]
    assert body_weight_on(date(2024, 12, 31), weights) is None
    assert body_weight_on(date(2025, 1, 1), weights) == 82.0
    assert body_weight_on(date(2025, 5, 31), weights) == 82.0
    assert body_weight_on(date(2026, 1, 1), weights) == 79.5


def test_shown_as_bw_plus_or_minus():
    assert display_bodyweight_load(10.0, Unit.KG) == "BW + 10 kg"
    assert display_bodyweight_load(20.0, Unit.KG, assisted=True) == "BW − 20 kg"
    assert display_bodyweight_load(None, Unit.KG) == "BW" and display_bodyweight_load(0.0, Unit.LB) == "BW"
    assert display_set_load(10.0, Unit.KG, "plus") == "BW + 10 kg"
    assert display_set_load(20.0, Unit.KG, BodyLoad.MINUS) == "BW − 20 kg"
    assert display_set_load(60.0, Unit.LB) == "132.5 lb" and display_set_load(None, Unit.KG) == "—"


def test_a_session_without_a_known_volume_is_not_a_point_at_0_on_the_volume_axis():
    from liftcalm.core.trends import SessionTotals, stress_vs_volume

    sessions = [SessionTotals(1, "2026-01-05", "Pull", None, 5.0, 1, 0.0, 0, 0, 4),  # dips, no body weight yet
                SessionTotals(2, "2026-01-07", "Legs", 1500.0, 4.0, 1, 0.0, 0, 0, 0)]
    result = stress_vs_volume(sessions)
    assert result.volume_kg.tolist() == [1500.0] and result.no_volume == 1 and result.volume_sets_left_out == 4
    assert volume_load([a_set(DIPS, 10, None, None)]) is None  # not known, never 0
