"""The history page: past sessions on the left, the chosen session's readiness and sets on the right.

Every correction or deletion goes through ``HistoryEdits``, which commits it at once and
records it for undo. The page follows the store's change feed: it re-reads the one session a
change touched (an edit here, a set logged, a session finished), and the whole list after an
import or a restore; while hidden it only notes what to read when shown again. The whole
list is read off the UI thread: on ten years of sets that takes about 40 ms, more than a frame.
"""

from __future__ import annotations

import contextlib
from functools import partial

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from liftcalm.core.changes import ChangeKind
from liftcalm.core.scales import STRESS_AFTER_SET
from liftcalm.core.units import Unit, format_load
from liftcalm.core.validation import (
    ValidationError,
    blank_is_not_given,
    parse_done_reps,
    parse_load,
    parse_rating,
    parse_rpe,
)
from liftcalm.store.history_edits import HistoryEdits, SetRow
from liftcalm.ui.actions import confirm_delete, make_action, signals_blocked
from liftcalm.ui.background import StoreOp
from liftcalm.ui.history.history_models import (
    SessionsModel,
    SetsModel,
    amount_text,
    format_started,
    load_text,
    number_text,
    rating_text,
    session_name,
)
from liftcalm.ui.look import ToolRow, make_heading, make_muted
from liftcalm.ui.store_signals import StoreSignals
from liftcalm.ui.validated_field import ValidatedField

EMPTY_TEXT = "No sessions yet: start one under Session (Ctrl+2)"
LOADING_TEXT = "Reading your sessions…"


