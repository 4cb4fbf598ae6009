"""Past sessions: the list, corrections, deletions, and undo that puts back exactly the same rows."""

import datetime
import time

import pytest

from liftcalm.core.analytics import mean_or_none, volume_load
from liftcalm.core.validation import ValidationError, parse_rating
from liftcalm.store.demo import write_demo
from liftcalm.store.history_edits import HistoryEdits


@pytest.fixture
def edits(store):
    write_demo(store, years=0.2, seed=2, end=datetime.date(2026, 6, 1))
    return HistoryEdits(store.conn)


def dump(conn):
    """Every session and set row, every column, to compare databases exactly."""
    return (conn.execute("SELECT * FROM session ORDER BY id").fetchall(),
            conn.execute("SELECT * FROM logged_set ORDER BY id").fetchall())


def a_strength_session(edits):
    return next(row for row in edits.list_sessions() if row.kind == "strength" and row.rated_count)


def test_list_is_newest_first_with_the_totals_of_the_analytics(store, edits):
    rows = edits.list_sessions()
    assert len(rows) == store.conn.execute("SELECT count(*) FROM session").fetchone()[0]
    starts = [datetime.datetime.fromisoformat(row.started_at) for row in rows]
    assert starts == sorted(starts, reverse=True)
    for row in rows[:10]:
        records = store.history.set_records(row.id)
        assert row.set_count == len(records)
        assert row.volume_kg == (None if (volume := volume_load(records)) is None else pytest.approx(volume))
        assert row.mean_stress == pytest.approx(mean_or_none(r.stress_after_set for r in records))
        assert row.rated_count == sum(r.stress_after_set is not None for r in records)
        assert row.duration_s == pytest.approx(store.history.duration_s(row.id))
        assert row.source == "demo"
    assert [row.id for row in edits.list_sessions(limit=3)] == [row.id for row in rows[:3]]


def test_a_running_session_is_listed_and_marked_running(store, edits):
    newest = edits.list_sessions()[0].id
    # Running, as sessions.start leaves it: no end yet, and the state machine's state.
    store.conn.execute("UPDATE session SET ended_at = NULL, state = '{}' WHERE id = ?", (newest,))
    row = edits.session_row(newest)
    assert row.running and row.duration_s is None
    assert [r.id for r in edits.list_sessions() if r.running] == [newest]


def test_one_sessions_row_is_the_row_the_list_shows(edits):
    rows = edits.list_sessions()
    for row in (rows[0], rows[len(rows) // 2], rows[-1]):
        assert edits.session_row(row.id) == row
    edits.delete_session(rows[0].id)
    assert edits.session_row(rows[0].id) is None


def test_edit_set_saves_and_undo_redo_write_the_snapshots(store, edits):
    session = a_strength_session(edits)
    target = edits.session_sets(session.id)[1]
    original = dump(store.conn)

    change = edits.edit_set(target.id, reps=3, load_kg=42.5, rpe=8.5, stress_after_set=None, stress_end_of_rest=0)
    edited = next(s for s in edits.session_sets(session.id) if s.id == target.id)
    assert (edited.reps, edited.load_kg, edited.rpe, edited.stress_after_set, edited.stress_end_of_rest) == (
        3, 42.5, 8.5, None, 0)
    assert change.before.sets[0]["reps"] == target.reps and change.after.sets[0]["reps"] == 3
    assert edits.history.undo_label == change.label and "reps" in change.label
    after_edit = dump(store.conn)

    assert edits.undo() is change
    assert dump(store.conn) == original
    assert edits.redo() is change
    assert dump(store.conn) == after_edit


def test_edit_refuses_values_out_of_range_and_saves_nothing(store, edits):
    target = edits.session_sets(a_strength_session(edits).id)[0]
    original = dump(store.conn)
    for changes in ({"reps": 101}, {"reps": -1}, {"load_kg": 1000.5}, {"rpe": 7.3}, {"rpe": 0.5},
                    {"stress_after_set": 11}, {"stress_end_of_rest": -1}, {"stress_after_set": 2.5}):
        with pytest.raises(ValidationError):
            edits.edit_set(target.id, **changes)
    with pytest.raises(ValueError):
        edits.edit_set(target.id, set_type="drop")
    assert dump(store.conn) == original
    assert not edits.history.can_undo


def test_an_edit_that_changes_nothing_records_nothing(edits):
    target = edits.session_sets(a_strength_session(edits).id)[0]
    assert edits.edit_set(target.id, reps=target.reps) is None
    assert not edits.history.can_undo


def test_undo_puts_a_deleted_set_back_with_its_id_position_and_ratings(store, edits):
    session = a_strength_session(edits)
    sets = edits.session_sets(session.id)
    rated = next(s for s in sets if s.stress_after_set is not None and s.position > 0)
    original = dump(store.conn)

    change = edits.delete_set(rated.id)
    assert rated.id not in [s.id for s in edits.session_sets(session.id)]
    assert change.before.sets[0]["stress_after_set"] == rated.stress_after_set
    after_delete = dump(store.conn)

    edits.undo()
    assert dump(store.conn) == original
    assert edits.session_sets(session.id) == sets
    edits.redo()
    assert dump(store.conn) == after_delete


def test_undo_puts_a_deleted_session_back_exactly(store, edits):
    session = a_strength_session(edits)
    original = dump(store.conn)
    listed = edits.list_sessions()

    change = edits.delete_session(session.id)
    assert edits.session(session.id) is None and edits.session_sets(session.id) == []
    assert len(change.before.sets) == session.set_count
    after_delete = dump(store.conn)

    edits.undo()
    assert dump(store.conn) == original
    assert edits.list_sessions() == listed
    edits.redo()
    assert dump(store.conn) == after_delete
    edits.undo()
    assert dump(store.conn) == original


def test_undo_of_a_session_whose_routine_was_deleted_meanwhile(store, edits):
    session = a_strength_session(edits)
    routine_id = store.conn.execute("SELECT routine_id FROM session WHERE id = ?", (session.id,)).fetchone()[0]
    edits.delete_session(session.id)
    store.book.delete(routine_id)
    edits.undo()
    assert edits.session(session.id) is not None
    assert store.conn.execute("SELECT routine_id FROM session WHERE id = ?", (session.id,)).fetchone()[0] is None


def test_several_changes_undo_in_reverse_order(store, edits):
    session = a_strength_session(edits)
    sets = edits.session_sets(session.id)
    original = dump(store.conn)
    edits.edit_set(sets[0].id, reps=1)
    edits.delete_set(sets[1].id)
    edits.delete_session(session.id)
    while edits.undo():
        pass
    assert dump(store.conn) == original
    assert not edits.history.can_undo and edits.history.can_redo


def test_parse_rating():
    assert parse_rating("") is None and parse_rating(" 0 ") == 0 and parse_rating("10") == 10
    for text in ("11", "-1", "2.5", "x"):
        with pytest.raises(ValidationError):
            parse_rating(text)


def test_list_is_fast_on_ten_years(store):
    write_demo(store, years=10, seed=3, end=datetime.date(2026, 6, 1), sessions_per_week=7, sets_per_session=30)
    edits = HistoryEdits(store.conn)
    start = time.perf_counter()
    rows = edits.list_sessions()
    elapsed = time.perf_counter() - start
    assert len(rows) > 3000
    assert elapsed < 0.5, f"listing {len(rows)} sessions took {elapsed:.3f} s"
