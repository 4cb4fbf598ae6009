"""File > Restore a backup: what the list shows, choosing a file, restoring, and File > Undo restore."""

from datetime import date

import pytest
from PySide6.QtWidgets import QMessageBox

from liftcalm.store import Store, StoreError
from liftcalm.store.backups import BackupKind, daily_backup, list_backups
from liftcalm.store.database import check_file
from liftcalm.store.demo import write_demo
from liftcalm.ui.dialogs.restore_dialog import RestoreDialog
from tests.ui.routines.test_routine_editor import reactivate

PROMISE = ("What you have now is saved first; File > Undo restore puts it back while LiftCalm is open, "
           "and the copy stays in the backups folder.")


def test_start_saves_todays_backup_off_the_ui_thread(qtbot, open_window):
    window = open_window()
    qtbot.waitUntil(lambda: [d for d, _ in list_backups(window.store.path)] == [date.today()], timeout=5000)


def read(qtbot, dialog):
    qtbot.waitUntil(lambda: dialog.reading == 0, timeout=5000)


def restore_in_dialog(qtbot, window, on_modal, pick) -> list[str]:
    """File > Restore a backup…: ``pick(dialog)`` selects one once the list is read; confirm with Yes.

    Returns the confirmation's text.
    """
    asked = []

    def confirm(box):
        asked.append(box.text())
        box.button(QMessageBox.StandardButton.Yes).click()

    def choose(dialog):
        try:
            read(qtbot, dialog)
            pick(dialog)
        except BaseException:
            dialog.reject()  # a failed check must not leave the dialog waiting for ever
            raise
        on_modal(confirm, kind=QMessageBox)
        dialog.accept()

    on_modal(choose, kind=RestoreDialog)
    window.restore_backup()
    reactivate(qtbot, window)
    return asked


def undo_restore(qtbot, window, on_modal) -> list[str]:
    asked = []

    def confirm(box):
        asked.append(box.text())
        box.button(QMessageBox.StandardButton.Yes).click()

    on_modal(confirm, kind=QMessageBox)
    window.undo_restore_action.trigger()
    reactivate(qtbot, window)
    return asked


def select(dialog, kind):
    row = next(row for row, info in enumerate(dialog.backups) if info.kind is kind)
    dialog.list.setCurrentRow(row)


def routine_names(window):
    return sorted(name for _, name, _ in window.store.routines.list())


def test_restore_a_backup_then_undo_the_restore_and_undo_that(qtbot, open_window, on_modal):
    window = open_window()
    view = window.routines
    qtbot.waitUntil(lambda: bool(list_backups(window.store.path)), timeout=5000)  # taken with no routines
    assert not window.undo_restore_action.isEnabled()  # nothing restored yet
    view.add_starter_routines()
    starters = routine_names(window)
    assert len(starters) == 4

    def pick_the_daily_backup(dialog):
        assert dialog.list.count() == 1
        assert dialog.list.item(0).text().endswith("No sessions  ·  0 routines")
        assert "Daily backup" in dialog.list.item(0).text()
        select(dialog, BackupKind.DAILY)

    asked = restore_in_dialog(qtbot, window, on_modal, pick_the_daily_backup)
    assert PROMISE in asked[0]
    # Restored on a worker; every page hears of it through the store's change feed.
    qtbot.waitUntil(lambda: "File > Undo restore puts it back" in window.statusBar().currentMessage(), timeout=5000)
    assert view.store.routines.list() == []
    assert view.right.currentWidget() is view.welcome
    assert not window.undo_action.isEnabled()
    assert window.undo_restore_action.isEnabled()

    asked = undo_restore(qtbot, window, on_modal)
    assert "What you have now is saved first" in asked[0]
    qtbot.waitUntil(lambda: "Put back what you had before the restore" in window.statusBar().currentMessage(),
                    timeout=5000)
    assert routine_names(window) == starters
    assert sorted(view.routine_list.item(row).text() for row in range(view.routine_list.count())) == starters
    assert window.undo_restore_action.isEnabled()  # the undo saved what it replaced, so it too can be undone

    undo_restore(qtbot, window, on_modal)
    qtbot.waitUntil(lambda: window.store.routines.list() == [], timeout=5000)
    qtbot.waitUntil(window.undo_restore_action.isEnabled, timeout=5000)
    aside = [p for p in (window.store.path.parent / "backups").iterdir() if "before-restore" in p.name]
    assert len(aside) == 3  # one per restore, none written over another


