"""The command line under faults and with malformed files: one calm line on stderr, exit 1, nothing written.

A full disk during ``import`` or ``backup``, a database in use, dates at the edge of the
calendar, archives with values of the wrong kind or nested without end: each gives one line
naming the file and the CSV line or JSON path, never a traceback, and the database stays as it
was. The last tests feed random JSON-like structures into the archive import: whatever comes
in, only ``ArchiveError`` comes out, and a refused archive changes nothing.
"""

from __future__ import annotations

import copy
import errno
import hashlib
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from liftcalm.cli import main
from liftcalm.store import Store, database
from liftcalm.store.archive import ArchiveError, import_archive, read_archive

FIXTURES = Path(__file__).parent / "fixtures" / "imports"
SIDE_FILES = ("-wal", "-shm", "-journal")
STRONG_HEADER = "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes\n"


def content(db: Path) -> str:
    """Everything in the database, as SQL text, read without changing it."""
    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return "\n".join(conn.iterdump())
    finally:
        conn.close()


def one_line(capsys, *phrases: str) -> str:
    """The command's stderr: one line, every phrase in it, no traceback."""
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.endswith("\n"), err
    assert "Traceback" not in err and "did not expect" not in err, err
    for phrase in phrases:
        assert phrase in err, err
    return err


def side_files(path: Path) -> list[str]:
    return [suffix for suffix in SIDE_FILES if path.with_name(path.name + suffix).exists()]


def made_in(folder: Path) -> list[str]:
    """What is in ``folder``, leaving out a command's lock file (it holds no data and is made first)."""
    return sorted(p.name for p in folder.iterdir() if not p.name.endswith(".lock"))


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "liftcalm.db"
    Store(path).close()
    return path


# --- A full disk ---------------------------------------------------------------------------------

@pytest.fixture
def fill_databases(monkeypatch):
    """Call it, and every database LiftCalm opens can grow by no page: SQLite's own SQLITE_FULL."""
    real_connect = database.connect

    def connect(path):
        conn = real_connect(path)
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages}")
        return conn

    return lambda: monkeypatch.setattr(database, "connect", connect)


