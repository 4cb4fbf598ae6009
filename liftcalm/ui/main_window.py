"""The main window: navigation between the parts of the app, menus, and window state."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from liftcalm import __version__
from liftcalm.core.changes import ChangeKind
from liftcalm.ui import theme
from liftcalm.ui.actions import make_action
from liftcalm.ui.look import PageStack, plural
from liftcalm.ui.routines.routines_view import RoutinesView
from liftcalm.ui.session.session_view import SESSION_KEYS_HELP, SessionView
from liftcalm.ui.store_signals import StoreSignals
from liftcalm.ui.ui_state import UiState

NAVIGATION_KEYS_HELP = [
    ("Routines", "Move between routines", "Up, Down"),
    ("Routines", "From search to the list", "Down"),
    ("Routines", "Clear the search", "Esc"),
    ("Editor", "Save a field", "Enter or Tab"),
    ("Editor", "Put back a field's saved value", "Esc"),
    ("Add exercise", "Choose, then add", "Up, Down, Enter"),
]


class LazyPage(QWidget):
    """A page whose view is built the first time it is shown, so start-up does not pay for it."""

    def __init__(self, build, parent=None):
        super().__init__(parent)
        self._build = build
        self.view = None
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def ensure_view(self):
        if self.view is None:
            self.view = self._build(self)
            self._layout.addWidget(self.view)
            self.view.show()
        return self.view

    def shown(self) -> None:
        self.ensure_view().page_shown()


SAMPLE_DATABASE_NAME = "sample.db"  # beside the person's own database, never mixed into it


class MainWindow(QMainWindow):
    sample_window_opened = Signal(object)

    def __init__(self, store, clock=None, parent=None, sample: bool = False):
        super().__init__(parent)
        self.store = store
        self.sample = sample  # showing the sample history, not the person's own
        self._sample_window: MainWindow | None = None
        self.ui_state = UiState()
        if not sample:  # the person's own window decides the look; app.py applied it already at start-up
            theme.apply(store.settings.theme)
        self.setMinimumSize(QSize(760, 520))
        self.resize(1120, 740)

        self.routines = RoutinesView(store, self)
        self.session = SessionView(store, clock, self)
        self.session.routine_for_start = lambda: self.routines.current_routine_id
        self.pages = PageStack(self)
        self.navigation = QListWidget(self)
        self.navigation.setAccessibleName("Pages")
        self.navigation.setAccessibleDescription("Routines, Session, Graphs and History; Ctrl+1 to Ctrl+4")
        theme.set_tone(self.navigation, "sidebar")
        self.navigation.setIconSize(QSize(22, 22))
        metrics = self.navigation.fontMetrics()  # room for the longest name at the system's font size
        self.navigation.setFixedWidth(max(150, metrics.horizontalAdvance("Routines") + 22 + 5 * theme.SPACE_M))
        self.navigation.setFrameShape(QListWidget.Shape.NoFrame)
        self.navigation.setSpacing(4)
        self._add_page(self.routines, "Routines", "routines", "Ctrl+1")
        self._add_page(self.session, "Session", "session", "Ctrl+2")
        self.graphs_page = LazyPage(self._build_graphs, self)
        self.history_page = LazyPage(self._build_history, self)
        self._add_page(self.graphs_page, "Graphs", "graphs", "Ctrl+3")
        self._add_page(self.history_page, "History", "history", "Ctrl+4")
        self.navigation.setCurrentRow(0)  # shown below, once the menus exist
        self.navigation.currentRowChanged.connect(self._on_navigation_current_row_changed)

        central = QWidget(self)
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        if sample:
            outer.addWidget(self._sample_banner())
        layout = QHBoxLayout()
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.navigation)
        layout.addWidget(self.pages, 1)
        outer.addLayout(layout, 1)
        self.setCentralWidget(central)

        self._build_menus()
        more = self.menuBar().findChild(QToolButton, "qt_menubar_ext_button")  # shown when the menus do not fit
        if more is not None:
            more.setAccessibleName("More menus")
        self._store_signals = StoreSignals(store, self)
        self._store_signals.changed.connect(self._update_undo_actions)
        if not sample:
            self._store_signals.changed.connect(self._on_store_changed)
        self.routines.status_message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.session.status_message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.session.running_changed.connect(self._on_session_running_changed)
        self.session.help_requested.connect(self.show_support)
        self.statusBar().showMessage(f"Data: {store.path}", 5000)
        self._restore_state()
        self._on_navigation_current_row_changed(0)
        self.routines.focus_start()
        self.reminder = None
        if not sample:
            from liftcalm.ui.reminder import TrainingReminder

            self.reminder = TrainingReminder(store.settings, self._quiet_today, self)
            self.reminder.due.connect(self._show_reminder)
            QTimer.singleShot(1500, self._start_daily_backup)  # once the window is up and idle
            QTimer.singleShot(0, self._offer_to_resume)

    def _sample_banner(self) -> QWidget:
        banner = QLabel("Sample data: an invented history to explore, not your own training. It lives in its "
                        f"own file ({self.store.path.name}); close this window to return to yours.", self)
        banner.setWordWrap(True)
        banner.setMargin(8)
        banner.setAutoFillBackground(True)
        banner.setBackgroundRole(banner.backgroundRole().ToolTipBase)
        banner.setForegroundRole(banner.foregroundRole().ToolTipText)
        banner.setAccessibleName("Sample data notice")
        return banner

    def _add_page(self, page: QWidget, title: str, icon: str, shortcut: str) -> None:
        self.pages.addWidget(page)
        item = QListWidgetItem(theme.icon(icon), title)
        item.setToolTip(f"{title} ({shortcut})")
        self.navigation.addItem(item)
        index = self.navigation.count() - 1
        make_action(self, title, lambda: self.navigation.setCurrentRow(index), keys=[shortcut])

    def _build_menus(self) -> None:
        r = self.routines
        for action in (r.new_action, r.starter_action):  # from any page; the result shows under Routines
            action.triggered.connect(lambda: self.navigation.setCurrentRow(self.pages.indexOf(self.routines)))
        menu = self.menuBar().addMenu("&File")
        for action in (r.new_action, r.starter_action, r.custom_exercise_action):
            menu.addAction(action)
        menu.addSeparator()
        key = QKeySequence.StandardKey
        menu.addAction(make_action(self, "&Import workouts…", lambda: self.import_workouts(), keys=["Ctrl+I"]))
        menu.addAction(make_action(self, "&Export…", lambda: self.export_data(), keys=["Ctrl+Shift+S"]))
        menu.addAction(make_action(self, "Save a backup &copy…", lambda: self.save_backup_copy()))
        menu.addAction(make_action(self, "Restore a &backup…", self.restore_backup))
        menu.addAction(self._build_undo_restore_action())
        menu.addAction(make_action(self, "Make a &report…", self.make_report))
        menu.addSeparator()
        if not self.sample:
            menu.addAction(make_action(self, "E&xplore with sample data…", self.open_sample_window))
            menu.addSeparator()
        # Qt has no Preferences key on Linux or Windows: Ctrl+, there, as on a Mac.
        menu.addAction(make_action(self, "&Preferences…", self.show_preferences, keys=[key.Preferences, "Ctrl+,"]))
        menu.addSeparator()
        menu.addAction(make_action(self, "&Quit", self.close, keys=[key.Quit, "Ctrl+Q"]))

        # Edit > Undo and Redo act on the page in view: routine edits, history edits, the last set.
        menu = self.menuBar().addMenu("&Edit")
        menu.aboutToShow.connect(self._update_undo_actions)
        self.undo_action = make_action(self, "&Undo", self._undo, keys=[key.Undo], icon="undo")
        self.redo_action = make_action(self, "&Redo", self._redo, keys=[key.Redo, "Ctrl+Y"], icon="redo")
        menu.addAction(self.undo_action)
        menu.addAction(self.redo_action)
        menu.addSeparator()
        menu.addAction(r.find_action)

        menu = self.menuBar().addMenu("&Routine")
        for action in (r.rename_action, r.duplicate_action, r.delete_action):
            menu.addAction(action)
        menu.addSeparator()
        for action in (r.add_item_action, r.remove_item_action, r.move_up_action, r.move_down_action):
            menu.addAction(action)

        menu = self.menuBar().addMenu("&Session")
        for action in self.session.session_actions():
            if action is None:
                menu.addSeparator()
            else:
                menu.addAction(action)

        menu = self.menuBar().addMenu("&Help")
        self.support_action = make_action(self, "If you're &struggling or in crisis…", self.show_support)
        menu.addAction(self.support_action)
        menu.addAction(make_action(self, "Exercise &safety…", self.show_safety))
        menu.addSeparator()
        menu.addAction(make_action(self, "&Keyboard shortcuts", self.show_shortcuts, keys=[key.HelpContents, "F1"]))
        menu.addAction(make_action(self, "&About LiftCalm", self.show_about))

    def page_view(self):
        """The view of the page shown (a lazy page's view once it is built)."""
        page = self.pages.currentWidget()
        return page.view if isinstance(page, LazyPage) else page

    def _on_store_changed(self, change) -> None:
        if change.kind is not ChangeKind.SETTINGS:
            return
        if "theme" in change.keys:
            theme.apply(self.store.settings.theme)  # every window and dialog follows at once
        if self.reminder is not None and {"reminder_on", "reminder_time", "reminder_days"} & set(change.keys):
            self.reminder.apply_settings()

    def _quiet_today(self) -> bool:
        """No reminder while a session runs, or on a day with a session or a rest-day check-in already."""
        import datetime as dt

        return self.session.recorder is not None or self.store.has_session_on(dt.date.today())

    def _show_reminder(self, title: str, message: str) -> None:
        """One gentle notification (the tray's, where there is one), else a line in the status bar."""
        from PySide6.QtWidgets import QApplication, QSystemTrayIcon

        self.statusBar().showMessage(f"{title}: {message}", 60_000)
        if QSystemTrayIcon.isSystemTrayAvailable():
            tray = QSystemTrayIcon(self.windowIcon(), self)
            tray.setToolTip("LiftCalm")
            tray.show()
            tray.showMessage(title, message, self.windowIcon(), 15_000)
            tray.messageClicked.connect(self.bring_to_front)
            QTimer.singleShot(60_000, tray.deleteLater)  # the tray icon goes with the message
        else:
            QApplication.alert(self)

    def bring_to_front(self) -> None:
        """Show this window in front of the others (a second start, or a click on the reminder)."""
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()

    def _undo_history(self):
        return getattr(self.page_view(), "undo_history", None)

    def _update_undo_actions(self) -> None:
        history = self._undo_history()
        can_undo, can_redo = bool(history and history.can_undo), bool(history and history.can_redo)
        self.undo_action.setEnabled(can_undo)
        self.redo_action.setEnabled(can_redo)
        self.undo_action.setText(f"&Undo {history.undo_label}" if can_undo else "&Undo")
        self.redo_action.setText(f"&Redo {history.redo_label}" if can_redo else "&Redo")

    def _undo(self) -> None:
        if self._undo_history() is not None:
            self.page_view().undo()
        self._update_undo_actions()

    def _redo(self) -> None:
        if self._undo_history() is not None:
            self.page_view().redo()
        self._update_undo_actions()

    def _on_navigation_current_row_changed(self, row: int) -> None:
        self.pages.setCurrentIndex(row)
        self.routines.set_editing_active(self.pages.currentWidget() is self.routines)
        self.session.set_page_active(self.pages.currentWidget() is self.session)
        if isinstance(self.pages.currentWidget(), LazyPage):
            self.pages.currentWidget().shown()
        self._update_navigation_visibility()
        self._update_undo_actions()
        title = self.navigation.item(row).text() if row >= 0 else ""
        marker = " (sample data)" if self.sample else ""
        self.setWindowTitle(f"{title} — LiftCalm{marker}" if title else f"LiftCalm{marker}")

    def _start_daily_backup(self) -> None:
        """At most once a day, copy the database beside it, on a worker thread."""
        from datetime import date

        from liftcalm.ui.background import StoreOp

        today = date.today()
        StoreOp(parent=self, store=self.store, work=lambda store: store.daily_backup(today),
                success=self._on_daily_backup_saved).failure(self._on_daily_backup_failed).run_in_background()

    def _on_daily_backup_saved(self, path) -> None:
        if path is not None:
            self.statusBar().showMessage(f"Saved today's backup: {path}", 5000)

    def _on_daily_backup_failed(self, error: Exception) -> None:
        self.statusBar().showMessage(f"Today's backup could not be saved ({error}).", 10000)

    def import_workouts(self, source: str | None = None) -> None:
        """Ask for an export from Strong, Hevy or FitNotes, or a LiftCalm archive; import it after a preview."""
        from PySide6.QtWidgets import QFileDialog

        from liftcalm.ui.dialogs.import_dialog import ImportDialog

        if not source:
            source, _ = QFileDialog.getOpenFileName(
                self, "Import workouts", str(Path.home()),
                "Workout exports and LiftCalm archives (*.csv *.json);;All files (*)")
        if not source:
            return
        dialog = ImportDialog(self.store, Path(source), self)
        if dialog.exec() == ImportDialog.DialogCode.Accepted and dialog.imported is not None:
            summary = dialog.imported
            self.statusBar().showMessage(f"Imported {summary.workouts} workouts, {summary.sets} sets.", 10000)
        dialog.deleteLater()

    def export_data(self, target: str | None = None) -> None:
        """Export every logged set as CSV, or everything as JSON (chosen by the file type)."""
        from PySide6.QtWidgets import QFileDialog

        if not target:
            target, _ = QFileDialog.getSaveFileName(
                self, "Export", str(Path.home() / "liftcalm-sets.csv"),
                "CSV, one row per logged set (*.csv);;JSON, everything, for re-import (*.json)")
        if not target:
            return
        target_path = Path(target)

        def work(store):
            from liftcalm.store.archive import archive_json
            from liftcalm.store.exports import sets_csv, write_atomically

            text = archive_json(store) if target_path.suffix.lower() == ".json" else sets_csv(store)[0]
            write_atomically(target_path, text.encode("utf-8"))
            return target_path

        self._run_file_task(work, "Exported to {}.", "Export")

    def save_backup_copy(self, target: str | None = None) -> None:
        """Save a consistent copy of the database wherever the user wants it."""
        from PySide6.QtWidgets import QFileDialog

        if not target:
            target, _ = QFileDialog.getSaveFileName(self, "Save a backup copy", str(Path.home() / "liftcalm-copy.db"),
                                                    "LiftCalm database (*.db)")
        if not target:
            return
        target_path = Path(target)

        def work(store):
            store.backup_to(target_path)
            return target_path

        self._run_file_task(work, "Saved a backup copy to {}.", "Save a backup copy")

    def _run_file_task(self, work, done_text: str, title: str) -> None:
        from liftcalm.ui.background import StoreOp

        StoreOp(parent=self, store=self.store, work=work,
                success=lambda target: self.statusBar().showMessage(done_text.format(target), 10000)
                ).failure(lambda error: QMessageBox.warning(self, title, f"That did not work: {error}")
                          ).run_in_background()

    def restore_backup(self) -> None:
        """Choose a backup, confirm, and put it in place of everything, on a worker; File > Undo restore reverses it."""
        from liftcalm.ui.dialogs.restore_dialog import (
            RestoreDialog,
            contents_text,
            saved_text,
        )

        if self._restore_running:
            self.statusBar().showMessage("A restore is under way; wait for it to finish.", 5000)
            return
        if not self._no_session_running("Restore a backup"):
            return
        dialog = RestoreDialog(self.store, self)
        accepted = dialog.exec() == RestoreDialog.DialogCode.Accepted and dialog.chosen_info is not None
        chosen = dialog.chosen_info
        dialog.deleteLater()
        if not accepted:
            return
        answer = QMessageBox.question(
            self, "Restore a backup",
            f"Replace everything in LiftCalm with the backup {chosen.path.name}, saved {saved_text(chosen)} "
            f"({contents_text(chosen, separator=', ')})?\n\n"
            "What you have now is saved first; File > Undo restore puts it back while LiftCalm is open, "
            "and the copy stays in the backups folder.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Cancel)
        if answer != QMessageBox.StandardButton.Yes:
            return
        name = chosen.path.name
        self._run_restore(chosen.path, f"Restoring {name}…",
                          lambda aside: f"Restored {name}. What you had before is saved in {aside}; "
                                        "File > Undo restore puts it back.")

    def _no_session_running(self, title: str) -> bool:
        """A restore replaces everything, the running session too: finish or keep it first."""
        if self.session.recorder is None:
            return True
        QMessageBox.information(self, title, "A session is running. Finish it first (Session > End session), "
                                "so that none of its sets can be replaced by an older copy.")
        return False

    def _build_undo_restore_action(self):
        """File > Undo restore: disabled until a restore is done in this run of the app."""
        self._before_restore: Path | None = None  # the copy saved aside by the last restore of this run
        self._restore_running = False
        self.undo_restore_action = make_action(self, "&Undo restore", self.undo_restore)
        self._update_undo_restore_action()
        return self.undo_restore_action

    def undo_restore(self) -> None:
        """Put back the copy saved aside by the last restore; what is there now is saved aside first."""
        aside = self._before_restore
        if aside is None or self._restore_running or not self._no_session_running("Undo restore"):
            return
        answer = QMessageBox.question(
            self, "Undo restore",
            "Put back what LiftCalm held before the last restore?\n\n"
            f"It was saved in {aside}. What you have now is saved first, so Undo restore can bring it back again.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Cancel)
        if answer != QMessageBox.StandardButton.Yes:
            return
        self._run_restore(aside, "Putting back what you had before the restore…",
                          lambda new_aside: f"Put back what you had before the restore. What you had just now "
                                            f"is saved in {new_aside}.")

    def _run_restore(self, backup: Path, busy_text: str, done_text) -> None:
        """Restore ``backup`` on a worker; every page reloads when the store publishes EVERYTHING."""
        from liftcalm.ui.background import StoreOp

        self._restore_running = True
        self._update_undo_restore_action()
        self.statusBar().showMessage(busy_text)
        StoreOp(parent=self, store=self.store, work=lambda store: store.restore(backup),
                success=lambda aside: self._on_restored(aside, done_text(aside))
                ).failure(self._on_restore_failed).run_in_background()

    def _on_restored(self, aside: Path, message: str) -> None:
        self._restore_running = False
        self._before_restore = aside
        self._update_undo_restore_action()
        self.statusBar().showMessage(message, 15000)

    def _on_restore_failed(self, error: Exception) -> None:
        self._restore_running = False
        if self._before_restore is not None and not self._before_restore.exists():
            self._before_restore = None  # removed by hand: there is nothing left to put back
        self._update_undo_restore_action()
        self.statusBar().clearMessage()
        QMessageBox.warning(self, "Restore a backup", str(error))

    def _update_undo_restore_action(self) -> None:
        action, aside = self.undo_restore_action, self._before_restore
        action.setEnabled(aside is not None and not self._restore_running)
        action.setToolTip(f"Put back what you had before the last restore (saved in {aside.name})" if aside
                          else "Nothing to undo: no backup was restored since LiftCalm started")

    def show_preferences(self) -> None:
        from liftcalm.ui.dialogs.preferences_dialog import (
            PreferencesDialog,  # dialogs load when first used
        )

        dialog = PreferencesDialog(self.store, self)
        dialog.exec()

    def show_shortcuts(self) -> None:
        from liftcalm.ui.dialogs.shortcuts_dialog import ShortcutsDialog

        ShortcutsDialog(self.menuBar(), NAVIGATION_KEYS_HELP + SESSION_KEYS_HELP, self).exec()

    def _ask_about_running_session(self) -> bool:
        """Closing during a session: keep it for later or finish it; False cancels the close."""
        if self.session.recorder.pending:
            return self._ask_about_unsaved_writes()
        box = QMessageBox(QMessageBox.Icon.Question, "A session is running",
                          "Keep this session for later (it resumes where it is when LiftCalm starts), "
                          "or finish it now? Every set you did is saved either way.", parent=self)
        keep = box.addButton("&Keep for later", QMessageBox.ButtonRole.AcceptRole)
        finish = box.addButton("&Finish it now", QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(keep)
        box.setEscapeButton(cancel)
        box.exec()
        if box.clickedButton() is keep:
            self.session.keep_for_later()
        elif box.clickedButton() is finish:
            self.session.finish_now()
            if self.session.recorder is not None and self.session.recorder.pending:  # the finish is held
                return self._ask_about_unsaved_writes()
        return box.clickedButton() in (keep, finish)

    def _ask_about_unsaved_writes(self) -> bool:
        """Closing while writes are held: try again, or keep them in a recovery file; False cancels."""
        recorder = self.session.recorder
        while recorder.pending:
            fault = recorder.fault.message if recorder.fault else ""
            box = QMessageBox(QMessageBox.Icon.Warning, "Not everything is saved yet",
                              f"{fault}\n\n{plural(len(recorder.pending), 'change')} of this session are not in the "
                              "database yet. LiftCalm can keep them in a small recovery file beside it, and add "
                              "them the next time it starts.", parent=self)
            retry = box.addButton("&Try again", QMessageBox.ButtonRole.AcceptRole)
            keep = box.addButton("&Keep them in a recovery file and quit", QMessageBox.ButtonRole.DestructiveRole)
            cancel = box.addButton(QMessageBox.StandardButton.Cancel)
            box.setDefaultButton(retry)
            box.setEscapeButton(cancel)
            box.exec()
            if box.clickedButton() is retry:
                if recorder.flush():
                    return self.session.recorder is None or self._ask_about_running_session()
                continue
            if box.clickedButton() is not keep:
                return False
            try:
                self._keep_held_writes_in_recovery_file()
            except OSError as error:
                QMessageBox.warning(self, "Not everything is saved yet",
                                    f"The recovery file could not be written either ({error.strerror or error}). "
                                    "LiftCalm stays open, so nothing is lost; free some space and try again.")
                return False
            self.session.keep_for_later()
            return True
        return True

    def _keep_held_writes_in_recovery_file(self) -> None:
        """Write the session's held writes to the recovery file the next start merges; raises OSError."""
        from liftcalm.store.recovery import save_recovery

        recorder = self.session.recorder
        saved_to = save_recovery(self.store.path, recorder.session_id, recorder.pending)
        print(f"liftcalm: {len(recorder.pending)} changes kept in {saved_to}", file=sys.stderr)

    def quit_for_signal(self, name: str) -> None:
        """End at once, without asking, for a logout, a shutdown or Ctrl+C (nobody is there to answer).

        A running session stays saved as running, so the next start offers to resume it; writes
        still held (a full disk) are tried once more, then kept in the recovery file.
        """
        recorder = self.session.recorder
        if recorder is not None:
            if recorder.pending and not recorder.flush():
                try:
                    self._keep_held_writes_in_recovery_file()
                except OSError as error:
                    print(f"liftcalm: {name}: {len(recorder.pending)} changes could not be kept "
                          f"({error.strerror or error})", file=sys.stderr)
            self.session.keep_for_later()
        if self.close():  # no session left to ask about: it closes
            QApplication.quit()  # also ends an open dialog's own event loop

    def make_report(self) -> None:
        """File > Make a report…: a period's record as PDF or CSV bundle, previewed exactly as it will be saved."""
        from liftcalm.ui.report.dialog import (
            ReportDialog,  # QtPdf and numpy load when first used
        )

        dialog = ReportDialog(self.store, self)
        dialog.saved.connect(lambda path: self.statusBar().showMessage(f"Report saved to {path}.", 10000))
        dialog.exec()
        dialog.deleteLater()

    def show_support(self) -> None:
        from liftcalm.ui.dialogs.support_dialog import SupportDialog

        dialog = SupportDialog(self.store, self)
        dialog.exec()
        dialog.deleteLater()

    def show_safety(self) -> None:
        from liftcalm.ui.dialogs.support_dialog import SafetyDialog

        dialog = SafetyDialog(self)
        dialog.exec()
        dialog.deleteLater()

    def show_about(self) -> None:
        box = QMessageBox(QMessageBox.Icon.NoIcon, "About LiftCalm",
                          f"<h3>LiftCalm {__version__}</h3>"
                          "<p>A workout timer that runs your sets and times the rests between them. After a "
                          "set it can ask how stressed you feel, and the graphs show those ratings beside your "
                          "training, with how many there are and how sure they are.</p>"
                          "<p>It is a training companion: not a treatment, and it cannot tell how you are. "
                          "If you are struggling, Help > If you're struggling or in crisis… lists where to "
                          "turn.</p>"
                          f"<p>Your data stays on this computer: <code>{self.store.path}</code></p>", parent=self)
        help_button = box.addButton("Where to find &help…", QMessageBox.ButtonRole.HelpRole)
        box.addButton(QMessageBox.StandardButton.Close)
        box.exec()
        if box.clickedButton() is help_button:
            self.show_support()

    def _restore_state(self) -> None:
        geometry = self.ui_state.value("main_window/geometry")
        if not geometry.isEmpty():
            self.restoreGeometry(geometry)
        splitter = self.ui_state.value("routines/splitter")
        if not splitter.isEmpty():
            self.routines.splitter.restoreState(splitter)

    def _build_graphs(self, parent):
        from liftcalm.ui.charts.graphs_view import GraphsView

        view = GraphsView(self.store, parent, offer_sample=not self.sample)
        view.session_requested.connect(self.show_history_session)
        view.sample_requested.connect(self.open_sample_window)
        return view

    def _build_history(self, parent):
        from liftcalm.ui.history.history_view import HistoryView

        view = HistoryView(self.store, parent)
        view.status_message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        return view

    def open_sample_window(self) -> None:
        """Open the sample history in a window of its own, from its own file (made on first use)."""
        if self._sample_window is not None and self._sample_window.isVisible():
            self._sample_window.raise_()
            self._sample_window.activateWindow()
            return
        from datetime import date

        from liftcalm.paths import app_data_dir
        from liftcalm.ui.background import StoreOp

        path, today = app_data_dir() / SAMPLE_DATABASE_NAME, date.today()

        def work(_store):  # the sample lives in a file of its own, never in the person's database
            from liftcalm.store.demo import prepare_sample

            return prepare_sample(path, today)

        self.statusBar().showMessage("Preparing the sample data…")
        StoreOp(parent=self, store=self.store, work=work, success=self._on_sample_ready).failure(
            lambda error: QMessageBox.warning(self, "Sample data", f"That did not work: {error}")).run_in_background()

    def _on_sample_ready(self, path) -> None:
        from liftcalm.store import Store

        self.statusBar().clearMessage()
        self._sample_window = MainWindow(Store(path), parent=None, sample=True)
        self._sample_window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._sample_window.navigation.setCurrentRow(self._sample_window.pages.indexOf(
            self._sample_window.graphs_page))
        self._sample_window.show()
        self.sample_window_opened.emit(self._sample_window)

    def show_history_session(self, session_id: int) -> None:
        """Open one session in History (a click on a point in a graph)."""
        self.navigation.setCurrentRow(self.pages.indexOf(self.history_page))
        self.history_page.ensure_view().show_session(session_id)

    def show_session_page(self) -> None:
        self.navigation.setCurrentRow(self.pages.indexOf(self.session))

    def _on_session_running_changed(self, running: bool) -> None:
        if running:
            self.show_session_page()
        self._update_navigation_visibility()
        self._update_undo_actions()  # what Edit > Undo means on the Session page changed with it

    def _update_navigation_visibility(self) -> None:
        """During a session the timer gets the whole width (Ctrl+1 and Ctrl+2 still switch pages)."""
        in_session = self.session.recorder is not None and self.pages.currentWidget() is self.session
        self.navigation.setVisible(not in_session)

    def _offer_to_resume(self) -> None:
        """After a close, a crash or a power cut: resume the session left running, or finish it."""
        self._merge_recovery_file()
        if not self.store.has_running_session():  # the usual start: nothing more to load
            return
        from liftcalm.core.clock import ClockAnchor

        running = self.store.sessions.running(ClockAnchor.now(self.session.clock))
        if running is None or self.session.recorder is not None:
            return
        box = QMessageBox(QMessageBox.Icon.Question, "Resume session",
                          f"The session of {running.routine_name} that started "
                          f"{running.started_at[:16].replace('T', ' ')}"
                          f" was left running, with {plural(len(running.state.logged), 'set')} saved.\n\n"
                          "Resume it where it was, or finish it as it is?", parent=self)
        resume = box.addButton("&Resume", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("&Finish it as it is", QMessageBox.ButtonRole.DestructiveRole)
        later = box.addButton("Decide &later", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(resume)
        box.setEscapeButton(later)
        box.exec()
        if box.clickedButton() is resume:
            self.session.resume()
        elif box.clickedButton() is not later:
            self.session.finish_left_running()

    def _merge_recovery_file(self) -> None:
        """Changes kept in a recovery file when LiftCalm last quit go into the database first."""
        from liftcalm.store.recovery import merge_recovery

        outcome = merge_recovery(self.store)
        if outcome is None:
            return
        if outcome.problem:
            QMessageBox.warning(self, "Changes from last time", outcome.problem)
        else:
            self.statusBar().showMessage(f"Saved {plural(outcome.merged, 'change')} kept from last time.", 10000)

    def closeEvent(self, event) -> None:
        if self.session.recorder is not None and not self._ask_about_running_session():
            event.ignore()
            return
        self.session.shutdown()
        if self.sample:  # the person's own window keeps its place; the sample's file closes with it
            super().closeEvent(event)
            self.store.close()
            return
        self.ui_state.set_value("main_window/geometry", self.saveGeometry())
        self.ui_state.set_value("routines/splitter", self.routines.splitter.saveState())
        super().closeEvent(event)
