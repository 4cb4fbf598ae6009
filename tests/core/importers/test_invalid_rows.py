"""Values that cannot be true, in a well-formed file: each row named, and left out only when asked."""

import pytest

from liftcalm.core.importers import ImportFormatError, InvalidRows, parse_export
from liftcalm.core.units import Unit

HEADER = "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE\n"


def strong(*rows: str) -> str:
    return HEADER + "".join(f"2024-03-05 07:00:00,Legs,1h,{row}\n" for row in rows)


def test_one_typo_is_refused_by_default_with_its_line_and_left_out_when_asked():
    text = strong("Squat,1,100,5,0,0,,,", "Squat,2,100,877777,0,0,,,", "Squat,3,100,5,0,0,,,")
    with pytest.raises(InvalidRows) as caught:
        parse_export(text, unit=Unit.KG)
    assert caught.value.rows == ((3, "877777 reps is more than 1000"),)
    assert str(caught.value) == "line 3: 877777 reps is more than 1000"
    assert isinstance(caught.value, ImportFormatError)  # a refusal like any other
    result = parse_export(text, unit=Unit.KG, skip_invalid=True)
    assert result.invalid == ((3, "877777 reps is more than 1000"),)
    # The set after it is set 2: sets are numbered as imported.
    assert [(s.set_number, s.line, s.reps) for s in result.workouts[0].sets] == [(1, 2, 5), (2, 4, 5)]


@pytest.mark.parametrize("row, reason", [
    ("Squat,1,-20,5,0,0,,,", "the weight '-20' is negative"),
    ("Squat,1,100,5.5,0,0,,,", "the reps '5.5' are not a whole number of 0 or more"),
    ("Squat,1,100,5,0,0,,,11", "the RPE '11' is not from 0 to 10"),
    ("Squat,1,1e999,5,0,0,,,", "the weight '1e999' is out of range"),
    ("Squat,1,1500,5,0,0,,,", "a load of 1500 kg is more than 1000 kg"),
    ("Plank,1,0,0,0,90000,,,", "a set of '90000' seconds is longer than 24 hours"),
    ("Run,1,0,0,2000,1800,,,", "a distance of 2000 km is more than 1000 km"),
])
def test_each_kind_of_impossible_value(row, reason):
    text = strong("Squat,1,100,5,0,0,,,", row)
    with pytest.raises(InvalidRows) as caught:
        parse_export(text, unit=Unit.KG)
    assert caught.value.rows == ((3, reason),)
    assert len(parse_export(text, unit=Unit.KG, skip_invalid=True).workouts[0].sets) == 1


def test_a_load_is_judged_in_the_file_unit():
    text = strong("Leg Press,1,1500,10,0,0,,,")  # 1500 lb is 680 kg: a heavy leg press, not a typo
    assert parse_export(text, unit=Unit.LB).workouts[0].sets[0].load_kg == 680.389
    with pytest.raises(InvalidRows, match=r"a load of 2500 lb \(1134 kg\) is more than 1000 kg"):
        parse_export(strong("Leg Press,1,2500,10,0,0,,,"), unit=Unit.LB)


def test_every_invalid_row_is_named():
    text = strong(*[f"Squat,{n},100,{reps},0,0,,," for n, reps in enumerate([5, 877777, 5, 99999, 5, 5000], 1)])
    with pytest.raises(InvalidRows) as caught:
        parse_export(text, unit=Unit.KG)
    assert [line for line, _ in caught.value.rows] == [3, 5, 7]
    assert str(caught.value) == ("line 3: 877777 reps is more than 1000; and 2 more rows with values that cannot be "
                                 "true: lines 5 and 7")


def test_a_malformed_row_refuses_the_whole_file_even_when_invalid_rows_may_be_skipped():
    text = strong("Squat,1,100,877777,0,0,,,", "Squat,2,heavy,5,0,0,,,")
    with pytest.raises(ImportFormatError) as caught:
        parse_export(text, unit=Unit.KG, skip_invalid=True)
    assert type(caught.value) is ImportFormatError
    assert str(caught.value) == "line 3: the weight 'heavy' is not a number"
