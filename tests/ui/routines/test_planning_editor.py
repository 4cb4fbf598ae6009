"""Planning in the routine editor, by keyboard: per-set targets, warm-up ramps, last time, suggestions, plates."""

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from liftcalm.core.last_time import FIRST_TIME
from liftcalm.core.models import Routine, RoutineItem, SetType
from liftcalm.store import Store
from tests.store.test_planning import log_session
from tests.ui.routines.test_routine_editor import (
    CTRL,
    SHIFT,
    add_exercise_by_keyboard,
    new_routine_by_keyboard,
    stored,
    type_into,
)

ALT = Qt.KeyboardModifier.AltModifier
W, WU = SetType.WORKING, SetType.WARMUP


def type_keys(qtbot, text):
    """Type as a person does: each key goes to whatever has the focus then (a cell opens its editor)."""
    for char in text:
        qtbot.keyClicks(QApplication.focusWidget(), char)


def press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(QApplication.focusWidget(), key, modifier)
    QApplication.processEvents()  # a cell editor saves on Enter through a queued call, as Qt's delegates do


def cells(view, column):
    model = view.form.targets_model
    return [model.index(row, column).data() for row in range(model.rowCount())]


def test_plan_a_pyramid_by_keyboard_with_undo(qtbot, open_window, on_modal):
    window = open_window()
    view = window.routines
    new_routine_by_keyboard(qtbot, window, on_modal, "Pyramid")
    add_exercise_by_keyboard(qtbot, window, on_modal, "back squat")
    qtbot.keyClicks(view.form.sets.edit, "3")
    qtbot.keyClick(view.form.sets.edit, Qt.Key.Key_Return)
    qtbot.keyClick(window, Qt.Key.Key_P, ALT)  # Set plan: the sets table, on the first set's reps
    table = view.form.targets_table
    assert QApplication.focusWidget() is table and table.currentIndex().row() == 0
    for reps in ("12", "10", "8"):
        type_keys(qtbot, reps)
        press(qtbot, Qt.Key.Key_Return)  # saved, and down to the next set
    press(qtbot, Qt.Key.Key_Right)
    for _ in range(2):
        press(qtbot, Qt.Key.Key_Up)
    for load in ("60", "70", "80"):
        type_keys(qtbot, load)
        press(qtbot, Qt.Key.Key_Return)

    targets = stored(window).items[0].targets
    assert [(t.reps, t.load_kg) for t in targets] == [(12, 60.0), (10, 70.0), (8, 80.0)]
    assert cells(view, 1) == ["12", "10", "8"] and cells(view, 2) == ["60", "70", "80"]
    assert view.items_model.index(0, 2).data() == "12/10/8" and view.items_model.index(0, 3).data() == "60–80"
    assert view.form.reps.edit.text() == "" and view.form.reps.edit.placeholderText() == "varies by set"

    qtbot.keyClick(table, Qt.Key.Key_Z, CTRL)  # one cell, one undo step
    assert [t.load_kg for t in stored(window).items[0].targets] == [60.0, 70.0, None]  # back to no load given, not 0
    qtbot.keyClick(table, Qt.Key.Key_Z, CTRL | SHIFT)
    assert [t.load_kg for t in stored(window).items[0].targets] == [60.0, 70.0, 80.0]

    # A range and an effort in the cells of the last set; a back-off set by its type.
    table.setCurrentIndex(table.model().index(2, 1))
    type_keys(qtbot, "8-12")
    press(qtbot, Qt.Key.Key_Return)
    table.setCurrentIndex(table.model().index(2, 3))
    type_keys(qtbot, "2 RIR")
    press(qtbot, Qt.Key.Key_Return)
    last = stored(window).items[0].targets[2]
    assert (last.reps, last.reps_max, last.rir) == (8, 12, 2)
    assert cells(view, 3)[2] == "2 RIR"

    # "Same for all sets" is still one action: here, every working set as the selected one.
    table.setCurrentIndex(table.model().index(0, 1))
    qtbot.keyClick(table, Qt.Key.Key_A, CTRL | SHIFT)
    assert [(t.reps, t.load_kg) for t in stored(window).items[0].targets] == [(12, 60.0)] * 3
    assert stored(window).items[0].set_targets is None  # uniform again: the item's own fields


def test_a_cell_that_does_not_parse_is_refused_and_nothing_is_saved(qtbot, open_window, on_modal):
    window = open_window()
    view = window.routines
    new_routine_by_keyboard(qtbot, window, on_modal, "Legs")
    add_exercise_by_keyboard(qtbot, window, on_modal, "back squat")
    before = stored(window)
    table = view.form.targets_table
    table.setFocus()
    table.setCurrentIndex(table.model().index(1, 1))
    type_keys(qtbot, "12-8")
    press(qtbot, Qt.Key.Key_Return)
    assert "Set 2: A range goes from fewer to more reps" in view.form.targets_message.text()
    assert view.form.targets_message.isVisible() and stored(window) == before


