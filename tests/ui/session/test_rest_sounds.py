"""The chime is really played: record a PulseAudio null sink while a rest ends and find it."""

import array
import math
import os
import shutil
import signal
import subprocess
import sys
import time

import pytest
from PySide6.QtCore import QObject

from liftcalm.core.clock import SuspendAwareClock
from liftcalm.ui.session.rest_alarm import RestAlarm

RATE = 44100


def pulse_running() -> bool:
    return shutil.which("pactl") is not None and subprocess.run(
        ["pactl", "info"], capture_output=True, timeout=10).returncode == 0


@pytest.fixture(scope="module")
def null_sink():
    with pytest.MonkeyPatch.context() as patch:
        yield _start_null_sink(patch)


def _start_null_sink(patch):
    """A PulseAudio server with a null sink: CI starts one; otherwise start one if we can."""
    if not pulse_running() and shutil.which("pulseaudio"):
        subprocess.run(["pulseaudio", "-D", "--exit-idle-time=-1", "-n", "--load=module-null-sink",
                        "--load=module-native-protocol-unix"], capture_output=True, timeout=30)
        for _ in range(50):
            if pulse_running():
                break
            time.sleep(0.1)
    if not pulse_running() or shutil.which("parec") is None:
        if os.environ.get("CI"):
            pytest.fail("CI must provide PulseAudio with a null sink and parec (see .ci/run)")
        pytest.skip("no PulseAudio server with parec here (apt-get install pulseaudio pulseaudio-utils)")
    # Pin the server address: the tests move HOME, where clients otherwise look for it.
    info = subprocess.run(["pactl", "info"], capture_output=True, text=True).stdout
    server = next(line.split(":", 1)[1].strip() for line in info.splitlines() if line.startswith("Server String"))
    patch.setenv("PULSE_SERVER", server if server.startswith(("unix:", "tcp:")) else f"unix:{server}")
    cookie = os.path.expanduser("~/.config/pulse/cookie")
    if os.path.exists(cookie):
        patch.setenv("PULSE_COOKIE", cookie)
    sinks = subprocess.run(["pactl", "list", "short", "sinks"], capture_output=True, text=True).stdout
    if "null" not in sinks:
        subprocess.run(["pactl", "load-module", "module-null-sink", "sink_name=null"], capture_output=True)
    subprocess.run(["pactl", "set-default-sink", "null"], capture_output=True)
    return "null.monitor"


def tone_power(samples, frequency: float) -> float:
    """Goertzel power of one frequency over ``samples``."""
    coefficient = 2 * math.cos(2 * math.pi * frequency / RATE)
    previous = before = 0.0
    for sample in samples:
        previous, before = sample + coefficient * previous - before, previous
    return previous * previous + before * before - coefficient * previous * before


def test_the_chime_sounds_when_a_rest_ends(qtbot, null_sink, tmp_path):
    from liftcalm.ui.session.rest_sounds import RestSounds

    sounds = RestSounds()
    sounds.set_volume(100)
    qtbot.waitUntil(sounds.is_ready, timeout=5000)
    clock = SuspendAwareClock()
    alarm = RestAlarm(clock)
    alarm.rest_finished.connect(lambda _deadline: sounds.play_rest_end())
    recording = tmp_path / "monitor.raw"
    with open(recording, "wb") as output:
        recorder = subprocess.Popen(["parec", "-d", null_sink, "--format=s16le", "--channels=1", f"--rate={RATE}",
                                     "--latency-msec=20"], stdout=output)
    try:
        # A freshly started server can take a while to deliver the first samples: wait for them.
        qtbot.waitUntil(lambda: recording.stat().st_size > RATE // 5, timeout=15000)
        with qtbot.waitSignal(alarm.rest_finished, timeout=3000):
            alarm.arm(clock.now() + 0.4)
        qtbot.wait(2200)  # the chime lasts 1.2 s
    finally:
        recorder.send_signal(signal.SIGINT)  # parec writes out what it holds, then exits
        recorder.wait(timeout=10)
    samples = array.array("h", recording.read_bytes()[: recording.stat().st_size // 2 * 2])
    assert len(samples) > RATE, "the recording is too short to hold the chime"
    peak = max(abs(s) for s in samples) / 32767
    assert peak > 0.2, f"silence: peak {peak:.3f}"
    # Find the loudest 0.2 s and check it is the chime's 880 Hz note, not noise.
    window = RATE // 5
    start = max(range(0, len(samples) - window, window // 4),
                key=lambda i: sum(abs(s) for s in samples[i:i + window:16]))
    chunk = samples[start:start + window]
    assert tone_power(chunk, 880) > 50 * tone_power(chunk, 600)


def test_without_multimedia_building_the_sounds_says_why(qapp, monkeypatch):
    from liftcalm.ui.session.rest_sounds import RestSounds, SoundUnavailable, sound_unavailable_reason

    monkeypatch.setitem(sys.modules, "PySide6.QtMultimedia", None)  # as without libpulse0
    assert sound_unavailable_reason()
    parent = QObject()
    with pytest.raises(SoundUnavailable):
        RestSounds(parent)
    assert parent.children() == []  # nothing half-built is left behind
