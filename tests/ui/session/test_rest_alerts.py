"""RestAlerts: beeps on the session clock, the chime, the notification, the taskbar and the tray."""

import os
import subprocess
import sys

import pytest
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QSystemTrayIcon, QWidget

from liftcalm.app import create_application
from liftcalm.core.clock import FakeClock, SuspendAwareClock
from liftcalm.ui.session.rest_alerts import RestAlerts, format_clock, icon_text, system_tray
from liftcalm.ui.session.rest_sounds import RestSounds, SoundUnavailable

LATE_S = 0.15  # how late a Qt timer may wake on a busy test machine


class FakeSounds(QObject):
    """Stands in for RestSounds: records what played and when, on the session clock."""

    played = Signal(str)

    def __init__(self, clock, parent=None):
        super().__init__(parent)
        self.clock = clock
        self.volume = None
        self.tone = None
        self.log: list[tuple[str, float]] = []
        self.tones_played: list[tuple[str, str]] = []  # (sound, the tone it was played in)

    def set_volume(self, percent):
        self.volume = percent

    def set_tone(self, tone):
        self.tone = tone

    def play_rest_end(self):
        self._play("chime")

    def play_countdown_beep(self):
        self._play("beep")

    def play_set_over(self):
        self._play("set_over")

    def _play(self, kind):
        self.log.append((kind, self.clock.now()))
        self.tones_played.append((kind, self.tone))
        self.played.emit(kind)

    def times(self, kind="beep"):
        return [at for played, at in self.log if played == kind]


