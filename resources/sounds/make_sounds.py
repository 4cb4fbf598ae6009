"""Generate LiftCalm's sound effects as WAV files.

Writes, into the folder this script lives in:

- rest_end.wav        a soft two-tone chime (880 Hz, then 1318.5 Hz) for the end of a rest, 1.2 s
- countdown_beep.wav  a short 1000 Hz beep for the last seconds of a rest, 0.12 s

Both are 16-bit signed PCM, mono, 44100 Hz. Every sound starts with a 5 ms fade-in so it never
clicks. The output is deterministic: every run writes the same bytes.

Run from the repository root (standard library only, no dependencies):

    python resources/sounds/make_sounds.py
"""

from __future__ import annotations

import math
import struct
import wave
from pathlib import Path

SAMPLE_RATE = 44_100
FULL_SCALE = 32_767
FADE_SECONDS = 0.005

# (harmonic number, relative amplitude): a little overtone colour, kept low so the chime stays soft.
CHIME_HARMONICS = ((1, 1.0), (2, 0.2), (3, 0.06))
PURE_TONE = ((1, 1.0),)


def seconds_to_samples(seconds: float) -> int:
    """The number of samples in ``seconds`` of audio."""
    return round(seconds * SAMPLE_RATE)


def fade_gain(index: int, fade_samples: int) -> float:
    """A raised-cosine ramp from 0 (at index 0) to 1 (at ``fade_samples`` and after)."""
    if index >= fade_samples:
        return 1.0
    return 0.5 - 0.5 * math.cos(math.pi * index / fade_samples)


def decaying_tone(
    frequency: float,
    duration: float,
    decay_seconds: float,
    harmonics: tuple[tuple[int, float], ...],
) -> list[float]:
    """A tone with the given harmonics, faded in over 5 ms and decaying exponentially."""
    fade_samples = seconds_to_samples(FADE_SECONDS)
    samples = []
    for index in range(seconds_to_samples(duration)):
        t = index / SAMPLE_RATE
        value = sum(
            amplitude * math.sin(2.0 * math.pi * frequency * number * t)
            for number, amplitude in harmonics
        )
        samples.append(value * math.exp(-t / decay_seconds) * fade_gain(index, fade_samples))
    return samples


def fade_out(samples: list[float], fade_samples: int) -> list[float]:
    """``samples`` with their last ``fade_samples`` ramped down to silence."""
    total = len(samples)
    return [
        value * fade_gain(total - 1 - index, fade_samples) for index, value in enumerate(samples)
    ]


def mix_into(buffer: list[float], sound: list[float], start: int, gain: float = 1.0) -> None:
    """Add ``sound`` (times ``gain``) into ``buffer`` from sample ``start``, cut at its end."""
    for offset, value in enumerate(sound[: len(buffer) - start]):
        buffer[start + offset] += gain * value


def normalised(samples: list[float], peak: float) -> list[float]:
    """``samples`` scaled so the loudest one is ``peak`` of full scale."""
    loudest = max(abs(value) for value in samples)
    return [value * peak / loudest for value in samples]


def rest_end_chime() -> list[float]:
    """The end-of-rest chime: 880 Hz, then 1318.5 Hz (a fifth above) 0.4 s later; 1.2 s long."""
    duration = 1.2
    second_note_start = 0.4
    buffer = [0.0] * seconds_to_samples(duration)
    mix_into(buffer, decaying_tone(880.0, duration, 0.30, CHIME_HARMONICS), 0)
    mix_into(
        buffer,
        decaying_tone(1318.5, duration - second_note_start, 0.22, CHIME_HARMONICS),
        seconds_to_samples(second_note_start),
        gain=0.8,
    )
    return normalised(fade_out(buffer, seconds_to_samples(0.03)), peak=0.6)


def countdown_beep() -> list[float]:
    """The countdown beep: 1000 Hz for 0.12 s, faded in and out over 5 ms."""
    tone = decaying_tone(1000.0, 0.12, math.inf, PURE_TONE)  # math.inf: no decay
    return normalised(fade_out(tone, seconds_to_samples(FADE_SECONDS)), peak=0.5)


def write_wav(path: Path, samples: list[float]) -> None:
    """Write ``samples`` (floats in -1..1) as a 16-bit signed PCM, mono, 44100 Hz WAV file."""
    pcm = (round(max(-1.0, min(1.0, value)) * FULL_SCALE) for value in samples)
    frames = struct.pack(f"<{len(samples)}h", *pcm)
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(SAMPLE_RATE)
        wav.writeframes(frames)


def main() -> None:
    """Write every sound next to this script."""
    folder = Path(__file__).resolve().parent
    for name, samples in (
        ("rest_end.wav", rest_end_chime()),
        ("countdown_beep.wav", countdown_beep()),
    ):
        path = folder / name
        write_wav(path, samples)
        print(f"wrote {path} ({len(samples) / SAMPLE_RATE:.2f} s)")


if __name__ == "__main__":
    main()
