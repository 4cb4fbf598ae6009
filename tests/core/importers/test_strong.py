from datetime import datetime

from liftcalm.core.importers import ImportedSet, parse_export
from liftcalm.core.models import SetType
from liftcalm.core.units import Unit
from tests.core.importers import fixture_text, heads

WARMUP, WORKING, DROP, FAILURE = SetType.WARMUP, SetType.WORKING, SetType.DROP, SetType.FAILURE


def test_ios_comma_export_with_rpe_column():
    result = parse_export(fixture_text("strong_ios.csv"), unit=Unit.KG)
    assert (result.format, result.unit, result.skipped) == ("strong", Unit.KG, ())
    assert heads(result) == [
        ("Push Day", datetime(2024, 3, 5, 7, 12, 44), 3900, "", 2),
        ("Pull Day", datetime(2024, 3, 7, 18, 30, 2), 2880, "Felt strong", 7),
    ]
    push, pull = result.workouts
    assert push.sets == (
        ImportedSet("Bench Press (Barbell)", 1, WORKING, 8, 60.0, 7.5, None, "", 2),
        ImportedSet("Bench Press (Barbell)", 2, WORKING, 8, 62.5, 8.0, None, "", 3),
        ImportedSet("Bench Press (Barbell)", 3, WORKING, 7, 62.5, 9.0, None, "Last rep slow", 4),
        ImportedSet("Overhead Press (Barbell)", 1, WORKING, 6, 40.0, None, None, "", 5),
        ImportedSet("Overhead Press (Barbell)", 2, WORKING, 6, 40.0, None, None, "", 6),
    )
    assert pull.sets == (
        ImportedSet("Deadlift (Barbell)", 1, WORKING, 5, 100.0, 8.5, None, "", 7),
        ImportedSet("Deadlift (Barbell)", 2, WORKING, 3, 110.0, 9.5, None, "", 8),
        ImportedSet("Plank", 1, WORKING, None, None, None, 60, "", 9),  # reps and weight 0: not given
    )


def test_bom_and_crlf_without_rpe_column_read_in_pounds():
    text = fixture_text("strong_bom_crlf.csv")
    assert text.startswith("\ufeff") and "\r\n" in text
    result = parse_export(text, unit=Unit.LB)
    assert (result.format, result.unit, result.skipped) == ("strong", Unit.LB, ())
    assert heads(result) == [("Morning Legs", datetime(2024, 4, 2, 6, 45, 10), 3120, "", 2)]
    assert result.workouts[0].sets == (
        ImportedSet("Squat (Barbell)", 1, WORKING, 5, 36.287, None, None, "", 2),
        ImportedSet("Squat (Barbell)", 2, WORKING, 5, 38.555, None, None, "", 3),
        ImportedSet("Romanian Deadlift (Barbell)", 1, WORKING, 8, 31.751, None, None, "", 4),
    )


def test_quoted_multi_line_notes_with_commas_keep_the_line_where_each_row_starts():
    result = parse_export(fixture_text("strong_multiline_notes.csv"), unit=Unit.KG)
    assert result.skipped == ()
    assert heads(result) == [
        (
            "Upper A",
            datetime(2024, 5, 11, 9, 3, 27),
            3480,
            "Busy gym, waited for the bench.\nShoulder fine, no pinch.",
            2,
        )
    ]
    assert result.workouts[0].sets == (
        ImportedSet(
            "Incline Bench Press (Dumbbell)", 1, WORKING, 10, 24.0, None, None,
            "Seat on 3, bench on 4\nnext time try 26s", 2,
        ),
        ImportedSet("Incline Bench Press (Dumbbell)", 2, WORKING, 9, 24.0, 8.0, None, "", 5),
        ImportedSet("Seated Cable Row", 1, WORKING, 12, 50.0, 8.5, None, 'Coach said "slow negatives", so I did', 7),
    )


def test_literal_backslash_n_in_notes_becomes_a_line_break():
    result = parse_export(fixture_text("strong_literal_newline.csv"), unit=Unit.KG)
    assert heads(result) == [("Lower B", datetime(2024, 6, 1, 17, 20), 2640, "Hot day\nDrank 1 l water", 2)]
    assert result.workouts[0].sets == (
        ImportedSet(
            "Bulgarian Split Squat", 1, WORKING, 10, 16.0, None, None, "Left leg first\nright knee tracks in", 2
        ),
        ImportedSet("Bulgarian Split Squat", 2, WORKING, 10, 16.0, None, None, "", 3),
    )


