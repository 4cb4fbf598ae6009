"""Opening a database under faults: each cause named for what it is, and a stranger's file left alone.

A full disk, a folder or file LiftCalm may not write, another program holding the lock: each
gets its own message naming the file, never "damaged" (which would send the person to restore
an older backup over newer data). Only a path where nothing exists becomes a new database; any
file that is refused stays byte for byte as it was, with nothing created beside it.

Faults are real where this machine allows (chmod, chattr +i as root, a small tmpfs, a second
connection holding the lock) and injected otherwise (``sqlite3.connect`` with a connection
class that fails on one statement, ``os.access``, ``shutil.disk_usage``).
"""

from __future__ import annotations

import collections
import contextlib
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from liftcalm.store import Store, StoreError, database
from liftcalm.store.database import check_file
from liftcalm.store.migrations import APPLICATION_ID, LATEST_VERSION, MIGRATIONS

SIDE_FILES = ("-wal", "-shm", "-journal")
Usage = collections.namedtuple("Usage", "total used free")


def side_files(path: Path) -> list[str]:
    return [suffix for suffix in SIDE_FILES if path.with_name(path.name + suffix).exists()]


def healthy(path: Path) -> Path:
    """A LiftCalm database with a routine in it, closed (WAL mode, nothing beside it)."""
    with Store(path) as store:
        store.book.create("Push")
    assert side_files(path) == []
    return path


