import math

import pytest

from liftcalm.core.units import Unit, format_load, kg_to_unit, unit_to_kg
from liftcalm.core.validation import (
    ValidationError,
    match_key,
    name_key,
    parse_load,
    parse_name,
    parse_reps,
    parse_rest,
)


@pytest.mark.parametrize("text, value", [("1", 1), (" 12 ", 12), ("100", 100)])
def test_reps_in_range(text, value):
    assert parse_reps(text) == value


@pytest.mark.parametrize("text", ["0", "101", "-3", "", "8.5", "eight"])
def test_reps_refused_with_message(text):
    with pytest.raises(ValidationError) as caught:
        parse_reps(text)
    assert caught.value.field == "reps"
    assert "1" in caught.value.message and "100" in caught.value.message


def test_rest_bounds():
    assert parse_rest("0") == 0 and parse_rest("900") == 900
    with pytest.raises(ValidationError, match="0 to 900 s"):
        parse_rest("901")


def test_load_in_kilograms_and_pounds():
    assert parse_load("102,5", Unit.KG) == 102.5
    assert math.isclose(parse_load("225", Unit.LB), 102.0582, rel_tol=1e-5)
    assert parse_load("2204.6", Unit.LB) <= 1000
    for text, unit in [("1000.5", Unit.KG), ("-1", Unit.KG), ("2205", Unit.LB), ("nan", Unit.KG), ("x", Unit.LB)]:
        with pytest.raises(ValidationError) as caught:
            parse_load(text, unit)
        assert unit.value in caught.value.message


def test_unit_round_trip_and_format():
    assert math.isclose(unit_to_kg(kg_to_unit(80, Unit.LB), Unit.LB), 80)
    assert format_load(60, Unit.KG) == "60"
    assert format_load(102.5, Unit.KG) == "102.5"
    assert format_load(unit_to_kg(225, Unit.LB), Unit.LB) == "225"


def test_names():
    assert parse_name("  Push   day ") == "Push day"
    with pytest.raises(ValidationError, match="empty"):
        parse_name("   ")
    with pytest.raises(ValidationError, match="limit is 80"):
        parse_name("x" * 81)
    assert parse_name("x" * 80) == "x" * 80
    assert name_key("Bench  PRESS") == name_key("bench press")
    assert match_key("Pull-Up") == match_key("pull up")
