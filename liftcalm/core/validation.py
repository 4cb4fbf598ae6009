"""Field validation shared by the store, the editor and (later) importers.

Each parser takes what the user typed and returns a clean value or raises
``ValidationError`` with a message fit to show beside the field.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from liftcalm.core.units import KG_PER_LB, Unit, kg_to_unit, unit_to_kg

REPS_RANGE = (1, 100)
LOAD_MAX_KG = 1000.0
REST_RANGE_S = (0, 900)
SETS_RANGE = (1, 20)
DURATION_RANGE_S = (30, 3600)
NAME_MAX = 80
NOTE_MAX = 500


class ValidationError(ValueError):
    """A value the user entered that cannot be saved. ``field`` names the input."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


def name_key(name: str) -> str:
    """Return the key under which names must be unique: case, accents form and spacing ignored."""
    import unicodedata  # loaded when a name is first checked, not at every start (1.5 ms)

    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


def match_key(name: str) -> str:
    """Return a looser key for matching exercise names: also ignores punctuation."""
    return re.sub(r"[\W_]+", "", name_key(name))


def word_set_key(name: str) -> str:
    """The words of a name in any order: "Bench Press (Barbell)" matches "Barbell Bench Press"."""
    return " ".join(sorted(re.findall(r"[^\W_]+", name_key(name))))


def parse_name(text: str, field: str = "name", what: str = "Name") -> str:
    name = " ".join(text.split())
    if not name:
        raise ValidationError(field, f"{what} cannot be empty.")
    if len(name) > NAME_MAX:
        raise ValidationError(field, f"{what} is {len(name)} characters long; the limit is {NAME_MAX}.")
    return name


def _parse_int(text: str, field: str, what: str, low: int, high: int, unit: str = "") -> int:
    stripped = text.strip()
    suffix = f" {unit}" if unit else ""
    if not re.fullmatch(r"[+-]?\d+", stripped):
        raise ValidationError(field, f"{what} must be a whole number from {low} to {high}{suffix}.")
    value = int(stripped)
    if not low <= value <= high:
        raise ValidationError(field, f"{what} must be from {low} to {high}{suffix}; {value} is out of range.")
    return value


def parse_reps(text: str) -> int:
    return _parse_int(text, "reps", "Reps", *REPS_RANGE)


def parse_sets(text: str) -> int:
    return _parse_int(text, "sets", "Sets", *SETS_RANGE)


def parse_rest(text: str) -> int:
    return _parse_int(text, "rest", "Rest", *REST_RANGE_S, unit="s")


def parse_duration(text: str) -> int:
    return _parse_int(text, "duration", "Duration", *DURATION_RANGE_S, unit="s")


def load_max(unit: Unit) -> float:
    """The largest load allowed, in ``unit`` (1000 kg, or its equivalent rounded down)."""
    return LOAD_MAX_KG if unit is Unit.KG else int(LOAD_MAX_KG / KG_PER_LB * 10) / 10


def parse_load(text: str, unit: Unit) -> float:
    """Parse a load typed in ``unit`` (a comma is accepted as decimal mark); return kilograms."""
    stripped = text.strip().replace(",", ".")
    high = load_max(unit)
    high_text = f"{high:g}"
    try:
        value = float(stripped)
    except ValueError:
        raise ValidationError("load", f"Load must be a number from 0 to {high_text} {unit}.") from None
    if value != value or not 0 <= value <= high:  # NaN fails the range test too
        raise ValidationError("load", f"Load must be from 0 to {high_text} {unit}; {stripped} is out of range.")
    return min(unit_to_kg(value, unit), LOAD_MAX_KG)


def parse_note(text: str) -> str:
    note = text.strip()
    if len(note) > NOTE_MAX:
        raise ValidationError("note", f"The note is {len(note)} characters long; the limit is {NOTE_MAX}.")
    return note


