"""Whatever the faults, whenever they come: after the disk has room again, the database holds
exactly what happened in the session, in order. Random actions, random faults (hypothesis)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from liftcalm.core.clock import ClockAnchor, FakeClock
from liftcalm.core.models import Routine, RoutineItem, SetType
from liftcalm.core.session_recorder import SessionRecorder
from liftcalm.core.session_run import Phase
from liftcalm.store import Store
from tests.store.test_session_faults import FaultyConnection

FAULTS = [None, "database or disk is full", "database is locked", "disk I/O error",
          "attempt to write a readonly database"]
ACTIONS = st.lists(st.tuples(
    st.sampled_from(["done", "amend", "rate", "skip", "adjust", "pause", "undo", "wait", "fault", "heal", "flush"]),
    st.integers(0, 10), st.sampled_from(FAULTS)), min_size=1, max_size=40)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ACTIONS)
def test_after_any_faults_the_database_holds_exactly_what_happened(tmp_path_factory, actions):
    clock = FakeClock()
    with Store(tmp_path_factory.mktemp("faults") / "liftcalm.db") as store:
        squat = store.exercises.find("Barbell Back Squat")
        routine = store.book.add(Routine(None, "Legs", (RoutineItem(squat.id, (SetType.WORKING,) * 6, 5, 100.0, 90),)),
                                 "Add")
        recorder = SessionRecorder.start(store.sessions, clock, routine, store.exercises.get)
        store.sessions._conn = faulty = FaultyConnection(store.sessions._conn)
        ratings: dict[int, int] = {}
        for action, number, fault in actions:
            logged = len(recorder.run.logged)
            if action == "fault":
                faulty.fault = fault
            elif action == "heal":
                faulty.fault = None
            elif action == "flush":
                recorder.flush()
            elif action == "wait":
                clock.advance(number * 15)
                recorder.tick()
            elif action == "done" and recorder.phase is Phase.SET:
                recorder.finish_set()
            elif action == "amend" and logged:
                recorder.amend_set(logged - 1, number, 100.0 + number, None)
            elif action == "rate" and logged:
                recorder.rate_set(logged - 1, stress_after_set=number)
                ratings[logged - 1] = number
            elif action in ("skip", "adjust", "pause") and recorder.phase is Phase.REST:
                {"skip": recorder.skip_rest, "adjust": lambda: recorder.adjust_rest(-15),
                 "pause": recorder.pause_or_resume_rest}[action]()
            elif action == "undo" and logged and recorder.phase is not Phase.FINISHED:
                recorder.take_back_last_set()
                ratings.pop(logged - 1, None)
            assert not store.conn.in_transaction
        faulty.fault = None
        assert recorder.flush() and recorder.pending == ()
        rows = store.sessions.logged_set_rows(recorder.session_id)
        assert [(r["position"], r["reps"], r["load_kg"]) for r in rows] == [
            (i, s.reps, s.load_kg) for i, s in enumerate(recorder.run.logged)]
        assert {r["position"]: r["stress_after_set"] for r in rows if r["stress_after_set"] is not None} == ratings
        saved = store.sessions.running(ClockAnchor.now(clock))
        assert (saved.state.phase, saved.state.position) == (recorder.run.phase, recorder.run.position)
        assert (saved.state.rest is None) == (recorder.run.rest is None)
        if saved.state.rest is not None:
            assert saved.state.rest.deadline == recorder.run.rest.deadline
