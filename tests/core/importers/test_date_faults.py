"""Dates at the edges of what a datetime holds are refused with their line, never an overflow."""

from datetime import datetime, timedelta

import pytest

from liftcalm.core.importers import ImportFormatError, parse_export
from liftcalm.core.importers.values import YEAR_RANGE, parse_date_time
from liftcalm.core.units import Unit

STRONG = "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes\n"
HEVY = ("title,start_time,end_time,description,exercise_title,superset_id,exercise_notes,set_index,set_type,"
        "weight_kg,reps,distance_km,duration_seconds,rpe\n")
FITNOTES = "Date,Exercise,Category,Weight (kgs),Reps,Distance,Distance Unit,Time,Comment\n"


def strong(date: str, duration: str = "2h") -> str:
    return STRONG + f"2024-03-05 07:00:00,A,30m,Squat,1,100,5,0,0,,\n{date},B,{duration},Squat,1,100,5,0,0,,\n"


def hevy(start: str, end: str = "") -> str:
    return HEVY + f'A,"5 Dec 2025, 11:37",,,Squat,,,0,normal,60,5,,,\nB,"{start}","{end}",,Squat,,,0,normal,60,5,,,\n'


def fitnotes(date: str) -> str:
    return FITNOTES + f"2024-03-05,Squat,Legs,60,5,,,,\n{date},Squat,Legs,60,5,,,,\n"


@pytest.mark.parametrize("text, shown", [
    (strong("9999-12-31 23:00"), "9999-12-31 23:00"),  # plus 2 h would overflow
    (strong("9999-12-31 23:00:00", "26h"), "9999-12-31 23:00:00"),
    (strong("0001-01-01 00:00:00"), "0001-01-01 00:00:00"),  # local time would underflow
    (strong("0001-01-01"), "0001-01-01"),
    (hevy("31 Dec 9999, 23:00"), "31 Dec 9999, 23:00"),
    (hevy("5 Dec 2025, 11:37", "1 Jan 0001, 00:00"), "1 Jan 0001, 00:00"),
    (fitnotes("0001-01-01"), "0001-01-01"),
    (fitnotes("9999-12-31"), "9999-12-31"),
], ids=["strong-9999", "strong-9999-long", "strong-0001", "strong-0001-day", "hevy-9999", "hevy-end-0001",
        "fitnotes-0001", "fitnotes-9999"])
def test_an_extreme_date_is_refused_with_its_line(text, shown):
    with pytest.raises(ImportFormatError) as caught:
        parse_export(text, unit=Unit.KG)
    assert caught.value.line == 3
    assert shown in caught.value.message and "out of range" in caught.value.message
    assert "unexpectedly" not in caught.value.message


@pytest.mark.parametrize("year", YEAR_RANGE)
def test_the_edge_years_are_read_and_their_durations_fit(year):
    started = parse_date_time(f"{year}-12-31 23:00:00", 1, "")
    assert started + timedelta(hours=24) > started
    assert started.astimezone().year in (year, year + 1, year - 1)


def test_a_date_just_outside_the_range_names_the_range():
    with pytest.raises(ImportFormatError, match=f"years {YEAR_RANGE[0]} to {YEAR_RANGE[1]}"):
        parse_date_time(f"{YEAR_RANGE[1] + 1}-01-01", 7, "2024-03-05")


def test_datetime_limits_themselves_stay_out():
    for text in (datetime.max.isoformat(" "), datetime.min.isoformat(" ")):
        with pytest.raises(ImportFormatError):
            parse_date_time(text[:19], 2, "")