def test_plan_a_warm_up_ramp_in_two_key_presses(qtbot, open_window, on_modal):
    window = open_window()
    view = window.routines
    new_routine_by_keyboard(qtbot, window, on_modal, "Squat day")
    add_exercise_by_keyboard(qtbot, window, on_modal, "back squat")
    type_into(qtbot, view.form.load.edit, "100")
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_W, CTRL)

    item = stored(window).items[0]
    assert item.set_types == (WU,) * 4 + (W,) * 3
    assert [(t.reps, t.load_kg, t.rest_s) for t in item.targets[:4]] == [
        (10, 20.0, 60), (5, 40.0, 60), (3, 60.0, 60), (1, 80.0, 60)]
    assert "Added 4 warm-up sets" in window.statusBar().currentMessage()
    assert view.items_model.index(0, 5).data() == "4 warm-up, 3 working"
    qtbot.keyClick(view.table, Qt.Key.Key_Z, CTRL)
    assert stored(window).items[0].set_types == (W,) * 3


def test_see_last_time_and_the_explained_suggestion_then_use_and_override_it(qtbot, open_window, on_modal, db_path):
    with Store(db_path) as store:
        squat = store.exercises.find("Barbell Back Squat")
        item = RoutineItem(squat.id, (W, W, W), 8, 20.0, 150).with_all_working(reps=8, reps_max=12)
        store.book.add(Routine(None, "Legs", (item,)), "Add")
        day = (date.today() - timedelta(days=3)).isoformat()
        log_session(store, f"{day}T18:00:00.000+00:00", [
            (squat.id, "working", 12, 117.5, 8.0, ""), (squat.id, "working", 12, 117.5, None, ""),
            (squat.id, "working", 12, 117.5, 9.0, "last one slow")])
    window = open_window()
    view = window.routines
    form = view.form
    assert view.routine_title.text() == "Legs"
    assert form.last_time.isVisible()
    assert form.last_time.text().startswith("Last time, ")
    assert "(3 days ago): 12 × 117.5 kg @ 8 · 12 × 117.5 kg · 12 × 117.5 kg @ 9 — “last one slow”" \
        in form.last_time.text()
    assert form.suggestion.text() == "Next time: 3 × 8-12 × 120 kg. All sets reached 12 last time: +2.5 kg."
    assert cells(view, 5) == ["8-12 × 120"] * 3
    assert form.plates.text.text() == "Set 1: The 20 kg bar alone"

    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_G, CTRL)  # use the suggestion
    assert [t.load_kg for t in stored(window).items[0].targets] == [120.0] * 3
    assert form.plates.text.text() == "Set 1: 25 + 25 per side on the 20 kg bar"  # follows the set shown

    table = form.targets_table
    table.setFocus()
    table.setCurrentIndex(table.model().index(0, 2))
    type_keys(qtbot, "125")  # an override of their own
    press(qtbot, Qt.Key.Key_Return)
    assert [t.load_kg for t in stored(window).items[0].targets] == [125.0, 120.0, 120.0]
    assert form.plates.text.text() == "Set 2: 25 + 25 per side on the 20 kg bar"
    # The suggestion still comes from what was done, so the override breaks nothing.
    assert form.suggestion.text().endswith("All sets reached 12 last time: +2.5 kg.")

    add_exercise_by_keyboard(qtbot, window, on_modal, "front squat")
    assert form.last_time.text() == FIRST_TIME
    assert form.suggestion.text().endswith("First time: the plan as written.")
    qtbot.keyClick(view.table, Qt.Key.Key_L, CTRL)  # nothing to fill from
    assert "first time" in window.statusBar().currentMessage()


def test_choose_progression_and_load_step_per_exercise(qtbot, open_window, on_modal):
    window = open_window()
    view = window.routines
    new_routine_by_keyboard(qtbot, window, on_modal, "Arms")
    add_exercise_by_keyboard(qtbot, window, on_modal, "dumbbell curl")
    form = view.form
    assert form.progression.currentText() == "Double progression"  # the default for dumbbells
    assert form.load_step.edit.placeholderText() == "2 (usual)"
    qtbot.keyClick(window, Qt.Key.Key_G, ALT)
    assert QApplication.focusWidget() is form.progression
    qtbot.keyClick(form.progression, Qt.Key.Key_Up)  # Double -> None
    exercise_id = stored(window).items[0].exercise_id
    assert view.store.planning.exercise_plan(exercise_id).progression.value == "none"
    type_into(qtbot, form.load_step.edit, "1")
    assert view.store.planning.exercise_plan(exercise_id).load_step_kg == 1.0
    assert form.progression.currentText() == "None" and form.load_step.edit.text() == "1"
