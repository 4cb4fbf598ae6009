"""The importers' entry points: read an export as a stream, or a small one whole, or refuse it with the line.

``read_export`` streams a file of any size: the sets go to a sink in batches, and what the file
holds besides (workouts, names, skipped and invalid rows) comes back as a ``ReadingResult``.
``parse_export`` reads text whole into an ``ImportResult``, for small files and tests.
"""

from __future__ import annotations

from collections.abc import Callable

from liftcalm.core.importers import strong
from liftcalm.core.importers.detect import (
    FORMAT_NAMES,
    format_of_header,
    unknown_header_message,
)
from liftcalm.core.importers.errors import (
    ImportCancelled,
    ImportFormatError,
    refusing_unexpected_errors,
)
from liftcalm.core.importers.export_table import ExportSource, ExportTable
from liftcalm.core.importers.fitnotes import parse_fitnotes
from liftcalm.core.importers.hevy import parse_hevy
from liftcalm.core.importers.records import ImportResult
from liftcalm.core.importers.values import parse_unit_name
from liftcalm.core.importers.workout_builder import (
    KEEP_SKIPPED,
    ExportReading,
    ReadingResult,
    WorkoutBuilder,
)
from liftcalm.core.units import Unit

FORMATS = ("strong", "hevy", "fitnotes")
_WATCH_EVERY = 2048  # records between two looks at progress and cancelling


def read_export(source, format: str | None = None, unit: Unit | None = None, *,
                sink: Callable[[list[tuple]], None], keep_skipped: int | None = KEEP_SKIPPED,
                progress: Callable[[int, int], None] | None = None,
                cancelled: Callable[[], bool] | None = None) -> ReadingResult:
    """Read a Strong, Hevy or FitNotes CSV export from ``source`` (a path or an ``ExportSource``).

    Sets go to ``sink`` as tuples (``records.SET_TUPLE_FIELDS``), in batches, as the file is read.
    ``format`` skips detection's guess but not its checks; ``unit`` is used only where the file
    names no unit, and without it such a file raises ``UnitNeeded`` once read. A malformed file
    raises ``ImportFormatError`` naming the line; values that cannot be true are not raised but
    listed in ``invalid``. ``progress(done, total)`` follows the bytes read; once ``cancelled()``
    is true, ``ImportCancelled`` is raised.
    """
    with refusing_unexpected_errors():
        wanted = _format_argument(format)
        given_unit = _unit_argument(unit)
        source = ExportSource.of(source)
        try:
            table = ExportTable.open(source.open(), source)
            chosen, header = _choose_format(table, wanted)
            if progress is not None or cancelled is not None:
                table.records = _watched(table.records, source, progress, cancelled)

            def factory(*args, **kwargs) -> ExportReading:
                return ExportReading(*args, sink=sink, keep_skipped=keep_skipped, **kwargs)

            if chosen == "strong":
                reading = strong.parse_strong(table, given_unit, header, factory)
            elif chosen == "hevy":
                reading = parse_hevy(table, given_unit, factory)
            else:
                reading = parse_fitnotes(table, given_unit, factory)
            return reading.finish()
        finally:
            source.close()


def parse_export(text: str, format: str | None = None, unit: Unit | None = None,
                 skip_invalid: bool = False) -> ImportResult:
    """Read a Strong, Hevy or FitNotes CSV export completely, or raise ``ImportFormatError``.

    Rows with values that cannot be true raise ``InvalidRows`` (naming every line) unless
    ``skip_invalid``, which leaves them out.
    """
    with refusing_unexpected_errors():
        if not isinstance(text, str):
            raise ImportFormatError(1, "the export must be given as text")
        builder = WorkoutBuilder()
        reading = read_export(ExportSource(text=text), format, unit, sink=builder.sink, keep_skipped=None)
        return builder.result(reading, skip_invalid)


def _choose_format(table: ExportTable, wanted: str | None) -> tuple[str, strong.StrongHeader | None]:
    detected = format_of_header(table)
    header = strong.read_header(table.header)
    if detected is None and wanted in (None, "strong"):
        positional = strong.read_positional_header(table)
        if positional is not None:
            header, detected = positional, "strong"
    if wanted is not None and detected is not None and detected != wanted:
        raise ImportFormatError(
            table.header_line, f"this is a {FORMAT_NAMES[detected]} export, not a {FORMAT_NAMES[wanted]} one"
        )
    chosen = wanted or detected
    if chosen is None:
        raise ImportFormatError(table.header_line, unknown_header_message(table))
    if detected is None and "language" in (message := unknown_header_message(table)):
        raise ImportFormatError(table.header_line, message)
    return chosen, header


def _watched(records, source: ExportSource, progress, cancelled):
    for count, record in enumerate(records, 1):
        if count % _WATCH_EVERY == 0:
            if cancelled is not None and cancelled():
                raise ImportCancelled
            if progress is not None:
                progress(source.position(), source.size)
        yield record


def _format_argument(format: str | None) -> str | None:
    if format is None:
        return None
    key = str(format).strip().casefold()
    if key not in FORMATS:
        raise ImportFormatError(1, f"unknown format {str(format)[:40]!r}; expected strong, hevy or fitnotes")
    return key


def _unit_argument(unit: Unit | None) -> Unit | None:
    if unit is None or isinstance(unit, Unit):
        return unit
    try:
        named = parse_unit_name(str(unit), 1)
    except ImportFormatError:
        named = None
    if named is None:
        raise ImportFormatError(1, f"unknown unit {str(unit)[:40]!r}; expected kg or lb")
    return named


def read_export_file(path) -> str:
    """Read an export file as text, or raise ``ImportFormatError`` naming the line that is not UTF-8."""
    source = ExportSource(path=path)
    try:
        return "".join(source.open())
    except UnicodeDecodeError:
        raise ImportFormatError(source.bad_byte_line(), "not UTF-8 text; export the file again as CSV") from None
    finally:
        source.close()
