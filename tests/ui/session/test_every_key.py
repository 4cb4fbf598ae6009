"""Every key the session lists, pressed on every screen where it is listed, does what the list says,
and the keys of other screens do nothing there (no field takes a key by surprise)."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from liftcalm.core.clock import FakeClock
from liftcalm.core.session_run import Phase
from liftcalm.ui.session.session_view import SESSION_KEYS_HELP
from tests.ui.session.test_planning_at_the_rack import routine_done_once
from tests.ui.session.test_session import CTRL, press, type_text

KEY = {"+": Qt.Key.Key_Plus, "-": Qt.Key.Key_Minus, **{c: getattr(Qt.Key, f"Key_{c}") for c in "BCEFHMNOPSTUVW"}}


def to_set_screen(qtbot, window, readiness_digits=""):
    view = window.session
    press(qtbot, window, Qt.Key.Key_2, CTRL)
    press(qtbot, window, Qt.Key.Key_Return)
    assert view.stack.currentWidget() is view.readiness
    type_text(qtbot, window, readiness_digits)
    press(qtbot, window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.stack.currentWidget() is view.set_screen)
    return view


def state(view):
    run = view.recorder.run
    snapshot = run.snapshot()
    return (run.phase, len(run.logged), snapshot.position, run.plan, snapshot.order, snapshot.skipped,
            None if run.rest is None else (run.rest.deadline, run.rest.paused_at), tuple(view.recorder.ratings))


def test_the_keys_listed_are_the_keys_tested():
    listed = {row[2] for row in SESSION_KEYS_HELP}
    assert {"0 … 9", "Space", "F", "U", "E", "N", "B, H, W, C, T, O, M", "V", "S", "L", "A", "Delete",
            "Enter"} <= listed


def test_readiness_keys(qtbot, open_window, db_path):
    routine_done_once(db_path)
    window = open_window(FakeClock())
    view = window.session
    press(qtbot, window, Qt.Key.Key_2, CTRL)
    press(qtbot, window, Qt.Key.Key_Return)
    type_text(qtbot, window, "7")  # energy
    press(qtbot, window, Qt.Key.Key_Down)
    press(qtbot, window, Qt.Key.Key_Down)
    type_text(qtbot, window, "3")  # stress, two questions down
    press(qtbot, window, Qt.Key.Key_Up)
    type_text(qtbot, window, "6")  # back up: motivation
    readiness = view.readiness.readiness()
    assert (readiness.energy, readiness.motivation, readiness.stress) == (7, 6, 3)
    press(qtbot, window, Qt.Key.Key_Escape)
    assert view.stack.currentWidget() is view.start_screen and view.recorder is None


def test_set_screen_keys(qtbot, open_window, db_path):
    routine_done_once(db_path)
    window = open_window(FakeClock())
    view = to_set_screen(qtbot, window)
    for key in ("+", "-", "P", "S", "B", "H", "W", "C", "T", "O", "M", "E", "N"):  # rest keys: nothing here
        before = state(view)
        press(qtbot, window, KEY[key])
        assert state(view) == before, key
        assert view.stack.currentWidget() is view.set_screen, key
    type_text(qtbot, window, "5")  # no rating is asked here outside a superset: nothing happens
    assert view.recorder.ratings == [] and len(view.recorder.run.logged) == 0
    press(qtbot, window, KEY["F"])  # fill from last time
    assert view.recorder.run.current.target_reps == 6 and view.recorder.history.undo_label.startswith("fill")
    plan_length = len(view.recorder.run.plan)
    press(qtbot, window, KEY["U"])  # a warm-up ramp
    assert len(view.recorder.run.plan) > plan_length
    press(qtbot, window, KEY["V"])
    assert view.stack.currentWidget() is view.overview
    press(qtbot, window, KEY["V"])
    assert view.stack.currentWidget() is view.set_screen
    press(qtbot, window, Qt.Key.Key_Space)
    assert view.recorder.phase is Phase.REST and len(view.recorder.run.logged) == 1


def test_rest_screen_keys(qtbot, open_window, db_path):
    routine_done_once(db_path)
    clock = FakeClock()
    window = open_window(clock)
    view = to_set_screen(qtbot, window)
    press(qtbot, window, Qt.Key.Key_Space)
    recorder, rest = view.recorder, view.rest_screen
    before = state(view)
    press(qtbot, window, KEY["F"])  # set keys: nothing here
    press(qtbot, window, KEY["U"])
    press(qtbot, window, Qt.Key.Key_Space)
    assert state(view) == before
    type_text(qtbot, window, "7")
    assert recorder.ratings[0].stress_after_set == 7
    deadline = recorder.run.rest.deadline
    press(qtbot, window, KEY["+"])
    assert recorder.run.rest.deadline == deadline + 15
    press(qtbot, window, KEY["-"])
    assert recorder.run.rest.deadline == deadline
    press(qtbot, window, KEY["P"])
    assert recorder.run.rest.is_paused
    press(qtbot, window, KEY["P"])
    assert not recorder.run.rest.is_paused
    press(qtbot, window, KEY["E"])  # correction: the fields take the keys now, and only now
    assert rest.editing and QApplication.focusWidget() is rest.reps.edit
    type_text(qtbot, window, "4")
    press(qtbot, window, Qt.Key.Key_Return)
    assert recorder.run.logged[0].reps == 4 and not rest.editing
    press(qtbot, window, KEY["E"])
    press(qtbot, window, Qt.Key.Key_Escape)  # one Esc leaves, keeping the set as it is
    assert not rest.editing and recorder.run.logged[0].reps == 4
    clock.advance(100)  # the reflection shows
    view._on_repaint_timer_timeout()
    for key, sign in (("B", "breath slowing"), ("H", "heart settling"), ("W", "muscles warm"),
                      ("C", "mind calmer"), ("T", "still tense"), ("O", "nothing in particular"),
                      ("M", "more tense")):
        press(qtbot, window, KEY[key])
        assert sign in recorder.ratings[0].relief_signs, key
    type_text(qtbot, window, "3")  # the second rating
    assert recorder.ratings[0].stress_end_of_rest == 3
    press(qtbot, window, KEY["N"])
    assert QApplication.focusWidget() is rest.note
    type_text(qtbot, window, "ok")
    press(qtbot, window, Qt.Key.Key_Return)
    assert recorder.ratings[0].relief_note == "ok" and QApplication.focusWidget() is not rest.note
    press(qtbot, window, KEY["S"])
    assert recorder.phase is Phase.SET


def test_summary_keys(qtbot, open_window, db_path):
    routine_done_once(db_path)
    window = open_window(FakeClock())
    view = to_set_screen(qtbot, window)
    press(qtbot, window, Qt.Key.Key_Space)
    view.recorder.end_early()
    qtbot.waitUntil(lambda: view.stack.currentWidget() is view.summary and view.summary.loading.isHidden())
    for key in ("F", "U", "V", "S", "P"):  # nothing here
        press(qtbot, window, KEY[key])
    assert view.stack.currentWidget() is view.summary
    type_text(qtbot, window, "2")
    assert view.summary.final_stress.value == 2
    session_id = view.recorder.session_id
    press(qtbot, window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.recorder is None)
    assert view.store.history_edits.session(session_id).stress_final == 2
