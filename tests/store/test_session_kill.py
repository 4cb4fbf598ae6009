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
    set_id = sessions.log_set(session_id, run.logged[-1], planned, run.snapshot(), ClockAnchor.now(clock))
    sessions.rate_set(session_id, set_id, stress_after_set=stress)
    if relief is not None:
        sessions.rate_set(session_id, set_id, stress_end_of_rest=relief, relief_signs=["heart settling"])

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
