"""The plate calculator, in kilograms and in pounds, with hand-counted plates."""

import pytest

from liftcalm.core.plates import PlateInventory, format_plates, load_plates, loadable_kg, parse_bar, parse_plates
from liftcalm.core.units import Unit, unit_to_kg
from liftcalm.core.validation import ValidationError

KG = PlateInventory.default(Unit.KG)  # 20 kg bar; 25, 20, 15, 10, 5, 2.5, 1.25
LB = PlateInventory.default(Unit.LB)  # 45 lb bar; 45, 35, 25, 10, 5, 2.5


def test_an_exact_load_in_kilograms_with_the_fewest_plates_heaviest_first():
    load = load_plates(100.0, KG)  # 40 a side
    assert load.per_side == (25.0, 15.0) and load.exact and load.total == 100.0
    assert load.describe() == "25 + 15 per side on the 20 kg bar"
    assert load_plates(102.5, KG).per_side == (25.0, 15.0, 1.25)
    assert load_plates(61.25, KG).describe() == "20 per side on the 20 kg bar · closest: 60 kg"


def test_a_weight_that_cannot_be_loaded_says_the_closest_honestly():
    load = load_plates(101.0, KG)  # 100 or 102.5 can be made: 100 is nearer
    assert not load.exact and load.total == 100.0
    assert load.describe().endswith("closest: 100 kg")
    assert load_plates(101.25, KG).total == 100.0  # halfway: the lighter one
    fractional = PlateInventory(Unit.KG, 20.0, ((20.0, None), (0.625, None)))
    assert load_plates(101.3, fractional).describe() == "20 + 20 + 0.625 per side on the 20 kg bar · closest: 101.25 kg"


def test_pounds_on_a_45_lb_bar():
    assert load_plates(unit_to_kg(225, Unit.LB), LB).per_side == (45.0, 45.0)
    assert load_plates(unit_to_kg(225, Unit.LB), LB).exact
    assert load_plates(100.0, LB).per_side == (45.0, 35.0, 5.0, 2.5)  # 220 lb, not 35 + 25 + 25 + 2.5
    sixty = load_plates(60.0, LB)  # 132.28 lb: 130 and 135 can be made, 130 is nearer
    assert sixty.total == 130.0 and sixty.describe().endswith("closest: 130 lb")


def test_a_limited_inventory_and_other_bars():
    few = PlateInventory(Unit.KG, 15.0, ((20.0, 1), (10.0, 1), (5.0, 1)))
    assert load_plates(100.0, few).total == 85.0  # everything on: 35 a side
    assert load_plates(45.0, few).per_side == (10.0, 5.0)
    assert load_plates(10.0, KG).describe() == "The 20 kg bar alone (lighter than the bar: 10 kg cannot be loaded)"
    assert load_plates(20.0, KG).describe() == "The 20 kg bar alone"


def test_rounding_to_what_can_be_loaded_in_both_directions():
    assert loadable_kg(101.0, KG) == 100.0
    assert loadable_kg(101.0, KG, "up") == 102.5
    assert loadable_kg(101.0, KG, "down") == 100.0
    assert loadable_kg(102.5, KG) == 102.5
    exact = unit_to_kg(230, Unit.LB)
    assert loadable_kg(exact, LB) == exact  # loadable as stored: kept exactly
    assert loadable_kg(unit_to_kg(232, Unit.LB), LB, "up") == pytest.approx(unit_to_kg(235, Unit.LB))


def test_parsing_and_writing_an_inventory():
    assert parse_plates("25, 20x3; 2.5, 1.25", Unit.KG) == ((25.0, None), (20.0, 3), (2.5, None), (1.25, None))
    assert format_plates(((25.0, None), (20.0, 3))) == "25, 20x3"
    assert parse_bar("15", Unit.KG) == 15.0 and parse_bar("35 lb", Unit.LB) == 35.0
    for text in ("", "twenty", "0", "60", "20x0"):
        with pytest.raises(ValidationError):
            parse_plates(text, Unit.KG)
    with pytest.raises(ValidationError):
        parse_bar("200", Unit.KG)