def version_1(path: Path, journal_mode: str = "delete") -> Path:
    """A database as LiftCalm 1 left it: only the first migration, so opening it must migrate."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(f"PRAGMA journal_mode = {journal_mode}")
    for statement in MIGRATIONS[0]:
        conn.execute(statement)
    conn.execute("PRAGMA user_version = 1")
    conn.close()
    return path


def refused(path: Path, *phrases: str, opener=Store) -> str:
    """Open ``path``; assert it is refused naming the file and each phrase, and left exactly as it was."""
    before = path.read_bytes() if path.is_file() else None
    with pytest.raises(StoreError) as caught:
        opener(path)
    message = str(caught.value)
    assert str(path) in message
    for phrase in phrases:
        assert phrase in message, message
    if before is not None:
        assert path.read_bytes() == before, "a refused file must be left byte for byte as it was"
    assert side_files(path) == [], "nothing may be created beside a refused file"
    return message


class FaultyConnection(sqlite3.Connection):
    """A connection whose ``execute`` raises ``error`` for the first statement containing ``pattern``."""

    pattern = ""
    error: Exception | None = None

    def execute(self, sql, *args):
        if self.error is not None and self.pattern in sql:
            raise self.error
        return super().execute(sql, *args)


@pytest.fixture
def fail_on(monkeypatch):
    """``fail_on(pattern, message)``: every connection opened from now on fails on that statement."""
    real_connect = sqlite3.connect

    def install(pattern: str, message: str):
        FaultyConnection.pattern, FaultyConnection.error = pattern, sqlite3.OperationalError(message)
        monkeypatch.setattr(sqlite3, "connect", lambda *a, **k: real_connect(*a, factory=FaultyConnection, **k))

    yield install
    FaultyConnection.error = None


@pytest.fixture
def full_disk(monkeypatch):
    """The disk reports no free space (what a full disk looks like to the check that names it)."""
    monkeypatch.setattr(shutil, "disk_usage", lambda path: Usage(10**9, 10**9, 0))


@pytest.fixture
def short_busy_timeout(monkeypatch):
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 50)


def not_called_damaged(message: str) -> None:
    assert "damaged" not in message and "backup" not in message, message


# --- A. A full disk -------------------------------------------------------------------------

@pytest.mark.parametrize("statement, error", [
    ("PRAGMA quick_check", "disk I/O error"),  # a -shm that cannot grow is reported as an I/O error
    ("PRAGMA journal_mode", "disk I/O error"),
    ("PRAGMA journal_mode", "database or disk is full"),
])
def test_a_full_disk_is_named_never_called_damaged(tmp_path, fail_on, full_disk, statement, error):
    path = healthy(tmp_path / "liftcalm.db")
    fail_on(statement, error)
    message = refused(path, "cannot be opened: the disk is full", "Free some space", "Nothing in it was changed")
    not_called_damaged(message)


def opening_fails(path: Path, *phrases: str) -> str:
    """Open ``path``; assert a StoreError naming the file and each phrase (the file may have been touched)."""
    with pytest.raises(StoreError) as caught:
        Store(path)
    message = str(caught.value)
    assert str(path) in message and all(phrase in message for phrase in phrases), message
    return message


def test_a_full_disk_while_migrating_is_named_and_the_old_version_is_kept(tmp_path, fail_on):
    path = version_1(tmp_path / "old.db")
    fail_on("CREATE TABLE session", "database or disk is full")
    not_called_damaged(opening_fails(path, "the disk is full", "Free some space", "Nothing in it was changed"))
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1  # the failed migration was rolled back
    conn.close()


def test_a_full_disk_while_creating_leaves_nothing_behind(tmp_path, fail_on):
    folder = tmp_path / "data"
    fail_on("CREATE TABLE logged_set", "database or disk is full")
    with pytest.raises(StoreError) as caught:
        Store(folder / "liftcalm.db")
    assert str(caught.value) == (f"{folder / 'liftcalm.db'} cannot be created: the disk is full. "
                                 "Free some space on it, then try again.")
    assert list(folder.iterdir()) == [], "no half-made database, temporary file or journal is left"


def test_a_disk_io_error_with_space_left_is_a_disk_problem_not_damage(tmp_path, fail_on):
    path = healthy(tmp_path / "liftcalm.db")
    fail_on("PRAGMA journal_mode", "disk I/O error")
    message = refused(path, "the disk reported an error", "Check that the disk is still connected")
    not_called_damaged(message)


@pytest.fixture
def small_disk(tmp_path):
    folder = tmp_path / "small-disk"
    folder.mkdir()
    mount = ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(folder)]
    if getattr(os, "geteuid", lambda: 1)() != 0 or subprocess.run(mount, capture_output=True, check=False).returncode:
        pytest.skip("cannot mount a small tmpfs here (needs root); the injected full disks above still run")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True, check=False)


def fill(folder: Path) -> None:
    handle = os.open(folder / "ballast", os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    try:
        for chunk in (65536, 4096, 512, 1):
            with contextlib.suppress(OSError):
                while True:
                    os.write(handle, b"\0" * chunk)
    finally:
        os.close(handle)


def test_a_really_full_disk(small_disk):
    path = healthy(small_disk / "liftcalm.db")
    fill(small_disk)
    before = path.read_bytes()
    with pytest.raises(StoreError) as caught:
        Store(path)
    assert "cannot be opened: the disk is full" in str(caught.value)
    not_called_damaged(str(caught.value))
    assert path.read_bytes() == before
    with pytest.raises(StoreError, match="cannot be created: the disk is full"):
        Store(small_disk / "new.db")
    assert not (small_disk / "new.db").exists()
    assert not [p for p in small_disk.iterdir() if p.name.startswith(".new.db")]


# --- A. No permission to write ----------------------------------------------------------------

@contextlib.contextmanager
def writes_denied(path: Path):
    """Make ``path`` (a file or folder) unwritable for real: chmod, or as root chattr +i; else skip."""
    mode = path.stat().st_mode
    os.chmod(path, mode & ~0o222)
    try:
        if not os.access(path, os.W_OK):
            yield "chmod"
            return
    finally:
        os.chmod(path, mode)
    # root: chmod denies nothing; the immutable attribute denies even root
    if shutil.which("chattr") is None or subprocess.run(["chattr", "+i", str(path)],
                                                        capture_output=True, check=False).returncode != 0:
        pytest.skip("running as root where chattr +i is unavailable: chmod denies root nothing "
                    "(test_no_permission_injected covers the same checks)")
    try:
        yield "chattr"
    finally:
        subprocess.run(["chattr", "-i", str(path)], capture_output=True, check=False)


def test_a_read_only_folder_is_named_and_nothing_is_created(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    path = healthy(folder / "liftcalm.db")
    with writes_denied(folder):
        message = refused(path, f"LiftCalm is not allowed to write in the folder {folder}",
                          "it needs to write there", "Nothing in it was changed")
    not_called_damaged(message)
    assert sorted(p.name for p in folder.iterdir()) == ["liftcalm.db"]


def test_a_read_only_file_is_named_and_nothing_is_created(tmp_path):
    path = healthy(tmp_path / "liftcalm.db")
    with writes_denied(path):
        message = refused(path, "LiftCalm is not allowed to write to this file", "it needs to write there",
                          "Make the file writable")
    not_called_damaged(message)


def test_a_read_only_folder_for_a_new_database_is_named(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    with writes_denied(folder), pytest.raises(StoreError) as caught:
        Store(folder / "liftcalm.db")
    assert f"cannot be created: LiftCalm is not allowed to write in the folder {folder}" in str(caught.value)
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize("denied", ["file", "folder"])
def test_no_permission_injected(tmp_path, monkeypatch, denied):
    """The same checks where nothing can deny root for real: os.access answers as for a person."""
    folder = tmp_path / "data"
    folder.mkdir()
    path = healthy(folder / "liftcalm.db")
    target = path if denied == "file" else folder
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode, **k: False if Path(p) == target and mode & os.W_OK
                        else real_access(p, mode, **k))
    expected = ("LiftCalm is not allowed to write to this file" if denied == "file"
                else f"LiftCalm is not allowed to write in the folder {folder}")
    not_called_damaged(refused(path, expected, "it needs to write there"))


def test_sqlite_refusing_to_write_is_a_permission_problem_not_damage(tmp_path, fail_on):
    path = version_1(tmp_path / "old.db")
    fail_on("BEGIN IMMEDIATE", "attempt to write a readonly database")
    not_called_damaged(opening_fails(path, "not allowed to write"))


# --- A. In use by another program -------------------------------------------------------------

def hold_lock(path: Path) -> sqlite3.Connection:
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    return other


IN_USE = ("it is in use by another program, or by LiftCalm running in another window",
          "Close that one, or wait a moment, then try again")


def test_a_rollback_journal_database_locked_by_another_program_is_named(tmp_path, short_busy_timeout):
    path = version_1(tmp_path / "old.db")  # rollback journal: the lock keeps even readers out
    other = hold_lock(path)
    try:
        message = refused(path, *IN_USE)
    finally:
        other.close()
    not_called_damaged(message)
    with Store(path) as store:  # once the other program lets go, it opens and migrates
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION


def test_a_database_to_migrate_while_another_program_writes_is_named(tmp_path, short_busy_timeout):
    path = version_1(tmp_path / "old.db", journal_mode="wal")
    other = hold_lock(path)
    try:
        not_called_damaged(opening_fails(path, *IN_USE))
    finally:
        other.close()


def test_an_up_to_date_database_opens_while_another_program_writes(tmp_path, short_busy_timeout):
    """Reading never waits for a writer in WAL mode: export and backup work beside a running app."""
    path = healthy(tmp_path / "liftcalm.db")
    other = hold_lock(path)
    try:
        with Store(path) as store:
            assert [name for _, name, _ in store.routines.list()] == ["Push"]
    finally:
        other.close()


# --- A. "Damaged" only when SQLite finds damage -------------------------------------------------

def test_damage_found_by_quick_check_is_called_damaged(tmp_path):
    path = healthy(tmp_path / "liftcalm.db")
    data = bytearray(path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    data[page_size * 2:page_size * 2 + 200] = bytes(200)  # wipe the start of a table page
    path.write_bytes(bytes(data))
    refused(path, "is damaged: SQLite's check of the file found a problem", "Restore it from a backup")


def test_a_truncated_database_is_damaged_and_nothing_is_created(tmp_path):
    path = healthy(tmp_path / "liftcalm.db")
    path.write_bytes(path.read_bytes()[:8192])  # as a copy cut short leaves it (still in WAL mode)
    refused(path, "is damaged")


def test_check_file_names_nothing_damaged_for_a_lock_on_a_rollback_database(tmp_path, short_busy_timeout):
    path = version_1(tmp_path / "old.db")
    other = hold_lock(path)
    try:
        check_file(path)  # the check reads the file without locks: a lock is not damage
    finally:
        other.close()


# --- B. Only a missing path becomes a database; strangers are refused untouched ----------------

def sqlite_file(path: Path, *pragmas: str) -> Path:
    conn = sqlite3.connect(path, isolation_level=None)
    for pragma in pragmas:
        conn.execute(pragma)
    conn.close()
    return path


def wal_database(path: Path, change) -> Path:
    """A LiftCalm database in WAL mode (as LiftCalm leaves it), then changed by ``change(conn)``."""
    healthy(path)
    conn = sqlite3.connect(path, isolation_level=None)
    change(conn)
    conn.close()
    assert side_files(path) == []
    return path


@pytest.mark.parametrize("make, phrase", [
    (lambda p: p.write_bytes(b""), "is an empty file, not a LiftCalm database"),
    (lambda p: sqlite_file(p, "PRAGMA application_id = 123456"), "not a LiftCalm one"),
    (lambda p: sqlite_file(p, f"PRAGMA application_id = {APPLICATION_ID}"), "not a LiftCalm one"),
    (lambda p: sqlite_file(p, "PRAGMA user_version = 3"), "not a LiftCalm one"),
    (lambda p: sqlite_file(p, "PRAGMA journal_mode = WAL", "CREATE TABLE notes (text)"), "not a LiftCalm one"),
    (lambda p: wal_database(p, lambda c: c.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")),
     "newer LiftCalm"),
    (lambda p: p.write_bytes(b"SQLite format 3\x00" + bytes(40)), "is damaged"),
    (lambda p: (healthy(p), p.write_bytes(p.read_bytes()[:4096 * 3])), "is damaged"),
], ids=["empty", "other-app-id", "our-id-no-tables", "version-no-tables", "other-wal", "newer-wal", "short-header",
        "truncated-wal"])
def test_a_file_liftcalm_did_not_make_is_refused_untouched(tmp_path, make, phrase):
    path = tmp_path / "file.db"
    make(path)
    refused(path, phrase)
    refused(path, phrase, opener=check_file)


def test_a_new_database_appears_whole_or_not_at_all(tmp_path, fail_on):
    path = tmp_path / "new.db"
    fail_on("CREATE TABLE session", "interrupted")  # a migration that fails part way
    with pytest.raises(StoreError):
        Store(path)
    assert list(tmp_path.iterdir()) == [], "no half-migrated file at the path, no temporary file beside it"


def test_a_new_database_is_created_aside_and_linked_into_place(tmp_path):
    path = tmp_path / "data" / "liftcalm.db"
    with Store(path) as store:
        conn = store.conn
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
    header = path.read_bytes()[:100]  # the main file's own header says LiftCalm, even before a checkpoint
    assert int.from_bytes(header[68:72], "big") == APPLICATION_ID and header[18:20] == b"\x02\x02"
    assert sorted(p.name for p in path.parent.iterdir()) == ["liftcalm.db"]


def test_a_database_whose_header_is_still_in_its_write_ahead_log_opens(tmp_path):
    """An earlier LiftCalm killed before its first checkpoint: the main file's header is blank."""
    path = tmp_path / "killed.db"
    code = ("import os, sqlite3, sys\n"
            "from liftcalm.store.migrations import migrate\n"
            "conn = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
            "conn.execute('PRAGMA journal_mode = WAL')\n"
            "migrate(conn)\n"
            "conn.execute(\"INSERT INTO routine (name, name_key) VALUES ('Kept', 'kept')\")\n"
            "os._exit(0)\n")
    subprocess.run([sys.executable, "-c", code, str(path)], check=True)
    assert int.from_bytes(path.read_bytes()[68:72], "big") == 0 and side_files(path) == ["-wal", "-shm"]
    with Store(path) as store:
        assert [name for _, name, _ in store.routines.list()] == ["Kept"]


