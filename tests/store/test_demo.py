"""Sample data: deterministic, realistic, and never mixed with the user's own sessions."""

import time
from collections import defaultdict
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from liftcalm.store import Store
from liftcalm.store.demo import DemoRefused, write_demo

END = date(2025, 6, 1)  # one year back reaches over 27 October 2024 and 30 March 2025
SESSION_ROWS = "SELECT * FROM session ORDER BY id"
SET_ROWS = "SELECT * FROM logged_set ORDER BY id"


@pytest.fixture(autouse=True)
def berlin(monkeypatch):
    """Local time is Europe/Berlin, with its daylight saving changes."""
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture(scope="module")
def year(tmp_path_factory):
    """One default year of sample data, shared by the read-only tests below."""
    path = tmp_path_factory.mktemp("demo") / "year.db"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TZ", "Europe/Berlin")
        time.tzset()
        with Store(path) as store:
            summary = write_demo(store, years=1, seed=1, end=END)
    time.tzset()
    store = Store(path)
    yield store, summary
    store.close()


def rows(store, sql, *args):
    return store.conn.execute(sql, args).fetchall()


def strength_sessions(store):
    """(started_at, mean stress after set, working volume in kg) of each strength session, in order."""
    return rows(store, "SELECT s.started_at, avg(l.stress_after_set),"
                       " sum(CASE WHEN l.set_type = 'working' THEN l.reps * l.load_kg ELSE 0 END)"
                       " FROM session s JOIN logged_set l ON l.session_id = s.id WHERE s.kind = 'strength'"
                       " GROUP BY s.id ORDER BY s.id")


def test_same_seed_gives_identical_rows_and_another_seed_differs(tmp_path):
    contents = []
    for name, seed in (("a.db", 7), ("b.db", 7), ("c.db", 8)):
        with Store(tmp_path / name) as store:
            write_demo(store, years=0.5, seed=seed, end=END)
            contents.append((rows(store, SESSION_ROWS), rows(store, SET_ROWS)))
    assert contents[0] == contents[1]
    assert contents[0][0] and contents[0][1]
    assert contents[0][0] != contents[2][0] and contents[0][1] != contents[2][1]


def test_summary_counts_what_was_written(year):
    store, summary = year
    assert summary.sessions == rows(store, "SELECT count(*) FROM session")[0][0]
    assert summary.sets == rows(store, "SELECT count(*) FROM logged_set")[0][0]
    assert summary.calm_sessions == rows(store, "SELECT count(*) FROM session WHERE kind = 'calm'")[0][0]
    assert (summary.first_date, summary.last_date) == (
        date.fromisoformat(rows(store, "SELECT min(substr(started_at, 1, 10)) FROM session")[0][0]),
        date.fromisoformat(rows(store, "SELECT max(substr(started_at, 1, 10)) FROM session")[0][0]))
    assert END - timedelta(days=366) <= summary.first_date and summary.last_date < END
    assert 150 <= summary.sessions - summary.calm_sessions <= 190  # 3-4 a week, less missed weeks
    assert summary.lines()[0].startswith(f"sessions: {summary.sessions} (")


def test_every_session_is_finished_sample_data_linked_to_its_starter_routine(year):
    store, _ = year
    assert rows(store, "SELECT DISTINCT source FROM session") == [("demo",)]
    assert rows(store, "SELECT count(*) FROM session WHERE ended_at IS NULL OR state IS NOT NULL"
                       " OR clock_anchor IS NOT NULL")[0][0] == 0
    routines = {name: routine_id for routine_id, name, _ in store.routines.list()}
    assert set(routines) == {"Full Body Starter", "Upper Body", "Lower Body", "Calm Reset"}
    for routine_id, name in rows(store, "SELECT DISTINCT routine_id, routine_name FROM session"):
        assert routines[name] == routine_id
    assert store.settings.starter_offered


def test_times_ascend_and_carry_the_offset_of_their_date(year):
    store, _ = year
    berlin = ZoneInfo("Europe/Berlin")
    previous_end = None
    offsets = set()
    for session_id, started_at, ended_at in rows(store, "SELECT id, started_at, ended_at FROM session ORDER BY id"):
        start, end = datetime.fromisoformat(started_at), datetime.fromisoformat(ended_at)
        times = [start] + [datetime.fromisoformat(t) for (t,) in rows(
            store, "SELECT ended_at FROM logged_set WHERE session_id = ? ORDER BY position", session_id)] + [end]
        assert times == sorted(times) and len(set(times)) == len(times)
        assert timedelta(minutes=15) < end - start < timedelta(hours=2)
        assert previous_end is None or start > previous_end  # ascending, never overlapping
        previous_end = end
        for moment in times:
            assert moment.utcoffset() == moment.replace(tzinfo=berlin).utcoffset(), moment
            offsets.add(moment.utcoffset())
    assert offsets == {timedelta(hours=1), timedelta(hours=2)}


