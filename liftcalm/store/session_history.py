"""Read-only queries over past and running sessions, for the end-of-session summary and the graphs."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable

from liftcalm.core.analytics import SetRecord, mean_or_none, volume_left_out, volume_load
from liftcalm.core.models import REST_DAY_KIND, BodyLoad
from liftcalm.core.session_summary import PreviousSession, SessionSummary, summarize
from liftcalm.store.sql import (
    BODY_LOAD,
    COUNTED_BODY_WEIGHT,
    COUNTS_FOR_RECORDS,
    EPLEY_E1RM,
    FINISHED,
    NEWEST_FIRST,
    RUNNING,
    seconds_of,
)

# "Before this session" follows sql.BY_INSTANT: by the instant sessions started, ties to the smaller id.
_THIS = ("this AS (SELECT id, routine_id, routine_name, shorter, julianday(started_at) AS t"
         " FROM session WHERE id = ?)")
_EARLIER = "(julianday(s.started_at) < this.t OR (julianday(s.started_at) = this.t AND s.id < this.id))"
# Rest days have no routine, so never match; the kind test says so where it matters.
_SAME_ROUTINE = (f"s.kind != '{REST_DAY_KIND}' AND CASE WHEN this.routine_id IS NULL"
                 " THEN this.routine_name != '' AND s.routine_name = this.routine_name"
                 " ELSE s.routine_id = this.routine_id END")
# A session ended early when its plan held more sets than were logged. Imports have no plan
# ('[]'): nothing can be told of them, and they count as complete.
_ENDED_EARLY = "(json_array_length(s.plan) > (SELECT count(*) FROM logged_set l WHERE l.session_id = s.id))"


class SessionHistory:
    """Queries on one connection; they never write.

    Use it on the thread that opened the connection; work off the UI thread opens its own
    connection and its own ``SessionHistory``.
    """

    def __init__(self, conn: sqlite3.Connection):
        self._conn = conn

    def set_records(self, session_id: int) -> list[SetRecord]:
        """The session's logged sets in the order they were done, with their exercise's name and the
        body weight in force that day for bodyweight exercises."""
        return [SetRecord(*row[:-2], BodyLoad(row[-2]), row[-1]) for row in self._conn.execute(
            "SELECT l.exercise_id, e.name, l.set_type, l.reps, l.load_kg, l.rpe, l.stress_after_set,"
            f" l.stress_end_of_rest, {BODY_LOAD}, {COUNTED_BODY_WEIGHT}"
            " FROM logged_set l JOIN exercise e ON e.id = l.exercise_id"
            " WHERE l.session_id = ? ORDER BY l.position", (session_id,))]

    def duration_s(self, session_id: int, now_wall_s: float | None = None) -> float | None:
        """Seconds from start to end, or to ``now_wall_s`` (default: now) while the session runs.

        None for a session that is not running and has no end (imported without one).
        Raises ``LookupError`` for an unknown session.
        """
        row = self._conn.execute(f"SELECT s.started_at, s.ended_at, {RUNNING} FROM session s WHERE s.id = ?",
                                 (session_id,)).fetchone()
        if row is None:
            raise LookupError(f"there is no session {session_id}")
        started_at, ended_at, running = row
        if ended_at is not None:
            end = seconds_of(ended_at)
        elif running:
            end = time.time() if now_wall_s is None else now_wall_s
        else:
            return None
        return max(0.0, end - seconds_of(started_at))  # a wall clock set back must not give a negative time

    def best_e1rm_before(self, session_id: int, exercise_ids: Iterable[int]) -> dict[int, float]:
        """Best Epley estimated 1RM per exercise over sessions started before this one.

        Counts what ``session_summary.counts_for_records`` counts: every set type but warm-up,
        with reps >= 1 and load > 0. Exercises never done that way are missing from the result.
        """
        ids = sorted(set(exercise_ids))
        if not ids:
            return {}
        rows = self._conn.execute(
            f"WITH {_THIS} SELECT l.exercise_id, max({EPLEY_E1RM})"
            " FROM this, logged_set l JOIN session s ON s.id = l.session_id"
            f" WHERE l.exercise_id IN ({', '.join('?' * len(ids))})"
            f" AND {COUNTS_FOR_RECORDS} AND {_EARLIER}"
            " GROUP BY l.exercise_id", (session_id, *ids))
        return dict(rows)

    def previous_session(self, session_id: int) -> PreviousSession | None:
        """The latest finished session of the same routine and version started before this one.

        Sessions match by ``routine_id``; a session whose routine is gone (or was imported
        without one) matches by routine name, and a nameless one matches nothing. The version
        must match too: a shorter session (``session.shorter``) is compared with the last
        shorter one, a full session with the last full one.
        """
        row = self._conn.execute(
            f"WITH {_THIS} SELECT s.id, s.started_at, s.ended_at, s.shorter, {_ENDED_EARLY} FROM this, session s"
            f" WHERE {FINISHED} AND {_SAME_ROUTINE} AND s.shorter = this.shorter"
            f" AND {_EARLIER} ORDER BY {NEWEST_FIRST} LIMIT 1", (session_id,)).fetchone()
        if row is None:
            return None
        previous_id, started_at, ended_at, shorter, ended_early = row
        sets = self.set_records(previous_id)
        return PreviousSession(previous_id, started_at, max(0.0, seconds_of(ended_at) - seconds_of(started_at)),
                               volume_load(sets), mean_or_none(s.stress_after_set for s in sets), bool(shorter),
                               bool(ended_early), volume_left_out(sets))

    def other_version_before(self, session_id: int) -> bool:
        """Whether a finished session of the routine in the other version (shorter or full) came before this one."""
        row = self._conn.execute(
            f"WITH {_THIS} SELECT EXISTS (SELECT 1 FROM this, session s"
            f" WHERE {FINISHED} AND {_SAME_ROUTINE} AND s.shorter != this.shorter AND {_EARLIER})",
            (session_id,)).fetchone()
        return bool(row[0])

    def version(self, session_id: int) -> tuple[bool, bool]:
        """Whether the session is the shorter version, and whether it ended early (fewer sets logged than planned).

        Raises ``LookupError`` for an unknown session.
        """
        row = self._conn.execute(f"SELECT s.shorter, {_ENDED_EARLY} FROM session s WHERE s.id = ?",
                                 (session_id,)).fetchone()
        if row is None:
            raise LookupError(f"there is no session {session_id}")
        return bool(row[0]), bool(row[1])

    def summary(self, session_id: int, now_wall_s: float | None = None) -> SessionSummary:
        """The session's summary: its numbers, its records, and the comparison with the previous one."""
        duration = self.duration_s(session_id, now_wall_s)
        shorter, ended_early = self.version(session_id)
        sets = self.set_records(session_id)
        best = self.best_e1rm_before(session_id, (s.exercise_id for s in sets))
        previous = self.previous_session(session_id)
        other = previous is None and self.other_version_before(session_id)
        return summarize(sets, duration, best, previous, shorter=shorter, ended_early=ended_early,
                         other_version_before=other)
