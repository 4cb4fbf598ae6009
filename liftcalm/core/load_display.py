"""Loads as a lifter writes them. Storage stays exact kilograms; only the text is rounded.

A load typed in pounds comes back as typed (225 lb is stored as 102.058 kg and shown as 225);
a load that began in kilograms is shown in pounds to the half pound a lifter would write
(60 kg is 132.28 lb: shown as 132.5), never with a tail of decimals.
"""

from __future__ import annotations

from liftcalm.core.models import BodyLoad
from liftcalm.core.units import NOT_GIVEN, Unit, kg_to_unit

LB_WRITTEN_STEP = 0.5  # pounds are written to the half
LB_TYPED_STEP = 0.25  # ... unless the load is a quarter pound exactly, as a microplate makes it
_TOLERANCE = 0.004


def format_weight(value: float, decimals: int = 2) -> str:
    """A weight in any unit with at most ``decimals`` decimals and no trailing zeros: 102.5, 1.25, 20."""
    text = f"{value:.{decimals}f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def lb_as_written(kg: float) -> float:
    """The pounds a lifter would write for ``kg``: exact quarter pounds kept, else the nearest half."""
    pounds = kg_to_unit(kg, Unit.LB)
    quarter = round(pounds / LB_TYPED_STEP) * LB_TYPED_STEP
    if abs(pounds - quarter) < _TOLERANCE:
        return quarter
    return round(pounds / LB_WRITTEN_STEP) * LB_WRITTEN_STEP


def load_number(kg: float, unit: Unit) -> str:
    """The number of a load in ``unit``, as a lifter writes it: "132.5" for 60 kg in pounds."""
    return format_weight(kg if unit is Unit.KG else lb_as_written(kg))


def display_load(kg: float, unit: Unit) -> str:
    """A load with its unit: "102.5 kg", "132.5 lb"."""
    return f"{load_number(kg, unit)} {unit}"


def same_written_load(kg_a: float, kg_b: float, unit: Unit) -> bool:
    """Whether two loads are written the same in ``unit`` (so re-reading a shown value changes nothing)."""
    return load_number(kg_a, unit) == load_number(kg_b, unit)


def display_bodyweight_load(load_kg: float | None, unit: Unit, assisted: bool = False) -> str:
    """"BW", "BW + 10 kg", or "BW − 20 kg" for assistance (an assisted pull-up)."""
    if not load_kg:
        return "BW"
    sign = "−" if assisted else "+"
    return f"BW {sign} {display_load(load_kg, unit)}"


def display_set_load(load_kg: float | None, unit: Unit, body_load: BodyLoad | str = BodyLoad.NONE) -> str:
    """A set's load as logged: "102.5 kg", "—" when not given; "BW + 10 kg" or "BW − 20 kg" for bodyweight."""
    body_load = BodyLoad(body_load)
    if body_load is not BodyLoad.NONE:
        return display_bodyweight_load(load_kg, unit, assisted=body_load is BodyLoad.MINUS)
    return NOT_GIVEN if load_kg is None else display_load(load_kg, unit)
