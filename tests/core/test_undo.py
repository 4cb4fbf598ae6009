"""The one undo model: its place in the history, labels, and a failed step keeping its place."""

from dataclasses import dataclass

import pytest

from liftcalm.core.undo import UndoHistory


@dataclass(frozen=True)
class Step:
    label: str


def test_undo_and_redo_walk_the_steps_and_a_new_step_drops_the_redoable_ones():
    applied = []
    history = UndoHistory(lambda step, forward: applied.append((step.label, forward)))
    assert history.undo() is None and history.redo() is None
    for label in "abc":
        history.record(Step(label))
    assert history.undo_label == "c" and not history.can_redo
    assert history.undo() == Step("c") and history.undo() == Step("b")
    assert history.redo_label == "b" and history.redo() == Step("b")
    history.record(Step("d"))
    assert not history.can_redo and history.undo_label == "d"
    assert applied == [("c", False), ("b", False), ("b", True)]


def test_a_step_that_fails_to_apply_keeps_the_place():
    def apply(step, forward):
        raise OSError("disk full")

    history = UndoHistory(apply)
    history.record(Step("a"))
    with pytest.raises(OSError):
        history.undo()
    assert history.can_undo and history.undo_label == "a"


def test_the_limit_forgets_the_oldest_and_clear_forgets_all():
    history = UndoHistory(lambda step, forward: None, limit=2)
    for label in "abc":
        history.record(Step(label))
    assert history.undo().label == "c" and history.undo().label == "b" and history.undo() is None
    history.clear()
    assert not history.can_undo and not history.can_redo
