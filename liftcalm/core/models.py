"""Domain models: plain, immutable dataclasses shared by the store and the UI."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum

_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


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


class Measure(StrEnum):
    """What a set of an exercise counts: repetitions, seconds held (a plank) or metres (a carry)."""

    REPS = "reps"
    TIME = "time"
    DISTANCE = "distance"


class BodyLoad(StrEnum):
    """How the person's body weight enters the load a set moves (core.bodyweight)."""

    NONE = "none"  # the load is the weight lifted (a squat)
    PLUS = "plus"  # body weight plus any added load (dips, weighted pull-ups)
    MINUS = "minus"  # body weight minus the assistance (an assisted pull-up)


class Progression(StrEnum):
    """How suggestions move an exercise on from one session to the next (core.progression)."""

    NONE = "none"  # as last time
    DOUBLE = "double"  # work up the rep range, then add the load step
    FIXED = "fixed"  # add the load step whenever every working set reached its reps

    @property
    def label(self) -> str:
        return PROGRESSION_LABELS[self]


PROGRESSION_LABELS = {
    Progression.NONE: "None",
    Progression.DOUBLE: "Double progression",
    Progression.FIXED: "Fixed step",
}
PROGRESSION_HELP = {
    Progression.NONE: "Suggest the same load as last time",
    Progression.DOUBLE: "Work up the rep range; when every set reaches its top, add the load step",
    Progression.FIXED: "Add the load step whenever every working set reached its reps",
}


TIMED_SET_S = 30  # a first plan for a hold (a plank)
DISTANCE_SET_M = 40.0  # ... and for a carry


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
    measure: Measure = Measure.REPS

    @property
    def is_calm(self) -> bool:
        return self.kind is ExerciseKind.CALM

    @property
    def is_assisted(self) -> bool:
        """A machine or band takes weight off the body: its load is subtracted from body weight."""
        # ASCII lower case only, as SQLite's lower() in store/sql.BODY_LOAD: the two must agree.
        return "assisted" in self.name.translate(_ASCII_LOWER)

    @property
    def counts_body_weight(self) -> bool:
        """Whether the person's body weight is part of the load moved (push-ups, dips, assisted pull-ups)."""
        return self.is_bodyweight or self.is_assisted

    @property
    def body_load(self) -> BodyLoad:
        """How body weight enters the load a set moves; only in exercises counted in reps (not a plank, a carry)."""
        if self.is_calm or self.measure is not Measure.REPS:
            return BodyLoad.NONE
        if self.is_assisted:
            return BodyLoad.MINUS
        return BodyLoad.PLUS if self.is_bodyweight else BodyLoad.NONE


@dataclass(frozen=True)
class ExercisePlan:
    """Per exercise: the progression rule and load step; ``load_step_kg`` None means the equipment's default."""

    exercise_id: int
    progression: Progression = Progression.NONE
    load_step_kg: float | None = None


@dataclass(frozen=True)
class SetTarget:
    """The target of one planned set. None everywhere means "not given", never 0.

    ``reps`` alone is an exact target; with ``reps_max`` it is a range (8-12). A timed set has
    ``duration_s`` and a distance set ``distance_m`` instead of reps. ``rest_s`` None: the
    item's rest (a warm-up ramp gives its sets a shorter one). ``rpe`` (1-10) or ``rir``
    (reps in reserve) say how hard the set should feel.
    """

    set_type: SetType = SetType.WORKING
    reps: int | None = None
    reps_max: int | None = None
    load_kg: float | None = None
    rpe: float | None = None
    rir: int | None = None
    duration_s: int | None = None
    distance_m: float | None = None
    rest_s: int | None = None

    @property
    def high_reps(self) -> int | None:
        """The top of the rep range, or the exact reps."""
        return self.reps_max if self.reps_max is not None else self.reps

    @property
    def is_range(self) -> bool:
        return self.reps is not None and self.reps_max is not None and self.reps_max > self.reps


