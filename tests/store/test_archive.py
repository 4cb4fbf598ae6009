"""LiftCalm's JSON archive, version 2: missing values stay missing, new fields come along; version 1 still reads."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from liftcalm.store import Store
from liftcalm.store.archive import (
    ARCHIVE_VERSION,
    ArchiveError,
    archive_json,
    import_archive,
    read_archive,
)
from liftcalm.store.imports import prepare_import

FIXTURES = Path(__file__).parents[1] / "fixtures" / "imports"


def filled(db: Path) -> Store:
    store = Store(db)
    for name in ("strong_android_rpe.csv", "hevy_kg.csv", "strong_pseudo_rows.csv"):
        with prepare_import(FIXTURES / name, unit="kg") as prepared:
            zercher = {"Goblet Squat": store.exercises.find("Kettlebell Goblet Squat").id} \
                if name == "strong_pseudo_rows.csv" else None
            prepared.run(store, mapping=zercher)
    squat = store.exercises.find("Barbell Back Squat").id
    with store.transaction():
        store.conn.execute("INSERT INTO body_weight (day, kg) VALUES ('2024-12-01', 81.5)")
        store.conn.execute("INSERT INTO exercise_plan (exercise_id, progression, load_step_kg)"
                           " VALUES (?, 'double', 2.5)", (squat,))
    return store


def test_version_2_keeps_missing_values_and_every_new_field_and_round_trips(tmp_path):
    with filled(tmp_path / "first.db") as first:
        text = archive_json(first)
    data = json.loads(text)
    assert data["version"] == ARCHIVE_VERSION == 2
    sets = [s for session in data["sessions"] for s in session["sets"]]
    treadmill = next(s for s in sets if s["exercise"] == "Treadmill")
    assert (treadmill["reps"], treadmill["load_kg"], treadmill["distance_m"], treadmill["duration_s"],
            treadmill["note"]) == (None, None, 1200.0, 600, "Cooldown")
    assert [s["superset_group"] for s in sets if s["exercise"] == "Dumbbell Curl"] == [0, 0]
    notes = [note for session in data["sessions"] for note in session["exercise_notes"]]
    assert {"exercise": "Kettlebell Goblet Squat", "note": "Heels on plates"} in notes
    assert {"exercise": "Conventional Deadlift", "note": "Back-off"} in notes
    assert next(e for e in data["exercises"] if e["name"] == "Treadmill")["measure"] == "distance"
    assert data["body_weights"] == [{"day": "2024-12-01", "kg": 81.5}]
    assert data["exercise_plans"] == [{"exercise": "Barbell Back Squat", "progression": "double", "load_step_kg": 2.5}]
    assert [n["exercise"] for n in data["import_names"]] == ["Kettlebell Goblet Squat"]
    with Store(tmp_path / "second.db") as second:
        import_archive(second, read_archive(text))
        assert archive_json(second) == text


def test_a_version_1_archive_still_imports(tmp_path):
    archive = {"format": "liftcalm", "version": 1, "exercises": [], "routines": [], "sessions": [{
        "routine": "Push", "kind": "strength", "started_at": "2024-03-05T07:12:44+01:00",
        "ended_at": "2024-03-05T08:00:00+01:00", "sets": [{
            "exercise": "Barbell Bench Press", "set_number": 1, "set_type": "working", "reps": 5, "load_kg": 80.0,
            "rpe": 8.0, "duration_s": None, "ended_at": "2024-03-05T07:20:00+01:00"}]}]}
    with Store(tmp_path / "v1.db") as store:
        counts = import_archive(store, read_archive(json.dumps(archive)))
        assert (counts["sessions"], counts["sets"]) == (1, 1)
        assert store.conn.execute("SELECT reps, load_kg, distance_m, note, superset_group FROM logged_set"
                                  ).fetchall() == [(5, 80.0, None, "", None)]
    # In version 1 a load was always given: a missing one is a broken archive there, and allowed in version 2.
    archive["sessions"][0]["sets"][0]["load_kg"] = None
    with Store(tmp_path / "v1b.db") as store:
        with pytest.raises(ArchiveError, match=r"sessions\[0\].sets\[0\].load_kg: expected a number, not null"):
            import_archive(store, read_archive(json.dumps(archive)))
        archive["version"] = 2
        import_archive(store, read_archive(json.dumps(archive)))
        assert store.conn.execute("SELECT reps, load_kg FROM logged_set").fetchall() == [(5, None)]
    # An archive from a newer LiftCalm is refused, as before.
    with pytest.raises(ArchiveError, match="archive version 3 is not one this LiftCalm reads"):
        read_archive('{"format": "liftcalm", "version": 3}')
