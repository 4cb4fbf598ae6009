"""Edit > Undo and Redo act on the page in view, with the platform's keys, and say what they undo."""

import datetime

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from liftcalm.store import Store
from liftcalm.store.demo import write_demo

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


def show(window, page):
    window.navigation.setCurrentRow(window.pages.indexOf(page))


def test_undo_acts_on_the_page_in_view(qtbot, open_window, db_path):
    with Store(db_path) as store:
        write_demo(store, years=0.1, seed=4, end=datetime.date(2026, 6, 1))
    window = open_window()
    routines = window.routines
    routines.book.create("Made on Routines")

    show(window, window.history_page)
    history = window.history_page.ensure_view()
    qtbot.waitSignal(history.sessions_loaded).wait()
    target = history.current_set
    history.edits.edit_set(target.id, reps=target.reps + 1)
    assert window.undo_action.isEnabled() and "reps" in window.undo_action.text()
    QTest.keyClick(window, Qt.Key.Key_Z, CTRL)  # undoes the history edit, not the routine
    assert history.edits.session_sets(target.session_id)[0].reps == target.reps
    assert routines.store.routines.list()[-1:] and any(n == "Made on Routines" for _, n, _ in routines.store.routines.list())
    QTest.keyClick(window, Qt.Key.Key_Z, CTRL | SHIFT)
    assert history.edits.session_sets(target.session_id)[0].reps == target.reps + 1

    show(window, window.routines)
    assert window.undo_action.text() == "&Undo Create “Made on Routines”"
    QTest.keyClick(window, Qt.Key.Key_Z, CTRL)
    assert not any(n == "Made on Routines" for _, n, _ in routines.store.routines.list())

    show(window, window.graphs_page)  # nothing to undo on a page that edits nothing
    assert not window.undo_action.isEnabled() and not window.redo_action.isEnabled()
