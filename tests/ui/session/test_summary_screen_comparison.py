"""The end-of-session summary's relief and "Last time" lines: like with like, said plainly.

(The summary screen lives in ui/session; these tests sit here with the other graphs' honesty tests.)
"""

import pytest

from liftcalm.core.analytics import SetRecord
from liftcalm.core.models import BodyLoad
from liftcalm.core.session_summary import PreviousSession, summarize
from liftcalm.core.units import Unit
from liftcalm.ui.session.summary_screen import SummaryScreen

SETS = [SetRecord(1, "Squat", "working", 5, 100.0, None, 6, 3),  # relief 3: calmer by 2 or more
        SetRecord(1, "Squat", "working", 5, 100.0, None, 5, 4),  # relief 1
        SetRecord(1, "Squat", "working", 5, 100.0, None, 4, 6)]  # relief -2: ended more stressed
DATE = "2026-03-01T18:00:00.000+01:00"


@pytest.fixture
def screen(qtbot):
    screen = SummaryScreen()
    qtbot.addWidget(screen)
    screen.begin("Legs")
    return screen


def shown(screen, summary):
    screen.show_summary(summary, Unit.KG)
    return screen.comparison.text()


def test_relief_says_how_many_rests_ended_calmer(screen):
    screen.show_summary(summarize(SETS, 900.0, {}, None), Unit.KG)
    assert screen.relief.text() == ("0.7 points  (3 rests); rests that ended calmer by 2 points or more: 1 of 3")


def test_a_shorter_session_without_an_earlier_shorter_one_says_so(screen):
    text = shown(screen, summarize(SETS, 900.0, {}, None, shorter=True, other_version_before=True))
    assert text == "this was the shorter version; there is no earlier shorter one to compare with"


def test_a_shorter_session_is_compared_with_the_last_shorter_one(screen):
    previous = PreviousSession(7, DATE, 800.0, 1000.0, 5.0, shorter=True)
    text = shown(screen, summarize(SETS, 900.0, {}, previous, shorter=True))
    assert text.startswith("the last shorter session, 2026-03-01: ")
    assert "500 kg more volume today" in text


def test_less_volume_and_lower_stress_are_said_in_words_not_as_negative_weights(screen):
    previous = PreviousSession(7, DATE, 800.0, 12_000.0, 7.5)
    text = shown(screen, summarize(SETS, 900.0, {}, previous))
    assert "less volume today" in text and "mean stress 2.5 lower today" in text, text
    assert "-" not in text.split(": ", 1)[1]


def test_a_full_session_after_only_shorter_ones_is_not_compared(screen):
    text = shown(screen, summarize(SETS, 900.0, {}, None, other_version_before=True))
    assert text.startswith("no earlier full session of this routine to compare with")
    assert shown(screen, summarize(SETS, 900.0, {}, None)) == "the first time with this routine"


@pytest.mark.parametrize("this_early, that_early, words", [
    (True, False, "this session ended before its plan did, so the two are not like for like"),
    (False, True, "that session ended before its plan did, so the two are not like for like"),
    (True, True, "both sessions ended before their plan did, so they may not be alike"),
])
def test_an_early_end_is_said_beside_the_comparison(screen, this_early, that_early, words):
    previous = PreviousSession(7, DATE, 800.0, 1000.0, 5.0, ended_early=that_early)
    text = shown(screen, summarize(SETS, 900.0, {}, previous, ended_early=this_early))
    assert text.endswith(words)


def test_complete_sessions_are_compared_without_a_caveat(screen):
    previous = PreviousSession(7, DATE, 800.0, 1000.0, 5.0)
    text = shown(screen, summarize(SETS, 900.0, {}, previous))
    assert "plan" not in text and text.startswith("2026-03-01: ")


DIPS_UNKNOWN = SetRecord(2, "Dips", "working", 10, None, body_load=BodyLoad.PLUS)  # no body weight given yet
DIPS = SetRecord(2, "Dips", "working", 6, 10.0, body_load=BodyLoad.PLUS, body_weight_kg=80.0)  # 6 x 90


def test_sets_without_a_known_load_are_said_left_out_of_the_volume(screen):
    screen.show_summary(summarize([*SETS, DIPS_UNKNOWN], 900.0, {}, None), Unit.KG)
    assert screen.volume.text() == ("1500 kg  (reps × load, working sets)\n1 working set without a known load left "
                                    "out of the volume (for a bodyweight exercise: no body weight given in "
                                    "Preferences for that day or before).")
    screen.show_summary(summarize(SETS, 900.0, {}, None), Unit.KG)
    assert "\n" not in screen.volume.text()


def test_a_comparison_says_when_volumes_left_sets_out(screen):
    previous = PreviousSession(7, DATE, 800.0, 1000.0, 5.0, volume_left_out=2)
    text = shown(screen, summarize(SETS, 900.0, {}, previous))
    assert "volume compared over sets with a known load (0 left out today, 2 then)" in text


def test_a_bodyweight_record_shows_body_weight_and_the_added_load(screen):
    screen.show_summary(summarize([DIPS], 900.0, {}, None), Unit.KG)
    assert screen.volume.text().startswith("540 kg")
    assert screen.records.text() == "Dips: 6 × BW + 10 kg, estimated 1RM 108 kg"


def test_a_session_with_no_known_volume_says_so_rather_than_0_kg(screen):
    previous = PreviousSession(7, DATE, 800.0, None, 5.0, volume_left_out=4)
    text = shown(screen, summarize([DIPS_UNKNOWN], 900.0, {}, previous))
    assert screen.volume.text().startswith("not known: no working set with reps and a known load\n1 working set")
    assert text.startswith("2026-03-01: 13 min, no known volume; ") and "volume today" not in text


def test_a_calm_session_lifts_nothing_and_says_so_without_a_volume(qtbot):
    screen = SummaryScreen()
    qtbot.addWidget(screen)
    screen.begin("Calm Reset", calm=True)
    breathing = SetRecord(9, "Box Breathing", "working", None, None, None, 6, 3)
    previous = PreviousSession(7, DATE, 1800.0, None, 6.0)
    text = shown(screen, summarize([breathing], 600.0, {}, previous))
    assert screen.volume.text() == "none: a calm practice lifts nothing"
    assert text.startswith("2026-03-01: 30 min; ") and "volume" not in text
