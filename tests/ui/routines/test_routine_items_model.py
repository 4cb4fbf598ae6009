"""The routine table's one-line summaries of an exercise's planned sets."""

from liftcalm.core.models import Exercise, RoutineItem, SetTarget, SetType
from liftcalm.core.units import Unit
from liftcalm.ui.routines.routine_items_model import summarise_loads

W, WU = SetType.WORKING, SetType.WARMUP
SQUAT = Exercise(1, "Barbell Back Squat", equipment="barbell")


def item(*targets: SetTarget) -> RoutineItem:
    return RoutineItem(1, tuple(t.set_type for t in targets), set_targets=targets)


def test_a_load_nobody_gave_is_a_dash_never_0():
    assert summarise_loads(item(SetTarget(W, 8), SetTarget(W, 8)), SQUAT, Unit.KG) == "—"
    assert summarise_loads(item(SetTarget(W, 8, load_kg=100), SetTarget(W, 6)), SQUAT, Unit.KG) == "100"
    assert summarise_loads(item(SetTarget(W, 8, load_kg=60), SetTarget(W, 6, load_kg=80)), SQUAT, Unit.KG) == "60–80"


def test_an_empty_bar_given_as_0_still_shows_0():
    assert summarise_loads(item(SetTarget(WU, 10, load_kg=20), SetTarget(W, 5, load_kg=0)), SQUAT, Unit.KG) == "0"
