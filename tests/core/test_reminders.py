"""When the training reminder is next due; what it says (and what it never says)."""

import datetime as dt

import pytest

from liftcalm.core import reminders
from liftcalm.core.validation import ValidationError

SIX_PM = dt.time(18, 0)
MONDAY = dt.datetime(2025, 3, 3, 9, 0)  # a Monday morning


def test_the_next_reminder_is_the_next_chosen_day_at_the_chosen_time():
    every_day = reminders.parse_reminder_days(reminders.EVERY_DAY)
    assert reminders.next_reminder(MONDAY, SIX_PM, every_day) == dt.datetime(2025, 3, 3, 18, 0)
    assert reminders.next_reminder(MONDAY.replace(hour=18), SIX_PM, every_day) == dt.datetime(2025, 3, 4, 18, 0)
    weekends = reminders.parse_reminder_days("67")
    assert reminders.next_reminder(MONDAY, SIX_PM, weekends) == dt.datetime(2025, 3, 8, 18, 0)
    mondays = reminders.parse_reminder_days("1")
    assert reminders.next_reminder(MONDAY.replace(hour=19), SIX_PM, mondays) == dt.datetime(2025, 3, 10, 18, 0)
    assert reminders.next_reminder(MONDAY, SIX_PM, frozenset()) is None


def test_times_and_days_are_read_strictly():
    assert reminders.parse_reminder_time("7:30") == dt.time(7, 30)
    assert reminders.format_reminder_time(dt.time(7, 5)) == "07:05"
    for bad in ("18", "18:0", "24:00", "18:60", "six", ""):
        with pytest.raises(ValidationError):
            reminders.parse_reminder_time(bad)
    assert reminders.parse_reminder_days("531") == frozenset({1, 3, 5})
    assert reminders.format_reminder_days(frozenset({5, 1})) == "15"
    with pytest.raises(ValidationError):
        reminders.parse_reminder_days("08")


def test_a_reminder_found_hours_late_is_not_said():
    due = dt.datetime(2025, 3, 3, 18, 0)
    assert reminders.is_still_timely(due, due + dt.timedelta(minutes=30))
    assert not reminders.is_still_timely(due, due + dt.timedelta(hours=3))
    assert not reminders.is_still_timely(due, due - dt.timedelta(seconds=1))


def test_the_words_are_gentle_and_count_nothing():
    text = f"{reminders.TITLE} {reminders.MESSAGE}".lower()
    assert "if you'd like" in text and "resting is fine" in text
    for pushy in ("streak", "don't", "must", "missed", "days in a row", "!"):
        assert pushy not in text
