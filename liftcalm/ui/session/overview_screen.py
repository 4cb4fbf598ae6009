"""The whole workout (key V): every exercise and set, what was logged, what is now, and what can change.

Single keys act here as everywhere in a session, listed under the tree: Enter jumps to the
selected set or exercise, S skips it, L moves the exercise later, A adds a set, Delete
removes a planned set, E edits a logged set, N writes a note for the exercise, V or Esc goes
back. The screen only shows and asks; the session view does what is asked.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHeaderView, QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from liftcalm.core.session_overview import ExerciseBlock, SetLine, SetStatus
from liftcalm.ui import theme
from liftcalm.ui.look import make_heading, make_muted

HINT = ("Enter: do next · S: skip · L: move later · A: add a set · Delete: remove a set · E: edit a logged set · "
        "N: note · Ctrl+E: add an exercise · V or Esc: back")
STATUS_MARKS = {SetStatus.DONE: "✓", SetStatus.NOW: "▶", SetStatus.NEXT: "▷", SetStatus.TO_DO: "",
                SetStatus.SKIPPED: "–"}
PLAN_ROLE = Qt.ItemDataRole.UserRole
ITEM_ROLE = Qt.ItemDataRole.UserRole + 1


class _WorkoutTree(QTreeWidget):
    """A tree whose letter keys go to the overview, not to the tree's search-as-you-type."""

    key_typed = Signal(object)

    def keyPressEvent(self, event) -> None:
        navigation = (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown, Qt.Key.Key_Home,
                      Qt.Key.Key_End, Qt.Key.Key_Left, Qt.Key.Key_Right)
        if event.key() in navigation and not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            super().keyPressEvent(event)
        else:
            self.key_typed.emit(event)


