"""Opening a LiftCalm database safely: check first, then migrate; never touch a stranger's file.

Only a path where nothing exists becomes a new database: it is made under a temporary name in
the same folder, migrated there, and linked into place whole. So a file that is already there
is one LiftCalm made (its header carries LiftCalm's application id and a schema version) or it
is refused, byte for byte as it was and with nothing created beside it.

What stops a healthy database from opening (a full disk, a folder or file LiftCalm may not
write, another program holding a lock) is named for what it is: "damaged" is said only when
SQLite finds damage in the file itself.
"""

from __future__ import annotations

import contextlib
import errno
import glob
import os
import shutil
import sqlite3
import stat
import tempfile
import time
from pathlib import Path

from liftcalm.store.migrations import APPLICATION_ID, LATEST_VERSION, migrate

BUSY_TIMEOUT_MS = 5000
# With less free space than this, a "disk I/O error" is the disk being full: SQLite reports a
# -shm or -wal file it cannot grow as an I/O error rather than as SQLITE_FULL.
LOW_SPACE_BYTES = 32 * 1024 * 1024
SQLITE_MAGIC = b"SQLite format 3\x00"
NEW_SUFFIX = ".new"  # a database being made: ".liftcalm.db.XXXXXXXX.new", linked into place once migrated
ABANDONED_AFTER_S = 600
HEADER_SIZE = 100

# SQLite's primary result codes, for errors that carry one (Python 3.11+ sets sqlite_errorcode).
_BUSY, _LOCKED, _READONLY, _IOERR, _CORRUPT, _FULL, _CANTOPEN, _NOTADB = 5, 6, 8, 10, 11, 13, 14, 26


class StoreError(Exception):
    """A database that LiftCalm will not open. The message names the file and what to do."""


# What reading or writing a database that opened can still raise: a full disk, a lock, a
# folder gone read-only. ``store_error`` and ``describe_fault`` put each into words.
STORE_FAULTS = (OSError, sqlite3.Error)


