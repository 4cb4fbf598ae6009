"""The cue sounds as played: one file per moment and tone, private, loaded by QtMultimedia; none without it."""

import os
import stat
import sys

import pytest

from liftcalm.core.tones import CUES, cue_wav
from liftcalm.ui.session.cue_sounds import CueSounds, cue_file, sounds_folder
from liftcalm.ui.session.rest_sounds import SoundUnavailable


def mode(path):
    return stat.S_IMODE(os.stat(path).st_mode)


def test_each_moment_plays_its_own_file_in_the_chosen_tone(qtbot, private_home):
    sounds = CueSounds(tone="bell")
    folder = sounds_folder()
    assert private_home in folder.parents  # the cache folder, under the test's XDG_CACHE_HOME
    assert {cue: sounds.source(cue).name for cue in CUES} == {
        "rest_over": "bell-rest_over-v1.wav", "countdown": "bell-countdown-v1.wav", "set_over": "bell-set_over-v1.wav"}
    assert all(sounds.source(cue).read_bytes() == cue_wav("bell", cue) for cue in CUES)
    assert mode(folder) == 0o700 and all(mode(sounds.source(cue)) == 0o600 for cue in CUES)
    qtbot.waitUntil(sounds.is_ready, timeout=5000)
    sounds.set_tone("wood")
    assert sounds.tone == "wood" and sounds.source("set_over").name == "wood-set_over-v1.wav"
    sounds.set_tone("no such tone")
    assert sounds.tone == "chime"
    sounds.set_volume(40)
    for play in (sounds.play_rest_end, sounds.play_countdown_beep, sounds.play_set_over):
        play()  # no error; test_rest_sounds records that QSoundEffect really plays


def test_a_sound_is_generated_once_then_read_from_the_cache(tmp_path):
    path = cue_file("beep", "rest_over", tmp_path)
    assert path.read_bytes() == cue_wav("beep", "rest_over")
    path.write_bytes(b"kept")
    assert cue_file("beep", "rest_over", tmp_path).read_bytes() == b"kept"  # found, not generated again


def test_without_qtmultimedia_building_the_sounds_says_why(monkeypatch):
    monkeypatch.setitem(sys.modules, "PySide6.QtMultimedia", None)  # as without libpulse0
    with pytest.raises(SoundUnavailable):
        CueSounds()


def test_a_cache_folder_that_cannot_be_written_is_said_as_sound_unavailable(tmp_path):
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("")
    with pytest.raises(SoundUnavailable, match="could not be written"):
        CueSounds(folder=blocked / "cues")
