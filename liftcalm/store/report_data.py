"""The report's reads: counts for a period, the graphs' own figures, and notes only when asked for.

The measures come from ``GraphData`` (the same calls, the same filter), so the report says what
the Graphs page and ``liftcalm trends`` say for the same dates. This module loads numpy with
``graph_data``: it is imported when a report is made, never at start-up. It never writes.
"""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta

from liftcalm.core.models import REST_DAY_KIND
from liftcalm.core.report import (
    Activity,
    NoteRow,
    ReportFigures,
    ReportPeriod,
    RestRatings,
    check_ins_from,
    record_row,
)
from liftcalm.core.trends import GraphFilter, over_time
from liftcalm.store.graph_data import GraphData
from liftcalm.store.sql import BY_INSTANT, COUNTS_FOR_RECORDS, DAY, FINISHED


def _in_period(period: ReportPeriod) -> tuple[str, list]:
    """Finished sessions ``s`` that started on the period's local dates, as the graphs' filter selects them."""
    # started_at begins with its local date, so comparing the text with a bare date compares days.
    return (f"{FINISHED} AND s.started_at >= ? AND s.started_at < ?",
            [period.start.isoformat(), (period.end + timedelta(days=1)).isoformat()])


class ReportData:
    """Reads on one connection, for one report at a time; they never write.

    Gathering ten years takes a fraction of a second, but more than the UI thread may spend:
    run ``gather`` off the UI thread (``StoreOp``), on the worker's own store.
    """

    def __init__(self, conn: sqlite3.Connection):
        self._conn = conn
        self.graphs = GraphData(conn)

    def first_day(self) -> date | None:
        """The local day of the first finished session of any kind; None without one."""
        row = self._conn.execute(f"SELECT min(s.started_at) FROM session s WHERE {FINISHED}").fetchone()
        return date.fromisoformat(row[0][:10]) if row[0] else None

    def activity(self, period: ReportPeriod) -> Activity:
        """Sessions with a set or block logged, by kind; rest days; sets of strength sessions; every check-in."""
        where, params = _in_period(period)
        done = dict(self._conn.execute(
            f"SELECT s.kind, count(*) FROM session s WHERE {where}"
            " AND EXISTS (SELECT 1 FROM logged_set l WHERE l.session_id = s.id) GROUP BY s.kind", params).fetchall())
        rest_days = self._conn.execute(f"SELECT count(*) FROM session s WHERE {where} AND s.kind = ?",
                                       [*params, REST_DAY_KIND]).fetchone()[0]
        sets, working = self._conn.execute(
            "SELECT count(*), count(CASE WHEN l.set_type = 'working' THEN 1 END)"
            f" FROM session s JOIN logged_set l ON l.session_id = s.id WHERE {where} AND s.kind = 'strength'",
            params).fetchone()
        rows = self._conn.execute(
            f"SELECT {DAY}, s.kind, s.energy, s.motivation, s.stress_before FROM session s WHERE {where}"
            f" ORDER BY {BY_INSTANT}", params)
        return Activity(done.get("strength", 0), done.get("calm", 0), rest_days, sets, working, check_ins_from(rows))

    def end_of_rest(self, period: ReportPeriod) -> tuple[RestRatings, ...]:
        """Per strength session with sets, in order: the sum and number of ratings at the end of its rests."""
        where, params = _in_period(period)
        rows = self._conn.execute(
            f"SELECT {DAY}, total(l.stress_end_of_rest), count(l.stress_end_of_rest)"
            f" FROM session s JOIN logged_set l ON l.session_id = s.id WHERE s.kind = 'strength' AND {where}"
            f" GROUP BY s.id ORDER BY {BY_INSTANT}", params)
        return tuple(map(RestRatings._make, rows))

    def records(self, period: ReportPeriod) -> tuple:
        """Per exercise with a set in the period that can make a record: its sessions and records there."""
        where, params = _in_period(period)
        exercises = self._conn.execute(
            "SELECT e.id, e.name FROM exercise e WHERE EXISTS (SELECT 1 FROM logged_set l JOIN session s"
            f" ON s.id = l.session_id WHERE l.exercise_id = e.id AND {where} AND {COUNTS_FOR_RECORDS})"
            " ORDER BY e.name COLLATE NOCASE", params).fetchall()
        graph_filter = GraphFilter(start=period.start, end=period.end)
        return tuple(record_row(name, self.graphs.exercise_progress(exercise_id, graph_filter))
                     for exercise_id, name in exercises)

    def notes(self, period: ReportPeriod) -> tuple[NoteRow, ...]:
        """What the person wrote in the period: session, rest-day, exercise and set notes, and notes in rests.

        Only for a report that asked for them. The support contacts live in the settings and
        are never read here.
        """
        where, params = _in_period(period)
        rows = self._conn.execute(
            f"SELECT {DAY}, CASE WHEN s.kind = '{REST_DAY_KIND}' THEN 'rest_day' ELSE 'session' END, s.routine_name,"
            f" s.note, julianday(s.started_at), s.id, -1 FROM session s WHERE {where} AND s.note != ''"
            f" UNION ALL SELECT {DAY}, 'exercise', e.name, x.note, julianday(s.started_at), s.id, -1"
            " FROM session_exercise x JOIN session s ON s.id = x.session_id JOIN exercise e ON e.id = x.exercise_id"
            f" WHERE {where} AND x.note != ''"
            f" UNION ALL SELECT {DAY}, 'set', e.name, l.note, julianday(s.started_at), s.id, l.position"
            " FROM logged_set l JOIN session s ON s.id = l.session_id JOIN exercise e ON e.id = l.exercise_id"
            f" WHERE {where} AND l.note != ''"
            f" UNION ALL SELECT {DAY}, 'rest', e.name, l.relief_note, julianday(s.started_at), s.id, l.position"
            " FROM logged_set l JOIN session s ON s.id = l.session_id JOIN exercise e ON e.id = l.exercise_id"
            f" WHERE {where} AND l.relief_note != ''"
            " ORDER BY 5, 6, 7", params * 4)
        return tuple(NoteRow(day, place, about or "", text.strip()) for day, place, about, text, *_ in rows)

    def gather(self, period: ReportPeriod, *, include_notes: bool, unit, made_on: date, version: str) -> ReportFigures:
        """Everything the report shows for ``period``; notes only with ``include_notes``."""
        graph_filter = GraphFilter(start=period.start, end=period.end)
        return ReportFigures(
            period=period, made_on=made_on, version=version, unit=unit, sample=self.graphs.is_sample(),
            activity=self.activity(period),
            figures=self.graphs.figures(graph_filter),
            over_time=over_time(self.graphs.session_totals(graph_filter), period.bucket),
            end_of_rest=self.end_of_rest(period),
            strength_calm=self.graphs.strength_vs_calm(graph_filter),
            records=self.records(period),
            notes=self.notes(period) if include_notes else None)


def report_data(store) -> ReportData:
    """The report's reads on ``store``'s connection (its thread's: a worker's store off the UI thread)."""
    return ReportData(store.conn)


def gather_report(store, period: ReportPeriod, *, include_notes: bool, made_on: date) -> ReportFigures:
    """``ReportData.gather`` on ``store``, in the person's unit: work for a ``StoreOp`` or the command line."""
    from liftcalm import __version__

    return report_data(store).gather(period, include_notes=include_notes, unit=store.settings.unit,
                                     made_on=made_on, version=__version__)
