"""Shared text looks, set with fonts and palettes: cheaper at start-up than style sheets."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QPalette
from PySide6.QtWidgets import QLabel, QStackedWidget, QToolButton


def make_heading(label: QLabel, point_size: int) -> QLabel:
    font = label.font()
    font.setPointSize(point_size)
    font.setWeight(font.Weight.DemiBold)
    label.setFont(font)
    return label


def make_muted(label: QLabel) -> QLabel:
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, palette.color(QPalette.ColorRole.PlaceholderText))
    label.setPalette(palette)
    return label


def make_tool_button(action: QAction) -> QToolButton:
    """A flat button for ``action``: its icon, its short text, its enabled state."""
    button = QToolButton()
    button.setDefaultAction(action)
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    button.setAutoRaise(True)
    return button


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
