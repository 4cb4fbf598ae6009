"""Session history: set records, durations, earlier bests, the previous session, the summary."""

import pytest

from liftcalm.core.analytics import SetRecord
from liftcalm.core.clock import ClockAnchor, FakeClock
from liftcalm.core.models import ExerciseKind, Routine, RoutineItem, SetType
from liftcalm.core.session_plan import plan_sets
from liftcalm.core.session_run import SessionRun
from liftcalm.store.sessions import iso_local

WALL = 1_790_000_000.0  # wall-clock seconds when the fake clock reads 0
DAY = 86_400.0
SET_S, REST_S = 40, 60  # each set takes 40 s and is followed by its whole 60 s rest: 100 s a set


def anchor(clock):
    return ClockAnchor("boot-a", clock.now(), clock.now() + WALL)


def add_routine(store, name, *items):
    return store.book.add(Routine(None, name, tuple(items)), "Add")


def legs(store, name="Legs"):
    """Squat: a warm-up and two working sets; then bench press: one working set."""
    squat, bench = store.exercises.find("Barbell Back Squat"), store.exercises.find("Barbell Bench Press")
    return add_routine(store, name, RoutineItem(squat.id, (SetType.WARMUP, SetType.WORKING, SetType.WORKING), 5, 100.0,
                                                REST_S),
                       RoutineItem(bench.id, (SetType.WORKING,), 5, 60.0, REST_S))


def run_session(store, routine, done, *, start_s, finish=True, shorter=False):
    """Run ``routine`` (its shorter version if ``shorter``) from clock second ``start_s``, doing the first
    ``len(done)`` sets of its plan.

    ``done`` holds (reps, load_kg, stress_after_set, stress_end_of_rest) per set.
    """
    clock = FakeClock(start_s)
    plan = plan_sets(routine, shorter=shorter)
    run = SessionRun(plan, clock)
    session_id = store.sessions.start(routine_id=routine.id, routine_name=routine.name, kind=ExerciseKind.STRENGTH,
                                      plan=plan, state=run.snapshot(), anchor=anchor(clock), shorter=shorter)
    for index, (reps, load_kg, after, end) in enumerate(done):
        clock.advance(SET_S)
        store.sessions.log_set(session_id, index, run.finish_set(), plan[index], run.snapshot(), anchor(clock))
        store.sessions.amend_set(session_id, run.amend_set(index, reps, load_kg), index)
        store.sessions.rate_set(session_id, index, stress_after_set=after, stress_end_of_rest=end)
        clock.advance(REST_S)
    if finish:
        store.sessions.finish(session_id, WALL + clock.now())
    return session_id


def insert_session(store, routine_name, started_at, ended_at, sets=()):
    """A session as an import writes it: no routine, no state. ``sets`` holds (exercise_id, reps, load_kg)."""
    conn = store.conn
    session_id = conn.execute("INSERT INTO session (routine_name, kind, started_at, ended_at, source)"
                              " VALUES (?, 'strength', ?, ?, 'test')", (routine_name, started_at, ended_at)).lastrowid
    for position, (exercise_id, reps, load_kg) in enumerate(sets):
        conn.execute("INSERT INTO logged_set (session_id, position, exercise_id, set_number, set_type, reps, load_kg,"
                     " ended_at) VALUES (?, ?, ?, 1, 'working', ?, ?, ?)",
                     (session_id, position, exercise_id, reps, load_kg, started_at))
    return session_id


# Session A: a heavy single as warm-up (left out of records), then 5 x 100 (e1RM 116.67) and
# 10 x 90 (e1RM 120); bench press without load (no estimate).
FIRST = [(1, 150.0, None, None), (5, 100.0, 6, 3), (10, 90.0, None, 2), (5, 0.0, 4, None)]
# Session B: 5 x 105 (e1RM 122.5) beats 120; 3 x 110 (121.0); bench 5 x 60 (70) is its first loaded set.
SECOND = [(5, 60.0, 3, None), (5, 105.0, 7, 4), (3, 110.0, None, None), (5, 60.0, 5, 2)]


