"""A line edit that checks its text with a core parser and shows the error beside it."""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from liftcalm.core.validation import ValidationError


class ValidatedField(QWidget):
    """A labelled input whose value is only accepted when ``parse`` accepts the text.

    ``value_committed(value)`` is emitted on Enter or when focus leaves, with the parsed
    value, and only when it differs from the value shown last. Invalid text stays in the
    field with a message under it, and nothing is emitted, so nothing invalid is saved.
    """

    value_committed = Signal(object)

    def __init__(self, parse: Callable[[str], Any], format_value: Callable[[Any], str] = str, parent=None):
        super().__init__(parent)
        self._parse = parse
        self._format = format_value
        self._value: Any = None
        self.edit = _AppUndoLineEdit(self)
        self.message = QLabel(self)
        self.message.setObjectName("fieldError")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b3261e;")
        self.message.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addWidget(self.message)
        self.setFocusProxy(self.edit)
        self.edit.editingFinished.connect(self._on_edit_editing_finished)
        self.edit.textEdited.connect(self._on_edit_text_edited)

    def set_value(self, value: Any, keep_pending: bool = False) -> None:
        """Show ``value`` (formatted) and clear any error; emits nothing.

        With ``keep_pending`` (a refresh of the same record), text the user is still fixing
        stays with its message, and an unchanged text is not reset, so the selection and
        cursor of the field being typed in survive.
        """
        if keep_pending and value == self._value and (self.error or self.edit.isModified()):
            return
        self._value = value
        text = "" if value is None else self._format(value)
        if self.edit.text() != text:
            self.edit.setText(text)
            if self.edit.hasFocus():
                self.edit.selectAll()
        self.edit.setModified(False)
        self._show_error("")

    def value(self) -> Any:
        return self._value

    @property
    def error(self) -> str:
        return self.message.text() if self.message.isVisibleTo(self) else ""

    def _show_error(self, text: str) -> None:
        if text == self.message.text():
            return  # restyling a field costs a style recompute: only when its state changes
        self.message.setText(text)
        self.message.setVisible(bool(text))
        self.edit.setProperty("invalid", bool(text))
        self.edit.setStyleSheet("border: 2px solid #b3261e;" if text else "")
        self.edit.setToolTip(text)

    def _on_edit_text_edited(self, _text: str) -> None:
        if self.error:
            self._show_error("")

    def _on_edit_editing_finished(self) -> None:
        try:
            value = self._parse(self.edit.text())
        except ValidationError as error:
            self._show_error(error.message)
            return
        self._show_error("")
        # Show the value as saved ("62,5" becomes "62.5"); setText also ends the field's own
        # typing history, so the next Ctrl+Z undoes the saved edit in the app.
        self.edit.setText(self._format(value))
        self.edit.setModified(False)
        if value != self._value:
            self._value = value
            self.value_committed.emit(value)


class _AppUndoLineEdit(QLineEdit):
    """Hands Ctrl+Z / Ctrl+Shift+Z to the app's undo when the field has no typing to undo."""

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride:
            if (event.matches(QKeySequence.StandardKey.Undo) and not self.isUndoAvailable()) or (
                event.matches(QKeySequence.StandardKey.Redo) and not self.isRedoAvailable()
            ):
                event.ignore()
                return False
        return super().event(event)

    def keyPressEvent(self, event) -> None:  # Escape puts back the saved value
        if event.key() == Qt.Key.Key_Escape and self.isUndoAvailable():
            field = self.parent()
            if isinstance(field, ValidatedField):
                field.set_value(field.value())
                return
        super().keyPressEvent(event)
