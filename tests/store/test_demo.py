"""Sample data: deterministic, plausible, and never mixed with the user's own sessions.

The sample person is checked for plausibility (ranges, proportions, a bad month, low days),
never for the app's story: no test asserts that stress falls or relief grows.
"""

import json
import statistics
import time
from collections import defaultdict
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from liftcalm.core.coaching import RELIEF_SIGNS
from liftcalm.store import Store
from liftcalm.store.demo import DemoRefused, write_demo

END = date(2025, 6, 1)  # one year back reaches over 27 October 2024 and 30 March 2025
SESSION_ROWS = "SELECT * FROM session ORDER BY id"
SET_ROWS = "SELECT * FROM logged_set ORDER BY id"
LOW = "(s.energy <= 2 AND s.motivation <= 2)"  # the readiness check's "support comes first"


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


@pytest.fixture(scope="module")
def three_years(tmp_path_factory):
    """Three years of sample data with seed 1: enough low days and bad months to count."""
    path = tmp_path_factory.mktemp("demo") / "three.db"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TZ", "Europe/Berlin")
        time.tzset()
        with Store(path) as store:
            write_demo(store, years=3, seed=1, end=END)
    time.tzset()
    store = Store(path)
    yield store
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
            write_demo(store, years=0.5, seed=seed, end=END)  # half a year: a bad month included
            contents.append((rows(store, SESSION_ROWS), rows(store, SET_ROWS)))
    assert contents[0] == contents[1]
    assert contents[0][0] and contents[0][1]
    assert contents[0][0] != contents[2][0] and contents[0][1] != contents[2][1]


def test_the_same_seed_gives_identical_rows_at_benchmark_density_too(tmp_path):
    contents = []
    for name in ("a.db", "b.db"):
        with Store(tmp_path / name) as store:
            write_demo(store, years=0.5, seed=3, end=END, sessions_per_week=7, sets_per_session=30)
            contents.append((rows(store, SESSION_ROWS), rows(store, SET_ROWS)))
    assert contents[0] == contents[1]


def test_summary_counts_what_was_written(year):
    store, summary = year
    assert summary.sessions == rows(store, "SELECT count(*) FROM session")[0][0]
    assert summary.sets == rows(store, "SELECT count(*) FROM logged_set")[0][0]
    assert summary.calm_sessions == rows(store, "SELECT count(*) FROM session WHERE kind = 'calm'")[0][0]
    assert summary.rest_days == rows(store, "SELECT count(*) FROM session WHERE kind = 'rest'")[0][0] > 0
    assert (summary.first_date, summary.last_date) == (
        date.fromisoformat(rows(store, "SELECT min(substr(started_at, 1, 10)) FROM session")[0][0]),
        date.fromisoformat(rows(store, "SELECT max(substr(started_at, 1, 10)) FROM session")[0][0]))
    assert END - timedelta(days=366) <= summary.first_date and summary.last_date < END
    # 3-4 planned a week, less missed weeks, a bad month, low days and the odd rest day instead
    assert 130 <= summary.sessions - summary.calm_sessions - summary.rest_days <= 190
    strength = summary.sessions - summary.calm_sessions - summary.rest_days
    assert summary.lines()[0] == (f"sessions: {summary.sessions} ({strength} strength, {summary.calm_sessions}"
                                  f" calm, {summary.rest_days} rest days)")


def test_every_session_is_finished_sample_data_linked_to_its_starter_routine(year):
    store, _ = year
    assert rows(store, "SELECT DISTINCT source FROM session") == [("demo",)]
    assert rows(store, "SELECT count(*) FROM session WHERE ended_at IS NULL OR state IS NOT NULL"
                       " OR clock_anchor IS NOT NULL")[0][0] == 0
    routines = {name: routine_id for routine_id, name, _ in store.routines.list()}
    assert set(routines) == {"Full Body Starter", "Upper Body", "Lower Body", "Calm Reset"}
    for routine_id, name in rows(store, "SELECT DISTINCT routine_id, routine_name FROM session"
                                        " WHERE kind != 'rest'"):
        assert routines[name] == routine_id
    assert store.settings.starter_offered


