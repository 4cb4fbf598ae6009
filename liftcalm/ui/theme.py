"""The look of the whole app: one palette in light and one in dark, a type scale, spacing, cards, icons, graph colours.

Every colour and size the app uses is decided here. Qt's Fusion style draws every control from
the palette set here, so widgets carry no style sheets: they ask for a *tone* (muted or error
text, the sidebar), a *type role* (a heading, the big target) or a ``Card``, and this module
applies them. A theme change is one ``QApplication.setPalette`` and a walk over the few widgets
that have a tone; icons and graphs draw from the current colours when they next paint.

Modes: "system" follows the desktop's light or dark scheme, and its changes; "light" and
"dark" force one. ``apply`` is cheap enough for start-up: two dozen colours, no style sheet,
nothing imported beyond QtCore, QtGui and QtWidgets; an icon is drawn when first painted.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QGuiApplication,
    QIcon,
    QIconEngine,
    QImageReader,
    QPainter,
    QPalette,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import QApplication, QFrame, QWidget

from liftcalm.paths import RESOURCES

MODES = ("system", "light", "dark")
MODE_LABELS = {"system": "Follow the system", "light": "Light", "dark": "Dark"}

# Spacing, in pixels: every margin and gap is one of these.
SPACE_XS, SPACE_S, SPACE_M, SPACE_L, SPACE_XL = 4, 8, 12, 16, 24
CARD_RADIUS = 10

# The type scale, as multiples of the application font (which follows the system's font size).
TYPE_SCALE = {
    "display": 2.6,  # the set's target, read from the rack
    "title": 2.1,  # a screen's title
    "heading": 1.6,  # a routine's or a session's name
    "subheading": 1.35,  # a part of a page
    "strong": 1.12,  # a question, a group's name
    "body": 1.0,
    "small": 0.9,
}
LEGACY_BASE_POINTS = 10.0  # a heading given in points is read as designed for a 10 pt application font


@dataclass(frozen=True)
class Colours:
    """The colours of one theme, as "#rrggbb". Text colours meet WCAG AA (4.5:1) on every surface they sit on."""

    dark: bool
    window: str  # the page
    surface: str  # cards, lists, fields, the graphs' background
    alternate: str  # every other row of a table
    sidebar: str  # the navigation
    text: str
    muted: str  # secondary text: hints, captions, placeholders
    icon: str
    button: str
    border: str
    light: str  # Fusion's bevel shades, lightest to darkest
    midlight: str
    dark_shade: str
    shadow: str
    accent: str  # selection, focus, progress: the calm teal of the logo
    on_accent: str
    link: str
    error: str
    tip: str  # tool tips and notices
    on_tip: str
    disabled: str
    # The graphs
    grid: str
    series_warm: str  # stress
    series_cool: str  # relief, tolerance, a strength estimate
    series_green: str
    volume_fill: str
    volume_edge: str
    record: str
    record_edge: str
    strength: str
    calm: str
    sample: str  # the "sample data" caption
    age_old: str  # stress vs volume: the oldest session...
    age_new: str  # ...and the newest
    routine_colours: tuple  # Okabe-Ito, adapted to the background
    point_edge: str


LIGHT = Colours(
    dark=False, window="#f2f4f3", surface="#ffffff", alternate="#f1f5f3", sidebar="#e6ecea", text="#1b2624",
    muted="#56635f", icon="#34433f", button="#e4eae8", border="#c3ccc9", light="#ffffff", midlight="#eef2f1",
    dark_shade="#8b9895", shadow="#4a5451", accent="#1c6b62", on_accent="#ffffff", link="#1a6585",
    error="#b3261e", tip="#fdf3d7", on_tip="#3b2f12", disabled="#8a9591",
    grid="#e4e9e7", series_warm="#d55e00", series_cool="#0072b2", series_green="#007d5b", volume_fill="#c9d8e4",
    volume_edge="#5d7e96", record="#e69f00", record_edge="#5c3f00", strength="#e69f00", calm="#0072b2",
    sample="#8a4b00", age_old="#b5cfe3", age_new="#0b4a80",
    routine_colours=("#e69f00", "#56b4e9", "#009e73", "#0072b2", "#d55e00", "#cc79a7", "#f0e442", "#000000"),
    point_edge="#3c3c3c",
)

DARK = Colours(
    dark=True, window="#141a1b", surface="#1d2526", alternate="#222b2c", sidebar="#182021", text="#e2eae8",
    muted="#a1b1ae", icon="#cdd8d5", button="#2a3435", border="#3f4c4e", light="#3b4748", midlight="#323d3e",
    dark_shade="#0e1213", shadow="#000000", accent="#2b7d72", on_accent="#ffffff", link="#7fc8dc",
    error="#ffb4ab", tip="#3a3322", on_tip="#f6ebcb", disabled="#6f7d7b",
    grid="#2c3637", series_warm="#f08a4b", series_cool="#56b4e9", series_green="#3fc19a", volume_fill="#33495a",
    volume_edge="#7d9db5", record="#f0c04a", record_edge="#f6e6b8", strength="#e69f00", calm="#56b4e9",
    sample="#f0c27a", age_old="#34536a", age_new="#a8dcff",
    routine_colours=("#e69f00", "#56b4e9", "#009e73", "#0072b2", "#d55e00", "#cc79a7", "#f0e442", "#f2f2f2"),
    point_edge="#d6dedc",
)


def build_palette(c: Colours) -> QPalette:
    """The QPalette of a theme: every role in every group, the disabled ones greyed."""
    role = QPalette.ColorRole
    palette = QPalette()
    colours = {
        role.Window: c.window, role.WindowText: c.text, role.Base: c.surface, role.AlternateBase: c.alternate,
        role.Text: c.text, role.PlaceholderText: c.muted, role.Button: c.button, role.ButtonText: c.text,
        role.BrightText: c.on_accent, role.Highlight: c.accent, role.HighlightedText: c.on_accent,
        role.Accent: c.accent, role.Link: c.link, role.LinkVisited: c.link, role.ToolTipBase: c.tip,
        role.ToolTipText: c.on_tip, role.Light: c.light, role.Midlight: c.midlight, role.Mid: c.border,
        role.Dark: c.dark_shade, role.Shadow: c.shadow,
    }
    for colour_role, colour in colours.items():
        palette.setColor(colour_role, QColor(colour))
    disabled = QPalette.ColorGroup.Disabled
    for colour_role in (role.WindowText, role.Text, role.ButtonText, role.PlaceholderText, role.HighlightedText):
        palette.setColor(disabled, colour_role, QColor(c.disabled))
    palette.setColor(disabled, role.Highlight, QColor(c.border))
    palette.setColor(disabled, role.Base, QColor(c.window))
    palette.setColor(disabled, role.Button, QColor(c.window if c.dark else c.midlight))
    return palette


# -- contrast ---------------------------------------------------------------------------------------

def relative_luminance(colour: QColor | str) -> float:
    """WCAG 2 relative luminance of an opaque colour."""
    colour = QColor(colour)

    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.03928 else ((channel + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(colour.redF()) + 0.7152 * linear(colour.greenF()) + 0.0722 * linear(colour.blueF())


def contrast_ratio(first: QColor | str, second: QColor | str) -> float:
    """WCAG 2 contrast ratio, 1 to 21: 4.5 is AA for text, 3 for large text and graphical objects."""
    high, low = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


# -- the theme in force ------------------------------------------------------------------------------

class _State:
    mode: str | None = None  # None: never applied
    colours: Colours | None = None
    system_palette: QPalette | None = None  # the desktop's palette, before ours replaced it
    scheme_asked = False  # a colour scheme was asked of the platform
    watching = False
    applying = False


_state = _State()


def colours() -> Colours:
    """The colours in force; before any ``apply``, the theme that matches the application palette."""
    if _state.colours is not None:
        return _state.colours
    app = QGuiApplication.instance()
    return DARK if app is not None and _palette_is_dark(QGuiApplication.palette()) else LIGHT


def mode() -> str | None:
    """The mode applied last ("system", "light", "dark"), or None."""
    return _state.mode


def apply(theme_mode: str, app: QApplication | None = None) -> bool:
    """Put ``theme_mode`` in force for the whole application; return whether the colours changed.

    Fusion draws every control from the palette, in light and dark alike. The colour scheme is
    also asked of the platform (Qt 6.8+), for what it draws itself (title bars, file dialogs).
    """
    app = app or QApplication.instance()
    if theme_mode not in MODES:
        theme_mode = "system"
    if _state.applying:  # asking the platform for a scheme can announce it at once: this call finishes the job
        _state.mode = theme_mode
        return False
    _state.applying = True
    try:
        return _apply(app, theme_mode)
    finally:
        _state.applying = False


def _apply(app: QApplication, theme_mode: str) -> bool:
    if _state.system_palette is None:
        _state.system_palette = QPalette(app.palette())
    hints = app.styleHints()
    _state.mode = theme_mode
    wanted = {"light": Qt.ColorScheme.Light, "dark": Qt.ColorScheme.Dark}.get(theme_mode)
    if not _state.watching:
        _state.watching = True
        hints.colorSchemeChanged.connect(_on_system_scheme_changed)
        app.fontChanged.connect(_on_application_font_changed)
    if wanted is None:
        if _state.scheme_asked:
            _state.scheme_asked = False
            hints.unsetColorScheme()
    elif hints.colorScheme() != wanted:
        _state.scheme_asked = True
        hints.setColorScheme(wanted)
    if app.style().name().lower() != "fusion":
        app.setStyle("Fusion")
    chosen = DARK if theme_mode == "dark" or (theme_mode == "system" and _system_is_dark(app)) else LIGHT
    if chosen is _state.colours:
        return False
    _state.colours = chosen
    app.setPalette(build_palette(chosen))
    for widget in app.allWidgets():
        tone = widget.property(_TONE)
        if tone:
            _apply_tone(widget, tone)
    return True


def _system_is_dark(app) -> bool:
    scheme = app.styleHints().colorScheme()
    if scheme != Qt.ColorScheme.Unknown:
        return scheme == Qt.ColorScheme.Dark
    return _palette_is_dark(_state.system_palette or app.palette())


def _palette_is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < palette.color(
        QPalette.ColorRole.WindowText).lightness()


def _on_system_scheme_changed(_scheme) -> None:
    if _state.mode == "system":
        apply("system")


def _on_application_font_changed(_font) -> None:
    for widget in QApplication.allWidgets():
        role = widget.property(_TYPE)
        if role:
            set_type(widget, role, widget.font().weight())


# -- tones and type ------------------------------------------------------------------------------------

_TONE = "liftcalmTone"
_TYPE = "liftcalmType"
TONES = ("muted", "error", "sidebar", "primary")


def set_tone(widget: QWidget, tone: str | None) -> QWidget:
    """Give ``widget`` a tone ("muted" or "error" text, the "sidebar" surface, a "primary" button), or none.

    The tone follows every later change of theme.
    """
    if tone is not None and tone not in TONES:
        raise ValueError(f"unknown tone {tone!r}")
    if tone is None:
        if widget.property(_TONE):
            widget.setProperty(_TONE, None)
            widget.setPalette(QPalette())  # no roles of its own: the application's again
        return widget
    widget.setProperty(_TONE, tone)
    _apply_tone(widget, tone)
    return widget


def tone(widget: QWidget) -> str | None:
    return widget.property(_TONE) or None


def _apply_tone(widget: QWidget, tone_name: str) -> None:
    c = colours()
    role = QPalette.ColorRole
    palette = widget.palette()
    if tone_name == "sidebar":
        for colour_role in (role.Base, role.Window):
            palette.setColor(colour_role, QColor(c.sidebar))
    elif tone_name == "primary":  # the one button a screen is for: the accent, its text 4.5:1 on it
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
            palette.setColor(group, role.Button, QColor(c.accent))
            palette.setColor(group, role.ButtonText, QColor(c.on_accent))
    else:
        colour = QColor(c.muted if tone_name == "muted" else c.error)
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
            palette.setColor(group, role.WindowText, colour)
            palette.setColor(group, role.Text, colour)
    widget.setPalette(palette)


def scaled_font(base: QFont, role: str | float) -> QFont:
    """``base`` at the size of ``role`` in the type scale (or a legacy size in points at a 10 pt base)."""
    factor = TYPE_SCALE[role] if isinstance(role, str) else float(role) / LEGACY_BASE_POINTS
    font = QFont(base)
    size = QApplication.font().pointSizeF()
    if size <= 0:  # a font set in pixels: scale the pixels
        font.setPixelSize(max(1, round(QApplication.font().pixelSize() * factor)))
    else:
        font.setPointSizeF(size * factor)
    return font


def set_type(widget: QWidget, role: str | float, weight: QFont.Weight | None = QFont.Weight.DemiBold) -> QWidget:
    """Set ``widget``'s font to ``role`` of the type scale, relative to the application font, and keep it so."""
    font = scaled_font(widget.font(), role)
    if weight is not None:
        font.setWeight(weight)
    widget.setFont(font)
    widget.setProperty(_TYPE, role)
    return widget