def test_the_list_shows_when_each_backup_was_saved_and_what_it_holds(qtbot, store, tmp_path):
    demo = write_demo(store, years=0.2, seed=2, end=date(2026, 6, 1))
    sessions, last = demo.sessions, demo.last_date
    daily = daily_backup(store.path, date(2026, 6, 1))
    store.restore(daily)  # saves a copy aside first
    dialog = RestoreDialog(store)
    qtbot.addWidget(dialog)
    read(qtbot, dialog)
    assert [info.kind for info in dialog.backups] == [BackupKind.BEFORE_RESTORE, BackupKind.DAILY]  # newest first
    for row in range(2):
        text = dialog.list.item(row).text()
        assert f"{sessions} sessions, the last on {last:%A} {last.day} {last:%B %Y}  ·  4 routines" in text
        assert " KB" in text
    assert "Saved before a restore" in dialog.list.item(0).text()
    assert dialog.restore_button.isEnabled()

    junk = tmp_path / "notes.db"
    junk.write_bytes(b"not a database at all" * 100)
    dialog.choose_file(junk)
    read(qtbot, dialog)
    item = dialog.list.currentItem()
    assert "Chosen file notes.db" in item.text()
    with pytest.raises(StoreError) as refused:
        check_file(junk)
    assert f"Cannot be restored: {refused.value}" in item.text()  # check_file's own words
    assert not dialog.restore_button.isEnabled()
    dialog.accept()
    assert dialog.result() != RestoreDialog.DialogCode.Accepted and dialog.chosen is None

    copy = tmp_path / "copy.db"
    store.backup_to(copy)  # what File > Save a backup copy writes
    dialog.choose_file(copy)
    read(qtbot, dialog)
    assert "Chosen file copy.db" in dialog.list.currentItem().text()
    assert dialog.list.count() == 4
    assert dialog.restore_button.isEnabled()
    dialog.accept()
    assert dialog.chosen == copy and dialog.chosen_info.sessions == sessions


def test_every_page_shows_what_was_restored(qtbot, open_window, on_modal, tmp_path):
    copy = tmp_path / "saved-copy.db"
    with Store(copy) as other:
        write_demo(other, years=0.2, seed=3, end=date(2026, 6, 1))
        other.book.create("From the copy")
        sessions = other.conn.execute("SELECT count(*) FROM session").fetchone()[0]
        routines = sorted(name for _, name, _ in other.routines.list())
    window = open_window()
    window.navigation.setCurrentRow(3)  # History, read once while empty, then hidden
    history = window.history_page.view
    qtbot.waitUntil(lambda: history.sessions_model.rows == [] and not history._loading, timeout=5000)
    window.navigation.setCurrentRow(0)

    def pick_the_copy(dialog):
        dialog.choose_file(copy)
        read(qtbot, dialog)
        assert "Chosen file saved-copy.db" in dialog.list.currentItem().text()

    restore_in_dialog(qtbot, window, on_modal, pick_the_copy)
    qtbot.waitUntil(lambda: "Restored saved-copy.db" in window.statusBar().currentMessage(), timeout=5000)
    shown = window.routines.routine_list
    assert sorted(shown.item(row).text() for row in range(shown.count())) == routines

    window.navigation.setCurrentRow(3)
    qtbot.waitUntil(lambda: len(history.sessions_model.rows) == sessions, timeout=5000)
    assert history.session_table.model().rowCount() == sessions
