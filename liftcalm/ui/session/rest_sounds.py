"""The sounds of the rest: the end-of-rest chime and the 3-2-1 countdown beeps."""

from __future__ import annotations

from PySide6.QtCore import QObject, QUrl

from liftcalm.paths import RESOURCES

SOUNDS = RESOURCES / "sounds"  # WAVs made by resources/sounds/make_sounds.py


class SoundUnavailable(Exception):
    """This computer cannot play sounds: QtMultimedia cannot be loaded (most often, libpulse0 is missing)."""


def sound_unavailable_reason() -> str | None:
    """Why QtMultimedia cannot be loaded here, or None when it can.

    Importing it is the only sure test: the module is always installed with PySide6, but a
    system library it links (libpulse.so.0) may be missing. After the first import this is a
    dictionary look-up; a failed import is retried, which is quick.
    """
    try:
        import PySide6.QtMultimedia  # noqa: F401
    except ImportError as error:
        return str(error) or "PySide6.QtMultimedia could not be imported"
    return None


class RestSounds(QObject):
    """Plays the rest's sounds through QtMultimedia.

    QtMultimedia is imported when this object is first built (when a session starts), never
    at application start-up. Building one raises SoundUnavailable where QtMultimedia cannot
    be loaded. Whether a sound plays at all is the caller's setting to check.
    """

    def __init__(self, parent: QObject | None = None):
        reason = sound_unavailable_reason()
        if reason is not None:
            raise SoundUnavailable(reason)
        super().__init__(parent)
        from PySide6.QtMultimedia import QSoundEffect

        try:
            self._rest_end = QSoundEffect(self)
            self._countdown = QSoundEffect(self)
        except RuntimeError as error:
            self.setParent(None)  # not left behind as a child of ``parent``
            raise SoundUnavailable(str(error) or "QSoundEffect could not be created") from error
        self._rest_end.setSource(QUrl.fromLocalFile(str(SOUNDS / "rest_end.wav")))
        self._countdown.setSource(QUrl.fromLocalFile(str(SOUNDS / "countdown_beep.wav")))

    def is_ready(self) -> bool:
        """True once both sounds are loaded (loading is asynchronous)."""
        from PySide6.QtMultimedia import QSoundEffect

        return all(e.status() is QSoundEffect.Status.Ready for e in (self._rest_end, self._countdown))

    def set_volume(self, percent: int) -> None:
        """Volume from 0 to 100."""
        volume = max(0, min(100, percent)) / 100
        self._rest_end.setVolume(volume)
        self._countdown.setVolume(volume)

    def play_rest_end(self) -> None:
        self._rest_end.play()

    def play_countdown_beep(self) -> None:
        self._countdown.play()
