"""Weight units. Loads are stored in kilograms and shown in the user's unit."""

from __future__ import annotations

from enum import StrEnum

# How a value nobody gave is shown, everywhere: an em dash, never 0 (and never the en dash of a range, "8–12").
NOT_GIVEN = "—"

KG_PER_LB = 0.45359237


class Unit(StrEnum):
    KG = "kg"
    LB = "lb"


def kg_to_unit(kg: float, unit: Unit) -> float:
    """Convert kilograms to ``unit``."""
    return kg if unit is Unit.KG else kg / KG_PER_LB


def unit_to_kg(value: float, unit: Unit) -> float:
    """Convert a load given in ``unit`` to kilograms."""
    return value if unit is Unit.KG else value * KG_PER_LB


def format_load(kg: float, unit: Unit) -> str:
    """Show a load in ``unit`` with at most two decimals and no trailing zeros."""
    text = f"{kg_to_unit(kg, unit):.2f}".rstrip("0").rstrip(".")
    return text or "0"