@pytest.fixture
def ids(store):
    return store.exercises.find("Barbell Back Squat").id, store.exercises.find("Barbell Bench Press").id


def test_set_records_in_order_with_names_and_missing_ratings(store, ids):
    squat, bench = ids
    session_id = run_session(store, legs(store), FIRST, start_s=0)
    assert store.history.set_records(session_id) == [
        SetRecord(squat, "Barbell Back Squat", "warmup", 1, 150.0, None, None, None),
        SetRecord(squat, "Barbell Back Squat", "working", 5, 100.0, None, 6, 3),
        SetRecord(squat, "Barbell Back Squat", "working", 10, 90.0, None, None, 2),
        SetRecord(bench, "Barbell Bench Press", "working", 5, 0.0, None, 4, None),
    ]


def test_duration_of_finished_running_and_endless_sessions(store):
    routine = legs(store)
    finished = run_session(store, routine, FIRST, start_s=0)
    running = run_session(store, routine, FIRST[:2], start_s=DAY, finish=False)
    endless = insert_session(store, "Old", "2026-01-05T18:00:00+01:00", None)
    assert store.history.duration_s(finished) == 400.0
    assert store.history.duration_s(running, now_wall_s=WALL + DAY + 1234.5) == 1234.5
    assert store.history.duration_s(endless) is None  # imported without an end: not running, unknown
    with pytest.raises(LookupError):
        store.history.duration_s(9999)


def test_best_e1rm_before_counts_earlier_sessions_and_no_warm_ups(store, ids):
    squat, bench = ids
    routine = legs(store)
    first = run_session(store, routine, FIRST, start_s=0)
    second = run_session(store, routine, SECOND, start_s=DAY)
    third = run_session(store, routine, [(1, 200.0, None, None)], start_s=2 * DAY)
    assert store.history.best_e1rm_before(first, [squat, bench]) == {}
    # The 150 kg warm-up single and the unloaded bench press count for nothing; session C is later.
    assert store.history.best_e1rm_before(second, [squat, bench]) == {squat: pytest.approx(120.0)}
    assert store.history.best_e1rm_before(third, [squat, bench]) == {squat: pytest.approx(122.5),
                                                                       bench: pytest.approx(70.0)}
    assert store.history.best_e1rm_before(third, []) == {}


def test_best_e1rm_before_reads_sets_through_the_exercise_index(store, ids):
    routine = legs(store)
    run_session(store, routine, FIRST, start_s=0)
    second = run_session(store, routine, SECOND, start_s=DAY)
    statements = []
    store.conn.set_trace_callback(statements.append)
    try:
        store.history.best_e1rm_before(second, ids)
    finally:
        store.conn.set_trace_callback(None)
    plan = [row[3] for row in store.conn.execute("EXPLAIN QUERY PLAN " + statements[-1])]
    assert any("USING INDEX logged_set_exercise" in step for step in plan), plan
    # The only scans allowed are of the exercise catalogue ("x"), read once into the lists of
    # bodyweight and assisted exercises (sql.MOVED_LOAD); never of sets or sessions.
    assert all(step == "SCAN x" for step in plan if step.startswith("SCAN")), plan


def test_records_against_earlier_sessions(store, ids):
    squat, bench = ids
    routine = legs(store)
    first = run_session(store, routine, FIRST, start_s=0)
    second = run_session(store, routine, SECOND, start_s=DAY)
    # Session C matches B's best squat and bench exactly: equal is not a record.
    third = run_session(store, routine, [(5, 60.0, None, None), (5, 105.0, None, None), (5, 100.0, None, None),
                                         (5, 60.0, None, None)], start_s=2 * DAY)

    first_records = store.history.summary(first).records
    assert [(r.exercise_id, r.reps, r.load_kg, r.previous_best_kg) for r in first_records] == [(squat, 10, 90.0, None)]
    assert first_records[0].e1rm_kg == pytest.approx(120.0)

    second_records = store.history.summary(second).records
    assert [(r.exercise_name, r.reps, r.load_kg) for r in second_records] == [
        ("Barbell Back Squat", 5, 105.0), ("Barbell Bench Press", 5, 60.0)]
    assert second_records[0].e1rm_kg == pytest.approx(122.5)
    assert second_records[0].previous_best_kg == pytest.approx(120.0)
    assert second_records[1].previous_best_kg is None  # first time with a load

    assert store.history.summary(third).records == ()


