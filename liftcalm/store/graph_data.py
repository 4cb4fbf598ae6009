"""Queries feeding the graphs: one per graph, summed per session in SQL and finished in ``core.trends``.

This module imports ``core.trends`` and so numpy: only ``Store.graph_data`` loads it, when the
graphs first open.
"""

from __future__ import annotations

import sqlite3
from datetime import timedelta

from liftcalm.core.session_summary import CALMER_BY_POINTS
from liftcalm.core.tolerance import RatedSet, ToleranceTrend, cut_to_dates, stress_tolerance
from liftcalm.core.trends import (
    Buckets,
    ExerciseProgress,
    ExerciseSet,
    GraphFilter,
    Period,
    SessionRatings,
    SessionTotals,
    StrengthVsCalm,
    StressVolume,
    exercise_progress,
    over_time,
    strength_vs_calm,
    stress_vs_volume,
)
from liftcalm.store.sql import (
    BODY_LOAD,
    BY_INSTANT,
    COUNTED_BODY_WEIGHT,
    COUNTS_FOR_RECORDS,
    DAY,
    FINISHED,
    VOLUME_LEFT_OUT,
    WORKING_VOLUME,
)

# The source of every session of the sample history: store.demo.DEMO_SOURCE, named again here
# because demo imports the store (a test holds the two equal).
SAMPLE_SOURCE = "demo"


def _where(graph_filter: GraphFilter, exercise: str) -> tuple[list[str], list]:
    """SQL conditions on finished sessions ``s``, and their parameters; ``exercise`` tests the exercise."""
    clauses, params = [FINISHED], []
    if graph_filter.start is not None:
        # started_at begins with its local date, so comparing the text with a bare date compares days
        # and can use the session_started index.
        clauses.append("s.started_at >= ?")
        params.append(graph_filter.start.isoformat())
    if graph_filter.end is not None:
        clauses.append("s.started_at < ?")
        params.append((graph_filter.end + timedelta(days=1)).isoformat())
    if graph_filter.routine_id is not None:
        clauses.append("s.routine_id = ?")
        params.append(graph_filter.routine_id)
    if graph_filter.exercise_id is not None:
        clauses.append(exercise)
        params.append(graph_filter.exercise_id)
    return clauses, params


