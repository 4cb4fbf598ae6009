"""Asking for a name, with the reason shown in the dialog when it cannot be used."""

from __future__ import annotations

from typing import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout

from liftcalm.core.validation import NAME_MAX, ValidationError


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
        self.message.setStyleSheet("color: #b3261e;")
        self.message.setWordWrap(True)
        self.message.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(prompt, self))
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
            self.edit.setFocus()
            return
        super().accept()
