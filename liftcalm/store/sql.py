"""The SQL vocabulary: fragments every query must agree on, defined once.

Fragments name the session table ``s`` and the logged-set table ``l``. Python values that
go into the database as text (local ISO time) are formatted here too, so that the writers
and the readers of a column cannot drift apart.
"""

from __future__ import annotations

from datetime import datetime

# A session started and not finished: it keeps its state machine's state until then. The
# condition on ended_at lets SQLite use the partial index session_running.
RUNNING = "(s.ended_at IS NULL AND s.state IS NOT NULL)"
# Everything else is history: finished in the app, or imported.
FINISHED = f"NOT {RUNNING}"

# Sessions in the order they started. started_at carries a UTC offset, which can differ between
# sessions (daylight saving, travel, imports), so the text alone does not order them.
BY_INSTANT = "julianday(s.started_at), s.id"
NEWEST_FIRST = "julianday(s.started_at) DESC, s.id DESC"
# The local date a session started on: the start of its text (ISO 8601 local time + offset).
DAY = "substr(s.started_at, 1, 10)"

# Volume load counts working sets only: reps x load.
WORKING_VOLUME = "CASE WHEN l.set_type = 'working' THEN l.reps * l.load_kg END"
# Sets that can hold a record (session_summary.counts_for_records): every type but warm-up,
# with reps and a load.
COUNTS_FOR_RECORDS = "(l.set_type != 'warmup' AND l.reps >= 1 AND l.load_kg > 0)"
# Epley's estimated one-rep maximum, with the same arithmetic as analytics.epley_e1rm, so
# equal sets give equal floats in SQL and in Python.
EPLEY_E1RM = "CASE WHEN l.reps = 1 THEN l.load_kg ELSE l.load_kg * (1 + l.reps / 30.0) END"


def iso_local(wall_s: float) -> str:
    """Unix seconds as ISO 8601 local time with its UTC offset, to the millisecond."""
    return datetime.fromtimestamp(wall_s).astimezone().isoformat(timespec="milliseconds")


def seconds_of(iso: str) -> float:
    """Unix seconds of an ISO 8601 time written by ``iso_local`` (or an import)."""
    return datetime.fromisoformat(iso).timestamp()