def test_rest_days_are_a_check_in_without_sets(three_years):
    store = three_years
    rest = rows(store, "SELECT s.id, routine_id, routine_name, started_at, ended_at, shorter, energy, motivation,"
                       " stress_final, plan, (SELECT count(*) FROM logged_set l WHERE l.session_id = s.id)"
                       " FROM session s WHERE kind = 'rest'")
    [(sessions,)] = rows(store, "SELECT count(*) FROM session")
    assert 0.02 < len(rest) / sessions < 0.15
    for _, routine_id, name, started_at, ended_at, shorter, energy, motivation, final, plan, sets in rest:
        assert (routine_id, name, shorter, final, plan, sets) == (None, "", 0, None, "[]", 0)
        assert started_at == ended_at
        assert energy is not None or motivation is not None  # a check-in says how they are
    # Recorded on low days, when the app offers rest, and on ordinary days too.
    [(on_low_days,)] = rows(store, f"SELECT count(*) FROM session s WHERE kind = 'rest' AND {LOW}")
    assert 0 < on_low_days < len(rest)


def test_times_ascend_and_carry_the_offset_of_their_date(year):
    store, _ = year
    berlin = ZoneInfo("Europe/Berlin")
    previous_end = None
    offsets = set()
    for session_id, kind, started_at, ended_at in rows(store, "SELECT id, kind, started_at, ended_at FROM session"
                                                              " ORDER BY id"):
        start, end = datetime.fromisoformat(started_at), datetime.fromisoformat(ended_at)
        times = [start] + [datetime.fromisoformat(t) for (t,) in rows(
            store, "SELECT ended_at FROM logged_set WHERE session_id = ? ORDER BY position", session_id)] + [end]
        if kind == "rest":
            assert start == end and len(times) == 2  # a moment's check-in
        else:
            assert times == sorted(times) and len(set(times)) == len(times)
            assert timedelta(minutes=10) < end - start < timedelta(hours=2)
        assert previous_end is None or start > previous_end  # ascending, never overlapping
        previous_end = end
        for moment in times:
            assert moment.utcoffset() == moment.replace(tzinfo=berlin).utcoffset(), moment
            offsets.add(moment.utcoffset())
    assert offsets == {timedelta(hours=1), timedelta(hours=2)}


def test_each_rating_keeps_when_it_was_given_and_a_skipped_one_has_no_time(three_years):
    store = three_years
    berlin = ZoneInfo("Europe/Berlin")
    sets = rows(store, "SELECT l.session_id, l.ended_at, l.stress_after_set, l.stress_after_set_at,"
                       " l.stress_end_of_rest, l.stress_end_of_rest_at, s.ended_at FROM logged_set l"
                       " JOIN session s ON s.id = l.session_id ORDER BY l.id")
    for index, (session_id, ended_at, after, after_at, end, end_at, session_end) in enumerate(sets):
        assert (after is None) == (after_at is None) and (end is None) == (end_at is None)
        ended = datetime.fromisoformat(ended_at)
        following = sets[index + 1] if index + 1 < len(sets) and sets[index + 1][0] == session_id else None
        limit = datetime.fromisoformat(following[1] if following else session_end)
        for given in (after_at, end_at):
            if given is not None:
                moment = datetime.fromisoformat(given)
                assert timedelta(seconds=2) < moment - ended < timedelta(minutes=4)
                assert moment < limit  # given during the rest, before the next set ended
                assert moment.utcoffset() == moment.replace(tzinfo=berlin).utcoffset()
        if after_at and end_at:
            assert after_at < end_at
    assert sum(after is not None for _, _, after, *_ in sets) > 0.8 * len(sets)


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


def test_every_rating_is_0_to_10_or_missing_and_rpe_1_to_10(three_years):
    store = three_years
    for column in ("energy", "motivation", "stress_before", "stress_final"):
        assert rows(store, f"SELECT count(*) FROM session WHERE {column} NOT BETWEEN 0 AND 10")[0][0] == 0
    for column in ("stress_after_set", "stress_end_of_rest"):
        assert rows(store, f"SELECT count(*) FROM logged_set WHERE {column} NOT BETWEEN 0 AND 10")[0][0] == 0
        assert rows(store, f"SELECT typeof({column}) FROM logged_set WHERE {column} IS NOT NULL"
                           " GROUP BY 1") == [("integer",)]
    assert rows(store, "SELECT count(*) FROM logged_set WHERE rpe NOT BETWEEN 1 AND 10")[0][0] == 0
    [(lowest, highest)] = rows(store, "SELECT min(stress_after_set), max(stress_after_set) FROM logged_set")
    assert lowest <= 2 and highest >= 9  # the scale is used, not one comfortable middle


