"""CSV as workout apps export it, read as a stream: a header, then records with the line each starts on.

Nothing here holds the whole file: a 200 MB export is read record by record.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from liftcalm.core.importers.errors import ImportFormatError
from liftcalm.core.importers.header_words import header_key

BOM = "\ufeff"
DELIMITERS = (",", ";")
_READ_CHUNK = 1 << 16

__all__ = ["BOM", "ExportRow", "ExportSource", "ExportTable", "cached_parse", "header_key"]


class ExportSource:
    """An export's text, from a file (read as a stream) or from a string; knows how far it has read.

    ``lines()`` yields physical lines with their line ends. A file that is not UTF-8 is refused
    with the line of the first byte that is not.
    """

    def __init__(self, path: Path | None = None, text: str | None = None):
        self.path = Path(path) if path is not None else None
        self._text = text
        self.size = len(text) if text is not None else 0
        self._raw = None

    @classmethod
    def of(cls, source) -> ExportSource:
        return source if isinstance(source, ExportSource) else cls(path=source)

    def open(self) -> Iterator[str]:
        """The lines of the text, BOM removed; raises ``ImportFormatError`` for an unreadable file."""
        if self._text is not None:
            return iter(io.StringIO(self._text.removeprefix(BOM), newline=""))
        try:
            self._raw = open(self.path, "rb")
            self.size = self.path.stat().st_size
        except OSError as error:
            raise ImportFormatError(1, f"the file cannot be read ({error.strerror})") from None
        return io.TextIOWrapper(self._raw, encoding="utf-8-sig", newline="")

    def bad_byte_line(self) -> int:
        """The line of the first byte that is not UTF-8 (read again from the start, only on this error)."""
        decoder = codecs.getincrementaldecoder("utf-8")()
        newlines = 0
        with open(self.path, "rb") as raw:
            while chunk := raw.read(_READ_CHUNK):
                try:
                    decoder.decode(chunk)
                except UnicodeDecodeError as error:
                    return newlines + chunk[: error.start].count(b"\n") + 1
                newlines += chunk.count(b"\n")
        return newlines + 1

    def position(self) -> int:
        """How many bytes (or characters of a string) have been read so far, roughly."""
        if self._raw is None:
            return 0
        try:
            return self._raw.tell()
        except (OSError, ValueError):
            return self.size

    def close(self) -> None:
        if self._raw is not None:
            self._raw.close()


@dataclass(frozen=True)
class ExportRow:
    """One record of the file; ``line`` is where it starts, even when a quoted note spans lines."""

    line: int
    cells: tuple[str, ...]

    @property
    def is_blank(self) -> bool:
        return not "".join(self.cells).strip()

    def cell(self, index: int | None) -> str:
        """Return the stripped text at ``index``, or "" for a column the file does not have."""
        if index is None or index >= len(self.cells):
            return ""
        return self.cells[index].strip()


@dataclass
class ExportTable:
    """The header of an export, its delimiter (``,`` or ``;``), and its records still to read."""

    delimiter: str
    header: tuple[str, ...]
    header_line: int
    records: Iterator[tuple[int, list[str]]] = field(default_factory=lambda: iter(()))

    @cached_property
    def keys(self) -> tuple[str, ...]:
        return tuple(header_key(name) for name in self.header)

    @property
    def width(self) -> int:
        """How many fields a row must have at least: trailing unnamed columns may be left out."""
        return max(index for index, name in enumerate(self.header) if name.strip()) + 1

    def column(self, *keys: str) -> int | None:
        """Return the index of the first column named by one of ``keys`` (in that order of preference)."""
        own = self.keys
        for key in keys:
            if key in own:
                return own.index(key)
        return None

    def require(self, label: str, *keys: str) -> int:
        """Return the index of a column the format cannot do without; refuse the file when it is missing."""
        index = self.column(*keys)
        if index is None:
            raise ImportFormatError(self.header_line, f"the header has no {label!r} column")
        return index

    def weight_column(self, units_by_key: dict, missing: str) -> tuple[int, object]:
        """Find the weight column: (its index, the unit its name implies, or None where the file's
        Weight Unit column or the caller must say). ``missing`` is the message when there is none."""
        for index, key in enumerate(self.keys):
            if key in units_by_key:
                return index, units_by_key[key]
        raise ImportFormatError(self.header_line, missing)

    def is_filler(self, cells: list[str]) -> str | None:
        """Say why a record holds no data (empty, or the header again), or return None for a data row."""
        if not "".join(cells).strip():
            return "empty row"
        if header_key(cells[0]) == self.keys[0] and [
            header_key(cell) for cell in cells if cell.strip()
        ] == [key for key in self.keys if key]:
            return "header repeated"
        return None

    def check_width(self, line: int, cells: list[str]) -> None:
        """Refuse a record with fewer fields than the header names, or more than it has."""
        width = self.width
        if len(cells) < width:
            raise ImportFormatError(
                line,
                f"the row has {len(cells)} fields but the header has {width}; "
                "the file may be cut short or a note may hold an unquoted delimiter",
            )
        if len(cells) > len(self.header):
            raise ImportFormatError(
                line,
                f"the row has {len(cells)} fields but the header has {len(self.header)}; "
                "a note may hold an unquoted delimiter",
            )

    def padded(self, line: int, cells: list[str]) -> list[str] | None:
        """Return a record of another width than the header padded with empty cells; None for a blank one.

        Refuses a record with too few or too many fields (``check_width``).
        """
        if not "".join(cells).strip():
            return None
        self.check_width(line, cells)
        return cells + [""] * (len(self.header) - len(cells))

    def rows(self) -> Iterator[ExportRow]:
        """The remaining records as ``ExportRow``s, width checked (blank records kept)."""
        for line, cells in self.records:
            if "".join(cells).strip():
                self.check_width(line, cells)
            yield ExportRow(line, tuple(cells))

    @classmethod
    def open(cls, lines: Iterator[str], source: ExportSource | None = None) -> ExportTable:
        """Read the header from ``lines`` and return the table, its records not yet read.

        Raises ``ImportFormatError`` for an empty file, unreadable CSV, or bytes that are not
        UTF-8 (``source`` finds their line).
        """
        ahead: list[str] = []
        try:
            for physical in lines:
                ahead.append(physical)
                if physical.strip():
                    break
        except UnicodeDecodeError:
            raise _not_utf8(source) from None
        if not ahead or not ahead[-1].strip():
            raise ImportFormatError(1, "the file is empty")
        delimiter = _guess_delimiter(ahead[-1])
        records = _records(itertools.chain(ahead, lines), delimiter, source)
        header_line, header = next(((line, cells) for line, cells in records if any(c.strip() for c in cells)),
                                   (1, []))
        if not header:  # only delimiters and quotes, such as ",,,"
            raise ImportFormatError(1, "the file is empty")
        return cls(delimiter, tuple(header), header_line, records)

    @classmethod
    def read(cls, text: str, header_only: bool = False) -> ExportTable:
        """Read ``text`` (BOM and CRLF allowed); the header, and unless ``header_only`` every record."""
        table = cls.open(ExportSource(text=text).open())
        if not header_only:
            table.records = iter(list(table.records))
        return table


def cached_parse():
    """Return ``parse_cell(index, parse, line, cells)``: ``parse(cells[index], line)``, computed once per column
    and text (an export repeats the same few values), None for a column the file does not have."""
    cache: dict[tuple[int, str], object] = {}

    def parse_cell(index: int | None, parse, line: int, cells: list[str]):
        if index is None:
            return None
        text = cells[index]
        try:
            return cache[index, text]
        except KeyError:
            value = cache[index, text] = parse(text, line)
            return value

    return parse_cell


def _guess_delimiter(first_line: str) -> str:
    unquoted = re.sub(r'"[^"]*"?', "", first_line)
    return max(DELIMITERS, key=unquoted.count)  # a tie (no delimiter at all) keeps the comma


def _not_utf8(source: ExportSource | None) -> ImportFormatError:
    line = source.bad_byte_line() if source is not None and source.path is not None else 1
    return ImportFormatError(line, "not UTF-8 text; export the file again as CSV")


def _records(lines, delimiter: str, source: ExportSource | None = None) -> Iterator[tuple[int, list[str]]]:
    """Yield (start line, cells) for every record, skipping physically empty lines."""
    # strict: a quote left open at the end means the file was cut short, not that the note ran on
    reader = csv.reader(lines, delimiter=delimiter, strict=True)
    start = 1
    try:
        for cells in reader:
            if cells:
                yield start, cells
            start = reader.line_num + 1
    except csv.Error as error:
        raise ImportFormatError(start, _describe_csv_error(error)) from None
    except UnicodeDecodeError:
        raise _not_utf8(source) from None


def _describe_csv_error(error: csv.Error) -> str:
    text = str(error)
    if "unexpected end of data" in text:
        return "a quoted field is never closed; the file may be cut short"
    if "field limit" in text:
        return "a field is far too long for a workout export"
    if "expected after" in text:
        return "a closing quote is followed by more text in the same field"
    return f"the CSV cannot be read ({text})"
