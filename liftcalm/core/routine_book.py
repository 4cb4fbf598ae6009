"""Routine editing with undo and redo, independent of Qt and of SQL.

Every edit is a ``RoutineChange``: the routine before and after (None where it does not
exist), recorded in the one undo model (``core.undo``). Undo writes the *before* state back,
redo the *after* state. Each write goes straight to the repository, so every edit is
committed the moment it is made, and is then published as a ``Change``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable, Protocol

from liftcalm.core.changes import Change, ChangeKind
from liftcalm.core.models import Routine
from liftcalm.core.undo import UndoHistory
from liftcalm.core.validation import ValidationError, check_item_values, parse_name


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


class RoutineBook:
    """The user's routines, edited through validated, undoable operations.

    ``publish`` is told of every committed write, with the routine before and after it.
    """

    def __init__(self, repository: RoutineRepository, publish: Callable[[Change], None] = lambda change: None):
        self._repository = repository
        self._publish = publish
        self.history: UndoHistory[RoutineChange] = UndoHistory(self._apply_step)

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
        return self.history.undo()

    def redo(self) -> RoutineChange | None:
        """Redo the change undone last; return it, or None when there is nothing to redo."""
        return self.history.redo()

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

    def _apply_step(self, change: RoutineChange, forward: bool) -> None:
        before, after = (change.before, change.after) if forward else (change.after, change.before)
        if after is None:
            self._repository.delete(change.routine_id)
        else:
            self._repository.put(after)
        self._publish(Change(ChangeKind.ROUTINES, (change.routine_id,), before=before, after=after))

    def _record(self, change: RoutineChange) -> None:
        self.history.record(change)
        self._publish(Change(ChangeKind.ROUTINES, (change.routine_id,), before=change.before, after=change.after))
