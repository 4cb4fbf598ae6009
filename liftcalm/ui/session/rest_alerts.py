"""Everything that tells a person across the gym that the rest is over, as the settings say."""

from __future__ import annotations

import math
from typing import Callable

from PySide6.QtCore import QObject, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QMenu, QSystemTrayIcon, QWidget

from liftcalm.core.clock import Clock
from liftcalm.core.durations import format_remaining
from liftcalm.store.settings import SettingsRepository

# QtMultimedia loads only when the sounds are built (CueSounds, or RestSounds in tests)
from liftcalm.ui.session.rest_sounds import RestSounds, SoundUnavailable

COUNTDOWN_S = (3, 2, 1)  # beeps this many seconds before the deadline
STALE_S = 0.25  # a beep later than this after its second is skipped: it would count wrong
NOTIFICATION_MS = 15000
ICON_PX = 64

TrayFactory = Callable[[QObject], QSystemTrayIcon | None]
SoundsFactory = Callable[[QObject], RestSounds]  # or a CueSounds: the same calls, plus set_tone and play_set_over
MenuFactory = Callable[[], QMenu | None]


def system_tray(parent: QObject) -> QSystemTrayIcon | None:
    """A tray icon where the desktop has a system tray, else None."""
    return QSystemTrayIcon(parent) if QSystemTrayIcon.isSystemTrayAvailable() else None


def format_clock(seconds: int) -> str:
    """Whole seconds as "m:ss" ("1:25")."""
    return format_remaining(seconds)


def icon_text(seconds: int) -> str:
    """What fits on a tray icon: plain seconds below 100 ("85"), else "m:ss" ("2:05")."""
    return str(seconds) if seconds < 100 else format_clock(seconds)


