"""Voice cues: spoken through a real engine (Qt's silent "mock" one), said kindly when there is none,
and never waiting on the UI thread for an engine that starts slowly."""

import subprocess
import sys
import time

from PySide6.QtCore import QTimer

from liftcalm.ui.session import voice as voice_module
from liftcalm.ui.session.voice import NO_ENGINE, Voice

REST_OVER = "Rest over. Next: Barbell Back Squat, 5 reps at 100 kilograms."


def test_a_cue_is_handed_to_the_engine_once_it_is_up(qtbot):
    voice = Voice(engines=["mock"])
    spoken = []
    voice.spoken.connect(spoken.append)
    with qtbot.waitSignal(voice.ready, timeout=5000) as ready:
        voice.say(REST_OVER)  # before the engine is up: said as soon as it is
    assert ready.args == ["mock"] and voice.engine == "mock"
    qtbot.waitUntil(lambda: spoken == [REST_OVER], timeout=5000)
    voice.say("30 seconds left.")
    qtbot.waitUntil(lambda: spoken == [REST_OVER, "30 seconds left."], timeout=5000)
    voice.shutdown()
    voice.say("after the end")  # nothing, and no error
    assert voice.problem is None


def test_with_no_engine_it_says_so_once_and_stays_quiet(qtbot):
    voice = Voice(engines=[])
    told, spoken = [], []
    voice.unavailable.connect(told.append)
    voice.spoken.connect(spoken.append)
    voice.say(REST_OVER)
    qtbot.waitUntil(lambda: bool(told), timeout=5000)
    voice.say("30 seconds left.")
    voice.start()
    qtbot.wait(50)
    assert told == [NO_ENGINE]
    assert "sudo apt-get install speech-dispatcher espeak-ng" in NO_ENGINE
    assert spoken == [] and voice.problem == NO_ENGINE
    voice.shutdown()


def test_an_engine_that_cannot_start_is_named(qtbot):
    voice = Voice(engines=["no-such-engine", "mock"])
    with qtbot.waitSignal(voice.ready, timeout=5000):
        voice.start()
    assert voice.engine == "mock"  # the next one in the list speaks
    voice.shutdown()
    lone = Voice(engines=["no-such-engine"])
    with qtbot.waitSignal(lone.unavailable, timeout=5000) as told:
        lone.start()
    assert told.args[0].startswith("Voice cues are unavailable: no speech engine could start here (no-such-engine:")
    lone.shutdown()


def test_a_slow_engine_never_holds_up_the_ui_thread(qtbot):
    def slow_engines():  # runs on the voice thread, as a speech daemon being spawned does
        time.sleep(1.0)
        return ["mock"]

    voice = Voice(engines=slow_engines)
    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start(20)
    began = time.monotonic()
    voice.say(REST_OVER)
    returned_after = time.monotonic() - began
    with qtbot.waitSignal(voice.spoken, timeout=5000):
        pass
    timer.stop()
    assert returned_after < 0.05
    assert time.monotonic() - began >= 1.0
    gaps = [later - earlier for earlier, later in zip(ticks, ticks[1:])]
    assert len(ticks) > 20 and max(gaps) < 0.25  # the event loop went on while the engine started
    voice.shutdown()


def test_a_cue_gone_stale_while_the_engine_started_is_dropped(qtbot, monkeypatch):
    monkeypatch.setattr(voice_module, "STALE_S", 0.1)

    def slow_engines():
        time.sleep(0.4)
        return ["mock"]

    voice = Voice(engines=slow_engines)
    spoken = []
    voice.spoken.connect(spoken.append)
    with qtbot.waitSignal(voice.ready, timeout=5000):
        voice.say("30 seconds left.")
    qtbot.wait(100)
    assert spoken == []  # "30 seconds left" said half a second late would be wrong
    voice.shutdown()


def test_importing_the_voice_loads_no_speech_library():
    code = ("import sys\nfrom PySide6.QtWidgets import QApplication\napp = QApplication([])\n"
            "from liftcalm.ui.session.voice import Voice\nvoice = Voice()\n"
            "print('PySide6.QtTextToSpeech' in sys.modules)\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                            env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})
    assert result.stdout.strip() == "False", result.stderr


def test_a_voice_dropped_without_shutdown_stops_its_thread(qtbot):
    import gc

    voice = Voice(engines=["mock"])
    with qtbot.waitSignal(voice.ready, timeout=5000):
        voice.start()
    thread = voice.findChild(type(voice._thread))
    assert thread.isRunning()
    del voice, thread
    gc.collect()  # without the hook Qt aborts here: "QThread: Destroyed while thread is still running"