# -- cards -----------------------------------------------------------------------------------------------

class Card(QFrame):
    """A rounded surface for things that belong together: each panel of the session screens.

    It paints the palette's Base with a hairline of Mid, so it follows the theme; what it holds
    draws over it as over any surface.
    """

    def __init__(self, parent: QWidget | None = None, padding: int = SPACE_L):
        super().__init__(parent)
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self.setContentsMargins(padding, padding - SPACE_XS, padding, padding - SPACE_XS)

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        painter.setPen(QPen(palette.color(QPalette.ColorRole.Mid), 1))
        painter.setBrush(palette.color(QPalette.ColorRole.Base))
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), CARD_RADIUS, CARD_RADIUS)
        painter.end()


# -- icons -------------------------------------------------------------------------------------------------

_SVG: dict[str, bytes] = {}
_PIXMAPS: dict[tuple, QPixmap] = {}
_PIXMAPS_MAX = 400  # a few sizes of a few icons in a few colours; cleared when full


def icon(name: str) -> QIcon:
    """The monochrome icon ``resources/icons/<name>.svg`` ("icons:<name>.svg"), drawn in the theme's colours.

    Its ``currentColor`` becomes the icon colour (normal), the disabled text colour or the text
    on a selection, read when the icon is painted: icons follow a change of theme by themselves.
    """
    return QIcon(_ThemedSvgEngine(name))


