"""Planning queries: what was done last time, the person's body weight, each exercise's progression.

"Last time" is one query: the newest finished session holding the exercise is found by walking
sessions newest first on ``session_started`` and probing the covering index ``logged_set_graph``
(session, exercise) for each, so it reads a handful of index entries when the exercise was done lately: on ten years of
near-daily training (87,500 sets) about 0.03 ms, 0.1 ms for an exercise never done, and 5 ms
at worst, for one done once ten years ago (tests/store/test_planning.py measures all three).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from datetime import date

from liftcalm.core.bodyweight import body_weight_on, check_body_weight
from liftcalm.core.changes import BODY_WEIGHT_KEY, Change, ChangeKind
from liftcalm.core.last_time import LastTime, PastSet
from liftcalm.core.models import Exercise, ExercisePlan, Progression, Readiness, Routine, RoutineItem, SetType
from liftcalm.core.progression import Suggestion, suggest
from liftcalm.core.validation import ValidationError
from liftcalm.store.sql import FINISHED

LOAD_STEP_MAX_KG = 50.0

# Sessions newest first by their local start text (the index order), then the exact instant among
# those that start within two days of the newest: text and instant differ only across UTC offsets.
_LAST_TIME = f"""
WITH newest AS (
    SELECT s.started_at FROM session s INDEXED BY session_started
    WHERE EXISTS (SELECT 1 FROM logged_set INDEXED BY logged_set_exercise WHERE exercise_id = :exercise)
      AND {FINISHED} AND EXISTS (SELECT 1 FROM logged_set l INDEXED BY logged_set_graph
                                 WHERE l.session_id = s.id AND l.exercise_id = :exercise)
    ORDER BY s.started_at DESC LIMIT 1),
last AS (
    SELECT s.id, s.started_at FROM session s, newest
    WHERE s.started_at >= date(substr(newest.started_at, 1, 10), '-2 days') AND {FINISHED}
      AND EXISTS (SELECT 1 FROM logged_set l INDEXED BY logged_set_graph
                  WHERE l.session_id = s.id AND l.exercise_id = :exercise)
    ORDER BY julianday(s.started_at) DESC, s.id DESC LIMIT 1)
SELECT last.id, last.started_at,
       (SELECT x.note FROM session_exercise x WHERE x.session_id = last.id AND x.exercise_id = :exercise),
       l.set_number, l.set_type, l.reps, l.load_kg, l.rpe, l.note, l.duration_s, l.distance_m
