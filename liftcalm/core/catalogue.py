"""The exercise catalogue and starter routines shipped in ``resources/``."""

from __future__ import annotations

import zlib
from pathlib import Path

from liftcalm.core.models import Exercise, ExerciseKind, Routine, RoutineItem, SetType


def catalogue_digest(path: Path) -> str:
    """A fingerprint of the catalogue file, so the store syncs it only when it changed.

    CRC-32 is enough to notice an edit, and zlib is already loaded (hashlib would pull in
    OpenSSL at every start).
    """
    data = path.read_bytes()
    return f"{zlib.crc32(data):08x}-{len(data)}"


def load_catalogue(path: Path) -> list[Exercise]:
    """Read the catalogue: strength exercises, then calm practices."""
    import json  # only when the catalogue changed: not on an ordinary start

    data = json.loads(path.read_text(encoding="utf-8"))
    exercises = [
        Exercise(
            id=None,
            name=entry["name"],
            kind=ExerciseKind.STRENGTH,
            muscles=tuple(entry["muscles"]),
            equipment=entry["equipment"],
            is_bodyweight=bool(entry["bodyweight"]),
        )
        for entry in data["exercises"]
    ]
    exercises += [
        Exercise(
            id=None,
            name=entry["name"],
            kind=ExerciseKind.CALM,
            equipment="none",
            is_bodyweight=True,
            duration_s=int(entry["duration_s"]),
            description=entry.get("description", ""),
        )
        for entry in data["calm_practices"]
    ]
    return exercises


def load_starter_routines(path: Path, exercise_ids: dict[str, int]) -> list[Routine]:
    """Read the starter routines, resolving exercise names through ``exercise_ids``."""
    import json

    data = json.loads(path.read_text(encoding="utf-8"))
    return [
        Routine(
            id=None,
            name=routine["name"],
            items=tuple(
                RoutineItem(
                    exercise_id=exercise_ids[item["exercise"]],
                    set_types=tuple(SetType(t) for t in item["set_types"]),
                    target_reps=int(item["reps"]),
                    target_load_kg=float(item["load_kg"]),
                    rest_s=int(item["rest_s"]),
                    superset_with_next=bool(item.get("superset_with_next", False)),
                    note=item.get("note", ""),
                    duration_s=item.get("duration_s"),
                )
                for item in routine["items"]
            ),
        )
        for routine in data["routines"]
    ]
