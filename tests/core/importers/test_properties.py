"""Whatever the input, the importer returns a whole result or an ImportFormatError; never anything else."""

import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from liftcalm.core.importers import ImportFormatError, detect_format, parse_export
from liftcalm.core.importers.errors import UNEXPECTED
from liftcalm.core.units import Unit
from tests.core.importers import fixture_names, fixture_text

FAST = settings(max_examples=200, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
NAMES = fixture_names()
TEXTS = {name: fixture_text(name) for name in NAMES}
# Pieces that steer random text towards the corners of the formats.
TOKENS = list(',;"\n\r\\ .-:0123456789WDFhms\x00\ufeff') + [
    "\r\n", "kg", "lbs", "Rest Timer", "Note", "2024-03-05 07:12:44", "2024-03-05", "5 Dec 2025, 11:37",
    "1h 5m", "0:01:30", "10.0", "149.99999999999997", "warmup", "dropset", "🦵", '""', "\\n", "nan", "1e999",
]
csv_like = st.lists(st.sampled_from(TOKENS), max_size=80).map("".join)


def physical_lines(text: str) -> int:
    return len(io.StringIO(text, newline="").readlines())


def check(text: str, **arguments):
    """Parse ``text``; on refusal, check the error is a real one on an existing line. Return the result or None."""
    try:
        result = parse_export(text, **arguments)
    except ImportFormatError as error:
        assert UNEXPECTED not in error.message, error.message
        assert 1 <= error.line <= max(1, physical_lines(text)), (error.line, text)
        return None
    last = physical_lines(text)
    for workout in result.workouts:
        assert workout.sets and 1 <= workout.line <= last
        assert all(1 <= s.line <= last and s.set_number >= 1 and (s.reps is None or 0 <= s.reps <= 1000)
                   and (s.load_kg is None or 0 <= s.load_kg <= 1000) for s in workout.sets)
    assert all(1 <= line <= last for line, _ in result.skipped)
    assert [w.started_at for w in result.workouts] == sorted(w.started_at for w in result.workouts)
    return result


@FAST
@given(st.text(max_size=400))
def test_arbitrary_text_is_parsed_or_refused(text):
    check(text)
    check(text, unit=Unit.KG)
    check(text, unit=Unit.KG, skip_invalid=True)
    try:
        assert detect_format(text) in ("strong", "hevy", "fitnotes")
    except ImportFormatError as error:
        assert UNEXPECTED not in error.message


@FAST
@given(st.sampled_from(NAMES), csv_like)
def test_a_real_header_over_random_rows_is_parsed_or_refused(name, body):
    header = TEXTS[name].splitlines(keepends=True)[0]
    check(header + body, unit=Unit.LB)


@pytest.mark.parametrize("name", NAMES)
@FAST
@given(data=st.data())
def test_truncations_of_every_fixture(name, data):
    text = TEXTS[name]
    cut = data.draw(st.integers(0, len(text)), label="cut")
    check(text[:cut], unit=Unit.KG)


@pytest.mark.parametrize("name", NAMES)
def test_cuts_at_every_line_end(name):
    """A file cut between rows is a shorter file: it parses, with the rows before the cut."""
    text = TEXTS[name]
    ends = [i + 1 for i, char in enumerate(text) if char == "\n"]
    for end in ends:
        check(text[:end], unit=Unit.KG)
        check(text[: end - 1], unit=Unit.KG)
        check(text[: end + 1], unit=Unit.KG)


@FAST
@given(st.sampled_from(NAMES), st.data())
def test_one_character_changed_is_parsed_or_refused(name, data):
    text = TEXTS[name]
    position = data.draw(st.integers(0, len(text) - 1), label="position")
    replacement = data.draw(st.sampled_from(TOKENS), label="replacement")
    check(text[:position] + replacement + text[position + 1 :], unit=Unit.KG)
