"""Shared looks and layouts: headings, muted and error text, tool buttons that never elide, a flow of controls.

Colours and sizes come from ``liftcalm.ui.theme``: fonts and palettes, cheaper at start-up
than style sheets, and they follow a change of theme or of the system's font size.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QAction
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLayout, QSizePolicy, QStackedWidget, QToolButton, QWidget

from liftcalm.ui import theme


def make_heading(label: QLabel, size: str | float) -> QLabel:
    """A heading: ``size`` is a role of the type scale ("title", "heading"…) or, as before, points at a 10 pt base.

    Either way the size is relative to the application font, so it follows the system's font size.
    """
    return theme.set_type(label, size)


def make_muted(label: QWidget, muted: bool = True) -> QWidget:
    """Secondary text (a hint, a caption), still 4.5:1 on its background; ``muted=False`` takes the tone away."""
    return theme.set_tone(label, "muted" if muted else None)


def make_error(label: QWidget) -> QWidget:
    """Text that says what is wrong, in the theme's error colour (the words say it too)."""
    return theme.set_tone(label, "error")


def make_tool_button(action: QAction) -> QToolButton:
    """A flat button for ``action``: its icon, its short text, its enabled state; named for screen readers."""
    button = QToolButton()
    button.setDefaultAction(action)
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    button.setAutoRaise(True)
    button.setAccessibleName(action.text().replace("&", "").rstrip("…"))
    return button


_SPOKEN_UNITS = {"kg": "kilograms", "lb": "pounds", "s": "seconds", "m": "metres", "min": "minutes"}


def spoken(label_text: str) -> str:
    """A form label as a screen reader should say it: "Target &load (kg):" is "Target load, kilograms"."""
    text = label_text.replace("&&", "\0").replace("&", "").replace("\0", "&").strip().rstrip(":").strip()

    def unit(match: re.Match) -> str:
        inside = match.group(1).strip()
        ranged = re.fullmatch(r"(\d+)\s*-\s*(\d+)", inside)
        if ranged:
            return f", {ranged.group(1)} to {ranged.group(2)}"
        return f", {_SPOKEN_UNITS.get(inside, inside)}"

    return re.sub(r"\s*\(([^()]*)\)", unit, text)


def announce(widget: QWidget, text: str, assertive: bool = False) -> None:
    """Have a screen reader say ``text`` now, without moving the focus (nothing happens without one)."""
    if not text or not QAccessible.isActive():
        return
    event = QAccessibleAnnouncementEvent(widget, text)
    if assertive:
        event.setPoliteness(QAccessible.AnnouncementPoliteness.Assertive)
    QAccessible.updateAccessibility(event)


def plural(count: int, noun: str) -> str:
    """"1 set", "3 sets"."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


class PageStack(QStackedWidget):
    """A stacked widget whose height does not follow its pages' wrapped text.

    QStackedLayout answers ``heightForWidth`` by laying out the text of every page, hidden
    ones too, and layouts ask again on every page switch: 3 ms per switch on the session
    screens. Each page still wraps its own text in the height it is given.
    """

    def hasHeightForWidth(self) -> bool:
        return False


class ToolRow(QWidget):
    """Tool buttons for actions in a row that never elides them: with too little room, icons only.

    Each button keeps its action's tooltip (the full name and its key) and an accessible name,
    so an icon-only button still says what it does.
    """

    def __init__(self, actions, parent: QWidget | None = None, stretch: bool = True):
        super().__init__(parent)
        self.buttons = [make_tool_button(action) for action in actions]
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(theme.SPACE_XS)
        for button in self.buttons:
            layout.addWidget(button)
        if stretch:
            layout.addStretch(1)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._icons_only = False

    @property
    def icons_only(self) -> bool:
        return self._icons_only

    def _width(self, style: Qt.ToolButtonStyle) -> int:
        """The row's width with every button in ``style``, worked out without restyling a button."""
        visible = [b for b in self.buttons if not b.isHidden()]
        total = 0
        for button in visible:
            metrics = button.fontMetrics()
            # What QToolButton adds for a text beside its icon: a gap of 4, the text, a space each side.
            text = 4 + metrics.size(Qt.TextFlag.TextShowMnemonic, button.text()).width() \
                + 2 * metrics.horizontalAdvance(" ")
            width = button.sizeHint().width()
            shown = button.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextBesideIcon
            wanted = style == Qt.ToolButtonStyle.ToolButtonTextBesideIcon
            total += width + (0 if shown == wanted else text if wanted else -text)
        return total + self.layout().spacing() * max(0, len(visible) - 1)

    def sizeHint(self) -> QSize:
        return QSize(self._width(Qt.ToolButtonStyle.ToolButtonTextBesideIcon), super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:
        return QSize(self._width(Qt.ToolButtonStyle.ToolButtonIconOnly), super().minimumSizeHint().height())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        icons_only = self.width() < self._width(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        if icons_only != self._icons_only:
            self._icons_only = icons_only
            style = Qt.ToolButtonStyle.ToolButtonIconOnly if icons_only else Qt.ToolButtonStyle.ToolButtonTextBesideIcon
            for button in self.buttons:
                button.setToolButtonStyle(style)


class FlowLayout(QLayout):
    """Lays its items out in rows, left to right, starting a new row when the next one does not fit.

    A group of controls that belong together (a label and its box) goes in as one widget, so
    it wraps as a whole. Its height follows its width (``heightForWidth``).
    """

    def __init__(self, parent: QWidget | None = None, spacing: int = theme.SPACE_S):
        super().__init__(parent)
        self._items = []
        self.setContentsMargins(0, 0, 0, 0)
        self.setSpacing(spacing)

    def addItem(self, item) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int):
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int):
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            if not item.isEmpty():
                size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _arrange(self, rect: QRect, move: bool) -> int:
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        x, y, row_height = area.x(), area.y(), 0
        row: list = []
        gap = self.spacing()

        def place_row() -> None:
            for item, left in row:  # each item centred in its row's height
                hint = item.sizeHint()
                top = y + (row_height - hint.height()) // 2
                item.setGeometry(QRect(QPoint(left, top), hint))

        for item in self._items:
            if item.isEmpty():
                continue
            hint = item.sizeHint()
            if row and x + hint.width() > area.right() + 1:
                if move:
                    place_row()
                x, y, row = area.x(), y + row_height + gap, []
                row_height = 0
            row.append((item, x))
            x += hint.width() + gap
            row_height = max(row_height, hint.height())
        if move:
            place_row()
        return y + row_height - rect.y() + margins.bottom()
