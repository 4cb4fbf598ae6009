"""The other graphs, kept honest: the trend's minimum and r's interval, relief below 0, like with like, methods."""

import json
import math
import re

import numpy as np
import pytest

from liftcalm.core import trends
from liftcalm.core.trends import Period, SessionRatings, SessionTotals, over_time, strength_vs_calm, stress_vs_volume


def totals(session_id, volume_kg, stress=(), relief=(), day=None, routine="Legs"):
    """A session's totals from its stress ratings and reliefs, summed as the store sums them."""
    calmer = sum(1 for r in relief if r >= 2)
    return SessionTotals(session_id, day or f"2026-01-{session_id:02d}", routine, volume_kg, float(sum(stress)),
                         len(stress), float(sum(relief)), len(relief), calmer)


def line_sessions(count, noise=()):
    """``count`` sessions on the line stress = 2 + volume / 1000, day by day, plus any ``noise`` per session."""
    noise = list(noise) + [0.0] * count
    return [totals(i + 1, 1000.0 * (i + 1), [2 + (i + 1) + noise[i]]) for i in range(count)]


# Stress vs volume: the minimum, r's interval, the plain result

def test_a_trend_needs_twelve_rated_sessions():
    assert trends.MIN_FIT_SESSIONS == 12
    unrated = totals(99, 50_000.0, day="2026-01-31")  # a session without a stress rating does not count
    eleven = stress_vs_volume([*line_sessions(11), unrated])
    assert (eleven.n, eleven.left_out, eleven.fit.enough) == (11, 1, False)
    assert (eleven.slope, eleven.r, eleven.r_low, eleven.r_high, eleven.shown) == (None, None, None, None, False)
    twelve = stress_vs_volume(line_sessions(12))
    assert twelve.n == 12 and twelve.fit.enough and twelve.shown
    assert twelve.slope == pytest.approx(0.001) and twelve.r == pytest.approx(1.0)


def test_r_has_a_95_percent_interval_by_fisher_z():
    # By hand: z = atanh(0.5) = 0.549306; its standard error over 28 pairs is 1 / sqrt(25) = 0.2, so the
    # interval is tanh(0.549306 -+ 1.959964 * 0.2) = tanh(0.157313) to tanh(0.941299) = 0.15603 to 0.73582.
    low, high = trends.correlation_interval(0.5, 28)
    assert low == pytest.approx(0.15603, abs=1e-5)
    assert high == pytest.approx(0.73582, abs=1e-5)
    assert trends.correlation_interval(-0.5, 28) == (pytest.approx(-high), pytest.approx(-low))
    assert trends.correlation_interval(None, 28) == (None, None)
    assert trends.correlation_interval(0.9, 3) == (None, None)  # Fisher's z needs four pairs


def test_the_fit_reports_r_with_its_interval():
    result = stress_vs_volume(line_sessions(20, noise=[(-1) ** i * 3.0 for i in range(20)]))
    fit = result.fit
    z, half = math.atanh(fit.r), 1.959963984540054 / math.sqrt(20 - 3)
    assert (result.r_low, result.r_high) == (pytest.approx(math.tanh(z - half)), pytest.approx(math.tanh(z + half)))
    assert result.r_low < result.r < result.r_high


def test_an_interval_that_spans_0_is_no_clear_relation():
    # Stress swings up and down regardless of volume: r is small and its interval includes 0.
    swings = [totals(i + 1, 1000.0 * (i + 1), [5 + (3 if i % 2 else -3)]) for i in range(12)]
    result = stress_vs_volume(swings)
    assert result.fit.enough and result.r is not None
    assert result.r_low < 0 < result.r_high
    assert not result.fit.clear and not result.shown
    assert result.slope is not None  # the least-squares numbers exist; no direction is presented from them


def test_the_plain_result_is_ready_for_json():
    result = stress_vs_volume(line_sessions(12, noise=[0.5, -0.5] * 6))
    plain = result.plain()
    assert list(plain) == ["n", "slope", "r", "r_low", "r_high", "shown"]
    assert json.loads(json.dumps(plain)) == plain
    assert all(type(plain[k]) is float for k in ("slope", "r", "r_low", "r_high"))  # not numpy scalars
    assert plain["n"] == 12 and plain["shown"] is True
    assert stress_vs_volume([]).plain() == {"n": 0, "slope": None, "r": None, "r_low": None, "r_high": None,
                                            "shown": False}


def test_every_point_on_the_line_gives_an_interval_of_one_value():
    result = stress_vs_volume(line_sessions(12))
    assert result.r_low == result.r_high == pytest.approx(1.0)


# Relief over time: below 0 kept, rests that ended calmer counted

