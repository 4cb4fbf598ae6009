"""The big timer: a progress track around digits readable from across the room."""

from __future__ import annotations

import math
import re

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPalette, QPen, QPixmap
from PySide6.QtWidgets import QSizePolicy, QWidget

from liftcalm.core.durations import format_elapsed, format_remaining

DIGIT_SHARE = 0.46  # digits' cap height as a share of the dial's height, when the width allows
COMPACT_DIGIT_SHARE = 0.7  # the same, with a bar under the digits instead of a track around them
MAX_ASPECT = 1.7  # the track grows into a stadium up to this width:height, then stays centred
RING_STEPS = 720  # the ring is redrawn only when it moves by half a degree
REFERENCE_TEXT = "0:00"  # shorter texts ("Go!") get the same size as the usual digits


class RestDial(QWidget):
    """Remaining rest (or a stopwatch, or a word) in digits that scale with the widget.

    The track around the digits is a circle on a square dial and a stadium on a wide one,
    so the digits can be as tall as about 40% of the dial. When a track would make them
    shorter than a quarter of the window (a small window), the dial goes compact: bigger
    digits with a progress bar under them. Each ``show_*`` call repaints only when what is
    drawn changes, so an owner may call it on every repaint tick.
    """

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._text = ""
        self._ring: int | None = None  # remaining share in RING_STEPS; None: no progress arc
        self._paused = False
        self._digits_font = QFont(self.font())
        self._font_key: tuple | None = None  # (size, reference text, font) the digits were fitted to
        self._compact = False  # digits over a bar, not inside a track
        self._track_pixmap = QPixmap()
        self._track_key: tuple | None = None  # (size, pixel ratio, colour) the track was drawn for
        self.setAccessibleName("Timer")

    # -- what to show ------------------------------------------------------------------------------
    def show_rest(self, remaining_s: float, progress: float, paused: bool) -> None:
        """Count down: ``progress`` is the share of the rest already passed (0 to 1)."""
        text = format_remaining(remaining_s)
        left = min(1.0, max(0.0, 1.0 - progress))
        description = f"{text} left" + (", paused" if paused else "")
        self._show(text, round(left * RING_STEPS), paused, f"Rest timer: {description}")

    def show_stopwatch(self, elapsed_s: float) -> None:
        text = format_elapsed(elapsed_s)
        self._show(text, None, False, f"Stopwatch: {text}")

    def show_text(self, text: str) -> None:
        self._show(text, None, False, text or "Timer")

    @property
    def text(self) -> str:
        return self._text

    @property
    def paused(self) -> bool:
        return self._paused

    @property
    def compact(self) -> bool:
        self._fit_font()
        return self._compact

    def digit_pixel_height(self) -> int:
        """How tall a digit is drawn now, in pixels."""
        self._fit_font()
        return QFontMetricsF(self._digits_font).tightBoundingRect("0").toAlignedRect().height()

    def _show(self, text: str, ring: int | None, paused: bool, accessible: str) -> None:
        if (text, ring, paused) == (self._text, self._ring, self._paused):
            return
        if accessible != self.accessibleDescription():
            self.setAccessibleDescription(accessible)
        self._text, self._ring, self._paused = text, ring, paused
        self.update()

    # -- size ---------------------------------------------------------------------------------------
    def sizeHint(self) -> QSize:
        return QSize(360, 280)

    def minimumSizeHint(self) -> QSize:
        return QSize(160, 120)

    def _track_rect(self) -> QRectF:
        """The stadium the ring runs along: as tall as the dial allows, centred."""
        pen = self._pen_width()
        height = min(self.width(), self.height()) - pen - 4
        width = min(self.width() - pen - 4, height * MAX_ASPECT)
        return QRectF((self.width() - width) / 2, (self.height() - height) / 2, width, height)

    def _pen_width(self) -> float:
        return max(4.0, min(self.width(), self.height()) * 0.035)

    def _bar_room(self) -> float:
        """Height the compact look keeps under its digits for the bar; a stopwatch has no bar."""
        return 0.0 if self._ring is None else 3 * self._pen_width()

    def _fit_font(self) -> None:
        """Size the digits by the dial's height, then shrink them until they fit in the track."""
        reference = re.sub(r"\d", "0", self._text)
        base = QFont(self.font())
        base.setWeight(QFont.Weight.DemiBold)
        base.setStretch(QFont.Stretch.Condensed)  # taller digits in the same width, where the font has it
        base.setPixelSize(100)
        metrics = QFontMetricsF(base)
        if metrics.tightBoundingRect(reference).width() < metrics.tightBoundingRect(REFERENCE_TEXT).width():
            reference = REFERENCE_TEXT
        wanted = self.window().height() / 4  # readable from across the room
        bar_room = self._bar_room()
        key = (self.size(), reference, base.key(), wanted, bar_room)
        if key == self._font_key:
            return
        self._font_key = key
        cap = metrics.tightBoundingRect("0").height()
        half_width = metrics.tightBoundingRect(reference).width() / 2
        track = self._track_rect()
        radius = track.height() / 2 - self._pen_width() * 2  # clear of the ring by half its width
        straight = (track.width() - track.height()) / 2

        def fits(scale: float) -> bool:
            # The text box's corners must lie inside the stadium's inner edge.
            b = cap * scale / 2
            return b < radius and half_width * scale <= straight + math.sqrt(radius * radius - b * b)

        scale = DIGIT_SHARE * self.height() / cap
        while scale > 0.05 and not fits(scale):
            scale *= 0.98
        self._compact = cap * scale < wanted
        if self._compact:
            width = metrics.tightBoundingRect(reference).width()
            scale = min(COMPACT_DIGIT_SHARE * (self.height() - bar_room) / cap,
                        0.96 * self.width() / width)
        base.setPixelSize(max(1, int(100 * scale)))
        self._digits_font = base

    # -- painting -----------------------------------------------------------------------------------
    def paintEvent(self, _event) -> None:
        self._fit_font()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        highlight = palette.color(QPalette.ColorRole.Highlight)
        pen_width = self._pen_width()
        if self._compact:
            self._paint_bar(painter, highlight, pen_width)
            digits_area = QRectF(0, 0, self.width(), self.height() - self._bar_room())
        else:
            digits_area = self._paint_track(painter, highlight, pen_width)

        text_role = QPalette.ColorRole.PlaceholderText if self._paused else QPalette.ColorRole.WindowText
        painter.setPen(palette.color(text_role))
        painter.setFont(self._digits_font)
        metrics = QFontMetricsF(self._digits_font)
        cap = metrics.tightBoundingRect("0").height()
        centre = digits_area.center()
        baseline = centre.y() + cap / 2
        painter.drawText(QPointF(centre.x() - metrics.horizontalAdvance(self._text) / 2, baseline), self._text)

        if self._paused:
            caption_font = QFont(self.font())
            caption_font.setPixelSize(max(11, int(cap * 0.16)))
            caption = QFontMetricsF(caption_font)
            painter.setFont(caption_font)
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            caption_baseline = min(baseline + cap * 0.2 + caption.ascent(), digits_area.bottom() - caption.descent())
            painter.drawText(QPointF(centre.x() - caption.horizontalAdvance("Paused") / 2, caption_baseline),
                             "Paused")
        painter.end()

    def _paint_track(self, painter: QPainter, highlight: QColor, pen_width: float) -> QRectF:
        """The stadium and the time left along it; returns the rectangle the digits are centred in."""
        track = self._track_rect()
        path = _stadium_path(track)
        painter.drawPixmap(0, 0, self._track(path, pen_width, highlight))
        if self._ring:
            # A dash as long as the time left, starting at twelve o'clock and running clockwise.
            pen = QPen(highlight, pen_width, Qt.PenStyle.CustomDashLine, Qt.PenCapStyle.FlatCap)
            length = path.length() * self._ring / RING_STEPS
            pen.setDashPattern([length / pen_width, path.length() / pen_width + 1])
            painter.setPen(pen)
            painter.drawPath(path)
        return track

    def _paint_bar(self, painter: QPainter, highlight: QColor, pen_width: float) -> None:
        """The compact look's progress: a bar along the bottom, as long as the time left."""
        if self._ring is None:
            return
        bar = QRectF(2, self.height() - pen_width - 2, self.width() - 4, pen_width)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(_faint(highlight))
        painter.drawRoundedRect(bar, pen_width / 2, pen_width / 2)
        if self._ring:
            painter.setBrush(highlight)
            painter.drawRoundedRect(QRectF(bar.left(), bar.top(), bar.width() * self._ring / RING_STEPS,
                                           bar.height()), pen_width / 2, pen_width / 2)

    def _track(self, path: QPainterPath, pen_width: float, highlight: QColor) -> QPixmap:
        """The faint full track, drawn once per size: stroking it costs 1.5 ms, a copy 0.05 ms."""
        ratio = self.devicePixelRatioF()
        key = (self.size(), ratio, highlight.rgba())
        if key != self._track_key:
            self._track_key = key
            self._track_pixmap = QPixmap(self.size() * ratio)
            self._track_pixmap.setDevicePixelRatio(ratio)
            self._track_pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(self._track_pixmap)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(QPen(_faint(highlight), pen_width))
            painter.drawPath(path)
            painter.end()
        return self._track_pixmap


def _faint(colour: QColor) -> QColor:
    """The track's colour: the highlight, mostly transparent."""
    faint = QColor(colour)
    faint.setAlphaF(0.2)
    return faint


def _stadium_path(rect: QRectF) -> QPainterPath:
    """A closed stadium (a circle when ``rect`` is square), from twelve o'clock, clockwise."""
    diameter = rect.height()
    path = QPainterPath(QPointF(rect.center().x(), rect.top()))
    path.lineTo(rect.right() - diameter / 2, rect.top())
    path.arcTo(QRectF(rect.right() - diameter, rect.top(), diameter, diameter), 90, -180)
    path.lineTo(rect.left() + diameter / 2, rect.bottom())
    path.arcTo(QRectF(rect.left(), rect.top(), diameter, diameter), 270, -180)
    path.closeSubpath()
    return path
