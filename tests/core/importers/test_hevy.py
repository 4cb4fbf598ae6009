from datetime import datetime

from liftcalm.core.importers import ImportedSet, parse_export
from liftcalm.core.models import SetType
from liftcalm.core.units import Unit
from tests.core.importers import fixture_text, heads

WARMUP, WORKING, DROP, FAILURE = SetType.WARMUP, SetType.WORKING, SetType.DROP, SetType.FAILURE


def test_newest_first_export_comes_out_oldest_first_with_every_set_type():
    result = parse_export(fixture_text("hevy_kg.csv"))
    assert (result.format, result.unit, result.skipped) == ("hevy", Unit.KG, ())
    assert heads(result) == [
        ("Push Day", datetime(2025, 12, 3, 18, 5), 3420, "", 10),
        ("Pull Day", datetime(2025, 12, 5, 11, 37), 3840, "", 2),
    ]
    push, pull = result.workouts
    assert push.sets == (
        ImportedSet("Bench Press (Barbell)", 1, WORKING, 6, 80.0, 8.0, None, "", 10),
        ImportedSet("Bench Press (Barbell)", 2, WORKING, 6, 80.0, 8.5, None, "", 11),
        ImportedSet("Plank", 1, WORKING, None, None, None, 90, "", 12),  # no reps, no weight: missing
    )
    assert pull.sets == (
        ImportedSet("Deadlift (Barbell)", 1, WARMUP, 5, 60.0, None, None, "", 2),
        ImportedSet("Deadlift (Barbell)", 2, WORKING, 5, 120.0, 8.5, None, "", 3),
        ImportedSet("Deadlift (Barbell)", 3, FAILURE, 4, 120.0, 10.0, None, "", 4),
        ImportedSet("Pull Up", 1, WORKING, 10, None, None, None, "", 5),
        ImportedSet("Pull Up", 2, WORKING, 8, None, 9.0, None, "", 6),
        ImportedSet("Bicep Curl (Dumbbell)", 1, WORKING, 10, 14.0, None, None, "", 7, superset_group=0),
        ImportedSet("Bicep Curl (Dumbbell)", 2, DROP, 8, 10.0, None, None, "", 8, superset_group=0),
        # Deadlift again: its set_index restarts at 0, its set number goes on.
        ImportedSet("Deadlift (Barbell)", 4, WORKING, 8, 100.0, 7.5, None, "", 9),
    )
    # Hevy's exercise notes are the exercise's note in that workout, not a set's.
    assert pull.exercise_notes == (("Deadlift (Barbell)", "Back-off"),) and push.exercise_notes == ()


def test_emoji_title_and_multi_line_description():
    result = parse_export(fixture_text("hevy_emoji_notes.csv"))
    assert (result.format, result.unit, result.skipped) == ("hevy", Unit.KG, ())
    assert heads(result) == [
        (
            "Leg Day 🦵🔥",
            datetime(2025, 11, 14, 7, 2),
            4380,
            "Slept badly, still hit a PR.\nNext time: more food before",
            2,
        )
    ]
    assert result.workouts[0].sets == (
        ImportedSet("Squat (Barbell)", 1, WORKING, 5, 100.0, 8.0, None, "", 2),
        ImportedSet("Squat (Barbell)", 2, WORKING, 3, 110.0, 9.5, None, "", 4),
        ImportedSet("Leg Extension (Machine)", 1, WORKING, 12, 45.5, None, None, "", 6),
    )
    assert result.workouts[0].exercise_notes == (("Squat (Barbell)", "Belt on from 100\nknee sleeves"),)


def test_weight_lbs_and_distance_miles_columns():
    result = parse_export(fixture_text("hevy_lbs.csv"), unit=Unit.KG)
    assert (result.format, result.unit, result.skipped) == ("hevy", Unit.LB, ())
    assert heads(result) == [("Full Body", datetime(2025, 10, 20, 17, 45), 2760, "", 2)]
    assert result.workouts[0].sets == (
        ImportedSet("Squat (Barbell)", 1, WORKING, 5, 102.058, None, None, "", 2),
        ImportedSet("Squat (Barbell)", 2, WORKING, 5, 102.058, None, None, "", 3),
        ImportedSet("Running", 1, WORKING, None, None, None, 840, "", 4, distance_m=2414.016),  # 1.5 mi
    )


def test_end_before_start_or_missing_gives_no_duration():
    header = (
        "title,start_time,end_time,description,exercise_title,superset_id,exercise_notes,"
        "set_index,set_type,weight_kg,reps,distance_km,duration_seconds,rpe\n"
    )
    text = (
        header
        + 'Backwards,"2 Dec 2025, 10:00","2 Dec 2025, 09:00",,Squat,,,0,normal,50,5,,,\n'
        + 'Open,"4 Dec 2025, 10:00",,,Squat,,,0,normal,50,5,,,\n'
        + 'Marathon,"6 Dec 2025, 10:00","7 Dec 2025, 10:01",,Squat,,,0,normal,50,5,,,\n'
    )
    assert [w.duration_s for w in parse_export(text).workouts] == [None, None, None]
