"""``liftcalm session …`` against a real Session page, through the app's own local socket.

The commands run on a worker thread (they block on the socket, as in a terminal), while the
test's event loop lets the window answer, as the running app would.
"""

import io
import json
import os
import socket
import stat
import subprocess
import sys
import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from liftcalm import remote
from liftcalm.core.clock import FakeClock
from liftcalm.core.models import Routine, RoutineItem, SetType
from liftcalm.store import Store
from liftcalm.ui.remote_control import RemoteControl
from liftcalm.ui.single_instance import InstanceServer

CTRL = Qt.KeyboardModifier.ControlModifier


def press(qtbot, window, key, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(QApplication.focusWidget() or window, key, modifier)


def make_routine(db_path, sets=3, rest_s=90):
    with Store(db_path) as store:
        squat = store.exercises.find("Barbell Back Squat").id
        store.book.add(Routine(None, "Squats", (
            RoutineItem(squat, (SetType.WORKING,) * sets, target_reps=5, target_load_kg=100.0, rest_s=rest_s),)),
            "Add")
        store.settings.set("sound_on", "0")
        store.settings.set("notifications", "0")


@pytest.fixture
def app_on(qtbot, open_window, db_path):
    """The main window on ``db_path`` with a FakeClock, listening on its channel like the app."""
    make_routine(db_path)
    clock = FakeClock(start=5_000.0)
    window = open_window(clock)
    server = InstanceServer(db_path, window)
    RemoteControl(window.session).serve(server)
    assert server.listen(), server.name
    window.clock = clock
    window.server = server
    yield window
    server.deleteLater()


def start_session(qtbot, window):
    view = window.session
    press(qtbot, window, Qt.Key.Key_2, CTRL)
    press(qtbot, window, Qt.Key.Key_Return)  # the routine
    press(qtbot, window, Qt.Key.Key_Return)  # past the readiness check
    qtbot.waitUntil(lambda: view.stack.currentWidget() is view.set_screen)


def run(qtbot, db_path, *argv):
    """``liftcalm session ARGV --db db_path`` on a thread; (exit code, stdout, stderr)."""
    out, err, result = io.StringIO(), io.StringIO(), {}
    args = remote.parse_session_args([*argv, "--db", str(db_path)])
    thread = threading.Thread(target=lambda: result.update(code=remote.run_session_command(args, out, err)))
    thread.start()
    qtbot.waitUntil(lambda: not thread.is_alive(), timeout=10_000)
    return result["code"], out.getvalue(), err.getvalue()


def status(qtbot, db_path) -> dict:
    code, out, err = run(qtbot, db_path, "status", "--json")
    assert code == 0, err
    return json.loads(out)


def test_status_json_before_and_during_a_session(qtbot, app_on, db_path):
    idle = status(qtbot, db_path)
    assert {key: idle[key] for key in ("app", "running", "phase", "remaining_s", "exercise")} == {
        "app": True, "running": False, "phase": None, "remaining_s": None, "exercise": None}
    start_session(qtbot, app_on)
    app_on.clock.advance(42)
    now = status(qtbot, db_path)
    assert {key: now[key] for key in ("app", "running", "phase", "remaining_s", "exercise", "set_number",
                                      "set_count", "elapsed_s", "routine", "sets_logged")} == {
        "app": True, "running": True, "phase": "set", "remaining_s": None, "exercise": "Barbell Back Squat",
        "set_number": 1, "set_count": 3, "elapsed_s": 42.0, "routine": "Squats", "sets_logged": 0}
    code, out, _err = run(qtbot, db_path, "status")
    assert code == 0
    assert out == "Set: Barbell Back Squat, set 1 of 3 · 5 reps × 100 kg · 0:42 so far\n"


def test_done_logs_the_set_in_the_database_and_starts_the_rest(qtbot, app_on, db_path):
    start_session(qtbot, app_on)
    app_on.hide()  # the window need not be seen
    view = app_on.session
    code, out, err = run(qtbot, db_path, "done")
    assert (code, err) == (0, "")
    assert out.startswith("Done: Barbell Back Squat, set 1 of 3. Rest: 1:30 left · next: Barbell Back Squat, "
                          "set 2 of 3")
    with Store(db_path) as reader:  # another connection: the set is committed, not just shown
        rows = reader.sessions.logged_set_rows(view.recorder.session_id)
    assert [(row["set_number"], row["reps"], row["load_kg"]) for row in rows] == [(1, 5, 100.0)]
    now = status(qtbot, db_path)
    assert (now["phase"], now["remaining_s"], now["exercise"], now["set_number"]) == (
        "rest", 90.0, "Barbell Back Squat", 2)
    assert view.stack.currentWidget() is view.rest_screen  # the page follows, as for Space

    code, _out, err = run(qtbot, db_path, "done")  # a rest runs: nothing to finish
    assert code == 1
    assert err == "liftcalm session done: a rest is running (1:30 left), not a set; skip-rest ends it\n"
    with Store(db_path) as reader:
        assert len(reader.sessions.logged_set_rows(view.recorder.session_id)) == 1


def test_add_moves_the_deadline_and_pause_freezes_it(qtbot, app_on, db_path):
    start_session(qtbot, app_on)
    view = app_on.session
    run(qtbot, db_path, "done")
    deadline = view.recorder.run.rest.deadline
    code, out, _err = run(qtbot, db_path, "add", "15")
    assert code == 0 and out == "Rest +15 s: Rest: 1:45 left\n"
    assert view.recorder.run.rest.deadline == deadline + 15
    code, out, _err = run(qtbot, db_path, "add", "-15")
    assert code == 0 and out == "Rest −15 s: Rest: 1:30 left\n"
    assert view.recorder.run.rest.deadline == deadline

    app_on.clock.advance(10)
    code, out, _err = run(qtbot, db_path, "pause")
    assert code == 0 and out == "Rest paused: 1:20 left.\n"
    app_on.clock.advance(300)  # paused: the time left stands still, and the rest does not end
    now = status(qtbot, db_path)
    assert (now["phase"], now["paused"], now["remaining_s"]) == ("rest", True, 80.0)
    code, out, _err = run(qtbot, db_path, "pause")
    assert code == 0 and out == "Rest resumed: 1:20 left.\n"
    assert view.recorder.run.rest.deadline == deadline + 300  # moved by exactly the paused span


def test_skip_rest_goes_to_the_next_set_and_a_whole_session_ends_saved(qtbot, app_on, db_path):
    start_session(qtbot, app_on)
    app_on.showMinimized()
    view = app_on.session
    session_id = view.recorder.session_id
    for number in (1, 2, 3):
        assert run(qtbot, db_path, "done")[0] == 0
        code, out, _err = run(qtbot, db_path, "skip-rest")
        assert code == 0
        if number < 3:
            assert out.startswith(f"Skipped the rest. Set: Barbell Back Squat, set {number + 1} of 3")
        else:
            assert out == "Skipped the rest. Session done: the summary waits in LiftCalm (done saves it).\n"
    assert status(qtbot, db_path)["phase"] == "finished"
    code, out, _err = run(qtbot, db_path, "skip-rest")
    assert code == 1
    code, out, err = run(qtbot, db_path, "done")  # on the summary: save it, as Enter does
    assert (code, out, err) == (0, "Saved the session.\n", "")
    assert view.recorder is None
    with Store(db_path) as reader:
        assert not reader.sessions.is_running(session_id)
        assert len(reader.sessions.logged_set_rows(session_id)) == 3
    assert status(qtbot, db_path)["running"] is False


def test_actions_that_do_not_fit_say_why_and_change_nothing(qtbot, app_on, db_path):
    code, out, err = run(qtbot, db_path, "done")
    assert (code, out) == (1, "")
    assert err == "liftcalm session done: no session is running; start one in LiftCalm\n"
    start_session(qtbot, app_on)
    for argv in (["skip-rest"], ["add", "15"], ["pause"]):
        code, _out, err = run(qtbot, db_path, *argv)
        assert code == 1
        assert err == f"liftcalm session {argv[0]}: no rest is running: a set is under way (done ends it)\n"
    assert status(qtbot, db_path)["phase"] == "set"


def test_a_bad_request_is_answered_not_raised(qtbot, app_on, db_path):
    answers = []
    thread = threading.Thread(target=lambda: answers.extend([
        remote.ask(db_path, {"command": "session", "action": "dance"}),
        remote.ask(db_path, {"command": "session", "action": "add", "seconds": "15"}),
    ]))
    thread.start()
    qtbot.waitUntil(lambda: not thread.is_alive(), timeout=10_000)
    assert answers[0]["ok"] is False and answers[0]["error"] == "unknown action 'dance'"
    assert answers[1]["ok"] is False and "whole number" in answers[1]["error"]


def test_the_socket_is_private_and_where_the_client_looks(qtbot, app_on, db_path):
    path = remote.socket_path(db_path)
    assert str(path) == app_on.server.full_name
    found = os.lstat(path)
    assert stat.S_ISSOCK(found.st_mode) and found.st_uid == os.getuid()
    assert stat.S_IMODE(found.st_mode) & 0o077 == 0


def test_with_no_app_running_the_command_says_so_and_exits_1(tmp_path):
    db = tmp_path / "nobody.db"
    result = subprocess.run([sys.executable, "-m", "liftcalm.remote", "--db", str(db), "status", "--json"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert json.loads(result.stdout) == {"app": False, "running": False, "phase": None, "remaining_s": None,
                                         "exercise": None}
    assert result.stderr == (f"liftcalm session status: no LiftCalm is running for {db} (start it first; "
                             "--db PATH names another database)\n")
    result = subprocess.run([sys.executable, "-m", "liftcalm.remote", "--db", str(db), "skip-rest"],
                            capture_output=True, text=True, timeout=60)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr.count("\n") == 1 and "no LiftCalm is running" in result.stderr


def test_a_socket_left_by_a_killed_app_means_no_app(tmp_path):
    db = tmp_path / "killed.db"
    left = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    left.bind(str(remote.socket_path(db)))  # bound, never listening: as after a SIGKILL
    os.chmod(remote.socket_path(db), 0o700)
    try:
        with pytest.raises(remote.NoRunningApp):
            remote.ask(db, {"command": "session", "action": "status"})
    finally:
        left.close()
        remote.socket_path(db).unlink()


def test_a_socket_others_can_reach_is_not_talked_to(tmp_path):
    db = tmp_path / "open.db"
    impostor = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    impostor.bind(str(remote.socket_path(db)))
    impostor.listen(1)
    os.chmod(remote.socket_path(db), 0o777)
    try:
        with pytest.raises(remote.ChannelRefused, match="can be reached by other users"):
            remote.ask(db, {"command": "session", "action": "status"})
    finally:
        impostor.close()
        remote.socket_path(db).unlink()


def test_the_client_loads_no_qt():
    code = ("import sys, liftcalm.remote\n"
            "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "[]", result.stderr
