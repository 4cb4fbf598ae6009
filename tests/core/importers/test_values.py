from datetime import datetime

import pytest

from liftcalm.core.importers.errors import ImportFormatError
from liftcalm.core.importers.export_table import header_key
from liftcalm.core.importers.values import clean_note, parse_date_time, parse_duration, parse_number


@pytest.mark.parametrize(
    "text, seconds",
    [
        ("31m", 1860), ("1h 5m", 3900), ("45s", 45), ("2h", 7200), ("1h 0m 30s", 3630), ("1865", 1865),
        ("1865.4", 1865), ("0:01:30", 90), ("1:30", 90), ("", None), ("24h", 86400), ("24h 1s", None),
        ("86401", None), ("-5", None),
    ],
)
def test_durations(text, seconds):
    assert parse_duration(text, 4) == seconds


@pytest.mark.parametrize("text", ["soon", "h", "1 hour and a bit", "1:2:3:4"])
def test_bad_durations_name_the_line(text):
    with pytest.raises(ImportFormatError) as caught:
        parse_duration(text, 4)
    assert caught.value.line == 4


@pytest.mark.parametrize(
    "text, value",
    [("60", 60.0), ("62,5", 62.5), (" 149.99999999999997 ", 149.99999999999997), ("", None), (".5", 0.5)],
)
def test_numbers(text, value):
    assert parse_number(text, 1, "weight") == value


@pytest.mark.parametrize("text", ["1_000", "inf", "١٢", "1,000.5", "0x10", "6 0"])
def test_numbers_refuse_what_float_would_take_or_misread(text):
    with pytest.raises(ImportFormatError):
        parse_number(text, 1, "weight")


@pytest.mark.parametrize(
    "text, value",
    [
        ("2024-03-05 07:12:44", datetime(2024, 3, 5, 7, 12, 44)),
        ("2024-03-05T07:12", datetime(2024, 3, 5, 7, 12)),
        ("2024-03-05", datetime(2024, 3, 5)),
        ("5 Dec 2025, 11:37", datetime(2025, 12, 5, 11, 37)),
        ("15 September 2025, 06:05", datetime(2025, 9, 15, 6, 5)),
    ],
)
def test_dates(text, value):
    assert parse_date_time(text, 1, "2024-03-05") == value


@pytest.mark.parametrize("text", ["5 Dez 2025, 11:37", "2024-13-01", "31 Feb 2025, 10:00", "2024-03-05 25:00"])
def test_bad_dates(text):
    with pytest.raises(ImportFormatError, match="is not a valid date like"):
        parse_date_time(text, 1, "2024-03-05")


def test_notes_and_header_keys():
    assert clean_note(" a\\nb\r\nc\rd ") == "a\nb\nc\nd"
    assert header_key(" Workout_Name ") == header_key("workout  name") == "workoutname"
