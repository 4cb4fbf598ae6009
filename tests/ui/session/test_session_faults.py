"""The Session page on a full disk: the timer goes on, the person is told what waits, nothing is lost."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from liftcalm.core.clock import FakeClock
from liftcalm.store import Store
from liftcalm.store.recovery import recovery_path
from tests.store.test_session_faults import FaultyConnection
from tests.ui.session.test_session import logged_rows, make_routine, press, start_session, type_text


def break_the_disk(window) -> FaultyConnection:
    sessions = window.store.sessions
    sessions._conn = faulty = FaultyConnection(sessions._conn)
    faulty.fault = "database or disk is full"
    return faulty


def test_space_on_a_full_disk_moves_on_says_not_saved_yet_and_saves_once_there_is_room(qtbot, open_window, db_path):
    make_routine(db_path)
    window = open_window(FakeClock(start=10_000.0))
    view = start_session(qtbot, window)
    faulty = break_the_disk(window)
    press(qtbot, window, Qt.Key.Key_Space)
    assert view.stack.currentWidget() is view.rest_screen  # the rest runs, as the person expects
    press(qtbot, window, Qt.Key.Key_Escape)
    type_text(qtbot, window, "6")
    assert view.unsaved_banner.isVisible()
    banner = view.unsaved_banner.text()
    assert "Not saved yet: the disk is full. Free some space; LiftCalm keeps trying." in banner
    assert "Barbell Back Squat, set 1 of 2" in banner and "1 other change" in banner
    assert view.rest_screen.logged_line.text().startswith("Not saved yet: Barbell Back Squat")
    assert logged_rows(window) == []
    faulty.fault = None  # space freed: the retry timer writes everything, in order, by itself
    qtbot.waitUntil(lambda: not view.recorder.pending, timeout=5000)
    assert not view.unsaved_banner.isVisible()
    assert view.rest_screen.logged_line.text().startswith("Saved: Barbell Back Squat")
    assert [(r["position"], r["stress_after_set"]) for r in logged_rows(window)] == [(0, 6)]
    assert window.statusBar().currentMessage() == "Everything is saved now."


def test_quitting_with_writes_held_keeps_them_in_a_recovery_file_that_the_next_start_merges(
        qtbot, open_window, on_modal, db_path):
    make_routine(db_path)
    window = open_window(FakeClock(start=10_000.0))
    start_session(qtbot, window)
    break_the_disk(window)
    press(qtbot, window, Qt.Key.Key_Space)
    press(qtbot, window, Qt.Key.Key_Escape)
    type_text(qtbot, window, "3")
    asked = []

    def keep_in_a_file(box):
        asked.append(box.text())
        next(b for b in box.buttons() if b.text().startswith("&Keep them")).click()

    on_modal(keep_in_a_file, QMessageBox)
    window.close()
    qtbot.waitUntil(lambda: not window.isVisible())
    assert "disk is full" in asked[0] and "2 changes" in asked[0]
    assert recovery_path(db_path).exists()

    offered = []

    def resume(box):
        offered.append(box.text())
        next(b for b in box.buttons() if b.text() == "&Resume").click()

    on_modal(resume, QMessageBox)
    again = open_window(FakeClock(start=10_010.0))  # 10 s later: the rest still runs
    assert not recovery_path(db_path).exists()
    assert "with 1 set saved" in offered[0]  # merged before the offer: the set that waited is there
    resumed = again.session
    qtbot.waitUntil(lambda: resumed.recorder is not None)
    assert resumed.stack.currentWidget() is resumed.rest_screen
    assert resumed.rest_screen.logged_line.text().startswith("Saved: Barbell Back Squat")
    with Store(db_path) as store:
        rows = store.sessions.logged_set_rows(resumed.recorder.session_id)
    assert [(r["position"], r["stress_after_set"]) for r in rows] == [(0, 3)]


def test_a_note_from_the_overview_on_a_full_disk_says_not_saved_yet(qtbot, open_window, db_path):
    from tests.ui.session.test_overview import answer_dialog, back_in_window

    make_routine(db_path)
    window = open_window(FakeClock(start=10_000.0))
    view = start_session(qtbot, window)
    press(qtbot, window, Qt.Key.Key_V)
    assert view.stack.currentWidget() is view.overview
    faulty = break_the_disk(window)
    answer_dialog(qtbot, lambda dialog: (dialog.setTextValue("rack 3 was free"), dialog.accept()))
    press(qtbot, window, Qt.Key.Key_N)
    back_in_window(qtbot, window)
    assert view.overview.message.text() == (
        "Not saved yet: the note for Barbell Back Squat waits; LiftCalm keeps trying.")
    assert view.unsaved_banner.isVisible()
    faulty.fault = None
    qtbot.waitUntil(lambda: not view.recorder.pending, timeout=5000)
    answer_dialog(qtbot, lambda dialog: (dialog.setTextValue("rack 4 was free"), dialog.accept()))
    press(qtbot, window, Qt.Key.Key_N)
    back_in_window(qtbot, window)
    assert view.overview.message.text() == "Note for Barbell Back Squat saved."
