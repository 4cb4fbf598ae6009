"""liftcalm import / export / backup, run through the command line's main()."""

import csv
import io
import json
import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from liftcalm.cli import main
from liftcalm.store import Store
from liftcalm.store.exports import EXPORT_COLUMNS

FIXTURES = Path(__file__).parent / "fixtures" / "imports"


def counts(db):
    with Store(db) as store:
        return store.conn.execute(
            "SELECT (SELECT count(*) FROM session), (SELECT count(*) FROM logged_set),"
            " (SELECT count(*) FROM exercise WHERE is_custom)").fetchone()


def test_import_summary_matching_and_second_import_adds_nothing(tmp_path, capsys):
    db = tmp_path / "data.db"
    assert main(["import", "--db", str(db), str(FIXTURES / "strong_ios.csv"), "--unit", "kg"]) == 0
    out = capsys.readouterr().out
    assert "workouts: 2" in out and "sets: 8" in out and "dates: 2024-03-05 to 2024-03-07" in out
    assert "  Bench Press (Barbell) → Barbell Bench Press\n" in out  # the same words in another order
    assert "  Overhead Press (Barbell) → Overhead Press\n" in out  # a barbell lift by its equipment
    assert "  Deadlift (Barbell) → Conventional Deadlift\n" in out  # by the alias table
    assert "new: " not in out
    first = counts(db)
    assert first == (2, 8, 0)

    assert main(["--db", str(db), "import", str(FIXTURES / "strong_ios.csv"), "--unit", "kg"]) == 0
    assert "workouts: 0 (and 2 already imported, left out)" in capsys.readouterr().out
    assert counts(db) == first


def test_dry_run_changes_nothing(tmp_path, capsys):
    db = tmp_path / "dry.db"
    Store(db).close()
    before = counts(db)
    assert main(["import", "--db", str(db), "--dry-run", str(FIXTURES / "hevy_kg.csv")]) == 0
    out = capsys.readouterr().out
    assert out.startswith("would import (dry run, nothing changed):") and "format: hevy" in out
    assert counts(db) == before


DUTCH = "Datum;Trainingsnaam;Duur;Oefening;Setvolgorde;Gewicht;Herhalingen\n2024-03-05 07:12:44;A;1u;Squat;1;60;5\n"


@pytest.mark.parametrize("fixture, args, message", [
    ("dutch.csv", [], "line 1: the header is in a language LiftCalm does not read yet"),
    ("strong_ios.csv", [], "give the unit with --unit kg or --unit lb"),
])
def test_refused_files_name_the_line_and_change_nothing(tmp_path, capsys, fixture, args, message):
    db = tmp_path / "refuse.db"
    Store(db).close()
    before = counts(db)
    source = FIXTURES / fixture
    if fixture == "dutch.csv":
        source = tmp_path / fixture
        source.write_text(DUTCH, encoding="utf-8")
    assert main(["import", "--db", str(db), str(source), *args]) == 1
    err = capsys.readouterr().err
    assert err.startswith("liftcalm import: ") and str(source) in err and message in err
    assert counts(db) == before


def test_a_bad_row_late_in_a_file_imports_nothing(tmp_path, capsys):
    db = tmp_path / "partial.db"
    lines = (FIXTURES / "hevy_kg.csv").read_text(encoding="utf-8").splitlines()
    lines.append(lines[-1].replace(lines[-1].split(",")[0], '"Broken"', 1) + ",extra")
    bad = tmp_path / "bad.csv"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    Store(db).close()
    assert main(["import", "--db", str(db), str(bad)]) == 1
    assert f"line {len(lines)}" in capsys.readouterr().err
    assert counts(db)[:2] == (0, 0)


def test_absurd_load_is_refused_with_its_line(tmp_path, capsys):
    text = ("Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes\n"
            "2024-03-05 07:00:00,A,30m,Squat,1,100,5,0,0,,\n"
            "2024-03-05 07:00:00,A,30m,Squat,2,1500,5,0,0,,\n")
    source = tmp_path / "heavy.csv"
    source.write_text(text)
    db = tmp_path / "heavy.db"
    assert main(["import", "--db", str(db), str(source), "--unit", "kg"]) == 1
    err = capsys.readouterr().err
    assert "line 3: a load of 1500 kg is more than 1000 kg; correct these rows in the file, or give --skip-invalid" in err
    assert "Nothing was imported." in err
    assert not db.exists()  # refused before any database was opened


