"""The big timer: a progress track around digits readable from across the room."""

from __future__ import annotations

import bisect
import math
import re

from PySide6.QtCore import QEvent, QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QPixmap,
    QPolygonF,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from liftcalm.core.durations import format_elapsed, format_remaining

DIGIT_SHARE = 0.46  # digits' cap height as a share of the dial's height, when the width allows
COMPACT_DIGIT_SHARE = 0.7  # the same, with a bar under the digits instead of a track around them
MAX_ASPECT = 1.7  # the track grows into a stadium up to this width:height, then stays centred
RING_STEPS = 720  # the ring is redrawn only when it moves by half a degree
REFERENCE_TEXT = "0:00"  # shorter texts ("Go!") get the same size as the usual digits
CACHED_GLYPHS = frozenset("0123456789:")  # what a countdown or a stopwatch shows, drawn from pixmaps
PATCH_SHARE = 0.03  # the ring or bar moving by more than this share of its length repaints the whole dial
ARC_STEP_DEGREES = 1.0  # the track's ends as chords this long: 0.01 px from a true arc on a 270 px radius
_ZEROS = str.maketrans("123456789", "000000000")  # "14:59" has the shape of "00:00"


class RestDial(QWidget):
    """Remaining rest (or a stopwatch, or a word) in digits that scale with the widget.

    The track around the digits is a circle on a square dial and a stadium on a wide one,
    so the digits can be as tall as about 40% of the dial. When a track would make them
    shorter than a quarter of the window (a small window), the dial goes compact: bigger
    digits with a progress bar under them. Each ``show_*`` call repaints only when what is
    drawn changes, so an owner may call it on every repaint tick.

    A repaint comes once a second during a rest, so it is kept cheap: only the digits and the
    end of the ring (or bar) that moved are repainted; Qt fills glyphs this large as paths
    each time, so the digits are drawn from pixmaps made once per font and colour; and the
    time left is a solid stroke along part of the track, not a dash pattern.
    """

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._text = ""
        self._ring: int | None = None  # remaining share in RING_STEPS; None: no progress arc
        self._paused = False
        self._digits_font = QFont(self.font())
        self._font_key: tuple | None = None  # (size, reference text, font) the digits were fitted to
        self._fit_key: tuple | None = None  # the same in plain values, checked first: once a second, it is cheap
        self._metrics = QFontMetricsF(self._digits_font)  # of the fitted digits, with what follows from them
        self._cap = 0.0
        self._track_box = QRectF()
        self._inner_path = QPainterPath()  # inside the ring: digits there repaint without the track
        self._glyph_boxes: dict[str, QRect] = {}
        # Once a second the same few values are asked for again: kept per fit of the digits.
        self._font_key = ""  # the fitted font's key() (it is built by formatting the font: not cheap)
        self._advances: dict[str, float] = {}  # horizontalAdvance of each text (and its starts) drawn
        self._origin: tuple | None = None  # (text, fit key, _text_origin()) for the last text
        self._compact = False  # digits over a bar, not inside a track
        self._track_pixmap = QPixmap()
        self._track_key: tuple | None = None  # (size, pixel ratio, colour) the track was drawn for
        self._glyphs: dict[str, tuple[QPixmap, QPointF]] = {}  # a digit's pixmap and its offset from the pen
        self._glyphs_key: tuple | None = None  # (font, colour, pixel ratio) the glyphs were drawn with
        self._stadium: _Stadium | None = None  # the track's outline, made once per size
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
        old_text, old_ring, old_paused = self._text, self._ring, self._paused
        before = self._layout() if self.isVisible() else None
        self._text, self._ring, self._paused = text, ring, paused
        after = self._layout() if before is not None else None
        if before is None or paused != old_paused or before[:2] != after[:2] or (old_ring is None) != (ring is None):
            self.update()  # a new look (font, compact, paused caption, a bar or none): all of it
            return
        dirty = []
        if text != old_text:
            dirty.append(self._changed_text(old_text, before[2], text, after[2]))
        if ring != old_ring:
            patch = self._ring_patch(old_ring, ring)
            if patch is None:
                self.update()
                return
            dirty.append(patch)
        self._update_each(dirty)

    def _update_each(self, rects: list[QRect]) -> None:
        """Repaint ``rects``, each paint clipped to one rectangle.

        Qt draws pixmaps under a clip of several rectangles on its worker threads, waking them
        about ten times a paint; so two far-apart rectangles are painted apart, one at once.
        """
        if len(rects) == 2:
            first, second = rects
            bounding = first.united(second)
            if _area(bounding) <= 1.5 * (_area(first) + _area(second)):
                rects = [bounding]
            else:
                self.repaint(second)
                rects = [first]
        for rect in rects:
            self.update(rect)

    def _layout(self) -> tuple:
        """(font, compact, where the text starts) as the next paint would draw them."""
        self._fit_font()
        return (self._font_key, self._compact, self._text_origin()[0])

    def _changed_text(self, old: str, old_pen: QPointF, new: str, new_pen: QPointF) -> QRect:
        """The pixels a change of text touches: when the digits stay in place, only those that changed."""
        metrics = self._metrics
        if len(old) == len(new) and old_pen == new_pen and CACHED_GLYPHS.issuperset(old + new):
            changed = QRect()
            for index, (was, now) in enumerate(zip(old, new)):
                if was != now:
                    changed = changed.united(self._glyph_rect(metrics, old_pen, old, index))
                    changed = changed.united(self._glyph_rect(metrics, new_pen, new, index))
            return changed
        return (self._text_box(old, old_pen) | self._text_box(new, new_pen)).toAlignedRect()

    def _glyph_rect(self, metrics: QFontMetricsF, pen: QPointF, text: str, index: int) -> QRect:
        """Where ``_draw_digits`` puts the pixmap of ``text[index]``, a pixel wider each way."""
        x = round(pen.x()) + round(self._advance(text[:index]))
        box = self._glyph_boxes.get(text[index])
        if box is None:
            box = self._glyph_boxes[text[index]] = metrics.boundingRect(text[index]).toAlignedRect().adjusted(
                -3, -3, 3, 3)
        return box.translated(x, round(pen.y()))

    def _advance(self, text: str) -> float:
        advance = self._advances.get(text)
        if advance is None:
            if len(self._advances) > 64:  # a few seconds' texts are all it needs
                self._advances.clear()
            advance = self._advances[text] = self._metrics.horizontalAdvance(text)
        return advance

    def _text_origin(self) -> tuple[QPointF, QRectF, float]:
        """Where the text's baseline starts, the area it is centred in, and the digits' cap height."""
        cached = self._origin
        if cached is not None and cached[0] == self._text and cached[1] == self._fit_key:
            return cached[2]
        if self._compact:
            area = QRectF(0, 0, self.width(), self.height() - self._bar_room())
        else:
            area = self._track_box
        centre = area.center()
        origin = (QPointF(centre.x() - self._advance(self._text) / 2, centre.y() + self._cap / 2), area, self._cap)
        self._origin = (self._text, self._fit_key, origin)
        return origin

    def _text_box(self, text: str, pen: QPointF) -> QRectF:
        """The pixels ``text`` covers from ``pen``, with room for antialiasing and the whole-pixel placement."""
        box = self._metrics.boundingRect(text).translated(pen)
        return box.adjusted(-4, -4, 4, 4)

    def _ring_patch(self, old: int, new: int) -> QRect | None:
        """What changes when the ring (or bar) goes from ``old`` to ``new`` steps; None: too much for a patch."""
        if abs(new - old) > PATCH_SHARE * RING_STEPS:
            return None
        pen_width = self._pen_width()
        if self._compact:
            bar = QRectF(2, self.height() - pen_width - 2, self.width() - 4, pen_width)
            ends = [bar.left() + bar.width() * steps / RING_STEPS for steps in (old, new)]
            patch = QRectF(min(ends) - pen_width, bar.top(), abs(ends[1] - ends[0]) + 2 * pen_width, bar.height())
        else:
            stadium = self._stadium_of(self._track_box)
            ends = [stadium.point_at(steps / RING_STEPS) for steps in (old, new)]
            patch = QRectF(ends[0], ends[1]).normalized().adjusted(-pen_width, -pen_width, pen_width, pen_width)
        return patch.adjusted(-3, -3, 3, 3).toAlignedRect()

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
        fit_key = (self.width(), self.height(), self._text.translate(_ZEROS), self.window().height(),
                   self._ring is None)
        if fit_key == self._fit_key:
            return
        self._fit_key = fit_key
        self._fit_digits()
        self._metrics = QFontMetricsF(self._digits_font)
        self._font_key = self._digits_font.key()
        self._advances = {}
        self._origin = None
        self._cap = self._metrics.tightBoundingRect("0").height()
        self._glyph_boxes = {}
        self._track_box = self._track_rect()
        pen_width = self._pen_width()
        self._inner_path = _stadium_path(self._track_box.adjusted(pen_width, pen_width, -pen_width, -pen_width))

    def changeEvent(self, event) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit_key = None  # the digits follow the widget's font
        super().changeEvent(event)

    def _fit_digits(self) -> None:
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
    def paintEvent(self, event) -> None:
        self._fit_font()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        highlight = palette.color(QPalette.ColorRole.Highlight)
        pen_width = self._pen_width()
        pen, digits_area, cap = self._text_origin()
        if self._compact:
            self._paint_bar(painter, highlight, pen_width)
        elif not self._inner_path.contains(QRectF(event.rect())):
            self._paint_track(painter, highlight, pen_width)  # (not when only digits inside the ring changed)

        text_role = QPalette.ColorRole.PlaceholderText if self._paused else QPalette.ColorRole.WindowText
        painter.setPen(palette.color(text_role))
        painter.setFont(self._digits_font)
        metrics = self._metrics
        centre = digits_area.center()
        baseline = pen.y()
        self._draw_digits(painter, pen, metrics, palette.color(text_role))

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

    def _draw_digits(self, painter: QPainter, pen: QPointF, metrics: QFontMetricsF, colour: QColor) -> None:
        """The text with its left end of baseline at ``pen``: digits from cached pixmaps, words as text."""
        text = self._text
        if not text or not CACHED_GLYPHS.issuperset(text):
            painter.drawText(pen, text)
            return
        ratio = self.devicePixelRatioF()
        key = (self._font_key, colour.rgba(), ratio)
        if key != self._glyphs_key:
            self._glyphs_key, self._glyphs = key, {}
        origin = QPointF(round(pen.x()), round(pen.y()))  # whole pixels, as the glyphs were drawn
        for index, char in enumerate(text):
            glyph = self._glyphs.get(char) or self._draw_glyph(char, metrics, colour, ratio)
            pixmap, offset = glyph
            # Each digit where the whole text would put it (kerning included), to the pixel.
            painter.drawPixmap(origin + QPointF(round(self._advance(text[:index])), 0) + offset, pixmap)

    def _draw_glyph(self, char: str, metrics: QFontMetricsF, colour: QColor, ratio: float) -> tuple[QPixmap, QPointF]:
        """Draw ``char`` once into a pixmap of its own; remember it with its offset from the pen position."""
        box = metrics.boundingRect(char).toAlignedRect().adjusted(-2, -2, 2, 2)  # antialiased edges
        pixmap = QPixmap(box.size() * ratio)
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setFont(self._digits_font)
        painter.setPen(colour)
        painter.drawText(QPointF(-box.left(), -box.top()), char)
        painter.end()
        self._glyphs[char] = (pixmap, QPointF(box.topLeft()))
        return self._glyphs[char]

    def _paint_track(self, painter: QPainter, highlight: QColor, pen_width: float) -> None:
        """The stadium and the time left along it."""
        stadium = self._stadium_of(self._track_box)
        painter.drawPixmap(0, 0, self._track(stadium, pen_width, highlight))
        if self._ring:
            # As long as the time left, from twelve o'clock clockwise (a dash pattern costs 3x more). The
            # same vertices every second: only the last chord moves, so a patch around the end repaints it.
            painter.setPen(QPen(highlight, pen_width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap))
            if self._ring >= RING_STEPS:
                painter.drawPolygon(stadium.polygon)
            else:
                painter.drawPolyline(stadium.part(self._ring / RING_STEPS))

    def _stadium_of(self, track: QRectF) -> _Stadium:
        if self._stadium is None or self._stadium.rect != track:
            self._stadium = _Stadium(track)
        return self._stadium

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

    def _track(self, stadium: _Stadium, pen_width: float, highlight: QColor) -> QPixmap:
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
            painter.drawPolygon(stadium.polygon)
            painter.end()
        return self._track_pixmap


