"""The plate calculator: what to put on each side of the bar, for the person's own bar and plates.

Everything is worked out in the inventory's unit (a kilogram gym or a pound gym), in whole
thousandths so that 1.25 + 1.25 is exactly 2.5; loads come in and go out in kilograms, as
they are stored. A weight that cannot be loaded exactly is answered with the closest one that
can, and says so.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from liftcalm.core.load_display import format_weight as _format
from liftcalm.core.units import Unit, kg_to_unit, unit_to_kg
from liftcalm.core.validation import ValidationError

DEFAULT_BARS = {Unit.KG: 20.0, Unit.LB: 45.0}
STANDARD_BARS = {Unit.KG: (20.0, 15.0, 10.0), Unit.LB: (45.0, 35.0, 15.0)}
DEFAULT_PLATES = {
    Unit.KG: ((25.0, None), (20.0, None), (15.0, None), (10.0, None), (5.0, None), (2.5, None), (1.25, None)),
    Unit.LB: ((45.0, None), (35.0, None), (25.0, None), (10.0, None), (5.0, None), (2.5, None)),
}
BAR_RANGE = {Unit.KG: (0.0, 60.0), Unit.LB: (0.0, 130.0)}
PLATE_MAX = {Unit.KG: 50.0, Unit.LB: 100.0}
PAIRS_MAX = 20
UNLIMITED_PAIRS = 12  # "as many as you like" is searched as this many pairs: more than any bar holds
_MILLI = 1000


@dataclass(frozen=True)
class PlateInventory:
    """A bar and the plates that go on it, in ``unit``; ``pairs`` None means as many as needed."""

    unit: Unit
    bar: float
    plates: tuple[tuple[float, int | None], ...]

    @classmethod
    def default(cls, unit: Unit) -> PlateInventory:
        return cls(unit, DEFAULT_BARS[unit], DEFAULT_PLATES[unit])

    @property
    def bar_kg(self) -> float:
        return unit_to_kg(self.bar, self.unit)


@dataclass(frozen=True)
class PlateLoad:
    """What to load for one weight: the plates on each side (heaviest first), in the inventory's unit."""

    unit: Unit
    bar: float
    per_side: tuple[float, ...]
    wanted: float  # the weight asked for, in ``unit``
    total: float  # what these plates make with the bar, in ``unit``

    @property
    def exact(self) -> bool:
        return abs(self.total - self.wanted) < 0.0005

    @property
    def below_bar(self) -> bool:
        return self.wanted < self.bar - 0.0005

    def side_text(self) -> str:
        """"20 + 10 + 2.5 per side", or "the bar alone"."""
        if not self.per_side:
            return "the bar alone"
        return " + ".join(_weight(p) for p in self.per_side) + " per side"

    def describe(self) -> str:
        """One line for a lifter: the plates per side, the bar, and an honest word when not exact."""
        bar = f"{_weight(self.bar)} {self.unit} bar"
        line = f"{self.side_text()} on the {bar}" if self.per_side else f"The {bar} alone"
        if self.exact:
            return line
        if self.below_bar:
            return f"{line} (lighter than the bar: {_weight(self.wanted)} {self.unit} cannot be loaded)"
        return f"{line} · closest: {_weight(self.total)} {self.unit}"


def load_plates(load_kg: float, inventory: PlateInventory) -> PlateLoad:
    """The plates per side for ``load_kg``: exact when the inventory can make it, else the closest.

    Between two equally close weights the lighter is chosen; among the ways to make one
    weight, the one with the fewest plates.
    """
    wanted = kg_to_unit(load_kg, inventory.unit)
    bar = _milli(inventory.bar)
    per_side = max(0, round((_milli(wanted) - bar) / 2))
    sums = _reachable(_pieces(inventory))
    best = min(sums, key=lambda total: (abs(total - per_side), total))
    plates = tuple(p / _MILLI for p in sums[best])
    return PlateLoad(inventory.unit, inventory.bar, plates, wanted, (bar + 2 * best) / _MILLI)