def a_year_of_strong_workouts(path: Path) -> Path:
    """More sets than the free room in a new database's pages: importing them must grow the file."""
    rows = [f"2024-{1 + day // 28:02d}-{1 + day % 28:02d} 07:00:00,Day {day},1h,Squat,{n},100,5,0,0,,"
            for day in range(300) for n in range(1, 11)]
    path.write_text(STRONG_HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("source", ["csv", "archive"])
def test_import_on_a_full_disk_is_one_line_and_imports_nothing(tmp_path, db, capsys, fill_databases, source):
    path = a_year_of_strong_workouts(tmp_path / "strong.csv")
    if source == "archive":
        other = tmp_path / "other.db"
        assert main(["import", "--db", str(other), str(path), "--unit", "kg"]) == 0
        path = tmp_path / "all.json"
        assert main(["export", "--db", str(other), "--format", "json", "-o", str(path)]) == 0
        capsys.readouterr()
    before = content(db)
    fill_databases()
    assert main(["import", "--db", str(db), str(path), "--unit", "kg"]) == 1
    one_line(capsys, f"liftcalm import: {db}: cannot be written: the disk is full", "Free some space",
             f"Nothing was imported from {path}")
    assert content(db) == before


def test_import_into_a_new_database_on_a_full_disk(tmp_path, capsys, monkeypatch):
    folder = tmp_path / "data"
    real_open = os.open

    def open_(path, flags, *args, **kwargs):
        if flags & os.O_CREAT and str(path).startswith(str(folder)):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", open_)
    assert main(["import", "--db", str(folder / "new.db"), str(FIXTURES / "hevy_kg.csv")]) == 1
    one_line(capsys, f"{folder / 'new.db'} cannot be created: the disk is full. Free some space on it")
    assert made_in(folder) == []


def test_backup_on_a_full_disk_is_one_line_and_leaves_nothing(tmp_path, db, capsys, monkeypatch):
    output = tmp_path / "copies" / "copy.db"
    output.parent.mkdir()
    real_connect = sqlite3.connect

    def connect(target, *args, **kwargs):  # the copy, written aside, can hold one page: SQLITE_FULL
        conn = real_connect(target, *args, **kwargs)
        if Path(str(target)).name.startswith(f".{output.name}"):
            conn.execute("PRAGMA max_page_count = 1")
        return conn

    monkeypatch.setattr(sqlite3, "connect", connect)
    before = content(db)
    assert main(["backup", "--db", str(db), "-o", str(output)]) == 1
    one_line(capsys, f"liftcalm backup: {output}: cannot be written: the disk is full", "Free some space",
             "Nothing was written")
    assert made_in(output.parent) == []
    assert content(db) == before


@pytest.mark.parametrize("command", [["backup"], ["export", "--format", "json"]])
def test_a_full_disk_for_the_output_file_is_named(tmp_path, db, capsys, monkeypatch, command):
    output = tmp_path / "out" / "file"
    output.parent.mkdir()

    def mkstemp(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    assert main([*command, "--db", str(db), "-o", str(output)]) == 1
    one_line(capsys, f"{output}: cannot be written: the disk is full. Free some space on it, then try again. "
                     "Nothing was written.")
    assert made_in(output.parent) == []


# --- In use ------------------------------------------------------------------------------------

def test_import_into_a_database_in_use_is_one_line(db, capsys, monkeypatch):
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 50)
    before = content(db)
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        assert main(["import", "--db", str(db), str(FIXTURES / "hevy_kg.csv")]) == 1
    finally:
        other.close()
    one_line(capsys, f"{db}: cannot be written: it is in use by another program, or by LiftCalm running in "
                     "another window. Close that one, or wait a moment, then try again.")
    assert content(db) == before


# --- Files that are not LiftCalm's are never changed ---------------------------------------------

@pytest.mark.parametrize("command", [["export"], ["export", "--format", "json"], ["backup", "-o", "copy.db"],
                                     ["import", str(FIXTURES / "hevy_kg.csv")], ["demo"]])
def test_an_empty_file_is_refused_untouched_by_every_command(tmp_path, capsys, monkeypatch, command):
    monkeypatch.chdir(tmp_path)
    empty = tmp_path / "empty.db"
    empty.touch()
    assert main([*command, "--db", str(empty)]) == 1
    one_line(capsys, f"{empty} is an empty file, not a LiftCalm database")
    assert empty.read_bytes() == b"" and side_files(empty) == []
    assert [name for name in made_in(tmp_path) if not name.startswith("xdg") and name != "home"] == ["empty.db"]


def test_another_apps_file_with_an_application_id_is_refused_untouched(tmp_path, capsys):
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA application_id = 1234")
    conn.close()
    before = other.read_bytes()
    for command in (["export"], ["import", str(FIXTURES / "hevy_kg.csv")]):
        assert main([*command, "--db", str(other)]) == 1
        one_line(capsys, "is an SQLite database, but not a LiftCalm one")
    assert other.read_bytes() == before and side_files(other) == []


@pytest.mark.parametrize("command", [["export"], ["backup", "-o", "copy.db"]])
def test_read_only_commands_never_create_a_database(tmp_path, capsys, monkeypatch, command):
    monkeypatch.chdir(tmp_path)
    missing = tmp_path / "missing.db"
    assert main([*command, "--db", str(missing)]) == 1
    one_line(capsys, f"{missing}: no database there")
    assert not missing.exists() and side_files(missing) == [] and not (tmp_path / "copy.db").exists()


# --- CSV dates at the edges of the calendar -------------------------------------------------------

@pytest.mark.parametrize("row, shown", [
    ("9999-12-31 23:00,Late,2h,Squat,1,100,5,0,0,,", "9999-12-31 23:00"),
    ("0001-01-01 00:00:00,Early,1h,Squat,1,100,5,0,0,,", "0001-01-01 00:00:00"),
])
def test_an_extreme_csv_date_is_one_line_naming_the_file_and_line(tmp_path, db, capsys, row, shown):
    source = tmp_path / "strong.csv"
    source.write_text(STRONG_HEADER + "2024-03-05 07:00:00,A,30m,Squat,1,100,5,0,0,,\n" + row + "\n")
    before = content(db)
    assert main(["import", "--db", str(db), str(source), "--unit", "kg"]) == 1
    one_line(capsys, f"liftcalm import: {source}: line 3: the date '{shown}' is out of range")
    assert content(db) == before


def test_a_workout_date_that_cannot_be_made_local_is_refused_with_its_line(db):
    """Past the parser too: a workout built elsewhere at the edge of the calendar never overflows the import."""
    from datetime import datetime

    from liftcalm.core.importers import ImportedSet, ImportedWorkout, ImportFormatError, ImportResult
    from liftcalm.core.models import SetType
    from liftcalm.core.units import Unit
    from liftcalm.store.imports import store_import

    squat = ImportedSet("Squat", 1, SetType.WORKING, 5, 100.0, None, None, "", 9)
    late = ImportedWorkout("k", "Late", datetime.max.replace(microsecond=0), 7200, "", (squat,), 9)
    with Store(db) as store:
        with pytest.raises(ImportFormatError) as caught:
            store_import(store, ImportResult("strong", Unit.KG, (late,), ()))
        assert caught.value.line == 9 and "out of range" in caught.value.message
        assert store.conn.execute("SELECT count(*) FROM session").fetchone()[0] == 0


# --- Malformed archives ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def archive_data(tmp_path_factory):
    """A real export: catalogue, starter routines with items, imported sessions with sets."""
    folder = tmp_path_factory.mktemp("archive")
    source = folder / "source.db"
    assert main(["import", "--db", str(source), str(FIXTURES / "strong_ios.csv"), "--unit", "kg"]) == 0
    with Store(source) as store:
        store.add_starter_routines()
        from liftcalm.store.archive import export_archive

        return export_archive(store)


def put(data, path: tuple, value):
    changed = copy.deepcopy(data)
    target = changed
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return changed


NAN = object()  # written as NaN, which Python's json reads unless told not to

BROKEN = [
    (("exercises", 0, "name"), 5, "exercises[0].name: expected a name, not the number 5"),
    (("exercises", 0, "name"), "   ", "exercises[0].name: the name is empty"),
    (("exercises", 0, "name"), "\ud800", "exercises[0].name: the text holds characters that are not valid Unicode"),
    (("exercises",), {}, "exercises: expected a list, not an object"),
    (("routines", 0, "items"), 3, "routines[0].items: expected a list, not the number 3"),
    (("routines", 0, "items", 0, "set_types"), "working", "routines[0].items[0].set_types: expected a list of text"),
    (("routines", 0, "items", 0, "set_types"), ["heavy"], "routines[0].items[0].set_types[0]: “heavy” is not one of"),
    (("routines", 0, "items", 0, "set_types"), [], "routines[0].items[0].set_types: expected at least one set"),
    (("routines", 0, "items", 0, "reps"), True, "routines[0].items[0].reps: expected a whole number, not true"),
    (("sessions", 0), "x", "sessions[0]: expected an object, not the text “x”"),
    (("sessions", 0, "started_at"), [], "sessions[0].started_at: expected a date and time, not a list"),
    (("sessions", 0, "started_at"), "yesterday", "sessions[0].started_at: “yesterday” is not a date and time"),
    (("sessions", 0, "started_at"), "0001-01-01T00:00:00",
     "sessions[0].started_at: the date 0001-01-01T00:00:00 is out of range"),
    (("sessions", 0, "ended_at"), 17, "sessions[0].ended_at: expected a date and time, not the number 17"),
    (("sessions", 0, "routine"), 7, "sessions[0].routine: expected text, not the number 7"),
    (("sessions", 0, "energy"), "high", "sessions[0].energy: expected a whole number, not the text “high”"),
    (("sessions", 0, "sets"), {}, "sessions[0].sets: expected a list, not an object"),
    (("sessions", 0, "sets", 0, "reps"), "8", "sessions[0].sets[0].reps: expected a whole number, not the text “8”"),
    (("sessions", 0, "sets", 0, "reps"), {"n": 8}, "sessions[0].sets[0].reps: expected a whole number, not an object"),
    (("sessions", 0, "sets", 0, "reps"), 8.5, "sessions[0].sets[0].reps: expected a whole number, not 8.5"),
    (("sessions", 0, "sets", 0, "reps"), 10**20, "sessions[0].sets[0].reps: the number 100000000000000000000 is out"),
    (("sessions", 0, "sets", 0, "reps"), 10**40, "sessions[0].sets[0].reps: expected a whole number, not 1000"),
    (("sessions", 0, "sets", 0, "load_kg"), NAN, "sessions[0].sets[0].load_kg: expected a number, not NaN"),
    (("sessions", 0, "sets", 0, "load_kg"), "heavy",
     "sessions[0].sets[0].load_kg: expected a number, not the text “heavy”"),
    (("sessions", 0, "sets", 0, "rpe"), [8], "sessions[0].sets[0].rpe: expected a number, not a list"),
    (("sessions", 0, "sets", 0, "exercise"), ["Squat"], "sessions[0].sets[0].exercise: expected text, not a list"),
    (("sessions", 0, "sets", 0, "relief_signs"), 5,
     "sessions[0].sets[0].relief_signs: expected a list of text, not the number 5"),
    (("sessions", 0, "sets", 0, "relief_signs"), ["calm", 1], "sessions[0].sets[0].relief_signs[1]: expected text"),
    (("settings",), [], "settings: expected an object, not a list"),
    (("settings", "default_rest_s"), "90", "settings.default_rest_s: expected a whole number, not the text “90”"),
    (("settings", "unit"), "stone", "settings.unit: a value is missing or out of range"),
]


@pytest.mark.parametrize("path, value, message", BROKEN, ids=[m.split(":")[0] + f"-{i}" for i, (_, _, m) in
                                                               enumerate(BROKEN)])
def test_a_malformed_archive_is_one_line_naming_the_json_path(tmp_path, db, capsys, archive_data, path, value,
                                                              message):
    text = json.dumps(put(archive_data, path, "__NAN__" if value is NAN else value))
    archive = tmp_path / "broken.json"
    archive.write_text(text.replace('"__NAN__"', "NaN"), encoding="utf-8")
    before = content(db)
    assert main(["import", "--db", str(db), str(archive)]) == 1
    one_line(capsys, f"liftcalm import: {archive}: {message}", "nothing was imported")
    assert content(db) == before


def test_the_unbroken_archive_imports(tmp_path, db, capsys, archive_data):
    archive = tmp_path / "all.json"
    archive.write_text(json.dumps(archive_data), encoding="utf-8")
    assert main(["import", "--db", str(db), str(archive)]) == 0
    assert "sessions: 2" in capsys.readouterr().out


@pytest.mark.parametrize("text, message", [
    ('{"format": "liftcalm", "version": 1, "sessions": ' + "[" * 100_000 + "]" * 100_000 + "}",
     "line 1: values are nested more than 64 levels deep"),
    ('{"format": "liftcalm", "version": 1,\n"sessions":\n' + "[\n" * 5000 + "]" * 5000 + "}",
     "line 66: values are nested more than 64 levels deep"),
    ('{"format": "liftcalm", "version": 1, "note": "' + "[" * 5000 + '", "sessions": ' + "[" * 5000 + "]" * 5000
     + "}",
     "line 1: values are nested more than 64 levels deep"),
    ('{"format": "liftcalm", "version": Infinity}', "version: archive version Infinity is not one"),
    ('{"format": "liftcalm", "version": 1, "sessions": 1' + "0" * 5000 + "}", "sessions: expected a list, not 1000"),
], ids=["deep", "deep-lines", "deep-after-a-string", "infinity", "five-thousand-digits"])
def test_json_that_python_reads_badly_is_one_line(tmp_path, db, capsys, text, message):
    archive = tmp_path / "odd.json"
    archive.write_text(text, encoding="utf-8")
    before = content(db)
    assert main(["import", "--db", str(db), str(archive)]) == 1
    one_line(capsys, f"liftcalm import: {archive}: {message}")
    assert content(db) == before


def test_a_deep_archive_gives_no_traceback_in_a_real_process(tmp_path, db):
    archive = tmp_path / "deep.json"
    archive.write_text('{"format": "liftcalm", "version": 1, "x": ' + "[" * 100_000 + "]" * 100_000 + "}")
    result = subprocess.run([sys.executable, "-m", "liftcalm", "import", "--db", str(db), str(archive)],
                            check=False, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1 and str(archive) in result.stderr


# --- Whatever the archive holds, only ArchiveError comes out ---------------------------------------

FIELD_NAMES = sorted({
    "name", "kind", "muscles", "equipment", "bodyweight", "custom", "duration_s", "description", "items", "exercise",
    "set_types", "reps", "load_kg", "rest_s", "superset_with_next", "note", "routine", "started_at", "ended_at",
    "shorter", "energy", "motivation", "stress_before", "stress_final", "source", "import_key", "sets",
    "set_number", "set_type", "rpe", "stress_after_set", "stress_end_of_rest", "relief_signs", "relief_note",
    "unit", "default_rest_s"})
WORDS = ["strength", "calm", "working", "warmup", "drop", "failure", "kg", "lb", "Barbell Back Squat", "Push",
         "2024-03-05T07:12:44+01:00", "2024-03-05", "9999-12-31T23:59:59", "", " ", "\ud800", "NaN"]
scalars = (st.none() | st.booleans() | st.integers(-2**70, 2**70) | st.floats(allow_nan=False, allow_infinity=False)
           | st.sampled_from(WORDS) | st.text(max_size=6))
json_values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
    st.sampled_from(FIELD_NAMES) | st.text(max_size=3), inner, max_size=4), max_leaves=12)


