"""File > Import workouts: read an export (or a LiftCalm archive), show what would change, import it.

Reading, the preview (a dry run) and the import itself are ``StoreOp`` work on a worker
thread; the dialog only shows their results. The preview lists how every exercise name of the
file will be imported (a catalogue exercise, one of the person's own, or a new custom one) and
lets the person choose another for any of them; it lists the rows whose values cannot be true
and lets the person leave them out and import the rest. Cancel during the import rolls the
whole transaction back.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from liftcalm.core.importers import ImportCancelled, UnitNeeded
from liftcalm.core.units import Unit
from liftcalm.store.imports import IMPORT_REFUSALS, NEW, prepare_import
from liftcalm.ui import theme
from liftcalm.ui.background import StoreOp

NEW_LABEL = "New custom exercise"
_HOW = {"catalogue": "from the catalogue", "yours": "your exercise", "remembered": "as you chose before",
        "chosen": "as you chose", "new": "new"}


def read_and_preview(store, source: Path, unit: Unit | None, cancelled):
    """Worker: read the file and dry-run it.

    Returns ("unit", hint, suggested) when the file names no unit, or ("ready", prepared,
    summary, exercises): the preview skips no row silently, it only lists the invalid ones.
    """
    try:
        prepared = prepare_import(source, None, unit, cancelled=cancelled)
    except UnitNeeded as error:
        return "unit", error.message, error.suggested_unit
    try:
        summary = prepared.run(store, dry_run=True, skip_invalid=True, cancelled=cancelled)
    except BaseException:
        prepared.close()
        raise
    exercises = [(exercise.id, exercise.name, exercise.is_custom) for exercise in store.exercises.all()]
    return "ready", prepared, summary, exercises


class NameMappingModel(QAbstractTableModel):
    """The file's exercise names, how many sets each brings, and what each is imported as (editable)."""

    NAME, SETS, TARGET = range(3)
    HEADERS = ("Name in the file", "Sets", "Imports as")
    mapping_changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[list] = []  # [name, sets, first choice (id or None), current (id or NEW), how]
        self.exercises: list[tuple[int, str, bool]] = []
        self._names: dict[int, tuple[str, bool]] = {}

    def reset(self, choices, exercises: list[tuple[int, str, bool]]) -> None:
        self.beginResetModel()
        self.exercises = exercises
        self._names = {id_: (name, custom) for id_, name, custom in exercises}
        self._rows = [[c.name, c.sets, c.exercise_id, c.exercise_id if c.exercise_id in self._names else NEW, c.how]
                      for c in choices]
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else 3

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def flags(self, index):
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return base | Qt.ItemFlag.ItemIsEditable if index.column() == self.TARGET else base

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        name, sets, _, current, _ = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == self.NAME:
                return name
            if index.column() == self.SETS:
                return str(sets)
            return self.target_text(index.row())
        if role == Qt.ItemDataRole.EditRole and index.column() == self.TARGET:
            return current
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == self.TARGET:
            return "Double-click, F2 or type to import this name as another exercise"
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == self.SETS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != self.TARGET or role != Qt.ItemDataRole.EditRole:
            return False
        if value != NEW and value not in self._names:
            return False
        self._rows[index.row()][3] = value
        self.dataChanged.emit(index, index)
        self.mapping_changed.emit()
        return True

    def target_text(self, row: int) -> str:
        _, _, first, current, how = self._rows[row]
        if current == NEW:
            return NEW_LABEL
        label, custom = self._names[current]
        said = _HOW[how] if current == first else "as you chose"
        if current != first or how in ("remembered", "chosen"):
            return f"{label} ({said})"
        return f"{label} ({'your exercise' if custom else 'from the catalogue'})"

    def mapping(self) -> dict[str, int | str]:
        """The names the person changed: {name in the file: exercise id or NEW}."""
        return {row[0]: row[3] for row in self._rows if row[3] != (row[2] if row[2] in self._names else NEW)}

    def counts(self) -> tuple[int, int]:
        """(exercises the import uses, of which new custom exercises)."""
        targets = {row[3] for row in self._rows if row[3] != NEW}
        return len(targets) + sum(row[3] == NEW for row in self._rows), sum(row[3] == NEW for row in self._rows)


