"""Past sessions: the list, one session's sets, and undoable corrections and deletions.

Every edit is a ``HistoryChange``: snapshots of the rows before and after (whole rows, every
column). Undo writes the *before* rows back, redo the *after* rows, through one code path, so
a deleted set or session comes back with the same ids, positions and ratings. Each write is
one transaction, committed at once.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, NamedTuple

from liftcalm.core.changes import Change, ChangeKind
from liftcalm.core.undo import UndoHistory
from liftcalm.core.validation import check_set_change
from liftcalm.store.sql import NEWEST_FIRST, RUNNING, VOLUME_LEFT_OUT, WORKING_VOLUME
from liftcalm.store.transactions import transaction

SET_COLUMNS = ("id", "session_id", "position", "plan_index", "exercise_id", "set_number", "set_type", "reps",
               "load_kg", "rpe", "duration_s", "ended_at", "stress_after_set", "stress_end_of_rest",
               "relief_signs", "relief_note", "stress_after_set_at", "stress_end_of_rest_at", "distance_m", "note",
               "superset_group")
SESSION_COLUMNS = ("id", "routine_id", "routine_name", "kind", "started_at", "ended_at", "shorter", "energy",
                   "motivation", "stress_before", "stress_final", "note", "plan", "state", "clock_anchor",
                   "source", "import_key")


class SessionRow(NamedTuple):
    """One session as the history list shows it (the running one too, marked).

    A named tuple rather than a frozen dataclass: the list makes one per session at once, and
    on ten years of sessions a dataclass took a fifth of the list's time to build.
    """

    id: int
    started_at: str  # ISO 8601 with UTC offset
    routine_name: str
    kind: str
    duration_s: float | None
    volume_kg: float | None  # reps x load over working sets; None when no working set has a known one
    mean_stress: float | None  # mean stress after sets, None when no set was rated
    rated_count: int  # sets with a stress-after-set rating
    set_count: int
    source: str
    running: bool = False  # being recorded now: History shows it, the Session page edits it
    volume_left_out: int = 0  # working sets with reps but no known load: not in ``volume_kg``


@dataclass(frozen=True)
class SessionDetail:
    """A session's own fields: readiness before, final stress, note."""

    id: int
    started_at: str
    ended_at: str | None
    routine_name: str
    kind: str
    energy: int | None
    motivation: int | None
    stress_before: int | None
    stress_final: int | None
    note: str
    source: str
    running: bool = False  # being recorded now: edited on the Session page, not here


@dataclass(frozen=True)
class SetRow:
    """One logged set with every column, and its exercise's name."""

    id: int
    session_id: int
    position: int
    plan_index: int | None
    exercise_id: int
    set_number: int
    set_type: str
    reps: int | None  # None: not given (a timed set, an import without it)
    load_kg: float | None
    rpe: float | None
    duration_s: int | None
    ended_at: str
    stress_after_set: int | None
    stress_end_of_rest: int | None
    relief_signs: str  # comma-joined
    relief_note: str
    stress_after_set_at: str | None  # when the rating was given (ISO local time), None if not known
    stress_end_of_rest_at: str | None
    distance_m: float | None
    note: str  # a note about the set itself (the rest's note is relief_note)
    superset_group: int | None
    exercise_name: str


@dataclass(frozen=True)
class Snapshot:
    """Rows as they are on one side of a change: the session row (None: untouched or absent) and sets."""

    session: dict | None
    sets: tuple[dict, ...]


@dataclass(frozen=True)
class HistoryChange:
    label: str
    session_id: int
    before: Snapshot
    after: Snapshot


