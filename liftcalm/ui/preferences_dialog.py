"""Training preferences: applied and saved the moment they change."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel

from liftcalm.core.units import Unit
from liftcalm.core.validation import parse_rest
from liftcalm.ui.validated_field import ValidatedField


class PreferencesDialog(QDialog):
    preferences_changed = Signal()

    def __init__(self, store, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self._store = store
        self.unit = QComboBox(self)
        self.unit.addItem("Kilograms (kg)", Unit.KG.value)
        self.unit.addItem("Pounds (lb)", Unit.LB.value)
        self.unit.setCurrentIndex(self.unit.findData(store.settings.unit.value))
        self.default_rest = ValidatedField(parse_rest)
        self.default_rest.set_value(store.settings.default_rest_s)
        hint = QLabel("Loads are stored in kilograms and shown in the unit you choose. "
                      "The default rest is used for exercises you add.", self)
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("&Weight unit:", self.unit)
        form.addRow("Default &rest (s):", self.default_rest)
        form.addRow(hint)
        form.addRow(buttons)
        self.unit.currentIndexChanged.connect(self._on_unit_changed)
        self.default_rest.value_committed.connect(self._on_default_rest_committed)

    def _on_unit_changed(self) -> None:
        self._store.settings.unit = Unit(self.unit.currentData())
        self.preferences_changed.emit()

    def _on_default_rest_committed(self, seconds: int) -> None:
        self._store.settings.default_rest_s = seconds
        self.preferences_changed.emit()

    def reject(self) -> None:
        self.default_rest.edit.editingFinished.emit()  # keep a value typed just before closing
        super().reject()
