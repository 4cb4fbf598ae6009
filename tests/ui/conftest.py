import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

from liftcalm.app import create_application
from liftcalm.store import Store


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "ui.db"


@pytest.fixture
def open_window(qtbot, db_path):
    """Open (or reopen) the main window on the test database, shown and active."""
    opened = []

    def open_():
        create_application()
        from liftcalm.ui.main_window import MainWindow

        store = Store(db_path)
        window = MainWindow(store)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        opened.append(window)
        return window

    yield open_
    for window in opened:
        window.store.close()


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
