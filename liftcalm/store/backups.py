"""Daily backups beside the database, and restoring one.

A backup is a consistent copy made through SQLite's backup API. ``daily_backup`` opens its
own connection, so it may run on a worker thread while the app goes on.
"""

from __future__ import annotations

import os
import re
import sqlite3
import tempfile
from datetime import date, datetime
from pathlib import Path

from liftcalm.store.database import StoreError, check_file
from liftcalm.store.migrations import migrate

KEEP = 7


def backup_folder(db_path: Path) -> Path:
    return Path(db_path).parent / "backups"


def _daily_pattern(db_path: Path) -> re.Pattern:
    return re.compile(re.escape(Path(db_path).stem) + r"-(\d{4}-\d{2}-\d{2})\.db")


def list_backups(db_path: Path) -> list[tuple[date, Path]]:
    """The daily backups of ``db_path``, newest first."""
    folder, pattern = backup_folder(db_path), _daily_pattern(db_path)
    if not folder.is_dir():
        return []
    found = [(date.fromisoformat(m[1]), p) for p in folder.iterdir() if (m := pattern.fullmatch(p.name))]
    return sorted(found, reverse=True)


def copy_database(source: sqlite3.Connection, target: Path) -> None:
    """Write a consistent copy of ``source`` to ``target`` (mode 0600), replacing it whole."""
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    os.close(handle)  # mkstemp makes the file 0600, and the copy keeps that
    try:
        copy = sqlite3.connect(temporary)
        try:
            source.backup(copy)
        finally:
            copy.close()
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def daily_backup(db_path: Path, today: date, keep: int = KEEP) -> Path | None:
    """Back up ``db_path`` unless today's backup exists; keep the newest ``keep``. Return the new file."""
    db_path = Path(db_path)
    folder = backup_folder(db_path)
    target = folder / f"{db_path.stem}-{today.isoformat()}.db"
    if target.exists() or not db_path.exists():
        return None
    folder.mkdir(mode=0o700, exist_ok=True)
    source = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        copy_database(source, target)
    finally:
        source.close()
    for _, old in list_backups(db_path)[keep:]:
        old.unlink(missing_ok=True)
    return target


def restore_backup(conn: sqlite3.Connection, db_path: Path, backup: Path) -> Path:
    """Replace the database's content with ``backup``; first save the current content aside.

    The backup is checked like any database LiftCalm opens, and brought up to date after the
    copy. Returns the file the current content was saved to.
    """
    if not Path(backup).is_file() or Path(backup).stat().st_size == 0:
        raise StoreError(f"That backup cannot be restored: {backup} is missing or empty.")
    try:
        check_file(Path(backup))
    except StoreError as error:
        raise StoreError(f"That backup cannot be restored: {error}") from None
    folder = backup_folder(db_path)
    folder.mkdir(mode=0o700, exist_ok=True)
    aside = folder / f"{Path(db_path).stem}-before-restore-{datetime.now():%Y-%m-%dT%H-%M-%S}.db"
    copy_database(conn, aside)
    source = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
    try:
        source.backup(conn)
    finally:
        source.close()
    conn.execute("PRAGMA journal_mode = WAL")  # the copy brought the backup's journal mode
    migrate(conn)
    return aside
