"""Read workout history exported by Strong, Hevy and FitNotes. No Qt, no SQL.

``read_export`` streams a file of any size into a sink; ``parse_export`` reads a small text whole.
"""

from liftcalm.core.importers.detect import detect_format
from liftcalm.core.importers.errors import (
    ImportCancelled,
    ImportFormatError,
    InvalidRows,
    UnitNeeded,
)
from liftcalm.core.importers.export_parser import (
    parse_export,
    read_export,
    read_export_file,
)
from liftcalm.core.importers.records import ImportedSet, ImportedWorkout, ImportResult
from liftcalm.core.importers.workout_builder import ReadingResult, workout_key

__all__ = [
    "ImportCancelled",
    "ImportFormatError",
    "ImportResult",
    "ImportedSet",
    "ImportedWorkout",
    "InvalidRows",
    "ReadingResult",
    "UnitNeeded",
    "detect_format",
    "parse_export",
    "read_export",
    "read_export_file",
    "workout_key",
]
