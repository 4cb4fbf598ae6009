"""Parsers for the values in export rows.

Each parser returns the value, ``None`` when the file gives none (missing is missing, never 0),
or an ``Invalid`` when the value is readable but cannot be true (877777 reps). Text that is not
a value at all raises ``ImportFormatError`` naming the row's line: the file is malformed.
"""

from __future__ import annotations

import math
import re
from datetime import datetime

from liftcalm.core.importers.errors import ImportFormatError
from liftcalm.core.units import KG_PER_LB, Unit

MAX_DURATION_S = 24 * 3600
# Workout dates outside these years are a broken clock or a placeholder; far outside them,
# adding a duration or converting to local time overflows what a datetime can hold.
YEAR_RANGE = (1900, 2100)
RPE_RANGE = (0.0, 10.0)
MAX_REPS = 1000  # what the database holds; more is a typo
MAX_LOAD_KG = 1000.0
MAX_DISTANCE_M = 1_000_000.0  # 1000 km in one set
METRES = {"m": 1.0, "km": 1000.0, "mi": 1609.344, "ft": 0.3048, "yd": 0.9144}

# ASCII digits only: float() would also take "1_000", "nan" and digits of other scripts.
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_DECIMAL_COMMA = re.compile(r"[+-]?[0-9]+,[0-9]+")
# Hours, minutes and seconds as the apps write them in each language they ship: "1h 5m", "35min",
# "1小时13分钟" (Chinese, in a real export), "1時間5分" (Japanese), "1 ч 5 мин" (Russian), "1 Std. 5 Min."
# (German). Matched case-insensitively after the text is lower-cased.
_HOUR_WORDS = ("h", "hr", "hrs", "hour", "hours", "std", "stunde", "stunden", "ч", "час", "часа", "часов",
               "小时", "小時", "時間", "ora", "ore", "hora", "horas", "heure", "heures", "uur")
_MINUTE_WORDS = ("m", "min", "mins", "minute", "minutes", "minuten", "minuti", "minuto", "minutos", "мин",
                 "минута", "минуты", "минут", "分钟", "分鐘", "分")
_SECOND_WORDS = ("s", "sec", "secs", "second", "seconds", "sek", "sekunde", "sekunden", "seg", "segundo",
                 "segundos", "secondo", "secondi", "seconde", "secondes", "с", "сек", "секунда", "секунды",
                 "секунд", "秒", "秒钟", "秒鐘")