def test_export_csv_columns_and_missing_values_empty(tmp_path, capsys):
    db = tmp_path / "export.db"
    main(["import", "--db", str(db), str(FIXTURES / "hevy_kg.csv")])
    with Store(db) as store:
        store.conn.execute("UPDATE logged_set SET stress_after_set = 0, relief_signs = 'mind calmer'"
                           " WHERE position = 0")
    capsys.readouterr()
    assert main(["export", "--db", str(db)]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert tuple(rows[0].keys()) == EXPORT_COLUMNS
    assert len(rows) == counts(db)[1]
    rated = [r for r in rows if r["stress_after_set"] != ""]
    assert rated and all(r["stress_after_set"] == "0" and r["relief_notes"] == "mind calmer" for r in rated)
    unrated = [r for r in rows if r["stress_after_set"] == ""]
    assert unrated and all(r["stress_end_of_rest"] == "" for r in unrated)  # missing is empty, never 0
    assert all(r["started_at"][-6] in "+-" for r in rows)  # ISO 8601 with UTC offset

    out = tmp_path / "sets.csv"
    assert main(["export", "--db", str(db), "-o", str(out)]) == 0
    assert out.read_text().splitlines()[0] == ",".join(EXPORT_COLUMNS)


def test_backup_is_a_private_consistent_copy(tmp_path, capsys):
    db = tmp_path / "live.db"
    main(["import", "--db", str(db), str(FIXTURES / "fitnotes_kgs.csv")])
    copy = tmp_path / "copy.db"
    assert main(["backup", "--db", str(db), "-o", str(copy)]) == 0
    assert stat.S_IMODE(os.stat(copy).st_mode) == 0o600
    conn = sqlite3.connect(copy)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    assert counts(copy) == counts(db)
    assert main(["backup", "--db", str(tmp_path / "missing.db"), "-o", str(tmp_path / "x.db")]) == 1
    assert "no database there" in capsys.readouterr().err and not (tmp_path / "x.db").exists()


def test_import_command_does_not_load_qt(tmp_path):
    code = (
        "import sys\n"
        "from liftcalm.cli import main\n"
        f"code = main(['import', '--db', {str(tmp_path / 'q.db')!r}, {str(FIXTURES / 'hevy_kg.csv')!r}])\n"
        "loaded = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'pyqtgraph'))]\n"
        "print(code, loaded)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip().splitlines()[-1] == "0 []", result.stderr


def rich_database(db):
    """Routines, a custom exercise, pounds, imported workouts and a rated session of our own."""
    from liftcalm.core.clock import ClockAnchor, FakeClock
    from liftcalm.core.models import Exercise, ExerciseKind, Readiness
    from liftcalm.core.session_plan import plan_sets
    from liftcalm.core.session_run import SessionRun
    from liftcalm.core.units import Unit

    main(["import", "--db", str(db), str(FIXTURES / "strong_ios.csv"), "--unit", "kg"])
    with Store(db) as store:
        store.add_starter_routines()
        store.exercises.add_custom(Exercise(None, "Zercher Stair Walk", muscles=("full body",), equipment="other"))
        store.settings.unit = Unit.LB
        routine = store.routines.get(store.routines.list()[0][0])
        clock = FakeClock()
        run = SessionRun(plan_sets(routine), clock)
        anchor = lambda: ClockAnchor("b", clock.now(), clock.now() + 1.8e9)  # noqa: E731
        session_id = store.sessions.start(routine_id=routine.id, routine_name=routine.name,
                                          kind=ExerciseKind.CALM, plan=run.plan, state=run.snapshot(),
                                          anchor=anchor(), readiness=Readiness(3, 2, None), shorter=True)
        logged = run.finish_set()
        store.sessions.log_set(session_id, 0, logged, run.plan[0], run.snapshot(), anchor())
        store.sessions.rate_set(session_id, 0, stress_after_set=6, relief_signs=["breath slowing", "mind calmer"],
                                relief_note="shoulders dropped")
        store.sessions.finish(session_id, 1.8e9 + clock.now(), stress_final=2, note="calmer")


def test_json_export_import_into_an_empty_database_round_trips(tmp_path, capsys):
    first, second = tmp_path / "first.db", tmp_path / "second.db"
    rich_database(first)
    archive = tmp_path / "all.json"
    assert main(["export", "--db", str(first), "--format", "json", "-o", str(archive)]) == 0
    assert main(["import", "--db", str(second), str(archive)]) == 0
    capsys.readouterr()
    assert main(["export", "--db", str(second), "--format", "json"]) == 0
    again = capsys.readouterr().out
    assert again == archive.read_text(encoding="utf-8")
    data = json.loads(again)
    assert data["settings"]["unit"] == "lb" and len(data["routines"]) >= 4
    ours = next(s for s in data["sessions"] if s["source"] == "liftcalm")
    assert (ours["energy"], ours["motivation"], ours["stress_before"], ours["stress_final"]) == (3, 2, None, 2)
    assert ours["sets"][0]["relief_signs"] == ["breath slowing", "mind calmer"]
    assert ours["sets"][0]["stress_end_of_rest"] is None  # skipped stays missing
    assert any(e["name"] == "Zercher Stair Walk" and e["custom"] for e in data["exercises"])
    # Importing the same archive again adds nothing.
    assert main(["import", "--db", str(second), str(archive)]) == 0
    assert "sessions: 0" in capsys.readouterr().out


@pytest.mark.parametrize("change, message", [
    (lambda text: text.replace('"sessions": [', '"sessions": [,', 1), "line "),
    (lambda text: text.replace('"started_at"', '"begun_at"', 1), "sessions[0]: missing “started_at”"),
    (lambda text: text.replace('"reps": 8', '"reps": -3', 1), "sessions[0].sets[0]: a value is missing or out of"),
])
def test_a_broken_archive_names_the_place_and_imports_nothing(tmp_path, capsys, change, message):
    source = tmp_path / "source.db"
    main(["import", "--db", str(source), str(FIXTURES / "strong_ios.csv"), "--unit", "kg"])
    archive = tmp_path / "broken.json"
    main(["export", "--db", str(source), "--format", "json", "-o", str(archive)])
    archive.write_text(change(archive.read_text(encoding="utf-8")), encoding="utf-8")
    target = tmp_path / "target.db"
    Store(target).close()
    capsys.readouterr()
    assert main(["import", "--db", str(target), str(archive)]) == 1
    err = capsys.readouterr().err
    assert message in err and str(archive) in err
    assert counts(target) == (0, 0, 0)
