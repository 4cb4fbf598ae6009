"""The generated cue sounds: each moment its own shape, each tone its own sound, and nothing that clicks."""

import io
import math
import wave

import pytest

from liftcalm.core import tones
from liftcalm.core.tones import CUES, MELODIES, SAMPLE_RATE, TIMBRES, TONES, cue_samples, cue_wav


def power(samples, frequency):
    """Goertzel power of one frequency over ``samples``."""
    coefficient = 2 * math.cos(2 * math.pi * frequency / SAMPLE_RATE)
    previous = before = 0.0
    for sample in samples:
        previous, before = sample + coefficient * previous - before, previous
    return previous * previous + before * before - coefficient * previous * before


def pitch_at(samples, tone, start_s, length_s=0.06):
    """Which of the tone's possible note pitches sounds loudest from ``start_s``: its ratio to the base."""
    window = samples[round(start_s * SAMPLE_RATE):round((start_s + length_s) * SAMPLE_RATE)]
    ratios = sorted({pitch for notes in MELODIES.values() for _start, _length, pitch, _gain in notes})
    return max(ratios, key=lambda ratio: power(window, TIMBRES[tone].base_hz * ratio))


@pytest.mark.parametrize("tone", TONES)
def test_each_moment_has_its_own_shape_in_every_tone(tone):
    rest_over, countdown, set_over = (cue_samples(tone, cue) for cue in CUES)
    # Rest over rises through three notes; a timed set over falls through two; the countdown is one short tick.
    assert [pitch_at(rest_over, tone, at) for at in (0.01, 0.23, 0.42)] == [1.0, 1.25, 1.5]
    assert [pitch_at(set_over, tone, at) for at in (0.01, 0.31)] == [1.5, 1.0]
    assert pitch_at(countdown, tone, 0.0, 0.08) == 2.0
    assert len(countdown) / SAMPLE_RATE < 0.1 < 0.9 < len(rest_over) / SAMPLE_RATE
    assert len({bytes(rest_over), bytes(countdown), bytes(set_over)}) == 3


def test_the_tones_sound_different_from_each_other():
    sounds = {(tone, cue): cue_wav(tone, cue) for tone in TONES for cue in CUES}
    assert len(set(sounds.values())) == len(TONES) * len(CUES)
    # A bell's partials are not whole multiples of its note: its first overtone is there, a chime's is not.
    bell, chime = cue_samples("bell", "countdown"), cue_samples("chime", "countdown")
    overtone = TIMBRES["bell"].base_hz * 2.0 * 2.756
    assert power(bell, overtone) > 50 * power(chime, overtone)
    # A wood block dies away within a tenth of a second; a beep holds its note.
    wood, beep = cue_samples("wood", "set_over"), cue_samples("beep", "set_over")
    tail = slice(round(0.85 * SAMPLE_RATE), round(0.9 * SAMPLE_RATE))
    assert max(map(abs, wood[tail])) < 0.02 * max(map(abs, wood))
    assert max(map(abs, beep[tail])) > 0.5 * max(map(abs, beep))


@pytest.mark.parametrize("tone", TONES)
@pytest.mark.parametrize("cue", CUES)
def test_every_sound_is_a_plain_wav_that_starts_and_ends_in_silence(tone, cue):
    data = cue_wav(tone, cue)
    with wave.open(io.BytesIO(data)) as file:
        assert (file.getnchannels(), file.getsampwidth(), file.getframerate()) == (1, 2, SAMPLE_RATE)
        assert file.getnframes() == len(cue_samples(tone, cue))
    samples = cue_samples(tone, cue)
    loudest = max(map(abs, samples))
    assert 0.3 * 32767 < loudest <= tones.PEAK * 32767 + 1  # loud enough, never clipping
    assert abs(samples[0]) < 0.01 * loudest and abs(samples[-1]) < 0.01 * loudest  # no click
    assert cue_wav(tone, cue) == data  # the same bytes every time


def test_the_countdown_tick_is_quieter_than_the_end_of_the_rest():
    for tone in TONES:
        assert max(map(abs, cue_samples(tone, "countdown"))) < 0.7 * max(map(abs, cue_samples(tone, "rest_over")))
