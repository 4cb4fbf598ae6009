"""The 0-10 questions LiftCalm asks, with their anchors: the same words wherever a scale is asked.

A number means something only with its anchors: a 6 is "a little past clearly stressed".
The words are LiftCalm's own, written for this app (not a licensed scale), and they are
shown beside each question, in Help, and in the JSON export.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Scale:
    key: str
    question: str
    anchors: tuple[tuple[int, str], ...]  # (value, what it means), at 0, 5 and 10

    @property
    def anchor_text(self) -> str:
        """ "0 calm · 5 clearly stressed · 10 the most distress I can imagine"."""
        return " · ".join(f"{value} {meaning}" for value, meaning in self.anchors)

    def to_dict(self) -> dict:
        return {"question": self.question, "anchors": {str(value): meaning for value, meaning in self.anchors}}


STRESS_ANCHORS = ((0, "calm"), (5, "clearly stressed"), (10, "the most distress I can imagine"))

ENERGY = Scale("energy", "Energy right now", ((0, "none at all"), (5, "my usual"), (10, "the most I ever have")))
MOTIVATION = Scale("motivation", "Motivation to train now",
                   ((0, "none at all"), (5, "my usual"), (10, "as keen as I ever get")))
STRESS_BEFORE = Scale("stress_before", "Stress right now", STRESS_ANCHORS)
STRESS_AFTER_SET = Scale("stress_after_set", "How stressed do you feel right now?", STRESS_ANCHORS)
STRESS_END_OF_REST = Scale("stress_end_of_rest", "How stressed do you feel now, at the end of the rest?",
                           STRESS_ANCHORS)
STRESS_FINAL = Scale("stress_final", "How stressed do you feel now, at the end?", STRESS_ANCHORS)

SCALES = (ENERGY, MOTIVATION, STRESS_BEFORE, STRESS_AFTER_SET, STRESS_END_OF_REST, STRESS_FINAL)
