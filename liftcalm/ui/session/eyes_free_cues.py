"""A session without looking: spoken cues and the end-of-rest flash, as the settings say.

The sounds stay with ``RestAlerts``; this adds what a person across the gym cannot hear from a
chime: what comes next ("Rest over. Next: Barbell Back Squat, 5 reps at 100 kilograms."), the
time left ("30 seconds left.") and a flash of the window.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from liftcalm.core import spoken_cues
from liftcalm.core.clock import Clock
from liftcalm.core.models import ExerciseKind
from liftcalm.core.session_run import Phase
from liftcalm.ui.session.rest_alarm import RestAlarm
from liftcalm.ui.session.screen_flash import ScreenFlash
from liftcalm.ui.session.voice import Voice

AFTER_CHIME_MS = 600  # the voice waits for the chime, so the two are not heard over each other
MARGIN_S = 0.5  # a rest with no more than 30.5 s left gets no "30 seconds left"

VoiceFactory = Callable[[QObject], Voice]


class EyesFreeCues(QObject):
    """Speaks the session's cues and flashes the window at the end of a rest.

    Settings are read at construction and again by ``apply_settings()``: ``voice_cues``,
    ``screen_flash``, ``sound_on`` and ``volume``. ``attach(recorder, signals)`` follows a
    session (its ``SessionSignals``); the voice engine starts then, on its own thread.

    Lifetime: a child of the session page; ``shutdown()`` stops the voice thread. Where no
    engine can speak, ``notice`` says so once and the flash still works.
    """

    notice = Signal(str)  # a text to show in the window (no speech engine), once

    def __init__(self, window: QWidget, store, clock: Clock, parent: QObject | None = None, *,
                 voice_factory: VoiceFactory = Voice):
        super().__init__(parent)
        self._window = window
        self._store = store
        self._clock = clock
        self._voice_factory = voice_factory
        self._voice: Voice | None = None
        self._flash: ScreenFlash | None = None
        self._recorder = None
        self._time_left = RestAlarm(clock, self)  # fires at the moment 30 s are left
        self._time_left.rest_finished.connect(self._on_time_left_due)
        self._said_for: float | None = None  # the deadline "30 seconds left" was said for
        self._shut_down = False
        self._read_settings()

    # -- the session page's calls ------------------------------------------------------------------
    def attach(self, recorder, signals) -> None:
        """Follow ``recorder`` through its ``SessionSignals``; the connections go with ``signals``."""
        self._recorder = recorder
        self._said_for = None
        signals.changed.connect(self._on_session_changed)
        signals.time_ended_phase.connect(self._on_session_time_ended_phase)
        if self._voice_on:
            self._voice_object().start()
        self._on_session_changed()

    def detach(self) -> None:
        self._recorder = None
        self._time_left.arm(None)

    def apply_settings(self) -> None:
        """Re-read the settings after Preferences changed them."""
        self._read_settings()
        if self._voice is not None:
            self._voice.set_volume(self._volume)
        if self._voice_on and self._recorder is not None:
            self._voice_object().start()
        self._arm_time_left()

    def shutdown(self) -> None:
        self._shut_down = True
        self.detach()
        if self._voice is not None:
            self._voice.shutdown()
        if self._flash is not None:
            self._flash.stop()

    @property
    def voice(self) -> Voice | None:
        """The voice, once voice cues were wanted."""
        return self._voice

    @property
    def flash(self) -> ScreenFlash | None:
        return self._flash

    # -- what happens -----------------------------------------------------------------------------
    def _on_session_changed(self) -> None:
        self._arm_time_left()

    def _on_session_time_ended_phase(self, kind: str) -> None:
        recorder = self._recorder
        if recorder is None or self._shut_down:
            return
        run = recorder.run
        if kind == "block":  # a timed set or a calm block ended by the clock
            self._say(spoken_cues.set_over(recorder.kind is ExerciseKind.CALM))
            return
        if run.phase is Phase.FINISHED or run.current is None:
            self._say(spoken_cues.rest_over(None, None, self._store.settings.unit))
        else:
            planned = run.current
            exercise = self._store.exercises.get(planned.exercise_id)
            self._say(spoken_cues.rest_over(planned, exercise, self._store.settings.unit))
        if self._flash_on:
            self._flash_object().flash()

    def _arm_time_left(self) -> None:
        recorder = self._recorder
        deadline = recorder.run.rest_deadline() if recorder is not None else None
        wanted = (self._voice_on and deadline is not None and deadline != self._said_for
                  and deadline - self._clock.now() > spoken_cues.TIME_LEFT_CUE_S + MARGIN_S)
        self._time_left.arm(deadline - spoken_cues.TIME_LEFT_CUE_S if wanted else None)

    def _on_time_left_due(self, _at: float) -> None:
        recorder = self._recorder
        deadline = recorder.run.rest_deadline() if recorder is not None else None
        if deadline is None or not self._voice_on:
            return
        self._said_for = deadline  # said once per deadline: a tiny move of it does not repeat it
        self._say(spoken_cues.time_left(spoken_cues.TIME_LEFT_CUE_S), after_chime=False)

    def _say(self, text: str, after_chime: bool = True) -> None:
        if not self._voice_on:
            return
        voice = self._voice_object()
        if after_chime and self._sound_on:
            QTimer.singleShot(AFTER_CHIME_MS, voice, lambda: voice.say(text))
        else:
            voice.say(text)

    # -- settings and parts -------------------------------------------------------------------------
    def _read_settings(self) -> None:
        settings = self._store.settings
        self._voice_on = settings.voice_cues
        self._flash_on = settings.screen_flash
        self._sound_on = settings.sound_on
        self._volume = settings.volume

    def _voice_object(self) -> Voice:
        if self._voice is None:
            self._voice = self._voice_factory(self)
            self._voice.set_volume(self._volume)
            self._voice.unavailable.connect(self.notice)
        return self._voice

    def _flash_object(self) -> ScreenFlash:
        if self._flash is None:
            self._flash = ScreenFlash(self._window)
        return self._flash
