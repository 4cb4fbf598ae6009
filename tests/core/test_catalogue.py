from collections import Counter

from liftcalm.core.catalogue import load_catalogue
from liftcalm.core.models import ExerciseKind
from liftcalm.core.validation import match_key
from liftcalm.store.store import CATALOGUE_FILE


def test_catalogue_has_enough_exercises_and_calm_practices():
    catalogue = load_catalogue(CATALOGUE_FILE)
    kinds = Counter(exercise.kind for exercise in catalogue)
    assert kinds[ExerciseKind.STRENGTH] >= 60
    assert kinds[ExerciseKind.CALM] >= 6
    keys = [match_key(exercise.name) for exercise in catalogue]
    assert len(keys) == len(set(keys)), "names must be unique ignoring case and punctuation"
    for exercise in catalogue:
        assert 1 <= len(exercise.name) <= 80
        if exercise.kind is ExerciseKind.STRENGTH:
            assert exercise.muscles and exercise.equipment
        else:
            assert 60 <= exercise.duration_s <= 1800 and exercise.description


def test_starter_routines_resolve_and_are_valid(store):
    routines = store.starter_routines()
    names = [routine.name for routine in routines]
    assert len(routines) >= 4
    assert any("Upper" in name for name in names) and any("Lower" in name for name in names)
    calm = [r for r in routines if all(store.exercises.get(i.exercise_id).is_calm for i in r.items)]
    assert calm, "a calm routine of breathing and yoga is offered"
    for routine in routines:
        assert routine.items