def test_previous_session_is_the_last_finished_one_of_the_same_routine_before(store):
    routine, other = legs(store), legs(store, "Push")
    first = run_session(store, routine, FIRST, start_s=0)
    second = run_session(store, routine, SECOND, start_s=DAY)
    run_session(store, other, FIRST, start_s=2 * DAY)  # another routine
    run_session(store, routine, FIRST, start_s=3 * DAY, finish=False)  # left unfinished
    current = run_session(store, routine, FIRST[:1], start_s=4 * DAY, finish=False)
    later = run_session(store, routine, FIRST, start_s=5 * DAY)

    assert store.history.previous_session(first) is None
    previous = store.history.previous_session(current)
    assert previous.session_id == second
    assert previous.started_at == iso_local(WALL + DAY)
    assert previous.duration_s == 400.0
    assert previous.volume_load_kg == 525.0 + 330.0 + 300.0  # B's working sets
    assert previous.mean_stress_after_set == 5.0  # (3 + 7 + 5) / 3: the unrated set is left out
    assert store.history.previous_session(later).session_id == second  # unfinished ones are skipped


def test_summary_of_a_running_session_compares_with_the_previous_one(store):
    routine = legs(store)
    first = run_session(store, routine, FIRST, start_s=0)
    second = run_session(store, routine, SECOND[:2], start_s=DAY, finish=False)
    summary = store.history.summary(second, now_wall_s=WALL + DAY + 300)
    assert summary.duration_s == 300.0
    assert (summary.set_count, summary.working_set_count) == (2, 1)
    assert summary.volume_load_kg == 525.0
    assert summary.mean_stress_after_set == 5.0  # (3 + 7) / 2
    assert (summary.mean_relief, summary.relief_count) == (3.0, 1)  # 7 - 4; the warm-up has no end-of-rest rating
    comparison = summary.comparison
    assert (comparison.session_id, comparison.date, comparison.duration_s) == (first, iso_local(WALL), 400.0)
    assert comparison.volume_load_kg == 500.0 + 900.0  # A's working squats; bench had no load
    assert comparison.mean_stress_after_set == 5.0  # (6 + 4) / 2
    assert comparison.duration_change_s == -100.0  # 300 - 400
    assert comparison.volume_change_kg == -875.0  # 525 - 1400
    assert comparison.stress_change == 0.0


def test_sessions_without_a_routine_match_by_name_and_order_by_instant(store, ids):
    squat, _ = ids
    # Written in different offsets: by its text "10:30" sorts after "09:00", but 08:30 UTC is earlier.
    earlier = insert_session(store, "Strong Legs", "2026-03-29T10:30:00.000+02:00", "2026-03-29T11:30:00.000+02:00",
                             [(squat, 5, 100.0)])
    later = insert_session(store, "Strong Legs", "2026-03-29T09:00:00+00:00", "2026-03-29T10:00:00+00:00",
                           [(squat, 5, 90.0)])
    insert_session(store, "Strong Arms", "2026-03-28T09:00:00+00:00", "2026-03-28T10:00:00+00:00")
    assert store.history.previous_session(later).session_id == earlier
    assert store.history.previous_session(earlier) is None
    assert store.history.best_e1rm_before(later, [squat]) == {squat: pytest.approx(350 / 3)}
    assert store.history.best_e1rm_before(earlier, [squat]) == {}
    assert store.history.duration_s(later) == 3600.0


