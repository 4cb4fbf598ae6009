"""Breathing pacer patterns, read as a pure function of the time since the pacer started."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

BreathKind = Literal["in", "hold", "out"]


@dataclass(frozen=True)
class BreathStep:
    """One step of a pattern. ``fill_to`` is how full the lungs are at its end (0 to 1).

    It defaults to full for "in" and empty for "out"; a first inhale that stops short sets
    it lower, so the top-up inhale after it continues from there. "hold" keeps the level.
    """

    label: str
    seconds: float
    kind: BreathKind
    fill_to: float | None = None


@dataclass(frozen=True)
class PacerPhase:
    label: str
    step_index: int
    step_fraction: float  # 0 at the start of the step, towards 1 at its end
    lung_fill: float  # 0 empty, 1 full
    seconds_left_in_step: float


@dataclass(frozen=True)
class BreathingPattern:
    """A repeating cycle of steps; the lungs start each cycle empty and end it empty."""

    name: str
    steps: tuple[BreathStep, ...]

    def __post_init__(self) -> None:
        if not self.steps:
            raise ValueError(f"{self.name}: a pattern needs at least one step")
        spans = self.fill_spans()
        for step, (start, end) in zip(self.steps, spans):
            if step.seconds <= 0:
                raise ValueError(f"{self.name}: {step.label!r} must last more than 0 s")
            if step.kind not in ("in", "hold", "out"):
                raise ValueError(f"{self.name}: {step.label!r} has an unknown kind {step.kind!r}")
            if not 0.0 <= end <= 1.0 or (step.kind == "in" and end < start) or (step.kind == "out" and end > start):
                raise ValueError(f"{self.name}: {step.label!r} fills the lungs the wrong way")
        if spans[-1][1] != 0.0:
            raise ValueError(f"{self.name}: the cycle must end with the lungs empty, where it starts")

    @property
    def cycle_seconds(self) -> float:
        return sum(step.seconds for step in self.steps)

    def fill_spans(self) -> list[tuple[float, float]]:
        """Give the lung fill at the start and at the end of each step."""
        spans = []
        level = 0.0
        for step in self.steps:
            if step.kind == "hold":
                end = level
            elif step.fill_to is not None:
                end = step.fill_to
            else:
                end = 1.0 if step.kind == "in" else 0.0
            spans.append((level, end))
            level = end
        return spans


CYCLIC_SIGHING = BreathingPattern(
    "Cyclic sighing",
    (
        BreathStep("Breathe in", 2.0, "in", fill_to=0.8),
        BreathStep("Top up", 1.0, "in"),
        BreathStep("Breathe out", 6.0, "out"),
    ),
)

BOX_BREATHING = BreathingPattern(
    "Box breathing",
    (
        BreathStep("Breathe in", 4.0, "in"),
        BreathStep("Hold", 4.0, "hold"),
        BreathStep("Breathe out", 4.0, "out"),
        BreathStep("Hold", 4.0, "hold"),
    ),
)

PATTERNS: dict[str, BreathingPattern] = {"cyclic_sighing": CYCLIC_SIGHING, "box": BOX_BREATHING}


def pacer_at(pattern: BreathingPattern, elapsed_s: float) -> PacerPhase:
    """Say where in ``pattern`` a pacer is ``elapsed_s`` seconds after it started.

    The pacer follows the clock, not a count of ticks, so a late repaint never puts it out
    of step. The lung fill changes linearly within a step.
    """
    into = max(0.0, elapsed_s) % pattern.cycle_seconds
    spans = pattern.fill_spans()
    for index, step in enumerate(pattern.steps):
        # The last step takes whatever is left, so float rounding never falls off the end.
        if into < step.seconds or index == len(pattern.steps) - 1:
            fraction = min(1.0, into / step.seconds)
            start, end = spans[index]
            return PacerPhase(
                label=step.label,
                step_index=index,
                step_fraction=fraction,
                lung_fill=start + (end - start) * fraction,
                seconds_left_in_step=max(0.0, step.seconds - into),
            )
        into -= step.seconds
    raise AssertionError("unreachable: a pattern has at least one step")