def check_item_values(reps: int, load_kg: float, rest_s: int, sets: int, duration_s: int | None) -> None:
    """Raise ``ValidationError`` if stored values are out of range (a guard for every write)."""
    if not REPS_RANGE[0] <= reps <= REPS_RANGE[1]:
        raise ValidationError("reps", f"Reps must be from {REPS_RANGE[0]} to {REPS_RANGE[1]}.")
    if not 0 <= load_kg <= LOAD_MAX_KG:
        raise ValidationError("load", f"Load must be from 0 to {kg_to_unit(LOAD_MAX_KG, Unit.KG):g} kg.")
    if not REST_RANGE_S[0] <= rest_s <= REST_RANGE_S[1]:
        raise ValidationError("rest", f"Rest must be from {REST_RANGE_S[0]} to {REST_RANGE_S[1]} s.")
    if not SETS_RANGE[0] <= sets <= SETS_RANGE[1]:
        raise ValidationError("sets", f"Sets must be from {SETS_RANGE[0]} to {SETS_RANGE[1]}.")
    if duration_s is not None and not DURATION_RANGE_S[0] <= duration_s <= DURATION_RANGE_S[1]:
        raise ValidationError("duration", f"Duration must be from {DURATION_RANGE_S[0]} to {DURATION_RANGE_S[1]} s.")


def blank_is_not_given(parse: Callable[[str], Any]) -> Callable[[str], Any]:
    """``parse``, except that an empty text means "not given": None, never 0."""
    return lambda text: None if not text.strip() else parse(text)


def parse_done_reps(text: str) -> int:
    """Reps actually done in a set: 0 (a missed set) up to the routine's maximum."""
    return _parse_int(text, "reps", "Reps", 0, REPS_RANGE[1])


def parse_rpe(text: str) -> float | None:
    """Rate of perceived exertion, 1-10 in half steps; empty means not given."""
    stripped = text.strip().replace(",", ".")
    if not stripped:
        return None
    try:
        value = float(stripped)
    except ValueError:
        raise ValidationError("rpe", "RPE must be a number from 1 to 10 (halves allowed), or empty.") from None
    if not 1 <= value <= 10 or value * 2 != int(value * 2):
        raise ValidationError("rpe", f"RPE must be from 1 to 10 in steps of 0.5; {stripped} is not.")
    return value


def parse_rating(text: str, field: str = "rating", what: str = "Rating") -> int | None:
    """A stress rating typed by the user: a whole number 0-10, or empty for "not answered"."""
    stripped = text.strip()
    if not stripped:
        return None
    if not re.fullmatch(r"\d+", stripped) or not 0 <= int(stripped) <= 10:
        raise ValidationError(field, f"{what} must be a whole number from 0 to 10, or empty.")
    return int(stripped)


def check_set_change(field: str, value: Any) -> Any:
    """Return ``value`` for ``field`` of a logged set, or raise ``ValidationError``."""
    if field in ("reps", "load_kg") and value is None:
        return None  # not given (a timed set, an import without it): stored empty, never 0
    if field == "reps":
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= REPS_RANGE[1]:
            raise ValidationError("reps", f"Reps must be a whole number from 0 to {REPS_RANGE[1]}.")
        return value
    if field == "load_kg":
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= LOAD_MAX_KG:
            raise ValidationError("load", f"Load must be from 0 to {LOAD_MAX_KG:g} kg.")
        return float(value)
    if field == "rpe":
        if value is None:
            return None
        if not isinstance(value, (int, float)) or not 1 <= value <= 10 or value * 2 != int(value * 2):
            raise ValidationError("rpe", "RPE must be from 1 to 10 in steps of 0.5, or empty.")
        return float(value)
    if field in ("stress_after_set", "stress_end_of_rest"):
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10:
            raise ValidationError(field, "A rating must be a whole number from 0 to 10, or empty.")
        return value
    raise ValueError(f"{field} cannot be edited")
