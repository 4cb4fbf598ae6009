"""Voice cues through QtTextToSpeech, spoken from a thread of their own.

Starting a speech engine can take seconds (speech-dispatcher is spawned on first use, about
1.5 s here), and some engines block while they do: the engine is built and used on the voice
thread, so the UI thread never waits for it. QtTextToSpeech is imported there too, the first
time a cue is wanted, never at start-up.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal, Slot

MOCK_ENGINE = "mock"  # Qt's engine for its own tests: it speaks nothing
STALE_S = 3.0  # a cue asked for while the engine was starting is dropped once this old
NO_ENGINE = ("Voice cues need a speech engine, and this computer has none. On Debian or Ubuntu: "
             "sudo apt-get install speech-dispatcher espeak-ng, then restart LiftCalm. "
             "The other alerts still work.")

Engines = Callable[[], Sequence[str]] | Sequence[str]


def speech_engines() -> list[str]:
    """The speech engines Qt can load here, best first, without Qt's silent test engine.

    Plugins are listed from their metadata: an engine may be listed and still fail to start
    (speechd without libspeechd), which the voice thread finds out and says.
    """
    from PySide6.QtTextToSpeech import QTextToSpeech

    return [name for name in QTextToSpeech.availableEngines() if name != MOCK_ENGINE]


class _Speaker(QObject):
    """The voice thread's side: owns the QTextToSpeech. Built on the UI thread, then moved."""

    started = Signal(str)  # the engine's name
    failed = Signal(str)  # why there is no voice
    spoken = Signal(str)  # a text handed to the engine

    def __init__(self, engines: Engines, volume: float):
        super().__init__()
        self._engines = engines
        self._volume = volume
        self._speech = None

    @Slot()
    def open(self) -> None:
        try:
            from PySide6.QtTextToSpeech import QTextToSpeech
        except ImportError as error:
            self.failed.emit(f"Voice cues are unavailable: QtTextToSpeech cannot be loaded ({error}). "
                             "The other alerts still work.")
            return
        names = list(self._engines() if callable(self._engines) else self._engines)
        problems = []
        for name in names:
            speech = QTextToSpeech(name, self)
            if speech.state() is QTextToSpeech.State.Error:
                problems.append(f"{name}: {speech.errorString() or 'it did not start'}")
                speech.setParent(None)
                continue
            self._speech = speech
            speech.setVolume(self._volume)
            self._prefer_english(speech)
            speech.errorOccurred.connect(self._on_speech_error_occurred)
            self.started.emit(name)
            return
        if problems:
            self.failed.emit("Voice cues are unavailable: no speech engine could start here ("
                             + "; ".join(problems) + "). The other alerts still work.")
        else:
            self.failed.emit(NO_ENGINE)

    @staticmethod
    def _prefer_english(speech) -> None:
        """The cues are English: keep an English voice even where the system speaks another language."""
        from PySide6.QtCore import QLocale

        if speech.locale().language() is QLocale.Language.English:
            return
        for locale in speech.availableLocales():
            if locale.language() is QLocale.Language.English:
                speech.setLocale(locale)
                return

    @Slot(str)
    def say(self, text: str) -> None:
        if self._speech is not None:
            self._speech.say(text)  # interrupts what it was saying: the newest cue is the one that counts
            self.spoken.emit(text)

    @Slot(float)
    def set_volume(self, volume: float) -> None:
        self._volume = volume
        if self._speech is not None:
            self._speech.setVolume(volume)

    def _on_speech_error_occurred(self, _reason, text: str) -> None:
        self.failed.emit(f"Voice cues stopped: the speech engine failed ({text}). The other alerts still work.")


class Voice(QObject):
    """Says short cues, as soon as an engine is up; tells once, through ``unavailable``, when none can be.

    Nothing happens until ``start()`` or the first ``say()``: then a thread starts and builds
    the engine there. ``say()`` never waits: a cue asked for while the engine starts is said
    when it is up (the latest only, and only if still fresh). ``engines`` names the engines to
    try, in order (or a function giving them, called on the voice thread); tests pass
    ``["mock"]``, Qt's silent engine, or ``[]``.

    Lifetime: call ``shutdown()`` before the parent goes (the session page's ``shutdown()``);
    it is also called when the application quits. It waits for the thread, at most a few
    seconds if an engine is still starting.
    """

    unavailable = Signal(str)  # why there is no voice: the text to show in the window, once
    ready = Signal(str)  # the engine's name, once it is up
    spoken = Signal(str)  # a cue handed to the engine

    _say_requested = Signal(str)
    _volume_requested = Signal(float)

    def __init__(self, parent: QObject | None = None, *, engines: Engines = speech_engines):
        super().__init__(parent)
        self._engines = engines
        self._thread: QThread | None = None
        self._speaker: _Speaker | None = None
        self._engine: str | None = None
        self._problem: str | None = None
        self._waiting: tuple[str, float] | None = None
        self._volume = 0.8
        self._shut_down = False
        application = QCoreApplication.instance()
        if application is not None:
            application.aboutToQuit.connect(self.shutdown)

    @property
    def engine(self) -> str | None:
        """The engine speaking, once it is up."""
        return self._engine

    @property
    def problem(self) -> str | None:
        """Why there is no voice, once that is known."""
        return self._problem

    def start(self) -> None:
        """Build the engine now, on the voice thread (a session starts); returns at once."""
        if self._thread is not None or self._problem is not None or self._shut_down:
            return
        self._thread = thread = QThread(self)
        thread.setObjectName("LiftCalm voice")

        def stop_thread() -> None:  # a plain function: it runs while this object is being destroyed
            thread.quit()
            thread.wait(5000)

        self.destroyed.connect(stop_thread)  # never a running thread destroyed with its parent
        speaker = _Speaker(self._engines, self._volume)
        speaker.moveToThread(self._thread)
        self._thread.started.connect(speaker.open)
        self._thread.finished.connect(speaker.deleteLater)  # deleted on its own thread, engine and all
        speaker.started.connect(self._on_speaker_started)
        speaker.failed.connect(self._on_speaker_failed)
        speaker.spoken.connect(self.spoken)
        self._say_requested.connect(speaker.say)
        self._volume_requested.connect(speaker.set_volume)
        self._speaker = speaker
        self._thread.start()

    def say(self, text: str) -> None:
        """Say ``text`` now, or as soon as the engine is up; nothing where there is no voice."""
        if self._problem is not None or self._shut_down:
            return
        if self._engine is None:
            self._waiting = (text, time.monotonic())
            self.start()
            return
        self._say_requested.emit(text)

    def set_volume(self, percent: int) -> None:
        """Volume from 0 to 100, as the sounds'."""
        self._volume = max(0, min(100, percent)) / 100
        if self._speaker is not None:
            self._volume_requested.emit(self._volume)

    def shutdown(self) -> None:
        """Stop the voice thread (and the engine with it); later calls do nothing."""
        self._shut_down = True
        self._waiting = None
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait(5000)
            self._thread = None
            self._speaker = None

    def _on_speaker_started(self, engine: str) -> None:
        self._engine = engine
        self.ready.emit(engine)
        waiting, self._waiting = self._waiting, None
        if waiting is not None and time.monotonic() - waiting[1] <= STALE_S:
            self._say_requested.emit(waiting[0])

    def _on_speaker_failed(self, reason: str) -> None:
        first = self._problem is None
        self._problem = reason
        self._engine = None
        self._waiting = None
        if self._thread is not None:
            self._thread.quit()  # nothing more to do there; shutdown() still waits for it
        if first:
            self.unavailable.emit(reason)
