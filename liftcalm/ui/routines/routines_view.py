"""The routine editor: the list of routines on the left, the chosen routine on the right.

Every change goes through the store's RoutineBook, which commits it at once and records it
for undo; this view reloads from the store when the store's change feed says a routine, an
exercise or the unit changed (an edit here, an import, a restore, the preferences).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from liftcalm.core.changes import ChangeKind
from liftcalm.core.models import Exercise, Routine, RoutineItem
from liftcalm.core.support import SAFETY_SHORT
from liftcalm.core.validation import ValidationError
from liftcalm.ui import theme
from liftcalm.ui.actions import confirm_delete, make_action, signals_blocked
from liftcalm.ui.look import ToolRow, make_heading, make_muted, make_tool_button, plural
from liftcalm.ui.routines.routine_items_model import RoutineItemsModel
from liftcalm.ui.store_signals import StoreSignals

if TYPE_CHECKING:
    from liftcalm.ui.routines.item_form import ItemForm, PlanningContext

ROUTINE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
# Settings the planning lines and calculators of the form depend on.
_PLANNING_KEYS = {"bar_kg", "bar_lb", "plates_kg", "plates_lb", "warmup_scheme", "warmup_rest_s", "body_weight"}


class RoutinesView(QWidget):
    """Create, rename, duplicate, delete and search routines, and edit their exercises."""

    status_message = Signal(str)

    def __init__(self, store, parent=None):
        super().__init__(parent)
        self.store = store
        self.book = store.book
        self._signals = StoreSignals(store, self)
        self._exercises: dict[int, Exercise] = {}
        self._routine: Routine | None = None
        self._editing_active = True  # False while another page is shown
        self._select_row_after_reload: int | None = None
        self._shown_item: tuple[int | None, int] | None = None  # (routine id, row) in the form
        # The exercise form (the detail pane) is built after the first paint, or when first asked for.
        self._form: ItemForm | None = None
        self._painted = False
        self._pending_row: int | None = None  # the row to show once the form is built

        self._build_actions()
        self._build_list_side()
        self._build_editor_side()
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.list_side)
        self.splitter.addWidget(self.right)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.list_side.setMinimumWidth(200)
        self.splitter.setSizes([250, 900])
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        self._signals.changed.connect(self._on_store_changed)
        self.items_model.move_requested.connect(self._move_item)
        self.search.textChanged.connect(lambda _t: self._reload_list())
        self.routine_list.currentItemChanged.connect(self._on_routine_list_current_changed)
        self.table.selectionModel().currentRowChanged.connect(lambda current, _prev: self._show_item(current.row()))
        self.refresh()

    # -- construction ----------------------------------------------------------------------------
    def _build_actions(self) -> None:
        a = make_action
        new_keys = [QKeySequence.StandardKey.New, "Ctrl+N"]
        self.new_action = a(self, "&New routine…", self.new_routine, keys=new_keys, icon="add", short_text="New")
        self.starter_action = a(self, "Add &starter routines", self.add_starter_routines)
        self.rename_action = a(self, "&Rename routine…", self.rename_routine, keys=["F2"], icon="rename",
                               short_text="Rename")
        self.duplicate_action = a(self, "D&uplicate routine", self.duplicate_routine, keys=["Ctrl+D"],
                                  icon="duplicate", short_text="Duplicate")
        self.delete_action = a(self, "&Delete routine…", self.delete_routine, keys=["Shift+Del"], icon="delete",
                               short_text="Delete")
        self.find_action = a(self, "&Find routine", self.focus_search, keys=[QKeySequence.StandardKey.Find, "Ctrl+F"],
                             icon="search")
        self.add_item_action = a(self, "&Add exercise…", self.add_item, keys=["Ctrl+E", "Ins"], icon="add",
                                 short_text="Add exercise")
        self.remove_item_action = a(self, "Re&move exercise", self.remove_item, keys=["Del"], icon="delete",
                                    short_text="Remove")
        self.move_up_action = a(self, "Move exercise &up", lambda: self.move_current_item(-1), keys=["Alt+Up"],
                                icon="up", short_text="Up")
        self.move_down_action = a(self, "Move exercise do&wn", lambda: self.move_current_item(1), keys=["Alt+Down"],
                                  icon="down", short_text="Down")
        self.custom_exercise_action = a(self, "New &custom exercise…", self.new_custom_exercise,
                                        keys=["Ctrl+Shift+E"])
        # Planning the sets of the selected exercise: each one undoable edit.
        self.warmup_action = a(self, "Add a &warm-up ramp", self.add_warmup_ramp, keys=["Ctrl+W"],
                               short_text="Warm-up ramp")
        self.same_for_all_action = a(self, "Same target for &all sets", self.same_for_all, keys=["Ctrl+Shift+A"],
                                     short_text="Same for all")
        self.fill_last_action = a(self, "Fill from &last time", self.fill_from_last_time, keys=["Ctrl+L"],
                                  short_text="From last time")
        self.use_suggestion_action = a(self, "Use the &suggestion", self.use_suggestion, keys=["Ctrl+G"],
                                       short_text="Use suggestion")

    def _build_list_side(self) -> None:
        self.list_side = QWidget(self)
        self.search = QLineEdit(self.list_side)
        self.search.setPlaceholderText("Search routines (Ctrl+F)")
        self.search.setAccessibleName("Search routines")
        self.search.setAccessibleDescription("Type part of a name; Down moves into the list, Esc clears")
        self.search.setClearButtonEnabled(True)
        search_icon = self.search.addAction(theme.icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        search_icon.setText("Search")
        for button in self.search.findChildren(QAbstractButton):  # the clear button and the search icon
            button.setAccessibleName("Search" if button.defaultAction() is search_icon else "Clear the search")
        self.search.installEventFilter(self)
        self.routine_list = QListWidget(self.list_side)
        self.routine_list.setAccessibleName("Routines")
        self.routine_list.setAccessibleDescription("Choose a routine to edit it; Ctrl+Enter starts it")
        self.routine_list.setSpacing(3)
        self.list_empty_label = QLabel(self.list_side)
        self.list_empty_label.setWordWrap(True)
        make_muted(self.list_empty_label)
        # New, Duplicate and Delete keep their words while there is room; in a narrow list, icons
        # with their tooltips and names.
        self.list_buttons = ToolRow((self.new_action, self.duplicate_action, self.delete_action), self.list_side)
        layout = QVBoxLayout(self.list_side)
        layout.setContentsMargins(theme.SPACE_S, theme.SPACE_S, theme.SPACE_XS, theme.SPACE_S)
        layout.addWidget(self.search)
        layout.addWidget(self.routine_list, 1)
        layout.addWidget(self.list_empty_label)
        layout.addWidget(self.list_buttons)

    def _build_editor_side(self) -> None:
        self.right = QStackedWidget(self)

        # Shown when there is no routine to edit: the first-run offer of starter routines.
        self.welcome = QWidget(self.right)
        self.welcome_title = QLabel(self.welcome)
        make_heading(self.welcome_title, "title")
        self.welcome_text = QLabel(self.welcome)
        self.welcome_text.setWordWrap(True)
        self.starter_button = QPushButton("Add &starter routines", self.welcome)
        self.starter_button.setToolTip("Full body, an upper/lower pair and a calm routine of breathing and yoga")
        self.starter_button.clicked.connect(self.add_starter_routines)
        self.empty_button = QPushButton("Start an &empty routine…", self.welcome)
        self.empty_button.clicked.connect(self.new_routine)
        for button in (self.starter_button, self.empty_button):
            button.setAutoDefault(True)  # Enter presses the focused button, as in a dialog
        welcome_layout = QVBoxLayout(self.welcome)
        welcome_layout.addStretch(1)
        welcome_layout.addWidget(self.welcome_title)
        welcome_layout.addWidget(self.welcome_text)
        row = QHBoxLayout()
        row.addWidget(self.starter_button)
        row.addWidget(self.empty_button)
        row.addStretch(1)
        welcome_layout.addLayout(row)
        welcome_layout.addStretch(2)
        self.right.addWidget(self.welcome)

        self.editor = QWidget(self.right)
        self.routine_title = QLabel(self.editor)
        self.routine_title.setObjectName("routineTitle")
        make_heading(self.routine_title, "heading")
        self.routine_summary = QLabel(self.editor)
        make_muted(self.routine_summary)
        header = QHBoxLayout()
        header.addWidget(self.routine_title)
        header.addWidget(self.routine_summary, 1, Qt.AlignmentFlag.AlignBottom)
        header.addWidget(make_tool_button(self.rename_action))

        self.items_model = RoutineItemsModel(self)
        self.table = QTableView(self.editor)
        self.table.setModel(self.items_model)
        self.table.setAccessibleName("Exercises of the routine")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setDragEnabled(True)
        self.table.setAcceptDrops(True)
        self.table.setDropIndicatorShown(True)
        self.table.setDragDropOverwriteMode(False)
        self.table.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.table.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)  # the note takes what is left
        self.table.setMinimumHeight(120)
        # Del removes an exercise only while the table has focus, so it never surprises elsewhere.
        self.remove_item_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.table.addAction(self.remove_item_action)

        item_buttons = QHBoxLayout()
        self.item_buttons = ToolRow((self.add_item_action, self.remove_item_action, self.move_up_action,
                                     self.move_down_action), self.editor)
        item_buttons.addWidget(self.item_buttons, 1)
        reorder_hint = QLabel("Drag rows, or Alt+Up/Down, to reorder", self.editor)
        reorder_hint.setWordWrap(True)
        reorder_hint.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        make_muted(reorder_hint)
        item_buttons.addWidget(reorder_hint)

        self.form_stack = QStackedWidget(self.editor)
        self.no_items_label = QLabel(
            "This routine has no exercises yet.\nPress Ctrl+E to add one from the catalogue or your own.", self.editor
        )
        self.no_items_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        make_muted(self.no_items_label)
        self.form_scroll = QScrollArea(self.editor)
        self.form_scroll.setWidgetResizable(True)
        self.form_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.form_stack.addWidget(self.no_items_label)
        self.form_stack.addWidget(self.form_scroll)

        editor_layout = QVBoxLayout(self.editor)
        editor_layout.addLayout(header)
        editor_layout.addWidget(self.table, 2)
        editor_layout.addLayout(item_buttons)
        editor_layout.addWidget(self.form_stack, 3)
        self.right.addWidget(self.editor)

    @property
    def form(self) -> ItemForm:
        """The selected exercise's form, built on first use (start-up paints the window without it)."""
        if self._form is None:
            self._build_form()
        return self._form

    def _build_form(self) -> None:
        from liftcalm.ui.routines.item_form import ItemForm

        self._form = ItemForm(self.editor)
        for number, action in enumerate(self.planning_actions()):
            self._form.planning_buttons.addWidget(make_tool_button(action), number // 2, number % 2)
        self._form.planning_buttons.setColumnStretch(2, 1)
        self.form_scroll.setWidget(self._form)
        self._form.item_edited.connect(self._on_form_item_edited)
        self._form.plan_edited.connect(self._on_form_plan_edited)
        self._form.status_message.connect(self.status_message.emit)
        row, self._pending_row = self._pending_row, None
        if row is not None:
            self._show_item(row)

    def _build_form_if_pending(self) -> None:
        if self._form is None and self._pending_row is not None:
            self._build_form()

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if not self._painted:
            # The first paint is up: the form follows at once, without holding it back.
            self._painted = True
            QTimer.singleShot(0, self._build_form_if_pending)

    # -- state ----------------------------------------------------------------------------------
    @property
    def current_routine_id(self) -> int | None:
        item = self.routine_list.currentItem()
        return None if item is None or item.isHidden() else item.data(ROUTINE_ID_ROLE)

    @property
    def current_row(self) -> int:
        index = self.table.currentIndex()
        return index.row() if index.isValid() else -1

    def focus_start(self) -> None:
        """Put focus where a user starts: the first-run offer (Enter takes it), else the list."""
        if self.starter_button.isVisibleTo(self):
            self.starter_button.setFocus()
        else:
            self.routine_list.setFocus()

    def refresh(self, select_id: int | None = None) -> None:
        """Reload everything from the store (after a unit change, a restore, or at start)."""
        self._exercises = {e.id: e for e in self.store.exercises.all()}
        self._reload_list(select_id)
        self._reload_routine()

    def _reload_list(self, select_id: int | None = None) -> None:
        keep = select_id if select_id is not None else self.current_routine_id
        needle = " ".join(self.search.text().casefold().split())
        routines = self.store.routines.list()
        with signals_blocked(self.routine_list):
            self.routine_list.clear()
            selected = None
            for routine_id, name, count in routines:
                item = QListWidgetItem(name)
                item.setData(ROUTINE_ID_ROLE, routine_id)
                item.setToolTip(f"{name}: {plural(count, 'exercise')}")
                self.routine_list.addItem(item)
                item.setHidden(bool(needle) and needle not in " ".join(name.casefold().split()))
                if routine_id == keep and not item.isHidden():
                    selected = item
            visible = [self.routine_list.item(i) for i in range(self.routine_list.count())]
            visible = [item for item in visible if not item.isHidden()]
            if selected is None and visible:
                selected = visible[0]
            self.routine_list.setCurrentItem(selected)
        if not routines:
            self.list_empty_label.setText("No routines yet.")
        elif not visible:
            self.list_empty_label.setText(f"No routine matches “{self.search.text().strip()}”.")
        self.list_empty_label.setVisible(not visible)
        self._reload_routine()

    def _reload_routine(self) -> None:
        routine_id = self.current_routine_id
        self._routine = self.store.routines.get(routine_id) if routine_id is not None else None
        if self._routine is None:
            self._show_welcome()
        else:
            self._show_editor(self._routine)
        self._update_actions()

    def _show_welcome(self) -> None:
        self.items_model.set_routine(None, self._exercises, self.store.settings.unit)
        has_routines = self.routine_list.count() > 0
        if has_routines:
            self.welcome_title.setText("Choose a routine")
            self.welcome_text.setText("Pick a routine on the left to edit it, or clear the search.")
        else:
            self.welcome_title.setText("Welcome to LiftCalm")
            self.welcome_text.setText(
                "A routine is a list of exercises with their sets, reps, load and rest. "
                "Start with a few ready-made ones: a full-body routine, an upper/lower pair and a calm "
                "routine of breathing and yoga. You can change them freely. Or build your own from scratch.\n\n"
                "To see what the graphs show after months of training, File > Explore with sample data "
                "opens an invented history in a window of its own.\n\n"
                f"Safety first: {SAFETY_SHORT}"
            )
        self.welcome_text.setMaximumWidth(560)
        self.starter_button.setVisible(not has_routines)
        self.empty_button.setVisible(not has_routines)
        self.right.setCurrentWidget(self.welcome)

    def _show_editor(self, routine: Routine) -> None:
        self.routine_title.setText(routine.name)
        sets = sum(item.sets for item in routine.items)
        count = len(routine.items)
        self.routine_summary.setText(f"{plural(count, 'exercise')} · {plural(sets, 'set')}")
        row = self._select_row_after_reload
        if row is None:
            row = self.current_row
        self._select_row_after_reload = None
        self.items_model.set_routine(routine, self._exercises, self.store.settings.unit)
        self.right.setCurrentWidget(self.editor)
        if routine.items:
            row = max(0, min(row, len(routine.items) - 1))
            self.table.selectionModel().setCurrentIndex(
                self.items_model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
            )
            self._show_item(row)
        else:
            self.form_stack.setCurrentWidget(self.no_items_label)

    def _show_item(self, row: int) -> None:
        if self._routine is None or not 0 <= row < len(self._routine.items):
            self.form_stack.setCurrentWidget(self.no_items_label)
            self._update_actions()
            return
        if self._form is None and not self._painted:
            self._pending_row = row  # shown once the form is built, right after the first paint
            self.form_stack.setCurrentWidget(self.form_scroll)
            self._update_actions()
            return
        item = self._routine.items[row]
        shown = (self._routine.id, row)
        exercise = self._exercises[item.exercise_id]
        unit = self.store.settings.unit
        self.form.set_item(item, exercise, unit, is_last=row == len(self._routine.items) - 1,
                           same_row=shown == self._shown_item, context=self._planning_context(item, exercise, unit))
        self._shown_item = shown
        self.form_stack.setCurrentWidget(self.form_scroll)
        self._update_actions()

    def _planning_context(self, item: RoutineItem, exercise: Exercise, unit) -> PlanningContext:
        """Last time, the suggestion and the calculators' settings for the item shown.

        "Last time" is one indexed query (well under a millisecond on ten years of sets), so it
        is read here, on the UI thread, each time an exercise is shown.
        """
        from liftcalm.ui.routines.item_form import PlanningContext

        if exercise.is_calm:
            return PlanningContext()
        planning, settings = self.store.planning, self.store.settings
        last = planning.last_time(item.exercise_id)
        plan = planning.exercise_plan(item.exercise_id)
        inventory = settings.plate_inventory(unit)
        from liftcalm.core.progression import suggest

        suggestion = suggest(item, exercise, last, unit, plan=plan, inventory=inventory)
        return PlanningContext(last, suggestion, plan, inventory, settings.warmup_scheme, settings.warmup_rest_s,
                               date.today())

    def set_editing_active(self, active: bool) -> None:
        """Enable the editing actions only while this page is shown, so their keys are free elsewhere."""
        was_active, self._editing_active = self._editing_active, active
        if active and not was_active and self._routine is not None:
            self._show_item(self.current_row)  # sessions logged meanwhile change last time
        self._update_actions()

    def _update_actions(self) -> None:
        if not self._editing_active:
            for action in self.editing_actions():
                action.setEnabled(action in (self.new_action, self.starter_action, self.custom_exercise_action))
            return
        for action in (self.new_action, self.starter_action, self.find_action, self.custom_exercise_action):
            action.setEnabled(True)
        has_routine = self._routine is not None
        row = self.current_row
        count = len(self._routine.items) if self._routine else 0
        for action in (self.rename_action, self.duplicate_action, self.delete_action, self.add_item_action):
            action.setEnabled(has_routine)
        self.remove_item_action.setEnabled(has_routine and 0 <= row < count)
        self.move_up_action.setEnabled(has_routine and 0 < row < count)
        self.move_down_action.setEnabled(has_routine and 0 <= row < count - 1)
        strength = has_routine and 0 <= row < count and not self._exercises[
            self._routine.items[row].exercise_id].is_calm
        for action in self.planning_actions():
            action.setEnabled(strength)

    def editing_actions(self) -> list:
        return [self.new_action, self.starter_action, self.rename_action, self.duplicate_action, self.delete_action,
                self.find_action, self.add_item_action, self.remove_item_action, self.move_up_action,
                self.move_down_action, self.custom_exercise_action, *self.planning_actions()]

    def planning_actions(self) -> list:
        """Planning the selected exercise's sets (Routine menu): warm-ups, same for all, last time, suggestion."""
        return [self.warmup_action, self.same_for_all_action, self.fill_last_action, self.use_suggestion_action]

    # -- routine operations ---------------------------------------------------------------------
    def new_routine(self) -> None:
        from liftcalm.ui.routines.name_dialog import NameDialog

        dialog = NameDialog("New routine", "Name of the new routine:", "", self.book.create, self)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        dialog.deleteLater()
        if accepted:
            self.search.clear()
            self._reload_list(dialog.result_value.id)
            self.table.setFocus()  # Ctrl+E or Ins adds the first exercise from here
            self.status_message.emit(f"Created “{dialog.result_value.name}”. Add exercises with Ctrl+E.")

    def rename_routine(self) -> None:
        if self._routine is None:
            return
        from liftcalm.ui.routines.name_dialog import NameDialog

        routine_id = self._routine.id
        dialog = NameDialog("Rename routine", "New name:", self._routine.name,
                            lambda name: self.book.rename(routine_id, name), self)
        dialog.exec()
        dialog.deleteLater()

    def duplicate_routine(self) -> None:
        if self._routine is None:
            return
        copy = self.book.duplicate(self._routine.id)
        self.search.clear()
        self._reload_list(copy.id)
        self.routine_list.setFocus()
        self.status_message.emit(f"Duplicated as “{copy.name}”.")

    def delete_routine(self) -> None:
        if self._routine is None:
            return
        routine = self._routine
        if not confirm_delete(self, "Delete routine",
                              f"Delete the routine “{routine.name}” and its {plural(len(routine.items), 'exercise')}?"):
            return
        self.book.delete(routine.id)
        self.status_message.emit(f"Deleted “{routine.name}”. Press Ctrl+Z to undo.")

    def add_starter_routines(self) -> None:
        added = self.store.add_starter_routines()
        self._reload_list(added[0].id if added else None)
        self.routine_list.setFocus()
        self.status_message.emit(f"Added {len(added)} starter routines. Undo removes them one by one.")

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    @property
    def undo_history(self):
        """What Edit > Undo and Redo act on while this page is shown."""
        return self.book.history

    def undo(self) -> None:
        change = self.book.undo()
        if change:
            self.status_message.emit(f"Undid: {change.label}")

    def redo(self) -> None:
        change = self.book.redo()
        if change:
            self.status_message.emit(f"Redid: {change.label}")

    def new_custom_exercise(self) -> None:
        from liftcalm.ui.exercise_picker import CustomExerciseDialog

        dialog = CustomExerciseDialog(self.store, "", self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.created is not None:
            self._exercises[dialog.created.id] = dialog.created
            self.status_message.emit(f"Added “{dialog.created.name}” to your exercises.")

    # -- item operations ------------------------------------------------------------------------
    def add_item(self) -> None:
        if self._routine is None:
            return
        from liftcalm.ui.exercise_picker import ExercisePicker  # dialogs load when first used

        picker = ExercisePicker(self.store, self)
        accepted = picker.exec() == QDialog.DialogCode.Accepted
        picker.deleteLater()
        if not accepted or picker.chosen is None:
            return
        exercise = picker.chosen
        self._exercises[exercise.id] = exercise
        item = RoutineItem.for_exercise(exercise, self.store.settings.default_rest_s)
        row = self.current_row + 1 if self.current_row >= 0 else len(self._routine.items)
        self._edit(self._routine.with_item_added(item, row), f"Add {exercise.name}", select_row=row)
        self.form.focus_first_field()

    def remove_item(self) -> None:
        row = self.current_row
        if self._routine is None or not 0 <= row < len(self._routine.items):
            return
        name = self._exercises[self._routine.items[row].exercise_id].name
        self._edit(self._routine.with_item_removed(row), f"Remove {name}", select_row=row)
        self.status_message.emit(f"Removed {name}. Press Ctrl+Z to undo.")

    def move_current_item(self, step: int) -> None:
        row = self.current_row
        if self._routine is None or not 0 <= row + step < len(self._routine.items) or row < 0:
            return
        self._move_item(row, row + step)
        self.table.setFocus()

    def _move_item(self, source: int, destination: int) -> None:
        if self._routine is None:
            return
        name = self._exercises[self._routine.items[source].exercise_id].name
        self._edit(self._routine.with_item_moved(source, destination), f"Move {name}", select_row=destination)

    def add_warmup_ramp(self) -> None:
        self.form.add_warmup_ramp()

    def same_for_all(self) -> None:
        self.form.same_for_all()

    def fill_from_last_time(self) -> None:
        self.form.fill_from_last_time()

    def use_suggestion(self) -> None:
        if self.form.use_suggestion():
            self.status_message.emit("The suggestion is now the plan. Ctrl+Z puts the plan back.")

    def _on_form_plan_edited(self, plan) -> None:
        try:
            self.store.planning.set_exercise_plan(plan)
        except ValidationError as error:
            QMessageBox.warning(self, "Not saved", error.message)

    def _on_form_item_edited(self, item: RoutineItem, label: str) -> None:
        row = self.current_row
        if self._routine is not None and 0 <= row < len(self._routine.items):
            self._edit(self._routine.with_item_replaced(row, item), label, select_row=row)

    def _edit(self, routine: Routine, label: str, select_row: int) -> None:
        self._select_row_after_reload = select_row
        try:
            self.book.edit(routine, label)
        except ValidationError as error:  # the form validates first; this guards anything else
            self._select_row_after_reload = None
            QMessageBox.warning(self, "Not saved", error.message)
            self._reload_routine()

    # -- store events ---------------------------------------------------------------------------
    def _on_store_changed(self, change) -> None:
        if change.kind is ChangeKind.ROUTINES and len(change.ids) == 1:
            self._on_routine_changed(change.ids[0])
        elif change.touches(ChangeKind.ROUTINES) or change.touches(ChangeKind.EXERCISES) or (
                change.kind is ChangeKind.SETTINGS and "unit" in change.keys):
            self.refresh()
        elif change.kind is ChangeKind.SETTINGS and set(change.keys) & _PLANNING_KEYS:
            self._show_item(self.current_row)
        elif change.touches(ChangeKind.SESSIONS) and self._editing_active:
            self._show_item(self.current_row)  # last time and the suggestion follow what was logged

    def _on_routine_changed(self, routine_id: int) -> None:
        exists = self.store.routines.get(routine_id) is not None
        if exists and routine_id != self.current_routine_id:
            with signals_blocked(self.search):
                self.search.clear()
        self._reload_list(routine_id if exists else None)

    def _on_routine_list_current_changed(self, current, _previous) -> None:
        self._select_row_after_reload = 0
        self._reload_routine()

    def eventFilter(self, watched, event):
        if watched is self.search and event.type() == event.Type.KeyPress:
            if event.key() == Qt.Key.Key_Down:
                self.routine_list.setFocus()
                return True
            if event.key() == Qt.Key.Key_Escape and self.search.text():
                self.search.clear()
                return True
        return super().eventFilter(watched, event)
