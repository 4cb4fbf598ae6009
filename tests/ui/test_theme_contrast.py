"""WCAG AA contrast, read from the palette: every theme's colours, then every text shown on every page."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QWidget

from liftcalm.ui import theme
from liftcalm.ui.theme import DARK, LIGHT, contrast_ratio

AA_TEXT = 4.5  # WCAG 2.1, 1.4.3: normal text
AA_LARGE = 3.0  # large text (18 pt, or 14 pt bold) and graphical objects (1.4.11)
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.mark.parametrize("colours", [LIGHT, DARK], ids=["light", "dark"])
def test_every_text_colour_meets_aa_on_every_surface_it_sits_on(colours):
    c = colours
    surfaces = {"window": c.window, "surface": c.surface, "alternate": c.alternate, "sidebar": c.sidebar,
                "button": c.button}
    texts = {"text": (c.text, surfaces), "muted": (c.muted, surfaces),
             "link": (c.link, {"window": c.window, "surface": c.surface}),
             "error": (c.error, {"window": c.window, "surface": c.surface}),
             "on_accent": (c.on_accent, {"accent": c.accent}), "on_tip": (c.on_tip, {"tip": c.tip}),
             "sample": (c.sample, {"surface": c.surface, "window": c.window})}
    low = [f"{name} on {where}: {contrast_ratio(fg, bg):.2f}" for name, (fg, on) in texts.items()
           for where, bg in on.items() if contrast_ratio(fg, bg) < AA_TEXT]
    assert low == []


@pytest.mark.parametrize("colours", [LIGHT, DARK], ids=["light", "dark"])
def test_icons_and_graph_series_stand_out_as_graphical_objects(colours):
    c = colours
    low = [f"icon on {name}: {contrast_ratio(c.icon, bg):.2f}"
           for name, bg in {"window": c.window, "surface": c.surface, "sidebar": c.sidebar, "button": c.button}.items()
           if contrast_ratio(c.icon, bg) < AA_LARGE]
    low += [f"{name} on the graph: {contrast_ratio(colour, c.surface):.2f}"
            for name, colour in {"stress": c.series_warm, "relief": c.series_cool, "green": c.series_green,
                                 "volume edge": c.volume_edge, "newest point": c.age_new}.items()
            if contrast_ratio(colour, c.surface) < AA_LARGE]
    assert low == []


def background_of(widget: QWidget) -> tuple[QWidget, str]:
    """The colour a widget's text is drawn on: its own fill, or the nearest ancestor's that fills."""
    fills_itself = isinstance(widget, QLineEdit) or widget.autoFillBackground() or isinstance(widget, theme.Card)
    holder = widget
    while not fills_itself and holder.parentWidget() is not None:
        holder = holder.parentWidget()
        fills_itself = holder.autoFillBackground() or isinstance(holder, theme.Card) or holder.isWindow()
    role = QPalette.ColorRole.Base if isinstance(widget, QLineEdit) else holder.backgroundRole()
    return holder, holder.palette().color(QPalette.ColorGroup.Active, role).name()


def is_large(widget: QWidget) -> bool:
    font = widget.font()
    points = font.pointSizeF() if font.pointSizeF() > 0 else font.pixelSize() * 0.75
    return points >= 18 or (points >= 14 and font.bold())


def low_contrast_texts(root: QWidget) -> list[str]:
    found = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisible() or not widget.isEnabled():
            continue  # WCAG exempts inactive controls
        if isinstance(widget, QLabel):
            if not widget.text():
                continue
            role = widget.foregroundRole()
        elif isinstance(widget, QAbstractButton) and not isinstance(widget, QLabel):
            if not widget.text():
                continue
            role = QPalette.ColorRole.ButtonText
            if widget.palette().color(QPalette.ColorGroup.Active, QPalette.ColorRole.Button).name() != \
                    widget.window().palette().color(QPalette.ColorRole.Button).name():
                bg = widget.palette().color(QPalette.ColorGroup.Active, QPalette.ColorRole.Button).name()
                fg = widget.palette().color(QPalette.ColorGroup.Active, role).name()
                if contrast_ratio(fg, bg) < (AA_LARGE if is_large(widget) else AA_TEXT):
                    found.append(f"{type(widget).__name__} {widget.text()!r}: {contrast_ratio(fg, bg):.2f}")
                continue
        elif isinstance(widget, QLineEdit):
            if not widget.text():
                continue
            role = QPalette.ColorRole.Text
        else:
            continue
        fg = widget.palette().color(QPalette.ColorGroup.Active, role).name()
        _, bg = background_of(widget)
        if isinstance(widget, QAbstractButton):
            bg = widget.palette().color(QPalette.ColorGroup.Active, QPalette.ColorRole.Button).name()
        ratio = contrast_ratio(fg, bg)
        if ratio < (AA_LARGE if is_large(widget) else AA_TEXT):
            text = widget.text() if hasattr(widget, "text") else ""
            found.append(f"{type(widget).__name__} {text[:40]!r}: {fg} on {bg} = {ratio:.2f}")
    return found


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_every_text_on_every_page_meets_aa_in_light_and_dark(qtbot, open_window, mode):
    from datetime import date

    from liftcalm.store.demo import write_demo

    window = open_window()
    write_demo(window.store, years=0.3, seed=2, end=date.today())
    window.store.settings.theme = mode  # the window re-themes at once, as from Preferences
    assert theme.colours().dark is (mode == "dark")
    found = {}
    for key, page in ((Qt.Key.Key_1, "Routines"), (Qt.Key.Key_3, "Graphs"), (Qt.Key.Key_4, "History"),
                      (Qt.Key.Key_2, "Session")):
        qtbot.keyClick(window, key, CTRL)
        qtbot.wait(300 if page == "Graphs" else 50)
        found[page] = low_contrast_texts(window)
    assert found == {"Routines": [], "Graphs": [], "History": [], "Session": []}


def test_the_page_check_finds_a_pale_label_and_counts_what_it_read(qtbot, open_window):
    window = open_window()
    window.store.settings.theme = "light"
    pale = QLabel("Hard to read", window.routines)
    palette = pale.palette()
    palette.setColor(QPalette.ColorRole.WindowText, Qt.GlobalColor.lightGray)
    pale.setPalette(palette)
    pale.show()
    assert [line for line in low_contrast_texts(window) if "Hard to read" in line]
    checked = [w for kind in (QLabel, QAbstractButton, QLineEdit) for w in window.findChildren(kind) if w.isVisible()]
    assert len(checked) > 8  # the page check reads the page, not nothing
