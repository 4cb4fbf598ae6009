import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from liftcalm.ui.session.breathing_pacer import BreathingPacer
from liftcalm.ui.session.mini_timer import MiniTimer
from liftcalm.ui.session.rating_row import RatingRow
from liftcalm.ui.session.rest_dial import RestDial


def count_updates(monkeypatch, widget) -> list:
    calls = []
    monkeypatch.setattr(widget, "update", lambda *args: calls.append(args))
    return calls


# -- RestDial ------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("remaining", "shown"),
    [(84.2, "1:25"), (0.0, "0:00"), (0.01, "0:01"), (600, "10:00"), (59.5, "1:00"), (60.0, "1:00"),
     (84.0000001, "1:24"), (-2.0, "0:00")],
)
def test_the_dial_rounds_the_time_left_up(qtbot, remaining, shown):
    dial = RestDial()
    qtbot.addWidget(dial)
    dial.show_rest(remaining, 0.5, False)
    assert dial.text == shown
    assert shown in dial.accessibleDescription()


@pytest.mark.parametrize(("elapsed", "shown"), [(0.0, "0:00"), (0.99, "0:00"), (61.0, "1:01"), (3725.4, "1:02:05")])
def test_the_stopwatch_counts_whole_seconds_up(qtbot, elapsed, shown):
    dial = RestDial()
    qtbot.addWidget(dial)
    dial.show_stopwatch(elapsed)
    assert dial.text == shown
    assert "Stopwatch" in dial.accessibleDescription()


def test_paused_and_words(qtbot):
    dial = RestDial()
    qtbot.addWidget(dial)
    dial.show_rest(30, 0.5, True)
    assert dial.paused
    assert dial.accessibleDescription() == "Rest timer: 0:30 left, paused"
    dial.show_text("Go!")
    assert (dial.text, dial.paused, dial.accessibleDescription()) == ("Go!", False, "Go!")


def test_the_dial_repaints_only_when_what_it_shows_changes(qtbot, monkeypatch):
    dial = RestDial()
    qtbot.addWidget(dial)
    dial.show_rest(90.0, 0.0, False)
    updates = count_updates(monkeypatch, dial)
    dial.show_rest(89.99, 0.0001, False)  # same digits, ring moved by far less than half a degree
    dial.show_rest(89.5, 0.0005, False)
    assert updates == []
    dial.show_rest(89.5, 0.01, False)  # the ring moved 3.6 degrees
    assert len(updates) == 1
    dial.show_rest(88.9, 0.01, False)  # "1:29"
    assert len(updates) == 2
    dial.show_rest(88.9, 0.01, True)
    assert len(updates) == 3
    dial.show_stopwatch(12.2)
    dial.show_stopwatch(12.7)
    assert len(updates) == 4


def test_unchanged_calls_paint_nothing(qtbot):
    class CountingDial(RestDial):
        paints = 0

        def paintEvent(self, event):
            CountingDial.paints += 1
            super().paintEvent(event)

    dial = CountingDial()
    qtbot.addWidget(dial)
    dial.show()
    qtbot.waitExposed(dial)
    dial.show_rest(45.0, 0.5, False)
    qtbot.waitUntil(lambda: CountingDial.paints > 0)
    painted = CountingDial.paints
    for step in range(20):
        dial.show_rest(45.0 - step * 0.01, 0.5, False)
    qtbot.wait(50)
    assert CountingDial.paints == painted
    dial.show_rest(44.0, 0.5, False)
    qtbot.waitUntil(lambda: CountingDial.paints > painted)


@pytest.mark.parametrize("width", [1120, 900])
def test_the_digits_are_a_quarter_of_the_window_high(qtbot, width):
    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    layout.addWidget(QLabel("Rest", window))
    dial = RestDial(window)
    layout.addWidget(dial, 1)
    buttons = QHBoxLayout()
    buttons.addWidget(QPushButton("Pause", window))
    buttons.addWidget(QPushButton("Skip rest", window))
    layout.addLayout(buttons)
    window.resize(width, 740)
    window.show()
    qtbot.waitExposed(window)
    dial.show_rest(84.2, 0.3, False)
    assert window.height() == 740
    assert dial.digit_pixel_height() >= 740 / 4

    window.resize(width, 400)  # the digits follow the dial's height
    qtbot.waitUntil(lambda: window.height() == 400)
    assert dial.digit_pixel_height() < 400 * 0.45
    assert dial.digit_pixel_height() >= 400 / 4


