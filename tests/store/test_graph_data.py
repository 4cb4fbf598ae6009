"""The graphs' queries on hand-made sessions: sums per session, local dates, filters, query plans."""

import json
import subprocess
import sys
from datetime import date, timedelta

import numpy as np
import pytest

from liftcalm.core.trends import GraphFilter, Period, bucket_label
from liftcalm.store.graph_data import sql_floor_weekly


@pytest.fixture
def ids(store):
    return store.exercises.find("Barbell Back Squat").id, store.exercises.find("Barbell Bench Press").id


def add_routine(store, name):
    return store.conn.execute("INSERT INTO routine (name, name_key) VALUES (?, ?)", (name, name.lower())).lastrowid


def add_session(store, started_at, sets=(), *, kind="strength", routine_id=None, routine_name="Legs",
                before=None, final=None, running=False):
    """A session written straight into the tables. ``sets`` holds (exercise_id, set_type, reps, load_kg,
    stress_after_set, stress_end_of_rest); a running session keeps a state and has no end."""
    conn = store.conn
    session_id = conn.execute(
        "INSERT INTO session (routine_id, routine_name, kind, started_at, ended_at, stress_before, stress_final, state)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (routine_id, routine_name, kind, started_at, None if running else started_at, before, final,
         "{}" if running else None)).lastrowid
    for position, (exercise_id, set_type, reps, load_kg, after, end) in enumerate(sets):
        conn.execute(
            "INSERT INTO logged_set (session_id, position, exercise_id, set_number, set_type, reps, load_kg, ended_at,"
            " stress_after_set, stress_end_of_rest) VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?, ?)",
            (session_id, position, exercise_id, set_type, reps, load_kg, started_at, after, end))
    return session_id


def working(exercise_id, load_kg=100.0, after=None, end=None, reps=5):
    return (exercise_id, "working", reps, load_kg, after, end)


# Per-session totals

def test_session_totals_are_the_summary_numbers(store, ids):
    squat, bench = ids
    session_id = add_session(store, "2026-03-10T18:00:00.000+01:00", [
        (squat, "warmup", 5, 60.0, 2, None),  # no volume; its rating still counts, as in the summary
        (squat, "working", 5, 100.0, 6, 3),  # 500, relief 3
        (squat, "working", 5, 100.0, None, 2),  # 500, not rated after the set: no relief either
        (squat, "drop", 10, 50.0, 4, 4),  # no volume; relief 0
        (bench, "working", 8, 60.0, None, None),  # 480
    ])
    (totals,) = store.graph_data.session_totals()
    assert totals.session_id == session_id and totals.day == "2026-03-10" and totals.routine_name == "Legs"
    assert totals.volume_kg == 1480.0
    assert (totals.stress_sum, totals.stress_count) == (12.0, 3)  # 2 + 6 + 4: missing is not 0
    assert (totals.relief_sum, totals.relief_count) == (3.0, 2)
    summary = store.history.summary(session_id)
    assert totals.volume_kg == summary.volume_load_kg
    assert totals.stress_sum / totals.stress_count == summary.mean_stress_after_set
    assert totals.stress_count == summary.rated_set_count
    assert (totals.relief_sum / totals.relief_count, totals.relief_count) == (summary.mean_relief, summary.relief_count)

    (squat_only,) = store.graph_data.session_totals(GraphFilter(exercise_id=bench))
    assert (squat_only.volume_kg, squat_only.stress_count) == (480.0, 0)


def test_running_calm_and_empty_sessions_are_not_points(store, ids):
    squat, _ = ids
    done = add_session(store, "2026-03-10T18:00:00.000+01:00", [working(squat, after=5)])
    add_session(store, "2026-03-11T18:00:00.000+01:00", [working(squat, after=9)], running=True)
    add_session(store, "2026-03-12T18:00:00.000+01:00", [(squat, "working", 1, 0.0, 2, 1)], kind="calm")
    add_session(store, "2026-03-13T18:00:00.000+01:00")  # no sets
    assert [t.session_id for t in store.graph_data.session_totals()] == [done]
    assert [r.kind for r in store.graph_data.session_ratings()] == ["strength", "calm", "strength"]


def test_sessions_come_in_the_order_they_started_whatever_the_offset(store, ids):
    squat, _ = ids
    later = add_session(store, "2026-03-29T09:30:00.000+02:00", [working(squat)])  # 07:30 UTC
    earlier = add_session(store, "2026-03-29T08:00:00.000+01:00", [working(squat)])  # 07:00 UTC
    assert [t.session_id for t in store.graph_data.session_totals()] == [earlier, later]


