"""Help > If you're struggling or in crisis…, with the person's own support contacts; Help > Exercise safety."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout

from liftcalm.core.support import (
    CRISIS_PARAGRAPHS,
    CRISIS_TITLE,
    SAFETY_PARAGRAPHS,
    SAFETY_TITLE,
    SUPPORT_CONTACTS_HINT,
)
from liftcalm.core.validation import ValidationError
from liftcalm.store.settings import SUPPORT_CONTACTS_MAX
from liftcalm.ui.look import make_heading, make_muted

SAVE_AFTER_MS = 600  # the contacts note is saved this long after the last key


def _paragraphs(texts, parent) -> list[QLabel]:
    labels = []
    for text in texts:
        label = QLabel(text, parent)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        labels.append(label)
    return labels


class SupportDialog(QDialog):
    """Calm, offline, country-neutral words on where to turn, and a private note of the person's contacts.

    The note is saved as it is typed (a moment after the last key, and on closing), like every edit.
    """

    def __init__(self, store, parent=None):
        super().__init__(parent)
        self.setWindowTitle(CRISIS_TITLE)
        self.resize(560, 520)
        self._store = store
        layout = QVBoxLayout(self)
        layout.addWidget(make_heading(QLabel(CRISIS_TITLE, self), 15))
        for label in _paragraphs(CRISIS_PARAGRAPHS, self):
            layout.addWidget(label)
        layout.addSpacing(8)
        hint = make_muted(QLabel(SUPPORT_CONTACTS_HINT, self))
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.contacts = QPlainTextEdit(self)
        self.contacts.setAccessibleName("My support contacts")
        self.contacts.setPlaceholderText("For example: Sam, 0123 456 789; my doctor's surgery, …")
        self.contacts.setPlainText(store.settings.support_contacts)
        self.contacts.setTabChangesFocus(True)
        layout.addWidget(self.contacts, 1)
        self.saved_line = make_muted(QLabel("", self))
        layout.addWidget(self.saved_line)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(SAVE_AFTER_MS)
        self._save_timer.timeout.connect(self.save_contacts)
        self.contacts.textChanged.connect(self._on_contacts_text_changed)

    def _on_contacts_text_changed(self) -> None:
        self.saved_line.setText("")
        self._save_timer.start()

    def save_contacts(self) -> None:
        self._save_timer.stop()
        text = self.contacts.toPlainText()
        if text == self._store.settings.support_contacts:
            return
        try:
            self._store.settings.support_contacts = text
        except ValidationError as error:
            self.saved_line.setText(f"Not saved: {error.message} ({SUPPORT_CONTACTS_MAX} characters at most).")
            return
        self.saved_line.setText("Saved.")

    def done(self, result: int) -> None:
        self.save_contacts()
        super().done(result)


class SafetyDialog(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(SAFETY_TITLE)
        self.setMinimumWidth(520)  # the height follows the text: no empty half-dialog
        layout = QVBoxLayout(self)
        layout.addWidget(make_heading(QLabel(SAFETY_TITLE, self), 15))
        for label in _paragraphs(SAFETY_PARAGRAPHS, self):
            layout.addWidget(label)
        layout.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
