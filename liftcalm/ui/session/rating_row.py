"""A 0-10 rating: a question, eleven buttons and a skip, answerable with one or two keys."""

from __future__ import annotations

import time
from typing import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from liftcalm.ui.look import make_muted

TEN_WINDOW_S = 1.0  # "1" then "0" within this many seconds means 10
BUTTON_WIDTH = 28  # eleven of them and Skip fit the rest screen's 350-440 px column


class RatingRow(QWidget):
    """Emits ``rated(n)`` for a click or a typed digit, ``skipped()`` for Skip.

    The owner forwards digit keys to ``press_digit``. A digit rates at once, so "1" emits
    ``rated(1)``; a "0" soon after it turns that into ``rated(10)``. ``monotonic`` tells
    the time for that window (injectable for tests).
    """

    rated = Signal(int)
    skipped = Signal()

    def __init__(self, parent: QWidget | None = None, monotonic: Callable[[], float] = time.monotonic):
        super().__init__(parent)
        self._monotonic = monotonic
        self._one_pressed_at: float | None = None
        self._answering = True

        self.question = QLabel(self)
        self.question.setWordWrap(True)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        buttons = QHBoxLayout()
        buttons.setSpacing(0)  # flat buttons need no gaps; the row fits a 440 px column
        for value in range(11):
            button = QToolButton(self)
            button.setText(str(value))
            button.setCheckable(True)
            button.setAutoRaise(True)  # flat until hovered or checked
            button.setFixedWidth(max(BUTTON_WIDTH, button.sizeHint().width()))  # "10" needs a little more
            button.setAccessibleName(f"{value} out of 10")
            self.group.addButton(button, value)
            buttons.addWidget(button)
        self.skip_button = QToolButton(self)
        self.skip_button.setText("Skip")
        self.skip_button.setAutoRaise(True)
        self.skip_button.setAccessibleName("Skip this question")
        self.skip_button.setMinimumWidth(self.skip_button.sizeHint().width())
        buttons.addSpacing(4)
        buttons.addWidget(self.skip_button)
        buttons.addStretch(1)
        self.hint = make_muted(QLabel("Type 0-10", self))
        top = QHBoxLayout()
        top.addWidget(self.question, 1)
        top.addWidget(self.hint, 0, Qt.AlignmentFlag.AlignBottom)

        # What 0, 5 and 10 mean, under the buttons: the same words wherever the scale is asked.
        self.anchors = make_muted(QLabel(self))
        self.anchors.setWordWrap(True)
        self.anchors.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addLayout(buttons)
        layout.addWidget(self.anchors)
        self.group.idClicked.connect(self._on_group_id_clicked)
        self.skip_button.clicked.connect(self._on_skip_button_clicked)

    @property
    def value(self) -> int | None:
        checked = self.group.checkedId()
        return None if checked < 0 else checked

    def set_value(self, value: int | None) -> None:
        """Show ``value`` (None: no answer) without emitting anything."""
        self._one_pressed_at = None
        if value is None:
            self._uncheck_all()
        elif 0 <= value <= 10:
            self.group.button(value).setChecked(True)
        else:
            raise ValueError(f"a rating is 0-10, not {value}")

    def clear(self) -> None:
        self.set_value(None)

    def set_question(self, text: str) -> None:
        self.question.setText(text)
        self.setAccessibleName(text)

    def set_scale(self, scale, question: str | None = None, beside: bool = False) -> None:
        """Ask ``scale`` (core.scales), its anchors shown under the buttons; ``question`` rewords it.

        With ``beside``, the anchors take the place of the "Type 0-10" hint on the question's line
        (for a wide screen that must stay short).
        """
        self.set_question(question or scale.question)
        self.setAccessibleDescription(f"0 to 10: {scale.anchor_text}")
        if beside:
            self.hint.setText(scale.anchor_text)
            self.anchors.hide()
        else:
            self.anchors.setText(scale.anchor_text)
            self.anchors.show()

    def set_enabled_answering(self, enabled: bool) -> None:
        self._answering = enabled
        self._one_pressed_at = None
        for button in self.group.buttons():
            button.setEnabled(enabled)
        self.skip_button.setEnabled(enabled)

    def press_digit(self, digit: int) -> None:
        """Rate ``digit`` now; a 0 within ``TEN_WINDOW_S`` of a 1 rates 10 instead."""
        if not 0 <= digit <= 9:
            raise ValueError(f"not a digit: {digit}")
        if not self._answering:
            return
        now = self._monotonic()
        one_at, self._one_pressed_at = self._one_pressed_at, None
        if digit == 0 and one_at is not None and now - one_at <= TEN_WINDOW_S:
            self._rate(10)
            return
        if digit == 1:
            self._one_pressed_at = now
        self._rate(digit)

    def _rate(self, value: int) -> None:
        self.group.button(value).setChecked(True)
        self.rated.emit(value)

    def _uncheck_all(self) -> None:
        # An exclusive group keeps one button checked, so it lets go while clearing.
        self.group.setExclusive(False)
        for button in self.group.buttons():
            button.setChecked(False)
        self.group.setExclusive(True)

    def _on_group_id_clicked(self, value: int) -> None:
        self._one_pressed_at = None
        self.rated.emit(value)

    def _on_skip_button_clicked(self) -> None:
        self._one_pressed_at = None
        self._uncheck_all()
        self.skipped.emit()
