"""Matching the names other apps (and people) give exercises to the exercises LiftCalm knows."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from liftcalm.core.models import Exercise
from liftcalm.core.validation import match_key, word_set_key

# "Overhead Press (Barbell)": a name, then its equipment in brackets.
_WITH_EQUIPMENT = re.compile(r"(.+?)\s*\(([^()]+)\)")


@dataclass(frozen=True)
class NameAliases:
    """Other apps' names for catalogue exercises and their equipment words (``resources/exercise_aliases.json``)."""

    names: dict[str, str] = field(default_factory=dict)  # match key of another app's name -> catalogue name
    equipment: dict[str, str] = field(default_factory=dict)  # an app's equipment word -> catalogue equipment

    @classmethod
    def load(cls, path: Path) -> NameAliases:
        """Read the alias table; a missing or unreadable file gives no aliases (matching still works)."""
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
            names = {match_key(name): target for name, target in data.get("aliases", {}).items()}
            equipment = {key.casefold(): value for key, value in data.get("equipment", {}).items()}
        except (OSError, ValueError, AttributeError):
            return cls()
        return cls(names, equipment)


class ExerciseMatcher:
    """Finds the known exercise a name means, ignoring case, punctuation and word order.

    "Bench Press (Barbell)" is "Barbell Bench Press" (the same words in any order), and
    "Overhead Press (Barbell)" is "Overhead Press" when that exercise's equipment is barbell.
    With ``aliases``, other apps' usual names ("Squat (Barbell)") find their catalogue exercise.
    """

    def __init__(self, known: Iterable[Exercise], aliases: NameAliases | None = None):
        self._aliases = aliases or NameAliases()
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
        alias = self._aliases.names.get(key)
        if alias is not None and (found := self._by_key.get(match_key(alias))) is not None:
            return found
        words = word_set_key(name)
        if words in self._by_words:
            return self._by_words[words]
        bare = _WITH_EQUIPMENT.fullmatch(name)
        if bare:
            said = bare[2].strip().casefold()
            equipment = self._aliases.equipment.get(said, said)
            return self._by_name_and_equipment.get((match_key(bare[1]), equipment))
        return None
