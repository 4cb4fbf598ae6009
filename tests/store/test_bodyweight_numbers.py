"""Body weight in the stored numbers: the SQL (store/sql.MOVED_LOAD) and the Python twin agree.

Volume, records and estimated maxima of bodyweight exercises count the body weight in force
on the session's day; where none was given, the set's volume is not known and is left out,
and counted as left out.
"""

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from liftcalm.core.analytics import epley_e1rm, volume_left_out, volume_load
from liftcalm.core.bodyweight import body_weight_on
from liftcalm.core.session_summary import counts_for_records
from liftcalm.store.history_edits import read_session_rows


@pytest.fixture
def lifts(store):
    find = store.exercises.find
    return find("Dips").id, find("Assisted Pull-Up").id, find("Barbell Back Squat").id


def add_session(store, day, sets):
    """A finished strength session on ``day`` ("2026-03-10") with (exercise_id, set_type, reps, load_kg) sets."""
    started_at = f"{day}T18:00:00.000+01:00"
    session_id = store.conn.execute(
        "INSERT INTO session (routine_name, kind, started_at, ended_at) VALUES ('Pull', 'strength', ?, ?)",
        (started_at, started_at)).lastrowid
    for position, (exercise_id, set_type, reps, load_kg) in enumerate(sets):
        store.conn.execute(
            "INSERT INTO logged_set (session_id, position, exercise_id, set_number, set_type, reps, load_kg, ended_at)"
            " VALUES (?, ?, ?, 1, ?, ?, ?, ?)",
            (session_id, position, exercise_id, set_type, reps, load_kg, started_at))
    return session_id


def volumes(store, session_id):
    """The session's volume as the history list, the graphs and the summary compute it."""
    (row,) = read_session_rows(store.conn, session_id=session_id)
    (totals,) = [t for t in store.graph_data.session_totals() if t.session_id == session_id]
    summary = store.history.summary(session_id)
    return row.volume_kg, totals.volume_kg, summary.volume_load_kg, totals.volume_left_out, summary.volume_left_out


def test_body_weight_in_force_that_day_counts_in_volume(store, lifts):
    dips, assisted, squat = lifts
    store.planning.set_body_weight(date(2026, 3, 1), 80.0)
    store.planning.set_body_weight(date(2026, 3, 20), 78.0)
    before = add_session(store, "2026-02-27", [(dips, "working", 10, 10.0)])  # no body weight given yet
    first = add_session(store, "2026-03-10", [
        (dips, "working", 10, 10.0),  # 10 x (80 + 10) = 900
        (dips, "working", 8, None),  # 8 x 80 = 640: no belt
        (dips, "warmup", 10, None),  # warm-ups stay out
        (assisted, "working", 8, 30.0),  # 8 x (80 - 30) = 400
        (squat, "working", 5, 100.0),  # 500: the body is not counted on a barbell here
    ])
    later = add_session(store, "2026-03-20", [(dips, "working", 10, None)])  # 10 x 78: the new weight from its day
    assert volumes(store, first) == (2440.0, 2440.0, 2440.0, 0, 0)
    assert volumes(store, later) == (780.0, 780.0, 780.0, 0, 0)
    # Not known, and said so: the list shows no volume rather than 0, the sums leave the set out.
    assert volumes(store, before) == (None, None, None, 1, 1)


def test_records_and_estimated_max_count_body_weight(store, lifts):
    dips, _assisted, _squat = lifts
    store.planning.set_body_weight(date(2026, 3, 1), 80.0)
    first = add_session(store, "2026-03-10", [(dips, "working", 10, None)])  # 80 x (1 + 10/30) = 106.67
    second = add_session(store, "2026-03-17", [(dips, "working", 6, 10.0)])  # 90 x 1.2 = 108
    assert store.history.best_e1rm_before(second, [dips]) == {dips: pytest.approx(80 * (1 + 10 / 30))}
    (record,) = store.history.summary(second).records
    assert record.e1rm_kg == pytest.approx(108.0) and record.load_kg == 10.0 and record.body_load == "plus"
    progress = store.graph_data.exercise_progress(dips)
    assert progress.session_ids.tolist() == [first, second]
    assert progress.e1rm_kg.tolist() == pytest.approx([80 * (1 + 10 / 30), 108.0])


def test_a_body_weight_given_later_changes_the_numbers_and_is_announced(store, lifts):
    dips, _assisted, _squat = lifts
    session_id = add_session(store, "2026-03-10", [(dips, "working", 10, None)])
    assert volumes(store, session_id)[:3] == (None, None, None)
    heard = []
    store.changes.subscribe(heard.append)
    store.planning.set_body_weight(date(2026, 3, 10), 80.0)
    assert heard and "body_weight" in heard[-1].keys
    assert volumes(store, session_id) == (800.0, 800.0, 800.0, 0, 0)


# Random sessions of three kinds of exercise with random body weights: SQL and Python agree on
# every set's volume, records eligibility and estimate.
a_set = st.tuples(st.integers(0, 2), st.sampled_from(["working", "warmup", "drop"]),
                  st.one_of(st.none(), st.integers(1, 30)),
                  st.one_of(st.none(), st.floats(0.0, 120.0, allow_nan=False).map(lambda kg: round(kg, 2))))
a_session = st.tuples(st.integers(0, 10), st.lists(a_set, min_size=1, max_size=6))
weights = st.dictionaries(st.integers(0, 10), st.floats(20.0, 150.0, allow_nan=False), max_size=4)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(sessions=st.lists(a_session, min_size=1, max_size=4), body_weights=weights)
def test_sql_and_python_agree_on_random_sets(store, lifts, sessions, body_weights):
    store.conn.execute("DELETE FROM session")
    store.conn.execute("DELETE FROM body_weight")
    for offset, kg in body_weights.items():
        store.planning.set_body_weight(date.fromordinal(date(2026, 1, 1).toordinal() + offset), kg)
    ids, days = [], {}
    for offset, sets in sessions:
        day = date.fromordinal(date(2026, 1, 1).toordinal() + offset)
        session_id = add_session(store, day.isoformat(), [(lifts[which], kind, reps, load)
                                                         for which, kind, reps, load in sets])
        ids.append(session_id)
        days[session_id] = day
    in_force = sorted((date.fromordinal(date(2026, 1, 1).toordinal() + offset), kg)
                      for offset, kg in body_weights.items())
    for session_id in ids:
        records = store.history.set_records(session_id)
        for record in records:  # the day's body weight, found in SQL, is the one core.bodyweight finds
            expected = None if record.body_load == "none" else body_weight_on(days[session_id], in_force)
            assert record.body_weight_kg == expected
        history, graphs, summary, left_sql, left_python = volumes(store, session_id)
        assert history == graphs == summary == volume_load(records)
        assert left_sql == left_python == volume_left_out(records)
        earlier = [other for other in ids if (days[other], other) < (days[session_id], session_id)]
        best = {}
        for other in earlier:
            for record in store.history.set_records(other):
                if counts_for_records(record):
                    e1rm = epley_e1rm(record.moved_kg, record.reps)
                    best[record.exercise_id] = max(best.get(record.exercise_id, e1rm), e1rm)
        assert store.history.best_e1rm_before(session_id, lifts) == best
    for exercise_id in lifts:
        python_sets = [r for session_id in ids for r in store.history.set_records(session_id)
                       if r.exercise_id == exercise_id and counts_for_records(r)]
        assert len(store.graph_data.exercise_sets(exercise_id)) == len(python_sets)
