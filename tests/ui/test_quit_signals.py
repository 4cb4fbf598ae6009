"""A logout, a shutdown or Ctrl+C (SIGTERM, SIGHUP, SIGINT) ends LiftCalm cleanly and loses nothing."""

import os
import signal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from liftcalm.core.clock import FakeClock
from liftcalm.store import Store
from liftcalm.store.instance_lock import DatabaseLock
from liftcalm.store.recovery import recovery_path
from liftcalm.ui.quit_signals import QuitSignals
from tests.ui.session.test_session import make_routine, press, start_session, type_text
from tests.ui.session.test_session_faults import break_the_disk
from tests.ui.test_single_instance import env, start_app, wait_until_listening  # noqa: F401 (env is a fixture)


def test_a_signal_arrives_on_the_ui_thread_by_name(qtbot):
    quit_signals = QuitSignals()
    try:
        with qtbot.waitSignal(quit_signals.received, timeout=5000) as heard:
            os.kill(os.getpid(), signal.SIGHUP)
        assert heard.args == ["SIGHUP"]
    finally:
        quit_signals.stop()
    assert signal.getsignal(signal.SIGHUP) is signal.SIG_DFL  # given back as it was


def test_sigterm_with_writes_held_keeps_them_in_the_recovery_file_without_asking(qtbot, open_window, db_path,
                                                                                  monkeypatch):
    make_routine(db_path)
    window = open_window(FakeClock(start=10_000.0))
    view = start_session(qtbot, window)
    break_the_disk(window)
    press(qtbot, window, Qt.Key.Key_Space)
    press(qtbot, window, Qt.Key.Key_Escape)
    type_text(qtbot, window, "4")
    assert view.recorder.pending
    monkeypatch.setattr(QMessageBox, "exec", lambda box: pytest.fail(f"asked: {box.text()}"))  # nobody to answer
    quits = []
    monkeypatch.setattr(QApplication, "quit", lambda: quits.append(True))
    window.quit_for_signal("SIGTERM")
    assert not window.isVisible() and quits == [True]
    assert recovery_path(db_path).exists()
    with Store(db_path) as store:  # the session stays running, to be offered (with the file merged) next time
        assert [row.running for row in store.history_edits.list_sessions()] == [True]


def test_sigterm_ends_the_app_with_exit_code_0_and_frees_the_database(tmp_path, env):  # noqa: F811
    db = tmp_path / "liftcalm.db"
    app = start_app(db, env)
    try:
        wait_until_listening(db)
        app.send_signal(signal.SIGTERM)
        code = app.wait(timeout=30)
    finally:
        if app.poll() is None:
            app.kill()
        _out, errors = app.communicate(timeout=30)
    assert code == 0, errors
    lock = DatabaseLock(db)
    assert lock.acquire()  # released: the next start opens it at once
    lock.release()