def test_skipped_ratings_are_null_in_about_one_of_eight(year):
    store, _ = year
    [(sets, after_skipped, end_skipped)] = rows(
        store, "SELECT count(*), sum(stress_after_set IS NULL), sum(stress_end_of_rest IS NULL)"
               " FROM logged_set l JOIN exercise e ON e.id = l.exercise_id"
               " WHERE e.name != 'Dumbbell Curl'")  # curls lead into pushdowns: no rest to rate
    assert 0.06 < after_skipped / sets < 0.2
    assert 0.06 < end_skipped / sets < 0.25
    [(sessions, energy, stress_before, final)] = rows(
        store, "SELECT count(*), sum(energy IS NULL), sum(stress_before IS NULL), sum(stress_final IS NULL)"
               " FROM session WHERE kind != 'rest'")
    for skipped in (energy, stress_before, final):
        assert 0.04 < skipped / sessions < 0.22


def test_low_readiness_days_are_few_and_end_in_every_choice_the_app_offers(three_years):
    store = three_years
    [(sessions, low)] = rows(store, f"SELECT count(*), coalesce(sum({LOW}), 0) FROM session s")
    assert 0.01 < low / sessions < 0.1
    choices = dict(rows(store, f"SELECT CASE WHEN kind = 'strength' AND shorter THEN 'shorter' ELSE kind END,"
                               f" count(*) FROM session s WHERE {LOW} GROUP BY 1"))
    assert choices.get("rest") and choices.get("shorter") and choices.get("calm")


def test_skipped_ratings_are_more_frequent_on_low_readiness_days(three_years):
    store = three_years
    shares = dict(rows(store, f"SELECT coalesce({LOW}, 0), avg(l.stress_after_set IS NULL) FROM logged_set l"
                              " JOIN session s ON s.id = l.session_id GROUP BY 1"))
    assert shares[1] > 1.5 * shares[0]


def test_some_sessions_are_shorter_and_some_end_early(three_years):
    store = three_years
    strength = rows(store, "SELECT shorter, plan, routine_name, (SELECT count(*) FROM logged_set l"
                           " WHERE l.session_id = s.id) FROM session s WHERE kind = 'strength'")
    shorter = [(name, sets) for short, _, name, sets in strength if short]
    assert 0.01 < len(shorter) / len(strength) < 0.15
    full = defaultdict(list)
    for short, plan, name, sets in strength:
        if not short and sets == len(json.loads(plan)):
            full[name].append(sets)
    for name, sets in shorter:  # warm-ups and half the working sets
        assert sets < 0.8 * statistics.median(full[name])
    early = sum(sets < len(json.loads(plan)) for _, plan, _, sets in strength)  # fewer sets than planned
    assert 0.01 < early / len(strength) < 0.15


def test_a_bad_month_shows_in_stress_before(three_years):
    store = three_years
    days = [(date.fromisoformat(t[:10]), before) for t, before in rows(
        store, "SELECT started_at, stress_before FROM session WHERE stress_before IS NOT NULL ORDER BY id")]
    windows = []
    start = days[0][0]
    while start + timedelta(days=28) <= days[-1][0]:
        inside = [before for day, before in days if start <= day < start + timedelta(days=28)]
        if len(inside) >= 3:
            windows.append(statistics.mean(inside))
        start += timedelta(days=7)
    assert max(windows) > statistics.median(windows) + 1.5


def test_relief_is_mostly_positive_sometimes_negative_with_a_few_signs_and_notes(year):
    store, _ = year
    relief = [after - end for after, end in rows(
        store, "SELECT stress_after_set, stress_end_of_rest FROM logged_set"
               " WHERE stress_after_set IS NOT NULL AND stress_end_of_rest IS NOT NULL")]
    assert sum(r > 0 for r in relief) > 0.5 * len(relief)
    assert 0.03 < sum(r < 0 for r in relief) / len(relief) < 0.25
    [(sets, with_signs, with_notes)] = rows(
        store, "SELECT count(*), sum(relief_signs != ''), sum(relief_note != '') FROM logged_set")
    assert 0.05 < with_signs / sets < 0.4
    assert 0 < with_notes < 0.03 * sets
    signs = {sign for (text,) in rows(store, "SELECT relief_signs FROM logged_set WHERE relief_signs != ''")
             for sign in text.split(",")}
    assert signs == set(RELIEF_SIGNS)  # relief, the neutral and the opposite


