"""The store's change feed as one Qt signal: the one UI adapter of the one change notification."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class StoreSignals(QObject):
    """Emits ``changed(Change)`` after each committed change to ``store``.

    Each page makes one, parented to itself, and refreshes what a change touched. It stops
    listening when it is destroyed, so a closed page is never called.
    """

    changed = Signal(object)

    def __init__(self, store, parent: QObject | None = None):
        super().__init__(parent)
        # A plain function, not a method: it must run after this object is gone.
        self.destroyed.connect(store.changes.subscribe(self.changed.emit))
