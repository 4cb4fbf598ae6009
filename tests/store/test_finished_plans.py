"""A finished session keeps only the length of its plan; a running one keeps all of it, to resume."""

import json
import sqlite3

from liftcalm.core.clock import ClockAnchor, FakeClock
from liftcalm.core.models import ExerciseKind, Readiness, Routine, RoutineItem, SetType
from liftcalm.core.session_plan import plan_sets
from liftcalm.core.session_run import Phase, SessionRun
from liftcalm.store import Store
from liftcalm.store.migrations import MIGRATIONS, migrate
from liftcalm.store.sessions import finished_plan

WALL = 1_790_000_000.0


def anchor(clock):
    return ClockAnchor("boot-a", clock.now(), clock.now() + WALL)


def started(store, clock, name="Legs"):
    squat = store.exercises.find("Barbell Back Squat")
    routine = store.book.add(Routine(None, name, (RoutineItem(squat.id, (SetType.WARMUP, SetType.WORKING,
                                                                         SetType.WORKING), 5, 100.0, 90),)), "Add")
    plan = plan_sets(routine)
    run = SessionRun(plan, clock)
    session_id = store.sessions.start(routine_id=routine.id, routine_name=routine.name, kind=ExerciseKind.STRENGTH,
                                      plan=plan, state=run.snapshot(), anchor=anchor(clock),
                                      readiness=Readiness(energy=6, motivation=5, stress=4))
    return session_id, run


def log(store, session_id, run, clock, stress=None):
    """Do the current set, rate it, and sit out its rest."""
    clock.advance(40)
    position, planned = len(run.logged), run.current
    store.sessions.log_set(session_id, position, run.finish_set(), planned, run.snapshot(), anchor(clock))
    if stress is not None:
        store.sessions.rate_set(session_id, position, stress_after_set=stress)
    if run.phase is Phase.REST:
        run.skip_rest()
        store.sessions.save_state(session_id, run.snapshot(), anchor(clock))


def plan_of(store, session_id) -> str:
    return store.conn.execute("SELECT plan FROM session WHERE id = ?", (session_id,)).fetchone()[0]


def shown(store, session_id):
    """What History and the summary show of a finished session."""
    summary = store.history.summary(session_id)
    return (store.history_edits.session_row(session_id), store.history_edits.session(session_id),
            store.history.version(session_id), summary)


def test_finishing_keeps_only_the_plans_length_and_everything_history_shows(store):
    clock = FakeClock()
    early, run = started(store, clock)
    log(store, early, run, clock, stress=5)
    log(store, early, run, clock)
    full_plan = plan_of(store, early)
    assert len(json.loads(full_plan)) == 3 and '"target_reps"' in full_plan
    store.sessions.finish(early, WALL + clock.now(), stress_final=3, note="ended early")
    assert plan_of(store, early) == finished_plan(3) == "[0,0,0]"
    assert store.history.version(early) == (False, True)  # two of three sets: ended early, as before

    # The same finished session with its whole plan put back shows exactly the same.
    compact = shown(store, early)
    store.conn.execute("UPDATE session SET plan = ? WHERE id = ?", (full_plan, early))
    assert shown(store, early) == compact

    whole, run = started(store, clock, "Legs again")
    for _ in range(3):
        log(store, whole, run, clock, stress=4)
    store.sessions.finish(whole, WALL + clock.now())
    assert plan_of(store, whole) == "[0,0,0]" and store.history.version(whole) == (False, False)
    store.sessions.finish(whole, WALL + clock.now())  # a finish applied again (after a reported failure)
    assert plan_of(store, whole) == "[0,0,0]"


def test_a_rest_day_and_a_session_without_a_plan_keep_an_empty_one(store):
    rest_day = store.sessions.record_rest_day(Readiness(1, 2, 7), WALL)
    planless = store.conn.execute("INSERT INTO session (kind, started_at, state, clock_anchor) VALUES"
                                  " ('strength', '2026-06-01T10:00:00+02:00', '{}', '{}')").lastrowid
    store.sessions.finish(planless, WALL)
    assert plan_of(store, planless) == plan_of(store, rest_day) == "[]"
    assert store.history.version(planless) == (False, False)  # nothing planned: not ended early


