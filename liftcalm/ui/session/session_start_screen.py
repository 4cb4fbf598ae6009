"""Choosing what to train: a routine, or an empty session built as you go."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from liftcalm.ui.look import make_heading, make_muted

ROUTINE_ID_ROLE = Qt.ItemDataRole.UserRole


class SessionStartScreen(QWidget):
    start_requested = Signal(int)  # routine id
    empty_requested = Signal()
    resume_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        title = make_heading(QLabel("Start a session", self), 22)
        intro = make_muted(QLabel("Choose a routine and press Enter. Each set is saved the moment you finish it.",
                                  self))
        intro.setWordWrap(True)
        self.resume_button = QPushButton(self)
        self.resume_button.hide()
        self.resume_button.clicked.connect(self.resume_requested.emit)
        self.routines = QListWidget(self)
        self.routines.setAccessibleName("Routines to start")
        font = self.routines.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.routines.setFont(font)
        self.routines.setSpacing(3)
        self.routines.itemDoubleClicked.connect(self._on_routines_item_activated)
        self.routines.installEventFilter(self)
        self.empty_label = make_muted(QLabel("No routines yet: make one under Routines (Ctrl+1), "
                                             "or start an empty session and add exercises as you go.", self))
        self.empty_label.setWordWrap(True)
        buttons = QHBoxLayout()
        self.start_button = QPushButton("Start  (Enter)", self)
        self.empty_button = QPushButton("Start an empty session  (Ctrl+Shift+Enter)", self)
        self.start_button.clicked.connect(self._on_start_button_clicked)
        self.empty_button.clicked.connect(self.empty_requested.emit)
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.empty_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addWidget(self.resume_button)
        layout.addWidget(self.routines, 1)
        layout.addWidget(self.empty_label)
        layout.addLayout(buttons)

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
