"""The routine editor, worked as a user would: keys, clicks, dialogs; checked in the database."""

from PySide6.QtCore import QByteArray, QMimeData, QModelIndex, QStandardPaths, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from liftcalm.core.models import SetType
from liftcalm.core.units import Unit
from liftcalm.paths import default_database_path
from liftcalm.ui.exercise_picker import CustomExerciseDialog, ExercisePicker
from liftcalm.ui.routines.name_dialog import NameDialog
from liftcalm.ui.routines.routine_items_model import ROW_MIME
from tests.ui.conftest import close_window

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def type_into(qtbot, widget, text, enter=True):
    widget.setFocus()
    widget.selectAll()
    qtbot.keyClick(widget, Qt.Key.Key_Backspace)
    qtbot.keyClicks(widget, text)
    if enter:
        qtbot.keyClick(widget, Qt.Key.Key_Return)


def reactivate(qtbot, window):
    """Give focus back to the main window after a dialog, as a window manager would."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def new_routine_by_keyboard(qtbot, window, on_modal, name):
    def fill(dialog):
        assert isinstance(dialog, NameDialog)
        type_into(qtbot, dialog.edit, name)

    on_modal(fill)
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    reactivate(qtbot, window)


def add_exercise_by_keyboard(qtbot, window, on_modal, search):
    def pick(dialog):
        assert isinstance(dialog, ExercisePicker)
        qtbot.keyClicks(dialog.search, search)
        qtbot.keyClick(dialog.search, Qt.Key.Key_Return)

    on_modal(pick)
    qtbot.keyClick(window.routines.table, Qt.Key.Key_E, CTRL)
    reactivate(qtbot, window)


def stored(window):
    view = window.routines
    return view.store.routines.get(view.current_routine_id)


def test_first_run_offers_starter_routines(qtbot, open_window):
    window = open_window()
    view = window.routines
    assert view.right.currentWidget() is view.welcome
    assert view.starter_button.isVisible()
    qtbot.mouseClick(view.starter_button, Qt.MouseButton.LeftButton)
    names = [name for _, name, _ in view.store.routines.list()]
    assert len(names) >= 4 and "Calm Reset" in names
    assert view.right.currentWidget() is view.editor
    assert view.items_model.rowCount() > 0
    assert view.store.settings.starter_offered


def test_build_a_routine_by_keyboard_and_find_it_after_reopening(qtbot, open_window, on_modal):
    window = open_window()
    view = window.routines
    new_routine_by_keyboard(qtbot, window, on_modal, "Push day")
    qtbot.waitUntil(lambda: view.routine_title.text() == "Push day")
    add_exercise_by_keyboard(qtbot, window, on_modal, "barbell bench")
    qtbot.waitUntil(lambda: view.items_model.rowCount() == 1)
    assert view.form.title.text() == "Barbell Bench Press"
    assert QApplication.focusWidget() is view.form.sets.edit  # ready to type the sets

    qtbot.keyClicks(view.form.sets.edit, "4")  # replaces the selected default
    qtbot.keyClick(view.form.sets.edit, Qt.Key.Key_Tab)
    qtbot.keyClicks(QApplication.focusWidget(), "6")  # reps: Tab selected the text
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    qtbot.keyClicks(QApplication.focusWidget(), "62.5")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    qtbot.keyClicks(QApplication.focusWidget(), "150")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    table = view.form.targets_table  # the first set's type, in the set plan: F2, Up, Enter
    table.setFocus()
    table.setCurrentIndex(table.model().index(0, 0))
    qtbot.keyClick(table, Qt.Key.Key_F2)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Up)  # Working -> Warm-up
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    type_into(qtbot, view.form.note.edit, "Shoulder blades back")

    item = stored(window).items[0]
    assert (item.sets, item.target_reps, item.target_load_kg, item.rest_s) == (4, 6, 62.5, 150)
    assert item.set_types == (SetType.WARMUP, SetType.WORKING, SetType.WORKING, SetType.WORKING)
    assert item.note == "Shoulder blades back"
    assert view.items_model.index(0, 3).data() == "62.5"

    close_window(window)
    again = open_window()
    routine = again.routines.store.routines.get(again.routines.current_routine_id)
    assert routine.name == "Push day" and routine.items == (item,)
    assert again.routines.form.reps.edit.text() == "6"


def test_invalid_input_is_refused_at_the_field_and_not_saved(qtbot, open_window, on_modal):
    window = open_window()
    view = window.routines
    new_routine_by_keyboard(qtbot, window, on_modal, "Legs")
    add_exercise_by_keyboard(qtbot, window, on_modal, "back squat")
    qtbot.waitUntil(lambda: view.items_model.rowCount() == 1)
    before = stored(window)
    for field, text, message in [
        (view.form.reps, "0", "Reps must be from 1 to 100"),
        (view.form.reps, "eight", "whole number from 1 to 100"),
        (view.form.load, "1000.5", "0 to 1000 kg"),
        (view.form.load, "-5", "0 to 1000 kg"),
        (view.form.rest, "901", "0 to 900 s"),
        (view.form.sets, "0", "Sets must be from 1 to 20"),
    ]:
        type_into(qtbot, field.edit, text)
        assert message in field.error, (text, field.error)
        assert field.message.isVisible()
        assert field.edit.text() == text  # the text stays so the user can fix it
        assert stored(window) == before
    type_into(qtbot, view.form.reps.edit, "12")  # a valid value, while the other fields still hold errors
    assert stored(window).items[0].target_reps == 12
    assert view.form.reps.error == ""
    assert view.form.sets.error and view.form.sets.edit.text() == "0"  # still pending, not silently reset


def test_routine_name_must_be_unique_and_sensible(qtbot, open_window, on_modal):
    window = open_window()
    view = window.routines
    new_routine_by_keyboard(qtbot, window, on_modal, "Upper")
    seen = []

    def try_names(dialog):
        for text in ["  UPPER ", "", "x" * 81]:
            type_into(qtbot, dialog.edit, text)
            seen.append(dialog.message.text())
            assert dialog.isVisible()
        dialog.reject()

    on_modal(try_names)
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    reactivate(qtbot, window)
    assert "already exists" in seen[0] and "cannot be empty" in seen[1] and "limit is 80" in seen[2]
    assert [name for _, name, _ in view.store.routines.list()] == ["Upper"]


def test_reorder_by_keyboard_and_drag_with_undo_redo(qtbot, open_window, on_modal):
    window = open_window()
    view = window.routines
    new_routine_by_keyboard(qtbot, window, on_modal, "Full")
    for search in ["back squat", "barbell bench", "barbell row"]:
        add_exercise_by_keyboard(qtbot, window, on_modal, search)
    names = lambda: [view.items_model.index(r, 0).data() for r in range(view.items_model.rowCount())]  # noqa: E731
    assert names() == ["Barbell Back Squat", "Barbell Bench Press", "Barbell Row"]

    view.table.setFocus()
    view.table.selectRow(2)
    qtbot.keyClick(view.table, Qt.Key.Key_Up, ALT)
    qtbot.keyClick(view.table, Qt.Key.Key_Up, ALT)
    assert names() == ["Barbell Row", "Barbell Back Squat", "Barbell Bench Press"]
    assert view.current_row == 0  # the moved exercise stays selected

    # Drag the first row below the last one.
    model = view.items_model
    mime = model.mimeData([model.index(0, 0)])
    assert model.dropMimeData(mime, Qt.DropAction.MoveAction, 3, 0, QModelIndex()) is False
    assert names() == ["Barbell Back Squat", "Barbell Bench Press", "Barbell Row"]
    # Drop onto a row: the dragged exercise takes its place.
    mime = QMimeData()
    mime.setData(ROW_MIME, QByteArray(b"2"))
    model.dropMimeData(mime, Qt.DropAction.MoveAction, -1, -1, model.index(0, 0))
    assert names() == ["Barbell Row", "Barbell Back Squat", "Barbell Bench Press"]

    qtbot.keyClick(view.table, Qt.Key.Key_Z, CTRL)
    assert names() == ["Barbell Back Squat", "Barbell Bench Press", "Barbell Row"]
    qtbot.keyClick(view.table, Qt.Key.Key_Z, CTRL)
    qtbot.keyClick(view.table, Qt.Key.Key_Z, CTRL)
    assert names() == ["Barbell Back Squat", "Barbell Row", "Barbell Bench Press"]
    qtbot.keyClick(view.table, Qt.Key.Key_Z, CTRL | SHIFT)
    assert names() == ["Barbell Row", "Barbell Back Squat", "Barbell Bench Press"]
    assert [i.exercise_id for i in stored(window).items] == [
        view.store.exercises.find(n).id for n in names()
    ]

    view.table.selectRow(1)
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    assert names() == ["Barbell Row", "Barbell Bench Press"]
    qtbot.keyClick(view.table, Qt.Key.Key_Z, CTRL)
    assert names() == ["Barbell Row", "Barbell Back Squat", "Barbell Bench Press"]


def test_undo_from_a_field_goes_to_the_app_once_the_field_is_saved(qtbot, open_window, on_modal):
    window = open_window()
    view = window.routines
    new_routine_by_keyboard(qtbot, window, on_modal, "Arms")
    add_exercise_by_keyboard(qtbot, window, on_modal, "dumbbell curl")
    type_into(qtbot, view.form.reps.edit, "15")
    assert stored(window).items[0].target_reps == 15
    qtbot.keyClick(view.form.reps.edit, Qt.Key.Key_Z, CTRL)
    assert stored(window).items[0].target_reps == 8
    assert view.form.reps.edit.text() == "8"


def test_rename_duplicate_delete_with_confirmation_and_undo(qtbot, open_window, on_modal):
    window = open_window()
    view = window.routines
    new_routine_by_keyboard(qtbot, window, on_modal, "Pull")
    add_exercise_by_keyboard(qtbot, window, on_modal, "pull-up")

    on_modal(lambda dialog: type_into(qtbot, dialog.edit, "Pull day"))
    qtbot.keyClick(window, Qt.Key.Key_F2)
    reactivate(qtbot, window)
    assert view.routine_title.text() == "Pull day"

    qtbot.keyClick(window, Qt.Key.Key_D, CTRL)
    assert [n for _, n, _ in view.store.routines.list()] == ["Pull day", "Pull day (copy)"]
    assert view.routine_title.text() == "Pull day (copy)"

    on_modal(lambda box: box.button(QMessageBox.StandardButton.Cancel).click())
    qtbot.keyClick(view.routine_list, Qt.Key.Key_Delete, SHIFT)
    reactivate(qtbot, window)
    assert len(view.store.routines.list()) == 2  # cancelled: nothing deleted

    def confirm(box):
        assert "Pull day (copy)" in box.text() and "undo" in box.text()
        next(b for b in box.buttons() if b.text() == "&Delete").click()

    on_modal(confirm)
    qtbot.keyClick(view.routine_list, Qt.Key.Key_Delete, SHIFT)
    reactivate(qtbot, window)
    assert [n for _, n, _ in view.store.routines.list()] == ["Pull day"]
    assert "Ctrl+Z" in window.statusBar().currentMessage()

    assert window.undo_action.text() == "&Undo Delete “Pull day (copy)”"
    qtbot.keyClick(view.routine_list, Qt.Key.Key_Z, CTRL)
    assert [n for _, n, _ in view.store.routines.list()] == ["Pull day", "Pull day (copy)"]
    assert view.routine_title.text() == "Pull day (copy)"
    assert len(stored(window).items) == 1


def test_search_filters_the_list(qtbot, open_window):
    window = open_window()
    view = window.routines
    view.add_starter_routines()
    qtbot.keyClick(window, Qt.Key.Key_F, CTRL)
    assert QApplication.focusWidget() is view.search
    qtbot.keyClicks(view.search, "body")
    visible = [view.routine_list.item(i).text() for i in range(view.routine_list.count())
               if not view.routine_list.item(i).isHidden()]
    assert visible == ["Full Body Starter", "Lower Body", "Upper Body"]
    qtbot.keyClicks(view.search, "zzz")
    assert view.list_empty_label.isVisible() and "No routine matches" in view.list_empty_label.text()
    assert view.right.currentWidget() is view.welcome
    qtbot.keyClick(view.search, Qt.Key.Key_Escape)
    assert view.search.text() == "" and view.routine_list.currentItem() is not None


def test_pounds_shown_and_entered_stored_in_kilograms(qtbot, open_window, on_modal):
    window = open_window()
    view = window.routines
    new_routine_by_keyboard(qtbot, window, on_modal, "Bench")
    add_exercise_by_keyboard(qtbot, window, on_modal, "barbell bench")
    view.store.settings.unit = Unit.LB
    view.refresh()
    assert view.items_model.headerData(3, Qt.Orientation.Horizontal) == "Load (lb)"
    type_into(qtbot, view.form.load.edit, "225")
    assert abs(stored(window).items[0].target_load_kg - 102.058) < 0.001
    assert view.form.load.edit.text() == "225"
    type_into(qtbot, view.form.load.edit, "2300")
    assert "0 to 2204.6 lb" in view.form.load.error


def test_calm_practice_is_a_timed_block(qtbot, open_window, on_modal):
    window = open_window()
    view = window.routines
    new_routine_by_keyboard(qtbot, window, on_modal, "Evening calm")
    add_exercise_by_keyboard(qtbot, window, on_modal, "box breathing")
    assert view.form.duration.isVisibleTo(view.form) and not view.form.reps.isVisibleTo(view.form)
    type_into(qtbot, view.form.duration.edit, "20")
    assert "30 to 3600" in view.form.duration.error
    type_into(qtbot, view.form.duration.edit, "360")
    assert stored(window).items[0].duration_s == 360
    assert view.items_model.index(0, 2).data() == "6:00"


def test_custom_exercise_from_the_picker(qtbot, open_window, on_modal):
    window = open_window()
    view = window.routines
    new_routine_by_keyboard(qtbot, window, on_modal, "Odd lifts")

    def create_custom(dialog):
        def fill(custom):
            custom.muscles.setText("Full body")
            qtbot.keyClick(custom.name, Qt.Key.Key_Return)

        qtbot.keyClicks(dialog.search, "Sandbag Shouldering")
        assert "No exercise matches" in dialog.count.text()
        on_modal(fill, kind=CustomExerciseDialog)
        dialog.new_button.click()
        assert dialog.list.currentIndex().data().startswith("Sandbag Shouldering")
        qtbot.keyClick(dialog.list, Qt.Key.Key_Return)

    on_modal(create_custom)
    qtbot.keyClick(view.table, Qt.Key.Key_E, CTRL)
    reactivate(qtbot, window)
    exercise = view.store.exercises.find("sandbag shouldering")
    assert exercise.is_custom and exercise.muscles == ("full body",)
    assert stored(window).items[0].exercise_id == exercise.id


def test_a_refused_custom_name_is_said_in_the_themes_error_colour(qtbot, open_window):
    from liftcalm.ui import theme

    window = open_window()
    dialog = CustomExerciseDialog(window.store, "", window)
    qtbot.addWidget(dialog)
    dialog.accept()  # no name: refused, and said
    assert dialog.message.text() and dialog.created is None
    assert theme.tone(dialog.message) == "error" and not dialog.message.styleSheet()  # follows light and dark


def test_the_picker_counts_its_matches_in_words_that_fit_the_number(qtbot, open_window):
    window = open_window()
    picker = ExercisePicker(window.store, window)
    qtbot.addWidget(picker)
    qtbot.keyClicks(picker.search, "Barbell Back Squat")
    assert picker.count.text() == "1 exercise"
    picker.search.clear()
    assert picker.count.text().endswith(" exercises")


def test_window_geometry_is_remembered(qtbot, open_window):
    window = open_window()
    window.resize(790, 580)
    close_window(window)
    again = open_window()
    assert (again.width(), again.height()) == (790, 580)


def test_default_database_path_matches_qt(qtbot):
    from liftcalm.app import create_application

    create_application()
    qt_dir = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    assert str(default_database_path().parent) == qt_dir


def test_shortcuts_help_lists_every_menu_shortcut(qtbot, open_window):
    from liftcalm.ui.dialogs.shortcuts_dialog import shortcut_rows

    window = open_window()
    keys = {action: k for _, action, k in shortcut_rows(window.menuBar())}
    assert keys["Move exercise up"] == "Alt+Up"
    # The platform's own keys (QKeySequence.StandardKey), which include these everywhere but a Mac.
    assert keys["Undo"].startswith("Ctrl+Z") and "Ctrl+Shift+Z" in keys["Redo"] and "Ctrl+Y" in keys["Redo"]
    assert keys["New routine…"].startswith("Ctrl+N")


def test_preferences_change_unit_and_default_rest_at_once(qtbot, open_window, on_modal):
    from liftcalm.ui.dialogs.preferences_dialog import PreferencesDialog

    window = open_window()
    view = window.routines
    view.add_starter_routines()

    def change(dialog):
        dialog.unit.setFocus()
        qtbot.keyClick(dialog.unit, Qt.Key.Key_Down)  # kg -> lb, saved at once
        assert view.store.settings.unit is Unit.LB
        type_into(qtbot, dialog.default_rest.edit, "1000")
        assert "0 to 900 s" in dialog.default_rest.error
        type_into(qtbot, dialog.default_rest.edit, "75")
        dialog.reject()

    on_modal(change, kind=PreferencesDialog)
    qtbot.keyClick(window, Qt.Key.Key_Comma, CTRL)
    reactivate(qtbot, window)
    assert view.store.settings.default_rest_s == 75
    assert view.items_model.headerData(3, Qt.Orientation.Horizontal) == "Load (lb)"
    assert view.form.layout_.labelForField(view.form.load).text() == "Target &load (lb):"


def test_first_run_enter_takes_the_offer_then_focus_is_in_the_list(qtbot, open_window):
    window = open_window()
    view = window.routines
    assert QApplication.focusWidget() is view.starter_button
    qtbot.keyClick(view.starter_button, Qt.Key.Key_Return)
    assert len(view.store.routines.list()) >= 4
    assert QApplication.focusWidget() is view.routine_list  # Shift+Del, F2, Ctrl+D act on it
