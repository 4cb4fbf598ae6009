"""The one undo model: a linear history of steps, and the one body that undoes and redoes them.

A step is whatever an editor records (a routine before and after, rows before and after); it
has a ``label`` for the Edit menu. The editor gives the history one function that writes a
step forwards (redo) or backwards (undo); the history decides which step and keeps its place.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, Protocol, TypeVar

UNDO_LIMIT = 500


class Step(Protocol):
    @property
    def label(self) -> str: ...


S = TypeVar("S", bound=Step)


class UndoHistory(Generic[S]):
    """Steps done, and steps undone that can be redone; a new step drops the redoable ones.

    ``apply(step, forward)`` writes a step: forward for redo, backward for undo. When it
    raises, the history keeps its place, so a failed undo can be tried again.
    """

    def __init__(self, apply: Callable[[S, bool], None], limit: int = UNDO_LIMIT):
        self._apply = apply
        self._steps: list[S] = []
        self._index = 0  # steps[:index] are done, the rest can be redone
        self._limit = limit

    def record(self, step: S) -> None:
        """Remember a step that was just done."""
        del self._steps[self._index:]
        self._steps.append(step)
        if len(self._steps) > self._limit:
            del self._steps[0]
        self._index = len(self._steps)

    def clear(self) -> None:
        """Forget every step (they described content that was replaced, by a restore)."""
        self._steps.clear()
        self._index = 0

    @property
    def can_undo(self) -> bool:
        return self._index > 0

    @property
    def can_redo(self) -> bool:
        return self._index < len(self._steps)

    @property
    def undo_label(self) -> str:
        return self._steps[self._index - 1].label if self.can_undo else ""

    @property
    def redo_label(self) -> str:
        return self._steps[self._index].label if self.can_redo else ""

    def undo(self) -> S | None:
        """Undo the latest step; return it, or None when there is nothing to undo."""
        if not self.can_undo:
            return None
        self._index -= 1  # moved first: listeners told during the write see where the history is
        step = self._steps[self._index]
        try:
            self._apply(step, False)
        except BaseException:
            self._index += 1
            raise
        return step

    def redo(self) -> S | None:
        """Redo the step undone last; return it, or None when there is nothing to redo."""
        if not self.can_redo:
            return None
        step = self._steps[self._index]
        self._index += 1
        try:
            self._apply(step, True)
        except BaseException:
            self._index -= 1
            raise
        return step
