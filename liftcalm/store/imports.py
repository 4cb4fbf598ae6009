"""Importing: another app's CSV export or LiftCalm's own JSON archive, all or nothing, never twice.

``prepare_import(file).run(store)`` is the one way in, for the command line and the app alike.
``prepare_import`` reads the file once, as a stream, into a private staging database beside
nothing of the person's (a temporary file, removed when the import is done with): the sets of a
200 MB export never sit in memory. ``run`` then adds them in one transaction, with progress and
cancelling, straight from the staging tables: a dry run (the preview) and the import itself are
the same work, one rolled back.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
import weakref
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from liftcalm.core.changes import Change, ChangeKind
from liftcalm.core.exercise_names import ExerciseMatcher, NameAliases
from liftcalm.core.importers import (
    ImportCancelled,
    ImportFormatError,
    ImportResult,
    InvalidRows,
    ReadingResult,
    read_export,
    workout_key,
)
from liftcalm.core.importers.errors import describe_lines
from liftcalm.core.importers.values import METRES
from liftcalm.core.importers.workout_builder import DISTANCE_DECIMALS, LOAD_DECIMALS
from liftcalm.core.models import Exercise, Measure
from liftcalm.core.units import Unit, unit_to_kg
from liftcalm.core.validation import ValidationError, match_key
from liftcalm.paths import RESOURCES
from liftcalm.store.archive import (
    ARCHIVE_FORMAT,
    ArchiveError,
    import_archive,
    read_archive,
)

ALIASES_FILE = RESOURCES / "exercise_aliases.json"
NEW = "new"  # a name mapped to this becomes a new custom exercise of its own name
SHOWN_ROWS = 20  # skipped or invalid rows listed by line in a summary
# What a refused file raises: each names the line (or JSON path) and what is wrong with it.
IMPORT_REFUSALS = (ImportFormatError, ArchiveError)

_STAGING_SCHEMA = (
    "CREATE TABLE sets (workout INTEGER NOT NULL, position INTEGER NOT NULL, name INTEGER NOT NULL,"
    " set_number INTEGER NOT NULL, set_type TEXT NOT NULL, reps INTEGER, weight REAL, unit TEXT, rpe REAL,"
    " duration_s INTEGER, distance REAL, distance_unit TEXT, note TEXT NOT NULL, superset_group INTEGER,"
    " line INTEGER NOT NULL)",
    "CREATE TABLE workouts (workout INTEGER PRIMARY KEY, ord INTEGER NOT NULL UNIQUE, import_key TEXT NOT NULL,"
    " title TEXT NOT NULL, started_at TEXT NOT NULL, ended_at TEXT NOT NULL, note TEXT NOT NULL, day TEXT NOT NULL,"
    " sets INTEGER NOT NULL)",
    "CREATE TABLE exercise_notes (workout INTEGER NOT NULL, name INTEGER NOT NULL, note TEXT NOT NULL)",
)
_ADD_SET = "INSERT INTO sets VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"


@dataclass(frozen=True)
class NameChoice:
    """How one exercise name of the file is imported: which exercise it becomes, and why."""

    name: str  # as in the file
    sets: int  # sets of this name the import adds
    exercise_id: int | None  # None: a new custom exercise of this name
    exercise_name: str  # what it is imported as
    how: str  # "catalogue", "yours" (the person's own exercise), "remembered", "chosen" or "new"

    @property
    def line(self) -> str:
        if self.exercise_id is None:
            return f"new: {self.name}"
        said = {"remembered": " (as you chose before)", "chosen": " (as you chose)", "yours": " (your exercise)"}
        return f"{self.name} → {self.exercise_name}{said.get(self.how, '')}"


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
    skipped: tuple[tuple[int, str], ...] = ()  # the first rows that were not sets
    skipped_count: int = 0
    skipped_reasons: dict[str, int] = field(default_factory=dict)  # how many rows each reason left out
    invalid: tuple[tuple[int, str], ...] = ()  # rows left out for values that cannot be true
    first_date: str = ""
    last_date: str = ""
    names: list[NameChoice] = field(default_factory=list)
    notes: tuple[str, ...] = ()  # how the file was read (its language, a unit taken as given)

    def lines(self, names: bool = True) -> list[str]:
        """The summary as short lines for a terminal or a preview (``names``: each name and what it becomes)."""
        if self.format == ARCHIVE_FORMAT:
            out = ["format: liftcalm (JSON)", f"sessions: {self.workouts}", f"sets: {self.sets}",
                   f"routines: {self.routines}", f"exercises: {len(self.new_exercises)}"]
            if self.duplicates:
                out.append(f"already present, left out: {self.duplicates}")
            return out
        out = [f"format: {self.format}, weights read in {self.unit}"]
        out += [f"  {note}" for note in self.notes]
        out += [
            f"workouts: {self.workouts}" + (f" (and {self.duplicates} already imported, left out)" if self.duplicates
                                            else ""),
            f"sets: {self.sets}",
            f"exercises: {len(self.exercises)}, of which new custom exercises: {len(self.new_exercises)}",
        ]
        if self.first_date:
            out.append(f"dates: {self.first_date} to {self.last_date}")
        if names:
            out += [f"  {choice.line}" for choice in self.names if choice.exercise_id is not None]
            out += [f"  new: {name}" for name in self.new_exercises]
        if self.skipped_count:
            out.append(f"skipped rows: {self.skipped_count}")
            reasons = self.skipped_reasons or Counter(reason for _, reason in self.skipped)
            for reason, count in sorted(reasons.items(), key=lambda item: -item[1]):
                lines = [line for line, why in self.skipped if why == reason][:5]
                out.append(f"  {reason}: {count} ({_lines_text(lines, count)})")
        if self.invalid:
            out.append(f"rows left out for values that cannot be true: {len(self.invalid)}")
            out += [f"  line {line}: {reason}" for line, reason in self.invalid]
        return out


def _lines_text(lines: list[int], count: int) -> str:
    """"lines 3, 5 and 7", or "lines 3, 5 and 99998 more": the first lines of ``count`` rows."""
    if not lines:
        return f"{count} rows"
    more = count - len(lines)
    if more:
        return f"lines {', '.join(map(str, lines))} and {more} more"
    return f"line{'s' * (count > 1)} {describe_lines(lines)}"


class PreparedImport:
    """A file read and understood, ready to import: a CSV export staged, or an archive's content.

    Holds a temporary staging file for a CSV export until ``close()`` (or until it is garbage
    collected); it may be prepared on one thread and run on another.
    """

    def __init__(self, format: str, *, reading: ReadingResult | None = None, staging: Path | None = None,
                 archive: dict | None = None):
        self.format = format
        self.reading = reading
        self.archive = archive
        self._staging = staging
        self._finalizer = weakref.finalize(self, _remove, staging) if staging is not None else None

    @property
    def invalid(self) -> tuple[tuple[int, str], ...]:
        """Rows with values that cannot be true (line, reason): refused unless the import skips them."""
        return tuple(sorted(self.reading.invalid)) if self.reading is not None else ()

    @property
    def unit(self) -> str:
        return self.reading.unit.value if self.reading is not None else Unit.KG.value

    def run(self, store, *, dry_run: bool = False, progress: Callable[[int, int], None] | None = None,
            cancelled: Callable[[], bool] | None = None, skip_invalid: bool = False,
            mapping: dict[str, int | str] | None = None) -> ImportSummary:
        """Import into ``store`` in one transaction (with ``dry_run`` nothing is kept); return what it added.

        ``mapping`` says what an imported exercise name becomes (an exercise id, or ``NEW``); the
        choices are remembered for the next import. Rows with values that cannot be true raise
        ``InvalidRows`` unless ``skip_invalid``. Raises one of ``IMPORT_REFUSALS`` for a value the
        database cannot hold (nothing is written), and ``ImportCancelled`` once ``cancelled()``
        turns true (nothing is kept).
        """
        if self.archive is not None:
            counts = import_archive(store, self.archive, dry_run=dry_run, progress=progress, cancelled=cancelled)
            return ImportSummary(ARCHIVE_FORMAT, "kg", workouts=counts["sessions"], sets=counts["sets"],
                                 routines=counts["routines"], duplicates=counts["duplicates"],
                                 new_exercises=list(counts["new_exercises"]))
        if self._staging is None or not self._staging.exists():
            raise RuntimeError("this import was closed")
        if self.invalid and not skip_invalid:
            raise InvalidRows(self.invalid)
        return _StagedRun(store, self, dry_run, progress, cancelled, mapping or {}).run()

    def close(self) -> None:
        """Remove the staging file; the import cannot run afterwards."""
        if self._finalizer is not None:
            self._finalizer()

    def __enter__(self) -> PreparedImport:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def prepare_import(source: Path, format: str | None = None, unit: Unit | None = None, *,
                   progress: Callable[[int, int], None] | None = None,
                   cancelled: Callable[[], bool] | None = None) -> PreparedImport:
    """Read ``source`` and tell what it is: a Strong, Hevy or FitNotes CSV, or a LiftCalm archive.

    ``format`` ("strong", "hevy", "fitnotes" or "liftcalm") skips the detection. Raises
    ``UnitNeeded`` when a CSV names no weight unit and ``unit`` is None, and one of
    ``IMPORT_REFUSALS`` for a file that cannot be imported. ``progress(done, total)`` follows the
    bytes read. Touches no database of the person's.
    """
    source = Path(source)
    if format == ARCHIVE_FORMAT or (format is None and _starts_with_brace(source)):
        from liftcalm.core.importers import read_export_file

        return PreparedImport(ARCHIVE_FORMAT, archive=read_archive(read_export_file(source)))
    staging = _Staging()
    try:
        reading = read_export(source, format, unit, sink=staging.add_sets, progress=progress, cancelled=cancelled)
        staging.finish(reading)
    except BaseException:
        staging.discard()
        raise
    return PreparedImport(reading.format, reading=reading, staging=staging.path)


def store_import(store, result: ImportResult, dry_run: bool = False,
                 progress: Callable[[int, int], None] | None = None,
                 cancelled: Callable[[], bool] | None = None,
                 mapping: dict[str, int | str] | None = None) -> ImportSummary:
    """Add the workouts of ``result`` (a file read whole) in one transaction; with ``dry_run`` nothing is kept.

    As ``PreparedImport.run``: names matched to the catalogue, unknown ones new custom exercises,
    no stress ratings (missing, not 0); ``ImportFormatError`` names the line of a value the
    database cannot hold, and the database is then left as it was.
    """
    staging = _Staging()
    try:
        reading = staging.stage_result(result)
    except BaseException:
        staging.discard()
        raise
    with PreparedImport(result.format, reading=reading, staging=staging.path) as prepared:
        return prepared.run(store, dry_run=dry_run, progress=progress, cancelled=cancelled, skip_invalid=True,
                            mapping=mapping)


def _starts_with_brace(source: Path) -> bool:
    try:
        with open(source, "rb") as file:
            head = file.read(4096)
    except OSError as error:
        raise ImportFormatError(1, f"the file cannot be read ({error.strerror})") from None
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{")


def _remove(path: Path | None) -> None:
    if path is not None:
        for suffix in ("", "-journal"):
            try:
                os.unlink(f"{path}{suffix}")
            except OSError:
                pass


class _Staging:
    """The private temporary database an import is read into: sets in file order, workouts, names."""

    PREFIX = "liftcalm-import-"

    def __init__(self):
        _remove_left_behind(self.PREFIX)
        handle, name = tempfile.mkstemp(prefix=f"{self.PREFIX}{os.getpid()}-", suffix=".sqlite")
        os.close(handle)
        self.path = Path(name)
        try:
            self.conn = sqlite3.connect(name, isolation_level=None, check_same_thread=False)
            # Nothing here outlives a crash: no journal, no syncing.
            self.conn.execute("PRAGMA journal_mode = OFF")
            self.conn.execute("PRAGMA synchronous = OFF")
            for statement in _STAGING_SCHEMA:
                self.conn.execute(statement)
            self.conn.execute("BEGIN")
        except BaseException:
            self.discard()
            raise

    def add_sets(self, batch: list[tuple]) -> None:
        self.conn.executemany(_ADD_SET, batch)

    def finish(self, reading: ReadingResult) -> None:
        """Settle units in kilograms and metres, and add the workouts, names and notes."""
        conn = self.conn
        fallback, distance_unit = reading.fallback_unit.value, reading.distance_unit
        conn.create_function("to_kg", 2, lambda weight, unit: round(unit_to_kg(weight, Unit(unit)), LOAD_DECIMALS)
                             + 0.0, deterministic=True)
        conn.create_function("to_m", 2, lambda distance, unit: round(distance * METRES[unit], DISTANCE_DECIMALS),
                             deterministic=True)
        if fallback != "kg" or "lb" in reading.row_units:
            conn.execute("UPDATE sets SET weight = to_kg(weight, coalesce(unit, ?)) WHERE weight IS NOT NULL"
                         " AND coalesce(unit, ?) <> 'kg'", (fallback, fallback))
        if reading.distances:
            conn.execute("UPDATE sets SET distance = to_m(distance, coalesce(distance_unit, ?))"
                         " WHERE distance IS NOT NULL", (distance_unit,))
        rows = []
        for order, draft in enumerate(reading.workouts):
            started, ended = _local_times(draft.started_at, draft.duration_s, draft.line)
            key = workout_key(reading.format, draft.started_at, draft.title)
            rows.append((draft.number, order, f"{reading.format}:{key}", draft.title, started, ended, draft.note,
                         draft.started_at.date().isoformat(), draft.sets))
        conn.executemany("INSERT INTO workouts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        conn.executemany("INSERT INTO exercise_notes VALUES (?, ?, ?)",
                         [(workout, name, note) for (workout, name), note in reading.exercise_notes.items()])
        conn.execute("CREATE INDEX sets_by_workout ON sets (workout, position)")
        conn.execute("COMMIT")
        conn.close()

    def stage_result(self, result: ImportResult) -> ReadingResult:
        """Stage a file read whole (loads already in kilograms, distances in metres); return its reading."""
        from collections import Counter

        from liftcalm.core.importers.workout_builder import ReadingResult, WorkoutDraft

        names: dict[str, int] = {}
        name_lines: list[int] = []
        drafts, notes = [], {}
        for number, workout in enumerate(result.workouts):
            batch = []
            for position, imported in enumerate(workout.sets):
                name = names.setdefault(imported.exercise_name, len(names))
                if name == len(name_lines):
                    name_lines.append(imported.line)
                batch.append((number, position, name, imported.set_number, imported.set_type.value, imported.reps,
                              imported.load_kg, "kg", imported.rpe, imported.duration_s, imported.distance_m, "m",
                              imported.note, imported.superset_group, imported.line))
            self.add_sets(batch)
            for exercise, note in workout.exercise_notes:
                name = names.setdefault(exercise, len(names))
                if name == len(name_lines):
                    name_lines.append(workout.line)
                notes[(number, name)] = note
            drafts.append(WorkoutDraft(number, workout.title, workout.started_at, workout.line, workout.duration_s,
                                       workout.note, len(workout.sets)))
        order = sorted(drafts, key=lambda draft: (draft.started_at, draft.line))
        reading = ReadingResult(result.format, result.unit, result.unit, "m", order, list(names), name_lines, notes,
                                list(result.skipped), len(result.skipped), Counter(r for _, r in result.skipped), [],
                                list(result.notes), sum(len(w.sets) for w in result.workouts),
                                sum(s.distance_m is not None for w in result.workouts for s in w.sets))
        self.finish(reading)
        keys = {draft.number: w.key for draft, w in zip(drafts, result.workouts)}
        if any(workout_key(result.format, d.started_at, d.title) != keys[d.number] for d in drafts):
            self._rekey(keys, result.format)
        return reading

    def _rekey(self, keys: dict[int, str], format: str) -> None:
        conn = sqlite3.connect(self.path, isolation_level=None)
        try:
            conn.executemany("UPDATE workouts SET import_key = ? WHERE workout = ?",
                             [(f"{format}:{key}", number) for number, key in keys.items()])
        finally:
            conn.close()

    def discard(self) -> None:
        try:
            self.conn.close()
        except (AttributeError, sqlite3.Error):
            pass
        _remove(self.path)


def _remove_left_behind(prefix: str) -> None:
    """Remove staging files of imports whose process is gone (killed before it could clean up)."""
    folder = Path(tempfile.gettempdir())
    try:
        names = [entry.name for entry in os.scandir(folder) if entry.name.startswith(prefix)]
    except OSError:
        return
    for name in names:
        pid = name[len(prefix):].split("-", 1)[0]
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            _remove(folder / name)
        except OSError:
            pass  # another user's process, or not ours to ask: left alone


def _local_times(started_at: datetime, duration_s: int | None, line: int) -> tuple[str, str]:
    """The workout's start and end in local time, or ImportFormatError naming its line."""
    try:
        started = started_at.astimezone()
        ended = started + timedelta(seconds=duration_s) if duration_s else started
        return started.isoformat(timespec="seconds"), ended.isoformat(timespec="seconds")
    except (OverflowError, OSError, ValueError):  # a date at the edge of what a datetime holds
        raise ImportFormatError(line, f"the date {started_at.isoformat(' ')} is out of range "
                                      "for a workout") from None


