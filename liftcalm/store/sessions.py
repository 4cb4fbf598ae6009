"""Sessions and logged sets, written the moment they happen.

Every change to a running session is one transaction that also saves the state machine's
state, so a kill or a power cut leaves the database at the last completed action.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import asdict
from pathlib import Path

from liftcalm.core.changes import Change, ChangeKind
from liftcalm.core.clock import ClockAnchor
from liftcalm.core.models import REST_DAY_KIND, ExerciseKind, Readiness, SetType
from liftcalm.core.session_plan import PlannedSet
from liftcalm.core.session_recorder import UNSET, RunningSession, SetRatings
from liftcalm.core.session_run import LoggedSet, SessionState, state_from_dict, state_to_dict
from liftcalm.store.database import BUSY_TIMEOUT_MS
from liftcalm.store.faults import write_failure
from liftcalm.store.sql import NEWEST_FIRST, RUNNING, iso_local, seconds_of
from liftcalm.store.transactions import transaction

# What a finished session keeps of its plan: one 0 per planned set. Only its length is read once
# the session has ended ("ended early": more sets planned than logged, session_history); the
# targets and reasons are for resuming, and were over half of a ten-year file (migration 9).
FINISHED_PLAN = "(SELECT json_group_array(0) FROM json_each(session.plan))"


def finished_plan(planned: int) -> str:
    """What a finished session of ``planned`` sets keeps of its plan, as ``FINISHED_PLAN`` writes it."""
    return "[" + ",".join("0" * planned) + "]"


def _whole_seconds(seconds: float | None) -> int | None:
    """A set's time as the column keeps it: whole seconds (a block ended early lasted 90.4 s: 90)."""
    return None if seconds is None else round(seconds)