class TargetDelegate(QStyledItemDelegate):
    """Edits "Imports as" with a searchable list: a new custom exercise, or any known exercise."""

    def createEditor(self, parent, option, index):
        model = index.model()
        editor = QComboBox(parent)
        editor.setEditable(True)
        editor.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        editor.addItem(NEW_LABEL, NEW)
        for id_, name, custom in model.exercises:
            editor.addItem(f"{name} (your exercise)" if custom else name, id_)
        editor.completer().setFilterMode(Qt.MatchFlag.MatchContains)
        editor.completer().setCompletionMode(editor.completer().CompletionMode.PopupCompletion)
        return editor

    def setEditorData(self, editor, index):
        position = editor.findData(index.data(Qt.ItemDataRole.EditRole))
        editor.setCurrentIndex(max(0, position))

    def setModelData(self, editor, model, index):
        position = editor.findText(editor.currentText(), Qt.MatchFlag.MatchFixedString)
        value = editor.itemData(position if position >= 0 else editor.currentIndex())
        if value is not None:
            model.setData(index, value)


class ImportDialog(QDialog):
    progress_changed = Signal(int, int)  # emitted from the worker; queued to the UI thread

    def __init__(self, store, source: Path, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Import workouts")
        self.resize(760, 700)
        self._store, self._source = store, source
        self._result = None  # the PreparedImport, once read
        self._summary = None
        self._importing = False
        self._reading = False
        self._cancel = threading.Event()
        self.imported = None  # the summary once the import is done

        self.heading = QLabel(f"<b>{source.name}</b>", self)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.summary = QPlainTextEdit(self)
        self.summary.setReadOnly(True)
        self.summary.setMaximumHeight(170)
        self.summary.setAccessibleName("What the file holds")
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.unit_row = QWidget(self)
        self.unit_hint = QLabel(self.unit_row)
        self.unit_hint.setWordWrap(True)
        self.unit = QComboBox(self.unit_row)
        self.unit.addItem("kilograms (kg)", Unit.KG.value)
        self.unit.addItem("pounds (lb)", Unit.LB.value)
        self.unit.setAccessibleName("Unit of the file's weights")
        self.read_again = QPushButton("&Read with this unit", self.unit_row)
        unit_layout = QHBoxLayout(self.unit_row)
        unit_layout.setContentsMargins(0, 0, 0, 0)
        unit_layout.addWidget(self.unit_hint, 1)
        unit_layout.addWidget(self.unit)
        unit_layout.addWidget(self.read_again)
        self.unit_row.hide()

        self.names_group = QGroupBox("Exercise &names: how each one is imported", self)
        self.names_model = NameMappingModel(self)
        self.names = QTableView(self.names_group)
        self.names.setModel(self.names_model)
        self.names.setItemDelegateForColumn(NameMappingModel.TARGET, TargetDelegate(self.names))
        self.names.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.names.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.names.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.names.verticalHeader().hide()
        self.names.setAccessibleName("Exercise names and what each imports as")
        header = self.names.horizontalHeader()
        header.setSectionResizeMode(NameMappingModel.NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(NameMappingModel.SETS, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(NameMappingModel.TARGET, QHeaderView.ResizeMode.Stretch)
        self.names_hint = QLabel("Double-click a name's “Imports as”, or select it and press F2, to import it as "
                                 "another exercise. Your choices are remembered for the next import.",
                                 self.names_group)
        self.names_hint.setWordWrap(True)
        names_layout = QVBoxLayout(self.names_group)
        names_layout.addWidget(self.names)
        names_layout.addWidget(self.names_hint)
        self.names_group.hide()

        self.invalid_group = QGroupBox(self)
        self.invalid_group.setAccessibleName("Rows with problems")
        self.invalid_rows = QListWidget(self.invalid_group)
        self.invalid_rows.setMaximumHeight(90)
        self.invalid_rows.setAccessibleName("Rows that cannot be imported")
        self.skip_invalid = QCheckBox("&Skip these rows and import the rest", self.invalid_group)
        invalid_layout = QVBoxLayout(self.invalid_group)
        self.invalid_hint = QLabel(self.invalid_group)
        self.invalid_hint.setWordWrap(True)
        invalid_layout.addWidget(self.invalid_hint)
        invalid_layout.addWidget(self.invalid_rows)
        invalid_layout.addWidget(self.skip_invalid)
        self.invalid_group.hide()

        self.progress = QProgressBar(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.import_button.setText("&Import")
        self.import_button.setEnabled(False)
        layout = QVBoxLayout(self)
        for widget in (self.heading, self.unit_row, self.summary, self.invalid_group, self.names_group):
            layout.addWidget(widget)
        layout.setStretchFactor(self.names_group, 10)
        layout.addStretch(1)  # takes the room when there is no list of names (an archive, a refusal)
        for widget in (self.message, self.progress, self.buttons):
            layout.addWidget(widget)

        self.buttons.accepted.connect(self._start_import)
        self.buttons.rejected.connect(self.reject)
        self.read_again.clicked.connect(lambda: self._read(Unit(self.unit.currentData())))
        self.skip_invalid.toggled.connect(self._on_skip_invalid_toggled)
        self.names_model.mapping_changed.connect(self._on_names_mapping_changed)
        self.progress_changed.connect(self._on_progress_changed)
        self.finished.connect(self._on_finished)
        self._read(None)

    # -- reading and preview ------------------------------------------------------------------------
    def _read(self, unit: Unit | None) -> None:
        self.unit_row.hide()
        self.import_button.setEnabled(False)
        self.summary.setPlainText("Reading the file…")
        self._busy(True)
        self._reading = True
        source, cancelled = self._source, self._cancel.is_set
        StoreOp(parent=self, store=self._store, work=lambda store: read_and_preview(store, source, unit, cancelled),
                success=self._on_read).failure(self._on_worker_failed).run_in_background()

    def _on_read(self, outcome) -> None:
        self._busy(False)
        self._reading = False
        if outcome[0] == "unit":
            _, hint, suggested = outcome
            self.summary.setPlainText("")
            self.unit_hint.setText(f"{hint[:1].upper()}{hint[1:]}.")
            self.unit.setCurrentIndex(self.unit.findData((suggested or Unit.KG).value))
            self.unit_row.show()
            self.read_again.setFocus()
            return
        _, self._result, self._summary, exercises = outcome
        if self._result.format != "liftcalm":
            self.names_model.reset(self._summary.names, exercises)
            self.names_group.setVisible(bool(self._summary.names))
            self._show_invalid(self._result.invalid)
        self._show_summary()
        self._update_import_button()
        if self.import_button.isEnabled():
            self.import_button.setFocus()

    def _show_invalid(self, rows) -> None:
        self.invalid_group.setVisible(bool(rows))
        if not rows:
            return
        self.invalid_group.setTitle(f"Rows with values that cannot be true: {len(rows)}")
        self.invalid_hint.setText("These rows are well formed but hold values no set can have (a typo in the other "
                                  "app, perhaps). Correct them there and export again, or leave them out.")
        self.invalid_rows.clear()
        self.invalid_rows.addItems([f"line {line}: {reason}" for line, reason in rows])

    def _show_summary(self) -> None:
        summary = self._summary
        lines = summary.lines(names=False)
        if summary.names:
            used, new = self.names_model.counts()
            lines = [f"exercises: {used}, of which new custom exercises: {new}" if line.startswith("exercises:")
                     else line for line in lines]
        invalid_from = next((i for i, line in enumerate(lines) if line.startswith("rows left out for values")), None)
        self.summary.setPlainText("\n".join(lines[:invalid_from]))

    def _update_import_button(self) -> None:
        summary = self._summary
        if summary is None or self._importing:
            return
        blocked = bool(self._result.invalid) and not self.skip_invalid.isChecked()
        what = "sessions" if self._result.format == "liftcalm" else "workouts"
        if not summary.workouts:
            self._show("Nothing new to import: these workouts are already in LiftCalm.")
        elif blocked:
            count = len(self._result.invalid)
            rows = "1 row holds a value" if count == 1 else f"{count} rows hold values"
            self._show(f"Nothing has changed yet. {rows} that cannot be true: choose “Skip these rows and import "
                       f"the rest” to import the other {summary.workouts} {what}.", error=True)
        else:
            count = len(self._result.invalid)
            left_out = (f", leaving out {count} {'row' if count == 1 else 'rows'}" if count else "")
            self._show(f"Nothing has changed yet. Import adds {summary.workouts} {what} in one step{left_out}.")
        self.import_button.setEnabled(bool(summary.workouts) and not blocked)

    def _on_skip_invalid_toggled(self, _checked: bool) -> None:
        self._update_import_button()

    def _on_names_mapping_changed(self) -> None:
        self._show_summary()

    # -- importing ----------------------------------------------------------------------------------
    def _start_import(self) -> None:
        if self._result is None or self._importing or not self.import_button.isEnabled():
            return
        self._importing = True
        self.import_button.setEnabled(False)
        self.names.setEnabled(False)
        self.skip_invalid.setEnabled(False)
        self.progress.setRange(0, 0)
        self._show("Importing… Cancel leaves everything as it was.")
        prepared, cancel, report = self._result, self._cancel, self.progress_changed.emit
        mapping, skip = self.names_model.mapping(), self.skip_invalid.isChecked()
        StoreOp(parent=self, store=self._store,
                work=lambda store: prepared.run(store, progress=report, cancelled=cancel.is_set, skip_invalid=skip,
                                                mapping=mapping),
                success=self._on_imported).failure(self._on_worker_failed).run_in_background()

    def _on_progress_changed(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(done)

    def _on_imported(self, summary) -> None:
        self._importing = False
        self.imported = summary
        self.progress.setValue(self.progress.maximum())
        super().accept()

    def _on_worker_failed(self, error: Exception) -> None:
        self._busy(False)
        self._reading = False
        if isinstance(error, ImportCancelled):
            self._importing = False
            super().reject()
            return
        if self._importing:
            self._importing = False
            self.names.setEnabled(True)
            self.skip_invalid.setEnabled(True)
        # A refusal reads "line N: problem" (or a JSON path); anything else says what it was.
        text = str(error) if isinstance(error, IMPORT_REFUSALS) else f"{type(error).__name__}: {error}"
        self.summary.setPlainText("")
        self.names_group.hide()
        self.invalid_group.hide()
        self._show(f"{self._source.name}: {text}. Nothing was imported.", error=True)

    def reject(self) -> None:
        if self._importing:
            self._cancel.set()  # the worker rolls back, then reports ImportCancelled
            self._show("Cancelling…")
            return
        self._cancel.set()  # a file still being read stops being read
        super().reject()

    def _on_finished(self, _code: int) -> None:
        if self._result is not None and not self._importing:
            self._result.close()  # its staging file is no longer needed

    # -- looks --------------------------------------------------------------------------------------
    def _busy(self, busy: bool) -> None:
        self.progress.setRange(0, 0 if busy else 1)
        self.progress.setValue(0)

    def _show(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        theme.set_tone(self.message, "error" if error else None)  # the theme's error colour, light or dark
