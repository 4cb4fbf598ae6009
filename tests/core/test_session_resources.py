"""Resources the session timer ships: coaching lines and generated sounds."""

import json
import subprocess
import sys
import wave
from array import array

from liftcalm.paths import RESOURCES


def test_coaching_lines_are_many_varied_and_short():
    lines = json.loads((RESOURCES / "coaching.json").read_text(encoding="utf-8"))["lines"]
    assert len(lines) >= 30
    assert len({line["id"] for line in lines}) == len(lines)
    assert {line["theme"] for line in lines} >= {"effort_relief", "breathing", "useful_stress"}
    assert all(0 < len(line["text"]) <= 110 for line in lines)


def test_sounds_are_shipped_as_generated(tmp_path):
    for name, seconds in (("rest_end.wav", 1.2), ("countdown_beep.wav", 0.12)):
        with wave.open(str(RESOURCES / "sounds" / name)) as sound:
            assert (sound.getnchannels(), sound.getsampwidth(), sound.getframerate()) == (1, 2, 44100)
            assert abs(sound.getnframes() / 44100 - seconds) < 0.01
            samples = array("h", sound.readframes(sound.getnframes()))
        peak = max(abs(s) for s in samples) / 32767
        assert 0.4 < peak < 0.7 and abs(samples[0]) < 50  # audible, no click at the start
    # The generator reproduces the shipped files byte for byte.
    script = RESOURCES / "sounds" / "make_sounds.py"
    copy = tmp_path / "make_sounds.py"
    copy.write_text(script.read_text())
    subprocess.run([sys.executable, str(copy)], check=True)
    for name in ("rest_end.wav", "countdown_beep.wav"):
        assert (tmp_path / name).read_bytes() == (RESOURCES / "sounds" / name).read_bytes()