def test_the_history_is_not_drawn_to_improve(tmp_path):
    """Across seeds, stress after working sets ends some histories higher than it began and some lower."""
    changes = []
    with Store(tmp_path / "seeds.db") as store:
        for seed in range(1, 9):
            write_demo(store, years=1, seed=seed, end=END)
            means = [mean for (mean,) in rows(
                store, "SELECT avg(l.stress_after_set) FROM logged_set l JOIN session s ON s.id = l.session_id"
                       " WHERE s.kind = 'strength' AND l.set_type = 'working' GROUP BY s.id"
                       " HAVING count(l.stress_after_set) > 0 ORDER BY s.id")]
            quarter = len(means) // 4
            changes.append(statistics.mean(means[-quarter:]) - statistics.mean(means[:quarter]))
    assert min(changes) < 0 < max(changes)


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
            if len(types) > types.count("warmup"):  # a session ended early may stop after a warm-up
                assert max(load for t, load in sets if t == "warmup") <= min(load for t, load in sets if t != "warmup")
    assert with_warmups > len(groups) / 3
    [(working, with_rpe)] = rows(store, "SELECT count(*), sum(rpe IS NOT NULL) FROM logged_set"
                                        " WHERE set_type != 'warmup' AND duration_s IS NULL")
    assert 0.15 < with_rpe / working < 0.6
    assert rows(store, "SELECT count(*) FROM logged_set WHERE set_type = 'warmup' AND rpe IS NOT NULL")[0][0] == 0
    assert rows(store, "SELECT count(*) FROM logged_set WHERE set_type = 'drop'")[0][0] > 0


def test_loads_rise_in_plates_with_deloads_and_missed_weeks(year):
    store, _ = year
    loads = rows(store, "SELECT DISTINCT load_kg FROM logged_set WHERE load_kg IS NOT NULL")
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
    assert 38 <= len(trained_weeks) <= 51  # holidays, illness and a bad month take a few weeks out of 52


def test_calm_sessions_about_weekly_and_some_do_not_help(three_years):
    store = three_years
    [(count,)] = rows(store, "SELECT count(*) FROM session WHERE kind = 'calm'")
    assert 100 <= count <= 200  # about weekly, over three years
    [(rated, no_help)] = rows(store, "SELECT count(*), sum(stress_final >= stress_before) FROM session"
                                     " WHERE kind = 'calm' AND stress_final IS NOT NULL AND stress_before IS NOT NULL")
    assert 0.05 < no_help / rated < 0.5
    [(blocks, timed)] = rows(store, "SELECT count(*), sum(duration_s > 0 AND reps IS NULL AND load_kg IS NULL)"
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


def test_a_rest_day_of_your_own_is_your_own_session_too(tmp_path):
    path = tmp_path / "mine.db"
    with Store(path) as store:
        store.conn.execute("INSERT INTO session (routine_name, kind, started_at, ended_at, energy, motivation)"
                           " VALUES ('', 'rest', ?, ?, 2, 1)", ("2025-01-07T08:00:00.000+01:00",) * 2)
    before = path.read_bytes()
    with Store(path) as store, pytest.raises(DemoRefused):
        write_demo(store, years=1, seed=1, end=END)
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
    assert 80_000 <= summary.sets <= 110_000  # fewer than planned: rest days, shorter and bad months
    assert rows(store, "SELECT max(load_kg) FROM logged_set")[0][0] <= 250


def test_a_timed_calm_block_has_no_reps_and_no_load_as_a_live_one(year):
    """Missing is missing in the sample too: a breathing block is a time, not 1 rep at 0 kg."""
    store, _ = year
    [(blocks, with_numbers)] = rows(store, "SELECT count(*), sum(reps IS NOT NULL OR load_kg IS NOT NULL) FROM "
                                           "logged_set l JOIN exercise e ON e.id = l.exercise_id WHERE e.kind = 'calm'")
    assert blocks > 0 and with_numbers == 0


def test_a_plank_is_a_timed_hold_with_no_reps_and_no_load(year):
    """Missing is missing in the sample too: a plank has its seconds, never "1 rep at 0 kg"."""
    store, _ = year
    holds = rows(store, "SELECT l.reps, l.load_kg, l.duration_s FROM logged_set l JOIN exercise e"
                       " ON e.id = l.exercise_id WHERE e.name = 'Plank'")
    assert holds and all(reps is None and load is None for reps, load, _ in holds)
    assert all(15 <= seconds <= 70 for _, _, seconds in holds)