# Local dates: the day written in started_at decides, whatever UTC says

DST_WEEK = {  # around the 2026-03-29 change to summer time in Europe, and one session far west
    "2026-03-22T10:00:00.000+01:00": 1.0,  # Sunday: week 12
    "2026-03-29T01:30:00.000+01:00": 2.0,  # Sunday before the change: week 13
    "2026-03-29T23:30:00.000+02:00": 4.0,  # Sunday after the change: week 13
    "2026-03-29T23:30:00.000-04:00": 8.0,  # Sunday here, Monday 03:30 in UTC: still week 13
    "2026-03-30T00:30:00.000+02:00": 16.0,  # Monday here, Sunday 22:30 in UTC: week 14
}


def add_volumes(store, squat, volumes):
    """One session per start, each with a single working rep whose load is the session's volume."""
    for started_at, volume in volumes.items():
        add_session(store, started_at, [(squat, "working", 1, volume, 5, None)])


def test_weeks_follow_the_local_date_across_a_dst_change(store, ids):
    add_volumes(store, ids[0], DST_WEEK)
    weeks = store.graph_data.over_time(Period.WEEK)
    assert [bucket_label(start, Period.WEEK) for start in weeks.starts] == ["2026-W12", "2026-W13", "2026-W14"]
    assert weeks.starts.tolist() == [date(2026, 3, 16), date(2026, 3, 23), date(2026, 3, 30)]
    assert weeks.volume_kg.tolist() == [1.0, 14.0, 16.0]
    assert weeks.sessions.tolist() == [1, 3, 1]
    days = store.graph_data.over_time(Period.DAY)
    assert days.starts[7:].tolist() == [date(2026, 3, 29), date(2026, 3, 30)]
    assert days.sessions[7:].tolist() == [3, 1]


def test_a_date_range_is_local_dates_inclusive(store, ids):
    add_volumes(store, ids[0], DST_WEEK)
    sunday = GraphFilter(start=date(2026, 3, 29), end=date(2026, 3, 29))
    assert [t.volume_kg for t in store.graph_data.session_totals(sunday)] == [2.0, 4.0, 8.0]
    assert len(store.graph_data.session_ratings(sunday)) == 3
    from_monday = GraphFilter(start=date(2026, 3, 30))
    assert [t.volume_kg for t in store.graph_data.session_totals(from_monday)] == [16.0]


def test_weeks_across_the_year_boundary(store, ids):
    add_volumes(store, ids[0], {
        "2026-12-27T18:00:00.000+01:00": 1.0,  # Sunday of 2026-W52
        "2026-12-28T00:15:00.000+01:00": 2.0,  # Monday of 2026-W53
        "2026-12-31T23:30:00.000+01:00": 4.0,
        "2027-01-01T00:30:00.000+01:00": 8.0,  # 2026-12-31 in UTC; ISO week 53 of 2026 all the same
        "2027-01-03T23:59:00.000+01:00": 16.0,
        "2027-01-04T00:01:00.000+01:00": 32.0,  # 2027-W01
    })
    weeks = store.graph_data.over_time(Period.WEEK)
    assert [bucket_label(start, Period.WEEK) for start in weeks.starts] == ["2026-W52", "2026-W53", "2027-W01"]
    assert weeks.volume_kg.tolist() == [1.0, 30.0, 32.0]
    months = store.graph_data.over_time(Period.MONTH)
    assert [bucket_label(start, Period.MONTH) for start in months.starts] == ["2026-12", "2027-01"]
    assert months.volume_kg.tolist() == [7.0, 56.0]


# Filters

def test_routine_and_exercise_filters(store, ids):
    squat, bench = ids
    legs, push = add_routine(store, "Legs"), add_routine(store, "Push")
    first = add_session(store, "2026-03-10T18:00:00.000+01:00", [working(squat, 100.0, 6), working(bench, 50.0, 2)],
                        routine_id=legs)
    add_session(store, "2026-03-11T18:00:00.000+01:00", [working(bench, 60.0, 3)], routine_id=push,
                routine_name="Push")
    data = store.graph_data
    assert [(t.session_id, t.volume_kg) for t in data.session_totals(GraphFilter(routine_id=legs))] == [(first, 750.0)]
    by_exercise = data.stress_vs_volume(GraphFilter(exercise_id=bench))
    assert by_exercise.volume_kg.tolist() == [250.0, 300.0]
    assert by_exercise.mean_stress.tolist() == [2.0, 3.0]
    assert by_exercise.routine_names == ("Legs", "Push")
    assert [r.session_id for r in data.session_ratings(GraphFilter(exercise_id=squat))] == [first]


