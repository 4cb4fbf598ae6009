"""The history page: the session list, correcting a set, deleting with confirmation, undo."""

import contextlib
import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from liftcalm.app import create_application
from liftcalm.core.units import Unit
from liftcalm.store.demo import write_demo
from liftcalm.ui.history.history_models import SetsModel as SetsModelColumns
from liftcalm.ui.history.history_view import EMPTY_TEXT, LOADING_TEXT, HistoryView


@pytest.fixture
def view(qtbot, store):
    create_application()
    write_demo(store, years=0.2, seed=2, end=datetime.date(2026, 6, 1))
    widget = HistoryView(store)
    qtbot.addWidget(widget)
    qtbot.waitSignal(widget.sessions_loaded).wait()  # read off the UI thread
    widget.resize(1200, 800)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)  # shortcuts fire only in the active window
    return widget


@contextlib.contextmanager
def committed(store):
    """Check that the block commits a change to the store (it is announced on its change feed)."""
    heard = []
    stop = store.changes.subscribe(heard.append)
    yield heard
    stop()
    assert heard, "nothing was committed"


def answer(on_modal, button_text):
    """Press the button of the confirmation that comes up next."""

    def press(box):
        for button in box.buttons():
            if button.text().replace("&", "") == button_text:
                button.click()
                return
        raise AssertionError(f"no button {button_text} in {[b.text() for b in box.buttons()]}")

    on_modal(press, QMessageBox)


def reactivate(qtbot, view):
    """Give focus back to the page's window after a dialog, as a window manager would."""
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)


def shown(table, row, column):
    return table.model().index(row, column).data()


def select_set(qtbot, view, row):
    view.set_table.setFocus()
    view.set_table.selectRow(row)
    qtbot.waitUntil(lambda: view.current_set is not None and view.current_set.id == view.sets_model.rows[row].id)


def type_into(qtbot, field, text):
    field.edit.setFocus()
    field.edit.selectAll()
    qtbot.keyClick(field.edit, Qt.Key.Key_Backspace)
    qtbot.keyClicks(field.edit, text)
    qtbot.keyClick(field.edit, Qt.Key.Key_Return)


def test_list_shows_sessions_newest_first(view, store):
    rows = view.sessions_model.rows
    starts = [datetime.datetime.fromisoformat(row.started_at) for row in rows]
    assert len(rows) == len(store.history_edits.list_sessions()) > 20
    assert starts == sorted(starts, reverse=True)
    first = shown(view.session_table, 0, 0)
    expected = starts[0].astimezone().strftime("%a %d %b %Y %H:%M")
    assert first == expected
    assert view.current_session_id == rows[0].id  # the newest is shown at once
    assert view.sets_model.rowCount() == rows[0].set_count


def test_sample_sessions_are_marked_only_among_your_own(qtbot, view, on_modal):
    """A file of samples alone says so in its title; beside the person's own, each row says so."""
    rows = view.sessions_model.rows
    assert not any("sample" in shown(view.session_table, row, 1) for row in range(len(rows)))
    assert "(sample)" in view.title.text()
    assert "Sample data" in view.session_table.model().index(0, 1).data(Qt.ItemDataRole.ToolTipRole)

    view.store.conn.execute("UPDATE session SET source = 'liftcalm' WHERE id = ?", (rows[3].id,))
    with qtbot.waitSignal(view.sessions_loaded):
        view.reload()
    marked = [shown(view.session_table, row, 1).endswith(" · sample") for row in range(len(rows))]
    assert marked == [row != 3 for row in range(len(rows))]

    view.show_session(rows[3].id)  # deleting the only own session leaves samples alone: marks go
    answer(on_modal, "Delete")
    with committed(view.store):
        qtbot.keyClick(view.session_table, Qt.Key.Key_Delete, Qt.KeyboardModifier.ShiftModifier)
    reactivate(qtbot, view)
    assert not any("sample" in shown(view.session_table, row, 1) for row in range(len(rows) - 1))


