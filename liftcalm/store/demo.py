"""Sample data: a plausible training history, to try LiftCalm or to measure it.

The history is a person's, not the app's story: nothing in it is drawn to get better. Someone
starts with the Full Body Starter three or four evenings a week, moves on to an upper/lower
split, adds load most weeks, deloads every six to eight weeks, misses weeks for holidays and
colds, and does a Calm Reset about once a week.

How they feel follows their life. Their months come in stretches of one to five, each with its
own everyday stress, how strongly a hard set stirs them and how quickly a rest settles them;
a stretch often repeats the one before (flat months), and the next one wanders from it, up as
likely as down. About every year and a half (once in any history of four months or more)
comes a bad month: more stress before and after the same sets, less energy and motivation,
more skipped ratings, fewer sessions. Stress after a set comes from its effort (load and reps
against that day's strength), the stress they came in with, the exercise and chance; during
the rest it drifts back towards their everyday level, so relief is small or negative after a
warm-up, before a heavy set, or when the rest settles nothing.

Low days (energy and motivation both 2 or less, when the app says support comes first) end in
a recorded rest day, the shorter version, a calm session, nothing logged at all, or now and
then the session as planned. Rest days are recorded on ordinary days too, sessions are ended
early, calm sessions sometimes do not help. Ratings are skipped, more often on low days and in
a bad month: NULL then, never 0, and so is the time each rating was given.

Every session written has ``source = 'demo'``, so sample data is always recognisable. A
database that holds any other session (the user's own, or imported) is refused untouched.
Writing again replaces the earlier sample history as a whole; two histories never mix.

The history ends the day before ``end`` (the command line passes today: nothing lies in the
future). The same ``seed``, ``years``, ``end`` and density give the same session and set rows,
byte for byte: all chance comes from one ``random.Random(seed)`` and nothing reads the clock
(only the starter routines' own created_at is the real time they were added). Times are
wall-clock times in the local time zone, each written with the UTC offset valid on its date.
"""

from __future__ import annotations

import bisect
import math
import random
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta

from liftcalm.core.catalogue import load_starter_routines
from liftcalm.core.changes import Change, ChangeKind
from liftcalm.core.coaching import RELIEF_SIGNS, is_low_readiness
from liftcalm.core.models import Measure, Routine, SetType
from liftcalm.core.session_plan import PlannedSet, plan_sets
from liftcalm.core.validation import name_key
from liftcalm.store.sessions import finished_plan
from liftcalm.store.sql import iso_local
from liftcalm.store.store import STARTER_FILE

DEMO_SOURCE = "demo"
MAX_YEARS = 12.0
MAX_SESSIONS_PER_WEEK = 7.0  # strength sessions; one a day at most

BEGINNER_ROUTINE = "Full Body Starter"
SPLIT = ("Upper Body", "Lower Body", "Upper Body", "Lower Body", "Full Body Starter")
CALM_ROUTINE = "Calm Reset"
BEGINNER_WEEKS = 8
BAD_MONTH_EVERY_DAYS = 548  # about every year and a half

# Where each starter exercise's working load levels off after years of training (kg).
# Others level off at three times their starting load plus 10 kg.
LOAD_CEILINGS = {
    "Goblet Squat": 40, "Dumbbell Bench Press": 40, "Seated Cable Row": 90, "Romanian Deadlift": 140,
    "Dumbbell Shoulder Press": 28, "Barbell Bench Press": 100, "Lat Pulldown": 85, "Dumbbell Curl": 18,
    "Triceps Pushdown": 45, "Barbell Back Squat": 140, "Leg Press": 240, "Leg Curl": 65, "Standing Calf Raise": 120,
}
EFFORT_BY_EQUIPMENT = {"barbell": 1.1, "dumbbell": 1.0, "cable": 0.9, "machine": 0.9, "bodyweight": 0.8}
BAR_KG = 20.0
# What the person notices in a rest: relief when stress came down, else the neutral or the opposite.
SIGNS_OF_RELIEF = tuple(sign for sign in ("breath slowing", "heart settling", "muscles warm", "mind calmer")
                        if sign in RELIEF_SIGNS)
NO_RELIEF = tuple(sign for sign in ("still tense", "nothing in particular") if sign in RELIEF_SIGNS)
MORE_TENSE = tuple(sign for sign in ("more tense",) if sign in RELIEF_SIGNS) or NO_RELIEF
RELIEF_NOTES = ("Long exhales helped", "Shoulders dropped", "Thinking about work", "Easier than last week",
                "Took my time", "Counted breaths", "Jaw was tight", "Good song on", "Heavy one", "Mind racing")
SESSION_NOTES = ("Felt strong today", "Short on sleep", "Busy gym", "New belt", "Knee a bit stiff",
                 "Great pump", "Rough week", "Didn't want to come", "Heavy legs")
EARLY_END_NOTES = ("Rushed, had to leave early", "Not feeling it today", "Stopped, head not in it", "Out of time")
REST_NOTES = ("Slept badly", "Sore from yesterday", "Just checking in", "Needed a quiet day", "Long day at work",
              "Headache")


class DemoRefused(Exception):
    """The database holds the user's own sessions: sample data goes into a separate file."""

    def __init__(self, path, count: int):
        super().__init__(f"{path} already holds your own sessions ({count}); sample data goes into a separate file")
        self.path = path
        self.own_sessions = count


