"""Planning reads and writes: last time, body weight, exercise plans, per-set targets, measures, plates."""

import json
import time
from datetime import date

import pytest

from liftcalm.core.changes import ChangeKind
from liftcalm.core.models import ExercisePlan, Measure, Progression, Routine, RoutineItem, SetTarget, SetType
from liftcalm.core.units import Unit
from liftcalm.core.validation import ValidationError
from liftcalm.store import Store

W, WU = SetType.WORKING, SetType.WARMUP


def log_session(store, started_at, sets, running=False, note=None):
    """A session with ``sets`` (exercise id, set type, reps, load, rpe, note), written as the app would."""
    conn = store.conn
    cursor = conn.execute(
        "INSERT INTO session (routine_name, kind, started_at, ended_at, state) VALUES ('R', 'strength', ?, ?, ?)",
        (started_at, None if running else started_at, "{}" if running else None))
    session_id = cursor.lastrowid
    for position, (exercise_id, kind, reps, load, rpe, set_note) in enumerate(sets):
        conn.execute("INSERT INTO logged_set (session_id, position, exercise_id, set_number, set_type, reps, load_kg,"
                     " rpe, note, ended_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     (session_id, position, exercise_id, position + 1, kind, reps, load, rpe, set_note, started_at))
    if note is not None:
        conn.execute("INSERT INTO session_exercise (session_id, exercise_id, note) VALUES (?, ?, ?)",
                     (session_id, sets[0][0], note))
    return session_id


@pytest.fixture
def squat(store):
    return store.exercises.find("Barbell Back Squat")


@pytest.fixture
def bench(store):
    return store.exercises.find("Barbell Bench Press")


def test_last_time_is_the_newest_finished_session_with_the_exercise(store, squat, bench):
    assert store.planning.last_time(squat.id) is None  # first time
    log_session(store, "2025-12-01T10:00:00.000+01:00", [(squat.id, "working", 5, 100.0, None, "")])
    newest = log_session(store, "2025-12-08T10:00:00.000+01:00", [
        (squat.id, "warmup", 10, 20.0, None, ""), (bench.id, "working", 8, 60.0, None, ""),
        (squat.id, "working", 5, 102.5, 8.0, ""), (squat.id, "working", 4, 102.5, 9.5, "left knee")],
        note="Felt heavy")
    log_session(store, "2025-12-10T10:00:00.000+01:00", [(bench.id, "working", 8, 62.5, None, "")])
    log_session(store, "2025-12-11T10:00:00.000+01:00", [(squat.id, "working", 5, 105.0, None, "")], running=True)
    last = store.planning.last_time(squat.id)
    assert last.session_id == newest and last.note == "Felt heavy" and last.day == date(2025, 12, 8)
    assert [(s.set_type, s.reps, s.load_kg, s.rpe, s.note) for s in last.sets] == [
        (WU, 10, 20.0, None, ""), (W, 5, 102.5, 8.0, ""), (W, 4, 102.5, 9.5, "left knee")]
    assert set(store.planning.last_times([squat.id, bench.id, 99999])) == {squat.id, bench.id}


def test_last_time_orders_by_the_instant_not_the_text(store, squat):
    # 23:30 at UTC-5 is 04:30 UTC the next day: later than 01:00 at UTC+0 on that day, though its text sorts first.
    later = log_session(store, "2025-06-01T23:30:00.000-05:00", [(squat.id, "working", 3, 110.0, None, "")])
    log_session(store, "2025-06-02T01:00:00.000+00:00", [(squat.id, "working", 3, 100.0, None, "")])
    assert store.planning.last_time(squat.id).session_id == later


def test_missing_values_stay_missing(store):
    plank = store.exercises.find("Plank")
    sid = log_session(store, "2025-12-01T10:00:00.000+01:00", [(plank.id, "working", None, None, None, "")])
    store.conn.execute("UPDATE logged_set SET duration_s = 75 WHERE session_id = ?", (sid,))
    past = store.planning.last_time(plank.id).sets[0]
    assert (past.reps, past.load_kg, past.duration_s, past.rpe) == (None, None, 75, None)


def test_last_time_on_ten_years_of_near_daily_training_takes_well_under_a_frame(tmp_path):
    from liftcalm.store.demo import write_demo

    with Store(tmp_path / "ten.db") as store:
        write_demo(store, years=10, seed=1, end=date(2026, 1, 1), sessions_per_week=7, sets_per_session=30)
        done = [row[0] for row in store.conn.execute("SELECT DISTINCT exercise_id FROM logged_set")]
        never, once = [e.id for e in store.exercises.all() if e.id not in done and not e.is_calm][:2]
        # The slowest case: an exercise done once, in the very first session, ten years of sessions ago.
        first = store.conn.execute("SELECT id FROM session WHERE kind = 'strength' ORDER BY started_at").fetchone()[0]
        store.conn.execute("INSERT INTO logged_set (session_id, position, exercise_id, set_number, set_type, reps,"
                           " load_kg, ended_at) VALUES (?, 1000, ?, 1, 'working', 5, 50.0, '2016-01-01')", (first, once))
        timings = {}
        for exercise_id in [*done, never, once]:
            timings[exercise_id] = min(_timed(lambda: store.planning.last_time(exercise_id)) for _ in range(5))
        typical = sorted(timings[e] for e in done)[len(done) // 2]
        print(f"last time, 10 years: typical {typical * 1000:.3f} ms, never done {timings[never] * 1000:.3f} ms,"
              f" done once ten years ago {timings[once] * 1000:.3f} ms")
        assert max(timings.values()) < 0.016  # under one frame on the UI thread, even in the slowest case
        assert store.planning.last_time(never) is None
        assert store.planning.last_time(once).session_id == first


def _timed(work) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def test_body_weight_is_dated_and_the_latest_is_in_force(store):
    heard = []
    store.changes.subscribe(heard.append)
    assert store.planning.body_weight_on(date(2025, 1, 1)) is None
    store.planning.set_body_weight(date(2025, 1, 1), 82.0)
    store.planning.set_body_weight(date(2025, 6, 1), 79.5)
    store.planning.set_body_weight(date(2025, 6, 1), 80.0)  # the same day again: replaced
    assert store.planning.body_weights() == [(date(2025, 1, 1), 82.0), (date(2025, 6, 1), 80.0)]
    assert store.planning.body_weight_on(date(2025, 5, 31)) == 82.0
    assert store.planning.body_weight_on(date(2026, 1, 1)) == 80.0
    assert store.planning.latest_body_weight() == (date(2025, 6, 1), 80.0)
    assert store.planning.body_weight_lookup()(date(2025, 3, 1)) == 82.0
    assert heard and all(c.kind is ChangeKind.SETTINGS and c.keys == ("body_weight",) for c in heard)
    with pytest.raises(ValidationError):
        store.planning.set_body_weight(date(2025, 7, 1), 0)  # never a 0 for a weight nobody gave
    store.planning.delete_body_weight(date(2025, 6, 1))
    assert store.planning.latest_body_weight() == (date(2025, 1, 1), 82.0)


def test_exercise_plans_are_saved_and_checked(store, squat):
    assert store.planning.exercise_plan(squat.id) is None
    store.planning.set_exercise_plan(ExercisePlan(squat.id, Progression.FIXED, 5.0))
    assert store.planning.exercise_plan(squat.id) == ExercisePlan(squat.id, Progression.FIXED, 5.0)
    store.planning.set_exercise_plan(ExercisePlan(squat.id, Progression.NONE, None))
    assert store.planning.exercise_plans() == {squat.id: ExercisePlan(squat.id, Progression.NONE, None)}
    with pytest.raises(ValidationError):
        store.planning.set_exercise_plan(ExercisePlan(squat.id, Progression.DOUBLE, 0.0))


def test_per_set_targets_survive_a_round_trip_and_null_means_the_items_own_fields(store, squat):
    pyramid = RoutineItem(squat.id, rest_s=150).with_targets([
        SetTarget(WU, 10, None, 20.0, rest_s=45), SetTarget(W, 8, 12, 100.0, rpe=8.0),
        SetTarget(W, 6, None, 110.0, rir=2), SetTarget(SetType.DROP, 12, None, None)])
    plain = RoutineItem(squat.id, (W, W), 5, 100.0, 120)
    routine = store.book.add(Routine(None, "Pyramids", (pyramid, plain)), "Add")
    assert store.routines.get(routine.id).items == (pyramid, plain)
    stored = [row[0] for row in store.conn.execute(
        "SELECT set_targets FROM routine_item WHERE routine_id = ? ORDER BY position", (routine.id,))]
    assert stored[1] is None
    assert json.loads(stored[0])[0] == {"type": "warmup", "reps": 10, "load_kg": 20.0, "rest_s": 45}
    assert "load_kg" not in json.loads(stored[0])[3]  # missing, not 0
    bad = pyramid.with_target(1, SetTarget(W, 8, 12, 100.0, rpe=11.0))
    with pytest.raises(ValidationError):
        store.book.edit(Routine(routine.id, "Pyramids", (bad,)), "Edit")
    assert store.routines.get(routine.id).items == (pyramid, plain)


def test_the_catalogue_says_which_exercises_are_timed_or_distance(store, tmp_path):
    assert store.exercises.find("Plank").measure is Measure.TIME
    assert store.exercises.find("Farmers Carry").measure is Measure.DISTANCE
    assert store.exercises.find("Barbell Back Squat").measure is Measure.REPS
    # A database from before measures: every exercise counted in reps, and the catalogue changed since.
    store.conn.execute("UPDATE exercise SET measure = 'reps'")
    store.settings.set("catalogue_digest", "old")
    store.close()
    with Store(store.path) as again:
        assert again.exercises.find("Plank").measure is Measure.TIME
        mine = again.exercises.add_custom(again.exercises.find("Plank").__class__(None, "My Hold"))
        assert mine.measure is Measure.REPS


def test_plates_and_warm_ups_are_settings_in_both_units(store):
    assert store.settings.plate_inventory(Unit.KG).bar == 20.0
    assert store.settings.plate_inventory(Unit.LB).bar == 45.0
    store.settings.set_bar(Unit.KG, "15")
    store.settings.set_plates(Unit.LB, "45, 25, 10x2, 5")
    assert store.settings.plate_inventory(Unit.KG).bar == 15.0
    assert store.settings.plate_inventory(Unit.LB).plates == ((45.0, None), (25.0, None), (10.0, 2), (5.0, None))
    store.settings.warmup_scheme = "bar x 5, 50% x 3"
    assert str(store.settings.warmup_scheme[1]) == "50%×3"
    store.settings.warmup_rest_s = 45
    assert store.settings.warmup_rest_s == 45
    with pytest.raises(ValidationError):
        store.settings.set_plates(Unit.KG, "heavy ones")
    store.settings.set("plates_kg", "damaged")  # read back as the defaults, never a crash
    assert store.settings.plate_inventory(Unit.KG).plates[0] == (25.0, None)
