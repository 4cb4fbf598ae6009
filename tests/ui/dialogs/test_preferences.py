"""Preferences: the rest alerts are saved the moment they change, and reachable by keyboard."""

import re
import sys

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel

from liftcalm.store import Store
from liftcalm.ui.dialogs.preferences_dialog import ALERT_SWITCHES, PreferencesDialog
from liftcalm.ui.session.rest_sounds import SoundUnavailable


class FakeSounds:
    def __init__(self):
        self.played = []

    def set_volume(self, percent):
        self.volume = percent

    def play_rest_end(self):
        self.played.append(self.volume)


@pytest.fixture
def sounds():
    return FakeSounds()


@pytest.fixture
def saved(store):
    """The settings keys saved, in order, as the store announces them."""
    keys = []
    store.changes.subscribe(lambda change: keys.extend(change.keys))
    return keys


@pytest.fixture
def dialog(qtbot, store, sounds):
    dialog = PreferencesDialog(store, sounds_factory=lambda parent: sounds)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def sound_notes(dialog):
    """The texts shown that say sound is unavailable."""
    return [label.text() for label in dialog.findChildren(QLabel)
            if label.isVisibleTo(dialog) and "libpulse0" in label.text()]


def sound_controls(dialog):
    return [dialog.switches["sound_on"], dialog.switches["countdown_beeps"], dialog.volume, dialog.test_sound]


def test_the_dialog_shows_the_saved_alert_settings(qtbot, tmp_path):
    with Store(tmp_path / "a.db") as store:
        store.settings.tray_time = False
        store.settings.volume = 40
        dialog = PreferencesDialog(store)
        qtbot.addWidget(dialog)
        assert not dialog.switches["tray_time"].isChecked()
        assert all(dialog.switches[key].isChecked() for key, _text in ALERT_SWITCHES if key != "tray_time")
        assert dialog.volume.value() == 40
        assert dialog.volume_value.text() == "40%"
        assert sound_notes(dialog) == []  # sound can play here: nothing to say


def test_without_multimedia_the_sound_controls_say_why_and_keep_the_saved_choice(qtbot, store, saved, monkeypatch):
    monkeypatch.setitem(sys.modules, "PySide6.QtMultimedia", None)  # as without libpulse0
    dialog = PreferencesDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert sound_notes(dialog) == ["Sound is unavailable: install libpulse0 (Debian/Ubuntu: sudo apt-get install "
                                   "libpulse0), then restart LiftCalm. The other alerts still work."]
    assert not any(widget.isEnabled() for widget in sound_controls(dialog))
    assert dialog.switches["sound_on"].isChecked() and dialog.switches["countdown_beeps"].isChecked()
    assert all(dialog.switches[key].isEnabled() for key in ("notifications", "taskbar_alert", "tray_time"))
    assert store.settings.sound_on is True and store.settings.countdown_beeps is True and saved == []


def test_a_test_sound_that_cannot_play_says_why_instead_of_failing(qtbot, store, saved):
    def unavailable(parent):
        raise SoundUnavailable("libpulse.so.0: cannot open shared object file: No such file or directory")

    dialog = PreferencesDialog(store, sounds_factory=unavailable)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.mouseClick(dialog.test_sound, Qt.MouseButton.LeftButton)
    assert len(sound_notes(dialog)) == 1
    assert not any(widget.isEnabled() for widget in sound_controls(dialog))
    assert store.settings.sound_on is True and saved == []


@pytest.mark.parametrize("key", [key for key, _text in ALERT_SWITCHES])
def test_a_click_on_a_switch_saves_it_at_once(qtbot, dialog, store, saved, key):
    qtbot.mouseClick(dialog.switches[key], Qt.MouseButton.LeftButton)
    assert getattr(store.settings, key) is False and saved == [key]
    qtbot.mouseClick(dialog.switches[key], Qt.MouseButton.LeftButton)
    assert getattr(store.settings, key) is True and saved == [key, key]


def test_sound_off_disables_the_volume_test_and_beeps(qtbot, dialog):
    qtbot.mouseClick(dialog.switches["sound_on"], Qt.MouseButton.LeftButton)
    assert not dialog.volume.isEnabled()
    assert not dialog.test_sound.isEnabled()
    assert not dialog.switches["countdown_beeps"].isEnabled()
    qtbot.mouseClick(dialog.switches["sound_on"], Qt.MouseButton.LeftButton)
    assert dialog.volume.isEnabled() and dialog.test_sound.isEnabled()


def test_the_volume_slider_saves_from_the_keyboard(qtbot, dialog, store, saved):
    dialog.volume.setFocus()
    qtbot.keyClick(dialog.volume, Qt.Key.Key_Right)
    assert store.settings.volume == 85 and saved == ["volume"]
    assert dialog.volume_value.text() == "85%"
    qtbot.keyClick(dialog.volume, Qt.Key.Key_End)
    assert store.settings.volume == 100
    qtbot.keyClick(dialog.volume, Qt.Key.Key_Home)
    assert store.settings.volume == 0


def test_a_drag_saves_once_when_the_slider_is_let_go(qtbot, dialog, store):
    changes = []
    store.changes.subscribe(lambda change: changes.append(store.settings.volume))
    dialog.volume.setSliderDown(True)
    for position in (70, 60, 50, 45):
        dialog.volume.setSliderPosition(position)
    assert dialog.volume_value.text() == "45%"
    assert store.settings.volume == 80
    dialog.volume.setSliderDown(False)
    assert changes == [45]


def test_test_sound_plays_the_chime_at_the_slider_volume(qtbot, dialog, sounds):
    dialog.volume.setValue(30)
    qtbot.mouseClick(dialog.test_sound, Qt.MouseButton.LeftButton)
    assert sounds.played == [30]


