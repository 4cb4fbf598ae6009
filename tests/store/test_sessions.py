"""Sessions in the store: every action committed, resumable, ratings missing as NULL."""

import sqlite3

import pytest

from liftcalm.core.clock import ClockAnchor, FakeClock
from liftcalm.core.models import ExerciseKind, Readiness, Routine, RoutineItem, SetType
from liftcalm.core.session_plan import plan_sets
from liftcalm.core.session_run import Phase, SessionRun
from liftcalm.store import Store
from liftcalm.store.migrations import MIGRATIONS


def anchor(clock, boot="boot-a", wall_offset=1_790_000_000.0):
    return ClockAnchor(boot, clock.now(), clock.now() + wall_offset)


def started(store, clock):
    squat = store.exercises.find("Barbell Back Squat")
    routine = store.book.add(Routine(None, "Legs", (RoutineItem(squat.id, (SetType.WARMUP, SetType.WORKING),
                                                                  5, 100.0, 120),)), "Add")
    plan = plan_sets(routine)
    run = SessionRun(plan, clock)
    session_id = store.sessions.start(routine_id=routine.id, routine_name=routine.name, kind=ExerciseKind.STRENGTH,
                                      plan=plan, state=run.snapshot(), anchor=anchor(clock),
                                      readiness=Readiness(energy=6, motivation=None, stress=4))
    return session_id, run


def test_logged_sets_ratings_and_resume(store):
    clock = FakeClock()
    session_id, run = started(store, clock)
    clock.advance(40)
    logged = run.finish_set()
    store.sessions.log_set(session_id, 0, logged, run.plan[0], run.snapshot(), anchor(clock))
    store.sessions.amend_set(session_id, run.amend_set(0, 5, 60.0, None), 0)
    store.sessions.rate_set(session_id, 0, stress_after_set=7)
    store.sessions.rate_set(session_id, 0, relief_signs=["breath slowing", "mind calmer"], relief_note="better")
    clock.advance(30)

    resumed = store.sessions.running(anchor(clock))
    assert resumed.id == session_id and resumed.routine_name == "Legs" and resumed.plan == run.plan
    assert resumed.state.phase is Phase.REST
    assert resumed.state.rest.remaining(clock.now()) == 90
    assert [(s.plan_index, s.reps, s.load_kg, s.rpe) for s in resumed.state.logged] == [(0, 5, 60.0, None)]
    row = store.sessions.logged_set_rows(session_id)[0]
    assert row["stress_after_set"] == 7 and row["stress_end_of_rest"] is None  # skipped: missing, not 0
    assert row["relief_signs"] == "breath slowing,mind calmer" and row["set_type"] == "warmup"
    energy, motivation, stress = store.conn.execute(
        "SELECT energy, motivation, stress_before FROM session WHERE id = ?", (session_id,)).fetchone()
    assert (energy, motivation, stress) == (6, None, 4)

    store.sessions.finish(session_id, 1_790_000_000.0 + clock.now(), stress_final=3, note="good")
    assert store.sessions.running(anchor(clock)) is None


def test_has_running_session_agrees_with_running(store):
    """Start-up asks the cheap question first; it must give the same answer as ``running``."""
    clock = FakeClock()
    assert not store.has_running_session()
    session_id, _run = started(store, clock)
    assert store.has_running_session() and store.sessions.running(anchor(clock)).id == session_id
    store.sessions.finish(session_id, 1_790_000_000.0 + clock.now())
    assert not store.has_running_session() and store.sessions.running(anchor(clock)) is None


def test_undo_deletes_the_set_and_saves_the_state_together(store):
    clock = FakeClock()
    session_id, run = started(store, clock)
    store.sessions.log_set(session_id, 0, run.finish_set(), run.plan[0], run.snapshot(), anchor(clock))
    run.undo_last_set()
    store.sessions.undo_last_set(session_id, 0, run.snapshot(), anchor(clock))
    resumed = store.sessions.running(anchor(clock))
    assert resumed.state.logged == () and resumed.state.phase is Phase.SET and resumed.state.position == 0


def test_after_a_reboot_deadlines_move_by_the_wall_clock(store):
    clock = FakeClock(start=50_000.0)
    session_id, run = started(store, clock)
    clock.advance(10)
    run.finish_set()
    store.sessions.save_state(session_id, run.snapshot(), anchor(clock, boot="boot-a", wall_offset=1e9))
    # Power cut; the new boot's clock starts near zero; 100 s of wall time have passed.
    after = ClockAnchor("boot-b", 5.0, 50_010.0 + 1e9 + 100)
    resumed = store.sessions.running(after)
    assert resumed.state.rest.remaining(after.clock_s) == pytest.approx(20.0)


def test_database_refuses_out_of_range_ratings(store):
    clock = FakeClock()
    session_id, run = started(store, clock)
    store.sessions.log_set(session_id, 0, run.finish_set(), run.plan[0], run.snapshot(), anchor(clock))
    with pytest.raises(sqlite3.IntegrityError):
        store.sessions.rate_set(session_id, 0, stress_after_set=11)


def test_a_version_1_database_migrates_keeping_its_routines(tmp_path):
    path = tmp_path / "v1.db"
    conn = sqlite3.connect(path, isolation_level=None)
    for statement in MIGRATIONS[0]:
        conn.execute(statement)
    conn.execute("PRAGMA user_version = 1")
    conn.execute("INSERT INTO routine (name, name_key) VALUES ('Old', 'old')")
    conn.close()
    with Store(path) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
        assert [name for _, name, _ in store.routines.list()] == ["Old"]
        assert store.sessions.running(ClockAnchor("x", 0.0, 0.0)) is None


def test_a_block_ended_early_at_a_fraction_of_a_second_is_saved(store):
    """The store keeps whole seconds: 90.4 s is written as 90, not refused by the column."""
    from liftcalm.core.clock import FakeClock
    from liftcalm.core.models import Routine, RoutineItem, SetTarget, SetType
    from liftcalm.core.session_recorder import SessionRecorder

    W = SetType.WORKING

    breathing = store.exercises.find("Box Breathing").id
    plank = store.exercises.find("Plank").id

    routine = store.book.add(Routine(None, "Blocks", (
        RoutineItem(breathing, (W,), rest_s=20, duration_s=120),
        RoutineItem(plank, (W,), rest_s=0, set_targets=(SetTarget(duration_s=60),)))), "Add")
    clock = FakeClock()
    recorder = SessionRecorder.start(store.sessions, clock, routine, store.exercises.get)
    clock.advance(30.4)
    recorder.finish_set()  # the calm block, ended early
    clock.advance(20)
    recorder.run.advance()
    recorder.start_timer()
    clock.advance(5 + 12.6)
    recorder.finish_set()  # the plank, ended early
    rows = store.conn.execute("SELECT reps, load_kg, duration_s FROM logged_set ORDER BY position").fetchall()
    assert rows == [(None, None, 30), (None, None, 13)]
