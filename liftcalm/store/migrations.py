"""Numbered schema migrations. A shipped migration is never edited: add a new one.

Each migration runs in its own ``BEGIN IMMEDIATE`` transaction, which also sets
``PRAGMA user_version``, so a database is always at exactly one version.
"""

from __future__ import annotations

import sqlite3

from liftcalm.store.transactions import transaction

APPLICATION_ID = 0x4C43_4C4D  # "LCLM" in the file header marks a LiftCalm database

MIGRATIONS: list[list[str]] = [
    # 1: settings, exercises, routines. Loads are kilograms; names unique by name_key.
    [
        f"PRAGMA application_id = {APPLICATION_ID}",
        """CREATE TABLE setting (
               key   TEXT PRIMARY KEY,
               value TEXT NOT NULL
           ) STRICT""",
        """CREATE TABLE exercise (
               id            INTEGER PRIMARY KEY,
               name          TEXT NOT NULL,
               name_key      TEXT NOT NULL UNIQUE,
               kind          TEXT NOT NULL CHECK (kind IN ('strength', 'calm')),
               muscles       TEXT NOT NULL DEFAULT '',
               equipment     TEXT NOT NULL DEFAULT '',
               is_bodyweight INTEGER NOT NULL DEFAULT 0 CHECK (is_bodyweight IN (0, 1)),
               is_custom     INTEGER NOT NULL DEFAULT 0 CHECK (is_custom IN (0, 1)),
               duration_s    INTEGER,
               description   TEXT NOT NULL DEFAULT ''
           ) STRICT""",
        """CREATE TABLE routine (
               id         INTEGER PRIMARY KEY AUTOINCREMENT,
               name       TEXT NOT NULL,
               name_key   TEXT NOT NULL UNIQUE,
               created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
               updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
           ) STRICT""",
        """CREATE TABLE routine_item (
               routine_id         INTEGER NOT NULL REFERENCES routine(id) ON DELETE CASCADE,
               position           INTEGER NOT NULL,
               exercise_id        INTEGER NOT NULL REFERENCES exercise(id),
               set_types          TEXT NOT NULL,
               target_reps        INTEGER NOT NULL CHECK (target_reps BETWEEN 1 AND 100),
               target_load_kg     REAL NOT NULL CHECK (target_load_kg BETWEEN 0 AND 1000),
               rest_s             INTEGER NOT NULL CHECK (rest_s BETWEEN 0 AND 900),
               superset_with_next INTEGER NOT NULL DEFAULT 0 CHECK (superset_with_next IN (0, 1)),
               note               TEXT NOT NULL DEFAULT '',
               duration_s         INTEGER,
               PRIMARY KEY (routine_id, position)
           ) STRICT""",
        "CREATE INDEX routine_item_exercise ON routine_item(exercise_id)",
    ],
    # 2: sessions and their logged sets. A running session keeps its state machine's state
    # (JSON) and the clock anchor its deadlines refer to; both are cleared when it finishes.
    # Ratings are NULL when skipped: missing is never 0. Times are ISO 8601 with UTC offset.
    [
        """CREATE TABLE session (
               id             INTEGER PRIMARY KEY AUTOINCREMENT,
               routine_id     INTEGER REFERENCES routine(id) ON DELETE SET NULL,
               routine_name   TEXT NOT NULL DEFAULT '',
               kind           TEXT NOT NULL CHECK (kind IN ('strength', 'calm')),
               started_at     TEXT NOT NULL,
               ended_at       TEXT,
               shorter        INTEGER NOT NULL DEFAULT 0 CHECK (shorter IN (0, 1)),
               energy         INTEGER CHECK (energy BETWEEN 0 AND 10),
               motivation     INTEGER CHECK (motivation BETWEEN 0 AND 10),
               stress_before  INTEGER CHECK (stress_before BETWEEN 0 AND 10),
               stress_final   INTEGER CHECK (stress_final BETWEEN 0 AND 10),
               note           TEXT NOT NULL DEFAULT '',
               plan           TEXT NOT NULL DEFAULT '[]',
               state          TEXT,
               clock_anchor   TEXT,
               source         TEXT NOT NULL DEFAULT 'liftcalm',
               import_key     TEXT UNIQUE
           ) STRICT""",
        "CREATE INDEX session_started ON session(started_at)",
        "CREATE INDEX session_running ON session(id) WHERE ended_at IS NULL",
        """CREATE TABLE logged_set (
               id                 INTEGER PRIMARY KEY,
               session_id         INTEGER NOT NULL REFERENCES session(id) ON DELETE CASCADE,
               position           INTEGER NOT NULL,
               plan_index         INTEGER,
               exercise_id        INTEGER NOT NULL REFERENCES exercise(id),
               set_number         INTEGER NOT NULL CHECK (set_number >= 1),
               set_type           TEXT NOT NULL CHECK (set_type IN ('warmup', 'working', 'drop', 'failure')),
               reps               INTEGER NOT NULL CHECK (reps BETWEEN 0 AND 1000),
               load_kg            REAL NOT NULL CHECK (load_kg BETWEEN 0 AND 1000),
               rpe                REAL CHECK (rpe BETWEEN 0 AND 10),
               duration_s         INTEGER CHECK (duration_s >= 0),
               ended_at           TEXT NOT NULL,
               stress_after_set   INTEGER CHECK (stress_after_set BETWEEN 0 AND 10),
               stress_end_of_rest INTEGER CHECK (stress_end_of_rest BETWEEN 0 AND 10),
               relief_signs       TEXT NOT NULL DEFAULT '',
               relief_note        TEXT NOT NULL DEFAULT '',
               UNIQUE (session_id, position)
           ) STRICT""",
        "CREATE INDEX logged_set_exercise ON logged_set(exercise_id)",
    ],
    # 3: the previous session of a routine (the summary's comparison), and deleting a routine,
    # whose ON DELETE SET NULL would otherwise read every session.
    [
        "CREATE INDEX session_routine ON session(routine_id)",
    ],
    # 4: the graphs sum every set's numbers per session and exercise. This covering index hands
    # them over in that order without reading the table or sorting: on 100,000 sets the stress
    # tolerance query falls from about 90 to 65 ms, for about 35 bytes a set.
    [
        "CREATE INDEX logged_set_graph ON logged_set(session_id, exercise_id, set_type, reps, load_kg,"
        " stress_after_set, stress_end_of_rest)",
    ],
    # 5: a low day can be recorded as a rest day ("rest": the readiness check-in, no sets), and
    # each rating after a set keeps when it was given. The session table is rebuilt to widen
    # its kind check (SQLite cannot alter a CHECK); foreign keys are off while it is (migrate()).
    [
        """CREATE TABLE session_new (
               id             INTEGER PRIMARY KEY AUTOINCREMENT,
               routine_id     INTEGER REFERENCES routine(id) ON DELETE SET NULL,
               routine_name   TEXT NOT NULL DEFAULT '',
               kind           TEXT NOT NULL CHECK (kind IN ('strength', 'calm', 'rest')),
               started_at     TEXT NOT NULL,
               ended_at       TEXT,
               shorter        INTEGER NOT NULL DEFAULT 0 CHECK (shorter IN (0, 1)),
               energy         INTEGER CHECK (energy BETWEEN 0 AND 10),
               motivation     INTEGER CHECK (motivation BETWEEN 0 AND 10),
               stress_before  INTEGER CHECK (stress_before BETWEEN 0 AND 10),
               stress_final   INTEGER CHECK (stress_final BETWEEN 0 AND 10),
               note           TEXT NOT NULL DEFAULT '',
               plan           TEXT NOT NULL DEFAULT '[]',
               state          TEXT,
               clock_anchor   TEXT,
               source         TEXT NOT NULL DEFAULT 'liftcalm',
               import_key     TEXT UNIQUE
           ) STRICT""",
        "INSERT INTO session_new SELECT id, routine_id, routine_name, kind, started_at, ended_at, shorter, energy,"
        " motivation, stress_before, stress_final, note, plan, state, clock_anchor, source, import_key FROM session",
        "DROP TABLE session",
        "ALTER TABLE session_new RENAME TO session",
        "CREATE INDEX session_started ON session(started_at)",
        "CREATE INDEX session_running ON session(id) WHERE ended_at IS NULL",
        "CREATE INDEX session_routine ON session(routine_id)",
        "ALTER TABLE logged_set ADD COLUMN stress_after_set_at TEXT",
        "ALTER TABLE logged_set ADD COLUMN stress_end_of_rest_at TEXT",
    ],
    # 6: missing is missing. A timed set (a plank) or a run has no reps or load: both may be NULL,
    # never 0. Sets gain a distance and a note of their own, and the superset group an import
    # carries; an exercise in a session gains its note. logged_set is rebuilt to drop NOT NULL.
    [
        """CREATE TABLE logged_set_new (
               id                    INTEGER PRIMARY KEY,
               session_id            INTEGER NOT NULL REFERENCES session(id) ON DELETE CASCADE,
               position              INTEGER NOT NULL,
               plan_index            INTEGER,
               exercise_id           INTEGER NOT NULL REFERENCES exercise(id),
               set_number            INTEGER NOT NULL CHECK (set_number >= 1),
               set_type              TEXT NOT NULL CHECK (set_type IN ('warmup', 'working', 'drop', 'failure')),
               reps                  INTEGER CHECK (reps BETWEEN 0 AND 1000),
               load_kg               REAL CHECK (load_kg BETWEEN 0 AND 1000),
               rpe                   REAL CHECK (rpe BETWEEN 0 AND 10),
               duration_s            INTEGER CHECK (duration_s >= 0),
               distance_m            REAL CHECK (distance_m >= 0),
               ended_at              TEXT NOT NULL,
               stress_after_set      INTEGER CHECK (stress_after_set BETWEEN 0 AND 10),
               stress_end_of_rest    INTEGER CHECK (stress_end_of_rest BETWEEN 0 AND 10),
               relief_signs          TEXT NOT NULL DEFAULT '',
               relief_note           TEXT NOT NULL DEFAULT '',
               stress_after_set_at   TEXT,
               stress_end_of_rest_at TEXT,
               note                  TEXT NOT NULL DEFAULT '',
               superset_group        INTEGER,
               UNIQUE (session_id, position)
           ) STRICT""",
        "INSERT INTO logged_set_new (id, session_id, position, plan_index, exercise_id, set_number, set_type, reps,"
        " load_kg, rpe, duration_s, ended_at, stress_after_set, stress_end_of_rest, relief_signs, relief_note,"
        " stress_after_set_at, stress_end_of_rest_at) SELECT id, session_id, position, plan_index, exercise_id,"
        " set_number, set_type, reps, load_kg, rpe, duration_s, ended_at, stress_after_set, stress_end_of_rest,"
        " relief_signs, relief_note, stress_after_set_at, stress_end_of_rest_at FROM logged_set",
        "DROP TABLE logged_set",
        "ALTER TABLE logged_set_new RENAME TO logged_set",
        "CREATE INDEX logged_set_exercise ON logged_set(exercise_id)",
        "CREATE INDEX logged_set_graph ON logged_set(session_id, exercise_id, set_type, reps, load_kg,"
        " stress_after_set, stress_end_of_rest)",
        """CREATE TABLE session_exercise (
               session_id  INTEGER NOT NULL REFERENCES session(id) ON DELETE CASCADE,
               exercise_id INTEGER NOT NULL REFERENCES exercise(id),
               note        TEXT NOT NULL DEFAULT '',
               PRIMARY KEY (session_id, exercise_id)
           ) STRICT""",
    ],
    # 7: how the person mapped an imported exercise name ("Squat (Barbell)") to an exercise, kept
    # for the next import. Keyed by the name's match key, whatever app the file came from.
    [
        """CREATE TABLE import_name (
               name_key    TEXT PRIMARY KEY,
               exercise_id INTEGER NOT NULL REFERENCES exercise(id) ON DELETE CASCADE
           ) STRICT""",
    ],
    # 8: planning. An exercise is measured in reps, time or distance; a routine item may give each
    # set its own target (JSON list; NULL: every set as the item says); per exercise, an optional
    # progression rule and load step; the person's body weight, dated (the latest is in force).
    [
        "ALTER TABLE exercise ADD COLUMN measure TEXT NOT NULL DEFAULT 'reps'"
        " CHECK (measure IN ('reps', 'time', 'distance'))",
        "ALTER TABLE routine_item ADD COLUMN set_targets TEXT",
        """CREATE TABLE exercise_plan (
               exercise_id  INTEGER PRIMARY KEY REFERENCES exercise(id) ON DELETE CASCADE,
               progression  TEXT NOT NULL DEFAULT 'none' CHECK (progression IN ('none', 'double', 'fixed')),
               load_step_kg REAL CHECK (load_step_kg > 0 AND load_step_kg <= 50)
           ) STRICT""",
        """CREATE TABLE body_weight (
               day TEXT PRIMARY KEY,
               kg  REAL NOT NULL CHECK (kg BETWEEN 20 AND 400)
           ) STRICT""",
    ],
    # 9: a finished session's plan keeps only its length, as one 0 per planned set. The whole plan
    # (every set's targets and reasons) is for resuming while the session runs; once it is
    # finished, only "ended early" (more sets planned than logged) reads it. On ten years of
    # history the plans were over half of the file. Running sessions keep theirs. Sessions are
    # listed newest first by the instant they started (sql.NEWEST_FIRST): an index on that
    # instant hands History's list over in its order, without a sort.
    [
        "UPDATE session SET plan = (SELECT json_group_array(0) FROM json_each(session.plan))"
        " WHERE NOT (ended_at IS NULL AND state IS NOT NULL) AND plan LIKE '[{%'",
        "CREATE INDEX session_instant ON session(julianday(started_at))",
    ],
    # 10: a calm block (box breathing, a body scan) is a time: it has no reps and no load. Sessions
    # and the sample data before this logged each one as its routine item's reps at 0 kg.
    [
        "UPDATE logged_set SET reps = NULL, load_kg = NULL WHERE duration_s IS NOT NULL"
        " AND (reps IS NOT NULL OR load_kg IS NOT NULL)"
        " AND exercise_id IN (SELECT id FROM exercise WHERE kind = 'calm')",
    ],
]

LATEST_VERSION = len(MIGRATIONS)


def migrate(conn: sqlite3.Connection) -> int:
    """Bring ``conn`` up to ``LATEST_VERSION``; return the version it started at."""
    start = conn.execute("PRAGMA user_version").fetchone()[0]
    if start >= LATEST_VERSION:
        return start  # up to date: take no write lock, so opening never waits for another writer
    # A migration may rebuild a table that others refer to: foreign keys are off while it runs
    # (this pragma does nothing inside a transaction), and checked before each commit.
    conn.execute("PRAGMA foreign_keys = OFF")
    try:
        while True:
            with transaction(conn):
                # Read again inside the lock: another process may have migrated meanwhile.
                current = conn.execute("PRAGMA user_version").fetchone()[0]
                if current >= LATEST_VERSION:
                    return start
                for statement in MIGRATIONS[current]:
                    conn.execute(statement)
                broken = conn.execute("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise sqlite3.IntegrityError(f"migration {current + 1} broke {len(broken)} references")
                conn.execute(f"PRAGMA user_version = {current + 1}")
    finally:
        conn.execute("PRAGMA foreign_keys = ON")
