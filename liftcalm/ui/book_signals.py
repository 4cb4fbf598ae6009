"""Turns the RoutineBook's plain callbacks into a Qt signal."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from liftcalm.core.routine_book import RoutineBook


class BookSignals(QObject):
    routine_changed = Signal(int)  # routine id; emitted after the change is committed

    def __init__(self, book: RoutineBook, parent=None):
        super().__init__(parent)
        self._book = book
        book.on_changed.append(self.routine_changed.emit)
        self.destroyed.connect(lambda: book.on_changed.remove(self.routine_changed.emit))
