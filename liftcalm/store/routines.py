"""Routines and their exercises. ``put`` writes a whole routine in one transaction."""

from __future__ import annotations

import sqlite3

from liftcalm.core.models import Routine, RoutineItem, SetType
from liftcalm.core.validation import name_key
from liftcalm.store.transactions import transaction


class RoutineRepository:
    def __init__(self, conn: sqlite3.Connection):
        self._conn = conn

    def list(self) -> list[tuple[int, str, int]]:
        """Return (id, name, number of exercises) of every routine, by name."""
        return self._conn.execute(
            "SELECT r.id, r.name, (SELECT count(*) FROM routine_item i WHERE i.routine_id = r.id)"
            " FROM routine r ORDER BY r.name_key"
        ).fetchall()

    def get(self, routine_id: int) -> Routine | None:
        row = self._conn.execute("SELECT id, name FROM routine WHERE id = ?", (routine_id,)).fetchone()
        if row is None:
            return None
        items = self._conn.execute(
            "SELECT exercise_id, set_types, target_reps, target_load_kg, rest_s, superset_with_next, note, duration_s"
            " FROM routine_item WHERE routine_id = ? ORDER BY position",
            (routine_id,),
        )
        return Routine(
            id=row[0],
            name=row[1],
            items=tuple(
                RoutineItem(
                    exercise_id=exercise_id,
                    set_types=tuple(SetType(t) for t in set_types.split(",")),
                    target_reps=reps,
                    target_load_kg=load,
                    rest_s=rest,
                    superset_with_next=bool(superset),
                    note=note,
                    duration_s=duration,
                )
                for exercise_id, set_types, reps, load, rest, superset, note, duration in items
            ),
        )

    def put(self, routine: Routine) -> Routine:
        """Insert or replace ``routine`` (keeping its id when it has one); return it with its id."""
        with transaction(self._conn):
            if routine.id is None:
                cursor = self._conn.execute(
                    "INSERT INTO routine (name, name_key) VALUES (?, ?)", (routine.name, name_key(routine.name))
                )
                routine_id = cursor.lastrowid
            else:
                routine_id = routine.id
                self._conn.execute(
                    "INSERT INTO routine (id, name, name_key) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET"
                    " name = excluded.name, name_key = excluded.name_key,"
                    " updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')",
                    (routine_id, routine.name, name_key(routine.name)),
                )
                self._conn.execute("DELETE FROM routine_item WHERE routine_id = ?", (routine_id,))
            self._conn.executemany(
                "INSERT INTO routine_item (routine_id, position, exercise_id, set_types, target_reps, target_load_kg,"
                " rest_s, superset_with_next, note, duration_s) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        routine_id,
                        position,
                        item.exercise_id,
                        ",".join(t.value for t in item.set_types),
                        item.target_reps,
                        item.target_load_kg,
                        item.rest_s,
                        int(item.superset_with_next),
                        item.note,
                        item.duration_s,
                    )
                    for position, item in enumerate(routine.items)
                ],
            )
        return Routine(routine_id, routine.name, routine.items)

    def delete(self, routine_id: int) -> None:
        self._conn.execute("DELETE FROM routine WHERE id = ?", (routine_id,))

    def name_in_use(self, name: str, except_id: int | None = None) -> bool:
        row = self._conn.execute(
            "SELECT 1 FROM routine WHERE name_key = ? AND id IS NOT ?", (name_key(name), except_id)
        ).fetchone()
        return row is not None
