"""The sounds of the rest: the end-of-rest chime and the 3-2-1 countdown beeps."""

from __future__ import annotations

from PySide6.QtCore import QObject, QUrl

from liftcalm.paths import RESOURCES

SOUNDS = RESOURCES / "sounds"  # WAVs made by resources/sounds/make_sounds.py


class RestSounds(QObject):
    """Plays the rest's sounds through QtMultimedia.

    QtMultimedia is imported when this object is first built (when a session starts), never
    at application start-up. Whether a sound plays at all is the caller's setting to check.
    """

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        from PySide6.QtMultimedia import QSoundEffect

        self._rest_end = QSoundEffect(self)
        self._rest_end.setSource(QUrl.fromLocalFile(str(SOUNDS / "rest_end.wav")))
        self._countdown = QSoundEffect(self)
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
