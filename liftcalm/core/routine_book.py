"""Routine editing with undo and redo, independent of Qt and of SQL.

Every edit is a ``RoutineChange``: the routine before and after (None where it does not
exist). Undo writes the *before* state back, redo the *after* state. Each write goes
straight to the repository, so every edit is committed the moment it is made.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable, Protocol

from liftcalm.core.models import Routine
from liftcalm.core.validation import ValidationError, check_item_values, parse_name

UNDO_LIMIT = 500


class RoutineRepository(Protocol):
    def get(self, routine_id: int) -> Routine | None: ...
    def put(self, routine: Routine) -> Routine: ...
    def delete(self, routine_id: int) -> None: ...
    def name_in_use(self, name: str, except_id: int | None = None) -> bool: ...


@dataclass(frozen=True)
class RoutineChange:
    label: str
    before: Routine | None
    after: Routine | None

    @property
    def routine_id(self) -> int:
        routine = self.after or self.before
        assert routine is not None and routine.id is not None
        return routine.id


class UndoHistory:
    """A linear undo history: a new change drops whatever could have been redone."""

    def __init__(self, limit: int = UNDO_LIMIT):
        self._changes: list[RoutineChange] = []
        self._index = 0  # changes[:index] are done, the rest can be redone
        self._limit = limit

    def push(self, change: RoutineChange) -> None:
        del self._changes[self._index :]
        self._changes.append(change)
        if len(self._changes) > self._limit:
            del self._changes[0]
        self._index = len(self._changes)

    @property
    def can_undo(self) -> bool:
        return self._index > 0

    @property
    def can_redo(self) -> bool:
        return self._index < len(self._changes)

    @property
    def undo_label(self) -> str:
        return self._changes[self._index - 1].label if self.can_undo else ""

    @property
    def redo_label(self) -> str:
        return self._changes[self._index].label if self.can_redo else ""

    def step_back(self) -> RoutineChange:
        self._index -= 1
        return self._changes[self._index]

    def step_forward(self) -> RoutineChange:
        self._index += 1
        return self._changes[self._index - 1]


class RoutineBook:
    """The user's routines, edited through validated, undoable operations.

    ``on_changed`` listeners are called with the id of the routine that changed, after the
    change is committed.
    """

    def __init__(self, repository: RoutineRepository):
        self._repository = repository
        self.history = UndoHistory()
        self.on_changed: list[Callable[[int], None]] = []

    # -- operations -------------------------------------------------------------------------
    def create(self, name: str) -> Routine:
        """Create an empty routine named ``name``."""
        name = self._check_name(name, None)
        routine = self._repository.put(Routine(None, name))
        self._record(RoutineChange(f"Create “{name}”", None, routine))
        return routine

    def add(self, routine: Routine, label: str) -> Routine:
        """Store a complete new routine (a starter routine, an import) as one undoable step."""
        name = self._check_name(routine.name, None)
        self._check_items(routine)
        stored = self._repository.put(replace(routine, id=None, name=name))
        self._record(RoutineChange(label, None, stored))
        return stored

    def rename(self, routine_id: int, name: str) -> Routine:
        before = self._require(routine_id)
        name = self._check_name(name, routine_id)
        if name == before.name:
            return before
        after = self._repository.put(replace(before, name=name))
        self._record(RoutineChange(f"Rename to “{name}”", before, after))
        return after

    def duplicate(self, routine_id: int) -> Routine:
        """Copy a routine under the first free name "NAME (copy)", "NAME (copy 2)", ..."""
        source = self._require(routine_id)
        name = self.free_name(f"{source.name} (copy)")
        copy = self._repository.put(replace(source, id=None, name=name))
        self._record(RoutineChange(f"Duplicate “{source.name}”", None, copy))
        return copy

    def delete(self, routine_id: int) -> None:
        before = self._require(routine_id)
        self._repository.delete(routine_id)
        self._record(RoutineChange(f"Delete “{before.name}”", before, None))

    def edit(self, routine: Routine, label: str) -> Routine:
        """Replace a routine's exercises (and their settings) with those of ``routine``."""
        assert routine.id is not None
        before = self._require(routine.id)
        routine = routine.without_dangling_superset()
        if routine == before:
            return before
        self._check_items(routine)
        after = self._repository.put(replace(routine, name=before.name))
        self._record(RoutineChange(label, before, after))
        return after

    def undo(self) -> RoutineChange | None:
        """Undo the latest change; return it, or None when there is nothing to undo."""
        if not self.history.can_undo:
            return None
        change = self.history.step_back()
        self._write(change.before, change.routine_id)
        return change

    def redo(self) -> RoutineChange | None:
        if not self.history.can_redo:
            return None
        change = self.history.step_forward()
        self._write(change.after, change.routine_id)
        return change

    def free_name(self, wanted: str) -> str:
        """Return ``wanted``, or it with a number added, so that no routine has that name."""
        base = parse_name(wanted[:72])
        name, number = base, 2
        while self._repository.name_in_use(name):
            name = f"{base.removesuffix(' (copy)')} (copy {number})" if base.endswith("(copy)") else f"{base} {number}"
            number += 1
        return name

    # -- internals --------------------------------------------------------------------------
    def _require(self, routine_id: int) -> Routine:
        routine = self._repository.get(routine_id)
        if routine is None:
            raise KeyError(f"no routine with id {routine_id}")
        return routine

    def _check_name(self, text: str, routine_id: int | None) -> str:
        name = parse_name(text, "name", "Routine name")
        if self._repository.name_in_use(name, except_id=routine_id):
            raise ValidationError("name", f"A routine named “{name}” already exists. Choose another name.")
        return name

    @staticmethod
    def _check_items(routine: Routine) -> None:
        for item in routine.items:
            check_item_values(item.target_reps, item.target_load_kg, item.rest_s, item.sets, item.duration_s)

    def _write(self, state: Routine | None, routine_id: int) -> None:
        if state is None:
            self._repository.delete(routine_id)
        else:
            self._repository.put(state)
        self._notify(routine_id)

    def _record(self, change: RoutineChange) -> None:
        self.history.push(change)
        self._notify(change.routine_id)

    def _notify(self, routine_id: int) -> None:
        for listener in list(self.on_changed):
            listener(routine_id)