@dataclass(frozen=True)
class RoutineItem:
    """One exercise in a routine, with its planned sets.

    The number of sets is the length of ``set_types``. Calm practices are timed blocks:
    ``duration_s`` is their length and reps and load are unused.

    ``set_targets`` gives each set its own target (a pyramid, a warm-up ramp, a back-off set);
    None means every set as the item's own ``target_reps`` and ``target_load_kg`` say. It is
    kept in step with ``set_types``: one target per set, each of that set's type (a change of
    ``set_types`` alone re-types or trims the targets, and new sets copy the last one).
    """

    exercise_id: int
    set_types: tuple[SetType, ...] = (SetType.WORKING,) * 3
    target_reps: int = 8
    target_load_kg: float = 0.0
    rest_s: int = 90
    superset_with_next: bool = False
    note: str = ""
    duration_s: int | None = None
    set_targets: tuple[SetTarget, ...] | None = None

    def __post_init__(self) -> None:
        targets = self.set_targets
        if targets is None:
            return
        targets = list(targets)
        types = self.set_types
        if len(targets) > len(types):
            del targets[len(types):]
        while len(targets) < len(types):
            targets.append(targets[-1] if targets else self._uniform_target(types[len(targets)]))
        targets = [t if t.set_type is kind else replace(t, set_type=kind) for t, kind in zip(targets, types)]
        object.__setattr__(self, "set_targets", tuple(targets))

    def _uniform_target(self, set_type: SetType) -> SetTarget:
        # The item's one load is 0 when none was typed (the column cannot be empty): no load given.
        return SetTarget(set_type, self.target_reps, None, self.target_load_kg or None)

    @property
    def targets(self) -> tuple[SetTarget, ...]:
        """Each set's target, in order: the per-set targets, or the item's fields for every set."""
        if self.set_targets is not None:
            return self.set_targets
        return tuple(self._uniform_target(t) for t in self.set_types)

    def with_targets(self, targets: tuple[SetTarget, ...] | list[SetTarget]) -> RoutineItem:
        """This item with these per-set targets (their types become the set types).

        When every set asks for the same reps and load and nothing else, the item goes back to
        its own fields (``set_targets`` None). ``target_reps`` and ``target_load_kg`` follow the
        first working set, for readers that know only them.
        """
        targets = tuple(targets)
        if not targets:
            raise ValueError("an exercise has at least one set")
        types = tuple(t.set_type for t in targets)
        lead = next((t for t in targets if t.set_type is SetType.WORKING), targets[0])
        reps = lead.reps if lead.reps is not None else self.target_reps
        load = lead.load_kg if lead.load_kg is not None else 0.0
        uniform = all(t.reps_max is None and t.rpe is None and t.rir is None and t.duration_s is None
                      and t.distance_m is None and t.rest_s is None and t.reps == lead.reps
                      and t.load_kg == lead.load_kg and t.reps is not None and t.load_kg is not None
                      for t in targets)
        return replace(self, set_types=types, target_reps=reps, target_load_kg=load,
                       set_targets=None if uniform else targets)

    def with_target(self, index: int, target: SetTarget) -> RoutineItem:
        """This item with set ``index`` (0-based) given ``target``."""
        targets = list(self.targets)
        targets[index] = target
        return self.with_targets(targets)

    def with_all_working(self, **fields) -> RoutineItem:
        """Give every working set these target fields ("same for all sets"); warm-ups and others keep theirs."""
        return self.with_targets([replace(t, **fields) if t.set_type is SetType.WORKING else t for t in self.targets])

    def with_same_for_all(self, index: int) -> RoutineItem:
        """Copy set ``index``'s reps, load and effort to every set of the same type."""
        model = self.targets[index]
        return self.with_targets([t if t.set_type is not model.set_type else model for t in self.targets])

    def with_warmups(self, warmups: tuple[SetTarget, ...] | list[SetTarget]) -> RoutineItem:
        """Replace the warm-up sets with ``warmups``, placed before every other set."""
        others = [t for t in self.targets if t.set_type is not SetType.WARMUP]
        if not others:
            return self
        return self.with_targets([replace(t, set_type=SetType.WARMUP) for t in warmups] + others)

    @classmethod
    def for_exercise(cls, exercise: Exercise, default_rest_s: int) -> RoutineItem:
        """A sensible first plan for ``exercise``: three sets, or one timed block for a calm practice."""
        assert exercise.id is not None
        if exercise.is_calm:
            return cls(exercise.id, (SetType.WORKING,), 1, 0.0, 30, duration_s=exercise.duration_s or 300)
        item = cls(exercise.id, (SetType.WORKING,) * 3, 10 if exercise.is_bodyweight else 8, 0.0, default_rest_s)
        if exercise.measure is Measure.TIME:
            return item.with_targets([SetTarget(SetType.WORKING, duration_s=TIMED_SET_S)] * 3)
        if exercise.measure is Measure.DISTANCE:
            return item.with_targets([SetTarget(SetType.WORKING, distance_m=DISTANCE_SET_M)] * 3)
        return item

    @property
    def sets(self) -> int:
        return len(self.set_types)

    def with_sets(self, count: int) -> RoutineItem:
        """Return this item with ``count`` sets, keeping existing set types and adding working sets.

        An added set copies the last working set's target.
        """
        types = self.set_types[:count] + (SetType.WORKING,) * max(0, count - len(self.set_types))
        if self.set_targets is None:
            return replace(self, set_types=types)
        targets = list(self.set_targets[:count])
        working = [t for t in self.set_targets if t.set_type is SetType.WORKING]
        model = replace(working[-1] if working else self.set_targets[-1], set_type=SetType.WORKING)
        targets += [model] * (count - len(targets))
        return self.with_targets(targets)


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