def test_every_list_column_fits_in_a_window_of_the_default_size(qtbot, view):
    """1120 px wide, less the navigation: date, routine, duration, volume and stress, no scrolling."""
    view.resize(1120 - 150, 740)
    qtbot.waitUntil(lambda: view.splitter.width() == 1120 - 150)
    view.splitter.setSizes([view.width() // 2, view.width() // 2])  # half and half, as the page opens
    table = view.session_table
    qtbot.waitUntil(lambda: table.viewport().width() < 480)
    assert table.horizontalHeader().length() <= table.viewport().width()
    assert table.horizontalScrollBar().maximum() == 0


def test_empty_state(qtbot, store):
    create_application()
    widget = HistoryView(store)
    qtbot.addWidget(widget)
    widget.show()
    assert widget.empty_label.text() == LOADING_TEXT  # not "no sessions" before they were read
    qtbot.waitSignal(widget.sessions_loaded).wait()
    assert widget.empty_label.isVisible() and widget.empty_label.text() == EMPTY_TEXT
    assert widget.right.currentWidget() is widget.placeholder
    assert not widget.delete_action.isEnabled() and not widget.delete_session_action.isEnabled()


def test_show_session_selects_it(view):
    target = view.sessions_model.rows[7]
    view.show_session(target.id)
    assert view.current_session_id == target.id
    assert view.session_table.currentIndex().row() == 7
    assert [s.id for s in view.sets_model.rows] == [s.id for s in view.edits.session_sets(target.id)]


def test_editing_reps_in_the_form_saves_it_and_undo_restores(qtbot, view):
    select_set(qtbot, view, 1)
    target = view.current_set
    with committed(view.store):
        type_into(qtbot, view.reps_field, "3")
    saved = next(s for s in view.edits.session_sets(target.session_id) if s.id == target.id)
    assert saved.reps == 3
    assert shown(view.set_table, 1, 3) == "3"
    assert view.undo_action.isEnabled() and "reps" in view.undo_action.text()

    with committed(view.store):
        view.undo_action.trigger()  # the page's button; Ctrl+Z is the main window's (test_edit_menu.py)
    assert next(s for s in view.edits.session_sets(target.session_id) if s.id == target.id).reps == target.reps
    assert shown(view.set_table, 1, 3) == str(target.reps)
    with committed(view.store):
        view.redo_action.trigger()
    assert shown(view.set_table, 1, 3) == "3"


def test_ratings_can_be_cleared_to_not_answered(qtbot, view):
    row = next(i for i, s in enumerate(view.sets_model.rows) if s.stress_after_set is not None)
    select_set(qtbot, view, row)
    target = view.current_set
    with committed(view.store):
        type_into(qtbot, view.stress_after_field, "")
    saved = next(s for s in view.edits.session_sets(target.session_id) if s.id == target.id)
    assert saved.stress_after_set is None
    assert shown(view.set_table, row, 6) == "—"


def test_invalid_rating_is_refused_in_place(qtbot, view):
    select_set(qtbot, view, 0)
    target = view.current_set
    emitted = []
    view.store.changes.subscribe(emitted.append)
    for text in ("11", "2.5"):
        type_into(qtbot, view.stress_rest_field, text)
        assert view.stress_rest_field.error and "0 to 10" in view.stress_rest_field.error
        assert view.stress_rest_field.edit.text() == text  # left for the user to fix
    type_into(qtbot, view.rpe_field, "7.3")
    assert "RPE" in view.rpe_field.error
    assert not emitted and not view.edits.history.can_undo
    saved = next(s for s in view.edits.session_sets(target.session_id) if s.id == target.id)
    assert saved == target


def test_load_is_edited_in_the_users_unit(qtbot, view, store):
    store.settings.unit = Unit.LB
    view.page_shown()
    select_set(qtbot, view, 0)
    target = view.current_set
    with committed(view.store):
        type_into(qtbot, view.load_field, "100")
    saved = next(s for s in view.edits.session_sets(target.session_id) if s.id == target.id)
    assert saved.load_kg == pytest.approx(45.359237)
    assert shown(view.set_table, 0, 4) == "100"
    assert view.load_label.text() == "&Load (lb):"


def test_delete_set_asks_first_and_undo_brings_it_back(qtbot, view, on_modal):
    select_set(qtbot, view, 2)
    target = view.current_set
    count = view.sets_model.rowCount()

    asked = []
    on_modal(lambda box: (asked.append(box.text()), box.button(QMessageBox.StandardButton.Cancel).click()),
             QMessageBox)
    qtbot.keyClick(view.set_table, Qt.Key.Key_Delete)
    reactivate(qtbot, view)
    assert asked and target.exercise_name in asked[0]
    assert view.sets_model.rowCount() == count

    answer(on_modal, "Delete")
    with committed(view.store):
        qtbot.keyClick(view.set_table, Qt.Key.Key_Delete)
    reactivate(qtbot, view)
    assert view.sets_model.rowCount() == count - 1
    assert target.id not in [s.id for s in view.sets_model.rows]

    with committed(view.store):
        view.undo_action.trigger()
    assert view.sets_model.rows[2] == target
    assert view.current_set == target


def test_delete_session_asks_first_and_undo_brings_it_back(qtbot, view, on_modal):
    rows = view.sessions_model.rows
    view.show_session(rows[1].id)
    answer(on_modal, "Delete")
    with committed(view.store):
        qtbot.keyClick(view.session_table, Qt.Key.Key_Delete, Qt.KeyboardModifier.ShiftModifier)
    reactivate(qtbot, view)
    assert rows[1].id not in [row.id for row in view.sessions_model.rows]
    assert view.current_session_id == rows[2].id  # the next one down

    with committed(view.store):
        view.undo_action.trigger()
    assert view.sessions_model.rows == rows
    assert view.current_session_id == rows[1].id


def test_del_in_a_form_field_edits_text_and_deletes_nothing(qtbot, view, monkeypatch):
    asked = []
    from liftcalm.ui.history import history_view

    monkeypatch.setattr(history_view, "confirm_delete", lambda *args: asked.append(args) or False)
    select_set(qtbot, view, 0)
    view.reps_field.edit.setFocus()
    view.reps_field.edit.home(False)
    qtbot.keyClick(view.reps_field.edit, Qt.Key.Key_Delete)
    assert not asked
    view.set_table.setFocus()
    qtbot.keyClick(view.set_table, Qt.Key.Key_Delete)
    assert len(asked) == 1


def test_a_session_asked_for_before_the_list_is_read_is_shown_at_once(qtbot, store):
    create_application()
    write_demo(store, years=0.2, seed=2, end=datetime.date(2026, 6, 1))
    wanted = store.history_edits.list_sessions()[5].id
    widget = HistoryView(store)
    qtbot.addWidget(widget)
    widget.show_session(wanted)  # a graph point clicked while the list is still being read
    assert widget.current_session_id == wanted
    assert [row.id for row in widget.sessions_model.rows] == [wanted]
    qtbot.waitSignal(widget.sessions_loaded).wait()
    assert len(widget.sessions_model.rows) == len(store.history_edits.list_sessions())
    assert widget.current_session_id == wanted  # the read list keeps it selected
    assert widget.session_table.currentIndex().row() == 5


def test_an_edit_made_while_the_list_is_read_is_not_undone_by_the_read(qtbot, view, monkeypatch):
    from liftcalm.store.history_edits import HistoryEdits

    stale = view.edits.list_sessions()  # the list as a slow read would see it
    monkeypatch.setattr(HistoryEdits, "list_sessions", lambda self, limit=None: stale)
    view.show_session(next(row.id for row in view.sessions_model.rows if row.kind == "strength"))
    working = next(i for i, s in enumerate(view.sets_model.rows) if s.set_type == "working" and s.load_kg > 0)
    select_set(qtbot, view, working)
    session_id, target = view.current_session_id, view.current_set
    view.reload()  # the page shown again: a read begins
    with committed(view.store):
        type_into(qtbot, view.reps_field, str(target.reps + 2))
    qtbot.waitSignal(view.sessions_loaded).wait()
    row = view.sessions_model.rows[view.sessions_model.row_of(session_id)]
    before = next(r for r in stale if r.id == session_id)
    assert row.volume_kg == pytest.approx(before.volume_kg + 2 * target.load_kg)
    assert row == view.edits.session_row(session_id)


def test_a_failed_list_read_says_so_and_is_tried_again(qtbot, store, monkeypatch):
    import sqlite3

    from liftcalm.store.history_edits import HistoryEdits

    create_application()
    write_demo(store, years=0.1, seed=2, end=datetime.date(2026, 6, 1))
    real = HistoryEdits.list_sessions

    def fail(self, limit=None):
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(HistoryEdits, "list_sessions", fail)
    widget = HistoryView(store)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitUntil(lambda: "could not be read" in widget.empty_label.text(), timeout=5000)
    assert widget.empty_label.isVisible() and "database is locked" in widget.empty_label.text()
    monkeypatch.setattr(HistoryEdits, "list_sessions", real)
    with qtbot.waitSignal(widget.sessions_loaded, timeout=5000):
        widget.page_shown()
    assert widget.sessions_model.rows and not widget.empty_label.isVisible()


def test_a_session_finished_elsewhere_appears_without_reading_the_whole_list(qtbot, view, monkeypatch):
    from liftcalm.store.history_edits import HistoryEdits

    store = view.store
    newest = view.sessions_model.rows[0]
    store.conn.execute("UPDATE session SET ended_at = NULL, state = '{}' WHERE id = ?", (newest.id,))  # running
    view.page_shown()
    monkeypatch.setattr(HistoryEdits, "list_sessions", lambda self, limit=None: pytest.fail("whole list read"))
    store.sessions.finish(newest.id, datetime.datetime.fromisoformat(newest.started_at).timestamp() + 3600)
    assert view.sessions_model.rows[0].id == newest.id


def test_a_set_without_reps_or_load_shows_dashes_and_its_time_or_distance(qtbot, store):
    """An imported plank (60 s) and a run (5 km) have no reps and no load: missing, never 0, never a crash."""
    create_application()
    conn = store.conn
    plank, carry = store.exercises.find("Plank").id, store.exercises.find("Farmers Carry").id
    session = conn.execute("INSERT INTO session (routine_name, kind, started_at, ended_at, source) VALUES"
                           " ('Imported', 'strength', '2026-05-01T10:00:00.000+02:00',"
                           " '2026-05-01T11:00:00.000+02:00', 'strong')").lastrowid
    for position, (exercise, duration, distance, note) in enumerate([(plank, 60, None, "shaky"),
                                                                      (carry, None, 40.0, "")]):
        conn.execute("INSERT INTO logged_set (session_id, position, exercise_id, set_number, set_type, reps, load_kg,"
                     " duration_s, distance_m, ended_at, note) VALUES (?, ?, ?, 1, 'working', NULL, NULL, ?, ?,"
                     " '2026-05-01T10:30:00.000+02:00', ?)", (session, position, exercise, duration, distance, note))
    conn.commit()
    widget = HistoryView(store)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitSignal(widget.sessions_loaded).wait()
    qtbot.waitUntil(lambda: len(widget.sets_model.rows) == 2)
    assert [shown(widget.set_table, 0, c) for c in (3, 4, 9)] == ["1:00", "—", "shaky"]
    assert [shown(widget.set_table, 1, c) for c in (3, 4)] == ["40 m", "—"]


def test_a_body_weight_given_later_counts_in_the_listed_volume(qtbot, store):
    """Dips before any body weight: their volume is not known. Given one, the list says so at once."""
    create_application()
    dips = store.exercises.find("Dips").id
    session = store.conn.execute("INSERT INTO session (routine_name, kind, started_at, ended_at, source) VALUES"
                                 " ('Pull', 'strength', '2026-05-01T10:00:00.000+02:00',"
                                 " '2026-05-01T11:00:00.000+02:00', 'strong')").lastrowid
    store.conn.execute("INSERT INTO logged_set (session_id, position, exercise_id, set_number, set_type, reps, load_kg,"
                       " ended_at) VALUES (?, 0, ?, 1, 'working', 10, 5.0, '2026-05-01T10:30:00.000+02:00')",
                       (session, dips))
    store.conn.commit()
    widget = HistoryView(store)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitSignal(widget.sessions_loaded).wait()
    assert view_volume(widget) == "—"  # not known: never shown as 0
    with qtbot.waitSignal(widget.sessions_loaded):
        store.planning.set_body_weight(datetime.date(2026, 4, 20), 75.0)  # as Preferences writes it
    assert view_volume(widget) == "800"  # 10 x (75 + 5)


def view_volume(view):
    return shown(view.session_table, 0, view.sessions_model.VOLUME)


def test_reps_and_load_can_be_cleared_to_not_given_and_undo_brings_them_back(qtbot, view):
    select_set(qtbot, view, 1)
    target = view.current_set
    assert target.reps is not None and target.load_kg is not None
    for field, column in ((view.load_field, SetsModelColumns.LOAD), (view.reps_field, SetsModelColumns.REPS)):
        with committed(view.store):
            type_into(qtbot, field, "")
        assert shown(view.set_table, 1, column) == "—"  # not given: a dash, never 0
    saved = next(s for s in view.edits.session_sets(target.session_id) if s.id == target.id)
    assert (saved.reps, saved.load_kg) == (None, None)
    assert view.reps_field.edit.placeholderText() == "not given"
    with committed(view.store):
        view.undo_action.trigger()
    with committed(view.store):
        view.undo_action.trigger()
    saved = next(s for s in view.edits.session_sets(target.session_id) if s.id == target.id)
    assert (saved.reps, saved.load_kg) == (target.reps, target.load_kg)


def test_the_list_says_in_a_tool_tip_how_many_sets_its_volume_leaves_out(qtbot, store):
    create_application()
    dips, squat = store.exercises.find("Dips").id, store.exercises.find("Barbell Back Squat").id
    session = store.conn.execute("INSERT INTO session (routine_name, kind, started_at, ended_at, source) VALUES"
                                 " ('Mixed', 'strength', '2026-05-01T10:00:00.000+02:00',"
                                 " '2026-05-01T11:00:00.000+02:00', 'strong')").lastrowid
    for position, (exercise, load) in enumerate([(squat, 100.0), (dips, None), (dips, 5.0)]):
        store.conn.execute("INSERT INTO logged_set (session_id, position, exercise_id, set_number, set_type, reps,"
                           " load_kg, ended_at) VALUES (?, ?, ?, 1, 'working', 5, ?, '2026-05-01T10:30:00.000+02:00')",
                           (session, position, exercise, load))
    store.conn.commit()
    widget = HistoryView(store)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitSignal(widget.sessions_loaded).wait()
    assert view_volume(widget) == "500"  # the squat's; the dips' load is not known without a body weight
    tip = widget.sessions_model.index(0, widget.sessions_model.VOLUME).data(Qt.ItemDataRole.ToolTipRole)
    assert "2 working sets without a known load left out of the volume" in tip
