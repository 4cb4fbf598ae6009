"""A whole session recorded without Qt, from start to summary, on a fake clock."""

from __future__ import annotations

import pytest

from liftcalm.core.clock import ClockAnchor, FakeClock
from liftcalm.core.models import Exercise, ExerciseKind, Readiness, Routine, RoutineItem, SetType
from liftcalm.core.session_recorder import UNSET, SessionRecorder, WriteFailed, session_kind
from liftcalm.core.session_run import Phase
from liftcalm.store import Store

W, WU = SetType.WORKING, SetType.WARMUP


class Wall:
    """A wall clock that moves with the fake monotonic clock."""

    def __init__(self, clock: FakeClock, offset: float = 1_790_000_000.0):
        self.clock, self.offset = clock, offset

    def __call__(self) -> float:
        return self.clock.now() + self.offset


def test_a_whole_session_from_start_to_summary_is_in_the_database_at_every_step(tmp_path, monkeypatch):
    clock = FakeClock(5000.0)
    wall = Wall(clock)
    monkeypatch.setattr("liftcalm.core.clock.time.time", wall)  # anchors agree with the fake clock
    path = tmp_path / "session.db"
    store = Store(path)
    squat, bench = store.exercises.find("Barbell Back Squat"), store.exercises.find("Barbell Bench Press")
    routine = store.book.add(Routine(None, "Strength", (RoutineItem(squat.id, (WU, W), 5, 100.0, 90),
                                                         RoutineItem(bench.id, (W,), 8, 60.0, 60))), "Add")
    heard = []
    recorder = SessionRecorder.start(store.sessions, clock, routine, store.exercises.get,
                                     Readiness(energy=6, motivation=None, stress=4))
    recorder.on_changed.append(lambda: heard.append("changed"))
    recorder.on_time_ended_phase.append(heard.append)
    recorder.on_finished.append(lambda session_id: heard.append(("finished", session_id)))
    assert recorder.kind is ExerciseKind.STRENGTH and store.has_running_session()

    clock.advance(40)
    recorder.finish_set()  # the warm-up, as planned
    assert len(store.history_edits.session_sets(recorder.session_id)) == 1  # committed before anyone heard
    recorder.rate_set(0, stress_after_set=3)
    recorder.adjust_rest(15)
    assert recorder.next_deadline() == 5040.0 + 90 + 15
    clock.advance(200)
    recorder.tick()  # the rest ended by the clock, at its deadline
    assert recorder.phase is Phase.SET and heard[-1] == "rest"
    assert recorder.run.snapshot().phase_started_at == 5040.0 + 105

    clock.advance(30)
    recorder.finish_set()
    recorder.amend_set(1, 4, 102.5, 8.5)
    recorder.rate_set(1, stress_after_set=7, stress_end_of_rest=UNSET)
    recorder.rate_set(1, stress_end_of_rest=None, relief_signs=["breath slowing"], relief_note="calmer")

    # A kill here: another process opens the file and takes the session up where it was.
    resumed_store = Store(path)
    running = resumed_store.sessions.running(ClockAnchor.now(clock))
    resumed = SessionRecorder.resume(resumed_store.sessions, clock, running)
    assert resumed.phase is Phase.REST and resumed.run.rest.deadline == recorder.run.rest.deadline
    resumed.skip_rest()
    clock.advance(25)
    resumed.finish_set()  # the bench press: the last set, then its cool-down
    resumed.rate_set(2, stress_after_set=5)
    resumed.end_early()
    assert resumed.phase is Phase.FINISHED and resumed.next_deadline() is None
    resumed.finish(stress_final=2, note="good")
    assert resumed.finished and not resumed_store.has_running_session()

    sets = resumed_store.history_edits.session_sets(recorder.session_id)
    assert [(s.set_type, s.reps, s.load_kg, s.rpe, s.stress_after_set) for s in sets] == [
        ("warmup", 5, 100.0, None, 3), ("working", 4, 102.5, 8.5, 7), ("working", 8, 60.0, None, 5)]
    assert (sets[1].stress_end_of_rest, sets[1].relief_signs, sets[1].relief_note) == (None, "breath slowing", "calmer")
    detail = resumed_store.history_edits.session(recorder.session_id)
    assert (detail.energy, detail.motivation, detail.stress_before, detail.stress_final) == (6, None, 4, 2)
    summary = resumed_store.history.summary(recorder.session_id)
    assert summary.duration_s == pytest.approx(40 + 200 + 30 + 25)
    assert summary.volume_load_kg == pytest.approx(4 * 102.5 + 8 * 60.0)  # working sets only
    assert (summary.set_count, summary.rated_set_count, summary.mean_stress_after_set) == (3, 3, pytest.approx(5))
    store.close()
    resumed_store.close()


class Repository:
    """Records every call, in order: the save-after-every-action rule, seen from outside."""

    def __init__(self):
        self.calls: list[str] = []
        self.next_id = 100

    def __getattr__(self, name):
        def call(*args, **kwargs):
            self.calls.append(name)
            self.next_id += 1
            return self.next_id

        return call


