"""The ``liftcalm`` command: the app, and commands for data in and out.

Qt is imported only when the window is wanted: ``import``, ``export``, ``backup``, ``demo``,
``trends``, ``session``, ``install-desktop`` and ``uninstall-desktop`` never load it; ``report``
loads it only to paint a PDF.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from datetime import date
from pathlib import Path

from liftcalm import __version__
from liftcalm.paths import default_database_path, keep_files_private
from liftcalm.terminal import terminal_text


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="liftcalm",
        description="LiftCalm: a desktop workout timer that coaches the rest between sets. "
        "Run without a command to open the app.",
        epilog=f"Your data lives in {default_database_path()} unless --db names another file.",
    )
    parser.add_argument("--version", action="version", version=f"LiftCalm {__version__}")
    parser.add_argument("--db", metavar="PATH", type=Path, default=default_database_path(),
                        help="database file to use (created if missing; default: %(default)s)")
    # Commands take --db too ("liftcalm import --db PATH FILE"); SUPPRESS keeps a value given
    # before the command from being overwritten by the command's default.
    db_option = argparse.ArgumentParser(add_help=False)
    db_option.add_argument("--db", metavar="PATH", type=Path, default=argparse.SUPPRESS,
                           help="database file to use")
    commands = parser.add_subparsers(dest="command", title="commands", metavar="COMMAND")

    importing = commands.add_parser("import", parents=[db_option],
                                    help="add workouts from a Strong, Hevy or FitNotes CSV export, "
                                         "or a LiftCalm JSON export")
    importing.add_argument("file", type=Path, metavar="FILE", help="the exported file")
    importing.add_argument("--format", choices=["strong", "hevy", "fitnotes", "liftcalm"],
                           help="the app that wrote FILE (detected from its contents when not given)")
    importing.add_argument("--unit", choices=["kg", "lb"],
                           help="the unit of the weights, for files that do not say")
    importing.add_argument("--dry-run", action="store_true", help="show what would be imported; change nothing")
    importing.add_argument("--skip-invalid", action="store_true",
                           help="leave out rows with values that cannot be true (877777 reps) and import the rest; "
                                "the rows left out are listed")
    importing.add_argument("--map", action="append", default=[], metavar='"NAME=EXERCISE"', dest="mappings",
                           help="import the exercise NAME of the file as EXERCISE (one of the catalogue or your "
                                "own), e.g. --map \"Squat (Barbell)=Barbell Back Squat\"; may be repeated; "
                                "remembered for the next import")

    exporting = commands.add_parser("export", parents=[db_option],
                                    help="write every logged set as CSV, or everything as JSON")
    exporting.add_argument("--format", choices=["csv", "json"], default="csv",
                           help="csv: one row per logged set; json: everything, for re-import (default: csv)")
    exporting.add_argument("-o", "--output", type=Path, metavar="FILE", help="write to FILE (default: stdout)")

    backup = commands.add_parser("backup", parents=[db_option],
                                 help="save a consistent copy of the database (SQLite's backup API)")
    backup.add_argument("-o", "--output", type=Path, metavar="FILE", required=True, help="the copy to write")

    demo = commands.add_parser("demo", parents=[db_option],
                               help="fill a separate database file with a sample training history, to try the app")
    demo.add_argument("--years", type=demo_years, default=1.0, metavar="N",
                      help="length of the history in years, up to 12; 0.5 is half a year (default: 1)")
    demo.add_argument("--seed", type=int, default=1, metavar="S",
                      help="the same seed and years give the same history (default: 1)")

    trends = commands.add_parser("trends", parents=[db_option],
                                 help="print the figures the Graphs page shows, as one JSON object")
    trends.add_argument("--from", dest="start", type=a_day, metavar="YYYY-MM-DD", help="the first day (default: all)")
    trends.add_argument("--to", dest="end", type=a_day, metavar="YYYY-MM-DD", help="the last day (default: all)")

    report = commands.add_parser("report", parents=[db_option],
                                 help="a report of a period to bring to a counsellor: a PDF, or CSV files in a zip")
    report.add_argument("--from", dest="start", type=a_day, metavar="YYYY-MM-DD",
                        help="the first day (default: 3 months before --to)")
    report.add_argument("--to", dest="end", type=a_day, metavar="YYYY-MM-DD", help="the last day (default: today)")
    report.add_argument("--include-notes", action="store_true",
                        help="include the notes you wrote (left out by default; support contacts never)")
    report.add_argument("-o", "--output", type=Path, metavar="FILE", required=True,
                        help="FILE.pdf for the report, FILE.zip for its tables as CSV files")

    from liftcalm.desktop import add_desktop_parsers
    from liftcalm.remote import add_session_parser

    add_session_parser(commands, db_option)
    add_desktop_parsers(commands, db_option)
    return parser


def a_day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date as YYYY-MM-DD: {text!r}") from None


def demo_years(text: str) -> float:
    from liftcalm.store.demo import MAX_YEARS

    try:
        years = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 0 < years <= MAX_YEARS:
        raise argparse.ArgumentTypeError(f"give more than 0 and at most {MAX_YEARS:g} years")
    return years


def main(argv: list[str] | None = None) -> int:
    """Parse ``argv`` and run; return the process exit code (2 for bad arguments, 1 for errors)."""
    args = build_parser().parse_args(argv)
    keep_files_private()  # every file written from here on: 0600, folders 0700
    if args.command is None:
        from liftcalm.app import run_app

        return run_app(args.db)
    if args.command == "session":  # its own exit codes and messages: one line on stderr, never a traceback
        from liftcalm.remote import run_session_command

        return run_session_command(args)
    try:
        from liftcalm.desktop import run_install_desktop, run_uninstall_desktop

        return {"import": run_import, "export": run_export, "backup": run_backup,
                "demo": run_demo, "trends": run_trends, "report": run_report,
                "install-desktop": run_install_desktop,
                "uninstall-desktop": run_uninstall_desktop}[args.command](args)
    except CommandError as error:
        message = str(error)
    except KeyboardInterrupt:
        message = "stopped before it finished; what it was writing was not kept"
    except BrokenPipeError:  # the reader went away ("| head"): nothing to say to it
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except Exception as error:  # the promise: one line on stderr, never a traceback
        message = (f"LiftCalm ran into a problem it did not expect ({type(error).__name__}: {error}). "
                   "Please report it.")
    print(f"liftcalm {args.command}: {terminal_text(message)}", file=sys.stderr)  # one line, always
    return 1


class CommandError(Exception):
    """A problem to report on stderr, with exit code 1; nothing was written."""


@contextlib.contextmanager
def holding_the_database(path: Path):
    """Write only while no LiftCalm window (or other command) has the database: never interleaved."""
    from liftcalm.store.instance_lock import DatabaseLock

    lock = DatabaseLock(path)
    try:
        free = lock.acquire()
    except OSError:
        free = True  # no lock file can be made there: opening the database says why
    if not free:
        raise CommandError(f"{path} is open in LiftCalm (or another command is writing to it) right now. Close the "
                           "app first, or import from its File menu; nothing was written.")
    try:
        yield
    except BaseException:
        lock.discard()  # nothing was written: a refused file keeps nothing beside it
        raise
    lock.release()


def open_store(path: Path, must_exist: bool = False):
    """Open the database at ``path`` (created if missing, unless ``must_exist``), or raise CommandError."""
    from liftcalm.store import Store, StoreError
    from liftcalm.store.database import STORE_FAULTS, store_error

    if must_exist and not path.exists():
        raise CommandError(f"{path}: no database there")
    try:
        return Store(path)
    except StoreError as error:
        raise CommandError(str(error)) from None
    except STORE_FAULTS as error:  # met after the checks, e.g. a full disk while it is set up
        raise CommandError(str(store_error(path, error))) from None


def database_fault(db: Path, error: Exception, outcome: str, doing: str = "written") -> CommandError:
    """The CommandError for ``error``, met while the database ``db`` was being ``doing`` (read or written)."""
    from liftcalm.store.database import describe_fault

    reason = describe_fault(error, db)
    if reason is None:
        return CommandError(f"{db}: the database refused the change ({error}). {outcome}")
    return CommandError(f"{db}: cannot be {doing}: {reason}. {outcome}")


def run_import(args) -> int:
    from liftcalm.core.importers import InvalidRows, UnitNeeded
    from liftcalm.core.units import Unit
    from liftcalm.store.database import STORE_FAULTS
    from liftcalm.store.imports import IMPORT_REFUSALS, prepare_import

    shown = terminal_text(str(args.file))
    mappings = [_mapping_argument(text) for text in args.mappings]
    progress = TerminalProgress(sys.stderr)
    try:  # the file first: a file that cannot be imported opens (or creates) no database
        prepared = prepare_import(args.file, args.format, Unit(args.unit) if args.unit else None,
                                  progress=progress.reading)
    except UnitNeeded as error:
        raise CommandError(f"{shown}: {error}; give the unit with --unit kg or --unit lb") from None
    except IMPORT_REFUSALS as error:
        raise CommandError(f"{shown}: {error}") from None
    finally:
        progress.done()
    with prepared:
        if prepared.invalid and not args.skip_invalid:
            raise CommandError(f"{shown}: {InvalidRows(prepared.invalid)}; correct these rows in the file, or give "
                               "--skip-invalid to import the rest without them. Nothing was imported.")
        if mappings and prepared.reading is None:
            raise CommandError(f"{shown}: --map is for CSV exports; an archive names its own exercises")
        with holding_the_database(args.db), open_store(args.db) as store:
            mapping = _mapping(store, prepared, mappings) if mappings else None
            try:
                summary = prepared.run(store, dry_run=args.dry_run, skip_invalid=args.skip_invalid, mapping=mapping,
                                       progress=progress.importing)
            except IMPORT_REFUSALS as error:
                raise CommandError(f"{shown}: {error}; nothing was imported") from None
            except STORE_FAULTS as error:  # a full disk, a lock: the transaction was rolled back
                raise database_fault(args.db, error, f"Nothing was imported from {shown}.") from None
            finally:
                progress.done()
    heading = "would import (dry run, nothing changed):" if args.dry_run else f"imported into {args.db}:"
    print("\n".join(terminal_text(line) for line in [heading, *summary.lines()]))
    return 0


def _mapping_argument(text: str) -> tuple[str, str]:
    name, equals, target = text.partition("=")
    if not equals or not name.strip() or not target.strip():
        raise CommandError(f"--map {terminal_text(text)!r}: give the name in the file and the exercise it is, "
                           'e.g. --map "Squat (Barbell)=Barbell Back Squat"')
    return " ".join(name.split()), " ".join(target.split())


def _mapping(store, prepared, mappings: list[tuple[str, str]]) -> dict[str, int]:
    """The --map choices as {name in the file: exercise id}; refuses a name or exercise that is not there."""
    from liftcalm.core.validation import match_key

    in_file = {match_key(name): name for name in prepared.reading.names}
    mapping = {}
    for name, target in mappings:
        found_name = in_file.get(match_key(name))
        if found_name is None:
            raise CommandError(f"--map: {prepared_name(prepared)} has no exercise named {terminal_text(name)!r}")
        exercise = store.exercises.find(target)
        if exercise is None:
            raise CommandError(f"--map: there is no exercise named {terminal_text(target)!r} in the catalogue or "
                               "your own exercises; nothing was imported")
        mapping[found_name] = exercise.id
    return mapping


def prepared_name(prepared) -> str:
    return "the file" if prepared.reading is None else f"the {prepared.format} export"


class TerminalProgress:
    """Progress of a long import on stderr, on a terminal only, once it has run for a second."""

    AFTER_S = 1.0
    EVERY_S = 0.2

    def __init__(self, stream):
        import time

        self._stream, self._clock = stream, time.monotonic
        self._began = self._clock()
        self._last = 0.0
        self._shown = False
        try:
            self._on = stream.isatty()
        except (AttributeError, ValueError):
            self._on = False

    def reading(self, done: int, total: int) -> None:
        self._show(f"reading the file… {100 * done // max(1, total)}%")

    def importing(self, done: int, total: int) -> None:
        self._show(f"importing… {done} of {total} workouts")

    def _show(self, text: str) -> None:
        now = self._clock()
        if not self._on or now - self._began < self.AFTER_S or now - self._last < self.EVERY_S:
            return
        self._last = now
        self._stream.write(f"\r{text}\x1b[K")
        self._stream.flush()
        self._shown = True

    def done(self) -> None:
        """Clear the progress line, so that what follows starts on a clean line."""
        if self._shown:
            self._stream.write("\r\x1b[K")
            self._stream.flush()
            self._shown = False


def run_export(args) -> int:
    from liftcalm.store.database import STORE_FAULTS

    if args.format == "json":
        from liftcalm.store.archive import archive_json as render
    else:
        from liftcalm.store.exports import sets_csv

        def render(store):
            return sets_csv(store)[0]

    with open_store(args.db, must_exist=True) as store:
        try:
            text = render(store)
        except STORE_FAULTS as error:
            raise database_fault(args.db, error, "Nothing was exported.", doing="read") from None
    if args.output is None:
        sys.stdout.write(text)
    else:
        write_atomically(args.output, text.encode("utf-8"))
        print(f"exported to {args.output}")
    return 0


def run_trends(args) -> int:
    """The Graphs page's figures as JSON: tolerance points with their interval and n, and stress vs volume."""
    import json

    from liftcalm.core.trends import GraphFilter
    from liftcalm.store.database import STORE_FAULTS

    if args.start and args.end and args.start > args.end:
        raise CommandError(f"--from {args.start} is after --to {args.end}")
    with open_store(args.db, must_exist=True) as store:
        try:
            figures = store.graph_data.figures(GraphFilter(start=args.start, end=args.end))
        except STORE_FAULTS as error:
            raise database_fault(args.db, error, "Nothing was printed.", doing="read") from None
    figures["from"] = None if args.start is None else args.start.isoformat()
    figures["to"] = None if args.end is None else args.end.isoformat()
    print(json.dumps(figures, allow_nan=False))
    return 0


