"""Turns the RoutineBook's plain callbacks into a Qt signal."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from liftcalm.core.routine_book import RoutineBook


class BookSignals(QObject):
    """Emits ``routine_changed(id)`` after each committed change; unhooks itself when destroyed."""

    routine_changed = Signal(int)

    def __init__(self, book: RoutineBook, parent=None):
        super().__init__(parent)
        forward = self.routine_changed.emit
        book.on_changed.append(forward)
        # A plain function, not a method: it must run after this object is gone.
        self.destroyed.connect(lambda: forward in book.on_changed and book.on_changed.remove(forward))
