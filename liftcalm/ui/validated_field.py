"""A line edit that checks its text with a core parser and shows the error under it.

The message wraps onto as many lines as it needs (the field grows, nothing is clipped), the
field gets a frame in the theme's error colour, and a screen reader hears the message: the
words say what is wrong, never the colour alone.
"""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QEvent, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QPainter, QPen
from PySide6.QtWidgets import QLabel, QLineEdit, QSizePolicy, QVBoxLayout, QWidget

from liftcalm.core.validation import ValidationError
from liftcalm.ui import theme
from liftcalm.ui.look import announce, make_error, spoken


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
        make_error(self.message)
        # As tall as its lines at the width it is given: a two-line message is never cut to one.
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        policy.setHeightForWidth(True)
        self.message.setSizePolicy(policy)
        self.message.hide()
        self._description = ""
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

    def set_accessible(self, name: str, description: str = "") -> None:
        """What a screen reader says for the field: "Load, kilograms", and how to fill it in."""
        self.edit.setAccessibleName(name)
        self._description = description
        self.edit.setAccessibleDescription(self._spoken_description(self.error))

    def name_from(self, label: QLabel, description: str = "") -> None:
        """Let ``label`` name the field (its buddy) and say it, units spoken: call again when its text changes."""
        label.setBuddy(self.edit)
        self.set_accessible(spoken(label.text()), description or self._description)

    def _spoken_description(self, error: str) -> str:
        return " ".join(part for part in (f"Not saved: {error}" if error else "", self._description) if part)

    @property
    def error(self) -> str:
        return self.message.text() if self.message.isVisibleTo(self) else ""

    def _show_error(self, text: str) -> None:
        if text == self.message.text():
            return  # restyling a field costs a style recompute: only when its state changes
        self.message.setText(text)
        self.message.setVisible(bool(text))
        self.edit.setProperty("invalid", bool(text))
        self.edit.update()
        self.edit.setToolTip(text)
        self.edit.setAccessibleDescription(self._spoken_description(text))
        if text:
            announce(self.edit, f"Not saved: {text}")

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
        self.edit.setText("" if value is None else self._format(value))  # None: not given, shown empty
        self.edit.setModified(False)
        if value != self._value:
            self._value = value
            self.value_committed.emit(value)


class _AppUndoLineEdit(QLineEdit):
    """Hands Ctrl+Z / Ctrl+Shift+Z to the app's undo when the field has no typing to undo.

    While its text is refused (property "invalid"), it draws a frame in the error colour over its own.
    """

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if self.property("invalid"):
            painter = QPainter(self)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(QPen(QColor(theme.colours().error), 2))
            painter.drawRoundedRect(QRectF(self.rect()).adjusted(1, 1, -1, -1), 3, 3)
            painter.end()

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