class HistoryView(QWidget):
    """Browse finished sessions, correct a set's numbers and ratings, delete sets or sessions, undo."""

    status_message = Signal(str)
    sessions_loaded = Signal()  # the list was read afresh and is shown

    def __init__(self, store, parent=None):
        super().__init__(parent)
        self.store = store
        self.edits: HistoryEdits = store.history_edits  # one history of edits per database
        self._unit = Unit.KG
        self._session_id: int | None = None
        self._shown_set_id: int | None = None
        self._list_request = 0  # the newest list read; older answers are dropped
        self._loading = False
        self._touched_while_loading: set[int] = set()  # sessions edited after the pending read began
        self._stale = False  # the whole list must be read again when the page is shown
        self._touched_while_hidden: set[int] = set()
        self._in_own_edit = False  # an edit made here: it selects what it shows itself
        self._running_shown = False  # the session shown is being recorded: read-only here
        self._signals = StoreSignals(store, self)
        self._signals.changed.connect(self._on_store_changed)

        self._build_actions()
        self._build_list_side()
        self._build_detail_side()
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.list_side)
        self.splitter.addWidget(self.right)
        # Both sides share a wider window: the list needs about 500 px for its five columns.
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([560, 740])
        self._split_done = False
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        self.session_table.selectionModel().currentRowChanged.connect(self._on_session_table_current_changed)
        self.set_table.selectionModel().currentRowChanged.connect(self._on_set_table_current_changed)
        self.reload()

    # -- construction ----------------------------------------------------------------------------
    def _build_actions(self) -> None:
        # Delete works only while focus is inside this page. Undo and Redo take their keys from
        # Edit > Undo / Redo, which act on the page in view; these are for the page's buttons.
        within = Qt.ShortcutContext.WidgetWithChildrenShortcut
        self.undo_action = make_action(self, "&Undo", self.undo, icon="undo", tip="Undo (Ctrl+Z)", short_text="Undo")
        self.redo_action = make_action(self, "&Redo", self.redo, icon="redo", tip="Redo (Ctrl+Shift+Z)",
                                       short_text="Redo")
        self.delete_action = make_action(self, "&Delete set…", self.delete_set, keys=["Del"], icon="delete",
                                         short_text="Delete set", context=within)
        self.delete_session_action = make_action(self, "Delete &session…", self.delete_session, keys=["Shift+Del"],
                                                 icon="delete", short_text="Delete session", context=within)

    def _build_list_side(self) -> None:
        self.list_side = QWidget(self)
        self.sessions_model = SessionsModel(self)
        self.session_table = self._table(self.sessions_model, "Sessions", self.list_side)
        # Each column as wide as its contents: a stretched last column would ask for its default
        # 100 px and push Stress out of view in a window of the default size.
        self.session_table.horizontalHeader().setStretchLastSection(False)
        self.list_side.setMinimumWidth(300)
        self.empty_label = QLabel(EMPTY_TEXT, self.list_side)
        self.empty_label.setWordWrap(True)
        make_muted(self.empty_label)
        layout = QVBoxLayout(self.list_side)
        layout.addWidget(self.session_table, 1)
        layout.addWidget(self.empty_label)

    def _build_detail_side(self) -> None:
        self.right = QStackedWidget(self)
        self.placeholder = QLabel(EMPTY_TEXT, self.right)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        make_muted(self.placeholder)
        self.right.addWidget(self.placeholder)

        self.detail = QWidget(self.right)
        self.title = QLabel(self.detail)
        make_heading(self.title, "heading")
        self.title.setWordWrap(True)  # a long routine name must not push the session list aside
        self.readiness_label = QLabel(self.detail)
        self.readiness_label.setWordWrap(True)
        self.note_label = QLabel(self.detail)
        self.note_label.setWordWrap(True)
        make_muted(self.note_label)
        # The readiness line gets the whole width (it wraps into a column in a narrow window beside
        # buttons); the buttons share the line of the note, which is short or "No note.".
        note_row = QHBoxLayout()
        note_row.addWidget(self.note_label, 1)
        self.session_buttons = ToolRow((self.undo_action, self.redo_action, self.delete_session_action), self.detail,
                                       stretch=False)
        note_row.addWidget(self.session_buttons)

        self.sets_model = SetsModel(self)
        self.set_table = self._table(self.sets_model, "Sets of the session", self.detail)

        self.form = QWidget(self.detail)
        self.form_title = QLabel(self.form)
        make_heading(self.form_title, "strong")
        self.form_title.setWordWrap(True)
        # Reps and load may be emptied: "not given", as a timed set or an import without them has it.
        self.reps_field = ValidatedField(blank_is_not_given(parse_done_reps), str, self.form)
        self.load_field = ValidatedField(blank_is_not_given(lambda text: parse_load(text, self._unit)),
                                         lambda kg: format_load(kg, self._unit), self.form)
        self.rpe_field = ValidatedField(parse_rpe, number_text, self.form)
        self.stress_after_field = ValidatedField(
            lambda text: parse_rating(text, "stress_after_set", "Stress after the set"), str, self.form)
        self.stress_rest_field = ValidatedField(
            lambda text: parse_rating(text, "stress_end_of_rest", "Stress at the end of the rest"), str, self.form)
        self.fields = {"reps": self.reps_field, "load_kg": self.load_field, "rpe": self.rpe_field,
                       "stress_after_set": self.stress_after_field, "stress_end_of_rest": self.stress_rest_field}
        form_layout = QFormLayout()
        self.load_label = QLabel("&Load:", self.form)
        labels = {"reps": QLabel("R&eps:", self.form), "load_kg": self.load_label,
                  "rpe": QLabel("R&PE (1-10):", self.form),
                  "stress_after_set": QLabel("Stress &after set (0-10):", self.form),
                  "stress_end_of_rest": QLabel("Stress end of res&t (0-10):", self.form)}
        # What an empty field means is said in the field, where it shows when it applies.
        self.rpe_field.edit.setPlaceholderText("none")
        for field in (self.reps_field, self.load_field):
            field.edit.setPlaceholderText("not given")
        for field in (self.stress_after_field, self.stress_rest_field):
            field.edit.setPlaceholderText("not answered")
            field.edit.setToolTip(STRESS_AFTER_SET.anchor_text)  # the words the rating was asked with
        self._labels = labels
        self._descriptions = {"reps": "Reps done in this set", "load_kg": "The load of this set",
                              "rpe": "Rate of perceived exertion, 1 to 10; empty for none",
                              "stress_after_set": f"0 to 10: {STRESS_AFTER_SET.anchor_text}; empty: not answered",
                              "stress_end_of_rest": f"0 to 10: {STRESS_AFTER_SET.anchor_text}; empty: not answered"}
        for name, field in self.fields.items():
            field.name_from(labels[name], self._descriptions[name])
            form_layout.addRow(labels[name], field)
            field.value_committed.connect(lambda value, name=name: self._on_field_value_committed(name, value))
        form_buttons = QHBoxLayout()
        form_buttons.addWidget(ToolRow((self.delete_action,), self.form))
        outer = QVBoxLayout(self.form)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.form_title)
        outer.addLayout(form_layout)
        outer.addLayout(form_buttons)

        layout = QVBoxLayout(self.detail)
        layout.addWidget(self.title)
        layout.addWidget(self.readiness_label)
        layout.addLayout(note_row)
        layout.addWidget(self.set_table, 3)
        layout.addWidget(self.form, 0)
        self.right.addWidget(self.detail)

    @staticmethod
    def _table(model, name: str, parent: QWidget) -> QTableView:
        table = QTableView(parent)
        table.setModel(model)
        table.setAccessibleName(name)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # Fit the columns to the rows in view, not to the first thousand: each cell asked is a
        # Python call, and ten years are 3,700 sessions (80 ms a refresh when fitted to 1,000).
        table.horizontalHeader().setResizeContentsPrecision(0)
        table.horizontalHeader().setStretchLastSection(True)
        return table

    # -- public ----------------------------------------------------------------------------------
    @property
    def current_session_id(self) -> int | None:
        return self._session_id

    @property
    def current_set(self) -> SetRow | None:
        index = self.set_table.currentIndex()
        rows = self.sets_model.rows
        return rows[index.row()] if index.isValid() and index.row() < len(rows) else None

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._split_done:  # sizes given before the first layout are scaled away; split once shown
            self._split_done = True
            QTimer.singleShot(0, lambda: self.splitter.setSizes([self.width() // 2, self.width() - self.width() // 2]))

    def page_shown(self) -> None:
        """Read what changed while the page was hidden: the whole list the first time."""
        if self._stale or not self._list_request:
            self.reload()
            return
        touched, self._touched_while_hidden = self._touched_while_hidden, set()
        for session_id in touched:
            self._refresh_row(session_id)
        if self._session_id in touched:
            self._select_or_first(self._session_id, self._shown_set_id)

    def _on_store_changed(self, change) -> None:
        if change.kind is ChangeKind.SESSIONS and change.ids:
            if not self.isVisible():
                self._touched_while_hidden.update(change.ids)
                return
            for session_id in change.ids:
                self._refresh_row(session_id)
            if self._session_id in change.ids and not self._in_own_edit:
                self._select_or_first(self._session_id, self._shown_set_id)
        elif change.touches(ChangeKind.SESSIONS) or change.touches(ChangeKind.EXERCISES) or change.changes_numbers():
            if self.isVisible():
                self.reload()
            else:
                self._stale = True

    def show_session(self, session_id: int) -> None:
        """Select and show one session (a graph point was clicked), even before the list is read."""
        if self.sessions_model.row_of(session_id) < 0:
            self._refresh_row(session_id)
        self._select_session(session_id)
        self.session_table.setFocus()

    def reload(self) -> None:
        """Read the whole list again off the UI thread; the selected session and set stay selected."""
        self._unit = self.store.settings.unit
        self.load_label.setText(f"&Load ({self._unit}):")
        self.load_field.name_from(self.load_label, self._descriptions["load_kg"])
        self._list_request += 1
        self._loading = True
        self._stale = False
        self._touched_while_hidden.clear()
        self._touched_while_loading.clear()
        self._update_empty()
        StoreOp(parent=self, store=self.store, work=lambda store: store.history_edits.list_sessions(),
                success=partial(self._on_list_read, self._list_request)
                ).failure(partial(self._on_list_read_failed, self._list_request)).run_in_background()

    def _on_list_read(self, request: int, rows: list) -> None:
        if request != self._list_request:
            return
        self._loading = False
        keep, keep_set = self._session_id, self._shown_set_id
        self.sessions_model.set_rows(rows, self._unit)
        for session_id in self._touched_while_loading:  # edits the worker may have read too early
            self._refresh_row(session_id)
        self._touched_while_loading.clear()
        self._update_empty()  # shows the table before scrolling in it: a hidden one fits every row
        self._select_or_first(keep, keep_set)
        self.sessions_loaded.emit()

    def _on_list_read_failed(self, request: int, error: Exception) -> None:
        if request == self._list_request:
            self._loading = False
            self._stale = True  # try again when the page is shown next
            self._update_empty(f"Your sessions could not be read: {error}. Nothing was changed; "
                               "LiftCalm tries again when you come back to this page.")
            self.status_message.emit(f"The history could not be read: {error}")

    def _refresh_row(self, session_id: int) -> None:
        """Re-read one session's row after it changed: a single indexed query, on the UI thread."""
        row = self.edits.session_row(session_id)
        if row is None:
            self.sessions_model.remove_session(session_id)
        else:
            self.sessions_model.put_row(row)
        if self._loading:
            self._touched_while_loading.add(session_id)
        self._update_empty()

    def _update_empty(self, problem: str = "") -> None:
        empty = not self.sessions_model.rows
        text = problem or (LOADING_TEXT if self._loading else EMPTY_TEXT)
        self.empty_label.setText(text)
        self.placeholder.setText(text)
        self.empty_label.setVisible(empty or bool(problem))
        self.session_table.setVisible(not empty)

    # -- showing ---------------------------------------------------------------------------------
    def _select_or_first(self, session_id: int | None, set_id: int | None) -> None:
        """Show ``session_id`` (and ``set_id``) read afresh; the newest session if it is gone."""
        self._session_id = None  # so the session shown is read again, even if it is the same
        if session_id is not None and self.sessions_model.row_of(session_id) >= 0:
            self._select_session(session_id, set_id)
        elif self.sessions_model.rows:
            self._select_session(self.sessions_model.rows[0].id)
        else:
            self._show_session(None)

    def _select_session(self, session_id: int, set_id: int | None = None) -> None:
        row = self.sessions_model.row_of(session_id)
        if row < 0:
            return
        index = self.sessions_model.index(row, 0)
        with signals_blocked(self.session_table.selectionModel()):
            self.session_table.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.session_table.scrollTo(index)
        self._show_session(session_id, set_id)

    def _show_session(self, session_id: int | None, set_id: int | None = None) -> None:
        same = session_id == self._session_id
        self._session_id = session_id
        detail = self.edits.session(session_id) if session_id is not None else None
        if detail is None:
            self._session_id = None
            self._shown_set_id = None
            self.sets_model.set_rows([], self._unit)
            self.right.setCurrentWidget(self.placeholder)
            self._update_actions()
            return
        name = session_name(detail.routine_name, detail.kind)
        sample = " (sample)" if detail.source == "demo" else ""
        running = " · running now" if detail.running else ""
        self.title.setText(f"{name}{sample} · {format_started(detail.started_at)}{running}")
        self._running_shown = detail.running
        self.readiness_label.setText(
            f"Before: energy {rating_text(detail.energy)}, motivation {rating_text(detail.motivation)}, "
            f"stress {rating_text(detail.stress_before)}  ·  Final stress: {rating_text(detail.stress_final)}")
        self.note_label.setText(f"Note: {detail.note}" if detail.note else "No note.")
        previous_row = self.set_table.currentIndex().row() if same else 0
        sets = self.edits.session_sets(session_id)
        self.sets_model.set_rows(sets, self._unit)
        self.right.setCurrentWidget(self.detail)
        row = next((i for i, s in enumerate(sets) if s.id == set_id), -1) if set_id is not None else -1
        if row < 0:
            row = max(0, min(previous_row, len(sets) - 1))
        if sets:
            self.set_table.selectionModel().setCurrentIndex(
                self.sets_model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self._show_set()

    def _show_set(self) -> None:
        current = self.current_set
        self.form.setVisible(current is not None)
        if current is None:
            self._shown_set_id = None
            self._update_actions()
            return
        same = current.id == self._shown_set_id
        self._shown_set_id = current.id
        if self._running_shown:  # the recorder holds this session: one place edits it, the Session page
            self.form_title.setText(f"{current.exercise_name}, set {current.set_number}: being recorded; "
                                    "correct it on the Session page (Ctrl+2)")
        else:
            self.form_title.setText(f"Edit {current.exercise_name}, set {current.set_number} ({current.set_type})")
        for name, field in self.fields.items():
            field.set_value(getattr(current, name), keep_pending=same)
            field.setEnabled(not self._running_shown)
        self._update_actions()

    def _update_actions(self) -> None:
        history = self.edits.history
        self.undo_action.setEnabled(history.can_undo)
        self.redo_action.setEnabled(history.can_redo)
        self.undo_action.setText(f"&Undo {history.undo_label}" if history.can_undo else "&Undo")
        self.redo_action.setText(f"&Redo {history.redo_label}" if history.can_redo else "&Redo")
        self.delete_action.setEnabled(self.current_set is not None and not self._running_shown)
        self.delete_session_action.setEnabled(self._session_id is not None and not self._running_shown)

    # -- edits -----------------------------------------------------------------------------------
    def _on_field_value_committed(self, name: str, value) -> None:
        current = self.current_set
        if current is None:
            return
        # A load typed in pounds comes back as kilograms that differ from the stored ones in the
        # last decimals: if it shows the same, it is the same, and nothing is saved.
        if (name == "load_kg" and value is not None and current.load_kg is not None
                and format_load(value, self._unit) == format_load(current.load_kg, self._unit)):
            return
        try:
            with self._own_edit():
                change = self.edits.edit_set(current.id, **{name: value})
        except ValidationError as error:  # the field validates first; this guards anything else
            QMessageBox.warning(self, "Not saved", error.message)
            self._show_session(current.session_id, current.id)
            return
        if change is not None:
            self._changed(change.session_id, current.id, f"Saved: {change.label}.")

    def delete_set(self) -> None:
        current = self.current_set
        if current is None:
            return
        if not confirm_delete(self, "Delete set", f"Delete set {current.set_number} of {current.exercise_name} "
                             f"({amount_text(current, self._unit)}, {load_text(current.load_kg, self._unit)}"
                             f"{'' if current.load_kg is None else ' ' + self._unit})?"):
            return
        with self._own_edit():
            change = self.edits.delete_set(current.id)
        self._changed(change.session_id, None, f"{change.label}. Press Ctrl+Z to undo.")
        self.set_table.setFocus()

    def delete_session(self) -> None:
        session_id = self._session_id
        if session_id is None:
            return
        row = self.sessions_model.rows[self.sessions_model.row_of(session_id)]
        if not confirm_delete(self, "Delete session", f"Delete the session of {format_started(row.started_at)} "
                             f"({row.routine_name or 'no routine'}) and its {row.set_count} sets?"):
            return
        position = self.sessions_model.row_of(session_id)
        rows = self.sessions_model.rows
        # Select the next session in the list, so repeated deletes walk down it.
        neighbour = rows[position + 1].id if position + 1 < len(rows) else (rows[position - 1].id if position else None)
        with self._own_edit():
            change = self.edits.delete_session(session_id)
        self._changed(neighbour, None, f"{change.label}. Press Ctrl+Z to undo.")
        self.session_table.setFocus()

    @property
    def undo_history(self):
        """What Edit > Undo and Redo act on while this page is shown."""
        return self.edits.history

    def undo(self) -> None:
        with self._own_edit():
            change = self.edits.undo()
        if change:
            self._after_history_step(change, change.before, f"Undid: {change.label}")

    def redo(self) -> None:
        with self._own_edit():
            change = self.edits.redo()
        if change:
            self._after_history_step(change, change.after, f"Redid: {change.label}")

    def _after_history_step(self, change, state, message: str) -> None:
        exists = self.edits.session(change.session_id) is not None
        set_id = state.sets[0]["id"] if len(state.sets) == 1 else None
        self._changed(change.session_id if exists else None, set_id, message)

    @contextlib.contextmanager
    def _own_edit(self):
        """An edit made on this page: the change feed refreshes its row, the edit selects what to show."""
        self._in_own_edit = True
        try:
            yield
        finally:
            self._in_own_edit = False

    def _changed(self, select_id: int | None, set_id: int | None, message: str) -> None:
        """After a committed edit made here (its row is already read again): show ``select_id``."""
        self._select_or_first(select_id, set_id)
        self._update_actions()
        self.status_message.emit(message)

    # -- selection -------------------------------------------------------------------------------
    def _on_session_table_current_changed(self, current, _previous) -> None:
        rows = self.sessions_model.rows
        if current.isValid() and current.row() < len(rows):
            self._show_session(rows[current.row()].id)

    def _on_set_table_current_changed(self, _current, _previous) -> None:
        self._show_set()
