"""The importers' entry point: read a whole export into workouts, or refuse it with the line at fault."""

from __future__ import annotations

from collections.abc import Callable

from liftcalm.core.importers.detect import FORMAT_NAMES, format_of_header, unknown_header_message
from liftcalm.core.importers.errors import ImportFormatError, refusing_unexpected_errors
from liftcalm.core.importers.export_table import ExportTable
from liftcalm.core.importers.fitnotes import parse_fitnotes
from liftcalm.core.importers.hevy import parse_hevy
from liftcalm.core.importers.records import ImportResult
from liftcalm.core.importers.strong import parse_strong
from liftcalm.core.importers.values import parse_unit_name
from liftcalm.core.units import Unit

PARSERS: dict[str, Callable[[ExportTable, Unit | None], ImportResult]] = {
    "strong": parse_strong,
    "hevy": parse_hevy,
    "fitnotes": parse_fitnotes,
}


def parse_export(text: str, format: str | None = None, unit: Unit | None = None) -> ImportResult:
    """Read a Strong, Hevy or FitNotes CSV export completely, or raise ``ImportFormatError``.

    ``format`` skips detection's guess but not its checks; ``unit`` is used only when the file
    names no unit, and without it such a file raises ``UnitNeeded``.
    """
    with refusing_unexpected_errors():
        if not isinstance(text, str):
            raise ImportFormatError(1, "the export must be given as text")
        wanted = _format_argument(format)
        given_unit = _unit_argument(unit)
        header = ExportTable.read(text, header_only=True)
        detected = format_of_header(header)
        if wanted is not None and detected is not None and detected != wanted:
            raise ImportFormatError(
                header.header_line,
                f"this is a {FORMAT_NAMES[detected]} export, not a {FORMAT_NAMES[wanted]} one",
            )
        chosen = wanted or detected
        if chosen is None:
            raise ImportFormatError(header.header_line, unknown_header_message(header))
        return PARSERS[chosen](ExportTable.read(text), given_unit)


def _format_argument(format: str | None) -> str | None:
    if format is None:
        return None
    key = str(format).strip().casefold()
    if key not in PARSERS:
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
    try:
        data = open(path, "rb").read()
    except OSError as error:
        raise ImportFormatError(1, f"the file cannot be read ({error.strerror})") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ImportFormatError(line, "not UTF-8 text; export the file again as CSV") from None
