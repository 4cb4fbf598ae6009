from datetime import date

from PySide6.QtWidgets import QMessageBox

from liftcalm.store.backups import list_backups
from liftcalm.ui.dialogs.restore_dialog import RestoreDialog
from tests.ui.routines.test_routine_editor import reactivate


def test_start_saves_todays_backup_off_the_ui_thread(qtbot, open_window):
    window = open_window()
    qtbot.waitUntil(lambda: [d for d, _ in list_backups(window.store.path)] == [date.today()], timeout=5000)


def test_restore_a_backup_from_the_file_menu(qtbot, open_window, on_modal):
    window = open_window()
    view = window.routines
    qtbot.waitUntil(lambda: bool(list_backups(window.store.path)), timeout=5000)  # taken with no routines
    view.add_starter_routines()
    assert len(view.store.routines.list()) == 4

    def choose(dialog):
        assert dialog.list.count() == 1
        on_modal(lambda box: box.button(QMessageBox.StandardButton.Yes).click(), kind=QMessageBox)
        dialog.accept()

    on_modal(choose, kind=RestoreDialog)
    window.restore_backup()
    reactivate(qtbot, window)
    # Restored on a worker; every page hears of it through the store's change feed.
    qtbot.waitUntil(lambda: "Your data before it is in" in window.statusBar().currentMessage(), timeout=5000)
    assert view.store.routines.list() == []
    assert view.right.currentWidget() is view.welcome
    assert not window.undo_action.isEnabled()
    assert "Your data before it is in" in window.statusBar().currentMessage()
    aside = [p for p in (window.store.path.parent / "backups").iterdir() if "before-restore" in p.name]
    assert len(aside) == 1
