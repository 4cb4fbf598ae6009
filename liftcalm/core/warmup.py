"""The warm-up calculator: a ramp of lighter sets up to the first working set.

A scheme is a list of steps, each the empty bar or a percentage of the working load, with its
reps: the default is "bar × 10, 40% × 5, 60% × 3, 80% × 1". Loads are rounded down to what
can be loaded; a step that would be as heavy as the work, or as the step before it, is left out.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from liftcalm.core.load_display import format_weight
from liftcalm.core.models import SetTarget, SetType
from liftcalm.core.validation import ValidationError

DEFAULT_SCHEME_TEXT = "bar×10, 40%×5, 60%×3, 80%×1"
WARMUP_REST_S = 60
STEPS_MAX = 8


@dataclass(frozen=True)
class WarmupStep:
    """The empty bar (``percent`` None) or a percentage of the first working set's load, for ``reps``."""

    percent: float | None
    reps: int

    def __str__(self) -> str:
        what = "bar" if self.percent is None else f"{format_weight(self.percent)}%"
        return f"{what}×{self.reps}"


def parse_scheme(text: str) -> tuple[WarmupStep, ...]:
    """Read "bar×10, 40%×5, 60%×3, 80%×1" (x or × or *; the % may be left out)."""
    steps = []
    for part in re.split(r"[,;]", text):
        part = part.strip()
        if not part:
            continue
        match = re.fullmatch(r"(bar|\d+(?:\.\d+)?)\s*%?\s*[x×*]\s*(\d+)", part, re.IGNORECASE)
        if match is None:
            raise ValidationError("warmup", f"“{part}” is not a warm-up step: write bar×10 or 40%×5.")
        what, reps = match.group(1).lower(), int(match.group(2))
        percent = None if what == "bar" else float(what)
        if percent is not None and not 0 < percent < 100:
            raise ValidationError("warmup", f"A warm-up is lighter than the work: {format_weight(percent)}% is not "
                                            f"between 0 and 100.")
        if not 1 <= reps <= 30:
            raise ValidationError("warmup", f"Warm-up reps must be from 1 to 30; {reps} is out of range.")
        steps.append(WarmupStep(percent, reps))
    if not steps:
        raise ValidationError("warmup", "Give at least one step, e.g. bar×10, 50%×5.")
    if len(steps) > STEPS_MAX:
        raise ValidationError("warmup", f"At most {STEPS_MAX} warm-up steps.")
    return tuple(steps)


def format_scheme(steps: tuple[WarmupStep, ...]) -> str:
    return ", ".join(str(step) for step in steps)


DEFAULT_SCHEME = parse_scheme(DEFAULT_SCHEME_TEXT)


def warmup_ramp(working_kg: float, scheme: tuple[WarmupStep, ...] = DEFAULT_SCHEME, *,
                bar_kg: float | None = None, round_down: Callable[[float], float] | None = None,
                rest_s: int | None = WARMUP_REST_S) -> tuple[SetTarget, ...]:
    """The warm-up sets before a first working set of ``working_kg``.

    ``bar_kg`` is the empty bar (None: no bar, e.g. dumbbells, and the bar step is left out);
    nothing goes below it. ``round_down`` gives the heaviest loadable weight at most a load.
    Each set gets ``rest_s``, shorter than the working rest.
    """
    if working_kg <= 0:
        return ()
    targets: list[SetTarget] = []
    last = None
    for step in scheme:
        if step.percent is None:
            if bar_kg is None:
                continue
            load = bar_kg
        else:
            load = working_kg * step.percent / 100
            if round_down is not None:
                load = round_down(load)
            if bar_kg is not None:
                load = max(load, bar_kg)
        if load <= 0 or load >= working_kg - 1e-9 or (last is not None and load <= last + 1e-9):
            continue
        targets.append(SetTarget(SetType.WARMUP, step.reps, None, load, rest_s=rest_s))
        last = load
    return tuple(targets)
