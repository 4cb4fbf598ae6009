"""Before a session: how are you, right now? Skippable, never blocking, never a diagnosis."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from liftcalm.core.coaching import LOW_READINESS_ADVICE, is_low_readiness
from liftcalm.core.models import Readiness
from liftcalm.core.scales import ENERGY, MOTIVATION, STRESS_BEFORE
from liftcalm.ui import theme
from liftcalm.ui.look import make_heading, make_muted
from liftcalm.ui.session.rating_row import RatingRow

TEN_WINDOW_S = 1.0  # "1" then "0" within this time is a 10
CARD_MAX_WIDTH = 960


class ReadinessScreen(QWidget):
    """Energy, motivation and stress, 0-10 each, typed as digits; Enter starts.

    Digits go to the highlighted question and move on to the next; "1" waits a moment in
    case a "0" follows (a 10). Up and Down choose the question.
    """

    start_requested = Signal(object, bool)  # Readiness, shorter
    calm_requested = Signal(object)  # Readiness
    rest_requested = Signal(object)  # Readiness: record the check-in as a rest day
    help_requested = Signal()  # where to find help
    cancelled = Signal()

    QUESTIONS = (("energy", ENERGY), ("motivation", MOTIVATION), ("stress", STRESS_BEFORE))

    def __init__(self, parent=None):
        super().__init__(parent)
        card = theme.Card(self, padding=theme.SPACE_L)
        card.setMaximumWidth(CARD_MAX_WIDTH)
        card.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.title = make_heading(QLabel(card), "title")
        self.title.setWordWrap(True)
        intro = make_muted(QLabel("Three quick numbers before you start, if you like. "
                                  "Type a digit for each, or press Enter to skip.", card))
        intro.setWordWrap(True)
        self.rows: dict[str, RatingRow] = {}
        page = QVBoxLayout(self)
        page.setContentsMargins(theme.SPACE_XL, theme.SPACE_S, theme.SPACE_XL, theme.SPACE_S)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card, 100)
        row.addStretch(1)
        page.addLayout(row)
        page.addStretch(1)
        layout = QVBoxLayout(card)
        layout.setSpacing(theme.SPACE_S - 2)
        layout.addWidget(self.title)
        layout.addWidget(intro)
        layout.addSpacing(theme.SPACE_S)
        for key, scale in self.QUESTIONS:
            row = RatingRow(card)
            row.set_scale(scale, beside=True)  # the screen is wide, and must fit 520 px high
            row.rated.connect(self._on_row_rated)
            self.rows[key] = row
            layout.addWidget(row)
        self.advice = QLabel(LOW_READINESS_ADVICE, card)
        self.advice.setWordWrap(True)
        self.advice.setAccessibleName("Advice for a low-energy day")
        theme.set_type(self.advice, "strong", None)
        self.help_button = QPushButton("Where to find &help…", card)
        self.help_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.help_button.clicked.connect(self.help_requested.emit)
        self.advice_row = QWidget(card)
        self.advice_row.setAutoFillBackground(True)  # a quiet panel, set apart from the questions
        self.advice_row.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        advice_layout = QVBoxLayout(self.advice_row)
        advice_layout.setContentsMargins(theme.SPACE_S, theme.SPACE_XS, theme.SPACE_S, theme.SPACE_XS)
        self.advice.setParent(self.advice_row)
        advice_layout.addWidget(self.advice)
        help_line = QHBoxLayout()
        help_line.addWidget(self.help_button)
        help_line.addStretch(1)
        advice_layout.addLayout(help_line)
        self.advice_row.hide()
        layout.addWidget(self.advice_row)
        self.shorter = QCheckBox("A shorter &version: warm-ups and half the working sets", card)
        layout.addWidget(self.shorter)
        buttons = QHBoxLayout()
        buttons.setSpacing(theme.SPACE_S)
        self.start_button = QPushButton("Start  (Enter)", card)
        self.start_button.setDefault(True)
        theme.set_tone(self.start_button, "primary")
        self.calm_button = QPushButton("A &calm session instead", card)
        self.rest_button = QPushButton("&Rest today", card)
        self.rest_button.setToolTip("Keep today's check-in in your history as a rest day, with no sets")
        self.rest_button.setAccessibleDescription("Keep today's check-in in your history as a rest day, with no sets")
        self.cancel_button = QPushButton("Back  (Esc)", card)
        for button in (self.start_button, self.calm_button, self.rest_button, self.cancel_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setMinimumHeight(button.sizeHint().height() + theme.SPACE_S)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addSpacing(theme.SPACE_XS)
        layout.addLayout(buttons)
        self.start_button.clicked.connect(self._on_start_button_clicked)
        self.calm_button.clicked.connect(lambda: self.calm_requested.emit(self.readiness()))
        self.rest_button.clicked.connect(lambda: self.rest_requested.emit(self.readiness()))
        self.cancel_button.clicked.connect(self.cancelled.emit)
        self._active = 0
        self._pending_one_at: float | None = None
        self._move_on_timer = QTimer(self)
        self._move_on_timer.setSingleShot(True)
        self._move_on_timer.timeout.connect(self._on_move_on_timer_timeout)

    def show_for(self, routine_name: str, calm_routine_name: str | None) -> None:
        """Ask afresh before ``routine_name``; offer ``calm_routine_name`` as the calm alternative
        (None: this is the calm session already)."""
        self.title.setText(f"Before you start: {routine_name}")
        for row in self.rows.values():
            row.clear()
        self.shorter.setChecked(False)
        self.calm_button.setVisible(calm_routine_name is not None)
        self.calm_button.setToolTip(f"Start “{calm_routine_name}” instead" if calm_routine_name else "")
        self._pending_one_at = None
        self._set_active(0)
        self._update_advice()

    def readiness(self) -> Readiness:
        return Readiness(**{key: row.value for key, row in self.rows.items()})

    # -- keys, forwarded by the session view -------------------------------------------------------
    def press_digit(self, digit: int) -> None:
        keys = list(self.rows)
        if self._pending_one_at is not None:
            self._move_on_timer.stop()
            self._pending_one_at = None
            if digit == 0:  # "1", "0": ten, on the same question
                self.rows[keys[self._active]].press_digit(0)
                self._move_on()
                return
            self._move_on()
        row = self.rows[keys[self._active]]
        row.press_digit(digit)
        if digit == 1:
            self._pending_one_at = time.monotonic()
            self._move_on_timer.start(int(TEN_WINDOW_S * 1000))
        else:
            self._move_on()

    def move_active(self, step: int) -> None:
        self._pending_one_at = None
        self._set_active(max(0, min(len(self.rows) - 1, self._active + step)))

    def start(self) -> None:
        self._on_start_button_clicked()

    # -- internals -------------------------------------------------------------------------------------
    def _move_on(self) -> None:
        if self._active < len(self.rows) - 1:
            self._set_active(self._active + 1)

    def _on_move_on_timer_timeout(self) -> None:
        self._pending_one_at = None
        self._move_on()

    def _set_active(self, index: int) -> None:
        self._active = index
        for position, row in enumerate(self.rows.values()):
            font = row.font()
            font.setBold(position == index)
            row.setFont(font)

    def _on_row_rated(self, _value: int) -> None:
        self._update_advice()

    def _update_advice(self) -> None:
        self.advice_row.setVisible(is_low_readiness(self.rows["energy"].value, self.rows["motivation"].value))

    def _on_start_button_clicked(self) -> None:
        self._move_on_timer.stop()
        self.start_requested.emit(self.readiness(), self.shorter.isChecked())
