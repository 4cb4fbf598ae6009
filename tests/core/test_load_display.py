"""Loads in pounds as a lifter writes them; storage stays exact kilograms."""

from liftcalm.core.load_display import display_load, lb_as_written, load_number, same_written_load
from liftcalm.core.units import Unit, unit_to_kg


def test_kilograms_shown_in_pounds_to_the_half_pound():
    assert display_load(60.0, Unit.LB) == "132.5 lb"  # 132.28 lb before
    assert display_load(100.0, Unit.LB) == "220.5 lb"  # 220.46
    assert display_load(20.0, Unit.LB) == "44 lb"  # 44.09
    assert lb_as_written(102.5) == 226.0  # 225.97


def test_a_load_typed_in_pounds_comes_back_as_typed():
    for pounds in (225, 135, 2.5, 1.25, 103.75, 0.25):
        assert load_number(unit_to_kg(pounds, Unit.LB), Unit.LB) == f"{pounds:g}"


def test_kilograms_keep_their_decimals():
    assert display_load(102.5, Unit.KG) == "102.5 kg"
    assert display_load(61.25, Unit.KG) == "61.25 kg"
    assert load_number(unit_to_kg(225, Unit.LB), Unit.KG) == "102.06"


def test_two_loads_written_alike_are_the_same_to_the_eye():
    assert same_written_load(60.0, 60.05, Unit.LB)  # both 132.5 lb
    assert not same_written_load(60.0, 60.05, Unit.KG)