# Stress tolerance

def test_rated_sets_read_every_non_warmup_set_of_finished_strength_sessions(store, ids):
    squat, bench = ids
    first = add_session(store, "2026-01-05T18:00:00.000+01:00", [
        (squat, "warmup", 1, 150.0, 9, None),  # a warm-up: never read
        working(squat, 100.0, 6),
        working(squat, 100.0, None),  # not rated: read, it still informs strength
        (squat, "drop", 10, 60.0, 8, None),
    ], before=4)
    add_session(store, "2026-01-06T07:00:00.000+01:00", kind="calm", before=7, final=3)
    add_session(store, "2026-01-07T18:00:00.000+01:00", [working(bench, 60.0, 3)], running=True)
    rows = store.graph_data.rated_sets()
    assert [(r.session_id, r.day, r.exercise_id, r.set_type, r.reps, r.load_kg, r.stress_after_set, r.stress_before)
            for r in rows] == [(first, "2026-01-05", squat, "working", 5, 100.0, 6, 4),
                               (first, "2026-01-05", squat, "working", 5, 100.0, None, 4),
                               (first, "2026-01-05", squat, "drop", 10, 60.0, 8, 4)]
    assert rows[0].is_bodyweight is False


def test_tolerance_is_fitted_on_everything_and_cut_to_the_filter_dates(store, ids):
    squat, bench = ids
    start = date(2026, 1, 5)
    for week in range(12):  # three sessions a week, 4 rated working sets each: plenty for a usual
        for day in (0, 2, 4):
            when = start + timedelta(days=7 * week + day)
            add_session(store, f"{when}T18:00:00.000+01:00",
                        [working(squat, 100.0 + week, 3 + (week + day + k) % 4) for k in range(2)]
                        + [working(bench, 60.0, 2 + (week + k) % 3) for k in range(2)], before=3 + day % 3)
    whole = store.graph_data.tolerance()
    assert whole.enough and whole.n_sets == 144 and whole.n_sessions == 36
    assert whole.points and all(p.low <= p.value <= p.high and p.n_sets >= 20 for p in whole.points)
    later = store.graph_data.tolerance(GraphFilter(start=date(2026, 3, 1)))
    assert later.points == tuple(p for p in whole.points if p.date >= date(2026, 3, 1))
    assert later.n_sets == whole.n_sets  # the usual does not change with the dates shown
    bench_only = store.graph_data.tolerance(GraphFilter(exercise_id=bench))
    by_date = {p.date: p for p in whole.points}
    assert bench_only.n_sets == whole.n_sets and bench_only.points
    assert all(p.n_sets == by_date[p.date].n_sets / 2 for p in bench_only.points)  # half of each window's sets


# Progress of one exercise

def test_exercise_progress_flags_the_summary_records(store, ids):
    squat, bench = ids
    sessions = [
        add_session(store, "2026-01-05T18:00:00.000+01:00", [(squat, "warmup", 1, 150.0, None, None),
                                                              working(squat, 100.0)]),  # 116.67: first record
        add_session(store, "2026-01-08T18:00:00.000+01:00", [working(squat, 105.0, reps=3)]),  # 115.5
        add_session(store, "2026-01-12T18:00:00.000+01:00", [working(squat, 90.0, reps=10)]),  # 120: record
        add_session(store, "2026-01-15T18:00:00.000+01:00", [working(bench, 60.0)]),  # no squat
        add_session(store, "2026-01-19T18:00:00.000+01:00", [working(squat, 120.0, reps=1)]),  # 120: equal
    ]
    progress = store.graph_data.exercise_progress(squat)
    assert progress.session_ids.tolist() == [sessions[i] for i in (0, 1, 2, 4)]
    np.testing.assert_allclose(progress.e1rm_kg, [350 / 3, 115.5, 120.0, 120.0])
    assert progress.is_record.tolist() == [True, False, True, False]
    summary_records = [any(r.exercise_id == squat for r in store.history.summary(sessions[i]).records)
                       for i in (0, 1, 2, 4)]
    assert progress.is_record.tolist() == summary_records
    shown = store.graph_data.exercise_progress(squat, GraphFilter(start=date(2026, 1, 10)))
    assert shown.is_record.tolist() == [True, False]


# Strength against calm

