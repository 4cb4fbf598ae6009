"""Sample data: a realistic training history, to try LiftCalm or to measure it.

The history tells the app's story. Someone starts with the Full Body Starter three or four
evenings a week, moves on to an upper/lower split, adds load most weeks, deloads every six to
eight weeks, misses weeks for holidays and colds, and does a Calm Reset about once a week. Over
the months the same sets feel less stressful (stress per kilogram lifted falls) and rests bring
more relief. Ratings are sometimes skipped: they are NULL then, never 0.

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

import json
import math
import random
from dataclasses import asdict, dataclass, field, replace
from datetime import date, datetime, timedelta

from liftcalm.core.catalogue import load_starter_routines
from liftcalm.core.changes import Change, ChangeKind
from liftcalm.core.coaching import RELIEF_SIGNS
from liftcalm.core.models import Routine, SetType
from liftcalm.core.session_plan import PlannedSet, plan_sets
from liftcalm.core.validation import name_key
from liftcalm.store.sql import iso_local
from liftcalm.store.store import STARTER_FILE

DEMO_SOURCE = "demo"
MAX_YEARS = 12.0
MAX_SESSIONS_PER_WEEK = 7.0  # strength sessions; one a day at most

BEGINNER_ROUTINE = "Full Body Starter"
SPLIT = ("Upper Body", "Lower Body", "Upper Body", "Lower Body", "Full Body Starter")
CALM_ROUTINE = "Calm Reset"
BEGINNER_WEEKS = 8

# Where each starter exercise's working load levels off after years of training (kg).
# Others level off at three times their starting load plus 10 kg.
LOAD_CEILINGS = {
    "Goblet Squat": 40, "Dumbbell Bench Press": 40, "Seated Cable Row": 90, "Romanian Deadlift": 140,
    "Dumbbell Shoulder Press": 28, "Barbell Bench Press": 100, "Lat Pulldown": 85, "Dumbbell Curl": 18,
    "Triceps Pushdown": 45, "Barbell Back Squat": 140, "Leg Press": 240, "Leg Curl": 65, "Standing Calf Raise": 120,
}
EFFORT_BY_EQUIPMENT = {"barbell": 1.1, "dumbbell": 1.0, "cable": 0.9, "machine": 0.9, "bodyweight": 0.8}
BAR_KG = 20.0
SIGNS_OF_RELIEF = tuple(sign for sign in RELIEF_SIGNS if sign != "still tense")
RELIEF_NOTES = ("Long exhales helped", "Shoulders dropped", "Thinking about work", "Easier than last week",
                "Took my time", "Counted breaths", "Jaw was tight", "Good song on", "Heavy one")
SESSION_NOTES = ("Felt strong today", "Short on sleep", "Busy gym", "New belt", "Knee a bit stiff",
                 "Great pump", "Rushed, had to leave early")


class DemoRefused(Exception):
    """The database holds the user's own sessions: sample data goes into a separate file."""

    def __init__(self, path, count: int):
        super().__init__(f"{path} already holds your own sessions ({count}); sample data goes into a separate file")
        self.path = path
        self.own_sessions = count


