"""The one way LiftCalm runs store work off the UI thread (after Anki's ``QueryOp``)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

T = TypeVar("T")

# Keeps each op (and its messenger) alive until it has reported: Qt connections hold a bound
# method's object only weakly, and nothing else refers to an op once it runs.
_running: set[StoreOp] = set()


class StoreOp(Generic[T]):
    """Runs ``work(worker_store)`` on a worker thread; ``success(result)`` follows on the UI thread.

    The work gets a ``Store.for_worker`` of the same file: a connection of its own, opened
    without checking the file again, closed when the work ends. It must not touch widgets or
    the UI's store. A failure arrives at ``failure(error)`` as the exception object itself;
    without a failure handler it goes to ``sys.excepthook``, which tells the person calmly.
    Changes the work committed are published on the UI's store once it is done, before
    ``success``, so every page hears of them on the UI thread.

    Nothing is called once ``parent`` is destroyed (a closed dialog or page).
    """

    def __init__(self, *, parent: QObject, store, work: Callable[[Any], T], success: Callable[[T], None]):
        self._parent = parent
        self._store = store
        self._work = work
        self._success = success
        self._failure: Callable[[Exception], None] | None = None

    def failure(self, callback: Callable[[Exception], None]) -> StoreOp[T]:
        self._failure = callback
        return self

    def run_in_background(self) -> None:
        self._messenger = messenger = _Messenger()  # lives on the UI thread; the worker's signal queues to it
        _running.add(self)
        messenger.finished.connect(self._on_finished)
        QThreadPool.globalInstance().start(_Runnable(messenger, self._store.path, self._work))

    def _on_finished(self, result, error: Exception | None, changes: list) -> None:
        _running.discard(self)
        # Committed changes happened, even when the work failed afterwards (or its page closed).
        for change in changes:
            self._store.changes.publish(change)
        if not shiboken6.isValid(self._parent):
            return
        if error is None:
            self._success(result)
        elif self._failure is not None:
            self._failure(error)
        else:
            sys.excepthook(type(error), error, error.__traceback__)


class _Messenger(QObject):
    """Carries the outcome of one op from its worker to the UI thread."""

    finished = Signal(object, object, object)  # result, error, changes


class _Runnable(QRunnable):
    def __init__(self, messenger: _Messenger, path, work):
        super().__init__()
        self._messenger, self._path, self._work = messenger, path, work

    def run(self) -> None:
        from liftcalm.store import Store

        changes: list = []
        try:
            with Store.for_worker(self._path) as store:
                try:
                    result = self._work(store)
                finally:
                    changes = list(store.changes.kept or ())
        except Exception as error:  # reported on the UI thread, never lost in a worker
            self._messenger.finished.emit(None, error, changes)
        else:
            self._messenger.finished.emit(result, None, changes)


def wait_for_background_work() -> None:
    """Let running work finish (a backup being written) before the process exits."""
    QThreadPool.globalInstance().waitForDone()
