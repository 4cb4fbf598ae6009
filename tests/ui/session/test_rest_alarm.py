from liftcalm.core.clock import FakeClock, SuspendAwareClock
from liftcalm.ui.session.rest_alarm import RestAlarm


def test_fires_at_the_deadline_never_before(qtbot):
    clock = SuspendAwareClock()
    alarm = RestAlarm(clock)
    deadline = clock.now() + 0.15
    with qtbot.waitSignal(alarm.rest_finished, timeout=2000) as fired:
        alarm.arm(deadline)
    late = clock.now() - deadline
    assert fired.args == [deadline]
    assert 0 <= late < 0.1
    assert alarm.deadline is None


def test_disarm_and_rearm(qtbot):
    clock = SuspendAwareClock()
    alarm = RestAlarm(clock)
    alarm.arm(clock.now() + 0.05)
    alarm.arm(None)  # paused
    with qtbot.assertNotEmitted(alarm.rest_finished, wait=150):
        pass
    deadline = clock.now() + 0.05
    with qtbot.waitSignal(alarm.rest_finished, timeout=2000):
        alarm.arm(deadline)
    assert clock.now() >= deadline


def test_an_early_wake_sleeps_the_remainder(qtbot):
    """If Qt's timer wakes before the session clock reaches the deadline, nothing fires yet."""
    clock = FakeClock()
    alarm = RestAlarm(clock)
    alarm.arm(clock.now() + 0.02)
    with qtbot.assertNotEmitted(alarm.rest_finished, wait=100):
        pass  # Qt's timer woke, but the fake clock has not moved
    clock.advance(0.02)
    with qtbot.waitSignal(alarm.rest_finished, timeout=2000):
        pass
