"""Daily backups beside the database, what each one holds, and restoring one.

A backup is a consistent copy made through SQLite's backup API. ``daily_backup`` opens its
own connection, so it may run on a worker thread while the app goes on.

A copy is written under a temporary name beside its target, ``.TARGET.unfinished-PID-XXXXXXXX``,
without a journal, and renamed over the target only once it is complete and on disk. A kill at
any moment therefore leaves at most that temporary file (and, in the last moment before it is
renamed, its empty ``-wal`` and ``-shm``); the next copy to the same name, and every daily
backup, removes what a writer that is gone left behind.

Copies are rollback-journal files, not WAL ones, so that opening one read-only creates nothing
beside it.
"""

from __future__ import annotations

import os
import re
import sqlite3
import tempfile
import threading
import time
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from urllib.parse import quote

from liftcalm.store.database import StoreError, check_file
from liftcalm.store.migrations import APPLICATION_ID, migrate
from liftcalm.store.sql import DAY, NEWEST_FIRST

KEEP = 7

_UNFINISHED = ".unfinished-"
_UNFINISHED_PATTERN = re.compile(
    r"\.(?P<name>.+)" + re.escape(_UNFINISHED) + r"(?P<pid>\d+)-[a-z0-9_]{8}(?:-journal|-wal|-shm)?")
_COMPANIONS = ("-journal", "-wal", "-shm")
# A copy writes to its temporary file all the time; one untouched this long has no writer.
_ABANDONED_AFTER_S = 3600

# Temporary files this process is writing now, from any thread: never anyone's leftovers.
_writing: set[str] = set()
_writing_lock = threading.Lock()


class BackupKind(StrEnum):
    DAILY = "daily backup"
    BEFORE_RESTORE = "saved before a restore"
    OTHER = "chosen file"  # a copy saved with File > Save a backup copy, or any other file


@dataclass(frozen=True)
class BackupInfo:
    """One file that could be restored: when it was saved, its size, and what it holds.

    ``saved_at`` is when the file was last written (None for a missing file). ``problem`` says
    why it cannot be restored; the counts are 0 then.
    """

    path: Path
    kind: BackupKind
    saved_at: datetime | None
    size: int
    sessions: int = 0
    last_session: date | None = None
    routines: int = 0
    problem: str | None = None

    @property
    def usable(self) -> bool:
        return self.problem is None


def backup_folder(db_path: Path) -> Path:
    return Path(db_path).parent / "backups"


def _daily_pattern(db_path: Path) -> re.Pattern:
    return re.compile(re.escape(Path(db_path).stem) + r"-(\d{4}-\d{2}-\d{2})\.db")


def _before_restore_pattern(db_path: Path) -> re.Pattern:
    return re.compile(re.escape(Path(db_path).stem) + r"-before-restore-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}(?:-\d+)?\.db")


def list_backups(db_path: Path) -> list[tuple[date, Path]]:
    """The daily backups of ``db_path``, newest first."""
    folder, pattern = backup_folder(db_path), _daily_pattern(db_path)
    if not folder.is_dir():
        return []
    found = [(date.fromisoformat(m[1]), p) for p in folder.iterdir() if (m := pattern.fullmatch(p.name))]
    return sorted(found, reverse=True)


def backup_files(db_path: Path) -> list[Path]:
    """The daily backups of ``db_path`` and the copies saved before a restore, in no order."""
    folder = backup_folder(db_path)
    if not folder.is_dir():
        return []
    daily, before = _daily_pattern(db_path), _before_restore_pattern(db_path)
    return [p for p in folder.iterdir() if daily.fullmatch(p.name) or before.fullmatch(p.name)]


def backup_kind(path: Path, db_path: Path) -> BackupKind:
    """What ``path`` is to ``db_path``, by its folder and name."""
    path = Path(path)
    if path.parent.resolve() == backup_folder(db_path).resolve():
        if _daily_pattern(db_path).fullmatch(path.name):
            return BackupKind.DAILY
        if _before_restore_pattern(db_path).fullmatch(path.name):
            return BackupKind.BEFORE_RESTORE
    return BackupKind.OTHER


def describe_backups(db_path: Path) -> list[BackupInfo]:
    """Every daily backup and copy saved before a restore, with its contents, newest first.

    Each file is checked whole (``check_file``): on years of training that takes longer than a
    frame, so the UI calls this on a worker.
    """
    found = [describe_backup(path, db_path) for path in backup_files(db_path)]
    return sorted(found, key=lambda info: (info.saved_at or datetime.min, info.path.name), reverse=True)