def test_daylight_saving_change_in_spring_shifts_the_offset_not_the_time_of_day(year):
    store, _ = year
    around = rows(store, "SELECT started_at FROM session WHERE started_at BETWEEN '2025-03-17' AND '2025-04-13'"
                         " ORDER BY id")
    before = [t for (t,) in around if t < "2025-03-30"]
    after = [t for (t,) in around if t >= "2025-03-31"]
    assert before and after
    assert all(t.endswith("+01:00") for t in before) and all(t.endswith("+02:00") for t in after)


def test_most_strength_sessions_are_in_the_evening(year):
    store, _ = year
    hours = [datetime.fromisoformat(t).hour for t, *_ in strength_sessions(store)]
    assert sum(17 <= hour < 21 for hour in hours) > len(hours) / 2
    assert all(6 <= hour < 21 for hour in hours)


def test_stress_per_volume_falls_from_the_first_quarter_to_the_last(year):
    store, _ = year
    sessions = [(stress, volume) for _, stress, volume in strength_sessions(store) if stress is not None and volume]
    quarter = len(sessions) // 4

    def stress_per_tonne(part):
        return sum(stress / (volume / 1000) for stress, volume in part) / len(part)

    assert stress_per_tonne(sessions[:quarter]) > 1.5 * stress_per_tonne(sessions[-quarter:])
    mean_stress = [sum(stress for stress, _ in part) / len(part) for part in (sessions[:quarter], sessions[-quarter:])]
    assert mean_stress[0] > mean_stress[1]  # the same sets stir less, even as they grow heavier


def test_skipped_ratings_are_null_in_about_one_of_eight(year):
    store, _ = year
    [(sets, after_skipped, end_skipped)] = rows(
        store, "SELECT count(*), sum(stress_after_set IS NULL), sum(stress_end_of_rest IS NULL)"
               " FROM logged_set l JOIN exercise e ON e.id = l.exercise_id"
               " WHERE e.name != 'Dumbbell Curl'")  # curls lead into pushdowns: no rest to rate
    assert 0.08 < after_skipped / sets < 0.18
    assert 0.08 < end_skipped / sets < 0.18
    [(sessions, energy, stress_before, final)] = rows(
        store, "SELECT count(*), sum(energy IS NULL), sum(stress_before IS NULL), sum(stress_final IS NULL)"
               " FROM session")
    for skipped in (energy, stress_before, final):
        assert 0.06 < skipped / sessions < 0.22


def test_relief_is_positive_in_most_rated_rests_with_a_few_signs_and_notes(year):
    store, _ = year
    relief = [after - end for after, end in rows(
        store, "SELECT stress_after_set, stress_end_of_rest FROM logged_set"
               " WHERE stress_after_set IS NOT NULL AND stress_end_of_rest IS NOT NULL")]
    assert sum(r > 0 for r in relief) > 0.75 * len(relief)
    [(sets, with_signs, with_notes)] = rows(
        store, "SELECT count(*), sum(relief_signs != ''), sum(relief_note != '') FROM logged_set")
    assert 0.05 < with_signs / sets < 0.4
    assert 0 < with_notes < 0.03 * sets
    signs = {sign for (text,) in rows(store, "SELECT relief_signs FROM logged_set WHERE relief_signs != ''")
             for sign in text.split(",")}
    assert signs == {"breath slowing", "heart settling", "muscles warm", "mind calmer", "still tense"}


def test_warmups_come_first_and_lighter_and_rpe_is_logged_on_some_sets(year):
    store, _ = year
    groups = defaultdict(list)
    for session_id, exercise_id, set_type, load in rows(
            store, "SELECT session_id, exercise_id, set_type, load_kg FROM logged_set l JOIN session s"
                   " ON s.id = l.session_id WHERE s.kind = 'strength' ORDER BY session_id, position"):
        groups[session_id, exercise_id].append((set_type, load))
    with_warmups = 0
    for sets in groups.values():
        types = [set_type for set_type, _ in sets]
        if "warmup" in types:
            with_warmups += 1
            assert set(types[:types.count("warmup")]) == {"warmup"}  # all before the first working set
            assert max(load for t, load in sets if t == "warmup") <= min(load for t, load in sets if t != "warmup")
    assert with_warmups > len(groups) / 3
    [(working, with_rpe)] = rows(store, "SELECT count(*), sum(rpe IS NOT NULL) FROM logged_set"
                                        " WHERE set_type != 'warmup' AND duration_s IS NULL")
    assert 0.15 < with_rpe / working < 0.6
    assert rows(store, "SELECT count(*) FROM logged_set WHERE set_type = 'warmup' AND rpe IS NOT NULL")[0][0] == 0
    assert rows(store, "SELECT count(*) FROM logged_set WHERE set_type = 'drop'")[0][0] > 0


