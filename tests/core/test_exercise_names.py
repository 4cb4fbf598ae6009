"""Names from other apps find the exercise LiftCalm knows."""

from liftcalm.core.exercise_names import ExerciseMatcher
from liftcalm.core.models import Exercise

KNOWN = [Exercise(1, "Barbell Bench Press", equipment="barbell"), Exercise(2, "Overhead Press", equipment="barbell"),
         Exercise(3, "Pull-Up", equipment="bodyweight"), Exercise(4, "Goblet Squat", equipment="dumbbell")]


def test_case_punctuation_and_word_order_are_ignored():
    matcher = ExerciseMatcher(KNOWN)
    assert matcher.match("barbell bench press") == 1
    assert matcher.match("Bench Press (Barbell)") == 1
    assert matcher.match("pull up") == 3


def test_equipment_in_brackets_must_agree():
    matcher = ExerciseMatcher(KNOWN)
    assert matcher.match("Overhead Press (Barbell)") == 2
    assert matcher.match("Overhead Press (Dumbbell)") is None
    assert matcher.match("Front Squat") is None


def test_an_added_exercise_is_known_from_then_on():
    matcher = ExerciseMatcher(KNOWN)
    assert matcher.match("Zercher Squat") is None
    matcher.add(Exercise(9, "Zercher Squat", equipment="other"))
    assert matcher.match("squat zercher") == 9
