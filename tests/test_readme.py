"""The README tells what the app tells: each graph's method in the same two sentences, no promise about mood."""

import re
from pathlib import Path

import pytest

from liftcalm.core import tolerance, trends

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.mark.parametrize("text", [trends.STRESS_VOLUME_METHOD, trends.OVER_TIME_METHOD, trends.EXERCISE_METHOD,
                                  trends.STRENGTH_CALM_METHOD, tolerance.TOLERANCE_DEFINITION,
                                  tolerance.TOLERANCE_CAVEAT])
def test_the_readme_defines_each_measure_as_the_app_does(text):
    assert flat(text) in flat(README)


def test_the_readme_states_the_minimums_the_app_uses():
    readme = flat(README)
    assert f"From {trends.MIN_FIT_SESSIONS} rated sessions" in readme
    assert (f"Your usual needs {tolerance.MIN_SETS_TO_FIT} rated working sets over {tolerance.MIN_SESSIONS_TO_FIT} "
            f"sessions; a point needs {tolerance.MIN_SETS_PER_POINT} rated sets "
            f"({tolerance.MIN_SETS_PER_EXERCISE_POINT} for one exercise) over {tolerance.MIN_SESSIONS_PER_POINT} "
            "sessions") in readme


def test_the_readme_promises_nothing_about_mood():
    opening = flat(README.split("## ", 1)[0]).lower()
    assert "promises nothing about mood or mental health" in opening
    for claim in ("reduces anxiety", "improves mood", "treats", "cures", "therapy"):
        assert claim not in flat(README).lower()