def test_loads_rise_in_plates_with_deloads_and_missed_weeks(year):
    store, _ = year
    loads = rows(store, "SELECT DISTINCT load_kg FROM logged_set")
    assert all(load % 2.5 == 0 for (load,) in loads)
    weekly = defaultdict(float)
    for started_at, load in rows(
            store, "SELECT s.started_at, max(l.load_kg) FROM session s JOIN logged_set l ON l.session_id = s.id"
                   " JOIN exercise e ON e.id = l.exercise_id WHERE e.name = 'Romanian Deadlift'"
                   " AND l.set_type = 'working' GROUP BY s.id"):
        week = date.fromisoformat(started_at[:10]).isocalendar()[:2]
        weekly[week] = max(weekly[week], load)
    series = list(weekly.values())
    assert series[-1] > 2 * series[0]
    best, deloads = 0.0, 0
    for load in series:
        deloads += load < 0.8 * best
        best = max(best, load)
    assert deloads >= 3  # every 6-8 weeks, and only in weeks this lift was trained
    trained_weeks = {date.fromisoformat(t[:10]).isocalendar()[:2] for t, *_ in strength_sessions(store)}
    assert 40 <= len(trained_weeks) <= 51  # holidays and illness take a few weeks out of 52


def test_calm_sessions_about_weekly_bring_stress_down(year):
    store, _ = year
    [(count, before, final)] = rows(store, "SELECT count(*), avg(stress_before), avg(stress_final) FROM session"
                                           " WHERE kind = 'calm'")
    assert 35 <= count <= 65
    assert before > final + 1.5
    [(blocks, timed)] = rows(store, "SELECT count(*), sum(duration_s > 0 AND reps = 1 AND load_kg = 0)"
                                    " FROM logged_set l JOIN session s ON s.id = l.session_id WHERE s.kind = 'calm'")
    assert blocks == 4 * count and timed == blocks
    assert rows(store, "SELECT DISTINCT routine_name FROM session WHERE kind = 'calm'") == [("Calm Reset",)]


def test_writing_again_replaces_the_sample_history_as_a_new_file_would(tmp_path):
    with Store(tmp_path / "again.db") as store:
        first = write_demo(store, years=0.3, seed=1, end=END)
        second = write_demo(store, years=0.4, seed=2, end=END)
        assert second.replaced == first.sessions
        again = (rows(store, SESSION_ROWS), rows(store, SET_ROWS))
        assert len(store.routines.list()) == 4
    with Store(tmp_path / "fresh.db") as store:
        write_demo(store, years=0.4, seed=2, end=END)
        assert (rows(store, SESSION_ROWS), rows(store, SET_ROWS)) == again


@pytest.mark.parametrize("source", ["liftcalm", "strong"])
def test_a_database_with_the_users_own_sessions_is_refused_byte_for_byte(tmp_path, source):
    path = tmp_path / "mine.db"
    with Store(path) as store:
        store.conn.execute("INSERT INTO session (routine_name, kind, started_at, ended_at, source) VALUES"
                           " ('Mine', 'strength', '2025-01-07T18:00:00.000+01:00', '2025-01-07T19:00:00.000+01:00', ?)",
                           (source,))
    before = path.read_bytes()
    with Store(path) as store:
        with pytest.raises(DemoRefused, match="already holds your own sessions") as refused:
            write_demo(store, years=1, seed=1, end=END)
        assert refused.value.own_sessions == 1
    assert path.read_bytes() == before


@pytest.mark.parametrize("arguments", [{"years": 0}, {"years": 12.5}, {"sessions_per_week": 0.5},
                                       {"sessions_per_week": 8}, {"sets_per_session": 2}])
def test_values_out_of_range_are_refused(store, arguments):
    with pytest.raises(ValueError):
        write_demo(store, **{"years": 1, "end": END, **arguments})
    assert rows(store, "SELECT count(*) FROM session")[0][0] == 0


def test_ten_years_of_near_daily_training_for_benchmarks(store):
    """The density the benchmark uses; a smoke check of size, not of speed."""
    summary = write_demo(store, years=10, seed=1, end=END, sessions_per_week=7, sets_per_session=30)
    assert 3300 <= summary.sessions <= 4000
    assert 90_000 <= summary.sets <= 110_000
    assert rows(store, "SELECT max(load_kg) FROM logged_set")[0][0] <= 250
