"""The one kind of error the importers raise: a refusal that names the line and the problem."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from liftcalm.core.units import Unit


class ImportFormatError(ValueError):
    """The file cannot be imported; ``line`` (1-based) and ``message`` say where and why."""

    def __init__(self, line: int, message: str):
        super().__init__(line, message)
        self.line = line
        self.message = message

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


class UnitNeeded(ImportFormatError):
    """The file names no weight unit and none was given; ``suggested_unit`` is the best guess, if any."""

    def __init__(self, line: int, message: str, suggested_unit: Unit | None = None):
        super().__init__(line, message)
        # Keep every argument in args so that the error survives pickling (worker processes).
        self.args = (line, message, suggested_unit)
        self.suggested_unit = suggested_unit


class InvalidRows(ImportFormatError):
    """A well-formed file with values that cannot be true (877777 reps); ``rows`` lists (line, reason).

    The other rows are fine: the file can be imported without these rows, when the person says so.
    """

    def __init__(self, rows: tuple[tuple[int, str], ...] | list[tuple[int, str]]):
        rows = tuple(rows)
        line, reason = rows[0]
        message = reason if len(rows) == 1 else (
            f"{reason}; and {len(rows) - 1} more {'row' if len(rows) == 2 else 'rows'} with values that cannot be "
            f"true: lines {describe_lines([line for line, _ in rows[1:]])}")
        super().__init__(line, message)
        self.args = (rows,)
        self.rows = rows


def describe_lines(lines: list[int], limit: int = 8) -> str:
    """``3, 9 and 12``, or the first few and how many more."""
    shown = [str(line) for line in lines[:limit]]
    if len(lines) > limit:
        return f"{', '.join(shown)} and {len(lines) - limit} more"
    return shown[0] if len(shown) == 1 else f"{', '.join(shown[:-1])} and {shown[-1]}"


class ImportCancelled(Exception):
    """The person cancelled an import; its transaction was rolled back."""


UNEXPECTED = "the importer failed unexpectedly"


@contextmanager
def refusing_unexpected_errors() -> Iterator[None]:
    """Turn any other exception into an ``ImportFormatError``, so that callers need catch only that."""
    try:
        yield
    except (ImportFormatError, ImportCancelled):
        raise
    except Exception as error:  # the promise to the UI: a bad file is refused, never a crash
        raise ImportFormatError(1, f"{UNEXPECTED} ({type(error).__name__}: {error}); please report it") from error