class SessionRepository:
    """The core's ``session_recorder.SessionRepository``, in SQLite.

    Every write is committed before it returns, then published as a SESSIONS change. A write
    that SQLite refuses for a reason that may pass (a full disk, a lock, no permission) raises
    ``WriteFailed`` saying so; every write but ``start`` can be applied again as it is.
    """

    # On the UI thread a lock held by another program must not freeze the timer for the usual
    # busy timeout (5 s): a session write gives up soon and is tried again later.
    WRITE_PATIENCE_MS = 100

    def __init__(self, conn: sqlite3.Connection, path: Path, publish: Callable[[Change], None] = lambda change: None):
        self._conn = conn
        self._path = path
        self._publish = publish

    def _changed(self, session_id: int) -> None:
        self._publish(Change(ChangeKind.SESSIONS, (session_id,)))

    @contextlib.contextmanager
    def _writing(self, session_id: int) -> Iterator[None]:
        """One write: a short wait for a lock, faults named, the change published once committed."""
        self._conn.execute(f"PRAGMA busy_timeout = {self.WRITE_PATIENCE_MS}")
        try:
            yield
        except sqlite3.OperationalError as error:
            raise write_failure(error, self._path) from error
        finally:
            self._conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        self._changed(session_id)

    def start(self, *, routine_id: int | None, routine_name: str, kind: ExerciseKind,
              plan: tuple[PlannedSet, ...], state: SessionState, anchor: ClockAnchor,
              readiness: Readiness = Readiness(), shorter: bool = False) -> int:
        """Record a new running session and return its id."""
        self._conn.execute(f"PRAGMA busy_timeout = {self.WRITE_PATIENCE_MS}")
        try:
            cursor = self._conn.execute(
                "INSERT INTO session (routine_id, routine_name, kind, started_at, shorter, energy, motivation,"
                " stress_before, plan, state, clock_anchor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (routine_id, routine_name, kind.value, iso_local(anchor.wall_time(state.phase_started_at)),
                 int(shorter), readiness.energy, readiness.motivation, readiness.stress,
                 json.dumps([asdict(p) for p in plan]), json.dumps(state_to_dict(state)),
                 json.dumps(anchor.to_dict())),
            )
        except sqlite3.OperationalError as error:
            raise write_failure(error, self._path) from error
        finally:
            self._conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        self._changed(cursor.lastrowid)
        return cursor.lastrowid

    def save_state(self, session_id: int, state: SessionState, anchor: ClockAnchor) -> None:
        """Save a phase change (rest started, paused, adjusted, ended, set begun)."""
        with self._writing(session_id):
            self._save_state(session_id, state, anchor)

    def _save_state(self, session_id: int, state: SessionState, anchor: ClockAnchor) -> None:
        self._conn.execute(
            f"UPDATE session AS s SET state = ?, clock_anchor = ? WHERE s.id = ? AND {RUNNING}",
            (json.dumps(state_to_dict(state)), json.dumps(anchor.to_dict()), session_id),
        )

    def log_set(self, session_id: int, position: int, logged: LoggedSet, planned: PlannedSet, state: SessionState,
                anchor: ClockAnchor) -> None:
        """Commit a confirmed set at ``position`` together with the state after it."""
        with self._writing(session_id), transaction(self._conn):
            # An upsert: a set whose commit was reported as failed, yet made it, is not logged twice.
            self._conn.execute(
                "INSERT INTO logged_set (session_id, position, plan_index, exercise_id, set_number, set_type, reps,"
                " load_kg, rpe, duration_s, distance_m, ended_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (session_id, position) DO UPDATE SET plan_index = excluded.plan_index,"
                " exercise_id = excluded.exercise_id, set_number = excluded.set_number,"
                " set_type = excluded.set_type, reps = excluded.reps, load_kg = excluded.load_kg, rpe = excluded.rpe,"
                " duration_s = excluded.duration_s, distance_m = excluded.distance_m, ended_at = excluded.ended_at",
                (session_id, position, logged.plan_index, planned.exercise_id, planned.set_number,
                 planned.set_type.value, logged.reps, logged.load_kg, logged.rpe,
                 _whole_seconds(logged.duration_s if logged.duration_s is not None else planned.duration_s),
                 logged.distance_m,
                 iso_local(anchor.wall_time(logged.ended_at))),
            )
            self._save_state(session_id, state, anchor)

    def amend_set(self, session_id: int, logged: LoggedSet, position: int) -> None:
        """Correct the reps, load, RPE, time and distance of the set at ``position`` with what was actually done."""
        with self._writing(session_id):
            self._conn.execute(
                "UPDATE logged_set SET reps = ?, load_kg = ?, rpe = ?, duration_s = coalesce(?, duration_s),"
                " distance_m = ? WHERE session_id = ? AND position = ?",
                (logged.reps, logged.load_kg, logged.rpe, _whole_seconds(logged.duration_s), logged.distance_m,
                 session_id, position),
            )

    def note_exercise(self, session_id: int, exercise_id: int, note: str) -> None:
        """This session's note about an exercise ("the bench was taken"); an empty note removes it."""
        with self._writing(session_id):
            if note:
                self._conn.execute(
                    "INSERT INTO session_exercise (session_id, exercise_id, note) VALUES (?, ?, ?)"
                    " ON CONFLICT (session_id, exercise_id) DO UPDATE SET note = excluded.note",
                    (session_id, exercise_id, note))
            else:
                self._conn.execute("DELETE FROM session_exercise WHERE session_id = ? AND exercise_id = ?",
                                   (session_id, exercise_id))

    def save_plan(self, session_id: int, plan: tuple[PlannedSet, ...], state: SessionState,
                  anchor: ClockAnchor) -> None:
        """Save a plan that grew during the session (an exercise added), with the state."""
        with self._writing(session_id):
            self._conn.execute(
                f"UPDATE session AS s SET plan = ?, state = ?, clock_anchor = ? WHERE s.id = ? AND {RUNNING}",
                (json.dumps([asdict(p) for p in plan]), json.dumps(state_to_dict(state)),
                 json.dumps(anchor.to_dict()), session_id),
            )

    def undo_last_set(self, session_id: int, position: int, state: SessionState, anchor: ClockAnchor) -> None:
        """Delete the set at ``position`` (the last one) and save the state that took it back, together."""
        with self._writing(session_id), transaction(self._conn):
            self._conn.execute("DELETE FROM logged_set WHERE session_id = ? AND position = ?", (session_id, position))
            self._save_state(session_id, state, anchor)

    def rate_set(self, session_id: int, position: int, rated_at: float | None = None, *, stress_after_set=UNSET,
                 stress_end_of_rest=UNSET, relief_signs=UNSET, relief_note=UNSET) -> None:
        """Store ratings and the reflection of the set at ``position``; None stores "not answered".

        A rating keeps when it was given (``rated_at``, Unix seconds; None: unknown).
        """
        changes: dict[str, object] = {}
        given_at = None if rated_at is None else iso_local(rated_at)
        if stress_after_set is not UNSET:
            changes["stress_after_set"] = stress_after_set
            changes["stress_after_set_at"] = None if stress_after_set is None else given_at
        if stress_end_of_rest is not UNSET:
            changes["stress_end_of_rest"] = stress_end_of_rest
            changes["stress_end_of_rest_at"] = None if stress_end_of_rest is None else given_at
        if relief_signs is not UNSET:
            changes["relief_signs"] = ",".join(relief_signs)
        if relief_note is not UNSET:
            changes["relief_note"] = relief_note
        if changes:
            assignments = ", ".join(f"{name} = ?" for name in changes)
            with self._writing(session_id):
                self._conn.execute(f"UPDATE logged_set SET {assignments} WHERE session_id = ? AND position = ?",
                                   (*changes.values(), session_id, position))

    def finish(self, session_id: int, wall_s: float, stress_final: int | None = None, note: str = "") -> None:
        """End a session: it is history from now on and no longer offered for resuming.

        The end is never before the start or the last set, whatever the wall clock says now. The
        plan, needed only for resuming, shrinks to its length in the same statement (``FINISHED_PLAN``).
        """
        started, last_set = self._conn.execute(
            "SELECT s.started_at, (SELECT max(julianday(l.ended_at)) FROM logged_set l WHERE l.session_id = s.id)"
            " FROM session s WHERE s.id = ?", (session_id,)).fetchone() or (None, None)
        earliest = max(seconds_of(started) if started else wall_s,
                       (last_set - 2440587.5) * 86400.0 if last_set is not None else wall_s)
        with self._writing(session_id):
            self._conn.execute(
                "UPDATE session SET ended_at = ?, stress_final = ?, note = ?, state = NULL, clock_anchor = NULL,"
                f" plan = {FINISHED_PLAN} WHERE id = ?",
                (iso_local(max(wall_s, earliest)), stress_final, note, session_id),
            )

    def running(self, current: ClockAnchor) -> RunningSession | None:
        """The session left running (after a close, a crash or a power cut), ready to resume."""
        row = self._conn.execute(
            "SELECT s.id, s.routine_id, s.routine_name, s.kind, s.started_at, s.plan, s.state, s.clock_anchor"
            f" FROM session s WHERE {RUNNING} ORDER BY s.id DESC LIMIT 1"
        ).fetchone()
        if row is None:
            return None
        session_id, routine_id, routine_name, kind, started_at, plan_json, state_json, anchor_json = row
        saved = ClockAnchor.from_dict(json.loads(anchor_json))
        shift = saved.shift_to(current)
        plan = tuple(PlannedSet(**{**p, "set_type": SetType(p["set_type"])}) for p in json.loads(plan_json))
        # Logged sets' clock values, from their wall-clock ends through the session's own anchor.
        anchor = ClockAnchor(current.boot_id, saved.clock_s + shift, saved.wall_s)
        rows = self._conn.execute(
            "SELECT plan_index, reps, load_kg, rpe, ended_at, duration_s, distance_m, stress_after_set,"
            " stress_end_of_rest, relief_signs, relief_note, stress_after_set_at, stress_end_of_rest_at"
            " FROM logged_set WHERE session_id = ? ORDER BY position", (session_id,)).fetchall()
        # A calm block's duration is its plan's; a timed set's is its own.
        logged = tuple(LoggedSet(row[0], row[1], row[2], row[3], anchor.clock_s + (seconds_of(row[4]) - anchor.wall_s),
                                 row[5] if not plan[row[0]].duration_s else None, row[6])
                       for row in rows)
        ratings = tuple(SetRatings(after, end, tuple(s for s in signs.split(",") if s), note,
                                   seconds_of(after_at) if after_at else None, seconds_of(end_at) if end_at else None)
                        for *_, after, end, signs, note, after_at, end_at in rows)
        notes = dict(self._conn.execute("SELECT exercise_id, note FROM session_exercise WHERE session_id = ?",
                                        (session_id,)))
        state = state_from_dict(json.loads(state_json), logged, shift)
        return RunningSession(session_id, routine_id, routine_name, ExerciseKind(kind), started_at, plan, state, anchor,
                              ratings, notes)

    def record_rest_day(self, readiness: Readiness, wall_s: float, note: str = "") -> int:
        """Record a low day's check-in as a rest day: a finished session of its own kind, no sets."""
        day = iso_local(wall_s)
        try:
            cursor = self._conn.execute(
                "INSERT INTO session (routine_name, kind, started_at, ended_at, energy, motivation, stress_before,"
                " note) VALUES ('', ?, ?, ?, ?, ?, ?, ?)",
                (REST_DAY_KIND, day, day, readiness.energy, readiness.motivation, readiness.stress, note))
        except sqlite3.OperationalError as error:
            raise write_failure(error, self._path) from error
        self._changed(cursor.lastrowid)
        return cursor.lastrowid

    def recent_readiness(self, count: int) -> list[Readiness]:
        """The last ``count`` readiness check-ins (sessions and rest days of the person's own), newest first."""
        rows = self._conn.execute(
            "SELECT s.energy, s.motivation, s.stress_before FROM session s WHERE s.source = 'liftcalm'"
            " AND (s.energy IS NOT NULL OR s.motivation IS NOT NULL OR s.stress_before IS NOT NULL)"
            f" ORDER BY {NEWEST_FIRST} LIMIT ?", (count,))
        return [Readiness(*row) for row in rows]

    def is_running(self, session_id: int) -> bool:
        """Whether session ``session_id`` exists and is still running."""
        return self._conn.execute(f"SELECT 1 FROM session s WHERE s.id = ? AND {RUNNING}",
                                  (session_id,)).fetchone() is not None

    def last_started_by_routine(self) -> dict[int, str]:
        """When each routine was last trained (its latest session's start, ISO local time)."""
        return dict(self._conn.execute(
            "SELECT routine_id, max(started_at) FROM session WHERE routine_id IS NOT NULL GROUP BY routine_id"))

    def logged_set_rows(self, session_id: int, position: int | None = None) -> list[dict]:
        """The session's logged sets (or the one at ``position``) with their ratings, in order."""
        cursor = self._conn.execute(
            "SELECT id, position, plan_index, exercise_id, set_number, set_type, reps, load_kg, rpe, duration_s,"
            " ended_at, stress_after_set, stress_end_of_rest, relief_signs, relief_note FROM logged_set"
            " WHERE session_id = ? AND (? IS NULL OR position = ?) ORDER BY position", (session_id, position, position))
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row)) for row in cursor]