FROM last JOIN logged_set l ON l.session_id = last.id AND l.exercise_id = :exercise
ORDER BY l.position
"""


class Planning:
    """Reads for planning, and the writes of body weight and exercise plans (each published).

    Belongs to the thread of its connection, like every repository.
    """

    def __init__(self, conn: sqlite3.Connection, publish: Callable[[Change], None] = lambda change: None):
        self._conn = conn
        self._publish = publish

    # -- last time ----------------------------------------------------------------------------
    def last_time(self, exercise_id: int) -> LastTime | None:
        """The sets of ``exercise_id`` in the latest finished session that has any; None: never done."""
        rows = self._conn.execute(_LAST_TIME, {"exercise": exercise_id}).fetchall()
        if not rows:
            return None
        session_id, started_at, note = rows[0][:3]
        sets = tuple(PastSet(number, SetType(kind), reps, load, rpe, set_note or "", duration, distance)
                     for *_session, number, kind, reps, load, rpe, set_note, duration, distance in rows)
        return LastTime(exercise_id, session_id, started_at, sets, note or "")

    def last_times(self, exercise_ids: Iterable[int]) -> dict[int, LastTime]:
        """``last_time`` for several exercises (a routine's); those never done are left out."""
        found = {}
        for exercise_id in dict.fromkeys(exercise_ids):
            last = self.last_time(exercise_id)
            if last is not None:
                found[exercise_id] = last
        return found

    # -- body weight --------------------------------------------------------------------------
    def body_weights(self) -> list[tuple[date, float]]:
        """Every dated body weight, oldest first."""
        return [(date.fromisoformat(day), kg) for day, kg in self._conn.execute(
            "SELECT day, kg FROM body_weight ORDER BY day")]

    def body_weight_on(self, day: date) -> float | None:
        """The body weight in force on ``day``: the latest given on or before it; None if none was."""
        row = self._conn.execute("SELECT kg FROM body_weight WHERE day <= ? ORDER BY day DESC LIMIT 1",
                                 (day.isoformat(),)).fetchone()
        return row[0] if row else None

    def latest_body_weight(self) -> tuple[date, float] | None:
        row = self._conn.execute("SELECT day, kg FROM body_weight ORDER BY day DESC LIMIT 1").fetchone()
        return (date.fromisoformat(row[0]), row[1]) if row else None

    def set_body_weight(self, day: date, kg: float) -> None:
        """Record the body weight of ``day`` (20-400 kg), replacing one given that day."""
        kg = check_body_weight(kg)
        self._conn.execute("INSERT INTO body_weight (day, kg) VALUES (?, ?) ON CONFLICT (day) DO UPDATE SET"
                           " kg = excluded.kg", (day.isoformat(), kg))
        self._publish(Change(ChangeKind.SETTINGS, keys=(BODY_WEIGHT_KEY,)))

    def delete_body_weight(self, day: date) -> None:
        self._conn.execute("DELETE FROM body_weight WHERE day = ?", (day.isoformat(),))
        self._publish(Change(ChangeKind.SETTINGS, keys=(BODY_WEIGHT_KEY,)))

    def body_weight_lookup(self) -> Callable[[date], float | None]:
        """A function giving the body weight in force on a day, from one read (for summing many sessions)."""
        weights = self.body_weights()
        return lambda day: body_weight_on(day, weights)

    # -- progression per exercise -------------------------------------------------------------
    def exercise_plan(self, exercise_id: int) -> ExercisePlan | None:
        """The person's progression rule and load step for an exercise; None: never chosen (defaults apply)."""
        row = self._conn.execute("SELECT progression, load_step_kg FROM exercise_plan WHERE exercise_id = ?",
                                 (exercise_id,)).fetchone()
        return ExercisePlan(exercise_id, Progression(row[0]), row[1]) if row else None

    def exercise_plans(self) -> dict[int, ExercisePlan]:
        return {exercise_id: ExercisePlan(exercise_id, Progression(rule), step) for exercise_id, rule, step in
                self._conn.execute("SELECT exercise_id, progression, load_step_kg FROM exercise_plan")}

    def set_exercise_plan(self, plan: ExercisePlan) -> None:
        """Save an exercise's rule and load step (None: the equipment's default)."""
        step = plan.load_step_kg
        if step is not None and not 0 < step <= LOAD_STEP_MAX_KG:
            raise ValidationError("load_step",
                                  f"The load step must be more than 0 and at most {LOAD_STEP_MAX_KG:g} kg.")
        self._conn.execute(
            "INSERT INTO exercise_plan (exercise_id, progression, load_step_kg) VALUES (?, ?, ?)"
            " ON CONFLICT (exercise_id) DO UPDATE SET progression = excluded.progression,"
            " load_step_kg = excluded.load_step_kg", (plan.exercise_id, Progression(plan.progression).value, step))
        self._publish(Change(ChangeKind.EXERCISES, (plan.exercise_id,)))

    # -- suggestions --------------------------------------------------------------------------
    def suggest(self, item: RoutineItem, exercise: Exercise, unit, inventory=None,
                readiness: Readiness | None = None, last: LastTime | None = None) -> Suggestion:
        """``progression.suggest`` for one item, with its last time and exercise plan read here."""
        if last is None:
            last = self.last_time(item.exercise_id)
        return suggest(item, exercise, last, unit, plan=self.exercise_plan(item.exercise_id),
                       readiness=readiness, inventory=inventory)

    def suggest_routine(self, routine: Routine, exercises: dict[int, Exercise], unit, inventory=None,
                        readiness: Readiness | None = None) -> dict[int, Suggestion]:
        """A suggestion for each item of ``routine``, by index (what a session starts from)."""
        last_times = self.last_times(item.exercise_id for item in routine.items)
        plans = self.exercise_plans()
        return {index: suggest(item, exercises[item.exercise_id], last_times.get(item.exercise_id), unit,
                               plan=plans.get(item.exercise_id), readiness=readiness, inventory=inventory)
                for index, item in enumerate(routine.items) if item.exercise_id in exercises}