@dataclass(frozen=True)
class DemoSummary:
    sessions: int  # every session row, rest days included
    calm_sessions: int
    sets: int
    first_date: date | None
    last_date: date | None
    replaced: int = 0  # sample sessions of an earlier run, removed first
    rest_days: int = 0  # recorded rest days: a readiness check-in, no sets

    def lines(self) -> list[str]:
        """The summary as short lines for a terminal."""
        strength = self.sessions - self.calm_sessions - self.rest_days
        rest = f"{self.rest_days} rest day{'' if self.rest_days == 1 else 's'}"
        out = [f"sessions: {self.sessions} ({strength} strength, {self.calm_sessions} calm, {rest})",
               f"sets: {self.sets}"]
        if self.first_date:
            out.append(f"dates: {self.first_date.isoformat()} to {self.last_date.isoformat()}")
        if self.replaced:
            out.append(f"replaced the earlier sample history ({self.replaced} sessions)")
        return out


def own_sessions(conn) -> int:
    """Count the sessions that are not sample data."""
    return conn.execute("SELECT count(*) FROM session WHERE source != ?", (DEMO_SOURCE,)).fetchone()[0]


def write_demo(store, *, years: float = 1.0, seed: int = 1, end: date, sessions_per_week: float = 3.5,
               sets_per_session: int | None = None) -> DemoSummary:
    """Replace the sample history in ``store`` with ``years`` of training up to the day before ``end``.

    ``sessions_per_week`` counts the strength sessions planned in an ordinary week (1-7): some
    become rest days, calm sessions or nothing, and a calm session comes about once a week on
    top. ``sets_per_session`` resizes the strength routines to about that many planned sets
    (None: as the starter routines have them, 17-19); shorter sessions and sessions ended early
    log fewer. Near-daily training for a benchmark: ``years=10, sessions_per_week=7,
    sets_per_session=30`` writes about 3,600 sessions (150 of them rest days) and 88,000 sets, in
    one transaction.

    The starter routines are added if missing. Raises ``DemoRefused`` (nothing written) when
    the database holds any session that is not sample data, and ``ValueError`` for values out
    of range.
    """
    if not 0 < years <= MAX_YEARS:
        raise ValueError(f"years must be more than 0 and at most {MAX_YEARS:g}")
    if not 1 <= sessions_per_week <= MAX_SESSIONS_PER_WEEK:
        raise ValueError(f"sessions_per_week must be between 1 and {MAX_SESSIONS_PER_WEEK:g}")
    if sets_per_session is not None and not 4 <= sets_per_session <= 60:
        raise ValueError("sets_per_session must be between 4 and 60")
    # Checked before anything is written, so a refused file stays byte for byte as it was.
    if count := own_sessions(store.conn):
        raise DemoRefused(store.path, count)
    templates = _starter_templates(store)
    routine_ids = _ensure_routines(store, templates)
    history = _History(store, templates, routine_ids, random.Random(seed), sets_per_session)
    first_day = end - timedelta(days=round(years * 365.25))
    sessions, sets = history.generate(first_day, end, sessions_per_week)
    conn = store.conn
    with store.transaction():
        if count := own_sessions(conn):  # one may have been started meanwhile
            raise DemoRefused(store.path, count)
        replaced = conn.execute("DELETE FROM session WHERE source = ?", (DEMO_SOURCE,)).rowcount
        # Only sample sessions were there: start the ids afresh, so writing again equals a new file.
        if not conn.execute("SELECT 1 FROM session").fetchone():
            conn.execute("DELETE FROM sqlite_sequence WHERE name = 'session'")
        next_id = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM session").fetchone()[0]
        conn.executemany(
            "INSERT INTO session (id, routine_id, routine_name, kind, started_at, ended_at, shorter, energy,"
            " motivation, stress_before, stress_final, note, plan, source) VALUES"
            f" (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '{DEMO_SOURCE}')",
            [(next_id + index, *row) for index, row in enumerate(sessions)])
        conn.executemany(
            "INSERT INTO logged_set (session_id, position, plan_index, exercise_id, set_number, set_type, reps,"
            " load_kg, rpe, duration_s, ended_at, stress_after_set, stress_end_of_rest, relief_signs, relief_note,"
            " stress_after_set_at, stress_end_of_rest_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            ((next_id + index, *row) for index, rows in enumerate(sets) for row in rows))
        store.changes.publish(Change(ChangeKind.SESSIONS))
    days = [date.fromisoformat(row[3][:10]) for row in (sessions[0], sessions[-1])] if sessions else [None, None]
    return DemoSummary(len(sessions), sum(row[2] == "calm" for row in sessions), sum(map(len, sets)),
                       days[0], days[1], replaced, sum(row[2] == "rest" for row in sessions))


def prepare_sample(path, today: date):
    """The sample database at ``path``, made with a year of sample history unless it has sessions."""
    from liftcalm.store import Store

    with Store(path) as store:
        if not store.has_sessions():
            write_demo(store, years=1, seed=1, end=today)
    return path


def _starter_templates(store) -> dict[str, Routine]:
    ids = {exercise.name: exercise.id for exercise in store.exercises.all()}
    return {routine.name: routine for routine in load_starter_routines(STARTER_FILE, ids)}


def _ensure_routines(store, templates: dict[str, Routine]) -> dict[str, int]:
    """Add the starter routines this database lacks; return every starter routine's id by name."""
    present = {name_key(name): routine_id for routine_id, name, _ in store.routines.list()}
    for name, template in templates.items():
        if name_key(name) not in present:
            present[name_key(name)] = store.book.add(template, f"Add starter routine “{name}”").id
    store.settings.starter_offered = True
    return {name: present[name_key(name)] for name in templates}


def _round_load(kg: float, barbell: bool) -> float:
    """Round to 2.5 kg plates; a barbell never weighs less than the bar, any load at least 2.5 kg."""
    return max(BAR_KG if barbell else 2.5, round(kg / 2.5) * 2.5)


def _rating(value: float) -> int:
    return min(10, max(0, round(value)))


@dataclass
class _Lift:
    """One exercise's progress: its working load rises towards a ceiling, more slowly each week."""

    start: float
    ceiling: float
    level: float
    barbell: bool
    hold: bool  # held for time (Measure.TIME), like a plank: seconds, no reps and no load
    effort: float  # how hard a working set of it feels to this person, relative to a dumbbell exercise


@dataclass
class _Week:
    monday: date
    missed: str = ""  # "holiday", "ill", "busy" or "" for a training week
    deload: bool = False
    pressure: float = 0.0  # a hard week at work
    back_from: str = ""  # the first week after a missed stretch: why it was missed
    trained: set[int] = field(default_factory=set)


@dataclass(frozen=True)
class _Stretch:
    """A stretch of months in which the person's everyday stress and reactions hold still."""

    start: int  # date ordinal of its first day
    stress: float  # everyday stress, 0-10
    reactivity: float  # how strongly a hard set stirs them: 1 as usual
    settling_s: float  # how quickly a rest settles them: the time constant of the drift back


@dataclass(frozen=True)
class _Day:
    """How the person is on one day, and what they answered in the readiness check."""

    stress: float  # right now, before rounding
    vigour: float  # the energy behind the rating
    energy: int | None
    motivation: int | None
    stress_before: int | None
    bad: float  # 0-1: how deep into a bad month
    rough: bool  # a rough day: little energy or drive whatever the month
    skip: float  # the chance that a rating after a set, or the final one, is skipped
    reactivity: float
    settling_s: float

    @property
    def low(self) -> bool:
        return is_low_readiness(self.energy, self.motivation)


class _History:
    """Generates sessions week by week; nothing is written until the end."""

    def __init__(self, store, templates: dict[str, Routine], routine_ids: dict[str, int], rng: random.Random,
                 sets_per_session: int | None):
        self.rng = rng
        self.routine_ids = routine_ids
        self.routines = {name: _resized(routine, sets_per_session) if name != CALM_ROUTINE else routine
                         for name, routine in templates.items()}
        self.lifts: dict[int, _Lift] = {}
        for routine in self.routines.values():
            for item in routine.items:
                exercise = store.exercises.get(item.exercise_id)
                if exercise.is_calm or item.exercise_id in self.lifts:
                    continue
                start = item.target_load_kg
                ceiling = LOAD_CEILINGS.get(exercise.name, start * 3 + 10) if start else 0.0
                # Some lifts unsettle this person more than others, whatever the equipment says.
                effort = EFFORT_BY_EQUIPMENT.get(exercise.equipment, 1.0) * rng.uniform(0.85, 1.2)
                self.lifts[item.exercise_id] = _Lift(
                    start, ceiling, start, exercise.equipment == "barbell", exercise.measure is Measure.TIME,
                    effort)
        self.plans: dict[tuple, tuple] = {}  # each routine variant's plan, made once
        self.holidays: dict[int, tuple[tuple[date, int], bool]] = {}  # year: (summer start, weeks), christmas
        self.first_day = date.min
        self.stretches: list[_Stretch] = []
        self.stretch_starts: list[int] = []
        self.bad_months: list[tuple[date, int]] = []  # (first day, days)
        self.trained_weeks = 0
        self.hard_weeks = 0  # trained weeks since the last deload
        self.next_deload = 0
        self.missed_weeks = 0  # in a row, up to now
        self.split_index = 0

    # -- the calendar -----------------------------------------------------------------------
    def generate(self, first_day: date, end: date, sessions_per_week: float) -> tuple[list[tuple], list[list[tuple]]]:
        """Session rows (without id) and their set rows (without session id), in order of start."""
        rng = self.rng
        self.first_day = first_day
        self.next_deload = rng.randint(5, 7)
        self._plan_life(first_day, end)
        sessions: list[tuple] = []
        sets: list[list[tuple]] = []
        monday = first_day - timedelta(days=first_day.weekday())
        previous = _Week(monday - timedelta(days=7))
        ill_weeks = 0
        while monday < end:
            week = _Week(monday, pressure=rng.uniform(1.5, 2.5) if rng.random() < 0.12 else 0.0)
            if ill_weeks:
                week.missed, ill_weeks = "ill", ill_weeks - 1
            elif self._on_holiday(monday):
                week.missed = "holiday"
            elif rng.random() < 0.03:
                week.missed, ill_weeks = "ill", int(rng.random() < 0.3)
            elif rng.random() < 0.02:
                week.missed = "busy"
            if not week.missed:
                week.back_from = previous.missed
                week.deload = self.hard_weeks >= self.next_deload
            written = self._week(week, first_day, end, sessions_per_week)
            written.sort(key=lambda session: session[0])
            for _, row, rows in written:
                sessions.append(row)
                sets.append(rows)
            self._progress(week)
            previous, monday = week, monday + timedelta(days=7)
        return sessions, sets

    def _plan_life(self, first_day: date, end: date) -> None:
        """Draw the stretches of the person's months and the bad months, before any week."""
        rng = self.rng
        day = first_day - timedelta(days=7)  # the first week may begin before the first day
        stress, reactivity, settling = rng.uniform(3.3, 4.8), rng.uniform(0.85, 1.15), rng.uniform(70, 110)
        while day < end:
            self.stretches.append(_Stretch(day.toordinal(), stress, reactivity, settling))
            day += timedelta(days=rng.randint(30, 150))
            if rng.random() < 0.4:
                continue  # the next stretch is like this one: months in which nothing changes
            # Each stretch wanders from the last, pulled back to the person's usual: no direction.
            stress = min(6.5, max(2.0, 4.0 + 0.6 * (stress - 4.0) + rng.gauss(0, 0.7)))
            reactivity = min(1.35, max(0.7, 1.0 + 0.6 * (reactivity - 1.0) + rng.gauss(0, 0.12)))
            settling = min(140.0, max(50.0, 90 + 0.6 * (settling - 90) + rng.gauss(0, 15)))
        self.stretch_starts = [stretch.start for stretch in self.stretches]
        days = (end - first_day).days
        if days < 120:
            return
        wanted = max(1, round(days / BAD_MONTH_EVERY_DAYS))
        for _ in range(40 * wanted):
            if len(self.bad_months) == wanted:
                break
            # Anywhere in the history, the first weeks and the last as likely as any others.
            length = rng.randint(26, 38)
            start = first_day + timedelta(days=rng.randrange(days - length))
            if all(abs((start - other).days) > 90 for other, _ in self.bad_months):
                self.bad_months.append((start, length))
        self.bad_months.sort()

    def _stretch(self, day: date) -> _Stretch:
        return self.stretches[max(0, bisect.bisect_right(self.stretch_starts, day.toordinal()) - 1)]

    def _bad(self, day: date) -> float:
        """How deep into a bad month ``day`` is: 0 outside, 1 inside, a week's slide in and ten days out."""
        for start, days in self.bad_months:
            into = (day - start).days
            if -7 < into < days + 10:
                return min(1.0, (into + 7) / 7, (days + 10 - into) / 10)
        return 0.0

    def _on_holiday(self, monday: date) -> bool:
        """Summer holidays of one or two weeks, and Christmas most years."""
        if monday.year not in self.holidays:
            july = date(monday.year, 7, 1)
            start = july + timedelta(days=(7 - july.weekday()) % 7 + 7 * self.rng.randrange(7))
            self.holidays[monday.year] = (start, 2 if self.rng.random() < 0.6 else 1), self.rng.random() < 0.7
        (start, weeks), christmas = self.holidays[monday.year]
        if start <= monday < start + timedelta(days=7 * weeks):
            return True
        return christmas and monday <= date(monday.year, 12, 25) < monday + timedelta(days=7)

    def _week(self, week: _Week, first_day: date, end: date, sessions_per_week: float) -> list[tuple]:
        rng = self.rng
        if week.missed:
            strength_days: list[int] = []
            calm = int(rng.random() < {"ill": 0.4, "holiday": 0.2, "busy": 0.3}[week.missed])
        else:
            count = int(sessions_per_week) + (rng.random() < sessions_per_week % 1)
            if count > 1 and rng.random() < 0.1:
                count -= 1  # a busy few days
            strength_days = _spread(min(count, 7), rng)
            roll = rng.random()
            calm = 2 if roll < 0.12 else 1 if roll < 0.85 else 0
        free = [day for day in range(7) if day not in strength_days]
        calm_days = []
        for _ in range(calm):
            choices = [day for day in free if day not in calm_days] or [d for d in range(7) if d not in calm_days]
            calm_days.append(rng.choice(choices))
        written = []
        starts: dict[int, int] = {}  # minute of the day each workout starts
        for weekday in strength_days:
            day = week.monday + timedelta(days=weekday)
            start = self._strength_start(day)
            starts[weekday] = start[1]
            if first_day <= day < end:
                written += self._strength_day(day, start, week)
        for weekday in sorted(calm_days):
            day = week.monday + timedelta(days=weekday)
            start = self._calm_start(day, starts.get(weekday))
            if first_day <= day < end:
                written += self._calm_day(day, start, week)
        # A rest day recorded on a day with nothing planned: a check-in, more often when unwell.
        chance = {"": 0.05, "ill": 0.15, "busy": 0.04, "holiday": 0.0}[week.missed]
        for weekday in range(7):
            day = week.monday + timedelta(days=weekday)
            if weekday in strength_days or weekday in calm_days or not first_day <= day < end:
                continue
            if chance and rng.random() < chance + 0.1 * self._bad(day):
                written += self._rest_check_in(day, week)
        if strength_days:
            self.trained_weeks += 1
        return written

    def _next_routine(self) -> str:
        if self.trained_weeks < BEGINNER_WEEKS:
            return BEGINNER_ROUTINE
        self.split_index += 1
        return SPLIT[self.split_index % len(SPLIT)]

    def _progress(self, week: _Week) -> None:
        """Add load to what was trained in a hard week (less in a bad month); lose a little in a missed one."""
        if week.missed:
            self.missed_weeks += 1
            if self.missed_weeks == 2:
                self.hard_weeks = 0  # a break this long was rest enough
            for lift in self.lifts.values():
                lift.level = max(lift.start, lift.level * 0.97)
            return
        self.missed_weeks = 0
        if week.deload:
            self.hard_weeks, self.next_deload = 0, self.rng.randint(5, 7)
            return
        self.hard_weeks += 1
        pace = 0.03 * (1 - 0.6 * self._bad(week.monday + timedelta(days=3)))
        for exercise_id in sorted(week.trained):
            lift = self.lifts[exercise_id]
            lift.level += (lift.ceiling - lift.level) * pace * self.rng.uniform(0.4, 1.6)

    # -- times of day -----------------------------------------------------------------------
    def _strength_start(self, day: date) -> tuple[float, int]:
        """Mostly evenings; sometimes early mornings or lunch; weekends late morning or afternoon."""
        rng = self.rng
        roll = rng.random()
        if day.weekday() >= 5:
            minute = 9 * 60 + rng.randrange(150) if roll < 0.6 else 16 * 60 + rng.randrange(180)
        elif roll < 0.72:
            minute = 17 * 60 + 15 + rng.randrange(165)
        elif roll < 0.87:
            minute = 6 * 60 + 15 + rng.randrange(75)
        else:
            minute = 12 * 60 + rng.randrange(45)
        return _wall(day, minute, rng.randrange(60)), minute

    def _calm_start(self, day: date, strength_minute: int | None) -> tuple[float, int]:
        """An evening on a rest day; on a training day, well away from the workout."""
        rng = self.rng
        if strength_minute is None:
            minute = 19 * 60 + 30 + rng.randrange(150) if rng.random() < 0.7 else 7 * 60 + rng.randrange(60)
        elif strength_minute >= 12 * 60:
            minute = 6 * 60 + 30 + rng.randrange(60)
        else:
            minute = 20 * 60 + 30 + rng.randrange(75)
        return _wall(day, minute, rng.randrange(60)), minute

    # -- how the person feels ---------------------------------------------------------------
    def _months(self, day: date) -> float:
        return (day - self.first_day).days / 30.44

    def _check_in(self, day: date, week: _Week, calm: bool = False, unwell: bool = False) -> _Day:
        """How the person is today, and the readiness check as they answered it."""
        rng = self.rng
        bad = self._bad(day)
        stretch = self._stretch(day)
        rough = rng.random() < 0.045 + 0.22 * bad
        stress = (stretch.stress + week.pressure + 2.4 * bad + (1.5 if rough else 0.0) + (0.5 if unwell else 0.0)
                  + (1.2 if calm else 0.0)  # a calm session is chosen on a tense day
                  - (1.0 if week.back_from == "holiday" else 0.0) + rng.gauss(0, 1.0))
        if rough:
            vigour, drive = rng.uniform(0.0, 2.8), rng.uniform(0.0, 2.8)
        else:
            vigour = (6.4 - 0.3 * (stress - 4) - 1.8 * bad - (2.0 if unwell else 0.0)
                      - (1.5 if week.back_from == "ill" else 0.0) + rng.gauss(0, 1.2))
            drive = (6.4 + 0.5 * (vigour - 6.4) - 1.6 * bad + rng.gauss(0, 1.1)
                     + (1.0 if self._months(day) < 1.5 or week.back_from == "holiday" else 0.0))
        if rng.random() < 0.03 + 0.04 * bad:
            energy = motivation = stress_before = None  # went straight past the readiness check
        else:
            asked = 0.05 + 0.05 * bad
            energy, motivation, stress_before = (self._maybe(_rating(value), asked)
                                                 for value in (vigour, drive, stress))
        skip = 0.07 + 0.12 * bad + (0.22 if rough else 0.0)
        return _Day(stress, vigour, energy, motivation, stress_before, bad, rough, skip,
                    stretch.reactivity, stretch.settling_s * (1 + 0.4 * bad))

    def _maybe(self, value, skipped: float = 0.1):
        """The rating as given, or None when the person skipped it."""
        return None if self.rng.random() < skipped else value

    # -- what the person does with the day --------------------------------------------------
    def _strength_day(self, day: date, start: tuple[float, int], week: _Week) -> list[tuple]:
        """A planned workout: done, shorter, swapped for a calm session or a rest day, or not logged."""
        rng = self.rng
        if rng.random() < 0.4 * self._bad(day):
            return []  # a bad month: stayed home and logged nothing
        state = self._check_in(day, week)
        shorter = False
        if state.low:  # the app says support comes first and offers; what they choose varies
            roll = rng.random()
            if roll < 0.28:
                return [self._rest(start[0] + rng.uniform(20, 90), state)]
            if roll < 0.46:
                return [self._calm(start, state)]
            if roll < 0.64:
                return []  # closed the app: the day is not in the history
            shorter = roll < 0.92  # or went ahead as planned
        elif rng.random() < 0.03 and (state.energy, state.motivation) != (None, None):
            return [self._rest(start[0] + rng.uniform(20, 90), state)]  # sore, or out of time
        elif state.energy is not None and state.energy <= 4:
            shorter = rng.random() < 0.3
        else:
            shorter = rng.random() < 0.025  # short of time
        return [self._strength(day, start, self._next_routine(), week, state, shorter)]

    def _calm_day(self, day: date, start: tuple[float, int], week: _Week) -> list[tuple]:
        rng = self.rng
        if rng.random() < 0.25 * self._bad(day):
            return []
        state = self._check_in(day, week, calm=True)
        if state.low and rng.random() < 0.3:
            return [self._rest(start[0] + rng.uniform(20, 90), state)]
        return [self._calm(start, state)]

    def _rest_check_in(self, day: date, week: _Week) -> list[tuple]:
        rng = self.rng
        minute = 7 * 60 + rng.randrange(150) if rng.random() < 0.4 else 19 * 60 + 30 + rng.randrange(180)
        wall = _wall(day, minute, rng.randrange(60))
        state = self._check_in(day, week, unwell=week.missed == "ill")
        if (state.energy, state.motivation) == (None, None):
            return []  # nothing answered: nothing to record
        return [self._rest(wall, state)]

    def _rest(self, wall: float, state: _Day) -> tuple:
        """A recorded rest day: the readiness check-in alone, at one moment."""
        at = iso_local(wall)
        note = self.rng.choice(REST_NOTES) if self.rng.random() < 0.12 else ""
        row = (None, "", "rest", at, at, 0, state.energy, state.motivation, state.stress_before, None, note, "[]")
        return wall, row, []

    # -- sessions ---------------------------------------------------------------------------
    def _strength(self, day: date, start: tuple[float, int], name: str, week: _Week, state: _Day,
                  shorter: bool) -> tuple:
        rng = self.rng
        wall, _ = start
        months = self._months(day)
        bad = state.bad
        form = 1.0 + 0.02 * (state.vigour - 6.4) - 0.04 * bad + rng.gauss(0, 0.03)  # today's strength, 1 as usual
        routine = self.routines[name]
        drop = failure = -1
        if not week.deload and not shorter and months > 1:
            weighted = [index for index, item in enumerate(routine.items) if item.target_load_kg > 0]
            if rng.random() < 0.12:
                drop = rng.choice(weighted)
            if rng.random() < 0.05:
                failure = weighted[-1]
        plan, plan_json, item_types = self._plan(name, shorter, drop, failure)
        count = len(plan)
        ended_early = rng.random() < 0.035 + 0.1 * bad + (0.08 if state.vigour < 3.5 else 0.0)
        done = max(3, round(count * rng.uniform(0.35, 0.85))) if ended_early else count
        skip_all = rng.random() < 0.03 + 0.08 * bad + (0.12 if state.rough else 0.0)  # a session rated not at all
        rpe_share = 0.2 + 0.3 * (1 - math.exp(-months / 6))  # logging RPE becomes a habit
        calm_level = 0.8 * state.stress + 0.5  # where a rest drifts back to
        clock = _clock(wall)
        rows = []
        t = wall + rng.uniform(90, 240)  # the readiness check, then setting up
        for index, planned in enumerate(plan[:done]):
            lift = self.lifts[planned.exercise_id]
            week.trained.add(planned.exercise_id)
            load, reps, rpe, effort = self._set(planned, item_types[planned.item_index], lift, week.deload,
                                                rpe_share, form, bad)
            held = None
            if lift.hold:  # a timed hold (a plank): its seconds, no reps and no load
                # Longer as the core gets stronger.
                held = round(20 + 40 * (1 - math.exp(-months / 6)) + rng.uniform(-5, 8))
                t += held
                reps, load = None, None
            else:
                t += 6 + reps * rng.uniform(2.2, 3.8)
            ended = t
            after = (1.2 + 0.5 * state.stress + 2.1 * effort * state.reactivity + 0.5 * index / count + 0.6 * bad
                     + rng.gauss(0, 0.9))
            rest = planned.rest_after_s
            corrected = (reps != planned.target_reps and held is None) or rpe is not None
            if rest:
                rested = rest * rng.uniform(0.92, 1.25)
                following = plan[index + 1] if index + 1 < done else None
                braced = 0.0  # stress rising again before the next hard set
                if following is not None and following.set_type is not SetType.WARMUP:
                    braced = rng.uniform(0.2, 0.8) if planned.set_type is SetType.WARMUP else rng.uniform(0.0, 0.4)
                settled = 1 - math.exp(-rested / state.settling_s)
                end_of_rest = after - settled * (after - calm_level) + braced + rng.gauss(0, 0.7)
                ratings = self._rest_ratings(ended, rested, _rating(after), _rating(end_of_rest), skip_all, False,
                                             state.skip, clock, corrected)
                t += rested + rng.uniform(5, 25)
            else:  # inside a superset: no rest to reflect on
                value = None if skip_all else self._maybe(_rating(after), state.skip)
                ratings = (value, None, "", "", None if value is None else clock(ended + rng.uniform(3, 12)), None)
                t += rng.uniform(15, 40)  # over to the partner exercise
            rows.append((index, index, planned.exercise_id, planned.set_number, planned.set_type.value, reps, load,
                         rpe, held, clock(ended), *ratings))
            if index + 1 < done and plan[index + 1].item_index != planned.item_index and rest:
                t += rng.uniform(30, 120)  # setting up the next exercise
        t += rng.uniform(20, 90)  # the summary
        # Training eases stress a little on most days, not on all; an early end seldom helps.
        final = self._maybe(_rating(state.stress - 0.5 + 0.3 * bad + (0.6 if ended_early else 0.0)
                                    + rng.gauss(0, 1.2)), state.skip)
        note = ""
        if ended_early and rng.random() < 0.3:
            note = rng.choice(EARLY_END_NOTES)
        elif rng.random() < 0.03 + 0.05 * bad:
            note = rng.choice(SESSION_NOTES)
        row = (self.routine_ids[name], name, "strength", clock(wall), clock(t), int(shorter),
               state.energy, state.motivation, state.stress_before, final, note, plan_json)
        return wall, row, rows

    def _set(self, planned: PlannedSet, types: tuple[SetType, ...], lift: _Lift, deload: bool,
             rpe_share: float, form: float, bad: float) -> tuple[float, int, float | None, float]:
        """Load, reps, RPE (or None) and effort (about 0-1.4, how hard it is today) of one strength set."""
        rng = self.rng
        working = _round_load(lift.level * (0.7 if deload else 1.0), lift.barbell) if lift.level else 0.0
        kind, target = planned.set_type, planned.target_reps
        reps, rpe, extra = target, None, 0.0
        if kind is SetType.WARMUP:  # warm-ups come first in an exercise: 50%, or 40% then 65%
            share = 0.5 if types.count(SetType.WARMUP) == 1 else 0.4 + 0.25 * (planned.set_number - 1)
            load = _round_load(working * share, lift.barbell) if working else 0.0
            return load, reps, None, _effort(share / form) * lift.effort
        hard = [index for index, other in enumerate(types) if other is not SetType.WARMUP]
        ordinal = hard.index(planned.set_number - 1) / max(1, len(hard) - 1)  # 0 first, 1 last
        load = working
        if kind is SetType.DROP:
            load = _round_load(working * 0.75, lift.barbell) if working else 0.0
            reps += rng.randint(2, 4)
            extra, rpe = 0.4, rng.choice((9.5, 10.0))  # straight after a hard set, to near failure
        elif kind is SetType.FAILURE:
            reps += rng.randint(0, 2)
            extra, rpe = 0.3, 10.0
        elif not (lift.hold or deload):
            if ordinal == 1 and rng.random() < (0.33 if form >= 0.97 else 0.6):
                reps -= 1 if rng.random() < 0.75 else 2  # the last set runs short, more often on a weak day
            elif ordinal == 0 and rng.random() < (0.1 if form < 1.03 else 0.25):
                reps += 1
        if lift.level:  # load and reps against today's strength, both as estimated 1RM (Epley)
            relative = load * (1 + reps / 30) / (lift.level * form * (1 + target / 30))
        else:
            relative = reps / target * (0.75 if deload else 1.0) / form
        if kind is SetType.WORKING:
            extra = 0.08 * ordinal  # tiredness builds over an exercise's sets
            if rng.random() < rpe_share:
                felt = 6.8 + 2 * ordinal + 8 * (relative - 1) + 0.8 * bad + rng.gauss(0, 0.5)
                rpe = min(10.0, max(5.0, round(2 * felt) / 2))
        return load, reps, rpe, (_effort(relative) + extra) * lift.effort

    def _calm(self, start: tuple[float, int], state: _Day) -> tuple:
        """A Calm Reset: timed blocks. Most bring stress down; some leave it where it was, or worse."""
        rng = self.rng
        wall, _ = start
        settles = rng.gauss(1.6, 1.2) - 0.9 * state.bad  # over the whole session
        plan, plan_json, _ = self._plan(CALM_ROUTINE, False, -1, -1)
        skip_all = rng.random() < 0.03 + 0.06 * state.bad
        clock = _clock(wall)
        rows = []
        t = wall + rng.uniform(30, 90)
        for index, planned in enumerate(plan):
            t += rng.uniform(2, 20)  # settling in before pressing start
            t += planned.duration_s or 300
            ended = t
            after = state.stress - settles * (index + 1) / len(plan) + rng.gauss(0, 0.6)
            end_of_rest = after - rng.gauss(0.2, 0.5)
            rested = planned.rest_after_s * rng.uniform(0.92, 1.25)
            rows.append((index, index, planned.exercise_id, planned.set_number, planned.set_type.value,
                         None, None, None, planned.duration_s, clock(ended),  # a timed block: no reps, no load
                         *self._rest_ratings(ended, rested, _rating(after), _rating(end_of_rest), skip_all, True,
                                             state.skip, clock, False)))
            t += rested + rng.uniform(2, 15)
        final = self._maybe(_rating(state.stress - settles + rng.gauss(0, 0.7)), state.skip)
        row = (self.routine_ids[CALM_ROUTINE], CALM_ROUTINE, "calm", clock(wall), clock(t), 0,
               state.energy, state.motivation, state.stress_before, final, "", plan_json)
        return wall, row, rows

    def _rest_ratings(self, ended: float, rested: float, after: int, end_of_rest: int, skip_all: bool, calm: bool,
                      skip: float, clock, corrected: bool) -> tuple:
        """Stress after the set and at the end of its rest, the relief reflection, and when each rating was given."""
        if skip_all:
            return None, None, "", "", None, None
        rng = self.rng
        after_value, end_value = self._maybe(after, skip), self._maybe(end_of_rest, skip)
        signs: list[str] = []
        note = ""
        if end_value is not None and rng.random() < (0.4 if calm else 0.22):
            relief = after - end_of_rest
            if relief >= 1:
                choices = ("breath slowing", "mind calmer") if calm else SIGNS_OF_RELIEF
                signs = rng.sample(choices, 2 if rng.random() < 0.3 else 1)
            elif relief < 0 and rng.random() < 0.7:
                signs = [rng.choice(MORE_TENSE)]
            elif rng.random() < 0.6:
                signs = [rng.choice(NO_RELIEF)]
            if rng.random() < 0.06:
                note = rng.choice(RELIEF_NOTES)
        # The first rating a few seconds into the rest (later when the set was corrected first); the
        # second when its question appears, in the last part of the rest.
        after_at = ended + rng.uniform(3, 20) + (rng.uniform(8, 30) if corrected else 0.0)
        end_at = max(after_at + rng.uniform(4, 10), ended + rested * rng.uniform(0.7, 0.92))
        return (after_value, end_value, ",".join(s for s in RELIEF_SIGNS if s in signs), note,
                None if after_value is None else clock(after_at), None if end_value is None else clock(end_at))

    def _plan(self, name: str, shorter: bool, drop: int, failure: int) -> tuple[tuple[PlannedSet, ...], str, list]:
        """The session's plan: the routine, perhaps shorter, with a drop set or a set to failure.

        Returns the planned sets, the plan a finished session keeps of them and each routine item's set
        types; each variant is made once.
        """
        key = (name, shorter, drop, failure)
        if key in self.plans:
            return self.plans[key]
        routine = self.routines[name]
        items = list(routine.items)
        if drop >= 0:
            items[drop] = replace(items[drop], set_types=items[drop].set_types + (SetType.DROP,))
        if failure >= 0:
            types = list(items[failure].set_types)
            last = max(i for i, kind in enumerate(types) if kind is SetType.WORKING)
            types[last] = SetType.FAILURE
            items[failure] = replace(items[failure], set_types=tuple(types))
        plan = plan_sets(replace(routine, items=tuple(items)), shorter)
        item_types = [tuple(p.set_type for p in plan if p.item_index == index) for index in range(len(items))]
        self.plans[key] = plan, finished_plan(len(plan)), item_types  # stored as a finished session keeps it
        return self.plans[key]

def _resized(routine: Routine, sets: int | None) -> Routine:
    """The routine with working sets added (or taken away) until it has about ``sets`` sets."""
    if sets is None:
        return routine
    types = [list(item.set_types) for item in routine.items]
    total = sum(map(len, types))
    index = 0
    while total < sets:
        types[index % len(types)].append(SetType.WORKING)  # the first, main lifts gain first
        index, total = index + 1, total + 1
    while total > sets:
        fullest = max(range(len(types)), key=lambda i: (types[i].count(SetType.WORKING), i))
        if types[fullest].count(SetType.WORKING) <= 1:
            break
        types[fullest].remove(SetType.WORKING)
        total -= 1
    return replace(routine, items=tuple(replace(item, set_types=tuple(kinds))
                                        for item, kinds in zip(routine.items, types)))


def _spread(count: int, rng: random.Random) -> list[int]:
    """Weekdays (0 = Monday) for ``count`` sessions, spread over the week, sometimes moved a day."""
    days = sorted({round(i * 7 / count) for i in range(count)})
    moved = []
    for day in days:
        if rng.random() < 0.2:
            shifted = day + rng.choice((-1, 1))
            if 0 <= shifted < 7 and shifted not in days and shifted not in moved:
                day = shifted
        moved.append(day)
    return sorted(moved)


def _effort(relative: float) -> float:
    """How hard a set at ``relative`` intensity is: 0 up to 30% of today's strength, 1 at all of it."""
    return max(0.0, (relative - 0.3) / 0.7)


def _clock(wall_s: float):
    """Format the times of the session starting at ``wall_s`` as ``iso_local`` does, reading the zone once.

    Reading the local time for each of 250,000 times would take a sixth of the whole. The times
    of a session share its date and offset unless the offset changes later that day (then every
    time is read on its own) or the session runs past midnight (those times are read alone).
    """
    whole = math.floor(wall_s)
    start = datetime.fromtimestamp(whole).astimezone()
    midnight = whole - (start.hour * 3600 + start.minute * 60 + start.second)
    if datetime.fromtimestamp(midnight + 86_399).astimezone().utcoffset() != start.utcoffset():
        return iso_local  # the offset changes later that day
    day, zone = start.date().isoformat(), start.isoformat(timespec="milliseconds")[23:]

    def at(t: float) -> str:
        seconds = math.floor(t)
        micro = round((t - seconds) * 1e6)  # rounded to the microsecond, then cut to the millisecond, as datetime
        seconds += micro // 1_000_000 - midnight
        if not 0 <= seconds < 86_400:
            return iso_local(t)
        minutes, seconds = divmod(seconds, 60)
        hours, minutes = divmod(minutes, 60)
        return f"{day}T{hours:02d}:{minutes:02d}:{seconds:02d}.{micro % 1_000_000 // 1000:03d}{zone}"

    return at


def _wall(day: date, minute: int, second: int) -> float:
    """Seconds since the epoch of a local wall-clock time on ``day`` (its own UTC offset)."""
    return datetime(day.year, day.month, day.day, minute // 60, minute % 60, second).timestamp()
