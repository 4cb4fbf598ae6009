"""The report's reads: counts for the period's local dates, the graphs' own figures, notes only when asked."""

from datetime import date

import numpy as np
import pytest

from liftcalm.core.report import ReportPeriod
from liftcalm.core.trends import GraphFilter, Period
from liftcalm.store.demo import write_demo
from liftcalm.store.report_data import gather_report, report_data

MARCH = ReportPeriod(date(2026, 3, 1), date(2026, 3, 31))


def add_session(store, started_at, sets=(), *, kind="strength", energy=None, motivation=None, before=None,
                final=None, note="", running=False, routine_name="Legs"):
    """A session written straight into the tables; ``sets`` holds (exercise_id, set_type, reps, load_kg,
    stress_after_set, stress_end_of_rest, set note, relief note)."""
    conn = store.conn
    session_id = conn.execute(
        "INSERT INTO session (routine_name, kind, started_at, ended_at, energy, motivation, stress_before,"
        " stress_final, note, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (routine_name, kind, started_at, None if running else started_at, energy, motivation, before, final, note,
         "{}" if running else None)).lastrowid
    for position, (exercise_id, set_type, reps, load, after, end, set_note, relief_note) in enumerate(sets):
        conn.execute(
            "INSERT INTO logged_set (session_id, position, exercise_id, set_number, set_type, reps, load_kg, ended_at,"
            " stress_after_set, stress_end_of_rest, note, relief_note) VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?)",
            (session_id, position, exercise_id, set_type, reps, load, started_at, after, end, set_note, relief_note))
    return session_id


def lift(exercise_id, load=100.0, after=None, end=None, set_type="working", reps=5, note="", relief_note=""):
    return (exercise_id, set_type, reps, load, after, end, note, relief_note)


@pytest.fixture
def squat(store):
    return store.exercises.find("Barbell Back Squat").id


def gather(store, period=MARCH, notes=False):
    return gather_report(store, period, include_notes=notes, made_on=date(2026, 4, 2))


def test_counts_cover_the_periods_local_days_and_finished_sessions_only(store, squat):
    breath = store.exercises.find("Box Breathing").id
    add_session(store, "2026-02-28T23:30:00.000+01:00", [lift(squat)])  # the day before: out
    add_session(store, "2026-03-01T00:10:00.000+01:00", [lift(squat), lift(squat, set_type="warmup")],
                energy=2, motivation=2, before=6)
    add_session(store, "2026-03-05T18:00:00.000-05:00", [lift(squat)], energy=5, motivation=None)  # local day counts
    add_session(store, "2026-03-07T10:00:00.000+01:00", [(breath, "working", None, 0.0, 4, 3, "", "")], kind="calm",
                energy=1, motivation=2)
    add_session(store, "2026-03-07T20:00:00.000+01:00", kind="rest", energy=1, motivation=1, before=7)
    add_session(store, "2026-03-09T18:00:00.000+01:00", [])  # finished with nothing logged: not a session done
    add_session(store, "2026-03-31T23:59:00.000+01:00", [lift(squat)], running=True)  # still running: out
    add_session(store, "2026-04-01T00:00:00.000+02:00", [lift(squat)], energy=0, motivation=0)  # the day after: out
    activity = gather(store).activity
    assert (activity.strength_sessions, activity.calm_sessions, activity.rest_days) == (2, 1, 1)
    assert (activity.sets, activity.working_sets) == (3, 2)
    assert len(activity.check_ins) == 4  # the empty strength session answered nothing
    assert (activity.answered_both, activity.low_check_ins, activity.low_days) == (3, 3, 2)


def test_end_of_rest_ratings_are_summed_per_strength_session_in_order(store, squat):
    first = add_session(store, "2026-03-03T18:00:00.000+01:00", [lift(squat, after=6, end=3), lift(squat, after=5),
                                                                 lift(squat, end=2)])
    add_session(store, "2026-03-04T18:00:00.000+01:00", [lift(squat)])
    figures = gather(store)
    assert [tuple(r) for r in figures.end_of_rest] == [("2026-03-03", 5.0, 2), ("2026-03-04", 0.0, 0)]
    assert figures.over_time.period is Period.WEEK
    assert int(figures.over_time.rated_sets.sum()) == 2 and figures.over_time.overall_relief_sets == 1
    assert first