def test_rest_timer_and_note_rows_are_skipped_not_sets():
    result = parse_export(fixture_text("strong_pseudo_rows.csv"), unit=Unit.KG)
    assert result.skipped == (
        (2, "note row, not a set"),
        (4, "rest timer row, not a set"),
        (7, "rest timer row, not a set"),
        (9, "note row, not a set"),
    )
    # The Mobility workout holds only a note row: with no sets it is not a workout.
    assert heads(result) == [("Lunch Full Body", datetime(2024, 7, 9, 12, 5, 51), 2340, "", 2)]
    assert result.workouts[0].sets == (
        ImportedSet("Goblet Squat", 1, WORKING, 12, 28.0, None, None, "", 3),
        ImportedSet("Goblet Squat", 2, WORKING, 12, 28.0, None, None, "", 5),
        ImportedSet("Push Up", 1, WORKING, 15, None, None, None, "", 6),  # an empty weight is missing, not 0
        ImportedSet("Push Up", 2, WORKING, 12, None, None, None, "", 8),
    )
    # A note row holds the exercise's note in that workout.
    assert result.workouts[0].exercise_notes == (("Goblet Squat", "Heels on plates"),)


def test_warm_up_drop_and_failure_set_orders():
    result = parse_export(fixture_text("strong_set_types.csv"), unit=Unit.KG)
    assert heads(result) == [("Chest & Triceps", datetime(2024, 8, 14, 19, 41, 8), 4320, "", 2)]
    pushdown = "Triceps Pushdown (Cable - Straight Bar)"
    assert result.workouts[0].sets == (
        ImportedSet("Bench Press (Barbell)", 1, WARMUP, 10, 40.0, None, None, "", 2),
        ImportedSet("Bench Press (Barbell)", 2, WARMUP, 5, 60.0, None, None, "", 3),
        ImportedSet("Bench Press (Barbell)", 3, WORKING, 5, 80.0, 8.0, None, "", 4),
        ImportedSet("Bench Press (Barbell)", 4, WORKING, 5, 80.0, 9.0, None, "", 5),
        ImportedSet("Bench Press (Barbell)", 5, FAILURE, 3, 80.0, 10.0, None, "", 6),
        ImportedSet(pushdown, 1, WORKING, 12, 35.0, None, None, "", 7),
        ImportedSet(pushdown, 2, DROP, 10, 25.0, None, None, "", 8),
        ImportedSet(pushdown, 3, DROP, 9, 15.0, None, None, "", 9),
    )


def test_old_kg_km_columns_with_zero_based_set_order_need_no_unit():
    text = fixture_text("strong_old_kg_km.csv")
    result = parse_export(text)
    assert (result.unit, result.skipped) == (Unit.KG, ())
    assert heads(result) == [("Workout A", datetime(2019, 1, 14, 18, 2), None, "", 2)]
    assert result.workouts[0].sets == (
        ImportedSet("Squat", 1, WORKING, 5, 60.0, None, None, "", 2),
        ImportedSet("Squat", 2, WORKING, 5, 60.0, None, None, "", 3),
        ImportedSet("Squat", 3, WORKING, 5, 60.0, None, None, "", 4),
        ImportedSet("Bench Press", 1, WORKING, 5, 45.0, None, None, "", 5),
        ImportedSet("Bench Press", 2, WORKING, 5, 45.0, None, None, "", 6),
        ImportedSet("Rowing Machine", 1, WORKING, None, None, None, 720, "", 7, distance_m=2500.0),
    )
    # The header says kg, so the caller's unit does not override it.
    assert parse_export(text, unit=Unit.LB) == result


def test_zero_based_set_order_beside_one_based_becomes_one_based():
    result = parse_export(fixture_text("strong_zero_based.csv"))
    assert result.unit is Unit.KG
    assert heads(result) == [
        ("Workout B", datetime(2019, 2, 4, 17, 45), 3660, "", 2),
        ("Workout A", datetime(2019, 2, 6, 17, 50), 3300, "", 7),
    ]
    b, a = result.workouts
    assert b.sets == (
        ImportedSet("Deadlift", 1, WORKING, 5, 100.0, None, None, "", 2),
        ImportedSet("Deadlift", 2, WORKING, 5, 105.0, None, None, "", 3),
        ImportedSet("Overhead Press", 1, WORKING, 5, 35.0, None, None, "", 4),
        ImportedSet("Overhead Press", 2, WORKING, 5, 35.0, None, None, "", 5),
        ImportedSet("Overhead Press", 3, WORKING, 4, 35.0, None, None, "", 6),
    )
    assert a.sets == (
        ImportedSet("Squat", 1, WORKING, 5, 62.5, None, None, "", 7),
        ImportedSet("Squat", 2, WORKING, 5, 62.5, None, None, "", 8),
    )


