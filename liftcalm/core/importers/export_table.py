"""CSV text as workout apps export it: a header, rows, and the physical line each row starts on."""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from liftcalm.core.importers.errors import ImportFormatError

BOM = "\ufeff"
DELIMITERS = (",", ";")


def header_key(name: str) -> str:
    """Return the key a column name is matched by: case, surrounding and inner spacing and underscores ignored."""
    return re.sub(r"[\s_]+", "", unicodedata.normalize("NFKC", name).casefold())


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


@dataclass(frozen=True)
class ExportTable:
    """The header and rows of an export, with its delimiter (``,`` or ``;``)."""

    delimiter: str
    header: tuple[str, ...]
    header_line: int
    rows: tuple[ExportRow, ...]

    @cached_property
    def keys(self) -> tuple[str, ...]:
        return tuple(header_key(name) for name in self.header)

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

    def filler_reason(self, row: ExportRow) -> str | None:
        """Say why ``row`` holds no data (empty, or the header again), or return None for a data row."""
        if row.is_blank:
            return "empty row"
        if header_key(row.cells[0]) == self.keys[0] and [
            header_key(cell) for cell in row.cells if cell.strip()
        ] == [key for key in self.keys if key]:
            return "header repeated"
        return None

    @classmethod
    def read(cls, text: str, header_only: bool = False) -> ExportTable:
        """Read ``text`` (BOM and CRLF allowed); raise ``ImportFormatError`` for unreadable CSV."""
        text = text.removeprefix(BOM)
        if not text.strip():
            raise ImportFormatError(1, "the file is empty")
        delimiter = _guess_delimiter(text)
        records = _records(text, delimiter)
        header_line, header = next(((line, cells) for line, cells in records if any(c.strip() for c in cells)), (1, []))
        if not header:  # only delimiters and quotes, such as ",,,"
            raise ImportFormatError(1, "the file is empty")
        rows: list[ExportRow] = []
        if not header_only:
            # trailing unnamed columns (a header ending in a delimiter) may be left out of rows
            width = max(index for index, name in enumerate(header) if name.strip()) + 1
            for line, cells in records:
                row = ExportRow(line, tuple(cells))
                if not row.is_blank:
                    _check_width(row, width, len(header))
                rows.append(row)
        return cls(delimiter, tuple(header), header_line, tuple(rows))


def _guess_delimiter(text: str) -> str:
    first_line = next((line for line in io.StringIO(text, newline="") if line.strip()), "")
    unquoted = re.sub(r'"[^"]*"?', "", first_line)
    return max(DELIMITERS, key=unquoted.count)  # a tie (no delimiter at all) keeps the comma


def _records(text: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    """Yield (start line, cells) for every record, skipping physically empty lines."""
    # strict: a quote left open at the end means the file was cut short, not that the note ran on
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    while True:
        start = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise ImportFormatError(start, _describe_csv_error(error)) from None
        if cells:
            yield start, cells


def _describe_csv_error(error: csv.Error) -> str:
    text = str(error)
    if "unexpected end of data" in text:
        return "a quoted field is never closed; the file may be cut short"
    if "field limit" in text:
        return "a field is far too long for a workout export"
    if "expected after" in text:
        return "a closing quote is followed by more text in the same field"
    return f"the CSV cannot be read ({text})"


def _check_width(row: ExportRow, width: int, header_width: int) -> None:
    if len(row.cells) < width:
        raise ImportFormatError(
            row.line,
            f"the row has {len(row.cells)} fields but the header has {width}; "
            "the file may be cut short or a note may hold an unquoted delimiter",
        )
    if len(row.cells) > header_width:
        raise ImportFormatError(
            row.line,
            f"the row has {len(row.cells)} fields but the header has {header_width}; "
            "a note may hold an unquoted delimiter",
        )
