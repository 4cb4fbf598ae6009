"""The whole workout by keyboard: skip, move, a superset rated on both exercises, an earlier set corrected
(undone, redone), a note, a timed set that ends by itself, a distance set; everything checked in the database."""

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QInputDialog

from liftcalm.core.clock import FakeClock
from liftcalm.core.models import Routine, RoutineItem, SetTarget, SetType
from liftcalm.core.session_run import GET_READY_S, Phase
from liftcalm.store import Store
from liftcalm.ui.session.set_editor import SetEditor
from tests.ui.session.test_min_size import SIZES, crushed
from tests.ui.session.test_session import CTRL, add_one_exercise_routine, logged_rows, press, start_session, type_text

W = SetType.WORKING
SHIFT = Qt.KeyboardModifier.ShiftModifier


def make_workout(db_path) -> dict:
    with Store(db_path) as store:
        ids = {name: store.exercises.find(name).id for name in (
            "Barbell Back Squat", "Barbell Bench Press", "Barbell Row", "Plank", "Farmers Carry")}
        store.book.add(Routine(None, "Whole body", (
            RoutineItem(ids["Barbell Back Squat"], (W, W), target_reps=5, target_load_kg=80.0, rest_s=120),
            RoutineItem(ids["Barbell Bench Press"], (W, W), target_reps=8, target_load_kg=50.0, rest_s=90,
                        superset_with_next=True),
            RoutineItem(ids["Barbell Row"], (W, W), target_reps=10, target_load_kg=40.0, rest_s=90,
                        note="Brace, then pull to the belly button; a long note runs to two lines in a small window"),
            RoutineItem(ids["Plank"], (W,), rest_s=60, set_targets=(SetTarget(W, duration_s=30),)),
            RoutineItem(ids["Farmers Carry"], (W,), target_load_kg=24.0, rest_s=60,
                        set_targets=(SetTarget(W, distance_m=40.0, load_kg=24.0),)),
        )), "Add")
        store.settings.set("sound_on", "0")
        return ids


def answer_dialog(qtbot, fill):
    """Run ``fill(dialog)`` on the next modal dialog, as soon as it is up (it blocks the caller)."""
    def attempt():
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, attempt)
        else:
            fill(dialog)
    QTimer.singleShot(0, attempt)


def back_in_window(qtbot, window):
    """Without a window manager nothing activates the main window after a dialog: wait until it is."""
    qtbot.waitUntil(lambda: window.activateWindow() or window.isActiveWindow())


def go_to_row(qtbot, view, text):
    """Select the overview row whose first column starts with ``text``, by arrow keys only."""
    tree = view.overview.tree
    qtbot.keyClick(tree, Qt.Key.Key_Home)
    for _ in range(40):
        shown = tree.currentItem().text(0).strip(" ✓▶▷–")
        if shown.startswith(text) or shown.removeprefix("Superset · ").startswith(text):
            return
        qtbot.keyClick(tree, Qt.Key.Key_Down)
    raise AssertionError(f"no row {text!r}")


