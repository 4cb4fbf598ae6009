"""What the rest says: coaching lines, the relief reflection's choices, the readiness advice.

The words are the project's own (``resources/coaching.json``). None of them diagnoses; the
readiness advice only ever offers, and never blocks a session.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from pathlib import Path

# What a person may notice as they rest: signs of relief, and as honestly the neutral and the
# opposite, so the question presumes nothing.
RELIEF_SIGNS = ("breath slowing", "heart settling", "muscles warm", "mind calmer", "still tense",
                "nothing in particular", "more tense")

LOW_READINESS_MAX = 2  # energy and motivation both at or below this: support comes first

LOW_READINESS_ADVICE = (
    "Energy and motivation are both very low today. On days like this, support comes first, and "
    "support means people: someone you trust, or a professional you can talk to. Reaching out is "
    "a strong step, not a weakness. If you like, rest today (it stays in your history), or try a "
    "shorter or a calm session. Whatever you choose is fine."
)

# Low check-ins this often, lately, and a gentle note suggests talking to someone.
LOW_DAYS_NOTICED, LOW_DAYS_OUT_OF = 3, 5
REPEATED_LOW_NOTE = (
    "Very low energy and motivation have come up on several days lately. That can be worth talking "
    "about with someone: a friend, your doctor or a counsellor. Your training will be here "
    "whenever you want it."
)


@dataclass(frozen=True)
class CoachingLine:
    id: str
    theme: str
    text: str


def load_coaching_lines(path: Path) -> tuple[CoachingLine, ...]:
    """Read the coaching lines shipped in ``resources/``."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return tuple(CoachingLine(line["id"], line["theme"], line["text"]) for line in data["lines"])


# A calm session has no sets to recover from: its rests get the breathing lines only (the other
# themes speak of effort, muscles worked, sets and reps).
CALM_SESSION_THEMES = frozenset({"breathing"})


def lines_for_session(lines: tuple[CoachingLine, ...], calm: bool) -> tuple[CoachingLine, ...]:
    """The coaching lines that fit a session: all of them, or for a calm session the breathing ones."""
    if not calm:
        return lines
    return tuple(line for line in lines if line.theme in CALM_SESSION_THEMES) or lines


class CoachingRotation:
    """A different line for every rest: a shuffled deck per session, themes spread out.

    The order depends only on ``seed`` (the session's id), so a resumed session shows the
    same line for the same rest again.
    """

    def __init__(self, lines: tuple[CoachingLine, ...], seed: int):
        if not lines:
            raise ValueError("no coaching lines")
        by_theme: dict[str, list[CoachingLine]] = {}
        for line in lines:
            by_theme.setdefault(line.theme, []).append(line)
        rng = random.Random(seed)
        themes = sorted(by_theme)
        for theme in themes:
            rng.shuffle(by_theme[theme])
        rng.shuffle(themes)
        # Deal round-robin across themes, so two neighbouring rests rarely share a theme.
        self._order: list[CoachingLine] = []
        while any(by_theme.values()):
            for theme in themes:
                if by_theme[theme]:
                    self._order.append(by_theme[theme].pop())

    def line_for_rest(self, rest_number: int) -> CoachingLine:
        """The line for the ``rest_number``-th rest of the session (0-based)."""
        return self._order[rest_number % len(self._order)]


def low_days_keep_coming(recent: list) -> bool:
    """Whether at least 3 of the last 5 check-ins (``Readiness``, newest first) were very low."""
    lows = sum(is_low_readiness(r.energy, r.motivation) for r in recent[:LOW_DAYS_OUT_OF])
    return lows >= LOW_DAYS_NOTICED


def is_low_readiness(energy: int | None, motivation: int | None) -> bool:
    """True when energy and motivation were both answered and both very low."""
    return (energy is not None and motivation is not None
            and energy <= LOW_READINESS_MAX and motivation <= LOW_READINESS_MAX)
