from datetime import datetime

from liftcalm.core.importers import ImportedSet, parse_export
from liftcalm.core.models import SetType
from liftcalm.core.units import Unit
from tests.core.importers import fixture_text, heads

WORKING = SetType.WORKING
TITLE = "FitNotes workout"


def test_weight_kgs_header_one_workout_per_date():
    result = parse_export(fixture_text("fitnotes_kgs.csv"))
    assert (result.format, result.unit, result.skipped) == ("fitnotes", Unit.KG, ())
    assert heads(result) == [
        (TITLE, datetime(2024, 3, 5), None, "", 2),
        (TITLE, datetime(2024, 3, 7), None, "", 6),
    ]
    first, second = result.workouts
    assert first.sets == (
        ImportedSet("Flat Barbell Bench Press", 1, WORKING, 8, 60.0, None, None, "", 2),
        ImportedSet("Flat Barbell Bench Press", 2, WORKING, 6, 62.5, None, None, "", 3),
        ImportedSet("Cable Crossover", 1, WORKING, 12, 15.0, None, None, "", 4),
        ImportedSet("Flat Barbell Bench Press", 3, WORKING, 10, 50.0, None, None, "Back-off", 5),
    )
    assert second.sets == (
        ImportedSet("Barbell Squat", 1, WORKING, 5, 90.0, None, None, "", 6),
        ImportedSet("Barbell Squat", 2, WORKING, 5, 90.0, None, None, "", 7),
    )


def test_weight_lbs_header():
    result = parse_export(fixture_text("fitnotes_lbs.csv"))
    assert (result.format, result.unit, result.skipped) == ("fitnotes", Unit.LB, ())
    assert heads(result) == [(TITLE, datetime(2024, 4, 16), None, "", 2)]
    assert result.workouts[0].sets == (
        ImportedSet("Deadlift", 1, WORKING, 3, 142.882, None, None, "", 2),
        ImportedSet("Deadlift", 2, WORKING, 1, 151.953, None, None, "New PR, felt easy", 3),
        ImportedSet("Pull Up", 1, WORKING, 10, 0.0, None, None, "", 4),
    )


def test_weight_unit_column_and_clock_times():
    result = parse_export(fixture_text("fitnotes_unit_column.csv"))
    # One row in kgs, one in lbs: the tie goes to the unit the file used first.
    assert (result.format, result.unit, result.skipped) == ("fitnotes", Unit.KG, ())
    assert heads(result) == [(TITLE, datetime(2024, 5, 20), None, "", 2)]
    assert result.workouts[0].sets == (
        ImportedSet("Barbell Squat", 1, WORKING, 5, 100.0, None, None, "", 2),
        ImportedSet("Dumbbell Lunge", 1, WORKING, 10, 22.68, None, None, "", 3),
        ImportedSet("Plank", 1, WORKING, None, None, None, 90, "", 4),
        ImportedSet("Rowing Machine", 1, WORKING, None, None, None, 495, "Easy pace", 5, distance_m=2000.0),
    )
