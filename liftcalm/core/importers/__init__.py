"""Read workout history exported by Strong, Hevy and FitNotes. No Qt: the UI calls ``parse_export``."""

from liftcalm.core.importers.detect import detect_format
from liftcalm.core.importers.errors import ImportCancelled, ImportFormatError, UnitNeeded
from liftcalm.core.importers.export_parser import parse_export, read_export_file
from liftcalm.core.importers.records import ImportedSet, ImportedWorkout, ImportResult

__all__ = [
    "ImportCancelled",
    "ImportFormatError",
    "ImportResult",
    "ImportedSet",
    "ImportedWorkout",
    "UnitNeeded",
    "detect_format",
    "parse_export",
    "read_export_file",
]