def test_same_start_orders_by_id_and_nameless_sessions_match_nothing(store, ids):
    squat, _ = ids
    first = insert_session(store, "Strong Legs", "2026-03-29T09:00:00+00:00", "2026-03-29T10:00:00+00:00",
                           [(squat, 1, 100.0)])
    second = insert_session(store, "Strong Legs", "2026-03-29T09:00:00+00:00", "2026-03-29T10:00:00+00:00")
    assert store.history.previous_session(second).session_id == first
    assert store.history.previous_session(first) is None
    assert store.history.best_e1rm_before(second, [squat]) == {squat: 100.0}
    insert_session(store, "", "2026-03-30T09:00:00+00:00", "2026-03-30T10:00:00+00:00")
    nameless = insert_session(store, "", "2026-03-31T09:00:00+00:00", "2026-03-31T10:00:00+00:00")
    assert store.history.previous_session(nameless) is None


# Like with like: the shorter version, and sessions that ended early

def test_a_shorter_session_is_compared_with_the_last_shorter_one_of_the_routine(store):
    routine = legs(store)
    assert len(plan_sets(routine, shorter=True)) < len(plan_sets(routine))
    full = run_session(store, routine, FIRST, start_s=0)
    first_shorter = run_session(store, routine, FIRST[:3], start_s=DAY, shorter=True)
    full_again = run_session(store, routine, SECOND, start_s=2 * DAY)
    shorter_again = run_session(store, routine, SECOND[:3], start_s=3 * DAY, shorter=True)

    assert store.history.previous_session(shorter_again).session_id == first_shorter  # not the full one between
    assert store.history.previous_session(shorter_again).shorter
    assert store.history.previous_session(full_again).session_id == full  # and a full one skips the shorter ones
    summary = store.history.summary(shorter_again)
    assert summary.shorter and summary.comparison.session_id == first_shorter and summary.comparison.shorter

    # The first shorter session has full ones before it, never compared as if alike.
    assert store.history.previous_session(first_shorter) is None
    first = store.history.summary(first_shorter)
    assert first.comparison is None and first.shorter and first.other_version_before
    assert not store.history.summary(full).other_version_before


def test_a_session_that_ended_early_is_known_as_such(store):
    routine = legs(store)
    complete = run_session(store, routine, FIRST, start_s=0)
    early = run_session(store, routine, FIRST[:2], start_s=DAY)  # two of its four planned sets
    after = run_session(store, routine, FIRST, start_s=2 * DAY)
    assert store.history.version(complete) == (False, False)
    assert store.history.version(early) == (False, True)
    assert store.history.summary(early).ended_early
    assert store.history.summary(early).comparison.ended_early is False
    previous = store.history.previous_session(after)
    assert previous.session_id == early and previous.ended_early
    assert store.history.summary(after).comparison.ended_early
    with pytest.raises(LookupError):
        store.history.version(9999)


def test_an_import_without_a_plan_is_not_said_to_have_ended_early(store, ids):
    squat, _ = ids
    imported = insert_session(store, "Strong Legs", "2026-03-29T09:00:00+00:00", "2026-03-29T10:00:00+00:00",
                              [(squat, 5, 100.0)])
    assert store.history.version(imported) == (False, False)


def test_a_rest_day_is_never_the_session_compared_with(store):
    routine = legs(store)
    first = run_session(store, routine, FIRST, start_s=0)
    store.conn.execute("INSERT INTO session (routine_id, routine_name, kind, started_at, ended_at, stress_before)"
                       " VALUES (?, ?, 'rest', ?, ?, 3)", (routine.id, routine.name, iso_local(WALL + DAY),
                                                            iso_local(WALL + DAY)))
    second = run_session(store, routine, SECOND, start_s=2 * DAY)
    assert store.history.previous_session(second).session_id == first


def test_the_summary_counts_rests_that_ended_calmer(store):
    # SECOND's reliefs: 7 - 4 = 3 and 5 - 2 = 3, both by 2 points or more.
    session = run_session(store, legs(store), SECOND, start_s=0)
    summary = store.history.summary(session)
    assert (summary.relief_count, summary.calmer_count) == (2, 2)