def near(valid: dict, **inner) -> st.SearchStrategy:
    """Records like ``valid``, any field missing or replaced by any JSON value; sometimes not a record at all."""
    fields = {key: st.just(value) | json_values for key, value in valid.items()}
    fields.update(inner)
    return st.fixed_dictionaries({}, optional=fields) | json_values


SET = {"exercise": "Barbell Back Squat", "set_number": 1, "set_type": "working", "reps": 5, "load_kg": 100.0,
       "rpe": 8.0, "duration_s": None, "ended_at": "2024-03-05T07:20:00+01:00", "stress_after_set": 6,
       "stress_end_of_rest": None, "relief_signs": ["mind calmer"], "relief_note": ""}
SESSION = {"routine": "Push", "kind": "strength", "started_at": "2024-03-05T07:12:44+01:00",
           "ended_at": "2024-03-05T08:00:00+01:00", "shorter": False, "energy": 5, "motivation": None,
           "stress_before": 4, "stress_final": 2, "note": "", "source": "liftcalm", "import_key": None}
ITEM = {"exercise": "Barbell Back Squat", "set_types": ["warmup", "working"], "reps": 5, "load_kg": 60,
        "rest_s": 90, "superset_with_next": False, "note": "", "duration_s": None}
EXERCISE = {"name": "Zercher Walk", "kind": "strength", "muscles": ["legs"], "equipment": "barbell",
            "bodyweight": False, "custom": True, "duration_s": None, "description": ""}
