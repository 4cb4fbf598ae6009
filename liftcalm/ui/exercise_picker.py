"""Choosing an exercise: a searchable list over the catalogue and the user's own exercises."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QKeySequence, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QVBoxLayout,
)

from liftcalm.core.models import Exercise, ExerciseKind
from liftcalm.core.validation import ValidationError, parse_duration, parse_name
from liftcalm.ui.look import make_error, plural

EXERCISE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SEARCH_TEXT_ROLE = Qt.ItemDataRole.UserRole + 2
EQUIPMENT = ("barbell", "dumbbell", "kettlebell", "cable", "machine", "bodyweight", "band", "other")


class ExercisePicker(QDialog):
    """Type to filter by name, muscle or equipment; Up/Down to choose; Enter to pick."""

    def __init__(self, store, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Add exercise")
        self.resize(480, 560)
        self._store = store
        self.chosen: Exercise | None = None

        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Search by name, muscle or equipment")
        self.search.setClearButtonEnabled(True)
        self.model = QStandardItemModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterRole(SEARCH_TEXT_ROLE)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.list = QListView(self)
        self.list.setModel(self.proxy)
        self.list.setUniformItemSizes(True)
        self.count = QLabel(self)
        self.new_button = QPushButton("&New custom exercise…", self)
        self.new_button.setShortcut(QKeySequence("Ctrl+Shift+E"))
        self.new_button.setToolTip("Add an exercise of your own (Ctrl+Shift+E)")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Add")
        buttons.addButton(self.new_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)

        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.list)
        layout.addWidget(self.count)
        layout.addWidget(buttons)

        self.search.textChanged.connect(self._on_search_text_changed)
        self.search.installEventFilter(self)
        self.list.doubleClicked.connect(lambda _index: self.accept())
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.new_button.clicked.connect(self._on_new_button_clicked)
        self._fill()

    def _fill(self, select_id: int | None = None) -> None:
        self.model.clear()
        for exercise in self._store.exercises.all():
            if exercise.is_calm:
                detail = "calm practice"
            else:
                detail = ", ".join(exercise.muscles) + (f" · {exercise.equipment}" if exercise.equipment else "")
            if exercise.is_custom:
                detail += " · custom"
            row = QStandardItem(f"{exercise.name}  —  {detail}")
            row.setEditable(False)
            row.setData(exercise.id, EXERCISE_ID_ROLE)
            row.setData(" ".join([exercise.name, *exercise.muscles, exercise.equipment, detail]), SEARCH_TEXT_ROLE)
            self.model.appendRow(row)
        self._on_search_text_changed(self.search.text(), select_id)

    def _on_search_text_changed(self, text: str, select_id: int | None = None) -> None:
        self.proxy.setFilterFixedString(text.strip())
        shown = self.proxy.rowCount()
        self.count.setText(plural(shown, "exercise") if shown
                           else "No exercise matches. Add it as your own with Ctrl+Shift+E.")
        self.ok_button.setEnabled(shown > 0)
        target = 0
        if select_id is not None:
            target = next((r for r in range(shown) if self.proxy.index(r, 0).data(EXERCISE_ID_ROLE) == select_id), 0)
        if shown:
            self.list.setCurrentIndex(self.proxy.index(target, 0))

    def eventFilter(self, watched, event):
        # Up, Down, Page Up and Page Down in the search field move the choice in the list.
        if watched is self.search and event.type() == event.Type.KeyPress and event.key() in (
            Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown,
        ):
            self.list.event(event)
            return True
        return super().eventFilter(watched, event)

    def accept(self) -> None:
        index = self.list.currentIndex()
        if not index.isValid():
            return
        self.chosen = self._store.exercises.get(index.data(EXERCISE_ID_ROLE))
        super().accept()

    def _on_new_button_clicked(self) -> None:
        dialog = CustomExerciseDialog(self._store, self.search.text().strip(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.created is not None:
            self.search.clear()
            self._fill(select_id=dialog.created.id)
            self.list.setFocus()


class CustomExerciseDialog(QDialog):
    """Create one of the user's own exercises; the name is checked before anything is saved."""

    def __init__(self, store, name: str = "", parent=None):
        super().__init__(parent)
        self.setWindowTitle("New custom exercise")
        self._store = store
        self.created: Exercise | None = None
        self.name = QLineEdit(name, self)
        self.name.setMaxLength(80)
        self.kind = QComboBox(self)
        # Combo data holds plain strings: PySide hands enum members back as str.
        self.kind.addItem("Strength exercise", ExerciseKind.STRENGTH.value)
        self.kind.addItem("Calm practice", ExerciseKind.CALM.value)
        self.muscles = QLineEdit(self)
        self.muscles.setPlaceholderText("e.g. chest, triceps")
        self.equipment = QComboBox(self)
        self.equipment.addItems(EQUIPMENT)
        self.bodyweight = QCheckBox("Loaded mainly by body weight", self)
        self.duration = QLineEdit("300", self)
        self.message = QLabel(self)
        self.message.setObjectName("fieldError")
        make_error(self.message)  # the theme's error colour, light or dark
        self.message.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow("&Name:", self.name)
        form.addRow("&Kind:", self.kind)
        form.addRow("&Muscles:", self.muscles)
        form.addRow("&Equipment:", self.equipment)
        form.addRow("", self.bodyweight)
        form.addRow("&Duration (s):", self.duration)
        form.addRow(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Create")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self._form = form
        self.kind.currentIndexChanged.connect(self._on_kind_changed)
        self._on_kind_changed()

    def _on_kind_changed(self) -> None:
        calm = ExerciseKind(self.kind.currentData()) is ExerciseKind.CALM
        for widget in (self.muscles, self.equipment, self.bodyweight):
            self._form.setRowVisible(widget, not calm)
        self._form.setRowVisible(self.duration, calm)

    def accept(self) -> None:
        kind = ExerciseKind(self.kind.currentData())
        try:
            name = parse_name(self.name.text(), "name", "Exercise name")
            muscles = tuple(m.strip().lower() for m in self.muscles.text().split(",") if m.strip())
            exercise = Exercise(
                None,
                name,
                kind=kind,
                muscles=() if kind is ExerciseKind.CALM else muscles,
                equipment="none" if kind is ExerciseKind.CALM else self.equipment.currentText(),
                is_bodyweight=kind is ExerciseKind.CALM or self.bodyweight.isChecked(),
                duration_s=parse_duration(self.duration.text()) if kind is ExerciseKind.CALM else None,
            )
            self.created = self._store.exercises.add_custom(exercise)
        except ValidationError as error:
            self.message.setText(error.message)
            (self.duration if error.field == "duration" else self.name).setFocus()
            return
        super().accept()
