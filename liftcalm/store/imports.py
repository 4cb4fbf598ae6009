"""Importing: another app's CSV export or LiftCalm's own JSON archive, all or nothing, never twice.

``prepare_import(file).run(store)`` is the one way in, for the command line and the app alike:
it reads the file, tells the formats apart, and imports (or dry-runs) in one transaction, with
progress and cancelling.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from liftcalm.core.importers import ImportCancelled, ImportFormatError, ImportResult
from liftcalm.core.units import Unit
from liftcalm.store.archive import ARCHIVE_FORMAT, ArchiveError, import_archive, read_archive
from liftcalm.core.models import Exercise
from liftcalm.core.changes import Change, ChangeKind
from liftcalm.core.exercise_names import ExerciseMatcher
from liftcalm.core.validation import ValidationError

MAX_REPS = 1000  # the database refuses more; say which line instead
MAX_LOAD_KG = 1000.0


@dataclass
class ImportSummary:
    format: str
    unit: str  # the unit weights were read in ("kg" for an archive, which stores kilograms)
    workouts: int = 0
    sets: int = 0
    routines: int = 0  # routines added (an archive carries them)
    exercises: set[int] = field(default_factory=set)  # ids of the exercises the sets name
    new_exercises: list[str] = field(default_factory=list)
    duplicates: int = 0  # workouts already in the database, left out
    skipped: tuple[tuple[int, str], ...] = ()
    first_date: str = ""
    last_date: str = ""

    def lines(self) -> list[str]:
        """The summary as short lines for a terminal or a preview."""
        if self.format == ARCHIVE_FORMAT:
            out = ["format: liftcalm (JSON)", f"sessions: {self.workouts}", f"sets: {self.sets}",
                   f"routines: {self.routines}", f"exercises: {len(self.new_exercises)}"]
            if self.duplicates:
                out.append(f"already present, left out: {self.duplicates}")
            return out
        out = [
            f"format: {self.format}, weights read in {self.unit}",
            f"workouts: {self.workouts}" + (f" (and {self.duplicates} already imported, left out)" if self.duplicates
                                            else ""),
            f"sets: {self.sets}",
            f"exercises: {len(self.exercises)}, of which new custom exercises: {len(self.new_exercises)}",
        ]
        if self.first_date:
            out.append(f"dates: {self.first_date} to {self.last_date}")
        out += [f"  new: {name}" for name in self.new_exercises]
        if self.skipped:
            out.append(f"skipped rows: {len(self.skipped)}")
            out += [f"  line {line}: {reason}" for line, reason in self.skipped[:20]]
            if len(self.skipped) > 20:
                out.append(f"  ... and {len(self.skipped) - 20} more")
        return out


# What a refused file raises: each names the line (or JSON path) and what is wrong with it.
IMPORT_REFUSALS = (ImportFormatError, ArchiveError)


@dataclass(frozen=True)
class PreparedImport:
    """A file read and understood, ready to import: a CSV export's workouts or an archive's content."""

    format: str
    workouts: ImportResult | None = None  # a CSV export
    archive: dict | None = None  # LiftCalm's JSON archive

    def run(self, store, *, dry_run: bool = False, progress: Callable[[int, int], None] | None = None,
            cancelled: Callable[[], bool] | None = None) -> ImportSummary:
        """Import into ``store`` in one transaction (with ``dry_run`` nothing is kept); return what it added.

        Raises one of ``IMPORT_REFUSALS`` for a value the database cannot hold (nothing is
        written), and ``ImportCancelled`` once ``cancelled()`` turns true (nothing is kept).
        """
        if self.workouts is not None:
            return store_import(store, self.workouts, dry_run=dry_run, progress=progress, cancelled=cancelled)
        counts = import_archive(store, self.archive, dry_run=dry_run, progress=progress, cancelled=cancelled)
        return ImportSummary(ARCHIVE_FORMAT, "kg", workouts=counts["sessions"], sets=counts["sets"],
                             routines=counts["routines"], duplicates=counts["duplicates"],
                             new_exercises=list(counts["new_exercises"]))


def prepare_import(source: Path, format: str | None = None, unit: Unit | None = None) -> PreparedImport:
    """Read ``source`` and tell what it is: a Strong, Hevy or FitNotes CSV, or a LiftCalm archive.

    ``format`` ("strong", "hevy", "fitnotes" or "liftcalm") skips the detection. Raises
    ``UnitNeeded`` when a CSV names no weight unit and ``unit`` is None, and one of
    ``IMPORT_REFUSALS`` for a file that cannot be imported. Touches no database.
    """
    from liftcalm.core.importers import parse_export, read_export_file

    text = read_export_file(source)
    if format == ARCHIVE_FORMAT or (format is None and text.lstrip("\ufeff \t\r\n").startswith("{")):
        return PreparedImport(ARCHIVE_FORMAT, archive=read_archive(text.lstrip("\ufeff")))
    workouts = parse_export(text, format, unit)
    return PreparedImport(workouts.format, workouts=workouts)


def store_import(store, result: ImportResult, dry_run: bool = False,
                 progress: Callable[[int, int], None] | None = None,
                 cancelled: Callable[[], bool] | None = None) -> ImportSummary:
    """Add the workouts of ``result`` in one transaction; with ``dry_run`` nothing is kept.

    Exercise names are matched to the catalogue and the user's own exercises ignoring case and
    punctuation; unknown names become custom exercises. Imported sets carry no stress
    ratings (they are missing, not 0). Raises ``ImportFormatError`` naming the line of a value
    the database cannot hold; the database is then left as it was. ``progress(done, total)`` is
    called after each workout; when ``cancelled()`` turns true, ``ImportCancelled`` is raised
    and nothing is kept.
    """
    summary = ImportSummary(result.format, result.unit.value, skipped=result.skipped)
    with store.transaction(keep=not dry_run):
        _add_workouts(store, result, summary, progress, cancelled)
        store.changes.publish(Change(ChangeKind.SESSIONS))
    return summary


def _add_workouts(store, result: ImportResult, summary: ImportSummary, progress, cancelled) -> None:
    conn = store.conn
    matcher = ExerciseMatcher(store.exercises.all())
    ids_by_name: dict[str, int] = {}  # a file names few exercises over many sets
    total = len(result.workouts)
    for done, workout in enumerate(result.workouts):
        if cancelled is not None and cancelled():
            raise ImportCancelled
        if progress is not None:
            progress(done, total)
        import_key = f"{result.format}:{workout.key}"
        if conn.execute("SELECT 1 FROM session WHERE import_key = ?", (import_key,)).fetchone():
            summary.duplicates += 1
            continue
        started, ended = _local_times(workout)
        session_id = conn.execute(
            "INSERT INTO session (routine_name, kind, started_at, ended_at, note, source, import_key)"
            " VALUES (?, 'strength', ?, ?, ?, ?, ?)",
            (workout.title, started.isoformat(timespec="seconds"), ended.isoformat(timespec="seconds"),
             workout.note, result.format, import_key),
        ).lastrowid
        started_text = started.isoformat(timespec="seconds")
        rows = []
        for position, imported in enumerate(workout.sets):
            if imported.reps > MAX_REPS:
                raise ImportFormatError(imported.line, f"{imported.reps} reps is more than {MAX_REPS}")
            if imported.load_kg > MAX_LOAD_KG:
                raise ImportFormatError(imported.line, f"a load of {imported.load_kg:g} kg is more than 1000 kg")
            name = imported.exercise_name
            exercise_id = ids_by_name.get(name)
            if exercise_id is None:
                exercise_id = matcher.match(name)
                if exercise_id is None:
                    custom = _add_custom(store, name, imported.line)
                    matcher.add(custom)
                    exercise_id = custom.id
                    summary.new_exercises.append(name)
                ids_by_name[name] = exercise_id
            summary.exercises.add(exercise_id)
            rows.append((session_id, position, exercise_id, imported.set_number, imported.set_type.value,
                         imported.reps, imported.load_kg, imported.rpe, imported.duration_s, started_text))
        conn.executemany(
            "INSERT INTO logged_set (session_id, position, exercise_id, set_number, set_type, reps, load_kg, rpe,"
            " duration_s, ended_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        summary.workouts += 1
        summary.sets += len(rows)
        day = started.date().isoformat()
        summary.first_date = min(summary.first_date or day, day)
        summary.last_date = max(summary.last_date, day)


def _local_times(workout) -> tuple[datetime, datetime]:
    """The workout's start and end in local time, or ImportFormatError naming its line."""
    try:
        started = workout.started_at.astimezone()
        ended = started + timedelta(seconds=workout.duration_s) if workout.duration_s else started
        return started, ended
    except (OverflowError, OSError, ValueError):  # a date at the edge of what a datetime holds
        raise ImportFormatError(workout.line, f"the date {workout.started_at.isoformat(' ')} is out of range "
                                              "for a workout") from None


def _add_custom(store, name: str, line: int) -> Exercise:
    try:
        return store.exercises.add_custom(Exercise(None, name, equipment="other"))
    except ValidationError as error:
        raise ImportFormatError(line, f"exercise “{name[:40]}”: {error.message}") from None