class OverviewScreen(QWidget):
    jump_requested = Signal(int)  # a plan index
    skip_requested = Signal(object, str)  # plan indices, what is skipped ("Barbell Row", "set 3 of Barbell Row")
    remove_requested = Signal(int)
    move_later_requested = Signal(int, str)  # item index, exercise name
    add_set_requested = Signal(int, str)
    edit_requested = Signal(int)  # a logged set's index
    note_requested = Signal(int, str)  # exercise id, name
    close_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        card = theme.Card(self, padding=theme.SPACE_L)
        self.title = make_heading(QLabel("Workout", card), "heading")
        self.now_line = QLabel(card)
        self.now_line.setAccessibleName("Now")
        self.now_line.setWordWrap(True)
        self.tree = _WorkoutTree(card)
        self.tree.setFrameShape(QTreeWidget.Shape.NoFrame)
        self.tree.setAccessibleName("Every exercise and set of this session")
        self.tree.setAccessibleDescription("Enter does the selected set next; S skips, L moves later, A adds a set, "
                                           "E edits a logged set")
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels(["Exercise and set", "Plan", "Done"])
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.setRootIsDecorated(False)
        self.tree.setItemsExpandable(False)
        self.tree.setUniformRowHeights(True)
        self.tree.key_typed.connect(self.handle_key)
        self.message = make_muted(QLabel(self))
        self.message.setWordWrap(True)
        self.hint = make_muted(QLabel(HINT, self))
        self.hint.setWordWrap(True)
        inside = QVBoxLayout(card)
        inside.setSpacing(theme.SPACE_S)
        inside.addWidget(self.title)
        inside.addWidget(self.now_line)
        inside.addWidget(self.tree, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(theme.SPACE_XL, theme.SPACE_L, theme.SPACE_XL, theme.SPACE_M)
        layout.setSpacing(theme.SPACE_S)
        layout.addWidget(card, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.hint)
        self._blocks: tuple[ExerciseBlock, ...] = ()
        self._names: dict[int, str] = {}

    # -- showing -------------------------------------------------------------------------------------
    def show_workout(self, blocks: tuple[ExerciseBlock, ...], name_of: Callable[[int], str],
                     plan_text: Callable[[int], str], done_text: Callable[[int], str]) -> None:
        """Fill the tree; the selection stays on the same set or exercise when it is still there."""
        selected = self.selected()
        self._blocks = blocks
        self._names = {block.exercise_id: name_of(block.exercise_id) for block in blocks}
        self.tree.clear()
        chosen = None
        for block in blocks:
            name = self._names[block.exercise_id]
            head = QTreeWidgetItem([f"{'Superset · ' if block.in_superset else ''}{name}", "",
                                    f"{block.done} of {len(block.sets)}"])
            font = head.font(0)
            font.setBold(True)
            head.setFont(0, font)
            head.setData(0, ITEM_ROLE, block.item_index)
            self.tree.addTopLevelItem(head)
            if selected == ("item", block.item_index):
                chosen = head
            for line in block.sets:
                row = QTreeWidgetItem([self._set_text(line), plan_text(line.plan_index),
                                       done_text(line.logged_index) if line.logged_index is not None
                                       else line.status.value])
                row.setData(0, PLAN_ROLE, line.plan_index)
                row.setData(0, ITEM_ROLE, block.item_index)
                if line.status is SetStatus.SKIPPED:
                    for column in range(3):
                        font = row.font(column)
                        font.setStrikeOut(True)
                        row.setFont(column, font)
                head.addChild(row)
                if selected == ("set", line.plan_index) or (selected is None and line.status in (
                        SetStatus.NOW, SetStatus.NEXT)):
                    chosen = row
        self.tree.expandAll()
        if chosen is None and self.tree.topLevelItemCount():
            chosen = self.tree.topLevelItem(0)
        if chosen is not None:
            self.tree.setCurrentItem(chosen)
            self.tree.scrollToItem(chosen)

    @staticmethod
    def _set_text(line: SetLine) -> str:
        mark = STATUS_MARKS[line.status]
        return f"{mark + ' ' if mark else '   '}Set {line.number} of {line.count} · {line.set_type.label}"

    def show_now(self, text: str) -> None:
        self.now_line.setText(text)

    def say(self, text: str) -> None:
        self.message.setText(text)

    def selected(self) -> tuple[str, int] | None:
        """("set", plan index) or ("item", item index) of the selected row, or None."""
        item = self.tree.currentItem()
        if item is None:
            return None
        plan_index = item.data(0, PLAN_ROLE)
        return ("set", plan_index) if plan_index is not None else ("item", item.data(0, ITEM_ROLE))

    def focus_tree(self) -> None:
        self.tree.setFocus()

    # -- keys ------------------------------------------------------------------------------------------
    def handle_key(self, event) -> None:
        """A key typed on the overview: act on the selection, or pass it to the session (Ctrl keys, digits)."""
        key, text = event.key(), event.text().upper()
        if event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
            event.ignore()  # the window's shortcuts (Ctrl+Z, Ctrl+E...) see it
            return
        selected = self.selected()
        if key in (Qt.Key.Key_Escape,) or text == "V":
            self.close_requested.emit()
            return
        if selected is None:
            return
        kind, number = selected
        block = self._block_of(selected)
        name = self._names.get(block.exercise_id, "this exercise") if block else "this exercise"
        line = self._line(number) if kind == "set" else None
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            target = number if kind == "set" else (block.to_do[0] if block and block.to_do else None)
            if target is None or (line is not None and line.status is SetStatus.DONE):
                self.say(f"Every set of {name} is done." if kind == "item" else "That set is done already.")
            else:
                self.jump_requested.emit(target)
        elif text == "S":
            indices = [number] if kind == "set" else list(block.to_do if block else ())
            if line is not None and line.status in (SetStatus.DONE, SetStatus.SKIPPED) or not indices:
                self.say("Nothing to skip there.")
            else:
                self.skip_requested.emit(indices, f"set {line.number} of {name}" if line else name)
        elif text == "L" and block is not None:
            self.move_later_requested.emit(block.item_index, name)
        elif text == "A" and block is not None:
            self.add_set_requested.emit(block.item_index, name)
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            if line is None or line.status is SetStatus.DONE:
                self.say("Choose a planned set to remove; a logged set is edited (E) or taken back (Ctrl+Z).")
            else:
                self.remove_requested.emit(number)
        elif text == "E":
            if line is None or line.logged_index is None:
                self.say("Choose a logged set (✓) to edit.")
            else:
                self.edit_requested.emit(line.logged_index)
        elif text == "N" and block is not None:
            self.note_requested.emit(block.exercise_id, name)
        else:
            event.ignore()

    def _block_of(self, selected) -> ExerciseBlock | None:
        kind, number = selected
        for block in self._blocks:
            if (kind == "item" and block.item_index == number) or (
                    kind == "set" and any(line.plan_index == number for line in block.sets)):
                return block
        return None

    def _line(self, plan_index: int) -> SetLine | None:
        for block in self._blocks:
            for line in block.sets:
                if line.plan_index == plan_index:
                    return line
        return None