def read_session_rows(conn: sqlite3.Connection, limit: int | None = None,
                      session_id: int | None = None) -> list[SessionRow]:
    """Sessions (or just ``session_id``), newest first, with their totals, in one query; a session
    still running is included, marked.

    A function of a connection, so a worker thread can read the list on a connection of its own:
    on ten years of sets (27,000) it takes about 13 ms, 5 times a bare ``GROUP BY`` of the sets
    per session (tests/bench/history_list.py); the body weight rule (sql.MOVED_LOAD), read for
    the volume and for the sets it leaves out, costs about 2 ms of that each.
    """
    # The totals come from one pass over the covering index logged_set_graph, in session order;
    # the sessions then come in the list's order from the index session_instant, with no sort.
    only, arguments = ("", ()) if session_id is None else (" WHERE session_id = ?", (session_id,))
    rows = conn.execute(
        "WITH totals AS (SELECT l.session_id,"
        f" sum({WORKING_VOLUME}) AS volume, avg(l.stress_after_set) AS mean_stress,"
        f" count(l.stress_after_set) AS rated, count(*) AS sets, count({VOLUME_LEFT_OUT}) AS left_out"
        f" FROM logged_set l{only} GROUP BY l.session_id)"
        " SELECT s.id, s.started_at, s.routine_name, s.kind,"
        " max(0.0, (julianday(s.ended_at) - julianday(s.started_at)) * 86400.0),"
        " t.volume, t.mean_stress, coalesce(t.rated, 0), coalesce(t.sets, 0), s.source,"
        f" {RUNNING}, coalesce(t.left_out, 0) FROM session s LEFT JOIN totals t ON t.session_id = s.id"
        f"{only.replace('session_id', 's.id')} ORDER BY {NEWEST_FIRST} LIMIT ?",
        arguments * 2 + (-1 if limit is None else limit,))
    return [SessionRow(*row[:-2], row[-2] == 1, row[-1]) for row in rows]


