"""Coaching lines rotate from rest to rest; the readiness advice appears only when both are low."""

from liftcalm.core.coaching import CoachingRotation, is_low_readiness, load_coaching_lines
from liftcalm.paths import RESOURCES

LINES = load_coaching_lines(RESOURCES / "coaching.json")


def test_every_line_comes_once_before_any_repeats_and_neighbours_differ_in_theme():
    rotation = CoachingRotation(LINES, seed=7)
    first_round = [rotation.line_for_rest(n) for n in range(len(LINES))]
    assert len({line.id for line in first_round}) == len(LINES)
    assert rotation.line_for_rest(len(LINES)) == first_round[0]
    themes = [line.theme for line in first_round]
    same_neighbours = sum(a == b for a, b in zip(themes, themes[1:]))
    assert same_neighbours <= 10  # only once the smaller themes run out


def test_the_order_depends_on_the_session_only():
    one, again, other = CoachingRotation(LINES, 3), CoachingRotation(LINES, 3), CoachingRotation(LINES, 4)
    assert [one.line_for_rest(n) for n in range(10)] == [again.line_for_rest(n) for n in range(10)]
    assert [one.line_for_rest(n) for n in range(10)] != [other.line_for_rest(n) for n in range(10)]


def test_low_readiness_needs_both_answers_at_or_below_two():
    assert is_low_readiness(2, 1) and is_low_readiness(0, 0)
    assert not is_low_readiness(3, 0) and not is_low_readiness(2, 3)
    assert not is_low_readiness(None, 0) and not is_low_readiness(1, None)
