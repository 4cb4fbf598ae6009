"""The ``liftcalm`` command: the app, and commands for data in and out.

Qt is imported only when the window is wanted: ``import``, ``export`` and ``backup`` never
load it.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from liftcalm import __version__
from liftcalm.paths import default_database_path


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

    exporting = commands.add_parser("export", parents=[db_option],
                                    help="write every logged set as CSV, or everything as JSON")
    exporting.add_argument("--format", choices=["csv", "json"], default="csv",
                           help="csv: one row per logged set; json: everything, for re-import (default: csv)")
    exporting.add_argument("-o", "--output", type=Path, metavar="FILE", help="write to FILE (default: stdout)")

    backup = commands.add_parser("backup", parents=[db_option],
                                 help="save a consistent copy of the database (SQLite's backup API)")
    backup.add_argument("-o", "--output", type=Path, metavar="FILE", required=True, help="the copy to write")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Parse ``argv`` and run; return the process exit code (2 for bad arguments, 1 for errors)."""
    args = build_parser().parse_args(argv)
    if args.command is None:
        from liftcalm.app import run_app

        return run_app(args.db)
    try:
        return {"import": run_import, "export": run_export, "backup": run_backup}[args.command](args)
    except CommandError as error:
        print(f"liftcalm {args.command}: {error}", file=sys.stderr)
        return 1


class CommandError(Exception):
    """A problem to report on stderr, with exit code 1; nothing was written."""


def open_store(path: Path, must_exist: bool = False):
    from liftcalm.store import Store, StoreError

    if must_exist and not path.exists():
        raise CommandError(f"{path}: no database there")
    try:
        return Store(path)
    except StoreError as error:
        raise CommandError(str(error)) from None


def run_import(args) -> int:
    from liftcalm.core.importers import ImportFormatError, UnitNeeded, parse_export
    from liftcalm.core.units import Unit
    from liftcalm.store.imports import store_import

    try:
        data = args.file.read_bytes()
    except OSError as error:
        raise CommandError(f"{args.file}: cannot be read: {error.strerror}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise CommandError(f"{args.file}: line {line}: not UTF-8 text; export the file again as CSV") from None
    if args.format == "liftcalm" or (args.format is None and text.lstrip("\ufeff \t\r\n").startswith("{")):
        return _import_archive(args, text)
    try:
        result = parse_export(text, args.format, Unit(args.unit) if args.unit else None)
    except UnitNeeded as error:
        raise CommandError(f"{args.file}: {error}; give the unit with --unit kg or --unit lb") from None
    except ImportFormatError as error:
        raise CommandError(f"{args.file}: {error}") from None
    with open_store(args.db) as store:
        try:
            summary = store_import(store, result, dry_run=args.dry_run)
        except ImportFormatError as error:
            raise CommandError(f"{args.file}: {error}; nothing was imported") from None
    heading = "would import (dry run, nothing changed):" if args.dry_run else f"imported into {args.db}:"
    print("\n".join([heading, *summary.lines()]))
    return 0


def _import_archive(args, text: str) -> int:
    from liftcalm.store.archive import ArchiveError, import_archive, read_archive

    try:
        data = read_archive(text.lstrip("\ufeff"))
    except ArchiveError as error:
        raise CommandError(f"{args.file}: {error}") from None
    with open_store(args.db) as store:
        try:
            counts = import_archive(store, data, dry_run=args.dry_run)
        except ArchiveError as error:
            raise CommandError(f"{args.file}: {error}; nothing was imported") from None
    heading = "would import (dry run, nothing changed):" if args.dry_run else f"imported into {args.db}:"
    print(heading)
    print("format: liftcalm (JSON)")
    for name in ("sessions", "sets", "routines", "exercises"):
        print(f"{name}: {counts[name]}")
    if counts["duplicates"]:
        print(f"already present, left out: {counts['duplicates']}")
    return 0


EXPORT_COLUMNS = ("session_id", "started_at", "routine", "exercise", "set_number", "set_type", "reps", "load_kg",
                  "rpe", "stress_after_set", "stress_end_of_rest", "relief_notes")


def run_export(args) -> int:
    import csv
    import io

    if args.format == "json":
        from liftcalm.store.archive import archive_json

        with open_store(args.db, must_exist=True) as store:
            text = archive_json(store)
        if args.output is None:
            sys.stdout.write(text)
        else:
            write_atomically(args.output, text.encode("utf-8"))
            print(f"exported everything to {args.output}")
        return 0
    with open_store(args.db, must_exist=True) as store:
        rows = store.conn.execute(
            "SELECT s.id, s.started_at, s.routine_name, e.name, l.set_number, l.set_type, l.reps, l.load_kg, l.rpe,"
            " l.stress_after_set, l.stress_end_of_rest, l.relief_signs, l.relief_note"
            " FROM logged_set l JOIN session s ON s.id = l.session_id JOIN exercise e ON e.id = l.exercise_id"
            " ORDER BY s.started_at, s.id, l.position"
        ).fetchall()
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(EXPORT_COLUMNS)
    for *values, signs, note in rows:
        relief = "; ".join(part for part in (signs.replace(",", "; "), note) if part)
        writer.writerow([_cell(value) for value in values] + [relief])
    if args.output is None:
        sys.stdout.write(buffer.getvalue())
    else:
        write_atomically(args.output, buffer.getvalue().encode("utf-8"))
        print(f"exported {len(rows)} sets to {args.output}")
    return 0


def _cell(value) -> str:
    """Missing values are empty, never 0; floats without noise."""
    if value is None:
        return ""
    return f"{value:g}" if isinstance(value, float) else str(value)


def run_backup(args) -> int:
    with open_store(args.db, must_exist=True) as store:
        try:
            store.backup_to(args.output)
        except OSError as error:
            raise CommandError(f"{args.output}: cannot be written: {error.strerror}") from None
    print(f"backed up {args.db} to {args.output}")
    return 0


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file, so a failure leaves nothing half written."""
    try:
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(temporary, path)
    except OSError as error:
        raise CommandError(f"{path}: cannot be written: {error.strerror}") from None


if __name__ == "__main__":
    sys.exit(main())