def describe_backup(path: Path, db_path: Path) -> BackupInfo:
    """Read what ``path`` holds, or why it cannot be restored into ``db_path``; change nothing.

    The file is opened read-only, and nothing is left beside it.
    """
    path = Path(path)
    kind = backup_kind(path, db_path)
    try:
        status = path.stat()
    except OSError:
        return BackupInfo(path, kind, None, 0, problem=f"{path} is missing or empty.")
    saved_at, size = datetime.fromtimestamp(status.st_mtime), status.st_size
    problem = _problem(path, db_path)
    if problem is not None:
        return BackupInfo(path, kind, saved_at, size, problem=problem)
    try:
        conn = _open_read_only(path)
        try:
            sessions, last_session, routines, application_id = _read_contents(conn)
        finally:
            conn.close()
    except sqlite3.Error as error:
        return BackupInfo(path, kind, saved_at, size, problem=f"{path} cannot be read ({error}).")
    if application_id != APPLICATION_ID:  # an empty SQLite file: check_file lets it become a new database
        return BackupInfo(path, kind, saved_at, size, problem=f"{path} holds no LiftCalm data.")
    return BackupInfo(path, kind, saved_at, size, sessions, last_session, routines)


def _problem(path: Path, db_path: Path) -> str | None:
    """Why ``path`` cannot be restored into ``db_path`` (from ``check_file``), or None."""
    if path.is_dir():
        return f"{path} is a folder, not a backup."
    if not path.is_file() or path.stat().st_size == 0:
        return f"{path} is missing or empty."
    if path.resolve() == Path(db_path).resolve():
        return f"{path} is the database LiftCalm has open now."
    try:
        _check_leaving_nothing_beside(path)
    except StoreError as error:
        return str(error)
    return None


def _check_leaving_nothing_beside(path: Path) -> None:
    """``check_file``, then remove the empty ``-wal`` and ``-shm`` it may have made.

    check_file opens the file read-only; for a WAL-mode file (a backup made by an earlier
    LiftCalm, or a copy of a live database) SQLite then creates those two files beside it and,
    being read-only, cannot remove them when it closes.
    """
    wal, shm = Path(f"{path}-wal"), Path(f"{path}-shm")
    were_there = wal.exists() or shm.exists()
    try:
        check_file(path)
    finally:
        if not were_there and wal.exists() and wal.stat().st_size == 0:
            wal.unlink(missing_ok=True)
            shm.unlink(missing_ok=True)


def _open_read_only(path: Path) -> sqlite3.Connection:
    """Open ``path`` read-only, creating and changing nothing, not even beside it.

    ``immutable`` tells SQLite that nothing writes the file, so it takes no lock and needs no
    ``-shm``. A file with a ``-wal`` beside it keeps part of its content there, so that one is
    opened plainly read-only, to read it whole.
    """
    uri = f"file:{quote(str(Path(path).resolve()))}?mode=ro"
    if not Path(f"{path}-wal").exists():
        uri += "&immutable=1"
    return sqlite3.connect(uri, uri=True)


def _read_contents(conn: sqlite3.Connection) -> tuple[int, date | None, int, int]:
    """Sessions, the day of the last one, routines, and the file's application id."""
    application_id = conn.execute("PRAGMA application_id").fetchone()[0]
    tables = {name for (name,) in conn.execute("SELECT name FROM sqlite_schema WHERE type = 'table'")}
    sessions, last_session, routines = 0, None, 0
    if "session" in tables:
        sessions = conn.execute("SELECT count(*) FROM session").fetchone()[0]
        row = conn.execute(f"SELECT {DAY} FROM session s ORDER BY {NEWEST_FIRST} LIMIT 1").fetchone()
        last_session = date.fromisoformat(row[0]) if row else None
    if "routine" in tables:
        routines = conn.execute("SELECT count(*) FROM routine").fetchone()[0]
    return sessions, last_session, routines, application_id


def remove_unfinished(folder: Path, name: str | None = None) -> list[Path]:
    """Remove what copies that never finished left in ``folder``; return what was removed.

    Only LiftCalm's own temporary files, and only those whose writer is gone: a process that
    no longer runs, or a file nobody touched for an hour. ``name`` keeps to the copies of one
    target (a folder the person chose holds other things too).
    """
    removed = []
    try:
        entries = list(Path(folder).iterdir())
    except OSError:
        return removed
    for path in entries:
        match = _UNFINISHED_PATTERN.fullmatch(path.name)
        if match is None or (name is not None and match["name"] != name):
            continue
        temporary = str(path)
        for companion in _COMPANIONS:
            temporary = temporary.removesuffix(companion)
        if not _writer_is_gone(int(match["pid"]), temporary, path):
            continue
        try:
            path.unlink()
        except FileNotFoundError:
            pass
        except OSError:  # Windows will not delete a file that is still open: its writer is alive
            continue
        removed.append(path)
    return removed


