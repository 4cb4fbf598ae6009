"""The optional training reminder: when it is next due, and what it says.

A reminder is an offer, never a demand: one gentle line at the time the person chose, on the
days they chose, and none on a day they have already trained or checked in, or while a
session runs. It keeps no count of days and never mentions one.
"""

from __future__ import annotations

import datetime as dt

from liftcalm.core.validation import ValidationError

DEFAULT_TIME = "18:00"
EVERY_DAY = "1234567"  # ISO weekdays: 1 is Monday
DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
LATE_GRACE = dt.timedelta(hours=2)  # found later than this (after a long sleep): not said, that day is gone

TITLE = "Training time, if you'd like"
MESSAGE = "It's the time you chose for training. LiftCalm is ready when you are, and resting is fine too."


def parse_reminder_time(text: str) -> dt.time:
    """ "18:00" or "7:30" as a time of day; raises ValidationError."""
    hours, colon, minutes = text.strip().partition(":")
    if not colon or not hours.isdigit() or not minutes.isdigit() or len(minutes) != 2:
        raise ValidationError("reminder_time", f"Give the time as hours:minutes, e.g. 18:00, not {text!r}.")
    if not (0 <= int(hours) <= 23 and 0 <= int(minutes) <= 59):
        raise ValidationError("reminder_time", f"{text!r} is not a time of day (00:00 to 23:59).")
    return dt.time(int(hours), int(minutes))


def format_reminder_time(at: dt.time) -> str:
    return f"{at.hour:02d}:{at.minute:02d}"


def parse_reminder_days(text: str) -> frozenset[int]:
    """ "12345" (Monday to Friday) as ISO weekdays; raises ValidationError. Empty means no day."""
    days = set()
    for character in text.strip():
        if character not in EVERY_DAY:
            raise ValidationError("reminder_days", f"Days are given as 1 (Monday) to 7 (Sunday), not {text!r}.")
        days.add(int(character))
    return frozenset(days)


def format_reminder_days(days: frozenset[int]) -> str:
    return "".join(str(day) for day in sorted(days))


def next_reminder(now: dt.datetime, at: dt.time, days: frozenset[int]) -> dt.datetime | None:
    """The first moment after ``now`` at ``at`` on one of ``days``; None when no day is chosen.

    ``now`` is local time without a time zone, as the person's clock on the wall says; the day
    a clock change (summer time) skips or repeats an hour, the time is taken as written.
    """
    if not days:
        return None
    for ahead in range(8):
        day = now.date() + dt.timedelta(days=ahead)
        moment = dt.datetime.combine(day, at)
        if day.isoweekday() in days and moment > now:
            return moment
    return None  # unreachable: within eight days every chosen weekday comes round


def is_still_timely(due: dt.datetime, now: dt.datetime) -> bool:
    """Whether a reminder due at ``due`` is worth saying at ``now`` (not hours late, after a sleep)."""
    return due <= now <= due + LATE_GRACE
