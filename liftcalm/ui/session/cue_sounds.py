"""Plays the session's generated cue sounds (``core/tones.py``): rest over, the last seconds, timed set over.

A drop-in for ``RestSounds`` (``is_ready``, ``set_volume``, ``play_rest_end``,
``play_countdown_beep``) with one sound more (``play_set_over``) and a choice of tone.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, QUrl

from liftcalm.core.tones import CUES, DEFAULT_TONE, TONES, VERSION, cue_wav
from liftcalm.paths import make_private_folder, write_atomically
from liftcalm.ui.session.rest_sounds import SoundUnavailable, sound_unavailable_reason


def sounds_folder() -> Path:
    """Where the generated WAVs are kept between runs (the user's cache folder; 0700, files 0600)."""
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.CacheLocation)) / "cues"


def cue_file(tone: str, cue: str, folder: Path | None = None) -> Path:
    """The WAV of ``cue`` in ``tone``, generated and written the first time it is asked for.

    Generating the three cues of a tone takes about 50 ms, once per computer; after that this
    is a look at the folder. Raises OSError when the folder cannot be written.
    """
    folder = folder or sounds_folder()
    path = folder / f"{tone}-{cue}-v{VERSION}.wav"
    if not path.is_file():
        make_private_folder(folder)
        write_atomically(path, cue_wav(tone, cue))
    return path


class CueSounds(QObject):
    """The three cue sounds in the chosen tone, through QSoundEffect.

    QtMultimedia is imported when one is built (a session starting), never at start-up.
    Building one raises SoundUnavailable where QtMultimedia cannot be loaded, or where the
    sounds cannot be written to the cache folder. Loading a tone is asynchronous: ``is_ready()``.
    """

    def __init__(self, parent: QObject | None = None, *, tone: str = DEFAULT_TONE, folder: Path | None = None):
        reason = sound_unavailable_reason()
        if reason is not None:
            raise SoundUnavailable(reason)
        super().__init__(parent)
        from PySide6.QtMultimedia import QSoundEffect

        self._folder = folder
        self._tone: str | None = None
        try:
            self._effects = {cue: QSoundEffect(self) for cue in CUES}
        except RuntimeError as error:
            self.setParent(None)  # not left behind as a child of ``parent``
            raise SoundUnavailable(str(error) or "QSoundEffect could not be created") from error
        try:
            self.set_tone(tone)
        except OSError as error:
            self.setParent(None)
            raise SoundUnavailable(f"the sounds could not be written ({error.strerror or error})") from error

    @property
    def tone(self) -> str | None:
        return self._tone

    def set_tone(self, tone: str) -> None:
        """Play the cues in ``tone`` from now on (an unknown name falls back to the default)."""
        tone = tone if tone in TONES else DEFAULT_TONE
        if tone == self._tone:
            return
        self._tone = tone
        for cue, effect in self._effects.items():
            effect.setSource(QUrl.fromLocalFile(str(cue_file(tone, cue, self._folder))))

    def source(self, cue: str) -> Path:
        return Path(self._effects[cue].source().toLocalFile())

    def is_ready(self) -> bool:
        """True once every sound of the tone is loaded."""
        from PySide6.QtMultimedia import QSoundEffect

        return all(effect.status() is QSoundEffect.Status.Ready for effect in self._effects.values())

    def set_volume(self, percent: int) -> None:
        """Volume from 0 to 100."""
        volume = max(0, min(100, percent)) / 100
        for effect in self._effects.values():
            effect.setVolume(volume)

    def play(self, cue: str) -> None:
        self._effects[cue].play()

    def play_rest_end(self) -> None:
        self.play("rest_over")

    def play_countdown_beep(self) -> None:
        self.play("countdown")

    def play_set_over(self) -> None:
        self.play("set_over")
