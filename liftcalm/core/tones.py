"""The session's cue sounds, generated: one sound per moment, in a few tones to choose from.

A *cue* is the moment: the rest is over (three notes rising), the last three seconds of a rest
(one short high tick, played each second) and a timed set is over (two notes falling). A *tone*
is the timbre all three are played in: a soft chime, a bell, a plain beep or a wood block. So
the moments stay told apart by their shape whatever the tone, and the tones by their sound.

Everything is computed here, with the standard library only: 16-bit mono PCM at 22 050 Hz,
deterministic (the same bytes every run), each note faded in over 5 ms and out at its end so
nothing clicks. No Qt: ``ui/session/cue_sounds.py`` plays them.
"""

from __future__ import annotations

import io
import math
import wave
from array import array
from dataclasses import dataclass

SAMPLE_RATE = 22_050
FADE_S = 0.005
VERSION = 1  # part of the cached files' names: change it when a sound changes

CUES = ("rest_over", "countdown", "set_over")
TONES = ("chime", "bell", "beep", "wood")
TONE_NAMES = {"chime": "Soft chime", "bell": "Bell", "beep": "Beep", "wood": "Wood block"}
DEFAULT_TONE = "chime"


@dataclass(frozen=True)
class Timbre:
    partials: tuple[tuple[float, float], ...]  # (frequency ratio to the note, amplitude)
    decay_s: float | None  # exponential decay time; None: held, then faded out
    base_hz: float  # the pitch the cues' notes are built on


TIMBRES = {
    "chime": Timbre(((1.0, 1.0), (2.0, 0.2), (3.0, 0.06)), 0.45, 660.0),
    # A struck bell's partials are not whole multiples: that is what makes it sound like one.
    "bell": Timbre(((1.0, 1.0), (2.756, 0.33), (5.404, 0.12)), 0.8, 523.25),
    "beep": Timbre(((1.0, 1.0),), None, 880.0),
    "wood": Timbre(((1.0, 1.0), (2.9, 0.25)), 0.05, 440.0),
}

# Each cue as notes: (start s, length s, pitch as a ratio of the tone's base, loudness).
MELODIES = {
    "rest_over": ((0.0, 0.22, 1.0, 1.0), (0.18, 0.22, 1.25, 1.0), (0.36, 0.6, 1.5, 1.0)),  # up: root, third, fifth
    "countdown": ((0.0, 0.09, 2.0, 0.6),),  # one short tick, an octave up
    "set_over": ((0.0, 0.3, 1.5, 1.0), (0.26, 0.7, 1.0, 1.0)),  # down: fifth, root
}
PEAK = 0.7  # of full scale: loud enough across a gym at full volume, with room left


def cue_samples(tone: str, cue: str) -> array:
    """The cue ``cue`` in the tone ``tone`` as 16-bit samples at ``SAMPLE_RATE``."""
    timbre = TIMBRES[tone]
    notes = MELODIES[cue]
    length = max(start + duration for start, duration, _pitch, _gain in notes)
    mix = [0.0] * _samples(length)
    for start, duration, pitch, gain in notes:
        offset = _samples(start)
        for index, value in enumerate(_note(timbre, timbre.base_hz * pitch, duration)):
            mix[offset + index] += gain * value
    loudest = max(abs(value) for value in mix) or 1.0
    scale = 32767 * PEAK * max(gain for *_rest, gain in notes) / loudest
    return array("h", (round(value * scale) for value in mix))


def cue_wav(tone: str, cue: str) -> bytes:
    """The cue as a WAV file's bytes (mono, 16-bit, ``SAMPLE_RATE``)."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as file:
        file.setnchannels(1)
        file.setsampwidth(2)
        file.setframerate(SAMPLE_RATE)
        file.writeframes(cue_samples(tone, cue).tobytes())
    return buffer.getvalue()


def _samples(seconds: float) -> int:
    return round(seconds * SAMPLE_RATE)


def _note(timbre: Timbre, frequency: float, duration: float) -> list[float]:
    count = _samples(duration)
    fade = _samples(FADE_S)
    steps = [2.0 * math.pi * frequency * ratio / SAMPLE_RATE for ratio, _amplitude in timbre.partials]
    amplitudes = [amplitude for _ratio, amplitude in timbre.partials]
    decay = 1.0 if timbre.decay_s is None else math.exp(-1.0 / (timbre.decay_s * SAMPLE_RATE))
    envelope = 1.0
    values = []
    for index in range(count):
        value = sum(amplitude * math.sin(step * index) for step, amplitude in zip(steps, amplitudes))
        edge = min(index, count - 1 - index)  # fade in at the start, out at the end
        ramp = 1.0 if edge >= fade else 0.5 - 0.5 * math.cos(math.pi * edge / fade)
        values.append(value * envelope * ramp)
        envelope *= decay
    return values
