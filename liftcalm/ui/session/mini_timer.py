"""A small always-on-top timer window, for following a rest while another window is in front."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from liftcalm.ui.look import make_heading, make_muted


class MiniTimer(QWidget):
    """Shows what its owner tells it and remembers nothing itself.

    ``closed()`` is emitted when it is closed (so the owner can uncheck its menu action);
    ``activate_requested()`` when it is clicked or Enter is pressed in it. Showing it does
    not take the focus from the window the user is in.
    """

    closed = Signal()
    activate_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent, Qt.WindowType.Tool | Qt.WindowType.WindowStaysOnTopHint)
        self.setWindowTitle("LiftCalm timer")
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip("Click to go back to LiftCalm")
        self.phase = QLabel(self)
        self.phase.setAccessibleName("Phase")
        self.digits = make_heading(QLabel(self), 28)
        self.digits.setAccessibleName("Time")
        self._paused = False
        for label in (self.phase, self.digits):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(0)
        layout.addWidget(self.phase)
        layout.addWidget(self.digits, 1)
        self.resize(220, 90)

    def sizeHint(self) -> QSize:
        return QSize(220, 90)

    def show_state(self, phase_text: str, digits: str, paused: bool = False) -> None:
        self.phase.setText(f"{phase_text} · Paused" if paused else phase_text)
        self.digits.setText(digits)
        if paused != self._paused:
            self._paused = paused
            if paused:
                make_muted(self.digits)
            else:
                self.digits.setPalette(QPalette())  # no roles of its own: the theme's again

    @property
    def paused(self) -> bool:
        return self._paused

    def closeEvent(self, event) -> None:
        super().closeEvent(event)
        if event.isAccepted():
            self.closed.emit()

    def mouseReleaseEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(event.position().toPoint()):
            self.activate_requested.emit()
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.activate_requested.emit()
            event.accept()
            return
        super().keyPressEvent(event)