def test_a_small_window_gets_big_digits_over_a_bar_as_long_as_the_time_left(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    layout = QHBoxLayout(window)
    dial = RestDial(window)
    layout.addWidget(dial, 1)
    layout.addWidget(QLabel("the reflection side", window), 1)
    window.resize(760, 520)
    window.show()
    qtbot.waitExposed(window)
    dial.show_rest(30.0, 0.25, False)  # three quarters of the rest left
    assert dial.compact  # a track around the digits would leave them under 130 px
    assert dial.digit_pixel_height() >= 520 / 4

    image = dial.grab().toImage()
    ratio = image.devicePixelRatio()
    row = int((dial.height() - dial._pen_width() / 2 - 2) * ratio)  # through the middle of the bar
    highlight = dial.palette().color(dial.palette().ColorRole.Highlight).rgb()
    filled = [x for x in range(image.width()) if image.pixel(x, row) == highlight]
    assert filled and filled[0] < 0.05 * image.width()  # from the left...
    assert filled[-1] == pytest.approx(0.75 * image.width(), abs=0.03 * image.width())  # ...for the time left


def test_the_dial_stretches(qtbot):
    dial = RestDial()
    qtbot.addWidget(dial)
    policy = dial.sizePolicy()
    assert policy.horizontalPolicy() == policy.verticalPolicy() == policy.Policy.Expanding
    assert dial.minimumSizeHint().height() >= 100


# -- BreathingPacer --------------------------------------------------------------------------------------
def test_the_pacer_follows_the_time_it_is_given(qtbot):
    pacer = BreathingPacer()
    qtbot.addWidget(pacer)
    assert pacer.pattern_key == "cyclic_sighing"
    assert pacer.findChildren(QTimer) == []  # the owner's clock drives it
    pacer.show_at(2.5)
    assert (pacer.phase.label, pacer.phase.lung_fill) == ("Top up", pytest.approx(0.9))
    assert pacer.accessibleName() == "Breathing pacer: Top up"
    pacer.show_at(3.5)
    assert pacer.phase.label == "Breathe out"
    pacer.set_pattern("box")
    assert pacer.pattern_key == "box"
    assert pacer.phase.label == "Breathe in"  # box breathing, 3.5 s in
    assert pacer.phase.lung_fill == pytest.approx(0.875)
    pacer.show_at(5.0)
    assert pacer.phase.label == "Hold"
    with pytest.raises(ValueError):
        pacer.set_pattern("panting")
    assert pacer.pattern_key == "box"


def test_the_pacer_is_compact_and_repaints_only_on_change(qtbot, monkeypatch):
    pacer = BreathingPacer()
    qtbot.addWidget(pacer)
    assert 140 <= pacer.sizeHint().width() <= 180
    assert 140 <= pacer.sizeHint().height() <= 180
    pacer.set_pattern("box")
    pacer.show_at(5.0)
    updates = count_updates(monkeypatch, pacer)
    pacer.show_at(6.0)  # still holding, full
    assert updates == []
    pacer.show_at(9.0)
    assert len(updates) == 1


# -- RatingRow ------------------------------------------------------------------------------------------
class FakeTime:
    def __init__(self):
        self.now = 500.0

    def __call__(self):
        return self.now


@pytest.fixture
def rating(qtbot):
    clock = FakeTime()
    row = RatingRow(monotonic=clock)
    row.clock = clock
    row.set_question("How stressed do you feel right now?")
    qtbot.addWidget(row)
    row.show()
    qtbot.waitExposed(row)
    return row


def ratings_of(row) -> list:
    seen = []
    row.rated.connect(seen.append)
    return seen


def test_a_digit_rates_at_once(rating):
    seen = ratings_of(rating)
    rating.press_digit(7)
    assert seen == [7]
    assert rating.value == 7
    assert rating.group.button(7).isChecked()


def test_one_then_zero_soon_after_is_ten(rating):
    seen = ratings_of(rating)
    rating.press_digit(1)
    rating.clock.now += 0.6
    rating.press_digit(0)
    assert seen == [1, 10]
    assert rating.value == 10
    rating.clock.now += 0.3
    rating.press_digit(0)  # the 1 was used up
    assert seen == [1, 10, 0]


def test_one_then_zero_later_is_zero(rating):
    seen = ratings_of(rating)
    rating.press_digit(1)
    rating.clock.now += 1.5
    rating.press_digit(0)
    assert seen == [1, 0]
    assert rating.value == 0


def test_another_digit_between_breaks_the_ten(rating):
    seen = ratings_of(rating)
    rating.press_digit(1)
    rating.press_digit(3)
    rating.press_digit(0)
    assert seen == [1, 3, 0]


def test_clicking_rates(qtbot, rating):
    seen = ratings_of(rating)
    qtbot.mouseClick(rating.group.button(4), Qt.MouseButton.LeftButton)
    assert seen == [4]
    assert rating.value == 4
    qtbot.mouseClick(rating.group.button(9), Qt.MouseButton.LeftButton)
    assert seen == [4, 9]
    assert not rating.group.button(4).isChecked()


def test_skip(qtbot, rating):
    rating.press_digit(6)
    with qtbot.waitSignal(rating.skipped, timeout=1000):
        qtbot.mouseClick(rating.skip_button, Qt.MouseButton.LeftButton)
    assert rating.value is None


def test_set_value_and_clear_say_nothing(qtbot, rating):
    with qtbot.assertNotEmitted(rating.rated), qtbot.assertNotEmitted(rating.skipped):
        rating.set_value(3)
        assert rating.value == 3
        rating.clear()
        assert rating.value is None
        assert not any(button.isChecked() for button in rating.group.buttons())
        rating.set_value(10)
        assert rating.value == 10
        rating.set_value(None)
        assert rating.value is None
    with pytest.raises(ValueError):
        rating.set_value(11)


def test_answering_can_be_switched_off(rating):
    seen = ratings_of(rating)
    rating.set_enabled_answering(False)
    rating.press_digit(5)
    assert seen == []
    assert rating.value is None
    assert not rating.group.button(5).isEnabled()
    assert not rating.skip_button.isEnabled()
    rating.set_enabled_answering(True)
    rating.press_digit(5)
    assert seen == [5]


def test_the_row_reads_well(rating):
    buttons = rating.group.buttons()
    assert [button.text() for button in buttons] == [str(n) for n in range(11)]
    assert all(button.isCheckable() for button in buttons)
    assert rating.group.exclusive()
    assert all(28 <= button.width() <= 40 for button in buttons)  # big enough to hit, eleven fit a column
    assert buttons[7].accessibleName() == "7 out of 10"
    assert rating.question.text() == "How stressed do you feel right now?"
    assert rating.hint.text() == "Type 0-10"
    with pytest.raises(ValueError):
        rating.press_digit(10)


# -- MiniTimer ------------------------------------------------------------------------------------------
@pytest.fixture
def mini(qtbot):
    window = MiniTimer()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_the_mini_timer_is_a_small_window_on_top(mini):
    flags = mini.windowFlags()
    assert flags & Qt.WindowType.WindowStaysOnTopHint
    assert flags & Qt.WindowType.Tool == Qt.WindowType.Tool
    assert mini.windowTitle() == "LiftCalm timer"
    assert mini.width() <= 260 and mini.height() <= 120


def test_the_mini_timer_shows_what_it_is_told(mini):
    mini.show_state("Set 2 of 4 · Squat", "0:42")
    assert (mini.phase.text(), mini.digits.text(), mini.paused) == ("Set 2 of 4 · Squat", "0:42", False)
    mini.show_state("Rest", "1:25", paused=True)
    assert (mini.phase.text(), mini.digits.text(), mini.paused) == ("Rest · Paused", "1:25", True)
    mini.show_state("Rest", "1:25")
    assert mini.phase.text() == "Rest"


def test_closing_the_mini_timer_says_so(qtbot, mini):
    with qtbot.waitSignal(mini.closed, timeout=1000):
        mini.close()
    assert not mini.isVisible()


def test_clicking_or_enter_asks_for_the_main_window(qtbot, mini):
    mini.show_state("Rest", "1:25")
    with qtbot.waitSignal(mini.activate_requested, timeout=1000):
        qtbot.mouseClick(mini.digits, Qt.MouseButton.LeftButton)  # a click anywhere on it
    with qtbot.waitSignal(mini.activate_requested, timeout=1000):
        qtbot.keyClick(mini, Qt.Key.Key_Return)
    with qtbot.waitSignal(mini.activate_requested, timeout=1000):
        qtbot.keyClick(mini, Qt.Key.Key_Enter)
    with qtbot.assertNotEmitted(mini.activate_requested):
        qtbot.keyClick(mini, Qt.Key.Key_A)