def test_records_are_judged_against_the_whole_history(store, squat):
    add_session(store, "2026-02-10T18:00:00.000+01:00", [lift(squat, load=120.0)])  # before the period
    add_session(store, "2026-03-03T18:00:00.000+01:00", [lift(squat, load=110.0)])
    add_session(store, "2026-03-10T18:00:00.000+01:00", [lift(squat, load=125.0), lift(squat, load=125.0, reps=3)])
    (row,) = gather(store).records
    assert (row.exercise, row.sessions, row.records, row.day, row.reps, row.load_kg) == (
        "Barbell Back Squat", 2, 1, "2026-03-10", 5, 125.0)
    assert row.e1rm_kg == pytest.approx(125.0 * (1 + 5 / 30))


def test_notes_are_read_only_when_asked_and_the_support_contacts_never(store, squat):
    store.settings.support_contacts = "Sam 0123 456 789"
    add_session(store, "2026-03-03T18:00:00.000+01:00", [lift(squat, note="Left knee", relief_note="Long exhale")],
                note="Rough week", routine_name="Full Body")
    add_session(store, "2026-03-04T08:00:00.000+01:00", kind="rest", energy=1, motivation=1, note="Slept badly",
                routine_name="")
    session_id = add_session(store, "2026-03-05T18:00:00.000+01:00", [lift(squat)])
    store.conn.execute("INSERT INTO session_exercise (session_id, exercise_id, note) VALUES (?, ?, ?)",
                       (session_id, squat, "New belt"))
    add_session(store, "2026-04-03T18:00:00.000+01:00", [lift(squat)], note="After the period")
    assert gather(store).notes is None
    notes = gather(store, notes=True).notes
    assert [(n.day, n.place, n.about, n.text) for n in notes] == [
        ("2026-03-03", "session", "Full Body", "Rough week"), ("2026-03-03", "set", "Barbell Back Squat", "Left knee"),
        ("2026-03-03", "rest", "Barbell Back Squat", "Long exhale"), ("2026-03-04", "rest_day", "", "Slept badly"),
        ("2026-03-05", "exercise", "Barbell Back Squat", "New belt")]
    from liftcalm.core.report import build_report

    assert "Sam 0123" not in build_report(gather(store, notes=True)).text()


def test_first_day_is_the_first_finished_session(store, squat):
    assert report_data(store).first_day() is None
    add_session(store, "2026-03-03T18:00:00.000+01:00", [lift(squat)])
    add_session(store, "2026-01-01T18:00:00.000+01:00", [lift(squat)], running=True)
    assert report_data(store).first_day() == date(2026, 3, 3)


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory):
    from liftcalm.store import Store

    store = Store(tmp_path_factory.mktemp("report") / "demo.db")
    write_demo(store, years=3, seed=7, end=date(2026, 4, 1))
    yield store
    store.close()


@pytest.mark.parametrize("period", [ReportPeriod(date(2025, 1, 1), date(2025, 3, 31)),
                                    ReportPeriod(date(2023, 4, 1), date(2026, 3, 31)),
                                    ReportPeriod(date(2026, 3, 16), date(2026, 3, 31))])
def test_the_reports_figures_are_the_graphs_figures_for_the_same_period(demo_store, period):
    """What ``liftcalm trends`` prints for these dates, and the other graphs' results, unchanged."""
    graph_filter = GraphFilter(start=period.start, end=period.end)
    figures = gather(demo_store, period)
    assert figures.figures == demo_store.graph_data.figures(graph_filter)
    expected = demo_store.graph_data.over_time(period.bucket, graph_filter)
    for name in ("starts", "volume_kg", "mean_stress", "rated_sets", "mean_relief", "relief_sets", "sessions"):
        np.testing.assert_array_equal(getattr(figures.over_time, name), getattr(expected, name))
    assert figures.strength_calm.bars == demo_store.graph_data.strength_vs_calm(graph_filter).bars
    assert figures.sample


def test_the_demo_history_gives_counts_the_tables_agree_with(demo_store):
    period = ReportPeriod(date(2025, 1, 1), date(2025, 12, 31))
    activity = gather(demo_store, period).activity
    conn = demo_store.conn
    kinds = dict(conn.execute(
        "SELECT kind, count(*) FROM session WHERE started_at >= '2025-01-01' AND started_at < '2026-01-01'"
        " GROUP BY kind").fetchall())
    assert activity.rest_days == kinds["rest"]
    assert activity.strength_sessions + activity.calm_sessions <= kinds["strength"] + kinds["calm"]
    low = conn.execute("SELECT count(*) FROM session WHERE started_at >= '2025-01-01' AND started_at < '2026-01-01'"
                       " AND energy <= 2 AND motivation <= 2").fetchone()[0]
    assert activity.low_check_ins == low > 0