class GraphData:
    """The graphs' reads on one connection; they never write.

    A graph's query can take tens of milliseconds on years of sets: run it off the UI thread,
    which opens its own connection and its own ``GraphData``. Each method reads finished
    sessions only; sessions without logged sets (of the filtered exercise) are not points.
    """

    def __init__(self, conn: sqlite3.Connection):
        self._conn = conn

    def session_totals(self, graph_filter: GraphFilter = GraphFilter()) -> list[SessionTotals]:
        """Per strength session in the filter: volume load and stress sums, in the order sessions started.

        The same numbers as the session summary: volume over working sets, stress over every rated
        set, relief and the rests that ended calmer over the sets with both ratings.
        """
        clauses, params = _where(graph_filter, "l.exercise_id = ?")
        rows = self._conn.execute(
            f"SELECT s.id, {DAY}, s.routine_name,"
            f" sum({WORKING_VOLUME}),"  # NULL, not 0, when no working set has a known load
            " total(l.stress_after_set), count(l.stress_after_set),"
            " total(l.stress_after_set - l.stress_end_of_rest), count(l.stress_after_set - l.stress_end_of_rest),"
            f" count(CASE WHEN l.stress_after_set - l.stress_end_of_rest >= {int(CALMER_BY_POINTS)} THEN 1 END),"
            f" count({VOLUME_LEFT_OUT})"
            " FROM session s JOIN logged_set l ON l.session_id = s.id"
            f" WHERE s.kind = 'strength' AND {' AND '.join(clauses)}"
            f" GROUP BY s.id ORDER BY {BY_INSTANT}", params)
        return list(map(SessionTotals._make, rows))

    def rated_sets(self) -> list[RatedSet]:
        """Every set but warm-ups of finished strength sessions, over all dates, routines and exercises.

        The tolerance measure fits the person's usual on the whole history, so nothing is
        filtered here; the graph's filter only cuts the points shown.
        """
        rows = self._conn.execute(
            f"SELECT s.id, {DAY}, l.exercise_id, l.set_type, l.reps, l.load_kg, l.rpe, l.stress_after_set,"
            " s.stress_before, e.is_bodyweight FROM session s JOIN logged_set l ON l.session_id = s.id"
            " JOIN exercise e ON e.id = l.exercise_id"
            f" WHERE s.kind = 'strength' AND {FINISHED} AND l.set_type != 'warmup'"
            f" ORDER BY {BY_INSTANT}, l.position")
        return [RatedSet(*row[:-1], bool(row[-1])) for row in rows]

    def exercise_sets(self, exercise_id: int) -> list[ExerciseSet]:
        """Every set of ``exercise_id`` that can make a record, in finished sessions, in the order done."""
        rows = self._conn.execute(
            f"SELECT s.id, {DAY}, s.routine_id, l.set_type, l.reps, l.load_kg, {BODY_LOAD},"
            f" {COUNTED_BODY_WEIGHT}"
            " FROM logged_set l JOIN session s ON s.id = l.session_id"
            f" WHERE l.exercise_id = ? AND {FINISHED} AND {COUNTS_FOR_RECORDS}"
            f" ORDER BY {BY_INSTANT}, l.position", (exercise_id,))
        return list(map(ExerciseSet._make, rows))

    def session_ratings(self, graph_filter: GraphFilter = GraphFilter()) -> list[SessionRatings]:
        """Stress before and at the end of each finished session in the filter, of either kind."""
        clauses, params = _where(
            graph_filter, "EXISTS (SELECT 1 FROM logged_set l WHERE l.session_id = s.id AND l.exercise_id = ?)")
        rows = self._conn.execute(
            f"SELECT s.id, {DAY}, s.kind, s.stress_before, s.stress_final FROM session s"
            f" WHERE s.kind IN ('strength', 'calm') AND {' AND '.join(clauses)} ORDER BY {BY_INSTANT}", params)
        return list(map(SessionRatings._make, rows))

    def is_sample(self) -> bool:
        """Whether the history is sample data: there are sessions and every one is the sample's (source 'demo')."""
        return self._conn.execute(
            "SELECT EXISTS (SELECT 1 FROM session) AND NOT EXISTS (SELECT 1 FROM session WHERE source != ?)",
            (SAMPLE_SOURCE,)).fetchone()[0] == 1

    def stress_vs_volume(self, graph_filter: GraphFilter = GraphFilter()) -> StressVolume:
        """Graph 1: volume load against mean stress after sets, one point per session, with its line."""
        return stress_vs_volume(self.session_totals(graph_filter))

    def over_time(self, period: Period, graph_filter: GraphFilter = GraphFilter()) -> Buckets:
        """Graph 2: volume load, stress and relief per day, ISO week or month."""
        return over_time(self.session_totals(graph_filter), period)

    def tolerance(self, graph_filter: GraphFilter = GraphFilter()) -> ToleranceTrend:
        """Graph 3: stress after working sets against the person's usual, within the filter's dates.

        The usual is fitted on the whole history; the filter's exercise chooses whose sets are
        averaged into the points, and its dates cut them. Routines do not split a person's usual.
        """
        trend = stress_tolerance(self.rated_sets(), exercise_id=graph_filter.exercise_id)
        return cut_to_dates(trend, graph_filter.start, graph_filter.end)

    def figures(self, graph_filter: GraphFilter = GraphFilter()) -> dict:
        """What the Graphs page shows as plain numbers (``liftcalm trends``): tolerance and stress vs volume."""
        return {"tolerance": self.tolerance(graph_filter).plain(),
                "stress_vs_volume": self.stress_vs_volume(graph_filter).plain()}

    def exercise_progress(self, exercise_id: int, graph_filter: GraphFilter = GraphFilter()) -> ExerciseProgress:
        """Graph 4: best estimated 1RM per session of ``exercise_id``, records flagged (not the filter's exercise)."""
        return exercise_progress(self.exercise_sets(exercise_id), graph_filter)

    def strength_vs_calm(self, graph_filter: GraphFilter = GraphFilter()) -> StrengthVsCalm:
        """Graph 5: stress before and at the end of strength sessions beside calm ones."""
        return strength_vs_calm(self.session_ratings(graph_filter))


def sql_floor_weekly(conn: sqlite3.Connection) -> list[tuple[str, float, float | None]]:
    """Sum working volume and average stress after sets per week in plain SQL: the speed floor for benchmarks.

    Weeks are SQLite's ``%Y-%W`` (Monday start, but not ISO numbering at a year's end): right for
    timing, not for the graphs, which bucket with ``core.trends``.
    """
    return conn.execute(
        f"SELECT strftime('%Y-%W', {DAY}) AS week,"
        f" total({WORKING_VOLUME}), avg(l.stress_after_set)"
        " FROM logged_set l JOIN session s ON s.id = l.session_id GROUP BY week ORDER BY week").fetchall()
