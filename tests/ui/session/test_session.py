"""A whole session by keyboard, as a person in a gym would run it; everything checked in the database."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from liftcalm.core.clock import FakeClock
from liftcalm.core.models import Routine, RoutineItem, SetType
from liftcalm.store import Store

W, WU = SetType.WORKING, SetType.WARMUP
CTRL = Qt.KeyboardModifier.ControlModifier


def press(qtbot, window, key, modifier=Qt.KeyboardModifier.NoModifier):
    """A key as a person presses it: to whatever has the focus."""
    qtbot.keyClick(QApplication.focusWidget() or window, key, modifier)


def type_text(qtbot, window, text):
    qtbot.keyClicks(QApplication.focusWidget() or window, text)


def add_one_exercise_routine(db_path, exercise_name, routine_name, *, reps, load_kg=0.0, sets=2, rest_s=60):
    """A routine of one exercise in ``sets`` working sets (no load typed: ``load_kg`` 0), with the sound off."""
    with Store(db_path) as store:
        exercise = store.exercises.find(exercise_name).id
        store.book.add(Routine(None, routine_name, (RoutineItem(exercise, (W,) * sets, target_reps=reps,
                                                                target_load_kg=load_kg, rest_s=rest_s),)), "Add")
        store.settings.set("sound_on", "0")


def start_session(qtbot, window):
    """Ctrl+2, then Enter twice (the first routine, then the readiness check): the set screen."""
    view = window.session
    press(qtbot, window, Qt.Key.Key_2, CTRL)
    press(qtbot, window, Qt.Key.Key_Return)
    press(qtbot, window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.stack.currentWidget() is view.set_screen)
    return view


def make_routine(db_path) -> int:
    with Store(db_path) as store:
        squat = store.exercises.find("Barbell Back Squat").id
        bench = store.exercises.find("Barbell Bench Press").id
        routine = store.book.add(Routine(None, "Strength A", (
            RoutineItem(squat, (WU, W), target_reps=5, target_load_kg=60.0, rest_s=60),
            RoutineItem(bench, (W,), target_reps=8, target_load_kg=40.0, rest_s=90),
        )), "Add")
        store.settings.set("sound_on", "0")
        return routine.id


def logged_rows(window):
    view = window.session
    return view.store.sessions.logged_set_rows(view.recorder.session_id)


def test_a_whole_session_by_keyboard_from_readiness_to_summary(qtbot, open_window, db_path):
    make_routine(db_path)
    clock = FakeClock(start=10_000.0)
    window = open_window(clock)
    view = window.session
    press(qtbot, window, Qt.Key.Key_2, CTRL)
    assert window.pages.currentWidget() is view and view.stack.currentWidget() is view.start_screen

    # Readiness: 7, then "1" "0" for ten, then 4; Enter starts.
    press(qtbot, window, Qt.Key.Key_Return)
    assert view.stack.currentWidget() is view.readiness
    type_text(qtbot, window, "7104")
    assert view.readiness.readiness().__dict__ == {"energy": 7, "motivation": 10, "stress": 4}
    assert not view.readiness.advice.isVisible()
    press(qtbot, window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.stack.currentWidget() is view.set_screen)
    assert "Barbell Back Squat" in view.set_screen.exercise.text()
    assert view.set_screen.set_line.text() == "Set 1 of 2 · Warm-up"
    assert view.set_screen.target.text() == "5 reps × 60 kg"

    # Set 1: Space logs it at once; the rest starts; E corrects it in the fields, Enter saves.
    clock.advance(40)
    press(qtbot, window, Qt.Key.Key_Space)
    assert view.stack.currentWidget() is view.rest_screen
    assert [(r["reps"], r["load_kg"]) for r in logged_rows(window)] == [(5, 60.0)]
    assert QApplication.focusWidget() is view  # no field takes keys by surprise
    press(qtbot, window, Qt.Key.Key_E)
    assert QApplication.focusWidget() is view.rest_screen.reps.edit
    type_text(qtbot, window, "6")
    press(qtbot, window, Qt.Key.Key_Tab)
    type_text(qtbot, window, "62.5")
    press(qtbot, window, Qt.Key.Key_Tab)
    type_text(qtbot, window, "8")
    press(qtbot, window, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is view
    row = logged_rows(window)[0]
    assert (row["reps"], row["load_kg"], row["rpe"]) == (6, 62.5, 8.0)

    # One key rates the stress right after the set.
    type_text(qtbot, window, "5")
    assert logged_rows(window)[0]["stress_after_set"] == 5
    assert not view.rest_screen.relief_box.isVisible()
    clock.advance(40)  # the last part of the rest: the relief question
    qtbot.waitUntil(view.rest_screen.relief_box.isVisible)
    type_text(qtbot, window, "bc")
    press(qtbot, window, Qt.Key.Key_N)
    type_text(qtbot, window, "shoulders dropped")
    press(qtbot, window, Qt.Key.Key_Return)
    type_text(qtbot, window, "3")
    row = logged_rows(window)[0]
    assert (row["relief_signs"], row["relief_note"], row["stress_end_of_rest"]) == (
        "breath slowing,mind calmer", "shoulders dropped", 3)
    assert view.rest_screen.dial.accessibleName()  # the digits are readable by a screen reader too

    # The rest ends by the clock, exactly at its deadline.
    clock.advance(20)
    qtbot.waitUntil(lambda: view.stack.currentWidget() is view.set_screen)
    assert view.recorder.run.snapshot().phase_started_at == 10_000.0 + 40 + 60
    assert view.set_screen.set_line.text() == "Set 2 of 2 · Working"

    # Set 2: Esc keeps it as planned; no ratings; +15 s, pause, skip.
    press(qtbot, window, Qt.Key.Key_Space)
    press(qtbot, window, Qt.Key.Key_Escape)
    assert QApplication.focusWidget() is view
    deadline = view.recorder.run.rest.deadline
    type_text(qtbot, window, "+")
    assert view.recorder.run.rest.deadline == deadline + 15
    type_text(qtbot, window, "-")
    type_text(qtbot, window, "-")
    assert view.recorder.run.rest.deadline == deadline - 15
    type_text(qtbot, window, "p")
    assert view.recorder.run.rest.is_paused
    clock.advance(500)
    type_text(qtbot, window, "p")
    assert view.recorder.run.rest.deadline == deadline - 15 + 500
    type_text(qtbot, window, "s")
    assert view.stack.currentWidget() is view.set_screen and "Bench" in view.set_screen.exercise.text()

    # Undo takes back set 2 (deleted from the database), then it is done again.
    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert len(logged_rows(window)) == 1 and view.set_screen.set_line.text() == "Set 2 of 2 · Working"
    press(qtbot, window, Qt.Key.Key_Space)
    press(qtbot, window, Qt.Key.Key_Escape)
    type_text(qtbot, window, "s")

    # The last set: a cool-down rest with its reflection, then the summary.
    press(qtbot, window, Qt.Key.Key_Space)
    assert view.rest_screen.title.text() == "Cool-down"
    press(qtbot, window, Qt.Key.Key_Escape)
    type_text(qtbot, window, "7")
    type_text(qtbot, window, "s")
    qtbot.waitUntil(lambda: view.stack.currentWidget() is view.summary)
    qtbot.waitUntil(lambda: not view.summary.loading.isVisible())
    assert view.summary.sets.text().startswith("3 (2 working)")
    assert view.summary.volume.text().startswith("620 kg")  # 5 x 60 + 8 x 40 working; the warm-up not counted
    type_text(qtbot, window, "2")
    press(qtbot, window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.recorder is None)
    assert view.stack.currentWidget() is view.start_screen

    with Store(db_path) as store:
        session = store.conn.execute("SELECT id, energy, motivation, stress_before, stress_final, ended_at, state"
                                     " FROM session").fetchone()
        assert session[1:5] == (7, 10, 4, 2) and session[5] is not None and session[6] is None
        rows = store.sessions.logged_set_rows(session[0])
    assert [(r["reps"], r["load_kg"], r["rpe"], r["stress_after_set"], r["stress_end_of_rest"]) for r in rows] == [
        (6, 62.5, 8.0, 5, 3), (5, 60.0, None, None, None), (8, 40.0, None, 7, None)]  # skipped: NULL, never 0


def test_low_energy_and_motivation_get_a_gentle_offer_not_a_block(qtbot, open_window, db_path):
    make_routine(db_path)
    with Store(db_path) as store:
        store.add_starter_routines()  # includes a calm routine
    window = open_window(FakeClock())
    view = window.session
    press(qtbot, window, Qt.Key.Key_2, CTRL)
    type_text(qtbot, window, "Strength")  # the list finds it as you type
    press(qtbot, window, Qt.Key.Key_Return)
    assert view.readiness.title.text() == "Before you start: Strength A"
    type_text(qtbot, window, "21")
    qtbot.waitUntil(lambda: view.readiness.readiness().motivation == 1)
    assert view.readiness.advice.isVisible()
    text = view.readiness.advice.text()
    assert "support comes first" in text and "professional" in text and "not a weakness" in text
    assert view.readiness.shorter.isVisible() and view.readiness.calm_button.isVisible()
    qtbot.mouseClick(view.readiness.calm_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.recorder is not None)
    assert view.recorder.kind.value == "calm"
    assert view.set_screen.dial.isVisible()


def test_shorter_version_and_skipping_the_check(qtbot, open_window, db_path):
    with Store(db_path) as store:
        squat = store.exercises.find("Barbell Back Squat").id
        store.book.add(Routine(None, "Volume", (RoutineItem(squat, (WU, W, W, W, W, SetType.DROP)),)), "Add")
    window = open_window(FakeClock())
    view = window.session
    press(qtbot, window, Qt.Key.Key_2, CTRL)
    press(qtbot, window, Qt.Key.Key_Return)
    press(qtbot, window, Qt.Key.Key_V, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(view.readiness.shorter.isChecked)
    press(qtbot, window, Qt.Key.Key_Return)  # nothing answered: stored as missing
    qtbot.waitUntil(lambda: view.recorder is not None)
    assert [p.set_type for p in view.recorder.run.plan] == [WU, W, W]  # warm-up, half the working sets
    row = view.store.conn.execute("SELECT energy, motivation, stress_before, shorter FROM session").fetchone()
    assert row == (None, None, None, 1)


@pytest.mark.parametrize("size", [(1120, 740), (900, 600), (760, 520)])  # default, smaller, the minimum
def test_digits_are_a_quarter_of_the_window_high_in_sets_and_rests(qtbot, open_window, db_path, size):
    make_routine(db_path)
    window = open_window(FakeClock())
    window.resize(*size)
    view = window.session
    press(qtbot, window, Qt.Key.Key_2, CTRL)
    press(qtbot, window, Qt.Key.Key_Return)
    press(qtbot, window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.stack.currentWidget() is view.set_screen)
    assert not window.navigation.isVisible()  # the session gets the whole width
    view.set_screen.dial.grab()
    assert view.set_screen.dial.digit_pixel_height() >= window.height() / 4
    press(qtbot, window, Qt.Key.Key_Space)
    view.rest_screen.dial.grab()
    assert view.rest_screen.dial.digit_pixel_height() >= window.height() / 4
    # Only a small window trades the track around the digits for a bar under them.
    assert view.rest_screen.dial.compact == (size != (1120, 740))
    press(qtbot, window, Qt.Key.Key_1, CTRL)
    assert window.navigation.isVisible()


def test_in_a_short_rest_the_first_digit_still_rates_right_after_the_set(qtbot, open_window, db_path):
    with Store(db_path) as store:
        squat = store.exercises.find("Barbell Back Squat").id
        store.book.add(Routine(None, "Short rests", (RoutineItem(squat, (W, W), 5, 60.0, rest_s=15),)), "Add")
    clock = FakeClock()
    window = open_window(clock)
    view = window.session
    press(qtbot, window, Qt.Key.Key_2, CTRL)
    press(qtbot, window, Qt.Key.Key_Return)
    press(qtbot, window, Qt.Key.Key_Return)
    press(qtbot, window, Qt.Key.Key_Space)
    press(qtbot, window, Qt.Key.Key_Escape)
    qtbot.waitUntil(view.rest_screen.relief_box.isVisible)  # 15 s: the reflection shows at once
    type_text(qtbot, window, "7")
    clock.advance(12)
    type_text(qtbot, window, "4")
    row = logged_rows(window)[0]
    assert (row["stress_after_set"], row["stress_end_of_rest"]) == (7, 4)


def test_graph_points_open_their_session_in_history(qtbot, open_window, db_path):
    import datetime

    from liftcalm.store.demo import write_demo

    with Store(db_path) as store:
        write_demo(store, years=0.3, seed=5, end=datetime.date(2026, 6, 1))
        newest = store.conn.execute("SELECT id FROM session ORDER BY julianday(started_at) DESC LIMIT 1").fetchone()[0]
    window = open_window(FakeClock())
    press(qtbot, window, Qt.Key.Key_4, CTRL)
    history = window.history_page.view
    assert history is not None and window.pages.currentWidget() is window.history_page
    press(qtbot, window, Qt.Key.Key_3, CTRL)
    graphs = window.graphs_page.view
    assert graphs is not None and window.pages.currentWidget() is window.graphs_page
    graphs.session_requested.emit(newest)  # as a click on the newest point does
    assert window.pages.currentWidget() is window.history_page
    assert history.current_session_id == newest


def test_sample_data_opens_in_its_own_marked_window_and_file(qtbot, open_window, db_path):
    from liftcalm.paths import app_data_dir

    window = open_window(FakeClock())
    press(qtbot, window, Qt.Key.Key_3, CTRL)
    graphs = window.graphs_page.view
    assert graphs.sample_button.isVisible()  # no history yet: the offer is there
    with qtbot.waitSignal(window.sample_window_opened, timeout=30000) as opened:
        qtbot.mouseClick(graphs.sample_button, Qt.MouseButton.LeftButton)
    sample = opened.args[0]
    assert sample.store.path == app_data_dir() / "sample.db" != db_path
    assert "sample data" in sample.windowTitle()
    banner = next(w for w in sample.findChildren(QLabel) if w.accessibleName() == "Sample data notice")
    assert banner.isVisible() and "not your own training" in banner.text()
    assert sample.store.conn.execute("SELECT count(*) FROM session WHERE source = 'demo'").fetchone()[0] > 50
    assert window.store.conn.execute("SELECT count(*) FROM session").fetchone()[0] == 0  # never mixed
    sample.close()


def test_editing_a_set_in_history_changes_the_graph(qtbot, open_window, db_path):
    import datetime

    from liftcalm.store.demo import write_demo

    with Store(db_path) as store:
        write_demo(store, years=0.3, seed=5, end=datetime.date(2026, 6, 1))
    window = open_window(FakeClock())
    press(qtbot, window, Qt.Key.Key_3, CTRL)
    graphs = window.graphs_page.view
    scatter = graphs.graphs["stress_volume"].scatter
    qtbot.waitUntil(lambda: len(scatter.getData()[0]) > 0, timeout=10_000)
    volume_shown_before = float(sum(scatter.getData()[0]))

    press(qtbot, window, Qt.Key.Key_4, CTRL)
    history = window.history_page.view
    rated = window.store.conn.execute(
        "SELECT s.id FROM session s JOIN logged_set l ON l.session_id = s.id WHERE s.kind = 'strength'"
        " AND l.stress_after_set IS NOT NULL ORDER BY julianday(s.started_at) DESC LIMIT 1").fetchone()[0]
    history.show_session(rated)
    assert history.current_session_id == rated
    row = next(i for i, s in enumerate(history.edits.session_sets(rated)) if s.set_type == "working" and s.load_kg > 0)
    history.set_table.selectRow(row)
    chosen = history.current_set
    field = history.fields["reps"].edit  # three more reps, typed in the form
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, str(chosen.reps + 3))
    qtbot.keyClick(field, Qt.Key.Key_Return)

    with qtbot.waitSignal(graphs.graph_drawn, timeout=10_000):
        press(qtbot, window, Qt.Key.Key_3, CTRL)
    assert float(sum(scatter.getData()[0])) == pytest.approx(volume_shown_before + 3 * chosen.load_kg)
