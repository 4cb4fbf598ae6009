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


def test_no_line_asserts_what_the_app_cannot_know():
    import re

    claims = ("now it's leaving", "that set was both", "is the relief", "you just watched it happen",
              "your body is putting it away", "knows how to come down", "the warmth in the muscles",
              "settling down without any help")
    for line in LINES:
        assert not any(claim in line.text.lower() for claim in claims), line.id
        assert not re.search(r"\b(\d{3,}[\s-]?\d{3,})\b", line.text), f"{line.id}: a phone number?"


def test_the_cyclic_sighing_line_matches_the_practice():
    text = next(line.text for line in load_coaching_lines(RESOURCES / "coaching.json") if line.id == "breathing-05")
    assert "in through the nose" in text.lower() and "second, shorter" in text and "long, slow breath out" in text


def test_low_days_keep_coming_means_three_of_the_last_five_check_ins():
    from liftcalm.core.coaching import low_days_keep_coming
    from liftcalm.core.models import Readiness

    low, fine, unanswered = Readiness(1, 2, 5), Readiness(6, 5, 3), Readiness()
    assert low_days_keep_coming([low, fine, low, unanswered, low])
    assert not low_days_keep_coming([low, fine, low, fine, fine, low, low])  # only the last five count
    assert not low_days_keep_coming([low, low])


def test_a_calm_session_gets_breathing_lines_only():
    from liftcalm.core.coaching import lines_for_session

    lines = load_coaching_lines(RESOURCES / "coaching.json")
    calm = lines_for_session(lines, calm=True)
    assert calm and {line.theme for line in calm} == {"breathing"}
    import re

    words = r"\b(sets?|lift\w*|reps?|muscles?|effort)\b"
    assert not [line.text for line in calm if re.search(words, line.text.lower())]
    assert lines_for_session(lines, calm=False) == lines