def test_strength_vs_calm(store, ids):
    squat, _ = ids
    add_session(store, "2026-01-05T18:00:00.000+01:00", [working(squat)], before=6, final=4)
    add_session(store, "2026-01-06T07:00:00.000+01:00", kind="calm", before=7, final=3)
    add_session(store, "2026-01-07T18:00:00.000+01:00", [working(squat)], before=None, final=2)
    add_session(store, "2026-01-08T07:00:00.000+01:00", kind="calm", before=5, final=None)
    result = store.graph_data.strength_vs_calm()
    assert (result.strength.mean_before, result.strength.mean_final, result.strength.mean_change) == (6.0, 3.0, -2.0)
    assert (result.strength.before_count, result.strength.final_count, result.strength.pairs) == (1, 2, 1)
    assert (result.calm.mean_before, result.calm.mean_final, result.calm.mean_change) == (6.0, 3.0, -4.0)
    assert result.calm.days.tolist() == [date(2026, 1, 6), date(2026, 1, 8)]


# The speed floor and the query plans

def test_sql_floor_weekly(store, ids):
    squat, _ = ids
    add_session(store, "2026-03-10T18:00:00.000+01:00", [working(squat, 100.0, 4), (squat, "warmup", 5, 50.0, 2, None)])
    add_session(store, "2026-03-12T18:00:00.000+01:00", [working(squat, 80.0, None)])
    assert sql_floor_weekly(store.conn) == [("2026-10", 900.0, 3.0)]


def executed(store, read):
    """The SQL statements ``read()`` runs, with their parameters filled in."""
    statements = []
    store.conn.set_trace_callback(statements.append)
    try:
        read()
    finally:
        store.conn.set_trace_callback(None)
    return statements


@pytest.mark.parametrize("read", ["session_totals"])
def test_per_session_sums_read_the_graph_index_in_order(store, read):
    (statement,) = executed(store, getattr(store.graph_data, read))
    plan = " | ".join(row[3] for row in store.conn.execute("EXPLAIN QUERY PLAN " + statement))
    assert "USING COVERING INDEX logged_set_graph" in plan, plan
    assert "TEMP B-TREE FOR GROUP BY" not in plan, plan


def test_one_exercise_is_read_without_scanning_every_set(store, ids):
    data = store.graph_data
    for read in (lambda: data.session_totals(GraphFilter(exercise_id=ids[0])),
                 lambda: data.exercise_sets(ids[0])):
        (statement,) = executed(store, read)
        plan = " | ".join(row[3] for row in store.conn.execute("EXPLAIN QUERY PLAN " + statement))
        assert "SCAN l" not in plan, plan


def test_numpy_loads_with_the_graphs_not_with_the_store(tmp_path):
    code = (
        "import sys\n"
        "from liftcalm.store import Store\n"
        f"store = Store({str(tmp_path / 'lazy.db')!r})\n"
        "store.history, store.sessions\n"
        "print('numpy' in sys.modules, 'liftcalm.core.trends' in sys.modules)\n"
        "store.graph_data\n"
        "print('numpy' in sys.modules, 'liftcalm.core.trends' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "False", "True", "True"]


def test_figures_are_what_the_graphs_page_shows_as_plain_json(store, ids):
    squat, bench = ids
    start = date(2026, 1, 5)
    for week in range(8):
        for day in (0, 3):
            when = start + timedelta(days=7 * week + day)
            add_session(store, f"{when}T18:00:00.000+01:00",
                        [working(squat, 100.0, 3 + (week + day + k) % 4) for k in range(3)]
                        + [working(bench, 60.0, None)], before=4)
    figures = json.loads(json.dumps(store.graph_data.figures(GraphFilter(start=date(2026, 2, 1)))))
    tolerance, volume = figures["tolerance"], figures["stress_vs_volume"]
    drawn = store.graph_data.tolerance(GraphFilter(start=date(2026, 2, 1))).points
    assert drawn and [p["date"] for p in tolerance["points"]] == [p.date.isoformat() for p in drawn]
    assert all(set(p) >= {"date", "value", "low", "high", "n"} and p["low"] <= p["value"] <= p["high"]
               for p in tolerance["points"])
    assert tolerance["left_out"] == 16 and tolerance["left_out_by_reason"]["unrated"] == 16  # the bench sets
    assert set(volume) == {"n", "slope", "r", "r_low", "r_high", "shown"}
    assert volume["n"] == len(store.graph_data.session_totals(GraphFilter(start=date(2026, 2, 1))))
