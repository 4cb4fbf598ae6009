"""Tests of the export importers; the helpers here are shared by the test modules."""

from pathlib import Path

FIXTURES = Path(__file__).parents[2] / "fixtures" / "imports"


def fixture_text(name: str) -> str:
    """Return a fixture exactly as stored: BOM and CRLF kept, as a file dialog would hand them over."""
    return (FIXTURES / name).read_bytes().decode("utf-8")


def fixture_names() -> list[str]:
    return sorted(path.name for path in FIXTURES.glob("*.csv"))


def heads(result):
    """Return (title, started_at, duration_s, note, line) of every workout, in result order."""
    return [(w.title, w.started_at, w.duration_s, w.note, w.line) for w in result.workouts]
