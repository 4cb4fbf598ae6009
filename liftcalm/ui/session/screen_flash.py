"""A soft flash over the window at the end of a rest, to be seen across the gym.

Two slow pulses of the palette's highlight colour, well under three flashes a second (the
WCAG limit for flashing), never full strength, and never over input: clicks and keys go to
the window beneath. Only a window that is shown flashes; a hidden or minimised one has the
tray, the notification and the taskbar alert instead.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QEasingCurve, Qt, QVariantAnimation
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import QWidget

PULSES = 2
PULSE_MS = 700  # one pulse up and down: about 1.4 flashes a second
PEAK_ALPHA = 0.55


class ScreenFlash(QWidget):
    """An overlay over ``window``, hidden until ``flash()``; then it pulses and hides again.

    Lifetime: a child of ``window``, so it goes with it. Its animation runs only while it pulses.
    """

    def __init__(self, window: QWidget):
        super().__init__(window)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAccessibleName("End of rest flash")
        self._alpha = 0.0
        self._animation = QVariantAnimation(self)
        self._animation.setStartValue(0.0)
        self._animation.setEndValue(float(PULSES))
        self._animation.setDuration(PULSES * PULSE_MS)
        self._animation.setEasingCurve(QEasingCurve.Type.Linear)
        self._animation.valueChanged.connect(self._on_animation_value_changed)
        self._animation.finished.connect(self.hide)
        self.hide()

    @property
    def alpha(self) -> float:
        """How strongly it covers the window now, from 0 to ``PEAK_ALPHA``."""
        return self._alpha

    def flash(self) -> bool:
        """Pulse over the window now; False (and nothing shown) when the window is not on screen."""
        window = self.parentWidget()
        if window is None or not window.isVisible() or window.isMinimized():
            return False
        self.setGeometry(window.rect())
        self.raise_()
        self._alpha = 0.0
        self.show()
        self._animation.stop()
        self._animation.start()
        return True

    def stop(self) -> None:
        self._animation.stop()
        self.hide()

    def _on_animation_value_changed(self, value: float) -> None:
        # Each pulse rises and falls as half a sine wave: smooth, with no hard edge.
        self._alpha = PEAK_ALPHA * math.sin(math.pi * (value % 1.0))
        self.update()

    def paintEvent(self, _event) -> None:
        colour = QColor(self.palette().color(QPalette.ColorRole.Highlight))
        colour.setAlphaF(max(0.0, min(1.0, self._alpha)))
        painter = QPainter(self)
        painter.fillRect(self.rect(), colour)
        painter.end()