def _svg(name: str) -> bytes:
    if name not in _SVG:
        _SVG[name] = (RESOURCES / "icons" / f"{name}.svg").read_bytes()
    return _SVG[name]


def icon_colour(icon_mode: QIcon.Mode) -> str:
    c = colours()
    if icon_mode == QIcon.Mode.Disabled:
        return c.disabled
    if icon_mode == QIcon.Mode.Selected:
        return c.on_accent
    return c.icon


class _ThemedSvgEngine(QIconEngine):
    def __init__(self, name: str):
        super().__init__()
        self._name = name

    def clone(self) -> QIconEngine:
        return _ThemedSvgEngine(self._name)

    def actualSize(self, size: QSize, _mode, _state) -> QSize:
        side = min(size.width(), size.height())
        return QSize(side, side)

    def pixmap(self, size: QSize, icon_mode, state) -> QPixmap:
        return self.scaledPixmap(size, icon_mode, state, 1.0)

    def scaledPixmap(self, size: QSize, icon_mode, _state, scale: float) -> QPixmap:
        colour = icon_colour(icon_mode)
        side = min(size.width(), size.height())
        key = (self._name, side, scale, colour)
        pixmap = _PIXMAPS.get(key)
        if pixmap is None:
            if len(_PIXMAPS) >= _PIXMAPS_MAX:
                _PIXMAPS.clear()
            buffer = QBuffer()
            buffer.setData(QByteArray(_svg(self._name).replace(b"currentColor", colour.encode())))
            buffer.open(QIODevice.OpenModeFlag.ReadOnly)
            reader = QImageReader(buffer, QByteArray(b"svg"))
            pixels = max(1, round(side * scale))
            reader.setScaledSize(QSize(pixels, pixels))
            pixmap = QPixmap.fromImage(reader.read())
            pixmap.setDevicePixelRatio(scale)
            _PIXMAPS[key] = pixmap
        return pixmap

    def paint(self, painter: QPainter, rect, icon_mode, state) -> None:
        device = painter.device()
        scale = device.devicePixelRatioF() if device is not None else 1.0
        side = min(rect.width(), rect.height())
        pixmap = self.scaledPixmap(QSize(side, side), icon_mode, state, scale)
        painter.drawPixmap(rect.x() + (rect.width() - side) // 2, rect.y() + (rect.height() - side) // 2, pixmap)

    def isNull(self) -> bool:
        return False