def _faint(colour: QColor) -> QColor:
    """The track's colour: the highlight, mostly transparent."""
    faint = QColor(colour)
    faint.setAlphaF(0.2)
    return faint


def _area(rect: QRect) -> int:
    return rect.width() * rect.height()


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


class _Stadium:
    """The track's outline as vertices from twelve o'clock clockwise, with the length run up to each.

    Its ends are chords of ``ARC_STEP_DEGREES`` rather than Bezier arcs: a ring shorter by a
    step then shares every vertex but its end with the longer one, so it strokes the same
    pixels everywhere but around the end (a shorter arc is approximated by other curves).
    """

    def __init__(self, rect: QRectF):
        self.rect = QRectF(rect)
        radius = rect.height() / 2
        top = rect.top()
        right_centre = QPointF(rect.right() - radius, top + radius)
        left_centre = QPointF(rect.left() + radius, top + radius)
        steps = max(1, round(180 / ARC_STEP_DEGREES))
        points = [QPointF(rect.center().x(), top)]
        for centre, start in ((right_centre, 90.0), (left_centre, 270.0)):
            for step in range(steps + 1):  # clockwise on screen: the angle falls, y grows downwards
                angle = math.radians(start - 180.0 * step / steps)
                points.append(QPointF(centre.x() + radius * math.cos(angle), centre.y() - radius * math.sin(angle)))
        points.append(QPointF(points[0]))
        self.points = points
        self.lengths = [0.0]
        for before, after in zip(points, points[1:]):
            self.lengths.append(self.lengths[-1] + math.dist((before.x(), before.y()), (after.x(), after.y())))
        self.polygon = QPolygonF(points[:-1])

    def point_at(self, share: float) -> QPointF:
        """Where the outline is after ``share`` (0 to 1) of its length."""
        return self._end(share)[1]

    def part(self, share: float) -> QPolygonF:
        """The outline's first ``share`` of its length, as an open polyline."""
        index, end = self._end(share)
        part = QPolygonF(self.points[:index + 1])
        part.append(end)
        return part

    def _end(self, share: float) -> tuple[int, QPointF]:
        """The last whole vertex before ``share`` of the length, and the point there."""
        target = min(1.0, max(0.0, share)) * self.lengths[-1]
        index = min(len(self.points) - 2, max(0, bisect.bisect_right(self.lengths, target) - 1))
        span = self.lengths[index + 1] - self.lengths[index]
        fraction = 0.0 if span <= 0 else (target - self.lengths[index]) / span
        before, after = self.points[index], self.points[index + 1]
        return index, before + (after - before) * fraction