def run_report(args) -> int:
    from liftcalm.ui.report.command import run_report as make_report  # Qt is loaded only to paint a PDF

    return make_report(args.db, args.start, args.end, args.include_notes, args.output)


def run_backup(args) -> int:
    from liftcalm.store.database import STORE_FAULTS

    with open_store(args.db, must_exist=True) as store:
        try:
            store.backup_to(args.output)
        except STORE_FAULTS as error:  # the copy is written aside and removed on failure
            raise output_fault(args.output, error) from None
    print(f"backed up {args.db} to {args.output}")
    return 0


def run_demo(args) -> int:
    from liftcalm.store.database import STORE_FAULTS
    from liftcalm.store.demo import DemoRefused, write_demo

    # The default file is where the user's own training lives: sample data never goes there.
    if args.db.expanduser().resolve() == default_database_path().expanduser().resolve():
        raise CommandError(f"sample data goes into a separate file, not your own database ({args.db}); "
                           "name one with --db, e.g. --db demo.db")
    with holding_the_database(args.db), open_store(args.db) as store:
        try:
            summary = write_demo(store, years=args.years, seed=args.seed, end=date.today())
        except DemoRefused:
            raise CommandError(f"{args.db} already holds your own sessions; demo data goes into a separate file, "
                               "e.g. --db demo.db") from None
        except STORE_FAULTS as error:
            raise database_fault(args.db, error, "No sample history was written.") from None
    print(f"wrote a sample history into {args.db} (every session marked source 'demo'):")
    print("\n".join(summary.lines()))
    print(f"open it with: liftcalm --db {args.db}")
    return 0


def write_atomically(path: Path, data: bytes) -> None:
    from liftcalm.store.exports import write_atomically as write

    try:
        write(path, data)
    except OSError as error:
        raise output_fault(path, error) from None


def output_fault(path: Path, error: Exception) -> CommandError:
    """The CommandError for a file the command was writing (written aside, so nothing is left)."""
    from liftcalm.store.database import describe_fault

    reason = describe_fault(error, path, database=False)
    if reason is None:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
    return CommandError(f"{path}: cannot be written: {reason}. Nothing was written.")


if __name__ == "__main__":
    sys.exit(main())