class _StagedRun:
    """One run of a staged import: the sessions, the names resolved, then the sets chunk by chunk."""

    def __init__(self, store, prepared: PreparedImport, dry_run: bool, progress, cancelled, mapping: dict):
        self.store, self.conn, self.prepared = store, store.conn, prepared
        self.reading = prepared.reading
        self.dry_run, self.progress, self.cancelled, self.mapping = dry_run, progress, cancelled, mapping
        self.summary = ImportSummary(prepared.format, self.reading.unit.value, skipped=tuple(self.reading.skipped),
                                     skipped_count=self.reading.skipped_count,
                                     skipped_reasons=dict(self.reading.skipped_reasons), invalid=prepared.invalid,
                                     notes=tuple(self.reading.notes))

    def run(self) -> ImportSummary:
        conn = self.conn
        conn.execute("ATTACH DATABASE ? AS staging", (f"{self.prepared._staging.as_uri()}?mode=ro",))
        try:
            with self.store.transaction(keep=not self.dry_run):
                try:
                    self._add()
                finally:
                    conn.execute("DROP TABLE IF EXISTS temp.import_sessions")
                    conn.execute("DROP TABLE IF EXISTS temp.import_names")
                self.store.changes.publish(Change(ChangeKind.SESSIONS))
        except sqlite3.IntegrityError as error:  # a value the checks above let through: still a refusal
            raise ImportFormatError(1, f"a value cannot be stored ({error})") from None
        finally:
            conn.execute("DETACH DATABASE staging")
        return self.summary

    def _add(self) -> None:
        conn, summary = self.conn, self.summary
        total = len(self.reading.workouts)
        self._check_cancelled()
        if self.progress is not None:
            self.progress(0, total)
        conn.execute("CREATE TEMP TABLE import_sessions (ord INTEGER PRIMARY KEY, workout INTEGER NOT NULL UNIQUE,"
                     " session_id INTEGER NOT NULL, started_at TEXT NOT NULL)")
        conn.execute("CREATE TEMP TABLE import_names (name INTEGER PRIMARY KEY, exercise_id INTEGER NOT NULL)")
        before = conn.execute("SELECT coalesce(max(id), 0) FROM main.session").fetchone()[0]
        conn.execute(
            "INSERT INTO main.session (routine_name, kind, started_at, ended_at, note, source, import_key)"
            " SELECT w.title, 'strength', w.started_at, w.ended_at, w.note, ?, w.import_key FROM staging.workouts w"
            " WHERE NOT EXISTS (SELECT 1 FROM main.session s WHERE s.import_key = w.import_key) ORDER BY w.ord",
            (self.prepared.format,))
        conn.execute("INSERT INTO temp.import_sessions SELECT w.ord, w.workout, s.id, w.started_at"
                     " FROM staging.workouts w JOIN main.session s ON s.import_key = w.import_key WHERE s.id > ?",
                     (before,))
        summary.workouts, summary.first_date, summary.last_date = conn.execute(
            "SELECT count(*), coalesce(min(w.day), ''), coalesce(max(w.day), '') FROM temp.import_sessions i"
            " JOIN staging.workouts w USING (workout)").fetchone()
        summary.duplicates = total - summary.workouts
        self._resolve_names()
        chunk = max(1, -(-total // 100))
        for start in range(0, total, chunk):
            self._check_cancelled()
            if self.progress is not None and start:
                self.progress(start, total)
            summary.sets += conn.execute(
                "INSERT INTO main.logged_set (session_id, position, exercise_id, set_number, set_type, reps, load_kg,"
                " rpe, duration_s, distance_m, ended_at, note, superset_group)"
                " SELECT i.session_id, s.position, n.exercise_id, s.set_number, s.set_type, s.reps, s.weight, s.rpe,"
                " s.duration_s, s.distance, i.started_at, s.note, s.superset_group FROM temp.import_sessions i"
                # CROSS JOIN: workouts of the chunk first, then each one's sets by index (not every set per chunk)
                " CROSS JOIN staging.sets s ON s.workout = i.workout JOIN temp.import_names n ON n.name = s.name"
                " WHERE i.ord >= ? AND i.ord < ? ORDER BY i.ord, s.position", (start, start + chunk)).rowcount
        conn.execute(
            "INSERT INTO main.session_exercise (session_id, exercise_id, note)"
            " SELECT i.session_id, n.exercise_id, e.note FROM staging.exercise_notes e"
            " JOIN temp.import_sessions i ON i.workout = e.workout"
            " JOIN temp.import_names n ON n.name = e.name"
            " WHERE EXISTS (SELECT 1 FROM staging.sets s WHERE s.workout = e.workout AND s.name = e.name)"
            " ON CONFLICT (session_id, exercise_id) DO UPDATE SET note = note || char(10) || excluded.note")
        self._remember_choices()
        self._check_cancelled()
        if self.progress is not None:
            self.progress(total, total)

    def _check_cancelled(self) -> None:
        if self.cancelled is not None and self.cancelled():
            raise ImportCancelled

    def _resolve_names(self) -> None:
        """Map every name the new workouts use to an exercise, making custom exercises for unknown ones."""
        conn, summary = self.conn, self.summary
        used = conn.execute(
            "SELECT s.name, count(*), sum(s.reps IS NOT NULL), sum(s.duration_s IS NOT NULL),"
            " sum(s.distance IS NOT NULL), min(s.line) FROM temp.import_sessions i CROSS JOIN staging.sets s"
            " ON s.workout = i.workout GROUP BY s.name ORDER BY min(s.line)").fetchall()
        names = self.reading.names
        resolver = NameResolver(self.store)
        ids = {}
        for number, sets, with_reps, timed, far, line in used:
            choice = resolver.resolve(names[number], self.mapping.get(names[number]), sets,
                                      _measure(with_reps, timed, far), line)
            ids[number] = choice.exercise_id
            summary.names.append(choice)
            summary.exercises.add(choice.exercise_id)
        summary.new_exercises = resolver.created
        conn.executemany("INSERT INTO temp.import_names VALUES (?, ?)", list(ids.items()))
        self.resolver = resolver

    def _remember_choices(self) -> None:
        """Keep the person's own choices (not the automatic matches) for the next import of these names."""
        rows = [(match_key(choice.name), choice.exercise_id) for choice in self.resolver.choices
                if choice.how == "chosen" and match_key(choice.name)]
        self.conn.executemany("INSERT INTO main.import_name (name_key, exercise_id) VALUES (?, ?)"
                              " ON CONFLICT (name_key) DO UPDATE SET exercise_id = excluded.exercise_id", rows)


def _measure(with_reps: int, timed: int, far: int) -> Measure:
    """How a new exercise is counted, from its imported sets: a plank in time, a run in distance."""
    if with_reps == 0 and far:
        return Measure.DISTANCE
    if with_reps == 0 and timed:
        return Measure.TIME
    return Measure.REPS


class NameResolver:
    """Decides what each imported name becomes: a choice, a remembered choice, a match, or a new exercise.

    Creates the new custom exercises (inside the caller's transaction) as it goes.
    """

    def __init__(self, store):
        self.store = store
        self.exercises = {exercise.id: exercise for exercise in store.exercises.all()}
        self.matcher = ExerciseMatcher(self.exercises.values(), NameAliases.load(ALIASES_FILE))
        self.remembered = dict(store.conn.execute("SELECT name_key, exercise_id FROM main.import_name"))
        self.created: list[str] = []
        self.choices: list[NameChoice] = []

    def resolve(self, name: str, chosen, sets: int = 0, measure: Measure = Measure.REPS, line: int = 1) -> NameChoice:
        exercise_id, how = None, "new"
        if chosen is not None and chosen != NEW:
            if chosen not in self.exercises:
                raise ImportFormatError(line, f"“{name[:40]}” was to be imported as an exercise that no longer exists")
            exercise_id, how = chosen, "chosen"
        elif chosen is None:
            remembered = self.remembered.get(match_key(name))
            if remembered in self.exercises:
                exercise_id, how = remembered, "remembered"
            elif (found := self.matcher.match(name)) is not None:
                exercise_id, how = found, "yours" if self.exercises[found].is_custom else "catalogue"
        if exercise_id is None:
            exercise_id = self._create(name, measure, line)
            how = "chosen" if chosen == NEW else "new"
            if how == "chosen" and self.exercises[exercise_id].name != name:
                how = "yours"  # a name like one of the person's own: that one, not a second
        choice = NameChoice(name, sets, exercise_id, self.exercises[exercise_id].name, how)
        self.choices.append(choice)
        return choice

    def _create(self, name: str, measure: Measure, line: int) -> int:
        existing = self.matcher.match(name)
        try:
            custom = self.store.exercises.add_custom(Exercise(None, name, equipment="other", measure=measure))
        except ValidationError as error:
            if existing is not None:
                return existing
            raise ImportFormatError(line, f"exercise “{name[:40]}”: {error.message}") from None
        self.exercises[custom.id] = custom
        self.matcher.add(custom)
        self.created.append(name)
        return custom.id