def test_float_dust_in_weights_is_rounded_away():
    result = parse_export(fixture_text("strong_float_dust.csv"), unit=Unit.KG)
    assert heads(result) == [("Heavy Day", datetime(2024, 9, 2, 6, 30, 15), 4800, "", 2)]
    assert result.workouts[0].sets == (
        ImportedSet("Squat (Barbell)", 1, WORKING, 3, 150.0, None, None, "", 2),
        ImportedSet("Squat (Barbell)", 2, WORKING, 2, 152.5, None, None, "", 3),
        ImportedSet("Leg Press", 1, WORKING, 10, 227.5, None, None, "", 4),
        ImportedSet("Calf Raise (Machine)", 1, WORKING, 15, 57.5, None, None, "", 5),
    )


def test_reps_written_as_decimals_are_whole_numbers():
    result = parse_export(fixture_text("strong_decimal_reps.csv"), unit=Unit.KG)
    assert heads(result) == [("Arms", datetime(2024, 9, 20, 18, 10, 44), 2100, "", 2)]
    sets = result.workouts[0].sets
    assert sets == (
        ImportedSet("Bicep Curl (Dumbbell)", 1, WORKING, 10, 14.0, None, None, "", 2),
        ImportedSet("Bicep Curl (Dumbbell)", 2, WORKING, 8, 14.0, None, None, "", 3),
        ImportedSet("Hammer Curl (Dumbbell)", 1, WORKING, 12, 12.0, None, None, "", 4),
        ImportedSet("Dead Hang", 1, WORKING, None, None, None, 45, "", 5),
    )
    assert all(type(s.reps) is int for s in sets[:3]) and type(sets[3].duration_s) is int


def test_an_empty_weight_is_missing_and_a_zero_weight_is_zero():
    result = parse_export(fixture_text("strong_bodyweight.csv"), unit=Unit.KG)
    assert heads(result) == [("Calisthenics", datetime(2024, 10, 3, 7, 0, 31), 2460, "", 2)]
    assert result.workouts[0].sets == (
        ImportedSet("Pull Up", 1, WORKING, 8, None, None, None, "", 2),  # empty: missing
        ImportedSet("Pull Up", 2, WORKING, 7, None, None, None, "", 3),
        ImportedSet("Pull Up", 3, WORKING, 6, 0.0, None, None, "", 4),
        ImportedSet("Chest Dip", 1, WORKING, 12, 0.0, None, None, "", 5),
        ImportedSet("Chest Dip", 2, WORKING, 8, 10.0, None, None, "Belt with one plate", 6),
    )


def test_interleaved_workouts_and_an_exercise_done_twice():
    result = parse_export(fixture_text("strong_interleaved.csv"), unit=Unit.KG)
    # Same date, other name: a workout of its own, after the one that started first in the file.
    assert heads(result) == [
        ("Lower", datetime(2024, 11, 10, 10, 15, 40), 2820, "", 3),
        ("Upper", datetime(2024, 11, 12, 18, 0, 3), 3000, "", 2),
        ("Evening Stretch", datetime(2024, 11, 12, 18, 0, 3), 720, "", 10),
    ]
    lower, upper, stretch = result.workouts
    assert lower.sets == (
        ImportedSet("Squat (Barbell)", 1, WORKING, 6, 90.0, None, None, "", 3),
        ImportedSet("Squat (Barbell)", 2, WORKING, 6, 90.0, None, None, "", 6),
        ImportedSet("Leg Curl (Machine)", 1, WORKING, 12, 40.0, None, None, "", 9),
    )
    assert upper.sets == (
        ImportedSet("Bench Press (Barbell)", 1, WORKING, 8, 70.0, None, None, "", 2),
        ImportedSet("Bench Press (Barbell)", 2, WORKING, 8, 70.0, None, None, "", 4),
        ImportedSet("Lat Pulldown (Cable)", 1, WORKING, 10, 55.0, None, None, "", 5),
        ImportedSet("Bench Press (Barbell)", 3, WORKING, 12, 60.0, None, None, "Back-off sets", 7),
        ImportedSet("Bench Press (Barbell)", 4, WORKING, 11, 60.0, None, None, "", 8),
    )
    assert stretch.sets == (ImportedSet("Couch Stretch", 1, WORKING, None, None, None, 120, "", 10),)


