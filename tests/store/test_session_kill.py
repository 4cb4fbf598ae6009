"""A real kill: a child process runs a session and is sent SIGKILL in the middle of a rest."""

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from liftcalm.core.clock import ClockAnchor, SuspendAwareClock
from liftcalm.core.session_run import Phase, SessionRun
from liftcalm.store import Store

CHILD = r"""
import json, sys, time
from liftcalm.core.clock import ClockAnchor, SuspendAwareClock
from liftcalm.core.models import ExerciseKind, Routine, RoutineItem, SetType
from liftcalm.core.session_plan import plan_sets
from liftcalm.core.session_run import SessionRun
from liftcalm.store import Store

store = Store(sys.argv[1])
clock = SuspendAwareClock()
bench = store.exercises.find("Barbell Bench Press")
routine = store.book.add(Routine(None, "Push", (RoutineItem(bench.id, (SetType.WORKING,) * 3, 8, 60.0, 60),)), "Add")
plan = plan_sets(routine)
run = SessionRun(plan, clock)
sessions = store.sessions
session_id = sessions.start(routine_id=routine.id, routine_name=routine.name, kind=ExerciseKind.STRENGTH,
                            plan=plan, state=run.snapshot(), anchor=ClockAnchor.now(clock))

def work_set(reps, load, stress, relief):
    logged = run.finish_set()
    planned = run.plan[logged.plan_index]
    run.amend_set(len(run.logged) - 1, reps, load, 8.0)
    sessions.save_state(session_id, run.snapshot(), ClockAnchor.now(clock))
    position = len(run.logged) - 1
    sessions.log_set(session_id, position, run.logged[-1], planned, run.snapshot(), ClockAnchor.now(clock))
    sessions.rate_set(session_id, position, stress_after_set=stress)
    if relief is not None:
        sessions.rate_set(session_id, position, stress_end_of_rest=relief, relief_signs=["heart settling"])

work_set(8, 60.0, 6, 3)
run.skip_rest()
sessions.save_state(session_id, run.snapshot(), ClockAnchor.now(clock))
work_set(7, 62.5, 5, None)  # the second rest is running now
anchor = ClockAnchor.now(clock)
print(json.dumps({"session_id": session_id, "deadline_wall": anchor.wall_time(run.rest_deadline())}), flush=True)
time.sleep(600)
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_sigkill_mid_rest_loses_nothing_and_the_rest_resumes_by_the_clock(tmp_path):
    path = tmp_path / "killed.db"
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(path)], stdout=subprocess.PIPE, text=True)
    try:
        told = json.loads(child.stdout.readline())
        time.sleep(1.0)  # well into the rest
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL

    clock = SuspendAwareClock()
    with Store(path) as store:
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        resumed = store.sessions.running(ClockAnchor.now(clock))
        assert resumed is not None and resumed.id == told["session_id"]
        rows = store.sessions.logged_set_rows(resumed.id)
        assert [(r["reps"], r["load_kg"], r["rpe"], r["stress_after_set"], r["stress_end_of_rest"])
                for r in rows] == [(8, 60.0, 8.0, 6, 3), (7, 62.5, 8.0, 5, None)]
        assert rows[0]["relief_signs"] == "heart settling"

        run = SessionRun(resumed.plan, clock, resumed.state)
        assert run.phase is Phase.REST and run.position == 2 and len(run.logged) == 2
        remaining = run.rest.remaining(clock.now())
        expected = told["deadline_wall"] - time.time()
        assert 55 < remaining < 59.5
        assert remaining == pytest.approx(expected, abs=0.05)


PENDING_CHILD = r"""
import json, sys, time
from liftcalm.core.clock import SuspendAwareClock
from liftcalm.core.models import Routine, RoutineItem, SetType
from liftcalm.core.session_recorder import SessionRecorder
from liftcalm.store import Store
from tests.store.test_session_faults import FaultyConnection

store = Store(sys.argv[1])
bench = store.exercises.find("Barbell Bench Press")
routine = store.book.add(Routine(None, "Push", (RoutineItem(bench.id, (SetType.WORKING,) * 3, 8, 60.0, 60),)), "Add")
recorder = SessionRecorder.start(store.sessions, SuspendAwareClock(), routine, store.exercises.get)
recorder.finish_set()
recorder.amend_set(0, 7, 60.0, None)
recorder.rate_set(0, stress_after_set=5)
store.sessions._conn = faulty = FaultyConnection(store.sessions._conn)
faulty.fault = "database or disk is full"
recorder.skip_rest()
recorder.finish_set()  # held, with everything after it
recorder.rate_set(1, stress_after_set=9)
print(json.dumps({"session_id": recorder.session_id, "pending": [w.method for w in recorder.pending]}), flush=True)
time.sleep(600)
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_sigkill_while_writes_are_held_keeps_every_saved_step_and_only_those(tmp_path):
    path = tmp_path / "held.db"
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    child = subprocess.Popen([sys.executable, "-c", PENDING_CHILD, str(path)], stdout=subprocess.PIPE, text=True,
                             cwd=root)
    try:
        told = json.loads(child.stdout.readline())
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
    assert told["pending"] == ["save_state", "log_set", "rate_set"]  # the person was told these wait
    clock = SuspendAwareClock()
    with Store(path) as store:
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        resumed = store.sessions.running(ClockAnchor.now(clock))
        rows = store.sessions.logged_set_rows(resumed.id)
        # What was saved is there; what was held (and shown as not saved) is not, and nothing else is.
        assert [(r["position"], r["reps"], r["stress_after_set"]) for r in rows] == [(0, 7, 5)]
        assert resumed.state.phase is Phase.REST and resumed.state.position == 1
