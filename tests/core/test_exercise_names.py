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


def test_other_apps_names_find_the_catalogue_by_the_alias_table():
    from liftcalm.core.exercise_names import NameAliases
    from liftcalm.paths import RESOURCES

    aliases = NameAliases.load(RESOURCES / "exercise_aliases.json")
    known = [Exercise(1, "Barbell Back Squat", equipment="barbell"), Exercise(2, "Conventional Deadlift",
                                                                               equipment="barbell"),
             Exercise(3, "Dumbbell Bench Press", equipment="dumbbell"), Exercise(4, "Lat Pulldown", equipment="cable"),
             Exercise(5, "Goblet Squat", equipment="dumbbell")]
    matcher = ExerciseMatcher(known, aliases)
    assert matcher.match("Squat (Barbell)") == 1
    assert matcher.match("squat  (barbell)") == 1  # case and spacing ignored
    assert matcher.match("Deadlift (Barbell)") == 2
    assert matcher.match("Bench Press (Dumbbell)") == 3  # the same words: no alias needed
    assert matcher.match("Lat Pulldown (Cables)") == 4  # an equipment word the app writes, mapped
    assert matcher.match("Goblet Squat (Dumbbells)") == 5
    assert matcher.match("Squat (Smith Machine)") is None
    assert ExerciseMatcher(known).match("Squat (Barbell)") is None  # without the table, no guess


def test_a_missing_alias_table_gives_no_aliases(tmp_path):
    from liftcalm.core.exercise_names import NameAliases

    assert NameAliases.load(tmp_path / "none.json") == NameAliases()
    (tmp_path / "bad.json").write_text("{not json")
    assert NameAliases.load(tmp_path / "bad.json") == NameAliases()
