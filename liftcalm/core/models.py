"""Domain models: plain, immutable dataclasses shared by the store and the UI."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum


class SetType(StrEnum):
    WARMUP = "warmup"
    WORKING = "working"
    DROP = "drop"
    FAILURE = "failure"

    @property
    def label(self) -> str:
        return SET_TYPE_LABELS[self]


SET_TYPE_LABELS = {
    SetType.WARMUP: "Warm-up",
    SetType.WORKING: "Working",
    SetType.DROP: "Drop",
    SetType.FAILURE: "Failure",
}


class ExerciseKind(StrEnum):
    STRENGTH = "strength"
    CALM = "calm"


# A session's kind is its exercises' kind, or this: a low day recorded as a rest day (the
# readiness check-in, no sets), so that low days are part of the history rather than lost.
REST_DAY_KIND = "rest"


@dataclass(frozen=True)
class Exercise:
    """A strength exercise or a calm practice, from the catalogue or the user's own."""

    id: int | None
    name: str
    kind: ExerciseKind = ExerciseKind.STRENGTH
    muscles: tuple[str, ...] = ()
    equipment: str = ""
    is_bodyweight: bool = False
    is_custom: bool = False
    duration_s: int | None = None  # suggested length of a calm practice
    description: str = ""

    @property
    def is_calm(self) -> bool:
        return self.kind is ExerciseKind.CALM


@dataclass(frozen=True)
class RoutineItem:
    """One exercise in a routine, with its planned sets.

    The number of sets is the length of ``set_types``. Calm practices are timed blocks:
    ``duration_s`` is their length and reps and load are unused.
    """

    exercise_id: int
    set_types: tuple[SetType, ...] = (SetType.WORKING,) * 3
    target_reps: int = 8
    target_load_kg: float = 0.0
    rest_s: int = 90
    superset_with_next: bool = False
    note: str = ""
    duration_s: int | None = None

    @classmethod
    def for_exercise(cls, exercise: Exercise, default_rest_s: int) -> RoutineItem:
        """A sensible first plan for ``exercise``: three sets, or one timed block for a calm practice."""
        assert exercise.id is not None
        if exercise.is_calm:
            return cls(exercise.id, (SetType.WORKING,), 1, 0.0, 30, duration_s=exercise.duration_s or 300)
        return cls(exercise.id, (SetType.WORKING,) * 3, 10 if exercise.is_bodyweight else 8, 0.0, default_rest_s)

    @property
    def sets(self) -> int:
        return len(self.set_types)

    def with_sets(self, count: int) -> RoutineItem:
        """Return this item with ``count`` sets, keeping existing set types and adding working sets."""
        types = self.set_types[:count] + (SetType.WORKING,) * max(0, count - len(self.set_types))
        return replace(self, set_types=types)


@dataclass(frozen=True)
class Readiness:
    """How the person feels before a session, each 0-10; None where not answered."""

    energy: int | None = None
    motivation: int | None = None
    stress: int | None = None


@dataclass(frozen=True)
class Routine:
    """A named, ordered list of exercises. ``id`` is None until the store assigns one."""

    id: int | None
    name: str
    items: tuple[RoutineItem, ...] = field(default_factory=tuple)

    def with_item_added(self, item: RoutineItem, index: int | None = None) -> Routine:
        items = list(self.items)
        items.insert(len(items) if index is None else index, item)
        return replace(self, items=tuple(items))

    def with_item_replaced(self, index: int, item: RoutineItem) -> Routine:
        items = list(self.items)
        items[index] = item
        return replace(self, items=tuple(items))

    def with_item_removed(self, index: int) -> Routine:
        items = list(self.items)
        del items[index]
        return replace(self, items=tuple(items))

    def with_item_moved(self, source: int, destination: int) -> Routine:
        """Move the item at ``source`` so that it ends up at index ``destination``."""
        items = list(self.items)
        items.insert(destination, items.pop(source))
        return replace(self, items=tuple(items))

    def without_dangling_superset(self) -> Routine:
        """Clear the superset mark of the last item: there is no next exercise to pair it with."""
        if self.items and self.items[-1].superset_with_next:
            return self.with_item_replaced(len(self.items) - 1, replace(self.items[-1], superset_with_next=False))
        return self