def test_opening_a_healthy_database_changes_nothing_in_it(tmp_path):
    path = healthy(tmp_path / "liftcalm.db")
    before = path.read_bytes()
    with Store(path) as store:
        store.routines.list()
    assert path.read_bytes() == before


def test_a_journal_left_by_a_crash_is_rolled_back_not_called_damaged(tmp_path):
    """A rollback-journal database (LiftCalm 1, or a backup copy) whose writer was killed mid-transaction."""
    path = version_1(tmp_path / "old.db")
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("CREATE TABLE filler (x)")
    conn.executemany("INSERT INTO filler VALUES (?)", [("x" * 1000,)] * 300)
    conn.close()
    code = ("import os, sqlite3, sys\n"
            "conn = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
            "conn.execute('PRAGMA cache_size = 1')\n"  # spill the change into the file before the kill
            "conn.execute('BEGIN')\n"
            "conn.execute(\"UPDATE filler SET x = 'half written'\")\n"
            "os._exit(0)\n")
    subprocess.run([sys.executable, "-c", code, str(path)], check=True)
    assert side_files(path) == ["-journal"]
    with Store(path) as store:
        assert store.conn.execute("SELECT DISTINCT x FROM filler").fetchall() == [("x" * 1000,)]
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION


def test_a_link_to_a_file_not_made_yet_gets_the_database_at_its_target(tmp_path):
    target = tmp_path / "elsewhere" / "liftcalm.db"
    target.parent.mkdir()
    link = tmp_path / "liftcalm.db"
    link.symlink_to(target)
    with Store(link) as store:
        store.book.create("Push")
    assert link.is_symlink() and target.is_file()
    with Store(target) as store:
        assert [name for _, name, _ in store.routines.list()] == ["Push"]


def test_what_a_killed_creation_left_is_removed_the_next_time(tmp_path):
    import time

    old = tmp_path / ".liftcalm.db.abcd1234.new"
    old.write_bytes(b"half made")
    os.utime(old, (time.time() - 3600, time.time() - 3600))
    recent = tmp_path / ".liftcalm.db.efgh5678.new"  # another LiftCalm may be making it right now
    recent.write_bytes(b"being made")
    Store(tmp_path / "liftcalm.db").close()
    assert not old.exists() and recent.exists()
