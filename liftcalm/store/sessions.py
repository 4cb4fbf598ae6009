"""Sessions and logged sets, written the moment they happen.

Every change to a running session is one transaction that also saves the state machine's
state, so a kill or a power cut leaves the database at the last completed action.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from dataclasses import asdict

from liftcalm.core.changes import Change, ChangeKind
from liftcalm.core.clock import ClockAnchor
from liftcalm.core.models import ExerciseKind, Readiness, SetType
from liftcalm.core.session_plan import PlannedSet
from liftcalm.core.session_recorder import UNSET, RunningSession
from liftcalm.core.session_run import LoggedSet, SessionState, state_from_dict, state_to_dict
from liftcalm.store.transactions import transaction
from liftcalm.store.sql import RUNNING, iso_local, seconds_of


class SessionRepository:
    """The core's ``session_recorder.SessionRepository``, in SQLite.

    Every write is committed before it returns, then published as a SESSIONS change.
    """

    def __init__(self, conn: sqlite3.Connection, publish: Callable[[Change], None] = lambda change: None):
        self._conn = conn
        self._publish = publish

    def _changed(self, session_id: int) -> None:
        self._publish(Change(ChangeKind.SESSIONS, (session_id,)))

    def start(self, *, routine_id: int | None, routine_name: str, kind: ExerciseKind,
              plan: tuple[PlannedSet, ...], state: SessionState, anchor: ClockAnchor,
              readiness: Readiness = Readiness(), shorter: bool = False) -> int:
        """Record a new running session and return its id."""
        cursor = self._conn.execute(
            "INSERT INTO session (routine_id, routine_name, kind, started_at, shorter, energy, motivation,"
            " stress_before, plan, state, clock_anchor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (routine_id, routine_name, kind.value, iso_local(anchor.wall_time(state.phase_started_at)), int(shorter),
             readiness.energy, readiness.motivation, readiness.stress,
             json.dumps([asdict(p) for p in plan]), json.dumps(state_to_dict(state)), json.dumps(anchor.to_dict())),
        )
        self._changed(cursor.lastrowid)
        return cursor.lastrowid

    def save_state(self, session_id: int, state: SessionState, anchor: ClockAnchor) -> None:
        """Save a phase change (rest started, paused, adjusted, ended, set begun)."""
        self._save_state(session_id, state, anchor)
        self._changed(session_id)

    def _save_state(self, session_id: int, state: SessionState, anchor: ClockAnchor) -> None:
        self._conn.execute(
            f"UPDATE session AS s SET state = ?, clock_anchor = ? WHERE s.id = ? AND {RUNNING}",
            (json.dumps(state_to_dict(state)), json.dumps(anchor.to_dict()), session_id),
        )

    def log_set(self, session_id: int, logged: LoggedSet, planned: PlannedSet, state: SessionState,
                anchor: ClockAnchor) -> int:
        """Commit a confirmed set together with the state after it; return the set's id."""
        with transaction(self._conn):
            position = self._conn.execute(
                "SELECT coalesce(max(position), -1) + 1 FROM logged_set WHERE session_id = ?", (session_id,)
            ).fetchone()[0]
            cursor = self._conn.execute(
                "INSERT INTO logged_set (session_id, position, plan_index, exercise_id, set_number, set_type, reps,"
                " load_kg, rpe, duration_s, ended_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (session_id, position, logged.plan_index, planned.exercise_id, planned.set_number,
                 planned.set_type.value, logged.reps, logged.load_kg, logged.rpe, planned.duration_s,
                 iso_local(anchor.wall_time(logged.ended_at))),
            )
            self._save_state(session_id, state, anchor)
        self._changed(session_id)
        return cursor.lastrowid

    def amend_set(self, session_id: int, logged: LoggedSet, position: int) -> None:
        """Correct the reps, load and RPE of the set at ``position`` with what was actually done."""
        self._conn.execute(
            "UPDATE logged_set SET reps = ?, load_kg = ?, rpe = ? WHERE session_id = ? AND position = ?",
            (logged.reps, logged.load_kg, logged.rpe, session_id, position),
        )
        self._changed(session_id)

    def save_plan(self, session_id: int, plan: tuple[PlannedSet, ...], state: SessionState,
                  anchor: ClockAnchor) -> None:
        """Save a plan that grew during the session (an exercise added), with the state."""
        self._conn.execute(
            f"UPDATE session AS s SET plan = ?, state = ?, clock_anchor = ? WHERE s.id = ? AND {RUNNING}",
            (json.dumps([asdict(p) for p in plan]), json.dumps(state_to_dict(state)), json.dumps(anchor.to_dict()),
             session_id),
        )
        self._changed(session_id)

    def undo_last_set(self, session_id: int, state: SessionState, anchor: ClockAnchor) -> None:
        """Delete the session's last logged set and save the state that took it back, together."""
        with transaction(self._conn):
            self._conn.execute(
                "DELETE FROM logged_set WHERE id = (SELECT id FROM logged_set WHERE session_id = ?"
                " ORDER BY position DESC LIMIT 1)", (session_id,),
            )
            self._save_state(session_id, state, anchor)
        self._changed(session_id)

    def rate_set(self, session_id: int, logged_set_id: int, *, stress_after_set=UNSET, stress_end_of_rest=UNSET,
                 relief_signs=UNSET, relief_note=UNSET) -> None:
        """Store ratings and the relief reflection of a set; None stores "not answered"."""
        changes: dict[str, object] = {}
        if stress_after_set is not UNSET:
            changes["stress_after_set"] = stress_after_set
        if stress_end_of_rest is not UNSET:
            changes["stress_end_of_rest"] = stress_end_of_rest
        if relief_signs is not UNSET:
            changes["relief_signs"] = ",".join(relief_signs)
        if relief_note is not UNSET:
            changes["relief_note"] = relief_note
        if changes:
            assignments = ", ".join(f"{name} = ?" for name in changes)
            self._conn.execute(f"UPDATE logged_set SET {assignments} WHERE id = ? AND session_id = ?",
                               (*changes.values(), logged_set_id, session_id))
            self._changed(session_id)

    def finish(self, session_id: int, wall_s: float, stress_final: int | None = None, note: str = "") -> None:
        """End a session: it is history from now on and no longer offered for resuming."""
        self._conn.execute(
            "UPDATE session SET ended_at = ?, stress_final = ?, note = ?, state = NULL, clock_anchor = NULL"
            " WHERE id = ?",
            (iso_local(wall_s), stress_final, note, session_id),
        )
        self._changed(session_id)

    def running(self, current: ClockAnchor) -> RunningSession | None:
        """The session left running (after a close, a crash or a power cut), ready to resume."""
        row = self._conn.execute(
            "SELECT s.id, s.routine_id, s.routine_name, s.kind, s.started_at, s.plan, s.state, s.clock_anchor FROM session s"
            f" WHERE {RUNNING} ORDER BY s.id DESC LIMIT 1"
        ).fetchone()
        if row is None:
            return None
        session_id, routine_id, routine_name, kind, started_at, plan_json, state_json, anchor_json = row
        saved = ClockAnchor.from_dict(json.loads(anchor_json))
        plan = tuple(PlannedSet(**{**p, "set_type": SetType(p["set_type"])}) for p in json.loads(plan_json))
        rows = self._conn.execute(
            "SELECT id, plan_index, reps, load_kg, rpe, ended_at FROM logged_set WHERE session_id = ?"
            " ORDER BY position", (session_id,)).fetchall()
        logged = tuple(
            LoggedSet(plan_index, reps, load_kg, rpe, current.clock_s - (current.wall_s - seconds_of(ended_at)))
            for _id, plan_index, reps, load_kg, rpe, ended_at in rows)
        state = state_from_dict(json.loads(state_json), logged, saved.shift_to(current))
        return RunningSession(session_id, routine_id, routine_name, ExerciseKind(kind), started_at, plan, state,
                              tuple(row[0] for row in rows))

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