def test_alt_mnemonics_reach_the_alert_settings(qtbot, dialog, store):
    qtbot.keyClick(dialog, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: store.settings.notifications is False, timeout=1000)  # an animated click
    assert dialog.switches["notifications"].hasFocus()
    qtbot.keyClick(dialog, Qt.Key.Key_V, Qt.KeyboardModifier.AltModifier)
    assert dialog.volume.hasFocus()


def test_mnemonics_are_unique_in_the_dialog(dialog):
    texts = [w.text() for w in dialog.findChildren(QAbstractButton) + dialog.findChildren(QLabel)]
    letters = [m.group(1).lower() for text in texts for m in re.finditer(r"&([^&])", text)]
    assert len(letters) >= 9
    assert len(letters) == len(set(letters)), letters


def type_field(qtbot, field, text):
    field.edit.setFocus()
    field.edit.selectAll()
    qtbot.keyClick(field.edit, Qt.Key.Key_Backspace)
    qtbot.keyClicks(field.edit, text)
    qtbot.keyClick(field.edit, Qt.Key.Key_Return)


def test_bar_and_plates_are_set_in_kilograms_and_in_pounds(qtbot, dialog, store, saved):
    from liftcalm.core.units import Unit

    assert dialog.bars[Unit.KG].edit.text() == "20" and dialog.bars[Unit.LB].edit.text() == "45"
    assert dialog.plate_fields[Unit.KG].edit.text() == "25, 20, 15, 10, 5, 2.5, 1.25"
    type_field(qtbot, dialog.bars[Unit.KG], "15")
    type_field(qtbot, dialog.plate_fields[Unit.LB], "45, 35, 25, 10x2, 5, 2.5")
    assert store.settings.plate_inventory(Unit.KG).bar == 15.0
    assert store.settings.plate_inventory(Unit.LB).plates[3] == (10.0, 2)
    assert saved == ["bar_kg", "plates_lb"]
    type_field(qtbot, dialog.plate_fields[Unit.KG], "big ones")
    assert "is not a plate" in dialog.plate_fields[Unit.KG].error and saved == ["bar_kg", "plates_lb"]
    type_field(qtbot, dialog.bars[Unit.LB], "200")
    assert "0 to 130 lb" in dialog.bars[Unit.LB].error


def test_the_warm_up_ramp_and_its_rest_are_editable(qtbot, dialog, store):
    type_field(qtbot, dialog.warmup_scheme, "bar x 5, 50% x 3, 75 x 1")
    assert [str(step) for step in store.settings.warmup_scheme] == ["bar×5", "50%×3", "75%×1"]
    assert dialog.warmup_scheme.edit.text() == "bar×5, 50%×3, 75%×1"
    type_field(qtbot, dialog.warmup_rest, "45")
    assert store.settings.warmup_rest_s == 45
    type_field(qtbot, dialog.warmup_scheme, "150% x 2")
    assert "lighter than the work" in dialog.warmup_scheme.error


def test_body_weight_is_saved_for_today_in_the_persons_unit(qtbot, store, sounds):
    from datetime import date

    from liftcalm.core.units import Unit

    store.settings.unit = Unit.LB
    dialog = PreferencesDialog(store, sounds_factory=lambda parent: sounds)
    qtbot.addWidget(dialog)
    assert "Until you give it" in dialog.body_weight_note.text()
    type_field(qtbot, dialog.body_weight, "176")
    assert store.planning.body_weight_on(date.today()) == pytest.approx(79.832, abs=0.001)
    assert dialog.body_weight_note.text().startswith("In force: 176 lb, given on ")
    type_field(qtbot, dialog.body_weight, "20")
    assert "44 to 882 lb" in dialog.body_weight.error


def test_the_cue_tone_is_saved_and_the_test_sound_plays_it(qtbot, dialog, store, saved, sounds):
    tones = []
    sounds.set_tone = tones.append
    dialog.cue_tone.setCurrentIndex(dialog.cue_tone.findData("wood"))
    assert store.settings.cue_tone == "wood" and saved == ["cue_tone"]
    qtbot.mouseClick(dialog.test_sound, Qt.MouseButton.LeftButton)
    assert tones[-1] == "wood" and sounds.played


def test_spoken_cues_and_the_flash_are_switches_saved_at_once(qtbot, dialog, store, saved):
    dialog.screen_flash.click()
    assert store.settings.screen_flash is True and saved == ["screen_flash"]
    if dialog.voice_cues.isEnabled():
        dialog.voice_cues.click()
        assert store.settings.voice_cues is True
    else:  # no speech engine here: the dialog says which packages give one
        assert "speech-dispatcher" in dialog.voice_note.text() and dialog.voice_note.isVisibleTo(dialog)


def test_the_reminder_time_and_days_are_checked_and_saved(qtbot, dialog, store, saved):
    assert not dialog.reminder_time.isEnabled()  # off until asked for
    dialog.reminder_on.click()
    assert store.settings.reminder_on is True and dialog.reminder_time.isEnabled()
    type_field(qtbot, dialog.reminder_time, "7:05")
    assert store.settings.reminder_time == "07:05" and dialog.reminder_time.edit.text() == "07:05"
    type_field(qtbot, dialog.reminder_time, "25:00")
    assert "not a time of day" in dialog.reminder_time.error and store.settings.reminder_time == "07:05"
    dialog.reminder_days[6].click()
    dialog.reminder_days[7].click()
    assert store.settings.reminder_days == "12345"
    assert saved == ["reminder_on", "reminder_time", "reminder_days", "reminder_days"]
