"""The one way LiftCalm runs slow work off the UI thread."""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

_running: set[BackgroundTask] = set()  # keeps each task alive until it reports


class BackgroundTask(QObject):
    """Runs ``work()`` on a worker thread; ``succeeded(result)`` or ``failed(message)`` arrive
    on the UI thread.

    Threading rule: ``work`` must not touch widgets or the UI's database connection; it opens
    its own connection if it needs one. Connect the signals to methods of QObjects, so a
    window closed meanwhile is simply not called.
    """

    succeeded = Signal(object)
    failed = Signal(str)

    def __init__(self, work: Callable[[], Any]):
        super().__init__()
        self._work = work

    def start(self) -> None:
        _running.add(self)
        self.succeeded.connect(self._forget)
        self.failed.connect(self._forget)
        runnable = _TaskRunnable(self)
        QThreadPool.globalInstance().start(runnable)

    def _forget(self, *_args) -> None:
        _running.discard(self)

    def _run(self) -> None:
        try:
            result = self._work()
        except Exception as error:  # reported on the UI thread, never lost in a worker
            self._report(self.failed, f"{type(error).__name__}: {error}")
        else:
            self._report(self.succeeded, result)

    @staticmethod
    def _report(signal, value) -> None:
        try:
            signal.emit(value)
        except RuntimeError:  # the app is shutting down and the task is gone: nobody to tell
            pass


def wait_for_background_work() -> None:
    """Let running tasks finish (a backup being written) before the process exits."""
    QThreadPool.globalInstance().waitForDone()


class _TaskRunnable(QRunnable):
    def __init__(self, task: BackgroundTask):
        super().__init__()
        self._task = task

    def run(self) -> None:
        self._task._run()
