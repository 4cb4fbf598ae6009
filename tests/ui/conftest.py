import gc

import pytest
from PySide6.QtCore import QEvent, QThreadPool, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from liftcalm.app import create_application
from liftcalm.store import Store


@pytest.fixture(autouse=True)
def background_work_ends_with_its_test():
    """A test's background work ends, and its widgets are gone, before the next test begins.

    pytest-qt closes a test's widgets; their deletion and the collection of Python cycles that
    hold them (a graph and its points' tool-tip callbacks) then happen here, in one known place.
    Left to chance, they happened in the middle of a later test: a run in a few crashed in
    Qt there (iterating QApplication.allWidgets) or hung in a pyqtgraph signal disconnect.
    """
    yield
    pool = QThreadPool.globalInstance()
    assert pool.waitForDone(30_000), "background work still running 30 s after its test"
    if QApplication.instance() is not None:
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QApplication.processEvents()
    gc.collect()


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "ui.db"


@pytest.fixture
def open_window(qtbot, db_path):
    """Open (or reopen) the main window on the test database, shown and active."""
    opened = []

    def open_(clock=None):
        create_application()
        from liftcalm.ui.main_window import MainWindow

        store = Store(db_path)
        window = MainWindow(store, clock)
        qtbot.addWidget(window, before_close_func=_keep_session_for_later)
        window.show()
        qtbot.waitExposed(window)
        # Activate again while waiting: a start-up question (resume?) may have taken the focus, and
        # without a window manager nothing gives it back when the question closes.
        qtbot.waitUntil(lambda: window.activateWindow() or window.isActiveWindow())
        opened.append(window)
        return window

    yield open_
    for window in opened:
        window.store.close()


def _keep_session_for_later(window):
    """pytest-qt closes windows before fixtures end: answer the close prompt's question first."""
    if window.session.recorder is not None:
        window.session.keep_for_later()


def close_window(window):
    window.close()
    window.store.close()


@pytest.fixture
def on_modal(qtbot):
    """Run ``handler(dialog)`` once a modal dialog of ``kind`` is up (dialogs block in exec())."""

    def schedule(handler, kind=QWidget):
        def poll():
            dialog = QApplication.activeModalWidget()
            if dialog is None or not dialog.isVisible() or not isinstance(dialog, kind):
                QTimer.singleShot(10, poll)
                return
            handler(dialog)

        QTimer.singleShot(0, poll)

    return schedule