archives = st.fixed_dictionaries({"format": st.just("liftcalm"), "version": st.just(1)}, optional={
    "exercises": st.lists(near(EXERCISE), max_size=3) | json_values,
    "routines": st.lists(near({"name": "Push"}, items=st.lists(near(ITEM), max_size=3) | json_values),
                         max_size=2) | json_values,
    "sessions": st.lists(near(SESSION, sets=st.lists(near(SET), max_size=3) | json_values), max_size=3)
    | json_values,
    "settings": near({"unit": "lb", "default_rest_s": 120}),
})
PROPERTY = settings(max_examples=300, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def shared_store(tmp_path_factory):
    with Store(tmp_path_factory.mktemp("property") / "shared.db") as store:
        yield store


def fingerprint(store) -> str:
    return hashlib.sha256("\n".join(store.conn.iterdump()).encode("utf-8", "surrogatepass")).hexdigest()


@PROPERTY
@given(archive=archives, dry_run=st.booleans())
def test_any_archive_imports_or_raises_archive_error_and_a_refusal_changes_nothing(shared_store, archive, dry_run):
    text = json.dumps(archive).replace('"NaN"', "NaN")
    before = fingerprint(shared_store)
    try:
        import_archive(shared_store, read_archive(text), dry_run=dry_run)
    except ArchiveError as error:
        assert str(error).split(": ", 1)[0], error  # a place: a JSON path or a line
        assert fingerprint(shared_store) == before
        return
    if dry_run:
        assert fingerprint(shared_store) == before
    assert not shared_store.conn.in_transaction


@PROPERTY
@given(st.text(max_size=300) | json_values.map(json.dumps))
def test_any_text_is_read_or_refused_with_archive_error(text):
    try:
        data = read_archive(text)
    except ArchiveError:
        return
    assert isinstance(data, dict) and data["format"] == "liftcalm"


def test_import_and_demo_refuse_a_database_the_app_has_open(tmp_path):
    import subprocess
    import sys

    from liftcalm.store import Store
    from liftcalm.store.instance_lock import DatabaseLock

    db = tmp_path / "open.db"
    Store(db).close()
    before = db.read_bytes()
    fixture = Path(__file__).parent / "fixtures" / "imports" / "hevy_kg.csv"
    with DatabaseLock(db) as app_lock:  # as the running app holds it
        assert app_lock.acquire()
        for args in (["import", "--db", str(db), str(fixture)], ["demo", "--db", str(db)]):
            result = subprocess.run([sys.executable, "-m", "liftcalm", *args], capture_output=True, text=True,
                                    timeout=60)
            assert result.returncode == 1 and "is open in LiftCalm" in result.stderr, result.stderr
            assert result.stderr.count("\n") == 1
    assert db.read_bytes() == before
    # Once the app has closed, the same import goes through.
    result = subprocess.run([sys.executable, "-m", "liftcalm", "import", "--db", str(db), str(fixture)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


def test_a_refused_file_gets_no_lock_file_beside_it(tmp_path):
    import subprocess
    import sys

    stranger = tmp_path / "stranger.db"
    stranger.write_bytes(b"")
    fixture = Path(__file__).parent / "fixtures" / "imports" / "hevy_kg.csv"
    result = subprocess.run([sys.executable, "-m", "liftcalm", "import", "--db", str(stranger), str(fixture)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["stranger.db"]
