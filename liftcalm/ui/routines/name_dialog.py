"""Asking for a name, with the reason shown in the dialog when it cannot be used."""

from __future__ import annotations

from typing import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout

from liftcalm.core.validation import NAME_MAX, ValidationError
from liftcalm.ui.look import announce, make_error, spoken


class NameDialog(QDialog):
    """Calls ``apply(name)`` on OK; a ValidationError keeps the dialog open with its message."""

    def __init__(self, title: str, prompt: str, text: str, apply: Callable[[str], object], parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self._apply = apply
        self.result_value: object = None
        self.edit = QLineEdit(text, self)
        self.edit.setMaxLength(NAME_MAX + 20)  # longer text gets a message instead of being cut silently
        self.edit.selectAll()
        self.message = QLabel(self)
        self.message.setObjectName("fieldError")
        make_error(self.message)
        self.message.setWordWrap(True)
        self.message.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        prompt_label = QLabel(prompt, self)
        prompt_label.setBuddy(self.edit)
        self.edit.setAccessibleName(spoken(prompt))
        layout.addWidget(prompt_label)
        layout.addWidget(self.edit)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.edit.textEdited.connect(lambda _t: self.message.hide())
        self.setMinimumWidth(380)

    def accept(self) -> None:
        try:
            self.result_value = self._apply(self.edit.text())
        except ValidationError as error:
            self.message.setText(error.message)
            self.message.show()
            self.edit.setAccessibleDescription(error.message)
            announce(self.edit, error.message)
            self.edit.setFocus()
            return
        super().accept()
