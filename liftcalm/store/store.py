"""The one facade the UI and the command line use: ``Store(path)``."""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from liftcalm.core.catalogue import catalogue_digest, load_catalogue, load_starter_routines
from liftcalm.core.changes import Change, ChangeFeed, ChangeKind
from liftcalm.core.models import Routine
from liftcalm.core.routine_book import RoutineBook
from liftcalm.paths import RESOURCES
from liftcalm.store.database import STORE_FAULTS, connect, open_database, store_error
from liftcalm.store.exercises import ExerciseRepository
from liftcalm.store.routines import RoutineRepository
from liftcalm.store.settings import SettingsRepository
from liftcalm.store.sql import DAY, RUNNING
from liftcalm.store.transactions import transaction

CATALOGUE_FILE = RESOURCES / "catalogue.json"
STARTER_FILE = RESOURCES / "starter_routines.json"


class Store:
    """A LiftCalm database, opened, checked and migrated.

    Raises ``StoreError`` for a file that is not a LiftCalm database, is damaged or is newer
    than this code; such a file is not modified. Every write commits immediately and is then
    published on ``changes``, the one change notification.

    A Store belongs to the thread that opened it. Work on another thread gets its own,
    from ``Store.for_worker``.
    """

    def __init__(self, path: Path | str, *, _checked: bool = False):
        self.path = Path(path).expanduser()
        self.conn = connect(self.path) if _checked else open_database(self.path)
        # A worker's store keeps what it published, for the UI to hear once the work is done.
        self.changes = ChangeFeed(keep=_checked)
        self.settings = SettingsRepository(self.conn, self.changes.publish)
        self.exercises = ExerciseRepository(self.conn, self.changes.publish)
        self.routines = RoutineRepository(self.conn)
        self.book = RoutineBook(self.routines, self.changes.publish)
        self.changes.subscribe(self._on_change)
        if not _checked:
            try:
                self._sync_catalogue()
            except STORE_FAULTS as error:  # a full disk or a lock met while setting up: named, not raw
                self.conn.close()
                raise store_error(self.path, error) from None

    @classmethod
    def for_worker(cls, path: Path | str) -> Store:
        """The database that a Store on another thread already opened, checked and migrated.

        For background work: a connection of its own, without checking the file again (on
        years of sets, ``quick_check`` costs more than the work itself).
        """
        return cls(path, _checked=True)

    @contextlib.contextmanager
    def transaction(self, keep: bool = True) -> Iterator[None]:
        """One ``BEGIN IMMEDIATE`` transaction; its changes are published once it commits.

        With ``keep=False`` (a dry run) the block runs and everything is rolled back.
        """
        with self.changes.held(keep), transaction(self.conn, keep):
            yield

    @functools.cached_property
    def sessions(self):
        """Sessions and logged sets, loaded on first use: most starts never run a session."""
        from liftcalm.store.sessions import SessionRepository

        return SessionRepository(self.conn, self.path, self.changes.publish)

    def has_running_session(self) -> bool:
        """Whether a session was left running: asked at every start, without loading ``sessions``."""
        return self.conn.execute(f"SELECT 1 FROM session s WHERE {RUNNING} LIMIT 1").fetchone() is not None

    def has_sessions(self) -> bool:
        """Whether the database holds any session at all (its own, imported or sample)."""
        return self.conn.execute("SELECT EXISTS (SELECT 1 FROM session)").fetchone()[0] == 1

    def has_session_on(self, day) -> bool:
        """Whether a session, a calm session or a rest-day check-in started on ``day`` (a date, local)."""
        row = self.conn.execute(f"SELECT 1 FROM session s WHERE {DAY} = ? LIMIT 1", (day.isoformat(),)).fetchone()
        return row is not None

    @functools.cached_property
    def history(self):
        """Read-only queries over sessions (summaries, records), loaded on first use."""
        from liftcalm.store.session_history import SessionHistory

        return SessionHistory(self.conn)

    @functools.cached_property
    def graph_data(self):
        """The graphs' queries, loaded when a graph first opens: they bring numpy with them."""
        from liftcalm.store.graph_data import GraphData

        return GraphData(self.conn)

    @functools.cached_property
    def planning(self):
        """Last time per exercise, body weight, progression per exercise; loaded on first use."""
        from liftcalm.store.planning import Planning

        return Planning(self.conn, self.changes.publish)

    @functools.cached_property
    def history_edits(self):
        """Editing and deleting past sessions, with undo; loaded on first use."""
        from liftcalm.store.history_edits import HistoryEdits

        return HistoryEdits(self.conn, self.changes.publish)

    def backup_to(self, target: Path | str) -> None:
        """Write a consistent copy of the database to ``target`` (mode 0600), replacing it whole."""
        from liftcalm.store.backups import copy_database

        copy_database(self.conn, Path(target))

    def daily_backup(self, today) -> Path | None:
        """Back up the database once a day, beside it; return the new file (None: done already today)."""
        from liftcalm.store.backups import daily_backup

        return daily_backup(self.path, today)

    def restore(self, backup: Path | str) -> Path:
        """Replace everything with ``backup`` (current content saved aside first); return the aside file.

        Publishes ``EVERYTHING``: every store that hears it forgets its undo history, which
        describes edits to the content that was replaced.
        """
        from liftcalm.store.backups import restore_backup

        aside = restore_backup(self.conn, self.path, Path(backup))
        self._sync_catalogue()
        self.changes.publish(Change(ChangeKind.EVERYTHING))
        return aside

    def backups(self) -> list:
        """The daily backups and the copies saved before a restore, with what each holds, newest first.

        Reads every file whole: call it on a worker (``StoreOp``).
        """
        from liftcalm.store.backups import describe_backups

        return describe_backups(self.path)

    def describe_backup(self, path: Path | str):
        """What the file at ``path`` holds, or why it cannot be restored (``BackupInfo``); changes nothing."""
        from liftcalm.store.backups import describe_backup

        return describe_backup(Path(path), self.path)

    def _on_change(self, change: Change) -> None:
        if change.kind is ChangeKind.EVERYTHING:
            self.book.history.clear()
            if "history_edits" in self.__dict__:
                self.history_edits.history.clear()

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def starter_routines(self) -> list[Routine]:
        """The starter routines from ``resources/``, with names made free in this database."""
        ids = {exercise.name: exercise.id for exercise in self.exercises.all() if exercise.id is not None}
        routines = load_starter_routines(STARTER_FILE, ids)
        return [replace(routine, name=self.book.free_name(routine.name)) for routine in routines]

    def add_starter_routines(self) -> list[Routine]:
        """Add the starter routines, each as one undoable step; remember that they were offered."""
        added = [self.book.add(routine, f"Add starter routine “{routine.name}”") for routine in self.starter_routines()]
        self.settings.starter_offered = True
        return added

    def _sync_catalogue(self) -> None:
        digest = catalogue_digest(CATALOGUE_FILE)
        if self.settings.get("catalogue_digest") != digest:
            self.exercises.sync_catalogue(load_catalogue(CATALOGUE_FILE))
            self.settings.set("catalogue_digest", digest)