def test_negative_relief_is_kept_and_calmer_rests_are_counted():
    sessions = [totals(1, 1000.0, [6, 7], [-3, -1], day="2026-01-05"),  # two rests that ended more stressed
                totals(2, 1000.0, [6, 7, 5], [2, 4, 1], day="2026-01-06"),
                totals(3, 1000.0, [4], [], day="2026-01-12")]
    result = over_time(sessions, Period.WEEK)
    assert result.mean_relief[0] == pytest.approx((-3 - 1 + 2 + 4 + 1) / 5)
    assert result.calmer_rests.tolist() == [2, 0]
    assert result.overall_relief_sets == 5 and result.overall_calmer_rests == 2
    assert result.overall_mean_relief == pytest.approx(0.6)
    negative = over_time([totals(1, 1000.0, [6], [-4])], Period.DAY)
    assert negative.mean_relief.tolist() == [-4.0] and negative.overall_mean_relief == -4.0
    nothing = over_time([totals(1, 1000.0, [6])], Period.DAY)
    assert nothing.overall_mean_relief is None and nothing.overall_relief_sets == 0


# Strength vs calm: like with like

def ratings(session_id, kind, before, final):
    return SessionRatings(session_id, f"2026-02-{session_id:02d}", kind, before, final)


LIKE_WITH_LIKE = [
    ratings(1, "strength", 0, 1), ratings(2, "strength", 3, 1), ratings(3, "strength", 2, 2),  # 0-3: +1, -2, 0
    ratings(4, "strength", 4, 3), ratings(5, "strength", 6, 4),  # 4-6: only two
    ratings(6, "strength", 7, None), ratings(7, "strength", None, 5),  # not both rated: left out of every band
    ratings(8, "calm", 7, 4), ratings(9, "calm", 10, 5), ratings(10, "calm", 8, 6),  # 7-10: -3, -5, -2
    ratings(11, "calm", 3, 2),  # 0-3: one
    ratings(12, "rest", 2, None),  # a rest day: never a bar
]


def test_bars_compare_sessions_that_started_at_similar_stress():
    assert trends.STRESS_BANDS == ((0, 3), (4, 6), (7, 10)) and trends.MIN_BAR_SESSIONS == 3
    result = strength_vs_calm(LIKE_WITH_LIKE)
    assert [(bar.band, bar.kind, bar.n) for bar in result.bars] == [
        ("0-3", "strength", 3), ("0-3", "calm", 1), ("4-6", "strength", 2), ("4-6", "calm", 0),
        ("7-10", "strength", 0), ("7-10", "calm", 3)]
    strength_low, calm_high = result.bars[0], result.bars[5]
    assert (strength_low.mean_before, strength_low.mean_final) == (pytest.approx(5 / 3), pytest.approx(4 / 3))
    assert strength_low.mean_change == pytest.approx(-1 / 3) and strength_low.enough
    assert calm_high.mean_change == pytest.approx(-10 / 3) and calm_high.enough
    assert [bar.enough for bar in result.bars] == [True, False, False, False, False, True]


def test_each_bar_has_a_95_percent_interval_of_its_mean_change():
    # 0-3 strength changes +1, -2, 0: mean -1/3, sd sqrt(7/3); t(2) = 4.303.
    bar = strength_vs_calm(LIKE_WITH_LIKE).bars[0]
    half = 4.303 * math.sqrt(7 / 3) / math.sqrt(3)
    assert (bar.change_low, bar.change_high) == (pytest.approx(-1 / 3 - half, abs=1e-3),
                                                 pytest.approx(-1 / 3 + half, abs=1e-3))
    one = strength_vs_calm(LIKE_WITH_LIKE).bars[1]  # a single calm session: no interval
    assert one.n == 1 and (one.change_low, one.change_high) == (None, None)


def test_a_band_without_sessions_has_no_mean_not_0():
    empty = strength_vs_calm(LIKE_WITH_LIKE).bars[3]
    assert (empty.n, empty.mean_before, empty.mean_final, empty.mean_change) == (0, None, None, None)
    assert not empty.enough


# Method texts: two sentences each, for the page and the README

METHODS = ["STRESS_VOLUME_METHOD", "OVER_TIME_METHOD", "EXERCISE_METHOD", "STRENGTH_CALM_METHOD"]


@pytest.mark.parametrize("name", METHODS)
def test_each_method_is_two_sentences(name):
    text = getattr(trends, name)
    assert len(re.findall(r"[.!?](\s|$)", text)) == 2, text
    assert text.endswith(".") and "  " not in text


def test_the_methods_name_their_minimums_and_measures():
    assert "12" in trends.STRESS_VOLUME_METHOD and "Fisher" in trends.STRESS_VOLUME_METHOD
    assert "below 0" in trends.OVER_TIME_METHOD and "calmer by 2 points" in trends.OVER_TIME_METHOD
    assert "Epley" in trends.EXERCISE_METHOD
    assert "0-3, 4-6, 7-10" in trends.STRENGTH_CALM_METHOD and "at least 3" in trends.STRENGTH_CALM_METHOD
    assert "95% interval" in trends.STRENGTH_CALM_METHOD


def test_the_sample_note_says_it_is_invented():
    assert trends.SAMPLE_NOTE.startswith("Sample data") and "invented" in trends.SAMPLE_NOTE


def test_bands_cover_every_rating_once():
    covered = [value for low, high in trends.STRESS_BANDS for value in range(low, high + 1)]
    assert covered == list(range(11))
    assert np.all(np.diff([low for low, _ in trends.STRESS_BANDS]) > 0)
