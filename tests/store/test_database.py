import os
import sqlite3
import stat

import pytest

from liftcalm.core.models import Routine, RoutineItem, SetType
from liftcalm.core.units import Unit
from liftcalm.store import Store, StoreError
from liftcalm.store.migrations import APPLICATION_ID, LATEST_VERSION


def test_new_database_is_migrated_with_pragmas_and_private_mode(tmp_path):
    path = tmp_path / "sub" / "new.db"
    with Store(path) as store:
        conn = store.conn
        assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA busy_timeout").fetchone()[0] == 5000
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert conn.in_transaction is False  # autocommit: each write is committed at once
        store.settings.unit = Unit.LB
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    with Store(path) as store:
        assert store.settings.unit is Unit.LB


def test_existing_database_with_loose_mode_is_made_private(tmp_path):
    path = tmp_path / "loose.db"
    Store(path).close()
    os.chmod(path, 0o644)
    Store(path).close()
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600


def test_empty_file_is_refused_untouched(tmp_path):
    """A 0-byte file is never one LiftCalm made (it builds a new database aside and links it in whole)."""
    path = tmp_path / "empty.db"
    path.touch()
    _refused(path, "is an empty file, not a LiftCalm database")
    assert path.stat().st_size == 0


def test_migration_path_from_version_zero_matches_schema(tmp_path):
    with Store(tmp_path / "a.db") as store:
        tables = {row[0] for row in store.conn.execute("SELECT name FROM sqlite_schema WHERE type = 'table'")}
    assert {"setting", "exercise", "routine", "routine_item"} <= tables


def _refused(path, match):
    before = path.read_bytes()
    with pytest.raises(StoreError, match=match) as caught:
        Store(path)
    assert str(path) in str(caught.value)
    assert path.read_bytes() == before, "a refused file must be left byte for byte as it was"
    for suffix in ("-wal", "-shm", "-journal"):
        assert not path.with_name(path.name + suffix).exists(), f"{suffix} created beside a refused file"


def test_refuses_garbage_file(tmp_path):
    path = tmp_path / "notes.db"
    path.write_bytes(b"these are my notes, not a database\n" * 200)
    _refused(path, "not a LiftCalm database")


def test_refuses_corrupt_database(tmp_path):
    path = tmp_path / "corrupt.db"
    with Store(path) as store:
        store.book.create("Push")
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        store.conn.execute("PRAGMA journal_mode = DELETE")
    data = bytearray(path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    for offset in range(page_size, len(data), 7):  # keep the header, scramble every page after it
        data[offset] ^= 0x5A
    path.write_bytes(bytes(data))
    _refused(path, "damaged")


def test_refuses_newer_schema(tmp_path):
    path = tmp_path / "future.db"
    with Store(path) as store:
        store.conn.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
        store.conn.execute("PRAGMA journal_mode = DELETE")
    _refused(path, "newer LiftCalm")


def test_refuses_other_applications_database(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.commit()
    conn.close()
    _refused(path, "not a LiftCalm one")


def test_refuses_a_folder(tmp_path):
    with pytest.raises(StoreError, match="is a folder"):
        Store(tmp_path)


def test_routine_round_trip_and_cascade(tmp_path):
    path = tmp_path / "r.db"
    with Store(path) as store:
        squat = store.exercises.find("barbell back squat")
        item = RoutineItem(squat.id, (SetType.WARMUP, SetType.WORKING, SetType.FAILURE), 5, 102.5, 180, True, "Brace")
        saved = store.routines.put(Routine(None, "Legs", (item,)))
    with Store(path) as store:
        assert store.routines.get(saved.id) == saved
        store.routines.delete(saved.id)
        assert store.conn.execute("SELECT count(*) FROM routine_item").fetchone()[0] == 0


def test_database_refuses_out_of_range_values_even_past_the_core(store):
    squat = store.exercises.find("Barbell Back Squat")
    with pytest.raises(sqlite3.IntegrityError):
        store.routines.put(Routine(None, "Bad", (RoutineItem(squat.id, target_reps=0),)))
    assert store.routines.list() == []


def test_custom_exercise_names_unique_ignoring_case(store):
    from liftcalm.core.models import Exercise
    from liftcalm.core.validation import ValidationError

    added = store.exercises.add_custom(Exercise(None, "Zercher Carry", muscles=("full body",), equipment="barbell"))
    assert added.is_custom and store.exercises.find("zercher  carry") == added
    with pytest.raises(ValidationError, match="already exists"):
        store.exercises.add_custom(Exercise(None, "ZERCHER CARRY"))
    with pytest.raises(ValidationError, match="already exists"):
        store.exercises.add_custom(Exercise(None, "barbell back squat"))


def test_catalogue_sync_runs_once(store, tmp_path):
    assert store.exercises.sync_catalogue([]) == 0
    count = len(store.exercises.all())
    store.close()
    with Store(tmp_path / "test.db") as again:
        assert len(again.exercises.all()) == count