class RecordingTray(QSystemTrayIcon):
    """A real tray icon (invisible under offscreen) that records what it was asked to show."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.messages = []
        self.icons = []
        self.tooltips = []

    def showMessage(self, title, message, *rest):
        self.messages.append((title, message))

    def setIcon(self, icon):
        self.icons.append(icon)
        super().setIcon(icon)

    def setToolTip(self, tip):
        self.tooltips.append(tip)
        super().setToolTip(tip)


class Rig:
    """A window, its settings, a clock, and RestAlerts with fake sounds and (optionally) a fake tray."""

    def __init__(self, qtbot, store, clock, with_tray=True):
        create_application()  # the app icon the tray draws on
        self.window = QWidget()
        qtbot.addWidget(self.window)
        self.store = store
        self.clock = clock
        self.sounds = FakeSounds(clock)
        self.trays = []
        self.sound_builds = 0
        self._with_tray = with_tray
        self.alerts = None

    def build(self, sounds_factory=None, menu_factory=None):
        self.alerts = RestAlerts(self.window, self.store.settings, self.clock, self.window,
                                 tray_factory=self._make_tray, sounds_factory=sounds_factory or self._make_sounds,
                                 menu_factory=menu_factory)
        return self.alerts

    @property
    def tray(self):
        return self.trays[0] if self.trays else None

    def _make_tray(self, parent):
        if not self._with_tray:
            return None
        tray = RecordingTray(parent)
        self.trays.append(tray)
        return tray

    def _make_sounds(self, parent):
        self.sound_builds += 1
        return self.sounds


@pytest.fixture
def rig(qtbot, store):
    return Rig(qtbot, store, SuspendAwareClock())


@pytest.fixture
def rig_without_tray(qtbot, store):
    return Rig(qtbot, store, SuspendAwareClock(), with_tray=False)


def image(icon):
    return icon.pixmap(64, 64).toImage()


def white_pixels(icon):
    picture = image(icon)
    return sum(1 for x in range(picture.width()) for y in range(picture.height())
               if QColor(picture.pixel(x, y)).lightness() > 220 and QColor(picture.pixelColor(x, y)).alpha() > 200)


# -- the 3-2-1 beeps --------------------------------------------------------------------------


def test_beeps_at_three_two_one_seconds_before_the_deadline_and_never_after(qtbot, rig):
    alerts = rig.build()
    deadline = rig.clock.now() + 3.1
    alerts.rest_running(deadline)
    qtbot.waitUntil(lambda: len(rig.sounds.times()) == 3, timeout=4000)
    qtbot.waitUntil(lambda: rig.clock.now() > deadline + 0.2, timeout=2000)
    beeps = rig.sounds.times()
    assert len(beeps) == 3
    for played, seconds_before in zip(beeps, (3, 2, 1)):
        assert 0 <= played - (deadline - seconds_before) < LATE_S


def test_moving_the_deadline_moves_the_beeps(qtbot, rig):
    alerts = rig.build()
    start = rig.clock.now()
    alerts.rest_running(start + 1.3)  # its "1" would beep 0.3 s from now
    moved = rig.clock.now() + 2.05  # +/-15 s: now "2" is due at once, "1" a second later
    alerts.rest_running(moved)
    qtbot.waitUntil(lambda: len(rig.sounds.times()) == 2, timeout=3000)
    qtbot.waitUntil(lambda: rig.clock.now() > moved + 0.2, timeout=2000)
    beeps = rig.sounds.times()
    assert len(beeps) == 2
    assert 0 <= beeps[0] - (moved - 2) < LATE_S
    assert 0 <= beeps[1] - (moved - 1) < LATE_S


def test_re_arming_the_same_deadline_does_not_repeat_a_beep(qtbot, rig):
    alerts = rig.build()
    deadline = rig.clock.now() + 1.05
    with qtbot.waitSignal(rig.sounds.played, timeout=1000):
        alerts.rest_running(deadline)  # "1" is due 0.05 s from now
    with qtbot.assertNotEmitted(rig.sounds.played, wait=300):
        alerts.rest_running(deadline)  # the session view re-arms, e.g. after a repaint
        alerts.rest_running(deadline + 1e-9)
    assert len(rig.sounds.times()) == 1


def test_a_pause_silences_the_beeps(qtbot, rig):
    alerts = rig.build()
    alerts.rest_running(rig.clock.now() + 1.2)
    alerts.rest_running(None)
    with qtbot.assertNotEmitted(rig.sounds.played, wait=400):
        pass


def test_skipping_the_rest_means_no_beep_after_it(qtbot, rig):
    alerts = rig.build()
    alerts.rest_running(rig.clock.now() + 1.2)
    alerts.rest_running(rig.clock.now())  # skipped: the deadline is now
    with qtbot.assertNotEmitted(rig.sounds.played, wait=400):
        pass


def test_a_beep_just_missed_still_sounds_but_a_stale_one_does_not(qtbot, rig):
    alerts = rig.build()
    with qtbot.waitSignal(rig.sounds.played, timeout=500):
        alerts.rest_running(rig.clock.now() + 0.9)  # "1" was due 0.1 s ago
    alerts.rest_running(None)
    with qtbot.assertNotEmitted(rig.sounds.played, wait=300):
        alerts.rest_running(rig.clock.now() + 0.6)  # "1" was due 0.4 s ago: it would count wrong


def test_no_beeps_when_countdown_beeps_are_off(qtbot, rig):
    rig.store.settings.countdown_beeps = False
    alerts = rig.build()
    with qtbot.assertNotEmitted(rig.sounds.played, wait=400):
        alerts.rest_running(rig.clock.now() + 1.2)


def test_no_beeps_when_sound_is_off_and_no_player_is_built(qtbot, rig):
    rig.store.settings.sound_on = False
    alerts = rig.build()
    with qtbot.assertNotEmitted(rig.sounds.played, wait=400):
        alerts.rest_running(rig.clock.now() + 1.2)
    assert rig.sound_builds == 0


def test_turning_beeps_off_in_preferences_stops_a_running_countdown(qtbot, rig):
    alerts = rig.build()
    alerts.rest_running(rig.clock.now() + 1.2)
    rig.store.settings.countdown_beeps = False
    alerts.apply_settings()
    with qtbot.assertNotEmitted(rig.sounds.played, wait=400):
        pass


def test_an_early_timer_wake_waits_for_the_session_clock(qtbot, store):
    rig = Rig(qtbot, store, FakeClock())
    alerts = rig.build()
    alerts.rest_running(rig.clock.now() + 1.02)  # "1" due in 0.02 s on the session clock
    with qtbot.assertNotEmitted(rig.sounds.played, wait=100):
        pass  # Qt's timer woke, but the session clock has not moved
    rig.clock.advance(0.02)
    with qtbot.waitSignal(rig.sounds.played, timeout=1000):
        pass


@pytest.mark.parametrize("slept_s", [0.5, 1.2])  # past the beep's second; past the deadline too
def test_a_beep_whose_moment_passed_while_asleep_stays_silent(qtbot, store, slept_s):
    rig = Rig(qtbot, store, FakeClock())
    alerts = rig.build()
    alerts.rest_running(rig.clock.now() + 1.1)  # "1" due in 0.1 s
    rig.clock.advance(slept_s)  # the laptop slept through it; Qt's timer wakes after
    with qtbot.assertNotEmitted(rig.sounds.played, wait=300):
        pass


# -- the end of the rest ----------------------------------------------------------------------


def test_rest_end_plays_the_chime_at_the_set_volume(qtbot, rig):
    rig.store.settings.volume = 35
    alerts = rig.build()
    alerts.rest_ended("Rest over", "Next: Squat")
    assert [kind for kind, _at in rig.sounds.log] == ["chime"]
    assert rig.sounds.volume == 35


def test_a_new_volume_applies_without_rebuilding_the_player(qtbot, rig):
    alerts = rig.build()
    alerts.prepare()
    assert rig.sounds.volume == 80
    rig.store.settings.volume = 20
    alerts.apply_settings()
    assert rig.sounds.volume == 20
    assert rig.sound_builds == 1


def test_the_chosen_tone_is_played_and_follows_preferences(qtbot, rig):
    rig.store.settings.cue_tone = "bell"
    alerts = rig.build()
    deadline = rig.clock.now() + 1.05
    with qtbot.waitSignal(rig.sounds.played, timeout=1000):
        alerts.rest_running(deadline)  # "1" is due 0.05 s from now
    alerts.rest_ended("Rest over", "Next: Squat")
    rig.store.settings.cue_tone = "wood"
    alerts.apply_settings()
    alerts.block_ended("Block done", "Rest a moment.")
    assert rig.sounds.tones_played == [("beep", "bell"), ("chime", "bell"), ("set_over", "wood")]


def test_a_timed_set_ended_by_the_clock_has_its_own_sound(qtbot, rig):
    alerts = rig.build()
    alerts.block_ended("Block done", "Rest a moment.")
    alerts.rest_ended("Rest over", "")
    assert [kind for kind, _at in rig.sounds.log] == ["set_over", "chime"]


def test_by_default_the_sounds_are_the_cues_in_the_chosen_tone(qtbot, store):
    from liftcalm.ui.session.cue_sounds import CueSounds

    store.settings.cue_tone = "beep"
    rig = Rig(qtbot, store, FakeClock())
    alerts = RestAlerts(rig.window, store.settings, rig.clock, rig.window, tray_factory=rig._make_tray)
    alerts.prepare()
    sounds = alerts._sounds
    if sounds is None:
        pytest.skip(f"no sound here: {alerts.sound_problem}")
    assert isinstance(sounds, CueSounds) and sounds.tone == "beep"
    assert sounds.source("rest_over").name.startswith("beep-rest_over")
    store.settings.cue_tone = "bell"
    alerts.apply_settings()
    assert sounds.tone == "bell"
    alerts.shutdown()


def test_the_tray_icon_gets_the_menu_and_its_show_raises_the_window(qtbot, rig):
    from PySide6.QtWidgets import QMenu

    class FakeMenu(QMenu):
        show_requested = Signal()

    menus = []
    alerts = rig.build(menu_factory=lambda: menus.append(FakeMenu()) or menus[-1])
    alerts.rest_running(rig.clock.now() + 60)
    assert len(menus) == 1 and rig.tray.contextMenu() is menus[0]
    rig.window.show()
    qtbot.waitExposed(rig.window)
    rig.window.showMinimized()
    qtbot.waitUntil(rig.window.isMinimized)
    menus[0].show_requested.emit()
    qtbot.waitUntil(lambda: not rig.window.isMinimized())
    alerts.rest_running(rig.clock.now() + 30)
    assert len(menus) == 1  # one menu for the one icon
    alerts.shutdown()


def test_no_chime_when_sound_is_off(qtbot, rig):
    rig.store.settings.sound_on = False
    alerts = rig.build()
    alerts.rest_ended("Rest over", "Next: Squat")
    assert rig.sounds.log == []
    assert rig.sound_builds == 0


def test_the_tray_is_made_when_a_rest_first_runs(qtbot, rig):
    alerts = rig.build()
    alerts.show_remaining(80)
    assert rig.trays == []
    alerts.rest_running(rig.clock.now() + 60)
    alerts.rest_running(rig.clock.now() + 75)
    assert len(rig.trays) == 1
    assert rig.tray.isVisible()


def test_rest_end_notifies_through_the_tray(qtbot, rig):
    alerts = rig.build()
    alerts.rest_running(rig.clock.now() + 60)
    with qtbot.assertNotEmitted(alerts.fallback_notice):
        alerts.rest_ended("Rest over", "Next: Squat, set 2 of 3")
    assert rig.tray.messages == [("Rest over", "Next: Squat, set 2 of 3")]


def test_without_a_tray_the_notice_falls_back_to_the_window(qtbot, rig_without_tray):
    alerts = rig_without_tray.build()
    alerts.rest_running(rig_without_tray.clock.now() + 60)
    with qtbot.waitSignal(alerts.fallback_notice, timeout=1000) as notice:
        alerts.rest_ended("Rest over", "Next: Squat")
    assert "Rest over" in notice.args[0] and "Next: Squat" in notice.args[0]


def test_no_notice_at_all_when_notifications_are_off(qtbot, rig, rig_without_tray):
    for each in (rig, rig_without_tray):
        each.store.settings.notifications = False
        alerts = each.build()
        alerts.rest_running(each.clock.now() + 60)
        with qtbot.assertNotEmitted(alerts.fallback_notice):
            alerts.rest_ended("Rest over", "Next: Squat")
    assert rig.tray.messages == []


@pytest.fixture
def alert_calls(monkeypatch):
    calls = []
    monkeypatch.setattr(QApplication, "alert", lambda widget, msec=0: calls.append(widget))
    return calls


def test_the_taskbar_is_alerted_when_the_window_is_not_active(qtbot, rig, alert_calls):
    alerts = rig.build()
    alerts.rest_ended("Rest over", "")
    assert alert_calls == [rig.window]


def test_no_taskbar_alert_when_it_is_off(qtbot, rig, alert_calls):
    rig.store.settings.taskbar_alert = False
    alerts = rig.build()
    alerts.rest_ended("Rest over", "")
    assert alert_calls == []


def test_no_taskbar_alert_for_the_window_in_front(qtbot, rig, alert_calls):
    alerts = rig.build()
    rig.window.show()
    qtbot.waitExposed(rig.window)
    rig.window.activateWindow()
    qtbot.waitUntil(rig.window.isActiveWindow)
    alerts.rest_ended("Rest over", "")
    assert alert_calls == []


# -- no sound library on this computer ---------------------------------------------------------


@pytest.fixture
def no_multimedia(monkeypatch):
    """QtMultimedia cannot be imported, as on a computer without libpulse0."""
    monkeypatch.setitem(sys.modules, "PySide6.QtMultimedia", None)


def test_without_multimedia_a_rest_still_ends_by_every_other_means(qtbot, store, no_multimedia, alert_calls):
    rig = Rig(qtbot, store, FakeClock())
    alerts = rig.build(sounds_factory=RestSounds)  # the real sounds, which cannot load
    with qtbot.waitSignal(alerts.sound_failed, timeout=1000) as failed:
        alerts.rest_running(rig.clock.now() + 3.5)
    assert "libpulse0" in failed.args[0]
    assert alerts.sound_problem
    assert rig.tray.isVisible()
    rig.clock.advance(1)
    alerts.show_remaining(2.5)
    assert rig.tray.tooltips[-1] == "Rest: 0:03 left"
    rig.clock.advance(2.5)
    with qtbot.assertNotEmitted(alerts.sound_failed):
        alerts.rest_ended("Rest is over", "Next: Squat")
    assert rig.tray.messages == [("Rest is over", "Next: Squat")]
    assert alert_calls == [rig.window]


def test_without_multimedia_the_window_notice_still_comes_and_sound_fails_once(qtbot, store, no_multimedia):
    rig = Rig(qtbot, store, FakeClock(), with_tray=False)
    alerts = rig.build(sounds_factory=RestSounds)
    told = []
    alerts.sound_failed.connect(told.append)
    for _rest in range(2):
        alerts.rest_running(rig.clock.now() + 60)
        rig.clock.advance(60)
        with qtbot.waitSignal(alerts.fallback_notice, timeout=1000) as notice:
            alerts.rest_ended("Rest is over", "Next: Squat")
        assert notice.args[0] == "Rest is over — Next: Squat"
    assert len(told) == 1
    assert told[0] == ("Sound is unavailable on this computer (install libpulse0, then restart LiftCalm). "
                       "Rests still end on screen, with a notification.")


def test_sounds_that_cannot_be_built_are_tried_once_and_said_once(qtbot, rig):
    def unavailable(parent):
        rig.sound_builds += 1
        raise SoundUnavailable("libpulse.so.0: cannot open shared object file: No such file or directory")

    rig.store.settings.notifications = False
    alerts = rig.build(sounds_factory=unavailable)
    told = []
    alerts.sound_failed.connect(told.append)
    alerts.rest_running(rig.clock.now() + 1.2)
    alerts.rest_running(rig.clock.now() + 1.1)  # +/-15 s re-arms
    alerts.apply_settings()
    alerts.rest_ended("Rest is over", "")
    assert rig.sound_builds == 1
    assert len(told) == 1 and told[0].endswith("Rests still end on screen.")  # no notification promised: it is off
    assert alerts.sound_problem.startswith("libpulse.so.0")


def test_with_sound_off_a_missing_library_is_never_mentioned(qtbot, rig, no_multimedia):
    rig.store.settings.sound_on = False
    alerts = rig.build(sounds_factory=RestSounds)
    with qtbot.assertNotEmitted(alerts.sound_failed):
        alerts.rest_running(rig.clock.now() + 60)
        alerts.rest_ended("Rest is over", "")
    assert alerts.sound_problem is None


# -- the remaining time on the tray -----------------------------------------------------------


def test_the_tray_shows_the_remaining_seconds_and_redraws_only_on_change(qtbot, rig):
    alerts = rig.build()
    alerts.rest_running(rig.clock.now() + 90)
    plain = image(rig.tray.icon())
    icons_before = len(rig.tray.icons)
    alerts.show_remaining(84.6)
    assert rig.tray.tooltips[-1] == "Rest: 1:25 left"
    assert len(rig.tray.icons) == icons_before + 1
    eighty_five = rig.tray.icons[-1]
    assert image(eighty_five) != plain
    assert white_pixels(eighty_five) > 30  # white digits on the dark badge
    for seconds in (84.5, 84.3, 84.01):  # repaints within the same second
        alerts.show_remaining(seconds)
    assert len(rig.tray.icons) == icons_before + 1
    assert len(rig.tray.tooltips) == 2  # the plain one, then 1:25
    alerts.show_remaining(83.9)
    assert rig.tray.tooltips[-1] == "Rest: 1:24 left"
    assert image(rig.tray.icons[-1]) != image(eighty_five)


def test_a_paused_rest_says_so_and_none_puts_back_the_plain_icon(qtbot, rig):
    alerts = rig.build()
    alerts.rest_running(rig.clock.now() + 90)
    plain = image(rig.tray.icon())
    alerts.show_remaining(60)
    running = image(rig.tray.icon())
    alerts.show_remaining(60, paused=True)
    assert rig.tray.tooltips[-1] == "Rest paused: 1:00 left"
    assert image(rig.tray.icon()) not in (running, plain)
    alerts.show_remaining(None)
    assert image(rig.tray.icon()) == plain
    assert rig.tray.tooltips[-1] == QApplication.applicationDisplayName()


def test_no_time_on_the_tray_when_tray_time_is_off(qtbot, rig):
    alerts = rig.build()
    alerts.rest_running(rig.clock.now() + 90)
    alerts.show_remaining(60)
    rig.store.settings.tray_time = False
    alerts.apply_settings()  # the plain icon comes back at once
    plain_icons = len(rig.tray.icons)
    assert rig.tray.tooltips[-1] == QApplication.applicationDisplayName()
    alerts.show_remaining(59)
    assert len(rig.tray.icons) == plain_icons


def test_icon_and_tooltip_texts():
    assert icon_text(85) == "85"
    assert icon_text(99) == "99"
    assert icon_text(125) == "2:05"
    assert format_clock(85) == "1:25"
    assert format_clock(0) == "0:00"


def test_shutdown_hides_the_tray_and_stops_the_beeps(qtbot, rig):
    alerts = rig.build()
    alerts.rest_running(rig.clock.now() + 1.2)
    alerts.shutdown()
    assert not rig.tray.isVisible()
    with qtbot.assertNotEmitted(rig.sounds.played, wait=400):
        alerts.rest_running(rig.clock.now() + 1.1)


def test_no_system_tray_offscreen_means_no_tray_icon(qapp, monkeypatch):
    parent = QObject()
    assert system_tray(parent) is None  # offscreen has no tray
    monkeypatch.setattr(QSystemTrayIcon, "isSystemTrayAvailable", staticmethod(lambda: True))
    assert isinstance(system_tray(parent), QSystemTrayIcon)


def test_importing_and_building_rest_alerts_loads_no_multimedia_until_a_rest_runs(tmp_path):
    code = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication, QWidget\n"
        "from liftcalm.core.clock import FakeClock\n"
        "from liftcalm.store import Store\n"
        "from liftcalm.ui.session.rest_alerts import RestAlerts\n"
        "app = QApplication([])\n"
        f"store = Store({str(tmp_path / 'a.db')!r})\n"
        "window = QWidget()\n"
        "clock = FakeClock()\n"
        "alerts = RestAlerts(window, store.settings, clock, window)\n"
        "loaded = lambda: any(m.startswith('PySide6.QtMultimedia') for m in sys.modules)\n"
        "print(loaded())\n"
        "alerts.rest_running(clock.now() + 90)\n"
        "print(loaded())\n"
        "alerts.shutdown()\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "True"]