def test_a_whole_session_with_the_overview_by_keyboard(qtbot, open_window, db_path):
    ids = make_workout(db_path)
    clock = FakeClock()
    window = open_window(clock)
    view = window.session
    press(qtbot, window, Qt.Key.Key_2, CTRL)
    press(qtbot, window, Qt.Key.Key_Return)
    press(qtbot, window, Qt.Key.Key_Return)  # readiness skipped
    qtbot.waitUntil(lambda: view.recorder is not None)
    run = view.recorder.run

    # The squat rack is taken: skip the squat from the overview; the plank goes after the carry.
    press(qtbot, window, Qt.Key.Key_V)
    assert view.stack.currentWidget() is view.overview
    go_to_row(qtbot, view, "Barbell Back Squat")
    press(qtbot, window, Qt.Key.Key_S)
    assert run.current.exercise_id == ids["Barbell Bench Press"]
    go_to_row(qtbot, view, "Plank")
    press(qtbot, window, Qt.Key.Key_L)
    assert [run.plan[i].exercise_id for i in run.to_do()][-2:] == [ids["Farmers Carry"], ids["Plank"]]
    assert "Superset · Barbell Bench Press" in [view.overview.tree.topLevelItem(i).text(0) for i in range(5)]
    press(qtbot, window, Qt.Key.Key_Escape)
    assert view.stack.currentWidget() is view.set_screen

    # The superset: the bench press has no rest of its own; its stress is asked on the row's screen.
    for round_stress in ("6", "7"):
        press(qtbot, window, Qt.Key.Key_Space)  # bench press done
        assert run.phase is Phase.SET and run.current.exercise_id == ids["Barbell Row"]
        assert view.set_screen.round_rating_shown()
        type_text(qtbot, window, round_stress)
        press(qtbot, window, Qt.Key.Key_Space)  # row done: the round's rest
        assert run.phase is Phase.REST and run.rest.length_s == 90
        type_text(qtbot, window, "4")
        press(qtbot, window, Qt.Key.Key_S)

    # The carry: a distance set.
    assert run.current.exercise_id == ids["Farmers Carry"]
    assert view.set_screen.target.text().startswith("40 m")
    press(qtbot, window, Qt.Key.Key_Space)
    press(qtbot, window, Qt.Key.Key_S)

    # The plank: Space starts a get-ready countdown, then 30 s, and it ends by itself.
    assert run.current.exercise_id == ids["Plank"] and run.is_timed()
    press(qtbot, window, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: view.set_screen.dial.text.startswith("Get ready"))
    clock.advance(GET_READY_S + 30)
    qtbot.waitUntil(lambda: run.phase is Phase.REST)
    assert run.logged[-1].duration_s == 30

    # An earlier set corrected from the overview, undone and redone; a note about the bench press.
    press(qtbot, window, Qt.Key.Key_V)
    go_to_row(qtbot, view, "Superset · Barbell Bench Press")
    qtbot.keyClick(view.overview.tree, Qt.Key.Key_Down)  # its first set, done
    first_bench = next(i for i, logged in enumerate(run.logged)
                       if run.plan[logged.plan_index].exercise_id == ids["Barbell Bench Press"])

    def correct(dialog):
        assert isinstance(dialog, SetEditor)
        dialog.field("reps").setText("6")
        dialog.field("load_kg").setText("")  # not given: stored as missing, never 0
        dialog.field("note").setText("grip slipped")
        qtbot.keyClick(dialog.field("note"), Qt.Key.Key_Return)

    answer_dialog(qtbot, correct)
    press(qtbot, window, Qt.Key.Key_E)
    back_in_window(qtbot, window)
    assert (run.logged[first_bench].reps, run.logged[first_bench].load_kg) == (6, None)
    rows = view.store.sessions.logged_set_rows(view.recorder.session_id)
    assert (rows[first_bench]["reps"], rows[first_bench]["load_kg"], rows[first_bench]["relief_note"]) == (
        6, None, "grip slipped")
    press(qtbot, window, Qt.Key.Key_Z, CTRL)  # the note
    press(qtbot, window, Qt.Key.Key_Z, CTRL)  # the numbers
    assert view.store.sessions.logged_set_rows(view.recorder.session_id)[first_bench]["reps"] == 8
    press(qtbot, window, Qt.Key.Key_Z, CTRL | SHIFT)
    assert view.store.sessions.logged_set_rows(view.recorder.session_id)[first_bench]["reps"] == 6

    go_to_row(qtbot, view, "Superset · Barbell Bench Press")

    def write_note(dialog):
        assert isinstance(dialog, QInputDialog)
        dialog.setTextValue("bench by the window was free")
        dialog.accept()

    answer_dialog(qtbot, write_note)
    press(qtbot, window, Qt.Key.Key_N)
    back_in_window(qtbot, window)
    press(qtbot, window, Qt.Key.Key_V)
    assert view.stack.currentWidget() is view.rest_screen

    # Time runs out on the cool-down: the summary; Enter saves.
    clock.advance(120)
    qtbot.waitUntil(lambda: view.stack.currentWidget() is view.summary)
    session_id = view.recorder.session_id
    press(qtbot, window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.recorder is None)
    assert view.update_box.isVisible()  # offered, never in the way
    assert ("New order: Barbell Bench Press, Barbell Row, Farmers Carry, Plank, Barbell Back Squat."
            in view.update_note.text())
    qtbot.mouseClick(view.update_button, Qt.MouseButton.LeftButton)
    assert not view.update_box.isVisible()
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("Updated"))

    with Store(db_path) as store:
        sets = store.conn.execute(
            "SELECT exercise_id, set_number, reps, load_kg, duration_s, distance_m, stress_after_set"
            " FROM logged_set WHERE session_id = ? ORDER BY position", (session_id,)).fetchall()
        note = store.conn.execute("SELECT exercise_id, note FROM session_exercise WHERE session_id = ?",
                                  (session_id,)).fetchall()
    bench, row = ids["Barbell Bench Press"], ids["Barbell Row"]
    assert sets == [
        (bench, 1, 6, None, None, None, 6), (row, 1, 10, 40.0, None, None, 4),
        (bench, 2, 8, 50.0, None, None, 7), (row, 2, 10, 40.0, None, None, 4),
        (ids["Farmers Carry"], 1, None, 24.0, None, 40.0, None), (ids["Plank"], 1, None, None, 30.0, None, None),
    ]
    assert note == [(bench, "bench by the window was free")]
    with Store(db_path) as store:
        (routine_id, _, _), = store.routines.list()
        order = [item.exercise_id for item in store.routines.get(routine_id).items]
    assert order == [bench, row, ids["Farmers Carry"], ids["Plank"], ids["Barbell Back Squat"]]