def _writer_is_gone(pid: int, temporary: str, path: Path) -> bool:
    with _writing_lock:
        if temporary in _writing:
            return False
    try:
        if time.time() - path.stat().st_mtime > _ABANDONED_AFTER_S:
            return True
    except OSError:
        return False
    if pid == os.getpid():
        return True  # not being written now (see above): left by a copy of ours that failed
    if os.name != "posix":
        return True  # no cheap liveness check; deleting a file its writer has open fails there
    try:
        os.kill(pid, 0)  # signal 0 only asks whether the process exists
    except ProcessLookupError:
        return True
    except PermissionError:
        return False  # it runs, as another user
    return False


def copy_database(source: sqlite3.Connection, target: Path) -> None:
    """Write a consistent copy of ``source`` to ``target`` (mode 0600), replacing it whole.

    Leftovers of earlier copies to the same name that were killed are removed first.
    """
    target = Path(target)
    remove_unfinished(target.parent, target.name)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}{_UNFINISHED}{os.getpid()}-")
    os.close(handle)  # mkstemp makes the file 0600, and the copy keeps that
    with _writing_lock:
        _writing.add(temporary)
    try:
        copy = sqlite3.connect(temporary, isolation_level=None)
        try:
            # No journal: a copy that fails part way is thrown away whole, so it needs no rollback.
            copy.execute("PRAGMA journal_mode = OFF")
            source.backup(copy)
            # The pages copied carry the source's WAL flag. Leaving WAL (SQLite opens it for a
            # moment to do so) marks the file rollback-journal, which can be read read-only
            # without SQLite making -wal and -shm files beside it; OFF again, so no -journal.
            copy.execute("PRAGMA journal_mode = OFF")
        finally:
            copy.close()
        _flush_to_disk(temporary)
        os.replace(temporary, target)
        _flush_folder(target.parent)
    except BaseException:
        for leftover in (temporary, *(temporary + companion for companion in _COMPANIONS)):
            Path(leftover).unlink(missing_ok=True)
        raise
    finally:
        with _writing_lock:
            _writing.discard(temporary)


def _flush_to_disk(path: str) -> None:
    handle = os.open(path, os.O_RDWR)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def _flush_folder(folder: Path) -> None:
    """Make a rename in ``folder`` survive a power cut (POSIX; Windows has no such call)."""
    if os.name != "posix":
        return
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def daily_backup(db_path: Path, today: date, keep: int = KEEP) -> Path | None:
    """Back up ``db_path`` unless today's backup exists; keep the newest ``keep``. Return the new file.

    First removes what a backup or restore that was killed left in the backups folder.
    """
    db_path = Path(db_path)
    folder = backup_folder(db_path)
    if folder.is_dir():
        remove_unfinished(folder)
    target = folder / f"{db_path.stem}-{today.isoformat()}.db"
    if target.exists() or not db_path.exists():
        return None
    folder.mkdir(mode=0o700, exist_ok=True)
    source = sqlite3.connect(f"file:{quote(str(db_path.resolve()))}?mode=ro", uri=True)
    try:
        copy_database(source, target)
    finally:
        source.close()
    for _, old in list_backups(db_path)[keep:]:
        old.unlink(missing_ok=True)
    return target


def _aside_path(db_path: Path) -> Path:
    """A new name for the copy saved before a restore: never one that exists (an undo within the second)."""
    stem = f"{Path(db_path).stem}-before-restore-{datetime.now():%Y-%m-%dT%H-%M-%S}"
    folder = backup_folder(db_path)
    aside, number = folder / f"{stem}.db", 2
    while aside.exists():
        aside, number = folder / f"{stem}-{number}.db", number + 1
    return aside


def restore_backup(conn: sqlite3.Connection, db_path: Path, backup: Path) -> Path:
    """Replace the database's content with ``backup``; first save the current content aside.

    The backup is checked like any database LiftCalm opens, read without changing it, and the
    content brought up to date after the copy. Returns the file the current content was saved to.
    """
    backup = Path(backup)
    problem = describe_backup(backup, db_path).problem
    if problem is not None:
        raise StoreError(f"That backup cannot be restored: {problem}")
    folder = backup_folder(db_path)
    folder.mkdir(mode=0o700, exist_ok=True)
    aside = _aside_path(db_path)
    copy_database(conn, aside)
    source = _open_read_only(backup)
    try:
        source.backup(conn)
    finally:
        source.close()
    conn.execute("PRAGMA journal_mode = WAL")  # the copy brought the backup's journal mode
    migrate(conn)
    return aside
