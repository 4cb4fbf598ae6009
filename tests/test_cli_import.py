"""liftcalm import: values that cannot be true, --skip-invalid, --map, progress, and safe terminal output."""

from __future__ import annotations

import io
import sqlite3
import sys
from pathlib import Path

import pytest

from liftcalm import cli
from liftcalm.cli import main
from liftcalm.store import Store

STRONG = "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE\n"


def strong_file(tmp_path, *rows: str, name="strong.csv") -> Path:
    path = tmp_path / name
    path.write_text(STRONG + "".join(f"2024-03-05 07:00:00,Legs,1h,{row}\n" for row in rows), encoding="utf-8")
    return path


def table(db, sql):
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_a_typo_refuses_the_file_with_each_line_and_a_hint_and_opens_no_database(tmp_path, capsys):
    source = strong_file(tmp_path, "Squat,1,100,5,0,0,,,", "Squat,2,100,877777,0,0,,,", "Squat,3,100,5,0,0,,,11")
    db = tmp_path / "data.db"
    assert main(["import", "--db", str(db), str(source), "--unit", "kg"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert (f"liftcalm import: {source}: line 3: 877777 reps is more than 1000; and 1 more row with values that "
            "cannot be true: lines 4; correct these rows in the file, or give --skip-invalid to import the rest "
            "without them. Nothing was imported.") in err
    assert not db.exists()


def test_skip_invalid_imports_the_rest_and_prints_the_rows_left_out(tmp_path, capsys):
    source = strong_file(tmp_path, "Squat,1,100,5,0,0,,,", "Squat,2,100,877777,0,0,,,", "Squat,3,-5,5,0,0,,,")
    db = tmp_path / "data.db"
    assert main(["import", "--db", str(db), str(source), "--unit", "kg", "--skip-invalid"]) == 0
    out = capsys.readouterr().out
    assert "sets: 1" in out and "rows left out for values that cannot be true: 2" in out
    assert "  line 3: 877777 reps is more than 1000\n" in out and "  line 4: the weight '-5' is negative\n" in out
    assert table(db, "SELECT reps, load_kg FROM logged_set") == [(5, 100.0)]


def test_map_imports_a_name_as_the_exercise_given_and_remembers_it(tmp_path, capsys):
    source = strong_file(tmp_path, "Squat (Barbell),1,100,5,0,0,,,", "Hack Squat (Machine),1,120,8,0,0,,,")
    db = tmp_path / "data.db"
    args = ["import", "--db", str(db), str(source), "--unit", "kg", "--map", "squat (barbell)=front squat",
            "--map", "Hack Squat (Machine)=Leg Press"]
    assert main([*args, "--dry-run"]) == 0
    assert "  Squat (Barbell) → Front Squat (as you chose)" in capsys.readouterr().out
    assert table(db, "SELECT count(*) FROM import_name") == [(0,)]  # a dry run remembers nothing
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "  Squat (Barbell) → Front Squat (as you chose)" in out
    assert "  Hack Squat (Machine) → Leg Press (as you chose)" in out
    assert table(db, "SELECT e.name FROM logged_set l JOIN exercise e ON e.id = l.exercise_id ORDER BY l.position"
                 ) == [("Front Squat",), ("Leg Press",)]
    later = strong_file(tmp_path, "Squat (Barbell),1,105,5,0,0,,,", name="later.csv").read_text()
    (tmp_path / "later.csv").write_text(later.replace("2024-03-05", "2024-03-08"))
    assert main(["import", "--db", str(db), str(tmp_path / "later.csv"), "--unit", "kg"]) == 0
    assert "  Squat (Barbell) → Front Squat (as you chose before)" in capsys.readouterr().out


@pytest.mark.parametrize("mapping, message", [
    ("Squat (Barbell)=Zercher Walk", "--map: there is no exercise named 'Zercher Walk'"),
    ("Deadlift=Conventional Deadlift", "--map: the strong export has no exercise named 'Deadlift'"),
    ("Squat (Barbell)", "give the name in the file and the exercise it is"),
])
def test_a_map_that_cannot_apply_is_refused(tmp_path, capsys, mapping, message):
    source = strong_file(tmp_path, "Squat (Barbell),1,100,5,0,0,,,")
    db = tmp_path / "data.db"
    assert main(["import", "--db", str(db), str(source), "--unit", "kg", "--map", mapping]) == 1
    assert message in capsys.readouterr().err
    assert not db.exists() or table(db, "SELECT count(*) FROM session") == [(0,)]


def test_names_with_terminal_escapes_are_printed_without_them(tmp_path, capsys):
    evil = "\x1b[2J\x1b[31mSquat\x07\u202e"
    source = tmp_path / "evil.csv"
    source.write_text(STRONG + f'2024-03-05 07:00:00,"Legs\x1b]0;pwned\x07",1h,"{evil}",1,100,5,0,0,,,\n',
                      encoding="utf-8")
    db = tmp_path / "data.db"
    assert main(["import", "--db", str(db), str(source), "--unit", "kg"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
    assert "  new: [2J[31mSquat\n" in out
    assert table(db, "SELECT name FROM exercise WHERE is_custom") == [(evil,)]  # stored as the file has it
    # An error quoting a name is cleaned too.
    source.write_text(STRONG + f'2024-03-05 07:00:00,Legs,1h,"{evil}",1,100,5,0,0,,,\n'
                      f'2024-03-05 07:00:00,Legs,1h,"{evil}",2,100,five,0,0,,,\n', encoding="utf-8")
    assert main(["import", "--db", str(tmp_path / "other.db"), str(source), "--unit", "kg"]) == 1
    err = capsys.readouterr().err
    assert "\x1b" not in err and "line 3: the reps 'five' is not a number" in err


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_goes_to_stderr_on_a_terminal_for_a_long_import(tmp_path, capsys, monkeypatch):
    rows = [f"Squat,{n},100,5,0,0,,," for n in range(1, 6)]
    source = tmp_path / "long.csv"
    source.write_text(STRONG + "".join(f"2024-{1 + d // 28:02d}-{1 + d % 28:02d} 07:00:00,Legs,1h,{row}\n"
                                       for d in range(300) for row in rows), encoding="utf-8")
    monkeypatch.setattr(cli.TerminalProgress, "AFTER_S", 0.0)  # "long" from the start
    monkeypatch.setattr(cli.TerminalProgress, "EVERY_S", 0.0)
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main(["import", "--db", str(tmp_path / "t.db"), str(source), "--unit", "kg"]) == 0
    shown = terminal.getvalue()
    assert "\rimporting… 0 of 300 workouts" in shown and "\rimporting… 300 of 300 workouts" in shown
    assert shown.endswith("\r\x1b[K")  # the progress line is cleared before the summary
    assert "workouts: 300" in capsys.readouterr().out
    # Not a terminal (a pipe, a log file): no progress at all.
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    assert main(["import", "--db", str(tmp_path / "u.db"), str(source), "--unit", "kg"]) == 0
    assert sys.stderr.getvalue() == ""


def test_a_french_strong_export_imports_from_the_command_line(tmp_path, capsys):
    source = tmp_path / "fr.csv"
    source.write_bytes(("Date,Nom de l'entraînement,Durée,Nom de l'exercice,Ordre de la série,Poids,Réps,Distance,"
                        "Secondes,Notes,Notes d'entraînement,RPE\r\n"
                        '2023-08-16 13:10:30,"Pecs Et Dos",35min,"Aerobics",1,0,0,0,600,"","",\r\n'
                        '2023-08-16 13:10:30,"Pecs Et Dos",35min,"Bench Press (Dumbbell)",1,20.0,8,0,0,"",,\r\n'
                        ).encode("utf-8"))
    db = tmp_path / "fr.db"
    assert main(["import", "--db", str(db), str(source), "--unit", "kg"]) == 0
    out = capsys.readouterr().out
    assert "  header in French" in out and "workouts: 1" in out and "sets: 2" in out
    with Store(db) as store:
        assert store.conn.execute("SELECT reps, load_kg, duration_s FROM logged_set ORDER BY position").fetchall() == [
            (None, None, 600), (8, 20.0, None)]
        assert store.conn.execute("SELECT started_at, ended_at FROM session").fetchone()[1][11:16] == "13:45"