def test_a_kill_after_a_skip_a_jump_and_an_edit_resumes_each(qtbot, open_window, db_path):
    ids = make_workout(db_path)
    clock = FakeClock()
    window = open_window(clock)
    view = window.session
    press(qtbot, window, Qt.Key.Key_2, CTRL)
    press(qtbot, window, Qt.Key.Key_Return)
    press(qtbot, window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.recorder is not None)
    press(qtbot, window, Qt.Key.Key_Space)  # squat 1
    view.recorder.amend_set(0, 3, 85.0, 9.0)  # an edit of a logged set
    press(qtbot, window, Qt.Key.Key_V)
    go_to_row(qtbot, view, "Barbell Row")
    press(qtbot, window, Qt.Key.Key_Return)  # jump: the row comes next
    press(qtbot, window, Qt.Key.Key_V)
    go_to_row(qtbot, view, "Plank")
    press(qtbot, window, Qt.Key.Key_S)  # skip
    expected = view.recorder.run.snapshot()
    # A kill: the next process reads what was committed.
    with Store(db_path) as store:
        from liftcalm.core.clock import ClockAnchor

        running = store.sessions.running(ClockAnchor.now(clock))
    assert running.state.position == expected.position and running.plan[expected.position].exercise_id == ids[
        "Barbell Row"]
    assert running.state.skipped == expected.skipped and running.state.order == expected.order
    assert (running.state.logged[0].reps, running.state.logged[0].load_kg) == (3, 85.0)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s.width()}x{s.height()}")
def test_the_overview_and_a_superset_set_with_notes_fit_the_window(qtbot, open_window, db_path, size):
    make_workout(db_path)
    window = open_window(FakeClock())
    window.resize(size)
    view = window.session
    press(qtbot, window, Qt.Key.Key_2, CTRL)
    press(qtbot, window, Qt.Key.Key_Return)
    press(qtbot, window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.recorder is not None)
    press(qtbot, window, Qt.Key.Key_V)
    QApplication.processEvents()
    assert crushed(view.overview) == []
    go_to_row(qtbot, view, "Barbell Bench Press")
    press(qtbot, window, Qt.Key.Key_Return)  # jump to the superset
    press(qtbot, window, Qt.Key.Key_Space)  # the bench press: on to the row, with the rating and the note
    QApplication.processEvents()
    assert view.set_screen.round_rating_shown() and "Routine note: Brace" in view.set_screen.notes.text()
    assert crushed(view.set_screen) == []
    view.keep_for_later()



def test_a_logged_dip_shows_its_body_weight_and_belt_in_the_workout_overview(qtbot, open_window, db_path):
    add_one_exercise_routine(db_path, "Dips", "Dips", reps=8, load_kg=10.0)
    window = open_window(FakeClock(start=10_000.0))
    view = start_session(qtbot, window)
    press(qtbot, window, Qt.Key.Key_Space)
    assert view._done_text(0) == "8 reps · BW + 10 kg"


def test_a_dip_with_nothing_added_is_corrected_by_keyboard_with_the_load_left_empty(qtbot, open_window, db_path):
    add_one_exercise_routine(db_path, "Dips", "Dips", reps=10)
    window = open_window(FakeClock(start=10_000.0))
    view = start_session(qtbot, window)
    assert view.set_screen.target.text() == "10 reps × BW"
    press(qtbot, window, Qt.Key.Key_Space)
    rest = view.rest_screen
    assert rest.load_label.text() == "&Added (kg)" and rest.load.edit.text() == ""
    assert rest.load.edit.placeholderText() == "none: BW"
    press(qtbot, window, Qt.Key.Key_E)
    type_text(qtbot, window, "8")
    press(qtbot, window, Qt.Key.Key_Return)  # the empty load is "nothing added", not an error
    assert QApplication.focusWidget() is view
    assert [(r["reps"], r["load_kg"]) for r in logged_rows(window)] == [(8, None)]
