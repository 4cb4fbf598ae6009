"""The plan rearranged from the overview, recorded: every change committed, undoable, and found on resume."""

from __future__ import annotations

import pytest

from liftcalm.core.clock import ClockAnchor, FakeClock
from liftcalm.core.models import Routine, RoutineItem, SetType
from liftcalm.core.session_recorder import SessionRecorder
from liftcalm.core.session_run import Phase
from liftcalm.store import Store

W = SetType.WORKING


@pytest.fixture
def session(tmp_path):
    clock = FakeClock(5000.0)
    path = tmp_path / "overview.db"
    store = Store(path)
    ids = [store.exercises.find(name).id for name in ("Barbell Back Squat", "Barbell Bench Press", "Barbell Row")]
    routine = store.book.add(Routine(None, "Three", tuple(RoutineItem(i, (W, W), 5, 60.0, 60) for i in ids)), "Add")
    recorder = SessionRecorder.start(store.sessions, clock, routine, store.exercises.get)
    return recorder, clock, path, ids


def resumed(path, clock):
    store = Store(path)  # another process, as after a kill
    return SessionRecorder.resume(store.sessions, clock, store.sessions.running(ClockAnchor.now(clock))), store


def exercises_to_do(recorder):
    return [recorder.run.plan[i].exercise_id for i in recorder.run.to_do()]


def test_a_skip_is_committed_at_once_and_undone_and_redone(session):
    recorder, clock, path, (squat, bench, row) = session
    recorder.skip_sets([0, 1], "skip Barbell Back Squat")
    assert recorder.run.current.exercise_id == bench
    again, _ = resumed(path, clock)  # a kill right after the skip
    assert again.run.current.exercise_id == bench and again.run.skipped == {0, 1}
    assert recorder.undo().label == "skip Barbell Back Squat"
    assert recorder.run.current.exercise_id == squat
    assert resumed(path, clock)[0].run.skipped == frozenset()
    recorder.redo()
    assert resumed(path, clock)[0].run.current.exercise_id == bench


def test_a_jump_and_a_move_survive_a_kill(session):
    recorder, clock, path, (squat, bench, row) = session
    recorder.jump_to(4)
    assert recorder.run.current.exercise_id == row
    assert resumed(path, clock)[0].run.current.exercise_id == row
    recorder.move_exercise_later(1, "Barbell Bench Press")
    assert exercises_to_do(recorder) == [squat, squat, row, row, bench, bench]
    again, _ = resumed(path, clock)
    assert exercises_to_do(again) == exercises_to_do(recorder) and again.run.current.exercise_id == row


def test_sets_done_out_of_order_are_numbered_as_done(session):
    recorder, clock, path, (squat, bench, row) = session
    recorder.remove_set(0)  # squat's first set taken out: its second is the first done
    recorder.add_set(2, "Barbell Row")  # a third row
    while recorder.phase is not Phase.FINISHED:
        clock.advance(30)
        recorder.finish_set()
        recorder.skip_rest()
    store = Store(path)
    sets = store.history_edits.session_sets(recorder.session_id)
    assert [(s.exercise_id, s.set_number) for s in sets] == [
        (squat, 1), (bench, 1), (bench, 2), (row, 1), (row, 2), (row, 3)]


def test_an_edit_of_an_earlier_set_is_kept_after_a_kill_and_undone(session):
    recorder, clock, path, _ = session
    for _ in range(3):
        clock.advance(30)
        recorder.finish_set()
        recorder.skip_rest()
    recorder.amend_set(0, 3, 65.0, 9.0)
    again, store = resumed(path, clock)
    assert (again.run.logged[0].reps, again.run.logged[0].load_kg) == (3, 65.0)
    recorder.undo()
    assert store.history_edits.session_sets(recorder.session_id)[0].reps == 5


def test_an_exercise_added_is_an_undo_step(session):
    recorder, clock, path, (squat, bench, row) = session
    recorder.add_exercise(RoutineItem(squat, (W,), 3, 80.0, 90), "Barbell Back Squat")
    assert len(recorder.run.plan) == 7
    assert recorder.undo().label == "add Barbell Back Squat"
    assert len(recorder.run.plan) == 6 and len(resumed(path, clock)[0].run.plan) == 6