def test_migration_9_compacts_finished_plans_and_leaves_the_running_one_to_resume(tmp_path):
    clock = FakeClock()
    with Store(tmp_path / "new.db") as store:
        finished, run = started(store, clock)
        log(store, finished, run, clock, stress=6)
        full_plan = plan_of(store, finished)
        store.sessions.finish(finished, WALL + clock.now(), stress_final=2)
        store.conn.execute("UPDATE session SET plan = ? WHERE id = ?", (full_plan, finished))  # as version 8 left it
        expected = shown(store, finished)
        running, run = started(store, clock, "Arms")
        log(store, running, run, clock, stress=3)
        resumed_before = store.sessions.running(anchor(clock))
        sessions = store.conn.execute("SELECT * FROM session ORDER BY id").fetchall()
        sets = store.conn.execute("SELECT * FROM logged_set ORDER BY id").fetchall()
        exercises = store.conn.execute("SELECT * FROM exercise").fetchall()
        routines = store.conn.execute("SELECT * FROM routine").fetchall()
        items = store.conn.execute("SELECT * FROM routine_item").fetchall()

    # The same rows in a file made by version 8, then migrated as a start would.
    path = tmp_path / "v8.db"
    old = sqlite3.connect(path, isolation_level=None)
    for statements in MIGRATIONS[:8]:
        for statement in statements:
            old.execute(statement)
    old.execute("PRAGMA user_version = 8")
    for table, rows in (("exercise", exercises), ("routine", routines), ("routine_item", items),
                        ("session", sessions), ("logged_set", sets)):
        old.executemany(f"INSERT INTO {table} VALUES ({', '.join('?' * len(rows[0]))})", rows)
    old.close()

    with Store(path) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS) >= 9
        assert plan_of(store, finished) == "[0,0,0]"
        assert shown(store, finished) == expected
        assert plan_of(store, running) == dict((row[0], row[12]) for row in sessions)[running]  # untouched
        resumed = store.sessions.running(anchor(clock))
        assert resumed.id == running and resumed.plan == resumed_before.plan == run.plan
        assert resumed.state == resumed_before.state
        assert store.conn.execute("SELECT * FROM logged_set ORDER BY id").fetchall() == sets

    conn = sqlite3.connect(path, isolation_level=None)
    assert migrate(conn) == len(MIGRATIONS)  # up to date: nothing runs again
    conn.close()


def test_migration_10_leaves_a_calm_block_its_time_and_no_reps_or_load(tmp_path):
    """Calm blocks logged as "1 rep at 0 kg" by earlier versions become what they were: a time."""
    import sqlite3 as sqlite

    from liftcalm.store import Store
    from liftcalm.store.migrations import LATEST_VERSION, MIGRATIONS

    path = tmp_path / "v9.db"
    with Store(path) as store:
        calm = store.exercises.find("Box Breathing").id
        squat = store.exercises.find("Barbell Back Squat").id
        store.conn.execute("INSERT INTO session (id, started_at, ended_at, routine_name, kind, plan)"
                           " VALUES (1, '2026-01-05T10:00:00.000+00:00', '2026-01-05T10:30:00.000+00:00', 'Mixed',"
                           " 'strength', '[0,0,0]')")
        for position, (exercise, reps, load, duration) in enumerate(
                ((calm, 1, 0.0, 240), (squat, 5, 100.0, None), (squat, 0, 0.0, None))):
            store.conn.execute("INSERT INTO logged_set (session_id, position, plan_index, exercise_id, set_number,"
                               " set_type, reps, load_kg, duration_s, ended_at) VALUES (1, ?, ?, ?, 1, 'working', ?, ?,"
                               " ?, '2026-01-05T10:10:00.000+00:00')", (position, position, exercise, reps, load,
                                                                         duration))
        store.conn.execute(f"PRAGMA user_version = {LATEST_VERSION - 1}")
    conn = sqlite.connect(path)
    assert conn.execute("SELECT reps, load_kg FROM logged_set ORDER BY position").fetchall()[0] == (1, 0.0)
    conn.close()
    with Store(path) as store:
        rows = store.conn.execute("SELECT reps, load_kg, duration_s FROM logged_set ORDER BY position").fetchall()
    assert rows == [(None, None, 240), (5, 100.0, None), (0, 0.0, None)]  # a strength set is left as given
    assert len(MIGRATIONS) == LATEST_VERSION
