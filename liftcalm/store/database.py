"""Opening a LiftCalm database safely: check first, then migrate; never touch a stranger's file."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from urllib.parse import quote

from liftcalm.store.migrations import APPLICATION_ID, LATEST_VERSION, migrate

BUSY_TIMEOUT_MS = 5000


class StoreError(Exception):
    """A database that LiftCalm will not open. The message names the file and what to do."""


def connect(path: Path | str) -> sqlite3.Connection:
    """Open ``path`` in autocommit mode with the pragmas every LiftCalm connection needs.

    Autocommit, because transactions are explicit (``transaction()``) and pragmas such as
    ``journal_mode`` cannot change inside one. ``synchronous=FULL`` makes each commit durable
    across a power cut, even in WAL mode. A connection belongs to the thread that opened it.
    """
    conn = sqlite3.connect(str(path), isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if mode.lower() != "wal":
        conn.close()
        raise StoreError(f"{path}: the database could not be switched to write-ahead logging (got {mode}).")
    conn.execute("PRAGMA synchronous = FULL")
    return conn


def check_file(path: Path) -> None:
    """Raise ``StoreError`` unless ``path`` is missing, empty, or a healthy LiftCalm database we can run.

    Opens the file read-only, so a file that is refused is left byte for byte as it was.
    """
    if not path.exists() or path.stat().st_size == 0:
        return
    if path.is_dir():
        raise StoreError(f"{path} is a folder, not a database file. Give the path of a file with --db.")
    uri = f"file:{quote(str(path.resolve()))}?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True)
    except sqlite3.Error as error:
        raise StoreError(f"{path} cannot be opened: {error}. Check that the file is readable.") from None
    try:
        application_id, version, tables = _read_header(conn)
        if version > LATEST_VERSION:
            raise StoreError(
                f"{path} was written by a newer LiftCalm (schema {version}; this version understands up to "
                f"{LATEST_VERSION}). Update LiftCalm to open it. The file was not changed."
            )
        if application_id != APPLICATION_ID and (tables or version):
            raise StoreError(
                f"{path} is an SQLite database, but not a LiftCalm one. Choose another file with --db; "
                "this one was not changed."
            )
        check = conn.execute("PRAGMA quick_check").fetchone()[0]
        if check != "ok":
            raise sqlite3.DatabaseError(check)
    except sqlite3.DatabaseError as error:
        raise StoreError(
            f"{path} is not a LiftCalm database or is damaged ({error}). The file was not changed. "
            "Restore it from a backup, or start with a new file using --db."
        ) from None
    finally:
        conn.close()


def _read_header(conn: sqlite3.Connection) -> tuple[int, int, int]:
    application_id = conn.execute("PRAGMA application_id").fetchone()[0]
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    tables = conn.execute("SELECT count(*) FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%'").fetchone()[0]
    return application_id, version, tables


def open_database(path: Path | str) -> sqlite3.Connection:
    """Check, create if missing (mode 0600), connect and migrate the database at ``path``."""
    path = Path(path).expanduser()
    check_file(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        os.close(os.open(path, os.O_RDWR | os.O_CREAT, 0o600))
        os.chmod(path, 0o600)
        conn = connect(path)
    except OSError as error:
        raise StoreError(f"{path} cannot be created or opened: {error.strerror}.") from None
    except sqlite3.Error as error:
        raise StoreError(f"{path} cannot be opened: {error}.") from None
    try:
        migrate(conn)
    except sqlite3.Error as error:
        conn.close()
        raise StoreError(f"{path} could not be brought up to date: {error}. The file was not changed.") from None
    return conn
