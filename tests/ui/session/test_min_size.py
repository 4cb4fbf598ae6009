"""Every session screen is readable at the minimum window size, with the pacer on: nothing crushed."""

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QLineEdit, QWidget

from liftcalm.core.clock import FakeClock
from tests.ui.session.test_session import CTRL, make_routine, press, type_text

SIZES = [QSize(760, 520), QSize(1280, 800)]


def crushed(screen: QWidget) -> list[str]:
    """Visible controls given less than they need to show their text (their minimum size hint)."""
    found = []
    for widget in screen.findChildren(QWidget):
        if not widget.isVisibleTo(screen) or not isinstance(widget, (QAbstractButton, QLineEdit, QLabel)):
            continue
        if isinstance(widget, QLabel) and not widget.text():
            continue
        need = widget.minimumSizeHint()
        if isinstance(widget, QLabel) and widget.wordWrap():
            need = QSize(min(need.width(), 40), widget.heightForWidth(widget.width()))
        if widget.width() < need.width() - 1 or widget.height() < need.height() - 1:
            text = widget.text() if hasattr(widget, "text") else ""
            found.append(f"{type(widget).__name__} {text[:30]!r}: {widget.width()}x{widget.height()} "
                         f"< {need.width()}x{need.height()}")
    return found


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s.width()}x{s.height()}")
def test_every_session_screen_fits_with_the_pacer_on(qtbot, open_window, db_path, size):
    make_routine(db_path)
    clock = FakeClock()
    window = open_window(clock)
    window.resize(size)
    view = window.session
    press(qtbot, window, Qt.Key.Key_2, CTRL)
    QApplication.processEvents()
    assert crushed(view.start_screen) == []
    press(qtbot, window, Qt.Key.Key_Return)
    QApplication.processEvents()
    type_text(qtbot, window, "11")  # a low day: the advice and its buttons show too
    QApplication.processEvents()
    assert crushed(view.readiness) == []
    press(qtbot, window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.recorder is not None)
    QApplication.processEvents()
    assert crushed(view.set_screen) == []
    press(qtbot, window, Qt.Key.Key_Space)
    press(qtbot, window, Qt.Key.Key_B, CTRL)  # the pacer
    clock.advance(50)  # the reflection shows
    view._on_repaint_timer_timeout()
    QApplication.processEvents()
    assert view.rest_screen.relief_box.isVisible() and view.rest_screen.pacer.isVisible()
    assert crushed(view.rest_screen) == []
    view.recorder.end_early()
    QApplication.processEvents()
    assert crushed(view.summary) == []
    view.keep_for_later()
