"""Parsers for the values in export rows; each raises ``ImportFormatError`` naming the row's line."""

from __future__ import annotations

import math
import re
from datetime import datetime

from liftcalm.core.importers.errors import ImportFormatError
from liftcalm.core.units import Unit

MAX_DURATION_S = 24 * 3600
# Workout dates outside these years are a broken clock or a placeholder; far outside them,
# adding a duration or converting to local time overflows what a datetime can hold.
YEAR_RANGE = (1900, 2100)
RPE_RANGE = (0.0, 10.0)

# ASCII digits only: float() would also take "1_000", "nan" and digits of other scripts.
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_DECIMAL_COMMA = re.compile(r"[+-]?[0-9]+,[0-9]+")
_SPELLED_DURATION = re.compile(
    r"(?:(?P<h>[0-9]{1,6})\s*h(?:ours?|rs?)?)?\s*"
    r"(?:(?P<m>[0-9]{1,6})\s*m(?:in(?:utes?|s)?)?)?\s*"
    r"(?:(?P<s>[0-9]{1,9})\s*s(?:ec(?:onds?|s)?)?)?",
    re.IGNORECASE,
)
_CLOCK_DURATION = re.compile(r"([0-9]{1,6}):([0-9]{1,2})(?::([0-9]{1,2}))?")
_ISO_DATE_TIME = re.compile(
    r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:[ T]([0-9]{1,2}):([0-9]{1,2})(?::([0-9]{1,2})(?:\.[0-9]{1,6})?)?)?"
)
_DAY_MONTH_YEAR = re.compile(r"([0-9]{1,2}) ([A-Za-z]{3,9})\.? ([0-9]{4}),? ([0-9]{1,2}):([0-9]{2})(?::([0-9]{2}))?")
# English month names, spelled out here: strptime's %b follows the process locale, which Qt sets.
_MONTHS = {name: number for number, name in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}
_UNIT_NAMES = {
    "kg": Unit.KG, "kgs": Unit.KG, "kilogram": Unit.KG, "kilograms": Unit.KG,
    "lb": Unit.LB, "lbs": Unit.LB, "pound": Unit.LB, "pounds": Unit.LB,
}


def clean_name(text: str) -> str:
    """Collapse runs of whitespace to single spaces and trim the ends."""
    return " ".join(text.split())


def clean_note(text: str) -> str:
    """Turn the literal ``\\n`` some apps write into real line breaks and unify line endings."""
    return text.replace("\\n", "\n").replace("\r\n", "\n").replace("\r", "\n").strip()


def parse_number(text: str, line: int, what: str) -> float | None:
    """Parse a decimal number (a decimal comma is accepted); None when the field is empty."""
    text = text.strip()
    if not text:
        return None
    if _DECIMAL_COMMA.fullmatch(text):
        text = text.replace(",", ".")
    if not _NUMBER.fullmatch(text):
        raise ImportFormatError(line, f"the {what} {_quote(text)} is not a number")
    value = float(text)
    if not math.isfinite(value):
        raise ImportFormatError(line, f"the {what} {_quote(text)} is out of range")
    return value


def parse_weight(text: str, line: int) -> float:
    """Parse a weight in the file's unit; an empty field is bodyweight, 0."""
    value = parse_number(text, line, "weight")
    if value is None:
        return 0.0
    if value < 0:
        raise ImportFormatError(line, f"the weight {_quote(text)} is negative")
    return value + 0.0  # no -0.0


def parse_reps(text: str, line: int) -> int:
    """Parse a whole number of reps (``10.0`` is fine); empty means 0, as on timed rows."""
    value = parse_number(text, line, "reps")
    if value is None:
        return 0
    if value < 0 or not value.is_integer():
        raise ImportFormatError(line, f"the reps {_quote(text)} are not a whole number of 0 or more")
    return int(value)


def parse_rpe(text: str, line: int) -> float | None:
    """Parse an RPE from 0 to 10; empty or 0 (some apps' "not rated") is None."""
    value = parse_number(text, line, "RPE")
    if value is None or value == 0:
        return None
    if not RPE_RANGE[0] <= value <= RPE_RANGE[1]:
        raise ImportFormatError(line, f"the RPE {_quote(text)} is not from 0 to 10")
    return round(value, 2)


