"""Migration 5 rebuilds the session table (a rest day is a kind of its own) and keeps every row."""

import sqlite3

import pytest

from liftcalm.store import Store
from liftcalm.store.database import connect
from liftcalm.store.migrations import MIGRATIONS, migrate


def test_a_version_4_history_keeps_every_session_and_set_and_its_ids(tmp_path):
    from datetime import date

    from liftcalm.store.demo import write_demo

    sets_v2 = ("id, session_id, position, plan_index, exercise_id, set_number, set_type, reps, load_kg, rpe,"
               " duration_s, ended_at, stress_after_set, stress_end_of_rest, relief_signs, relief_note")
    exercises_v1 = "id, name, name_key, kind, muscles, equipment, is_bodyweight, is_custom, duration_s, description"
    with Store(tmp_path / "demo.db") as store:
        write_demo(store, years=0.2, seed=3, end=date(2026, 6, 1))
        store.conn.execute("DELETE FROM session WHERE kind = 'rest'")  # version 4 had no rest days
        sessions = store.conn.execute("SELECT * FROM session ORDER BY id").fetchall()
        sets = store.conn.execute(f"SELECT {sets_v2} FROM logged_set ORDER BY id").fetchall()
        # Version 4 required reps and load: it stored a timed calm block as 1 rep at 0 kg (migration 10
        # makes it a time again, as it is in ``sets``).
        store.conn.execute("UPDATE logged_set SET reps = 1, load_kg = 0 WHERE reps IS NULL OR load_kg IS NULL")
        sets_v4 = store.conn.execute(f"SELECT {sets_v2} FROM logged_set ORDER BY id").fetchall()
        exercises = store.conn.execute(f"SELECT {exercises_v1} FROM exercise").fetchall()
        calm = {row[0] for row in store.conn.execute("SELECT id FROM exercise WHERE kind = 'calm'")}
        routines = store.conn.execute("SELECT id, name, name_key FROM routine").fetchall()
    # The same history in a file made by version 4, then migrated as a start would.
    path = tmp_path / "v4.db"
    old = sqlite3.connect(path, isolation_level=None)
    for statements in MIGRATIONS[:4]:
        for statement in statements:
            old.execute(statement)
    old.execute("PRAGMA user_version = 4")
    for table, columns, rows in (("exercise", exercises_v1, exercises), ("routine", "id, name, name_key", routines),
                                 ("session", None, sessions), ("logged_set", sets_v2, sets_v4)):
        names = f" ({columns})" if columns else ""
        old.executemany(f"INSERT INTO {table}{names} VALUES ({', '.join('?' * len(rows[0]))})", rows)
    old.close()

    conn = connect(path)
    assert migrate(conn) == 4
    assert conn.execute("SELECT * FROM session ORDER BY id").fetchall() == sessions
    # A timed strength hold (a plank) stays as version 4 stored it: nothing says its 1 rep was not given.
    expected = [now if now[4] in calm else then for now, then in zip(sets, sets_v4)]
    assert conn.execute(f"SELECT {sets_v2} FROM logged_set ORDER BY id").fetchall() == expected
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    conn.execute("INSERT INTO session (kind, started_at, energy, motivation) VALUES ('rest', '2026-06-02T10:00', 1, 2)")
    new_id = conn.execute("SELECT max(id) FROM session").fetchone()[0]
    assert new_id == sessions[-1][0] + 1  # AUTOINCREMENT goes on where it was
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute("INSERT INTO session (kind, started_at) VALUES ('nap', '2026-06-02T10:00')")
    conn.execute("DELETE FROM session WHERE id = ?", (sessions[0][0],))  # cascades to its sets, as before
    assert conn.execute("SELECT count(*) FROM logged_set WHERE session_id = ?", (sessions[0][0],)).fetchone()[0] == 0
    conn.close()


def test_migration_6_lets_reps_and_load_be_missing_and_keeps_every_set(tmp_path):
    from datetime import date

    from liftcalm.store.demo import write_demo

    path = tmp_path / "v6.db"
    with Store(path) as store:
        write_demo(store, years=0.1, seed=3, end=date(2026, 6, 1))
        before = store.conn.execute("SELECT id, session_id, position, reps, load_kg, stress_after_set, relief_note"
                                    " FROM logged_set ORDER BY id").fetchall()
        session_id = before[0][1]
        store.conn.execute("INSERT INTO logged_set (session_id, position, exercise_id, set_number, set_type,"
                           " duration_s, distance_m, ended_at, note) VALUES (?, 999, 1, 1, 'working', 60, NULL,"
                           " '2026-06-01T10:00', 'a plank')", (session_id,))
        plank = store.conn.execute("SELECT reps, load_kg, duration_s, note FROM logged_set WHERE position = 999"
                                   ).fetchone()
        assert plank == (None, None, 60, "a plank")  # missing, never 0
        after = store.conn.execute("SELECT id, session_id, position, reps, load_kg, stress_after_set, relief_note"
                                   " FROM logged_set WHERE position != 999 ORDER BY id").fetchall()
        assert after == before
        assert store.conn.execute("PRAGMA foreign_key_check").fetchall() == []
        store.conn.execute("DELETE FROM session WHERE id = ?", (session_id,))
        assert store.conn.execute("SELECT count(*) FROM logged_set WHERE session_id = ?",
                                  (session_id,)).fetchone()[0] == 0
