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

# How body weight enters a set's load (core.models.BodyLoad, Exercise.body_load): a strength
# exercise counted in reps and named "assisted" takes it off, a bodyweight one adds it. The lists
# are read once per query, so a set of any other exercise costs one lookup in a small list.
_BODY_COUNTED = "x.kind = 'strength' AND x.measure = 'reps'"
_COUNTS_BODY = (f"(SELECT x.id FROM exercise x WHERE {_BODY_COUNTED}"
                " AND (x.is_bodyweight = 1 OR instr(lower(x.name), 'assisted') > 0))")
_ASSISTED = f"(SELECT x.id FROM exercise x WHERE {_BODY_COUNTED} AND instr(lower(x.name), 'assisted') > 0)"
BODY_LOAD = (f"CASE WHEN l.exercise_id NOT IN {_COUNTS_BODY} THEN 'none'"
             f" WHEN l.exercise_id IN {_ASSISTED} THEN 'minus' ELSE 'plus' END")
# The body weight in force on the set's session day: the latest given on or before it, else NULL.
BODY_WEIGHT = ("(SELECT b.kg FROM body_weight b WHERE b.day <= (SELECT substr(o.started_at, 1, 10)"
               " FROM session o WHERE o.id = l.session_id) ORDER BY b.day DESC LIMIT 1)")
# The body weight a set's numbers take, for SetRecord and ExerciseSet: NULL where it does not count.
COUNTED_BODY_WEIGHT = f"CASE WHEN {BODY_LOAD} = 'none' THEN NULL ELSE {BODY_WEIGHT} END"
# The load a set moves, as core.bodyweight.moved_load_kg: body weight plus added load, or minus
# the assistance, for bodyweight exercises; NULL where the body weight (or the load) is not known.
MOVED_LOAD = (f"(CASE WHEN l.exercise_id NOT IN {_COUNTS_BODY} THEN l.load_kg"
              f" WHEN l.exercise_id IN {_ASSISTED} THEN max(0.0, {BODY_WEIGHT} - coalesce(l.load_kg, 0.0))"
              f" ELSE {BODY_WEIGHT} + coalesce(l.load_kg, 0.0) END)")

# Volume load counts working sets only: reps x load moved.
WORKING_VOLUME = f"CASE WHEN l.set_type = 'working' THEN l.reps * {MOVED_LOAD} END"
# Working sets with reps whose load moved is not known, so left out of the volume
# (analytics.volume_left_out): 1 for such a set, else NULL, to count().
VOLUME_LEFT_OUT = f"CASE WHEN l.set_type = 'working' AND l.reps IS NOT NULL AND {MOVED_LOAD} IS NULL THEN 1 END"
# Sets that can hold a record (session_summary.counts_for_records): every type but warm-up,
# with reps and a load moved.
COUNTS_FOR_RECORDS = f"(l.set_type != 'warmup' AND l.reps >= 1 AND {MOVED_LOAD} > 0)"
# Epley's estimated one-rep maximum, with the same arithmetic as analytics.epley_e1rm, so
# equal sets give equal floats in SQL and in Python.
EPLEY_E1RM = f"CASE WHEN l.reps = 1 THEN {MOVED_LOAD} ELSE {MOVED_LOAD} * (1 + l.reps / 30.0) END"

def iso_local(wall_s: float) -> str:
    """Unix seconds as ISO 8601 local time with its UTC offset, to the millisecond."""
    return datetime.fromtimestamp(wall_s).astimezone().isoformat(timespec="milliseconds")


def seconds_of(iso: str) -> float:
    """Unix seconds of an ISO 8601 time written by ``iso_local`` (or an import)."""
    return datetime.fromisoformat(iso).timestamp()