@dataclass(frozen=True)
class DemoSummary:
    sessions: int
    calm_sessions: int
    sets: int
    first_date: date | None
    last_date: date | None
    replaced: int = 0  # sample sessions of an earlier run, removed first

    def lines(self) -> list[str]:
        """The summary as short lines for a terminal."""
        out = [f"sessions: {self.sessions} ({self.sessions - self.calm_sessions} strength, {self.calm_sessions} calm)",
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

    ``sessions_per_week`` counts strength sessions in an ordinary week (1-7); a calm session
    comes about once a week on top. ``sets_per_session`` resizes the strength routines to about
    that many sets (None: as the starter routines have them, 17-19). Near-daily training for a
    benchmark: ``years=10, sessions_per_week=7, sets_per_session=30`` writes about 3,600
    sessions and 100,000 sets, in one transaction.

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
            " load_kg, rpe, duration_s, ended_at, stress_after_set, stress_end_of_rest, relief_signs, relief_note)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            ((next_id + index, *row) for index, rows in enumerate(sets) for row in rows))
        store.changes.publish(Change(ChangeKind.SESSIONS))
    days = [date.fromisoformat(row[3][:10]) for row in (sessions[0], sessions[-1])] if sessions else [None, None]
    return DemoSummary(len(sessions), sum(row[2] == "calm" for row in sessions), sum(map(len, sets)),
                       days[0], days[1], replaced)


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
    hold: bool  # held for time with no load, like a plank
    effort: float  # how hard a working set of it feels, relative to a dumbbell exercise


@dataclass
class _Week:
    monday: date
    missed: str = ""  # "holiday", "ill", "busy" or "" for a training week
    deload: bool = False
    pressure: float = 0.0  # a hard week at work
    back_from: str = ""  # the first week after a missed stretch: why it was missed
    trained: set[int] = field(default_factory=set)


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
                self.lifts[item.exercise_id] = _Lift(
                    start, ceiling, start, exercise.equipment == "barbell", exercise.is_bodyweight and start == 0,
                    EFFORT_BY_EQUIPMENT.get(exercise.equipment, 1.0))
        self.plans: dict[tuple, str] = {}  # the plan JSON of each routine variant, made once
        self.holidays: dict[int, tuple[tuple[date, int], bool]] = {}  # year: (summer start, weeks), christmas
        self.first_day = date.min
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
            routine = self._next_routine()
            if first_day <= day < end:
                written.append(self._strength(day, start, routine, week))
                starts[weekday] = start[1]
        for weekday in sorted(calm_days):
            day = week.monday + timedelta(days=weekday)
            start = self._calm_start(day, starts.get(weekday))
            if first_day <= day < end:
                written.append(self._calm(day, start, week))
        if strength_days:
            self.trained_weeks += 1
        return written

    def _next_routine(self) -> str:
        if self.trained_weeks < BEGINNER_WEEKS:
            return BEGINNER_ROUTINE
        self.split_index += 1
        return SPLIT[self.split_index % len(SPLIT)]

    def _progress(self, week: _Week) -> None:
        """Add load to what was trained in a hard week; lose a little in a missed one."""
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
        for exercise_id in sorted(week.trained):
            lift = self.lifts[exercise_id]
            lift.level += (lift.ceiling - lift.level) * 0.03 * self.rng.uniform(0.4, 1.6)

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

    def _life_stress(self, day: date, week: _Week) -> float:
        """Everyday stress: higher in winter and in hard weeks, easing a little as training settles in."""
        months = self._months(day)
        season = 0.8 * math.cos(2 * math.pi * (day.timetuple().tm_yday - 20) / 365.25)
        return (4.2 + season + week.pressure - 0.9 * (1 - math.exp(-months / 12))
                - (1.0 if week.back_from == "holiday" else 0.0) + self.rng.gauss(0, 1.1))

    def _readiness(self, life: float, week: _Week, months: float) -> tuple[int | None, int | None, int | None]:
        rng = self.rng
        energy = 6.5 - 0.3 * (life - 4) - (1.5 if week.back_from == "ill" else 0.0) + rng.gauss(0, 1.3)
        motivation = (6.5 + 0.5 * (energy - 6.5) + (1.0 if months < 1.5 or week.back_from == "holiday" else 0.0)
                      + rng.gauss(0, 1.2))
        values = (_rating(energy), _rating(motivation), _rating(life))
        if rng.random() < 0.03:
            return None, None, None  # went straight past the readiness check
        return tuple(self._maybe(value) for value in values)

    def _maybe(self, value, skipped: float = 0.1):
        """The rating as given, or None when the person skipped it."""
        return None if self.rng.random() < skipped else value

    # -- sessions ---------------------------------------------------------------------------
    def _strength(self, day: date, start: tuple[float, int], name: str, week: _Week) -> tuple:
        rng = self.rng
        wall, _ = start
        months = self._months(day)
        sensitivity = 0.55 + 0.45 * math.exp(-months / 9)  # the story: the same set stirs less over the months
        recovery = 1.0 + 0.5 * (1 - math.exp(-months / 8))  # ...and rests settle more
        life = self._life_stress(day, week)
        energy, motivation, stress_before = self._readiness(life, week, months)
        shorter = energy is not None and energy <= 3 and rng.random() < 0.6
        routine = self.routines[name]
        drop = failure = -1
        if not week.deload and not shorter and months > 1:
            weighted = [index for index, item in enumerate(routine.items) if item.target_load_kg > 0]
            if rng.random() < 0.12:
                drop = rng.choice(weighted)
            if rng.random() < 0.05:
                failure = weighted[-1]
        plan, plan_json = self._plan(name, shorter, drop, failure)
        item_types = [tuple(p.set_type for p in plan if p.item_index == index) for index in range(len(routine.items))]
        skip_all = rng.random() < 0.03  # a session rated not at all
        rpe_share = 0.2 + 0.3 * (1 - math.exp(-months / 6))
        rows = []
        count = len(plan)
        t = wall + rng.uniform(90, 240)  # the readiness check, then setting up
        for index, planned in enumerate(plan):
            lift = self.lifts[planned.exercise_id]
            week.trained.add(planned.exercise_id)
            load, reps, rpe, effort = self._set(planned, item_types[planned.item_index], lift, week.deload, rpe_share)
            if lift.hold:
                t += 20 + 40 * (1 - math.exp(-months / 6)) + rng.uniform(-5, 8)  # longer as the core gets stronger
            else:
                t += 6 + reps * rng.uniform(2.2, 3.8)
            after = 0.3 * life + 6.3 * effort * sensitivity + 0.8 * index / count + rng.gauss(0, 0.8)
            rest = planned.rest_after_s
            if rest:
                relief = recovery * (0.8 + 1.4 * min(rest, 180) / 180) + 0.15 * (after - 5) + rng.gauss(0, 1.0)
                ratings = self._rest_ratings(_rating(after), _rating(after - relief), skip_all, False)
            else:  # inside a superset: no rest to reflect on
                ratings = (None if skip_all else self._maybe(_rating(after)), None, "", "")
            rows.append((index, index, planned.exercise_id, planned.set_number, planned.set_type.value, reps, load,
                         rpe, None, iso_local(t), *ratings))
            if rest:
                t += rest * rng.uniform(0.92, 1.25) + rng.uniform(5, 25)
            else:
                t += rng.uniform(15, 40)  # over to the partner exercise
            if index + 1 < count and plan[index + 1].item_index != planned.item_index and rest:
                t += rng.uniform(30, 120)  # setting up the next exercise
        t += rng.uniform(20, 90)  # the summary
        final = self._maybe(_rating(life - 1.0 * recovery + rng.gauss(0, 1.2)))  # training eases stress
        note = rng.choice(SESSION_NOTES) if rng.random() < 0.03 else ""
        row = (self.routine_ids[name], name, "strength", iso_local(wall), iso_local(t), int(shorter),
               energy, motivation, stress_before, final, note, plan_json)
        return wall, row, rows

    def _set(self, planned: PlannedSet, types: tuple[SetType, ...], lift: _Lift, deload: bool,
             rpe_share: float) -> tuple[float, int, float | None, float]:
        """Load, reps, RPE (or None) and effort (0-1, how hard it is) of one strength set."""
        rng = self.rng
        working = _round_load(lift.level * (0.7 if deload else 1.0), lift.barbell) if lift.level else 0.0
        kind, reps, rpe = planned.set_type, planned.target_reps, None
        if kind is SetType.WARMUP:  # warm-ups come first in an exercise: 50%, or 40% then 65%
            share = 0.5 if types.count(SetType.WARMUP) == 1 else 0.4 + 0.25 * (planned.set_number - 1)
            load = _round_load(working * share, lift.barbell) if working else 0.0
            return load, reps, None, 0.35
        hard = [index for index, other in enumerate(types) if other is not SetType.WARMUP]
        ordinal = hard.index(planned.set_number - 1) / max(1, len(hard) - 1)  # 0 first, 1 last
        load = working
        if kind is SetType.DROP:
            load = _round_load(working * 0.75, lift.barbell) if working else 0.0
            reps += rng.randint(2, 4)
            effort, rpe = 0.95, rng.choice((9.5, 10.0))
        elif kind is SetType.FAILURE:
            reps += rng.randint(0, 2)
            effort, rpe = 1.05, 10.0
        else:
            if lift.hold or deload:
                pass
            elif ordinal == 1 and rng.random() < 0.33:
                reps -= 1 if rng.random() < 0.75 else 2  # the last set runs short
            elif ordinal == 0 and rng.random() < 0.1:
                reps += 1
            effort = 0.62 + 0.18 * ordinal
            if rng.random() < rpe_share:
                felt = 6.8 + 2 * ordinal - (1.5 if deload else 0) + rng.gauss(0, 0.5)
                rpe = min(10.0, max(5.0, round(2 * felt) / 2))
        return load, reps, rpe, effort * lift.effort * (0.7 if deload else 1.0)

    def _calm(self, day: date, start: tuple[float, int], week: _Week) -> tuple:
        """A Calm Reset: timed blocks; stress comes down block by block."""
        rng = self.rng
        wall, _ = start
        months = self._months(day)
        recovery = 1.0 + 0.5 * (1 - math.exp(-months / 8))
        life = self._life_stress(day, week) + 1.4  # calm sessions are chosen on tense days
        energy, motivation, stress_before = self._readiness(life, week, months)
        plan, plan_json = self._plan(CALM_ROUTINE, False, -1, -1)
        step = 0.6 + 0.3 * recovery
        skip_all = rng.random() < 0.03
        rows = []
        t = wall + rng.uniform(30, 90)
        for index, planned in enumerate(plan):
            t += rng.uniform(2, 20)  # settling in before pressing start
            t += planned.duration_s or 300
            after = life - (index + 1) * step + rng.gauss(0, 0.6)
            end_of_rest = after - rng.choice((0, 1, 1, 1, 2)) * 0.8
            rows.append((index, index, planned.exercise_id, planned.set_number, planned.set_type.value,
                         planned.target_reps, 0.0, None, planned.duration_s, iso_local(t),
                         *self._rest_ratings(_rating(after), _rating(end_of_rest), skip_all, True)))
            t += planned.rest_after_s + rng.uniform(2, 15)
        final = self._maybe(_rating(life - len(plan) * step * 0.9 + rng.gauss(0, 0.8)))
        row = (self.routine_ids[CALM_ROUTINE], CALM_ROUTINE, "calm", iso_local(wall), iso_local(t), 0,
               energy, motivation, stress_before, final, "", plan_json)
        return wall, row, rows

    def _rest_ratings(self, after: int, end_of_rest: int, skip_all: bool, calm: bool) -> tuple:
        """Stress after the set and at the end of its rest, and sometimes the relief reflection."""
        if skip_all:
            return None, None, "", ""
        rng = self.rng
        after_value, end_value = self._maybe(after), self._maybe(end_of_rest)
        signs: list[str] = []
        note = ""
        if end_value is not None and rng.random() < (0.4 if calm else 0.22):
            relief = after - end_of_rest
            if relief >= 1:
                choices = ("breath slowing", "mind calmer") if calm else SIGNS_OF_RELIEF
                signs = rng.sample(choices, 2 if rng.random() < 0.3 else 1)
            elif rng.random() < 0.6:
                signs = ["still tense"]
            if rng.random() < 0.06:
                note = rng.choice(RELIEF_NOTES)
        return after_value, end_value, ",".join(s for s in RELIEF_SIGNS if s in signs), note

    def _plan(self, name: str, shorter: bool, drop: int, failure: int) -> tuple[tuple[PlannedSet, ...], str]:
        """The session's plan: the routine, perhaps shorter, with a drop set or a set to failure."""
        key = (name, shorter, drop, failure)
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
        if key not in self.plans:
            self.plans[key] = json.dumps([asdict(p) for p in plan])
        return plan, self.plans[key]


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


def _wall(day: date, minute: int, second: int) -> float:
    """Seconds since the epoch of a local wall-clock time on ``day`` (its own UTC offset)."""
    return datetime(day.year, day.month, day.day, minute // 60, minute % 60, second).timestamp()
