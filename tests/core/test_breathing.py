import subprocess
import sys

import pytest

from liftcalm.core.breathing import BOX_BREATHING, CYCLIC_SIGHING, PATTERNS, BreathingPattern, BreathStep, pacer_at


def test_patterns_are_offered_by_key():
    assert PATTERNS == {"cyclic_sighing": CYCLIC_SIGHING, "box": BOX_BREATHING}
    assert [step.kind for step in CYCLIC_SIGHING.steps] == ["in", "in", "out"]
    assert CYCLIC_SIGHING.cycle_seconds == pytest.approx(9.0)
    assert [(step.kind, step.seconds) for step in BOX_BREATHING.steps] == [
        ("in", 4.0), ("hold", 4.0), ("out", 4.0), ("hold", 4.0)]


@pytest.mark.parametrize(
    ("elapsed", "label", "index", "fraction", "fill", "left"),
    [
        (0.0, "Breathe in", 0, 0.0, 0.0, 2.0),
        (1.0, "Breathe in", 0, 0.5, 0.4, 1.0),
        (2.0, "Top up", 1, 0.0, 0.8, 1.0),  # the top-up starts where the first inhale stopped
        (2.5, "Top up", 1, 0.5, 0.9, 0.5),
        (3.0, "Breathe out", 2, 0.0, 1.0, 6.0),
        (6.0, "Breathe out", 2, 0.5, 0.5, 3.0),
        (8.4, "Breathe out", 2, 0.9, 0.1, 0.6),
    ],
)
def test_cyclic_sighing_at_chosen_times(elapsed, label, index, fraction, fill, left):
    phase = pacer_at(CYCLIC_SIGHING, elapsed)
    assert (phase.label, phase.step_index) == (label, index)
    assert phase.step_fraction == pytest.approx(fraction)
    assert phase.lung_fill == pytest.approx(fill)
    assert phase.seconds_left_in_step == pytest.approx(left)


@pytest.mark.parametrize(
    ("elapsed", "label", "index", "fill"),
    [(2.0, "Breathe in", 0, 0.5), (5.0, "Hold", 1, 1.0), (10.0, "Breathe out", 2, 0.5), (13.0, "Hold", 3, 0.0)],
)
def test_box_breathing_at_chosen_times(elapsed, label, index, fill):
    phase = pacer_at(BOX_BREATHING, elapsed)
    assert (phase.label, phase.step_index) == (label, index)
    assert phase.lung_fill == pytest.approx(fill)


@pytest.mark.parametrize("pattern", [CYCLIC_SIGHING, BOX_BREATHING], ids=["sighing", "box"])
@pytest.mark.parametrize("offset", [0.0, 1.3, 2.0, 7.9])
def test_the_cycle_wraps_around(pattern, offset):
    first = pacer_at(pattern, offset)
    for cycles in (1, 7, 400):
        later = pacer_at(pattern, offset + cycles * pattern.cycle_seconds)
        assert (later.label, later.step_index) == (first.label, first.step_index)
        assert later.lung_fill == pytest.approx(first.lung_fill, abs=1e-9)
        assert later.seconds_left_in_step == pytest.approx(first.seconds_left_in_step, abs=1e-9)


def test_the_end_of_a_cycle_is_the_start_of_the_next():
    assert pacer_at(CYCLIC_SIGHING, 8.999).lung_fill == pytest.approx(0.0, abs=1e-3)
    assert pacer_at(CYCLIC_SIGHING, 9.0).step_index == 0
    assert pacer_at(CYCLIC_SIGHING, 9.0).lung_fill == 0.0


@pytest.mark.parametrize("pattern", [CYCLIC_SIGHING, BOX_BREATHING], ids=["sighing", "box"])
def test_the_fill_moves_only_one_way_within_a_step(pattern):
    samples = [pacer_at(pattern, i * 0.01) for i in range(int(pattern.cycle_seconds * 100))]
    for before, after in zip(samples, samples[1:]):
        if before.step_index != after.step_index:
            assert after.lung_fill == pytest.approx(before.lung_fill, abs=0.02)  # no jump between steps
            continue
        kind = pattern.steps[before.step_index].kind
        assert after.step_fraction > before.step_fraction
        assert after.seconds_left_in_step < before.seconds_left_in_step
        if kind == "in":
            assert after.lung_fill > before.lung_fill
        elif kind == "out":
            assert after.lung_fill < before.lung_fill
        else:
            assert after.lung_fill == before.lung_fill
        assert 0.0 <= after.lung_fill <= 1.0


def test_before_the_start_is_the_start():
    assert pacer_at(BOX_BREATHING, -3.0) == pacer_at(BOX_BREATHING, 0.0)


@pytest.mark.parametrize(
    "steps",
    [
        (),
        (BreathStep("In", 0.0, "in"), BreathStep("Out", 2.0, "out")),
        (BreathStep("In", 2.0, "in"), BreathStep("Hold", 2.0, "hold")),  # never breathes out
        (BreathStep("In", 2.0, "in", fill_to=0.8), BreathStep("Less", 1.0, "in", fill_to=0.5),
         BreathStep("Out", 2.0, "out")),
        (BreathStep("In", 2.0, "sip"), BreathStep("Out", 2.0, "out")),
    ],
)
def test_a_broken_pattern_is_refused(steps):
    with pytest.raises(ValueError):
        BreathingPattern("broken", steps)


def test_breathing_loads_no_qt():
    code = (
        "import sys, liftcalm.core.breathing\n"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
