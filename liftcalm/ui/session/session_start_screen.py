"""Choosing what to train: a routine, or an empty session built as you go."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from liftcalm.ui import theme
from liftcalm.ui.look import make_heading, make_muted

ROUTINE_ID_ROLE = Qt.ItemDataRole.UserRole
CARD_MAX_WIDTH = 820  # a comfortable line length in a wide window


class SessionStartScreen(QWidget):
    start_requested = Signal(int)  # routine id
    empty_requested = Signal()
    resume_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        card = theme.Card(self, padding=theme.SPACE_XL)
        card.setMaximumWidth(CARD_MAX_WIDTH)
        card.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        title = make_heading(QLabel("Start a session", card), "title")
        intro = make_muted(QLabel("Choose a routine and press Enter. Each set is saved the moment you finish it.",
                                  card))
        intro.setWordWrap(True)
        self.resume_button = QPushButton("Resume the session left running", card)
        theme.set_tone(self.resume_button, "primary")
        self.resume_button.hide()
        self.resume_button.clicked.connect(self.resume_requested.emit)
        self.routines = QListWidget(card)
        self.routines.setAccessibleName("Routines to start")
        self.routines.setAccessibleDescription("Up and Down choose, Enter starts with a short check-in")
        self.routines.setFont(theme.scaled_font(self.routines.font(), "strong"))
        self.routines.setSpacing(theme.SPACE_XS)
        self.routines.itemDoubleClicked.connect(self._on_routines_item_activated)
        self.routines.installEventFilter(self)
        self.empty_label = make_muted(QLabel("No routines yet: make one under Routines (Ctrl+1), "
                                             "or start an empty session and add exercises as you go.", card))
        self.empty_label.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.setSpacing(theme.SPACE_S)
        self.start_button = QPushButton("Start  (Enter)", card)
        theme.set_tone(self.start_button, "primary")
        self.empty_button = QPushButton("Start an empty session  (Ctrl+Shift+Enter)", card)
        self.start_button.clicked.connect(self._on_start_button_clicked)
        self.empty_button.clicked.connect(self.empty_requested.emit)
        for button in (self.start_button, self.empty_button):
            button.setMinimumHeight(button.sizeHint().height() + theme.SPACE_S)
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.empty_button)
        buttons.addStretch(1)
        inside = QVBoxLayout(card)
        inside.setSpacing(theme.SPACE_S)
        inside.addWidget(title)
        inside.addWidget(intro)
        inside.addSpacing(theme.SPACE_XS)
        inside.addWidget(self.resume_button)
        inside.addWidget(self.routines, 1)
        inside.addWidget(self.empty_label)
        inside.addLayout(buttons)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(theme.SPACE_XL, theme.SPACE_L, theme.SPACE_XL, theme.SPACE_L)
        layout.addStretch(1)
        layout.addWidget(card, 100)
        layout.addStretch(1)

    def fill(self, routines: list[tuple[int, str, str]], select_id: int | None = None,
             running_name: str | None = None) -> None:
        """Show ``routines`` as (id, name, details); offer to resume ``running_name`` if any."""
        self.routines.clear()
        for routine_id, name, details in routines:
            item = QListWidgetItem(f"{name}\n{details}" if details else name)
            item.setData(ROUTINE_ID_ROLE, routine_id)
            self.routines.addItem(item)
            if routine_id == select_id:
                self.routines.setCurrentItem(item)
        if self.routines.currentRow() < 0 and self.routines.count():
            self.routines.setCurrentRow(0)
        self.empty_label.setVisible(not routines)
        self.start_button.setEnabled(bool(routines))
        self.resume_button.setVisible(running_name is not None)
        if running_name is not None:
            self.resume_button.setText(f"Resume the session of {running_name} left running")

    def focus_list(self) -> None:
        self.routines.setFocus()

    @property
    def current_routine_id(self) -> int | None:
        item = self.routines.currentItem()
        return None if item is None else item.data(ROUTINE_ID_ROLE)

    def eventFilter(self, watched, event):
        # Enter starts; the list would pass the key on to the screen that replaces it.
        if watched is self.routines and event.type() == event.Type.KeyPress and event.key() in (
                Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            self._on_start_button_clicked()
            return True
        return super().eventFilter(watched, event)

    def _on_routines_item_activated(self, item: QListWidgetItem) -> None:
        self.start_requested.emit(item.data(ROUTINE_ID_ROLE))

    def _on_start_button_clicked(self) -> None:
        if self.current_routine_id is not None:
            self.start_requested.emit(self.current_routine_id)
