"""Routines and their exercises. ``put`` writes a whole routine in one transaction.

A routine item's per-set targets are kept as a JSON list in ``routine_item.set_targets``, one
object per set with only the values given ({"type": "warmup", "reps": 10, "load_kg": 20.0,
"rest_s": 60}); NULL means every set as the item's own columns say.
"""

from __future__ import annotations

import json
import sqlite3

from liftcalm.core.models import Routine, RoutineItem, SetTarget, SetType
from liftcalm.core.set_targets import check_targets
from liftcalm.core.validation import name_key
from liftcalm.store.transactions import transaction

_TARGET_FIELDS = ("reps", "reps_max", "load_kg", "rpe", "rir", "duration_s", "distance_m", "rest_s")


def targets_to_json(targets: tuple[SetTarget, ...] | None) -> str | None:
    """The JSON text of per-set targets (None stays NULL)."""
    if targets is None:
        return None
    rows = []
    for target in targets:
        row: dict = {"type": target.set_type.value}
        row.update({name: getattr(target, name) for name in _TARGET_FIELDS if getattr(target, name) is not None})
        rows.append(row)
    return json.dumps(rows, separators=(",", ":"))


def targets_from_json(text: str | None) -> tuple[SetTarget, ...] | None:
    """Per-set targets from their JSON text; None for NULL, or for text that is not a list of targets."""
    if not text:
        return None
    try:
        rows = json.loads(text)
        return tuple(SetTarget(SetType(row["type"]), **{name: row.get(name) for name in _TARGET_FIELDS})
                     for row in rows) or None
    except (ValueError, TypeError, KeyError, AttributeError):
        return None  # a damaged plan falls back to the item's own columns rather than losing the routine


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
            "SELECT exercise_id, set_types, target_reps, target_load_kg, rest_s, superset_with_next, note, duration_s,"
            " set_targets FROM routine_item WHERE routine_id = ? ORDER BY position",
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
                    set_targets=targets_from_json(targets),
                )
                for exercise_id, set_types, reps, load, rest, superset, note, duration, targets in items
            ),
        )

    def put(self, routine: Routine) -> Routine:
        """Insert or replace ``routine`` (keeping its id when it has one); return it with its id.

        Raises ``ValidationError`` for a per-set target out of range, before writing anything.
        """
        for item in routine.items:
            if item.set_targets is not None:
                check_targets(item.set_targets)
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
                " rest_s, superset_with_next, note, duration_s, set_targets) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
                        targets_to_json(item.set_targets),
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