def parse_duration(text: str, line: int, what: str = "duration") -> int | None:
    """Parse ``1h 5m``, ``31m``, ``45s``, ``0:01:30`` or plain seconds; None when empty or over 24 h."""
    text = text.strip()
    if not text:
        return None
    if _NUMBER.fullmatch(text):
        seconds = float(text)
        if not math.isfinite(seconds) or seconds < 0:
            return None
        seconds = round(seconds)
    elif (clock := _CLOCK_DURATION.fullmatch(text)) is not None:
        parts = [int(part) for part in clock.groups() if part is not None]
        if len(parts) == 2:
            parts.insert(0, 0)
        hours, minutes, secs = parts
        seconds = hours * 3600 + minutes * 60 + secs
    elif (spelled := _SPELLED_DURATION.fullmatch(text)) is not None and any(spelled.groups()):
        hours, minutes, secs = (int(part or 0) for part in spelled.group("h", "m", "s"))
        seconds = hours * 3600 + minutes * 60 + secs
    else:
        raise ImportFormatError(line, f"the {what} {_quote(text)} is not a duration like 1h 5m or 0:01:30")
    return seconds if seconds <= MAX_DURATION_S else None


def parse_set_seconds(text: str, line: int) -> int | None:
    """Parse the seconds of a timed set; 0, empty or absurd is None."""
    return parse_duration(text, line, "set time") or None


def parse_date_time(text: str, line: int, example: str) -> datetime:
    """Parse ``2024-03-05 07:12:44``, ``2024-03-05`` or ``5 Dec 2025, 11:37`` as naive local time."""
    text = text.strip()
    parsed = None
    try:
        if (iso := _ISO_DATE_TIME.fullmatch(text)) is not None:
            parsed = datetime(*(int(part or 0) for part in iso.groups()))
        elif (spelled := _DAY_MONTH_YEAR.fullmatch(text)) is not None:
            day, month_name, year, hour, minute, second = spelled.groups()
            month = _MONTHS.get(month_name[:3].casefold())
            if month is not None:
                parsed = datetime(int(year), month, int(day), int(hour), int(minute), int(second or 0))
    except ValueError:  # day or hour out of range, such as 2024-02-30
        pass
    if parsed is not None:
        if not YEAR_RANGE[0] <= parsed.year <= YEAR_RANGE[1]:
            raise ImportFormatError(
                line, f"the date {_quote(text)} is out of range: LiftCalm reads workouts from the years "
                      f"{YEAR_RANGE[0]} to {YEAR_RANGE[1]}")
        return parsed
    if not text:
        raise ImportFormatError(line, "the date is empty")
    raise ImportFormatError(line, f"the date {_quote(text)} is not a valid date like {example}")


def parse_unit_name(text: str, line: int) -> Unit | None:
    """Parse a weight unit cell (kg, kgs, lb, lbs); None when empty."""
    name = text.strip().casefold()
    if not name:
        return None
    try:
        return _UNIT_NAMES[name]
    except KeyError:
        raise ImportFormatError(line, f"the weight unit {_quote(text)} is neither kg nor lbs") from None


def _quote(text: str, limit: int = 40) -> str:
    """Quote a value for a message, shortened so that junk cannot flood the dialog."""
    shown = text if len(text) <= limit else text[: limit - 1] + "…"
    return repr(shown)


class ParseMemo:
    """Remembers what a cell parser made of each distinct text, within one file.

    Exports repeat the same dates, durations and weights row after row. A text that parsed
    once parses the same way again; a text that fails is never remembered, so it still
    fails with its own line.
    """

    def __init__(self, parse):
        self._parse = parse
        self._seen: dict = {}

    def __call__(self, text: str, line: int, *extra):
        try:
            return self._seen[text]
        except KeyError:
            value = self._seen[text] = self._parse(text, line, *extra)
            return value
