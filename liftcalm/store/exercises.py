"""The exercise catalogue and the user's own exercises."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from liftcalm.core.changes import Change, ChangeKind
from liftcalm.core.models import Exercise, ExerciseKind, Measure
from liftcalm.core.validation import ValidationError, name_key, parse_name
from liftcalm.paths import RESOURCES
from liftcalm.store.transactions import transaction

_COLUMNS = "id, name, kind, muscles, equipment, is_bodyweight, is_custom, duration_s, description, measure"
CATALOGUE_FILE = RESOURCES / "catalogue.json"


def catalogue_measures(path=CATALOGUE_FILE) -> dict[str, Measure]:
    """The catalogue's exercises counted in time or distance, by name (the rest count reps)."""
    import json

    data = json.loads(path.read_text(encoding="utf-8"))
    return {entry["name"]: Measure(entry["measure"]) for entry in data.get("exercises", ())
            if entry.get("measure", Measure.REPS.value) != Measure.REPS.value}


def _exercise(row: tuple) -> Exercise:
    id_, name, kind, muscles, equipment, bodyweight, custom, duration_s, description, measure = row
    return Exercise(
        id=id_,
        name=name,
        kind=ExerciseKind(kind),
        muscles=tuple(m for m in muscles.split(",") if m),
        equipment=equipment,
        is_bodyweight=bool(bodyweight),
        is_custom=bool(custom),
        duration_s=duration_s,
        description=description,
        measure=Measure(measure),
    )


class ExerciseRepository:
    def __init__(self, conn: sqlite3.Connection, publish: Callable[[Change], None] = lambda change: None):
        self._conn = conn
        self._publish = publish

    def all(self) -> list[Exercise]:
        """Every exercise, strength first, then by name."""
        rows = self._conn.execute(f"SELECT {_COLUMNS} FROM exercise ORDER BY kind DESC, name_key")
        return [_exercise(row) for row in rows]

    def logged(self) -> list[Exercise]:
        """Exercises with at least one logged set, strength first, then by name: what a filter can offer."""
        rows = self._conn.execute(
            f"SELECT {_COLUMNS} FROM exercise e WHERE EXISTS (SELECT 1 FROM logged_set l WHERE l.exercise_id = e.id)"
            " ORDER BY kind DESC, name_key")
        return [_exercise(row) for row in rows]

    def get(self, exercise_id: int) -> Exercise | None:
        row = self._conn.execute(f"SELECT {_COLUMNS} FROM exercise WHERE id = ?", (exercise_id,)).fetchone()
        return _exercise(row) if row else None

    def find(self, name: str) -> Exercise | None:
        """Find an exercise by name, ignoring case, spacing, punctuation and word order."""
        row = self._conn.execute(f"SELECT {_COLUMNS} FROM exercise WHERE name_key = ?", (name_key(name),)).fetchone()
        if row:
            return _exercise(row)
        from liftcalm.core.exercise_names import ExerciseMatcher

        found = ExerciseMatcher(self.all()).match(name)
        return None if found is None else self.get(found)

    def add_custom(self, exercise: Exercise) -> Exercise:
        """Add one of the user's own exercises; names are unique ignoring case."""
        name = parse_name(exercise.name, "name", "Exercise name")
        if self._conn.execute("SELECT 1 FROM exercise WHERE name_key = ?", (name_key(name),)).fetchone():
            raise ValidationError("name", f"An exercise named “{name}” already exists.")
        cursor = self._conn.execute(
            "INSERT INTO exercise (name, name_key, kind, muscles, equipment, is_bodyweight, is_custom, duration_s,"
            " description, measure) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?)",
            (
                name,
                name_key(name),
                exercise.kind.value,
                ",".join(exercise.muscles),
                exercise.equipment,
                int(exercise.is_bodyweight),
                exercise.duration_s,
                exercise.description,
                exercise.measure.value,
            ),
        )
        self._publish(Change(ChangeKind.EXERCISES, (cursor.lastrowid,)))
        return self.get(cursor.lastrowid)  # type: ignore[return-value]

    def sync_catalogue(self, entries: list[Exercise], measures: dict[str, Measure] | None = None) -> int:
        """Add catalogue entries that are missing, by name; return how many were added.

        Each entry is counted as the catalogue says (reps, time or distance): an entry's own
        ``measure``, else ``measures`` by name (default: read from the shipped catalogue). A
        catalogue exercise still counted in reps, as every one was before measures existed,
        takes the catalogue's measure; the person's own exercises are never changed.
        """
        if measures is None:
            measures = catalogue_measures() if entries else {}
        added = updated = 0
        with transaction(self._conn):
            for entry in entries:
                measure = entry.measure if entry.measure is not Measure.REPS else measures.get(entry.name, Measure.REPS)
                cursor = self._conn.execute(
                    "INSERT INTO exercise (name, name_key, kind, muscles, equipment, is_bodyweight, is_custom,"
                    " duration_s, description, measure) VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, ?)"
                    " ON CONFLICT (name_key) DO NOTHING",
                    (
                        entry.name,
                        name_key(entry.name),
                        entry.kind.value,
                        ",".join(entry.muscles),
                        entry.equipment,
                        int(entry.is_bodyweight),
                        entry.duration_s,
                        entry.description,
                        measure.value,
                    ),
                )
                added += cursor.rowcount
                if not cursor.rowcount and measure is not Measure.REPS:
                    updated += self._conn.execute(
                        "UPDATE exercise SET measure = ? WHERE name_key = ? AND is_custom = 0 AND measure = 'reps'",
                        (measure.value, name_key(entry.name))).rowcount
        if added or updated:
            self._publish(Change(ChangeKind.EXERCISES))
        return added
