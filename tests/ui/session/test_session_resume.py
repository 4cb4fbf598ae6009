"""The app itself is killed mid-rest; the next start offers the session back, exactly where it was."""

import json
import os
import signal
import subprocess
import sys
import time

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from liftcalm.core.session_run import Phase
from liftcalm.store import Store
from tests.ui.session.test_session import make_routine


def click(box, text):
    """Answer a message box; give activation back to its window, as a window manager would."""
    window = box.parentWidget()
    next(b for b in box.buttons() if text in b.text()).click()
    if window is not None:
        window.activateWindow()

CHILD = r"""
import json, sys
from pathlib import Path
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from liftcalm.app import open_main_window

app, window = open_main_window(Path(sys.argv[1]))
view = window.session

def key(k, modifier=Qt.KeyboardModifier.NoModifier):
    QTest.keyClick(QApplication.focusWidget() or window, k, modifier)

def run():
    window.activateWindow()
    key(Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    key(Qt.Key.Key_Return)                 # the routine
    QTest.keyClicks(view, "64")              # energy 6, motivation 4
    key(Qt.Key.Key_Return)                 # start
    key(Qt.Key.Key_Space)                  # warm-up done: the rest starts, the set is saved
    key(Qt.Key.Key_E)                      # correct it
    QTest.keyClicks(QApplication.focusWidget(), "4")
    key(Qt.Key.Key_Return)                 # corrected to 4 reps
    QTest.keyClicks(view, "6")               # stress after the set
    run_state = view.recorder.run
    print(json.dumps({"session_id": view.recorder.session_id, "rest_s": run_state.rest.length_s,
                      "phase": run_state.phase.value}), flush=True)

QTimer.singleShot(200, run)
app.exec()
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_app_killed_mid_rest_resumes_with_every_set_and_the_rest_by_the_clock(qtbot, open_window, on_modal,
                                                                               db_path):
    make_routine(db_path)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(db_path)], stdout=subprocess.PIPE, text=True,
                             env=env)
    try:
        told = json.loads(child.stdout.readline())
        killed_at = time.monotonic()
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL and told["phase"] == "rest"
    time.sleep(1.0)

    answered = []

    def resume(box):
        assert "left running" in box.text() and "1 set saved" in box.text()
        answered.append(box)
        click(box, "Resume")

    on_modal(resume, QMessageBox)
    window = open_window()
    view = window.session
    qtbot.waitUntil(lambda: view.recorder is not None)
    assert answered and window.pages.currentWidget() is view
    run = view.recorder.run
    assert run.phase is Phase.REST and view.stack.currentWidget() is view.rest_screen
    remaining = run.rest.remaining(view.clock.now())
    expected = told["rest_s"] - (time.monotonic() - killed_at)
    assert abs(remaining - expected) < 0.5  # the rest ran on while the app was dead
    assert view.rest_screen.stress.value == 6 and view.rest_screen.reps.edit.text() == "4"
    rows = view.store.sessions.logged_set_rows(told["session_id"])
    assert [(r["reps"], r["load_kg"], r["stress_after_set"]) for r in rows] == [(4, 60.0, 6)]
    assert view.store.conn.execute("SELECT energy, motivation FROM session").fetchone() == (6, 4)


def test_a_rest_that_ended_while_closed_shows_as_ended_and_finish_as_it_is(qtbot, open_window, on_modal,
                                                                           db_path):
    make_routine(db_path)
    window = open_window()
    view = window.session
    view.set_page_active(True)
    view.begin_routine(view.store.routines.list()[0][0])
    view.readiness.start()
    view.finish_set()
    # Keep for later, as the close prompt offers; then pretend the rest ended long ago.
    on_modal(lambda box: click(box, "Keep"), QMessageBox)
    window.close()
    assert not window.isVisible()
    with Store(db_path) as store:
        state = json.loads(store.conn.execute("SELECT state FROM session").fetchone()[0])
        state["rest"]["deadline"] -= 3600
        store.conn.execute("UPDATE session SET state = ?", (json.dumps(state),))

    on_modal(lambda box: click(box, "Resume"), QMessageBox)
    window = open_window()
    view = window.session
    qtbot.waitUntil(lambda: view.recorder is not None)
    assert view.recorder.run.phase is Phase.SET and view.stack.currentWidget() is view.set_screen
    assert view.set_screen.set_line.text() == "Set 2 of 2 · Working"

    on_modal(lambda box: click(box, "Finish it now"), QMessageBox)
    window.close()
    with Store(db_path) as store:
        assert store.conn.execute("SELECT ended_at IS NOT NULL, state IS NULL FROM session").fetchone() == (1, 1)
        assert len(store.sessions.logged_set_rows(1)) == 1
    QApplication.processEvents()
