"""Matching the names other apps (and people) give exercises to the exercises LiftCalm knows."""

from __future__ import annotations

import re
from collections.abc import Iterable

from liftcalm.core.models import Exercise
from liftcalm.core.validation import match_key, word_set_key

# "Overhead Press (Barbell)": a name, then its equipment in brackets.
_WITH_EQUIPMENT = re.compile(r"(.+?)\s*\(([^()]+)\)")


class ExerciseMatcher:
    """Finds the known exercise a name means, ignoring case, punctuation and word order.

    "Bench Press (Barbell)" is "Barbell Bench Press" (the same words in any order), and
    "Overhead Press (Barbell)" is "Overhead Press" when that exercise's equipment is barbell.
    """

    def __init__(self, known: Iterable[Exercise]):
        self._by_key: dict[str, int] = {}
        self._by_words: dict[str, int] = {}
        self._by_name_and_equipment: dict[tuple[str, str], int] = {}
        for exercise in known:
            self.add(exercise)

    def add(self, exercise: Exercise) -> None:
        """Know ``exercise`` from now on (a custom exercise just created)."""
        assert exercise.id is not None
        self._by_key.setdefault(match_key(exercise.name), exercise.id)
        self._by_words.setdefault(word_set_key(exercise.name), exercise.id)
        self._by_name_and_equipment.setdefault((match_key(exercise.name), exercise.equipment), exercise.id)

    def match(self, name: str) -> int | None:
        """The id of the exercise ``name`` means, or None when no known exercise fits."""
        key = match_key(name)
        if key in self._by_key:
            return self._by_key[key]
        words = word_set_key(name)
        if words in self._by_words:
            return self._by_words[words]
        bare = _WITH_EQUIPMENT.fullmatch(name)
        if bare:
            return self._by_name_and_equipment.get((match_key(bare[1]), bare[2].strip().casefold()))
        return None