def connect(path: Path | str) -> sqlite3.Connection:
    """Open the existing database ``path`` in autocommit mode with the pragmas every LiftCalm connection needs.

    Autocommit, because transactions are explicit (``transaction()``) and pragmas such as
    ``journal_mode`` cannot change inside one. ``synchronous=FULL`` makes each commit durable
    across a power cut, even in WAL mode. Never creates a file (``mode=rw``). Raises
    ``StoreError`` naming the cause. A connection belongs to the thread that opened it.
    """
    try:
        conn = sqlite3.connect(_uri(path, "mode=rw"), uri=True, isolation_level=None,
                               timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error as error:
        raise store_error(path, error) from None
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if mode.lower() != "wal":
            raise StoreError(f"{path}: the database could not be switched to write-ahead logging (got {mode}).")
        conn.execute("PRAGMA synchronous = FULL")
    except sqlite3.Error as error:
        conn.close()
        raise store_error(path, error) from None
    except StoreError:
        conn.close()
        raise
    return conn


def open_database(path: Path | str) -> sqlite3.Connection:
    """Create ``path`` if nothing is there (mode 0600), or check it; then connect and migrate.

    Raises ``StoreError`` for a file that is not a LiftCalm database, is damaged, is newer than
    this code, or cannot be used (disk full, no permission, in use); it is then left as it was.
    """
    path = Path(path).expanduser()
    target = path.resolve() if path.is_symlink() else path  # a link to a file to be made: make it there
    created = not os.path.lexists(target) and _create(target)
    if not created:  # a file was there already (or another process made one meanwhile)
        check_file(path)
        _check_writable(path)
        _make_private(path)
    conn = connect(path)
    try:
        migrate(conn)
    except sqlite3.Error as error:
        conn.close()
        raise store_error(path, error) from None
    return conn


def check_file(path: Path | str) -> None:
    """Raise ``StoreError`` unless ``path`` is missing or a healthy LiftCalm database this version can run.

    Reads the header bytes first, then asks SQLite without locks or journals (``immutable=1``;
    ``readonly_shm=1`` where another connection keeps a write-ahead log beside the file), so a
    refused file is left byte for byte as it was, with nothing created beside it. (A journal
    that a crash left beside a file whose header is LiftCalm's is rolled back, as any opening does.)
    """
    path = Path(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        return
    except OSError as error:
        raise store_error(path, error) from None
    if stat.S_ISDIR(info.st_mode):
        raise StoreError(f"{path} is a folder, not a database file. Give the path of a file with --db.")
    if not os.access(path, os.R_OK):
        raise StoreError(f"{path} cannot be opened: LiftCalm is not allowed to read this file. Make it readable "
                         "for your user, then try again. Nothing in it was changed.")
    if info.st_size == 0:
        raise StoreError(
            f"{path} is an empty file, not a LiftCalm database, so LiftCalm left it as it is. To start a new "
            "database there, remove the empty file (LiftCalm creates its own), or choose another file with --db."
        )
    try:
        with open(path, "rb") as file:
            header = file.read(HEADER_SIZE)
    except OSError as error:
        raise store_error(path, error) from None
    if not header.startswith(SQLITE_MAGIC):
        raise StoreError(f"{path} is not a LiftCalm database (it is not an SQLite database at all). "
                         "Choose another file with --db; this one was not changed.")
    if len(header) < HEADER_SIZE:
        raise _damaged(path, f"the file ends after {len(header)} bytes")
    # Without a write-ahead log beside it, the header is the whole truth: refuse from it alone.
    if not _beside(path, "-wal").exists():
        _check_identity(path, int.from_bytes(header[68:72], "big"), int.from_bytes(header[60:64], "big"), None)
    _check_with_sqlite(path)


def _check_with_sqlite(path: Path, again: bool = False) -> None:
    wal, shm, journal = (_beside(path, suffix).exists() for suffix in ("-wal", "-shm", "-journal"))
    if wal and shm:
        query = "mode=ro&readonly_shm=1"  # another connection's log and index: read them, create nothing
    elif wal:
        query = "mode=ro"  # a log left by a crash: SQLite must read it, and makes a -shm to
    elif journal:
        # A writer's journal, or one a crash left: a reader must wait for the writer, or roll the
        # journal back, which takes write access. The header already said the file is LiftCalm's.
        query = "mode=rw"
    else:
        query = "immutable=1"  # the file alone holds everything: read it without locks or side files
    try:
        conn = sqlite3.connect(_uri(path, query), uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error as error:
        raise store_error(path, error) from None
    try:
        application_id, version, tables = _read_header(conn)
        _check_identity(path, application_id, version, tables)
        problem = conn.execute("PRAGMA quick_check").fetchone()[0]
        if problem != "ok":
            raise _damaged(path, problem)
    except sqlite3.Error as error:
        if fault_kind(error) not in ("damaged", "not a database"):
            raise store_error(path, error) from None
        if query == "immutable=1" and not again and any(
                _beside(path, suffix).exists() for suffix in ("-wal", "-journal")):
            conn.close()  # someone began writing while it was read without locks: read it again properly
            return _check_with_sqlite(path, again=True)
        raise _damaged(path, str(error)) from None
    finally:
        conn.close()


def _check_identity(path: Path, application_id: int, version: int, tables: int | None) -> None:
    if application_id != APPLICATION_ID or version == 0 or tables == 0:
        raise StoreError(f"{path} is an SQLite database, but not a LiftCalm one. Choose another file with --db; "
                         "this one was not changed.")
    if version > LATEST_VERSION:
        raise StoreError(
            f"{path} was written by a newer LiftCalm (schema {version}; this version understands up to "
            f"{LATEST_VERSION}). Update LiftCalm to open it. The file was not changed."
        )


def _read_header(conn: sqlite3.Connection) -> tuple[int, int, int]:
    application_id = conn.execute("PRAGMA application_id").fetchone()[0]
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    tables = conn.execute("SELECT count(*) FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%'").fetchone()[0]
    return application_id, version, tables


def _damaged(path: Path, detail: str) -> StoreError:
    detail = " ".join(detail.replace("***", "").split())  # quick_check reports over several lines
    detail = detail if len(detail) <= 160 else detail[:159] + "…"
    return StoreError(
        f"{path} is damaged: SQLite's check of the file found a problem ({detail}). The file was not changed. "
        "Restore it from a backup, or start with a new file using --db."
    )


def _create(path: Path) -> bool:
    """Make a new database at ``path``; return False when another process made one there first.

    Built under a temporary name (mkstemp: mode 0600) and migrated in a rollback journal, then
    hard-linked into place, which never replaces a file: whatever appears at ``path`` is
    either nothing or a whole LiftCalm database.
    """
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        _remove_abandoned(folder, path.name)
        handle, name = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=NEW_SUFFIX)
        os.close(handle)
    except OSError as error:
        raise store_error(path, error, creating=True) from None
    temporary = Path(name)
    try:
        conn = sqlite3.connect(temporary, isolation_level=None)
        try:
            migrate(conn)
            conn.execute("PRAGMA journal_mode = WAL")  # in the header before anyone can see the file
        finally:
            conn.close()
        placed = _link_into_place(temporary, path)
        if placed:
            _sync_folder(folder)
        return placed
    except (OSError, sqlite3.Error) as error:
        raise store_error(path, error, creating=True) from None
    finally:
        for leftover in (temporary, *(_beside(temporary, s) for s in ("-journal", "-wal", "-shm"))):
            leftover.unlink(missing_ok=True)


def _remove_abandoned(folder: Path, name: str) -> None:
    """Remove new databases that a killed LiftCalm left half made (each takes milliseconds to make)."""
    for leftover in folder.glob(f".{glob.escape(name)}.*{NEW_SUFFIX}*"):
        with contextlib.suppress(OSError):
            if time.time() - leftover.stat().st_mtime > ABANDONED_AFTER_S:
                leftover.unlink()


def _link_into_place(temporary: Path, path: Path) -> bool:
    try:
        os.link(temporary, path)
    except FileExistsError:
        return False
    except OSError as error:
        if error.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK):
            raise
        # A file system without hard links: Windows' rename refuses to replace; elsewhere look first.
        if os.name != "nt" and os.path.lexists(path):
            return False
        try:
            os.rename(temporary, path)
        except FileExistsError:
            return False
    return True


def _sync_folder(folder: Path) -> None:
    """Make the new name survive a power cut (POSIX; elsewhere the rename is already durable enough)."""
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)