def test_every_action_is_saved_before_the_listeners_hear_of_it():
    clock = FakeClock()
    repository = Repository()
    routine = Routine(1, "R", (RoutineItem(1, (W, W), 5, 50.0, 60),))
    recorder = SessionRecorder.start(repository, clock, routine, lambda _id: Exercise(1, "Squat"))
    saved_when_heard = []
    recorder.on_changed.append(lambda: saved_when_heard.append(repository.calls[-1]))
    recorder.finish_set()
    recorder.pause_or_resume_rest()
    recorder.pause_or_resume_rest()
    recorder.adjust_rest(-15)
    recorder.amend_set(0, 4, 50.0, None)
    recorder.take_back_last_set()
    recorder.add_exercise(RoutineItem(2, (W,), 8, 0.0, 30))
    assert repository.calls == ["start", "log_set", "save_state", "save_state", "save_state", "amend_set",
                                "undo_last_set", "save_plan"]
    assert saved_when_heard == repository.calls[1:]
    assert len(recorder.run.plan) == 3


def test_calm_is_decided_in_one_place_and_an_empty_routine_is_not_calm():
    breath = Exercise(1, "Box breathing", kind=ExerciseKind.CALM)
    squat = Exercise(2, "Squat")
    assert session_kind([breath]) is ExerciseKind.CALM
    assert session_kind([breath, squat]) is ExerciseKind.STRENGTH
    assert session_kind([]) is ExerciseKind.STRENGTH


def test_the_recorder_module_loads_no_qt():
    import subprocess
    import sys

    code = ("import sys, liftcalm.core.session_recorder\n"
            "sys.exit(any(m.startswith(('PySide6', 'shiboken6')) for m in sys.modules))")
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


class FailingRepository(Repository):
    """A repository whose writes fail while ``broken``, as a full disk would make them."""

    def __init__(self):
        super().__init__()
        self.broken = False
        self.written: list[str] = []

    def __getattr__(self, name):
        def call(*args, **kwargs):
            if self.broken and name != "start":
                raise WriteFailed("disk_full", "Not saved yet: the disk is full. Free some space; LiftCalm keeps trying.")
            self.written.append(name)
            return 7

        return call


def test_a_failed_write_is_held_in_order_and_written_once_it_can_be():
    clock = FakeClock()
    repository = FailingRepository()
    routine = Routine(1, "R", (RoutineItem(1, (W, W, W), 5, 50.0, 60),))
    recorder = SessionRecorder.start(repository, clock, routine, lambda _id: Exercise(1, "Squat"))
    failed, saved = [], []
    recorder.on_write_failed.append(failed.append)
    recorder.on_saved.append(lambda: saved.append(True))
    recorder.finish_set()
    repository.broken = True
    clock.advance(20)
    recorder.skip_rest()  # the rest's end is held...
    clock.advance(30)
    recorder.finish_set()  # ...and so is set 2, behind it
    recorder.rate_set(1, stress_after_set=6)
    assert [w.method for w in recorder.pending] == ["save_state", "log_set", "rate_set"]
    assert recorder.phase is Phase.REST and recorder.run.rest is not None  # the timer goes on in memory
    assert recorder.is_saved(0) and not recorder.is_saved(1)
    assert recorder.fault.cause == "disk_full" and len(failed) == 3
    assert recorder.retry_delay_s() == 4  # 1, 2, 4 s after three failures
    assert not recorder.flush() and recorder.retry_delay_s() == 8
    repository.broken = False
    assert recorder.flush()
    assert repository.written == ["start", "log_set", "save_state", "log_set", "rate_set"]  # in order, once
    assert recorder.pending == () and recorder.fault is None and saved == [True] and recorder.retry_delay_s() == 0


def test_a_session_whose_finish_is_held_is_not_history_until_it_is_written():
    clock = FakeClock()
    repository = FailingRepository()
    recorder = SessionRecorder.start(repository, clock, Routine(1, "R", (RoutineItem(1, (W,), 5, 50.0, 60),)),
                                     lambda _id: Exercise(1, "Squat"))
    finished = []
    recorder.on_finished.append(finished.append)
    recorder.finish_set()
    recorder.end_early()
    repository.broken = True
    recorder.finish(3, "ok")
    assert not recorder.finished and finished == []
    repository.broken = False
    recorder.flush()
    assert recorder.finished and finished == [recorder.session_id]


