"""The one change notification: after each commit, what changed, for whoever shows it.

The store publishes a ``Change`` after every committed write; the UI adapts the feed to one
Qt signal, and each page refreshes only what a change touched. Plain Python, no Qt.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

BODY_WEIGHT_KEY = "body_weight"  # the key a body weight entry is announced under (it lives in its own table)
# Settings whose change alters the training numbers shown (loads in another unit, volume and
# estimated maxima of bodyweight exercises), not just how the app behaves.
NUMBER_SETTINGS = frozenset({"unit", BODY_WEIGHT_KEY})


class ChangeKind(StrEnum):
    ROUTINES = "routines"
    EXERCISES = "exercises"
    SESSIONS = "sessions"  # a session, its sets, ratings, readiness or note
    SETTINGS = "settings"
    EVERYTHING = "everything"  # the content was replaced (a restore): read everything again


@dataclass(frozen=True)
class Change:
    """What one committed write changed.

    ``ids`` are the routines, exercises or sessions touched; empty means "any number of them"
    (an import). ``keys`` name the settings changed. ``before`` and ``after`` hold the rows on
    either side where an undo step keeps them (None where nobody needs them).
    """

    kind: ChangeKind
    ids: tuple[int, ...] = ()
    keys: tuple[str, ...] = ()
    before: Any = None
    after: Any = None

    def touches(self, kind: ChangeKind) -> bool:
        return self.kind is kind or self.kind is ChangeKind.EVERYTHING

    def changes_numbers(self) -> bool:
        """Whether the training numbers shown may differ after this change (``NUMBER_SETTINGS``)."""
        return self.kind is ChangeKind.SETTINGS and not NUMBER_SETTINGS.isdisjoint(self.keys)

    def touches_id(self, kind: ChangeKind, item_id: int) -> bool:
        """Whether this change may concern routine, exercise or session ``item_id``."""
        return self.touches(kind) and (not self.ids or item_id in self.ids)


Listener = Callable[[Change], None]


class ChangeFeed:
    """Listeners hear every change, in order, on the thread that committed it.

    A feed made with ``keep=True`` (a store opened for a worker thread) also keeps what it
    published in ``kept``, so the UI can hear it on its own thread once the work is done.
    """

    def __init__(self, keep: bool = False):
        self._listeners: list[Listener] = []
        self._held: list[list[Change]] = []
        self.kept: list[Change] | None = [] if keep else None

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call ``listener`` with each change from now on; return the function that stops it."""
        self._listeners.append(listener)

        def unsubscribe() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return unsubscribe

    def publish(self, change: Change) -> None:
        if self._held:
            self._held[-1].append(change)
            return
        if self.kept is not None:
            self.kept.append(change)
        for listener in list(self._listeners):
            listener(change)

    @contextlib.contextmanager
    def held(self, keep: bool = True) -> Iterator[None]:
        """Hold changes published inside a transaction until it commits.

        They go out when the block ends normally and ``keep`` is true; a block that raises
        (rolled back), or a dry run (``keep=False``), publishes nothing.
        """
        self._held.append([])
        try:
            yield
        except BaseException:
            self._held.pop()
            raise
        changes = self._held.pop()
        if keep:
            for change in changes:
                self.publish(change)