def _check_writable(path: Path) -> None:
    """Refuse, before SQLite creates anything, a file or folder that LiftCalm may not write."""
    real = path.resolve()  # SQLite keeps its -wal and -shm beside the real file, not beside a link
    problem = _write_problem(real) if not os.access(real, os.W_OK) else None
    if problem is None and not os.access(real.parent, os.W_OK | os.X_OK):
        problem = _write_problem(real.parent)
    if problem is not None:
        raise StoreError(f"{path} cannot be opened: {problem}. Nothing in it was changed.")


def _make_private(path: Path) -> None:
    try:
        if stat.S_IMODE(path.stat().st_mode) != 0o600:
            os.chmod(path, 0o600)
    except OSError:
        pass  # a file of another user's that we may write but not chmod: it still opens


def _uri(path: Path | str, query: str) -> str:
    return f"{Path(path).resolve().as_uri()}?{query}"


def _beside(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def fault_kind(error: BaseException) -> str | None:
    """Name the kind of trouble ``error`` reports: "full", "locked", "permission", "io", "cantopen",
    "damaged", "not a database", or None for anything else (a bug, a constraint, a bad value)."""
    if isinstance(error, OSError) and not isinstance(error, sqlite3.Error):
        code = error.errno
        if code in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
            return "full"
        if code in (errno.EACCES, errno.EPERM, errno.EROFS):
            return "permission"
        if getattr(error, "winerror", None) in (32, 33):  # sharing or lock violation
            return "locked"
        if code == errno.EIO:
            return "io"
        return None
    if not isinstance(error, sqlite3.Error):
        return None
    code = getattr(error, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    text = str(error).lower()
    checks = (
        ("full", _FULL, ("database or disk is full", "disk is full")),
        ("locked", _BUSY, ("database is locked",)),
        ("locked", _LOCKED, ("table is locked", "database schema is locked")),
        ("permission", _READONLY, ("readonly database", "read-only")),
        ("io", _IOERR, ("disk i/o error",)),
        ("cantopen", _CANTOPEN, ("unable to open database file",)),
        ("damaged", _CORRUPT, ("malformed",)),
        ("not a database", _NOTADB, ("file is not a database",)),
    )
    for kind, number, phrases in checks:
        if primary == number or (primary is None and any(phrase in text for phrase in phrases)):
            return kind
    return None


def describe_fault(error: BaseException, path: Path | str, *, database: bool = True) -> str | None:
    """Say in plain words what the disk or another program did to stop work on ``path``, and what to do.

    For an ``OSError`` or ``sqlite3.Error``; None when ``error`` is not such a fault. The clause
    reads after "cannot be opened: " or "cannot be written: ". ``database`` is False for a file
    that is not a database (an export, a backup copy).
    """
    kind = fault_kind(error)
    path = Path(path)
    if kind in ("io", "cantopen") and _low_on_space(path):
        kind = "full"
    if kind == "full":
        return "the disk is full. Free some space on it, then try again"
    if kind == "locked":
        return ("it is in use by another program, or by LiftCalm running in another window. Close that one, "
                "or wait a moment, then try again")
    if kind in ("permission", "cantopen"):
        problem = _permission_problem(path, database)
        if problem is not None:
            return problem
        if kind == "permission":
            return "LiftCalm is not allowed to write there, and it needs to. Check the file's permissions"
        return f"SQLite could not open it ({error})"
    if kind == "io":
        return ("the disk reported an error while it was read or written (disk I/O error). Check that the disk "
                "is still connected and has free space, then try again")
    return None


def store_error(path: Path | str, error: BaseException, *, creating: bool = False) -> StoreError:
    """The ``StoreError`` that says why the database ``path`` could not be created, opened or written."""
    kind = fault_kind(error)
    if kind in ("damaged", "not a database"):
        return _damaged(Path(path), str(error))
    if isinstance(error, FileNotFoundError) or (kind == "cantopen" and not creating and not Path(path).exists()):
        return StoreError(f"{path}: no database there.")
    reason = describe_fault(error, path)
    if reason is None:
        detail = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        reason = f"{detail[:1].lower()}{detail[1:]}" if detail else type(error).__name__
    if creating:
        return StoreError(f"{path} cannot be created: {reason}.")
    return StoreError(f"{path} cannot be opened: {reason}. Nothing in it was changed.")


def _permission_problem(path: Path, database: bool = True) -> str | None:
    """Which of ``path``, its folder or its disk LiftCalm may not write, in words; None if all are writable."""
    try:
        real = path.resolve()
    except OSError:
        real = path
    target = real
    while not os.path.lexists(target) and target.parent != target:
        target = target.parent  # a file not made yet: the first folder that exists is where it goes
    if target == real and os.path.lexists(real) and not os.path.isdir(real):
        if not os.access(real, os.R_OK):
            return "LiftCalm is not allowed to read this file. Make it readable for your user, then try again"
        if not os.access(real, os.W_OK):
            return _write_problem(real, database)
        target = real.parent
    if not os.access(target, os.W_OK | os.X_OK):
        return _write_problem(target, database)
    return None


def _write_problem(place: Path, database: bool = True) -> str:
    if not database:
        where = f"in the folder {place}" if place.is_dir() else "to this file"
        disk = " (its disk is mounted read-only)" if _read_only_disk(place) else ""
        return f"LiftCalm is not allowed to write {where}{disk}. Choose a place you can write to"
    if _read_only_disk(place):
        return (f"it is on a disk that is mounted read-only ({place}), and LiftCalm needs to write there to save "
                "your training. Copy it to a disk you can write to, or use --db to choose another file")
    if place.is_dir():
        return (f"LiftCalm is not allowed to write in the folder {place}, and it needs to write there to save "
                "your training (SQLite keeps a journal beside the database). Make the folder writable for your "
                "user, or use --db to choose a file in another folder")
    return ("LiftCalm is not allowed to write to this file, and it needs to write there to save your training. "
            "Make the file writable for your user, then try again")


def _read_only_disk(place: Path) -> bool:
    try:
        return bool(os.statvfs(place).f_flag & os.ST_RDONLY)
    except (AttributeError, OSError):  # no statvfs on Windows
        return False


def _low_on_space(path: Path) -> bool:
    folder = path if path.is_dir() else path.parent
    while not folder.exists() and folder.parent != folder:
        folder = folder.parent
    try:
        return shutil.disk_usage(folder).free < LOW_SPACE_BYTES
    except OSError:
        return False
