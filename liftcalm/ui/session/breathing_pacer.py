"""A breathing pacer: a circle that fills and empties with the breath, and what to do now."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from liftcalm.core.breathing import PATTERNS, PacerPhase, pacer_at

FILL_STEPS = 200  # the circle is redrawn only when the fill moves by half a percent
EMPTY_SHARE = 0.3  # an empty breath still shows a small circle
FRAME_S = 0.04  # while the breath moves, 25 frames a second; a hold needs none until it ends


class BreathingPacer(QWidget):
    """Shows the pattern's phase at the time its owner gives; it has no timer of its own.

    The owner's repaint timer calls ``show_at`` with the seconds since the pacer started,
    measured on the session clock, so the pacer never drifts from real time, and asks
    ``changes_in()`` when to call again. The owner calls only while the pacer is shown.
    """

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._pattern_key = "cyclic_sighing"
        self._elapsed_s = 0.0
        self._phase = pacer_at(PATTERNS[self._pattern_key], 0.0)
        self._update_accessible_name()

    @property
    def pattern_key(self) -> str:
        return self._pattern_key

    @property
    def phase(self) -> PacerPhase:
        return self._phase

    def set_pattern(self, key: str) -> None:
        """Follow the pattern ``key`` of ``PATTERNS`` (at the time last shown)."""
        if key not in PATTERNS:
            raise ValueError(f"unknown breathing pattern {key!r}")
        self._pattern_key = key
        self.show_at(self._elapsed_s)

    def show_at(self, elapsed_s: float) -> None:
        self._elapsed_s = elapsed_s
        self._set_phase(pacer_at(PATTERNS[self._pattern_key], elapsed_s))

    def changes_in(self) -> float:
        """Seconds until the pacer shown by the last ``show_at`` should be drawn again."""
        step = PATTERNS[self._pattern_key].steps[self._phase.step_index]
        if step.kind == "hold":
            return max(self._phase.seconds_left_in_step, FRAME_S)
        return FRAME_S

    def _set_phase(self, phase: PacerPhase) -> None:
        old, self._phase = self._phase, phase
        if phase.label != old.label:
            self._update_accessible_name()
        if (phase.label, round(phase.lung_fill * FILL_STEPS)) != (old.label, round(old.lung_fill * FILL_STEPS)):
            self.update()

    def _update_accessible_name(self) -> None:
        self.setAccessibleName(f"Breathing pacer: {self._phase.label}")

    def sizeHint(self) -> QSize:
        return QSize(160, 160)

    def minimumSizeHint(self) -> QSize:
        return QSize(100, 110)

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        metrics = self.fontMetrics()
        label_height = metrics.height() + 4
        area = QRectF(0, 0, self.width(), self.height() - label_height)
        full = max(4.0, min(area.width(), area.height()) / 2 - 2)
        radius = full * (EMPTY_SHARE + (1 - EMPTY_SHARE) * self._phase.lung_fill)
        centre = area.center()

        highlight = palette.color(QPalette.ColorRole.Highlight)
        outline = QColor(highlight)
        outline.setAlphaF(0.35)
        painter.setPen(QPen(outline, 1.5))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(centre, full, full)  # where a full breath reaches
        fill = QColor(highlight)
        fill.setAlphaF(0.55)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(fill)
        painter.drawEllipse(centre, radius, radius)

        painter.setPen(palette.color(QPalette.ColorRole.WindowText))
        label = self._phase.label
        painter.drawText(QPointF((self.width() - metrics.horizontalAdvance(label)) / 2,
                                 area.bottom() + 2 + metrics.ascent()), label)
        painter.end()