def _words(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


_DURATION_PART = re.compile(
    rf"([0-9]{{1,9}})\s*(?:({_words(_HOUR_WORDS)})|({_words(_MINUTE_WORDS)})|({_words(_SECOND_WORDS)}))\.?(?![^\W\d_])"
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
_DISTANCE_UNIT_NAMES = {
    "m": "m", "meter": "m", "meters": "m", "metre": "m", "metres": "m", "km": "km", "kms": "km",
    "kilometer": "km", "kilometers": "km", "kilometre": "km", "kilometres": "km", "mi": "mi", "mi.": "mi",
    "mile": "mi", "miles": "mi", "ft": "ft", "feet": "ft", "yd": "yd", "yds": "yd", "yards": "yd",
}


class Invalid:
    """A value the file gives that cannot be true; ``reason`` says why, for the line it is on."""

    __slots__ = ("reason",)

    def __init__(self, reason: str):
        self.reason = reason

    def __repr__(self) -> str:
        return f"Invalid({self.reason!r})"

    def __eq__(self, other) -> bool:
        return type(other) is Invalid and other.reason == self.reason

    def __hash__(self) -> int:
        return hash(self.reason)


def clean_name(text: str) -> str:
    """Collapse runs of whitespace to single spaces and trim the ends."""
    return " ".join(text.split())


def clean_note(text: str) -> str:
    """Turn the literal ``\\n`` some apps write into real line breaks and unify line endings."""
    return text.replace("\\n", "\n").replace("\r\n", "\n").replace("\r", "\n").strip()


def parse_number(text: str, line: int, what: str) -> float | None | Invalid:
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
        return Invalid(f"the {what} {_quote(text)} is out of range")
    return value


def parse_weight(text: str, line: int) -> float | None | Invalid:
    """Parse a weight in the file's unit; an empty field is missing (None), never 0."""
    value = parse_number(text, line, "weight")
    if value is None or type(value) is Invalid:
        return value
    if value < 0:
        return Invalid(f"the weight {_quote(text)} is negative")
    return value + 0.0  # no -0.0


def check_load(weight: float, unit: Unit) -> Invalid | None:
    """An ``Invalid`` when ``weight`` in ``unit`` is more than the heaviest load LiftCalm holds."""
    kg = weight * KG_PER_LB if unit is Unit.LB else weight
    if kg > MAX_LOAD_KG + 0.0005:
        shown = f"{weight:g} {unit.value}" if unit is Unit.KG else f"{weight:g} lb ({kg:.0f} kg)"
        return Invalid(f"a load of {shown} is more than {MAX_LOAD_KG:g} kg")
    return None


def parse_reps(text: str, line: int) -> int | None | Invalid:
    """Parse a whole number of reps (``10.0`` is fine); None when the field is empty."""
    value = parse_number(text, line, "reps")
    if value is None or type(value) is Invalid:
        return value
    if value < 0 or not value.is_integer():
        return Invalid(f"the reps {_quote(text)} are not a whole number of 0 or more")
    if value > MAX_REPS:
        return Invalid(f"{value:.0f} reps is more than {MAX_REPS}")
    return int(value)


def parse_rpe(text: str, line: int) -> float | None | Invalid:
    """Parse an RPE from 0 to 10; empty or 0 (some apps' "not rated") is None."""
    value = parse_number(text, line, "RPE")
    if value is None or type(value) is Invalid or value == 0:
        return None if value == 0 else value
    if not RPE_RANGE[0] <= value <= RPE_RANGE[1]:
        return Invalid(f"the RPE {_quote(text)} is not from 0 to 10")
    return round(value, 2)


def parse_duration(text: str, line: int, what: str = "duration") -> int | None:
    """Parse ``1h 5m``, ``31m``, ``45s``, ``0:01:30``, ``1小时13分钟`` or plain seconds.

    None when empty, negative or over 24 h: a workout's length that cannot be true is left out.
    """
    seconds = _duration_seconds(text, line, what)
    if seconds is None or not 0 <= seconds <= MAX_DURATION_S:
        return None
    return seconds


def parse_set_seconds(text: str, line: int) -> int | None | Invalid:
    """Parse the seconds of a timed set; 0 or empty is None (Strong writes 0 on every lift)."""
    seconds = _duration_seconds(text, line, "set time")
    if not seconds:
        return None
    if seconds < 0:
        return Invalid(f"the set time {_quote(text)} is negative")
    if seconds > MAX_DURATION_S:
        return Invalid(f"a set of {_quote(text)} seconds is longer than 24 hours")
    return seconds


def parse_distance(text: str, line: int) -> float | None | Invalid:
    """Parse a distance in the file's unit; 0 or empty is None (Strong writes 0 on every lift)."""
    value = parse_number(text, line, "distance")
    if not value or type(value) is Invalid:
        return None if value == 0 else value
    if value < 0:
        return Invalid(f"the distance {_quote(text)} is negative")
    return value


def check_distance(distance: float, unit: str) -> Invalid | None:
    """An ``Invalid`` when ``distance`` in ``unit`` is farther than anyone goes in one set."""
    if distance * METRES[unit] > MAX_DISTANCE_M:
        return Invalid(f"a distance of {distance:g} {unit} is more than {MAX_DISTANCE_M / 1000:g} km")
    return None


def _duration_seconds(text: str, line: int, what: str) -> int | None:
    text = text.strip()
    if not text:
        return None
    if _NUMBER.fullmatch(text):
        seconds = float(text)
        return round(seconds) if math.isfinite(seconds) else None
    if (clock := _CLOCK_DURATION.fullmatch(text)) is not None:
        parts = [int(part) for part in clock.groups() if part is not None]
        if len(parts) == 2:
            parts.insert(0, 0)
        hours, minutes, secs = parts
        return hours * 3600 + minutes * 60 + secs
    lowered = text.casefold()
    seconds, position, seen = 0, 0, set()
    for part in _DURATION_PART.finditer(lowered):
        if lowered[position:part.start()].strip(" ,") or part.lastindex in seen:
            break
        seen.add(part.lastindex)
        seconds += int(part[1]) * (3600, 60, 1)[part.lastindex - 2]
        position = part.end()
    else:
        if seen and not lowered[position:].strip(" ,"):
            return seconds
    raise ImportFormatError(line, f"the {what} {_quote(text)} is not a duration like 1h 5m or 0:01:30")


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


def distance_unit_named(text: str) -> str | None:
    """The distance unit ``text`` names, as m, km, mi, ft or yd; None when it names none."""
    return _DISTANCE_UNIT_NAMES.get(text.strip().casefold())


def parse_distance_unit(text: str, line: int) -> str | None:
    """Parse a distance unit cell (km, mi., m); None when empty."""
    if not text.strip():
        return None
    unit = distance_unit_named(text)
    if unit is None:
        raise ImportFormatError(line, f"the distance unit {_quote(text)} is not km, m or mi")
    return unit


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
