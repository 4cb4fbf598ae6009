"""The one facade the UI and the command line use: ``Store(path)``."""

from __future__ import annotations

import functools
from dataclasses import replace
from pathlib import Path

from liftcalm.core.catalogue import catalogue_digest, load_catalogue, load_starter_routines
from liftcalm.core.models import Routine
from liftcalm.core.routine_book import RoutineBook
from liftcalm.paths import RESOURCES
from liftcalm.store.database import open_database
from liftcalm.store.exercises import ExerciseRepository
from liftcalm.store.routines import RoutineRepository
from liftcalm.store.settings import SettingsRepository
from liftcalm.store.sql import RUNNING

CATALOGUE_FILE = RESOURCES / "catalogue.json"
STARTER_FILE = RESOURCES / "starter_routines.json"


class Store:
    """A LiftCalm database, opened, checked and migrated.

    Raises ``StoreError`` for a file that is not a LiftCalm database, is damaged or is newer
    than this code; such a file is not modified. Every write commits immediately.
    """

    def __init__(self, path: Path | str):
        self.path = Path(path).expanduser()
        self.conn = open_database(self.path)
        self.settings = SettingsRepository(self.conn)
        self.exercises = ExerciseRepository(self.conn)
        self.routines = RoutineRepository(self.conn)
        self.book = RoutineBook(self.routines)
        self._sync_catalogue()

    @functools.cached_property
    def sessions(self):
        """Sessions and logged sets, loaded on first use: most starts never run a session."""
        from liftcalm.store.sessions import SessionRepository

        return SessionRepository(self.conn)

    def has_running_session(self) -> bool:
        """Whether a session was left running: asked at every start, without loading ``sessions``."""
        return self.conn.execute(f"SELECT 1 FROM session s WHERE {RUNNING} LIMIT 1").fetchone() is not None

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
    def history_edits(self):
        """Editing and deleting past sessions, with undo; loaded on first use."""
        from liftcalm.store.history_edits import HistoryEdits

        return HistoryEdits(self.conn)

    def backup_to(self, target: Path | str) -> None:
        """Write a consistent copy of the database to ``target`` (mode 0600), replacing it whole."""
        from liftcalm.store.backups import copy_database

        copy_database(self.conn, Path(target))

    def restore(self, backup: Path | str) -> Path:
        """Replace everything with ``backup`` (current content saved aside first); return the aside file.

        Undo history is cleared: it describes edits to the content that was replaced.
        """
        from liftcalm.store.backups import restore_backup

        aside = restore_backup(self.conn, self.path, Path(backup))
        self.book.history = type(self.book.history)()
        if "history_edits" in self.__dict__:  # its undo steps describe the replaced content too
            self.history_edits.history = type(self.history_edits.history)()
        self._sync_catalogue()
        return aside

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
