"""``liftcalm report``: the report of a period as a PDF (or, for FILE.zip, the CSV bundle), without a window.

The command only reads the database, so it takes no instance lock: a report can be made while
the app is open. The PDF needs Qt for its fonts and painting; with no display, Qt's offscreen
platform is used. The CSV bundle loads no Qt at all.
"""

from __future__ import annotations

import os
import sys
from datetime import date, timedelta
from pathlib import Path

DEFAULT_DAYS = 91  # without --from: the 3 months up to --to, as the Graphs page's "Last 3 months"
SUFFIXES = (".pdf", ".zip")


class ReportError(Exception):
    """A problem to print on one line, naming the file; nothing was written."""


def default_period(start: date | None, end: date | None, today: date) -> tuple[date, date]:
    """The period the command reports on: ``--to`` defaults to today, ``--from`` to 3 months before it."""
    end = end or today
    return start or end - timedelta(days=DEFAULT_DAYS - 1), end


def ensure_gui_application():
    """The QGuiApplication fonts and painting need; offscreen when there is no display. Return it."""
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance()
    if app is None:
        if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QGuiApplication(["liftcalm report"])
    return app


def make_report(store, start: date, end: date, include_notes: bool, made_on: date):
    """Gather and build the report of ``start`` to ``end`` from ``store``: a ``core.report.Report``."""
    from liftcalm.core.report import ReportPeriod, build_report
    from liftcalm.store.report_data import gather_report

    return build_report(gather_report(store, ReportPeriod(start, end), include_notes=include_notes, made_on=made_on))


def run_report(db_path: Path, start: date | None, end: date | None, include_notes: bool, output: Path,
               today: date | None = None) -> int:
    """Write the report of ``db_path`` for ``start`` to ``end`` into ``output`` (.pdf or .zip); the exit code.

    0 when written, with one line on stdout; 1 with one line on stderr naming the file otherwise,
    and nothing written.
    """
    try:
        message = _run(Path(db_path), start, end, include_notes, Path(output), today or date.today())
    except ReportError as error:
        print(f"liftcalm report: {str(error).replace(chr(10), ' ')}", file=sys.stderr)
        return 1
    print(message)
    return 0


def _run(db_path: Path, start: date | None, end: date | None, include_notes: bool, output: Path, today: date) -> str:
    from liftcalm.paths import write_atomically
    from liftcalm.store import Store, StoreError
    from liftcalm.store.database import STORE_FAULTS, describe_fault, store_error

    suffix = output.suffix.lower()
    if suffix not in SUFFIXES:
        raise ReportError(f"{output}: give a file ending in .pdf, or .zip for the CSV bundle; nothing was written")
    start, end = default_period(start, end, today)
    if end > today:
        raise ReportError(f"--to {end.isoformat()} is after today ({today.isoformat()}): a report covers days that "
                          "have happened; nothing was written")
    if start > end:
        raise ReportError(f"--from {start.isoformat()} is after --to {end.isoformat()}; nothing was written")
    if not db_path.exists():
        raise ReportError(f"{db_path}: no database there")
    try:
        store = Store(db_path)
    except StoreError as error:
        raise ReportError(str(error)) from None
    except STORE_FAULTS as error:
        raise ReportError(str(store_error(db_path, error))) from None
    with store:
        try:
            report = make_report(store, start, end, include_notes, today)
        except STORE_FAULTS as error:
            reason = describe_fault(error, db_path) or str(error)
            raise ReportError(f"{db_path}: cannot be read: {reason}. Nothing was written.") from None
    if suffix == ".zip":
        from liftcalm.core.report_bundle import csv_bundle

        data, what = csv_bundle(report), f"{len(report.tables)} CSV files"
    else:
        ensure_gui_application()
        from liftcalm.ui.report.pdf import render_pdf

        rendered = render_pdf(report)
        data, what = rendered.pdf, f"{rendered.pages} pages"
    try:
        write_atomically(output, data)
    except OSError as error:
        reason = describe_fault(error, output, database=False) or error.strerror or str(error)
        raise ReportError(f"{output}: cannot be written: {reason}. Nothing was written.") from None
    notes = "your notes included" if include_notes else "notes left out"
    return f"report of {start.isoformat()} to {end.isoformat()} written to {output} ({what}; {notes})"
