"""The warm-up calculator: ramps worked out by hand."""

import pytest

from liftcalm.core.models import Exercise, RoutineItem, SetType
from liftcalm.core.plates import PlateInventory, loadable_kg
from liftcalm.core.progression import with_warmup_ramp
from liftcalm.core.units import Unit, kg_to_unit, unit_to_kg
from liftcalm.core.validation import ValidationError
from liftcalm.core.warmup import DEFAULT_SCHEME, format_scheme, parse_scheme, warmup_ramp

KG = PlateInventory.default(Unit.KG)
DOWN = lambda kg: loadable_kg(kg, KG, "down")  # noqa: E731


def ramp(targets):
    return [(t.reps, t.load_kg) for t in targets]


def test_the_default_ramp_from_a_100_kg_working_set():
    targets = warmup_ramp(100.0, bar_kg=20.0, round_down=DOWN)
    assert ramp(targets) == [(10, 20.0), (5, 40.0), (3, 60.0), (1, 80.0)]
    assert all(t.set_type is SetType.WARMUP and t.rest_s == 60 for t in targets)


def test_loads_are_rounded_down_to_plates_and_repeats_are_left_out():
    assert ramp(warmup_ramp(60.0, bar_kg=20.0, round_down=DOWN)) == [(10, 20.0), (5, 22.5), (3, 35.0), (1, 47.5)]
    # 40 % and 60 % of 30 kg are lighter than the bar: one bar set, then 80 % (24 -> 22.5)
    assert ramp(warmup_ramp(30.0, bar_kg=20.0, round_down=DOWN)) == [(10, 20.0), (1, 22.5)]
    assert warmup_ramp(20.0, bar_kg=20.0, round_down=DOWN) == ()  # the work is the bar


def test_dumbbells_have_no_bar_step():
    assert ramp(warmup_ramp(30.0, bar_kg=None, round_down=lambda kg: kg // 2 * 2)) == [(5, 12.0), (3, 18.0), (1, 24.0)]


def test_in_pounds_the_ramp_lands_on_pound_plates():
    lb = PlateInventory.default(Unit.LB)
    targets = warmup_ramp(unit_to_kg(225, Unit.LB), bar_kg=lb.bar_kg, round_down=lambda kg: loadable_kg(kg, lb, "down"))
    assert [round(kg_to_unit(t.load_kg, Unit.LB), 6) for t in targets] == [45.0, 90.0, 135.0, 180.0]


def test_an_edited_scheme():
    steps = parse_scheme("bar x 8, 50% x 5, 75 × 2")
    assert format_scheme(steps) == "bar×8, 50%×5, 75%×2"
    assert ramp(warmup_ramp(100.0, steps, bar_kg=20.0, rest_s=45)) == [(8, 20.0), (5, 50.0), (2, 75.0)]
    assert format_scheme(DEFAULT_SCHEME) == "bar×10, 40%×5, 60%×3, 80%×1"
    for text in ("", "bar", "120%x3", "50%x0", "fifty x 5"):
        with pytest.raises(ValidationError):
            parse_scheme(text)


def test_a_ramp_replaces_the_warm_ups_of_a_routine_item():
    squat = Exercise(1, "Barbell Back Squat", equipment="barbell")
    item = RoutineItem(1, (SetType.WARMUP, SetType.WORKING, SetType.WORKING), 5, 100.0, 180)
    ramped = with_warmup_ramp(item, squat, Unit.KG, rest_s=45, inventory=KG)
    assert ramped.set_types == (SetType.WARMUP,) * 4 + (SetType.WORKING,) * 2
    assert ramp(ramped.targets) == [(10, 20.0), (5, 40.0), (3, 60.0), (1, 80.0), (5, 100.0), (5, 100.0)]
    assert [t.rest_s for t in ramped.targets] == [45] * 4 + [None] * 2
    assert with_warmup_ramp(ramped, squat, Unit.KG, rest_s=45, inventory=KG) == ramped  # twice: the same ramp
    assert with_warmup_ramp(RoutineItem(1, target_load_kg=0.0), squat, Unit.KG, inventory=KG) is None