def test_held_writes_survive_a_trip_through_a_recovery_file():
    import json

    from liftcalm.core.session_recorder import writes_from_data, writes_to_data

    clock = FakeClock()
    repository = FailingRepository()
    routine = Routine(1, "R", (RoutineItem(1, (W, W), 5, 50.0, 60), RoutineItem(2, (W,), 8, 0.0, 30)))
    recorder = SessionRecorder.start(repository, clock, routine, lambda _id: Exercise(1, "Squat"))
    repository.broken = True
    recorder.finish_set()
    recorder.amend_set(0, 4, 52.5, 9.0)
    recorder.rate_set(0, stress_after_set=None, relief_signs=["breath slowing"])
    recorder.adjust_rest(15)
    recorder.add_exercise(RoutineItem(3, (W,), 10, 20.0, 45))
    recorder.take_back_last_set()
    recorder.finish(None, "")
    data = json.loads(json.dumps(writes_to_data(recorder.pending)))
    assert [w.method for w in recorder.pending] == ["log_set", "amend_set", "rate_set", "save_state", "save_plan",
                                                    "undo_last_set", "finish"]
    read_back = writes_from_data(data)
    assert writes_to_data(read_back) == data  # states keep what the store saves of them (not the logged sets)
    assert read_back[0].arguments["logged"] == recorder.pending[0].arguments["logged"]
    assert read_back[4].arguments["plan"] == recorder.pending[4].arguments["plan"]
    with pytest.raises(ValueError):
        writes_from_data([{"label": "x", "method": "drop_table", "arguments": {}}])


def test_a_wall_clock_set_back_mid_session_cannot_end_it_before_it_started(tmp_path, monkeypatch):
    clock = FakeClock(5000.0)
    wall = Wall(clock)
    monkeypatch.setattr("liftcalm.core.clock.time.time", wall)
    with Store(tmp_path / "clock.db") as store:
        squat = store.exercises.find("Barbell Back Squat")
        routine = store.book.add(Routine(None, "Legs", (RoutineItem(squat.id, (W, W), 5, 100.0, 90),)), "Add")
        recorder = SessionRecorder.start(store.sessions, clock, routine, store.exercises.get)
        clock.advance(60)
        recorder.finish_set()
        wall.offset -= 3 * 3600  # NTP (or a person) sets the clock back three hours
        clock.advance(200)
        recorder.finish_set()
        clock.advance(100)
        recorder.end_early()
        recorder.finish(None, "")
        detail = store.history_edits.session(recorder.session_id)
        sets = store.history_edits.session_sets(recorder.session_id)
        assert detail.ended_at > detail.started_at and all(s.ended_at > detail.started_at for s in sets)
        assert store.history.summary(recorder.session_id).duration_s == pytest.approx(360)
        # A session finished from outside ("Finish it as it is") with the clock far behind still ends after its sets.
        other = SessionRecorder.start(store.sessions, clock, routine, store.exercises.get)
        clock.advance(30)
        other.finish_set()
        store.sessions.finish(other.session_id, wall() - 86400)
        assert store.history.summary(other.session_id).duration_s >= 30 - 0.001  # times are kept to the millisecond


def test_every_step_of_a_running_session_can_be_undone_and_redone_in_the_database(tmp_path):
    from liftcalm.core.session_run import SessionError

    clock = FakeClock()
    with Store(tmp_path / "undo.db") as store:
        recorder = start_legs(store, clock)

        def rows():
            return [(r["position"], r["reps"], r["load_kg"], r["stress_after_set"], r["relief_note"])
                    for r in store.sessions.logged_set_rows(recorder.session_id)]

        recorder.finish_set()
        recorder.rate_set(0, stress_after_set=6)
        recorder.skip_rest()
        clock.advance(30)
        recorder.finish_set()
        recorder.amend_set(0, 4, 102.5, None)  # an earlier set, corrected
        recorder.rate_set(0, relief_note="grip slipped")
        assert rows() == [(0, 4, 102.5, 6, "grip slipped"), (1, 5, 100.0, None, "")]
        assert recorder.history.undo_label == "note of Barbell Back Squat 1"
        recorder.undo()
        recorder.undo()
        assert rows() == [(0, 5, 100.0, 6, ""), (1, 5, 100.0, None, "")]
        recorder.redo()
        assert rows()[0] == (0, 4, 102.5, 6, "")
        recorder.undo()
        recorder.undo()  # the second set's log: taken back, to be done again
        assert rows() == [(0, 5, 100.0, 6, "")] and recorder.phase is Phase.SET and recorder.run.position == 1
        recorder.redo()  # logged again, as it was
        assert rows() == [(0, 5, 100.0, 6, ""), (1, 5, 100.0, None, "")]
        recorder.take_back_last_set()
        recorder.undo()  # the take-back undone
        assert len(rows()) == 2
        recorder.undo()  # take back set 2 again through its log
        recorder.finish_set()  # a new step: nothing left to redo
        assert not recorder.history.can_redo
        # A step that no longer fits is refused, and the history keeps its place.
        recorder.undo()  # set 2 taken back: to be done again
        recorder.end_early()  # the person stops here instead
        with pytest.raises(SessionError):
            recorder.redo()
        assert recorder.history.can_redo and rows() == [(0, 5, 100.0, 6, "")]


def start_legs(store, clock):
    squat = store.exercises.find("Barbell Back Squat")
    routine = store.book.add(Routine(None, "Legs", (RoutineItem(squat.id, (W, W, W), 5, 100.0, 90),)), "Add")
    recorder = SessionRecorder.start(store.sessions, clock, routine, store.exercises.get)
    names = {squat.id: "Barbell Back Squat"}
    recorder.describe_set = lambda planned: f"{names[planned.exercise_id]} {planned.set_number}"
    return recorder
