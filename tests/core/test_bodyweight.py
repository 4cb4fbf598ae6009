"""Body weight in the numbers of bodyweight exercises, by hand."""

from datetime import date

import pytest

from liftcalm.core.bodyweight import body_weight_on, moved_load_kg, set_e1rm_kg, set_volume_kg
from liftcalm.core.load_display import display_bodyweight_load
from liftcalm.core.models import Exercise, SetType
from liftcalm.core.units import Unit

DIPS = Exercise(1, "Dips", equipment="bodyweight", is_bodyweight=True)
ASSISTED = Exercise(2, "Assisted Pull-Up", equipment="machine")
SQUAT = Exercise(3, "Barbell Back Squat", equipment="barbell")


def test_added_load_and_assistance_on_top_of_body_weight():
    assert moved_load_kg(DIPS, 10.0, 80.0) == 90.0
    assert moved_load_kg(DIPS, None, 80.0) == 80.0
    assert moved_load_kg(ASSISTED, 30.0, 80.0) == 50.0
    assert moved_load_kg(SQUAT, 100.0, 80.0) == 100.0  # body weight is not part of a squat's load here
    assert moved_load_kg(DIPS, 10.0, None) is None  # unknown, never a guess


def test_volume_and_e1rm_count_body_weight():
    assert set_volume_kg(DIPS, SetType.WORKING, 10, 10.0, 80.0) == 900.0
    assert set_volume_kg(DIPS, "warmup", 10, 10.0, 80.0) == 0.0  # warm-ups stay out of volume
    assert set_volume_kg(DIPS, SetType.WORKING, 10, 10.0, None) is None
    assert set_volume_kg(ASSISTED, SetType.WORKING, 8, 30.0, 80.0) == 400.0
    assert set_e1rm_kg(DIPS, 5, 20.0, 80.0) == pytest.approx(100 * (1 + 5 / 30))
    assert set_e1rm_kg(DIPS, 1, 20.0, 80.0) == 100.0


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