class HistoryEdits:
    """Reads and undoable edits of finished sessions, on one connection.

    Use it on the thread that opened the connection. ``history`` holds the changes to undo
    and redo; it describes this database, so clear it after a restore.
    """

    def __init__(self, conn: sqlite3.Connection, publish: Callable[[Change], None] = lambda change: None):
        self._conn = conn
        self._publish = publish
        self.history: UndoHistory[HistoryChange] = UndoHistory(self._apply_step)

    # -- reading ---------------------------------------------------------------------------------
    def list_sessions(self, limit: int | None = None) -> list[SessionRow]:
        """Finished sessions, newest first, with their totals, in one query."""
        return read_session_rows(self._conn, limit)

    def session_row(self, session_id: int) -> SessionRow | None:
        """One session as the list shows it; None if it does not exist."""
        rows = read_session_rows(self._conn, session_id=session_id)
        return rows[0] if rows else None

    def session(self, session_id: int) -> SessionDetail | None:
        """A session's readiness, final stress and note; None if it does not exist."""
        row = self._conn.execute(
            "SELECT s.id, s.started_at, s.ended_at, s.routine_name, s.kind, s.energy, s.motivation, s.stress_before,"
            f" s.stress_final, s.note, s.source, {RUNNING} FROM session s WHERE s.id = ?", (session_id,)).fetchone()
        return None if row is None else SessionDetail(*row[:-1], running=bool(row[-1]))

    def session_sets(self, session_id: int) -> list[SetRow]:
        """The session's sets in the order they were done, every column and the exercise name."""
        columns = ", ".join(f"l.{name}" for name in SET_COLUMNS)
        return [SetRow(*row) for row in self._conn.execute(
            f"SELECT {columns}, e.name FROM logged_set l JOIN exercise e ON e.id = l.exercise_id"
            " WHERE l.session_id = ? ORDER BY l.position", (session_id,))]

    # -- edits -----------------------------------------------------------------------------------
    def edit_set(self, set_id: int, **changes: Any) -> HistoryChange | None:
        """Change reps, load_kg, rpe or ratings of a set (None: not answered); None if nothing changed.

        Raises ``ValidationError`` for a value out of range and ``KeyError`` for an unknown set.
        """
        clean = {field: check_set_change(field, value) for field, value in changes.items()}
        before = self._set_row(set_id)
        after = {**before, **clean}
        if after == before:
            return None
        names = ", ".join(_FIELD_NAMES[field] for field in clean if before[field] != after[field])
        change = HistoryChange(f"Edit {names} of set {before['set_number']}", before["session_id"],
                               Snapshot(None, (before,)), Snapshot(None, (after,)))
        return self._do(change)

    def delete_set(self, set_id: int) -> HistoryChange:
        """Delete one logged set; the change holds the whole row, to put it back on undo."""
        before = self._set_row(set_id)
        change = HistoryChange(f"Delete set {before['set_number']}", before["session_id"],
                               Snapshot(None, (before,)), Snapshot(None, ()))
        return self._do(change)

    def delete_session(self, session_id: int) -> HistoryChange:
        """Delete a session and its sets; the change holds every row, to put them back on undo."""
        row = self._conn.execute(f"SELECT {', '.join(SESSION_COLUMNS)} FROM session WHERE id = ?",
                                 (session_id,)).fetchone()
        if row is None:
            raise KeyError(f"no session with id {session_id}")
        session = dict(zip(SESSION_COLUMNS, row))
        sets = tuple(self._set_rows("session_id = ?", session_id))
        name = session["routine_name"] or "session"
        change = HistoryChange(f"Delete {name} of {session['started_at'][:10]}", session_id,
                               Snapshot(session, sets), Snapshot(None, ()))
        return self._do(change)

    def undo(self) -> HistoryChange | None:
        """Undo the latest change; return it, or None when there is nothing to undo."""
        return self.history.undo()

    def redo(self) -> HistoryChange | None:
        """Redo the change undone last; return it, or None when there is nothing to redo."""
        return self.history.redo()

    # -- internals -------------------------------------------------------------------------------
    def _set_rows(self, where: str, value: int) -> list[dict]:
        return [dict(zip(SET_COLUMNS, row)) for row in self._conn.execute(
            f"SELECT {', '.join(SET_COLUMNS)} FROM logged_set WHERE {where} ORDER BY position", (value,))]

    def _set_row(self, set_id: int) -> dict:
        rows = self._set_rows("id = ?", set_id)
        if not rows:
            raise KeyError(f"no logged set with id {set_id}")
        return rows[0]

    def _do(self, change: HistoryChange) -> HistoryChange:
        """Write a new change, record it for undo, then tell the listeners (who may ask what to undo)."""
        self._apply(change.before, change.after)
        self.history.record(change)
        self._publish(Change(ChangeKind.SESSIONS, (change.session_id,), before=change.before, after=change.after))
        return change

    def _apply_step(self, change: HistoryChange, forward: bool) -> None:
        current, target = (change.before, change.after) if forward else (change.after, change.before)
        self._apply(current, target)
        self._publish(Change(ChangeKind.SESSIONS, (change.session_id,), before=current, after=target))

    def _apply(self, current: Snapshot, target: Snapshot) -> None:
        """Replace the rows of ``current`` with those of ``target``, in one transaction."""
        target_ids = {row["id"] for row in target.sets}
        current_ids = {row["id"] for row in current.sets}
        with transaction(self._conn):
            for row in current.sets:
                if row["id"] not in target_ids:
                    self._conn.execute("DELETE FROM logged_set WHERE id = ?", (row["id"],))
            if current.session is not None and target.session is None:
                self._conn.execute("DELETE FROM session WHERE id = ?", (current.session["id"],))
            if target.session is not None and current.session is None:
                session = dict(target.session)
                if session["routine_id"] is not None and self._conn.execute(
                        "SELECT 1 FROM routine WHERE id = ?", (session["routine_id"],)).fetchone() is None:
                    session["routine_id"] = None  # the routine went meanwhile, as ON DELETE SET NULL does
                self._insert("session", session)
            for row in target.sets:
                if row["id"] in current_ids:
                    assignments = ", ".join(f"{name} = ?" for name in SET_COLUMNS[1:])
                    self._conn.execute(f"UPDATE logged_set SET {assignments} WHERE id = ?",
                                       (*(row[name] for name in SET_COLUMNS[1:]), row["id"]))
                else:
                    self._insert("logged_set", row)

    def _insert(self, table: str, row: dict) -> None:
        self._conn.execute(f"INSERT INTO {table} ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
                           tuple(row.values()))


_FIELD_NAMES = {"reps": "reps", "load_kg": "load", "rpe": "RPE", "stress_after_set": "stress after set",
                "stress_end_of_rest": "stress end of rest"}
