"""History's list comes from one aggregated query that gives what the per-session join gave, row for row."""

from datetime import date

from liftcalm.store import Store
from liftcalm.store.demo import write_demo
from liftcalm.store.history_edits import SessionRow, read_session_rows

# The list's query as it was before it aggregated the sets in one pass (a join grouped per session);
# the demo has no bodyweight lifts, so reps x load is the load moved here.
JOINED = (
    "SELECT s.id, s.started_at, s.routine_name, s.kind,"
    " max(0.0, (julianday(s.ended_at) - julianday(s.started_at)) * 86400.0),"
    " sum(CASE WHEN l.set_type = 'working' THEN l.reps * l.load_kg END),"
    " avg(l.stress_after_set), count(l.stress_after_set), count(l.id), s.source,"
    " (s.ended_at IS NULL AND s.state IS NOT NULL),"
    " count(CASE WHEN l.set_type = 'working' AND l.reps IS NOT NULL AND l.load_kg IS NULL THEN 1 END)"
    " FROM session s LEFT JOIN logged_set l ON l.session_id = s.id WHERE 1{only} GROUP BY s.id"
    " ORDER BY julianday(s.started_at) DESC, s.id DESC LIMIT ?")


def joined(conn, limit=None, session_id=None):
    only = "" if session_id is None else " AND s.id = ?"
    rows = conn.execute(JOINED.format(only=only),
                        ((session_id,) if session_id is not None else ()) + (-1 if limit is None else limit,))
    return [SessionRow(*row[:-2], running=bool(row[-2]), volume_left_out=row[-1]) for row in rows]


def test_the_aggregated_list_equals_the_joined_one_row_for_row(tmp_path):
    with Store(tmp_path / "history.db") as store:
        write_demo(store, years=1.5, seed=5, end=date(2026, 6, 1))
        conn = store.conn
        some = [row[0] for row in conn.execute("SELECT id FROM session WHERE kind = 'strength' ORDER BY id LIMIT 3")]
        # Missing is missing: sets without reps, without load, or with neither (a plank, a carry).
        conn.execute("UPDATE logged_set SET reps = NULL WHERE session_id = ? AND position = 1", (some[0],))
        conn.execute("UPDATE logged_set SET load_kg = NULL, stress_after_set = NULL WHERE session_id = ?", (some[1],))
        conn.execute("UPDATE logged_set SET reps = NULL, load_kg = NULL, duration_s = 60 WHERE session_id = ?"
                     " AND set_type = 'working'", (some[2],))
        # A session without sets, one of another offset on the same instant, and one still running.
        conn.execute("INSERT INTO session (kind, started_at, ended_at) VALUES ('strength',"
                     " '2026-05-30T10:00:00.000+02:00', '2026-05-30T10:30:00.000+02:00')")
        conn.execute("INSERT INTO session (kind, started_at) VALUES ('strength', '2026-05-30T08:00:00.000+00:00')")
        conn.execute("INSERT INTO session (kind, started_at, state) VALUES ('strength',"
                     " '2026-06-01T09:00:00.000+02:00', '{}')")
        rows = read_session_rows(conn)
        assert rows == joined(conn) and len(rows) > 200
        assert [row.running for row in rows].count(True) == 1 and rows[0].running is True
        by_id = {row.id: row for row in rows}
        assert by_id[some[1]].mean_stress is None and by_id[some[1]].rated_count == 0  # never rated: no mean
        assert by_id[some[1]].volume_left_out > 0  # its loads were emptied: said, not passed off as 0
        empty = next(row for row in rows if row.started_at.startswith("2026-05-30T10"))
        assert (empty.set_count, empty.rated_count, empty.volume_kg, empty.mean_stress) == (0, 0, None, None)
        assert by_id[some[2]].volume_kg is None  # only timed working sets: no volume, never 0
        assert read_session_rows(conn, limit=7) == joined(conn, limit=7)
        for session_id in (*some, max(by_id)):
            assert read_session_rows(conn, session_id=session_id) == joined(conn, session_id=session_id)
        assert read_session_rows(conn, session_id=10**9) == []