class RestAlerts(QObject):
    """The countdown beeps, the end-of-rest and end-of-set sounds, notification, taskbar alert and tray time.

    Time comes from ``clock`` (the session's): each beep has its own moment on it, and one
    precise single-shot timer sleeps until the next one, checking the clock when it wakes.
    Settings are read at construction and again by ``apply_settings()``.

    The sounds are CueSounds (``core/tones.py``) in the tone of ``settings.cue_tone``: one for
    the rest's end, one for each of its last three seconds, one for a timed set or block ended
    by the clock. Lifetime: pass a ``parent`` (the session view) so the timers die with it, and
    call ``shutdown()`` when the page goes, which hides the tray icon. The sounds (and with them
    QtMultimedia) are built on first need, never at import. Where they cannot be built (no
    libpulse0), every other alert still fires and ``sound_failed`` says so, once for the life
    of this object (the session page's, so once per app run). ``tray_factory`` and
    ``sounds_factory`` let tests put fakes in place of the tray and the speakers; a sounds
    factory may raise SoundUnavailable, and its sounds get the tone by ``set_tone`` when they
    have one. ``menu_factory`` makes the tray icon's context menu (the session page's TrayMenu)
    when the icon is made; its ``show_requested``, if it has one, brings the window up.
    """

    fallback_notice = Signal(str)  # a notification is due but there is no tray: show it in the window
    sound_failed = Signal(str)  # sound cannot play on this computer: the text to show in the window, once

    def __init__(self, window: QWidget, settings: SettingsRepository, clock: Clock, parent: QObject | None = None,
                 *, tray_factory: TrayFactory = system_tray, sounds_factory: SoundsFactory | None = None,
                 menu_factory: MenuFactory | None = None):
        super().__init__(parent)
        self._window = window
        self._settings = settings
        self._clock = clock
        self._tray_factory = tray_factory
        self._sounds_factory = sounds_factory or self._cue_sounds
        self._menu_factory = menu_factory
        self._menu: QMenu | None = None  # the tray's context menu: not owned by the icon, so kept here
        self._sounds: RestSounds | None = None
        self._sound_problem: str | None = None  # why sound cannot play here, once building it failed
        self._tray: QSystemTrayIcon | None = None
        self._tray_shown: tuple[str, bool] | None = None  # (text, paused) drawn on the tray now
        self._deadline: float | None = None
        self._beeps: list[float] = []  # clock times of the beeps still to play, earliest first
        self._last_beep_at = -math.inf  # clock time the last played beep was due
        self._shut_down = False
        self._beep_timer = QTimer(self)
        self._beep_timer.setSingleShot(True)
        self._beep_timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._beep_timer.timeout.connect(self._on_beep_timer_timeout)
        self._read_settings()

    # -- the session view's calls --------------------------------------------------------------

    def prepare(self) -> None:
        """Load the sounds now (a session is starting), so the first beep is ready in time."""
        if self._sound_on and not self._shut_down:
            self._load_sounds()

    def rest_running(self, deadline: float | None) -> None:
        """A rest runs towards ``deadline`` (session clock seconds); None: no rest runs, or it is paused.

        Call again whenever the deadline moves (+/-15 s, resume, skip): the beeps are re-armed.
        """
        if self._shut_down:
            return
        self._deadline = deadline
        if deadline is not None:
            self.prepare()
            self._ensure_tray()
        self._arm_beeps()

    def show_remaining(self, seconds: float | None, paused: bool = False) -> bool:
        """Show the rest's remaining time on the tray icon; None puts back the plain icon.

        Cheap to call on every repaint: the icon is redrawn only when its text changes. Returns
        whether the tray shows the time, so the repaints go on while the window is minimised.
        """
        tray = self._tray
        if tray is None or not tray.isVisible():
            return False
        if seconds is None or not self._tray_time:
            self._show_plain_tray()
            return False
        whole = max(0, math.ceil(seconds))
        shown = (icon_text(whole), paused)
        if shown != self._tray_shown:
            self._tray_shown = shown
            tray.setIcon(self._badge_icon(shown[0], paused))
            tray.setToolTip(f"Rest{' paused' if paused else ''}: {format_clock(whole)} left")
        return True

    def rest_ended(self, title: str, message: str) -> None:
        """The rest is over: chime, notify (or emit ``fallback_notice``) and alert the taskbar."""
        self._phase_ended(title, message, set_over=False)

    def block_ended(self, title: str, message: str) -> None:
        """A timed set or block ended by the clock: as ``rest_ended``, with the set-over sound."""
        self._phase_ended(title, message, set_over=True)

    def _phase_ended(self, title: str, message: str, set_over: bool) -> None:
        if self._shut_down:
            return
        self._deadline = None
        self._stop_beeps()
        if self._sound_on:
            sounds = self._load_sounds()
            if sounds is not None:
                # RestSounds (in tests) has no set-over sound of its own: the chime stands in.
                play = getattr(sounds, "play_set_over", None) if set_over else None
                (play or sounds.play_rest_end)()
        if self._notifications:
            tray = self._ensure_tray()
            if tray is not None:
                tray.showMessage(title, message, self._plain_icon(), NOTIFICATION_MS)
            else:
                self.fallback_notice.emit(f"{title} — {message}" if message else title)
        if self._taskbar_alert and not self._window.isActiveWindow():
            QApplication.alert(self._window)  # until the window is activated

    def apply_settings(self) -> None:
        """Re-read the settings after Preferences changed them; a running rest follows at once."""
        self._read_settings()
        if self._sounds is not None:
            self._sounds.set_volume(self._volume)
            self._apply_tone()
        self._arm_beeps()
        if self._tray is not None:
            if not self._tray_time:
                self._show_plain_tray()
            self._tray.setVisible(self._tray_wanted())

    def shutdown(self) -> None:
        """Stop the timers and hide the tray icon; later calls do nothing."""
        self._shut_down = True
        self._deadline = None
        self._stop_beeps()
        if self._tray is not None:
            self._tray.hide()
            self._tray.setContextMenu(None)
        if self._menu is not None:
            self._menu.deleteLater()  # it has no parent: nothing else would delete it
            self._menu = None

    @property
    def sound_problem(self) -> str | None:
        """Why sound cannot play on this computer, once a try to load it failed; else None."""
        return self._sound_problem

    # -- settings, sounds and the tray ---------------------------------------------------------

    def _read_settings(self) -> None:
        settings = self._settings
        self._sound_on = settings.sound_on
        self._volume = settings.volume
        self._tone = settings.cue_tone
        self._countdown_beeps = settings.countdown_beeps
        self._notifications = settings.notifications
        self._taskbar_alert = settings.taskbar_alert
        self._tray_time = settings.tray_time

    def _load_sounds(self) -> RestSounds | None:
        """The sounds, built on first need; None where this computer cannot play them.

        A failure is remembered (it lasts as long as the process) and said once through
        ``sound_failed``; it is never raised into the Qt slot that asked.
        """
        if self._sounds is None and self._sound_problem is None:
            try:
                self._sounds = self._sounds_factory(self)
            except SoundUnavailable as error:
                self._sound_problem = str(error) or "sound is unavailable"
                self.sound_failed.emit(self._sound_failed_text())
                return None
            self._sounds.set_volume(self._volume)
            self._apply_tone()
        return self._sounds

    def _cue_sounds(self, parent: QObject) -> RestSounds:
        """The default sounds: the generated cues, in the chosen tone from the start."""
        from liftcalm.ui.session.cue_sounds import CueSounds

        return CueSounds(parent, tone=self._tone)

    def _apply_tone(self) -> None:
        """Play in the tone the settings say (sounds without tones, RestSounds, keep theirs)."""
        set_tone = getattr(self._sounds, "set_tone", None)
        if set_tone is None:
            return
        try:
            set_tone(self._tone)
        except OSError:
            pass  # the new tone's files cannot be written: the cues keep the tone they have

    def _sound_failed_text(self) -> str:
        other_means = "on screen, with a notification" if self._notifications else "on screen"
        return ("Sound is unavailable on this computer (install libpulse0, then restart LiftCalm). "
                f"Rests still end {other_means}.")

    def _tray_wanted(self) -> bool:
        return self._notifications or self._tray_time

    def _ensure_tray(self) -> QSystemTrayIcon | None:
        """The tray icon, made on first need; None where the desktop has no tray."""
        if self._tray is None and self._tray_wanted():
            self._tray = self._tray_factory(self)
            if self._tray is not None:
                self._tray.setIcon(self._plain_icon())
                self._tray.setToolTip(QApplication.applicationDisplayName())
                self._tray.activated.connect(self._on_tray_activated)
                self._tray.messageClicked.connect(self._on_tray_message_clicked)
                self._add_tray_menu(self._tray)
        if self._tray is not None and self._tray_wanted() and not self._tray.isVisible():
            self._tray.show()
        return self._tray

    def _add_tray_menu(self, tray: QSystemTrayIcon) -> None:
        menu = self._menu_factory() if self._menu_factory is not None else None
        if menu is None:
            return
        self._menu = menu
        show_requested = getattr(menu, "show_requested", None)
        if show_requested is not None:
            show_requested.connect(self._raise_window)
        tray.setContextMenu(menu)

    @property
    def tray_icon(self) -> QSystemTrayIcon | None:
        """The tray icon, once made (for tests, and for what the tray menu shows)."""
        return self._tray

    def _plain_icon(self) -> QIcon:
        return self._window.windowIcon()  # the application's icon unless the window has its own

    def _show_plain_tray(self) -> None:
        if self._tray is not None and self._tray_shown is not None:
            self._tray_shown = None
            self._tray.setIcon(self._plain_icon())
            self._tray.setToolTip(QApplication.applicationDisplayName())

    def _badge_icon(self, text: str, paused: bool) -> QIcon:
        """The app icon, faded, under a rounded badge with ``text`` as large as fits."""
        pixmap = QPixmap(ICON_PX, ICON_PX)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setOpacity(0.35)
        self._plain_icon().paint(painter, pixmap.rect())
        painter.setOpacity(1.0)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(96, 104, 112, 235) if paused else QColor(24, 32, 40, 235))
        painter.drawRoundedRect(pixmap.rect(), 12, 12)
        font = QFont()
        font.setBold(True)
        size = 48
        while size > 8:
            font.setPixelSize(size)
            if QFontMetrics(font).horizontalAdvance(text) <= ICON_PX - 6:
                break
            size -= 2
        painter.setFont(font)
        painter.setPen(QColor("white"))
        painter.drawText(QRect(0, 0, ICON_PX, ICON_PX), Qt.AlignmentFlag.AlignCenter, text)
        painter.end()
        return QIcon(pixmap)

    def _on_tray_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (QSystemTrayIcon.ActivationReason.Trigger, QSystemTrayIcon.ActivationReason.DoubleClick):
            self._raise_window()

    def _on_tray_message_clicked(self) -> None:
        self._raise_window()

    def _raise_window(self) -> None:
        window = self._window.window()
        if window.isMinimized():
            window.showNormal()
        elif not window.isVisible():
            window.show()
        window.raise_()
        window.activateWindow()

    # -- the 3-2-1 beeps -----------------------------------------------------------------------

    def _stop_beeps(self) -> None:
        self._beep_timer.stop()
        self._beeps = []

    def _beeps_wanted(self) -> bool:
        return self._sound_on and self._countdown_beeps and self._sound_problem is None

    def _arm_beeps(self) -> None:
        """Plan the beeps still due before the deadline, skipping any already played."""
        self._stop_beeps()
        deadline = self._deadline
        if deadline is None or not self._beeps_wanted():
            return
        now = self._clock.now()
        if now >= deadline:
            return
        # A deadline that moves by a hair must not replay a beep: the next one is due a second later.
        self._beeps = [at for at in (deadline - n for n in COUNTDOWN_S)
                       if now - at <= STALE_S and at > self._last_beep_at + 0.5]
        self._schedule_next_beep()

    def _schedule_next_beep(self) -> None:
        if self._beeps:
            remaining_ms = (self._beeps[0] - self._clock.now()) * 1000
            self._beep_timer.start(max(0, math.ceil(remaining_ms)))

    def _on_beep_timer_timeout(self) -> None:
        if not self._beeps or self._deadline is None:
            return
        now = self._clock.now()
        at = self._beeps[0]
        if now < at:  # Qt's timer woke before the session clock reached the beep
            self._schedule_next_beep()
            return
        self._beeps.pop(0)
        if now - at <= STALE_S and now < self._deadline and self._sounds is not None:
            self._last_beep_at = at
            self._sounds.play_countdown_beep()
        self._schedule_next_beep()