def test_android_semicolon_with_weight_unit_rpe_and_workout_duration():
    result = parse_export(fixture_text("strong_android_rpe.csv"))
    assert (result.format, result.unit, result.skipped) == ("strong", Unit.KG, ())
    assert heads(result) == [("Push A", datetime(2024, 12, 2, 6, 58, 12), 3720, "", 2)]
    assert result.workouts[0].sets == (
        ImportedSet("Bench Press (Barbell)", 1, WARMUP, 10, 40.0, None, None, "", 2),
        ImportedSet("Bench Press (Barbell)", 2, WORKING, 6, 70.0, 8.0, None, "", 3),
        ImportedSet("Bench Press (Barbell)", 3, WORKING, 5, 72.5, 8.5, None, "", 4),
        ImportedSet("Lateral Raise (Dumbbell)", 1, WORKING, 15, 10.0, 9.0, None, "", 5),
        ImportedSet("Treadmill", 1, WORKING, None, None, None, 600, "Cooldown", 6, distance_m=1200.0),
    )


def test_android_semicolon_in_pounds_without_rpe_or_workout_duration():
    result = parse_export(fixture_text("strong_android_plain.csv"))
    assert (result.format, result.unit, result.skipped) == ("strong", Unit.LB, ())
    assert heads(result) == [("Pull A", datetime(2024, 12, 4, 17, 33, 40), None, "", 2)]
    assert result.workouts[0].sets == (
        ImportedSet("Barbell Row", 1, WORKING, 8, 61.235, None, None, "", 2),
        ImportedSet("Barbell Row", 2, WORKING, 8, 61.235, None, None, "", 3),
        ImportedSet("Chin Up", 1, WORKING, 10, 0.0, None, None, "", 4),
        ImportedSet("Face Pull (Cable)", 1, WORKING, 15, 19.278, None, None, "Rope attachment", 5),  # 42,5 lbs
    )


def test_fully_quoted_semicolon_form_with_kg_in_the_header():
    result = parse_export(fixture_text("strong_quoted_kg.csv"))
    assert (result.format, result.unit, result.skipped) == ("strong", Unit.KG, ())
    assert heads(result) == [
        ("Legs", datetime(2025, 1, 8, 7, 4, 55), 3725, "Deload week", 2),
        ("Upper", datetime(2025, 1, 10, 18, 20, 31), 2810, "", 5),
    ]
    legs, upper = result.workouts
    assert legs.sets == (
        ImportedSet("Squat (Barbell)", 1, WORKING, 5, 100.0, 8.0, None, "", 2),
        ImportedSet("Squat (Barbell)", 2, WORKING, 5, 100.0, 8.5, None, "", 3),
        ImportedSet("Walking Lunge", 1, WORKING, 20, 20.0, None, None, "10 per leg; slow", 4),
    )
    assert upper.sets == (ImportedSet("Pull Up", 1, WORKING, 8, 0.0, None, None, "", 5),)


def test_fully_quoted_semicolon_form_with_lbs_in_the_header():
    result = parse_export(fixture_text("strong_quoted_lbs.csv"), unit=Unit.KG)
    assert (result.format, result.unit, result.skipped) == ("strong", Unit.LB, ())
    assert heads(result) == [("Lunch Press", datetime(2025, 2, 3, 12, 10), 1500, "", 2)]
    assert result.workouts[0].sets == (
        ImportedSet("Overhead Press (Barbell)", 1, WORKING, 5, 43.091, None, None, "", 2),
        ImportedSet("Overhead Press (Barbell)", 2, WORKING, 5, 43.091, 9.0, None, "", 3),
        ImportedSet("Dumbbell Fly", 1, WORKING, 12, 11.34, None, None, "", 4),
    )


def test_duration_forms_and_an_absurd_duration():
    result = parse_export(fixture_text("strong_durations.csv"), unit=Unit.KG)
    assert heads(result) == [
        ("Quick Core", datetime(2025, 3, 1, 8), 45, "", 2),
        ("Timed Session", datetime(2025, 3, 2, 8), 1865, "", 3),
        ("Forgot To Stop", datetime(2025, 3, 3, 8), None, "", 4),  # 26h 3m
        ("Long Hike Prep", datetime(2025, 3, 4, 8), 7200, "", 5),
    ]
    assert [w.sets for w in result.workouts] == [
        (ImportedSet("Plank", 1, WORKING, None, None, None, 45, "", 2),),
        (ImportedSet("Plank", 1, WORKING, None, None, None, 60, "", 3),),
        (ImportedSet("Plank", 1, WORKING, None, None, None, 30, "", 4),),
        (ImportedSet("Step Up", 1, WORKING, 20, 10.0, None, None, "", 5),),
    ]
