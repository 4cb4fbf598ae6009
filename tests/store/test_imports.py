"""The one import path (prepare_import(file).run(store)): what it stores, what it leaves out, what it remembers."""

from __future__ import annotations

import gc
import os
import stat
from pathlib import Path

import pytest

from liftcalm.core.importers import ImportCancelled, ImportFormatError, InvalidRows
from liftcalm.core.models import Exercise
from liftcalm.core.units import Unit
from liftcalm.core.validation import match_key
from liftcalm.store.imports import NEW, prepare_import

FIXTURES = Path(__file__).parents[1] / "fixtures" / "imports"
STRONG = "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE\n"


def write(tmp_path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def sets(store, *columns: str) -> list[tuple]:
    return store.conn.execute(f"SELECT {', '.join(columns)} FROM logged_set l JOIN exercise e ON e.id = l.exercise_id"
                              " ORDER BY l.session_id, l.position").fetchall()


def test_missing_values_are_stored_as_missing_and_every_given_one_is_kept(store):
    with prepare_import(FIXTURES / "strong_android_rpe.csv") as prepared:
        prepared.run(store)
    assert sets(store, "e.name", "l.set_type", "l.reps", "l.load_kg", "l.rpe", "l.duration_s", "l.distance_m",
                "l.note") == [
        ("Barbell Bench Press", "warmup", 10, 40.0, None, None, None, ""),
        ("Barbell Bench Press", "working", 6, 70.0, 8.0, None, None, ""),
        ("Barbell Bench Press", "working", 5, 72.5, 8.5, None, None, ""),
        ("Lateral Raise", "working", 15, 10.0, 9.0, None, None, ""),
        ("Treadmill", "working", None, None, None, 600, 1200.0, "Cooldown"),  # a run: no reps, no load
    ]
    treadmill = store.exercises.find("Treadmill")
    assert treadmill.is_custom and treadmill.measure.value == "distance"  # counted as it was done


def test_a_timed_set_makes_an_exercise_counted_in_time_and_notes_go_where_they_belong(store, tmp_path):
    source = write(tmp_path, "hold.csv", STRONG
                   + "2024-07-09 12:05:51,Core,20m,Dead Hang,Note,0,0,0,0,Overhand grip,Abs day,\n"
                   + "2024-07-09 12:05:51,Core,20m,Dead Hang,1,0,0,0,45,,Abs day,\n"
                   + "2024-07-09 12:05:51,Core,20m,Dead Hang,Rest Timer,0,0,0,90,,,\n"
                   + "2024-07-09 12:05:51,Core,20m,Dead Hang,2,0,0,0,40,Last one shaky,,\n")
    with prepare_import(source, unit=Unit.KG) as prepared:
        summary = prepared.run(store)
    assert summary.new_exercises == ["Dead Hang"] and summary.skipped_count == 2
    assert store.exercises.find("Dead Hang").measure.value == "time"
    assert sets(store, "l.reps", "l.load_kg", "l.duration_s", "l.note") == [(None, None, 45, ""),
                                                                           (None, None, 40, "Last one shaky")]
    assert store.conn.execute("SELECT note FROM session").fetchall() == [("Abs day",)]
    assert store.conn.execute("SELECT e.name, x.note FROM session_exercise x JOIN exercise e ON e.id = x.exercise_id"
                              ).fetchall() == [("Dead Hang", "Overhand grip")]


def test_hevy_supersets_and_exercise_notes(store):
    with prepare_import(FIXTURES / "hevy_kg.csv") as prepared:
        prepared.run(store)
    curls = sets(store, "e.name", "l.superset_group")
    assert [group for name, group in curls if name == "Dumbbell Curl"] == [0, 0]
    assert all(group is None for name, group in curls if name != "Dumbbell Curl")
    assert store.conn.execute("SELECT e.name, x.note FROM session_exercise x JOIN exercise e ON e.id = x.exercise_id"
                              ).fetchall() == [("Conventional Deadlift", "Back-off")]


def test_rows_that_cannot_be_true_refuse_the_import_unless_skipped(store, tmp_path):
    source = write(tmp_path, "typo.csv", STRONG + "".join(
        f"2024-03-05 07:00:00,Legs,1h,Squat (Barbell),{n},100,{reps},0,0,,,\n"
        for n, reps in enumerate([5, 877777, 5], 1)))
    with prepare_import(source, unit=Unit.KG) as prepared:
        assert prepared.invalid == ((3, "877777 reps is more than 1000"),)
        with pytest.raises(InvalidRows) as caught:
            prepared.run(store)
        assert caught.value.line == 3
        assert store.conn.execute("SELECT count(*) FROM session").fetchone() == (0,)
        summary = prepared.run(store, skip_invalid=True)
    assert (summary.workouts, summary.sets, summary.invalid) == (1, 2, ((3, "877777 reps is more than 1000"),))
    assert "rows left out for values that cannot be true: 1" in summary.lines()
    assert "  line 3: 877777 reps is more than 1000" in summary.lines()
    assert sets(store, "l.set_number", "l.reps") == [(1, 5), (2, 5)]


def test_a_chosen_mapping_is_used_remembered_and_used_again(store, tmp_path):
    front = store.exercises.find("Front Squat")
    first = write(tmp_path, "a.csv", STRONG + "2024-03-05 07:00:00,Legs,1h,Zercher Squat,1,60,5,0,0,,,\n"
                  "2024-03-05 07:00:00,Legs,1h,Squat (Barbell),1,100,5,0,0,,,\n")
    with prepare_import(first, unit=Unit.KG) as prepared:
        preview = prepared.run(store, dry_run=True)
        assert [(c.name, c.exercise_name, c.how) for c in preview.names] == [
            ("Zercher Squat", "Zercher Squat", "new"), ("Squat (Barbell)", "Barbell Back Squat", "catalogue")]
        assert store.conn.execute("SELECT count(*) FROM import_name").fetchone() == (0,)  # a dry run keeps nothing
        summary = prepared.run(store, mapping={"Zercher Squat": front.id})
    assert [(c.name, c.exercise_name, c.how) for c in summary.names] == [
        ("Zercher Squat", "Front Squat", "chosen"), ("Squat (Barbell)", "Barbell Back Squat", "catalogue")]
    assert summary.new_exercises == []
    # Only the person's own choice is remembered, under the name's match key.
    assert store.conn.execute("SELECT name_key, exercise_id FROM import_name").fetchall() == [
        (match_key("Zercher Squat"), front.id)]
    second = write(tmp_path, "b.csv", STRONG + "2024-03-07 07:00:00,Legs,1h,zercher  squat,1,62.5,5,0,0,,,\n")
    with prepare_import(second, unit=Unit.KG) as prepared:
        summary = prepared.run(store)
    assert [(c.exercise_name, c.how) for c in summary.names] == [("Front Squat", "remembered")]
    assert "  zercher squat → Front Squat (as you chose before)" in summary.lines()


def test_a_name_can_be_made_a_new_exercise_of_its_own_and_a_vanished_target_is_refused(store, tmp_path):
    source = write(tmp_path, "a.csv", STRONG + "2024-03-05 07:00:00,Legs,1h,Squat (Barbell),1,100,5,0,0,,,\n")
    with prepare_import(source, unit=Unit.KG) as prepared:
        summary = prepared.run(store, dry_run=True, mapping={"Squat (Barbell)": NEW})
        assert summary.new_exercises == ["Squat (Barbell)"]
        with pytest.raises(ImportFormatError, match="no longer exists"):
            prepared.run(store, mapping={"Squat (Barbell)": 999_999})
    assert store.conn.execute("SELECT count(*) FROM session").fetchone() == (0,)
    assert store.conn.execute("SELECT count(*) FROM exercise WHERE is_custom").fetchone() == (0,)  # nothing made


def test_names_matching_the_persons_own_exercises(store, tmp_path):
    mine = store.exercises.add_custom(Exercise(None, "Zercher Squat", equipment="barbell"))
    source = write(tmp_path, "a.csv", STRONG + "2024-03-05 07:00:00,Legs,1h,squat zercher,1,60,5,0,0,,,\n")
    with prepare_import(source, unit=Unit.KG) as prepared:
        summary = prepared.run(store)
    assert [(c.exercise_id, c.how) for c in summary.names] == [(mine.id, "yours")]


def test_the_staging_file_is_private_and_removed(store, tmp_path):
    prepared = prepare_import(FIXTURES / "hevy_kg.csv")
    staging = prepared._staging
    assert staging.exists() and stat.S_IMODE(os.stat(staging).st_mode) == 0o600
    assert staging.parent != tmp_path  # never beside the person's files
    prepared.close()
    assert not staging.exists()
    with pytest.raises(RuntimeError):
        prepared.run(store)
    forgotten = prepare_import(FIXTURES / "hevy_kg.csv")._staging
    gc.collect()
    assert not forgotten.exists()  # dropped without close(): removed all the same


def test_a_refused_file_leaves_no_staging_file_behind(tmp_path, monkeypatch):
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    source = write(tmp_path, "bad.csv", STRONG + "2024-03-05 07:00:00,Legs,1h,Squat,1,heavy,5,0,0,,,\n")
    with pytest.raises(ImportFormatError):
        prepare_import(source, unit=Unit.KG)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.csv"]


def test_progress_counts_workouts_and_cancelling_keeps_nothing(store):
    with prepare_import(FIXTURES / "strong_interleaved.csv", unit=Unit.KG) as prepared:
        seen = []
        with pytest.raises(ImportCancelled):
            prepared.run(store, progress=lambda done, total: seen.append((done, total)),
                         cancelled=lambda: len(seen) == 2)
        assert store.conn.execute("SELECT count(*) FROM session").fetchone() == (0,)
        seen.clear()
        prepared.run(store, progress=lambda done, total: seen.append((done, total)))
    assert seen[0] == (0, 3) and seen[-1] == (3, 3) and seen == sorted(seen)


def test_reading_reports_bytes_and_can_be_cancelled(tmp_path):
    source = write(tmp_path, "many.csv", STRONG + "".join(
        f"2024-03-{1 + n // 500:02d} 07:00:00,Legs,1h,Squat,{n % 500 + 1},100,5,0,0,,,\n" for n in range(10_000)))
    seen = []
    with prepare_import(source, unit=Unit.KG, progress=lambda done, total: seen.append((done, total))):
        pass
    assert seen and all(total == source.stat().st_size for _, total in seen)
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)
    with pytest.raises(ImportCancelled):
        prepare_import(source, unit=Unit.KG, cancelled=lambda: True)


def test_a_staging_file_left_by_a_killed_import_is_removed_by_the_next(tmp_path, monkeypatch):
    import subprocess
    import sys
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True,
                          check=True).stdout.strip()
    left = tmp_path / f"liftcalm-import-{gone}-abc.sqlite"
    left.write_bytes(b"")
    mine = tmp_path / f"liftcalm-import-{os.getpid()}-def.sqlite"
    mine.write_bytes(b"")  # this process's own: still in use
    with prepare_import(FIXTURES / "hevy_kg.csv"):
        pass
    assert not left.exists() and mine.exists()
