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


class ImportCancelled(Exception):
    """The person cancelled an import; its transaction was rolled back."""


UNEXPECTED = "the importer failed unexpectedly"


@contextmanager
def refusing_unexpected_errors() -> Iterator[None]:
    """Turn any other exception into an ``ImportFormatError``, so that callers need catch only that."""
    try:
        yield
    except ImportFormatError:
        raise
    except Exception as error:  # the promise to the UI: a bad file is refused, never a crash
        raise ImportFormatError(1, f"{UNEXPECTED} ({type(error).__name__}: {error}); please report it") from error