def loadable_kg(load_kg: float, inventory: PlateInventory, direction: str = "nearest") -> float:
    """The weight nearest ``load_kg`` that the bar and plates make ("down": at most it, "up": at least it).

    With no such weight in that direction, the nearest one is returned.
    """
    wanted = _milli(kg_to_unit(load_kg, inventory.unit))
    bar = _milli(inventory.bar)
    totals = sorted(bar + 2 * s for s in _reachable(_pieces(inventory)))
    if direction == "down":
        candidates = [t for t in totals if t <= wanted]
    elif direction == "up":
        candidates = [t for t in totals if t >= wanted]
    else:
        candidates = totals
    candidates = candidates or totals
    best = min(candidates, key=lambda total: (abs(total - wanted), total))
    if best == wanted:
        return load_kg  # loadable as it is: keep the stored value exactly
    return unit_to_kg(best / _MILLI, inventory.unit)


def _weight(value: float) -> str:
    return _format(value, 3)  # a 0.625 kg plate is written whole


def _milli(value: float) -> int:
    return round(value * _MILLI)


def _pieces(inventory: PlateInventory) -> tuple[tuple[int, int], ...]:
    return tuple(sorted(((_milli(weight), UNLIMITED_PAIRS if pairs is None else pairs)
                         for weight, pairs in inventory.plates if weight > 0 and (pairs is None or pairs > 0)),
                        reverse=True))


@lru_cache(maxsize=16)
def _reachable(pieces: tuple[tuple[int, int], ...]) -> dict[int, tuple[int, ...]]:
    """Every weight one side can hold (in thousandths), with the fewest plates that make it, heaviest first.

    A knapsack over the plate kinds: a few hundred sums for a gym's plates, computed once per inventory.
    """
    best: dict[int, tuple[int, ...]] = {0: ()}
    for weight, pairs in pieces:
        for side, plates in list(best.items()):
            for count in range(1, pairs + 1):
                total = side + count * weight
                candidate = plates + (weight,) * count
                known = best.get(total)
                # Fewest plates; between as many, the heaviest first (as a lifter loads a bar).
                if known is None or (len(candidate), known) < (len(known), candidate):
                    best[total] = candidate
        if len(best) > 200_000:  # an absurd inventory: stop growing, answer with what is known
            break
    return best


def parse_bar(text: str, unit: Unit) -> float:
    """A bar's weight typed in ``unit`` (0 for plates on their own, e.g. a plate-loaded machine)."""
    low, high = BAR_RANGE[unit]
    stripped = text.strip().replace(",", ".").removesuffix(unit.value).strip()
    try:
        value = float(stripped)
    except ValueError:
        raise ValidationError("bar", f"The bar must be a number from {low:g} to {high:g} {unit}.") from None
    if not math.isfinite(value) or not low <= value <= high:
        raise ValidationError("bar", f"The bar must be from {low:g} to {high:g} {unit}; {stripped} is out of range.")
    return value


def parse_plates(text: str, unit: Unit) -> tuple[tuple[float, int | None], ...]:
    """Plates typed as "25, 20, 15, 10, 5, 2.5, 1.25"; "20x3" says three pairs of 20 (no count: any number).

    Returns the plates heaviest first, each weight once.
    """
    found: dict[float, int | None] = {}
    for part in re.split(r"[,;]", text):
        part = part.strip()
        if not part:
            continue
        match = re.fullmatch(r"(\d+(?:\.\d+)?)\s*(?:[x×*]\s*(\d+))?", part, re.IGNORECASE)
        if match is None:
            raise ValidationError("plates", f"“{part}” is not a plate: write weights like 25, 20, 2.5, "
                                            f"or 20x3 for three pairs.")
        weight = float(match.group(1))
        pairs = int(match.group(2)) if match.group(2) else None
        if not 0 < weight <= PLATE_MAX[unit]:
            raise ValidationError("plates", f"A plate must weigh more than 0 and at most {PLATE_MAX[unit]:g} {unit}.")
        if pairs is not None and not 1 <= pairs <= PAIRS_MAX:
            raise ValidationError("plates", f"Pairs of a plate must be from 1 to {PAIRS_MAX}.")
        found[weight] = pairs
    if not found:
        raise ValidationError("plates", "Give at least one plate, e.g. 20, 10, 5, 2.5.")
    return tuple(sorted(found.items(), reverse=True))


def format_plates(plates: tuple[tuple[float, int | None], ...]) -> str:
    """The text ``parse_plates`` reads back: "25, 20, 10x2"."""
    return ", ".join(_weight(w) + ("" if pairs is None else f"x{pairs}") for w, pairs in plates)
