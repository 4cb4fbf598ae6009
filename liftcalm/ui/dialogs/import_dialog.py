"""File > Import workouts: read an export (or a LiftCalm archive), show what would change, import it.

Reading, the preview (a dry run) and the import itself are ``StoreOp`` work on a worker
thread; the dialog only shows their results. Cancel during the import rolls the whole
transaction back.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from liftcalm.core.importers import ImportCancelled, UnitNeeded
from liftcalm.core.units import Unit
from liftcalm.store.imports import IMPORT_REFUSALS, prepare_import
from liftcalm.ui.background import StoreOp


def read_and_preview(store, source: Path, unit: Unit | None):
    """Worker: read the file and dry-run it; return ("unit", hint, suggested) or ("ready", prepared, summary)."""
    try:
        prepared = prepare_import(source, None, unit)
    except UnitNeeded as error:
        return "unit", error.message, error.suggested_unit
    return "ready", prepared, prepared.run(store, dry_run=True)


class ImportDialog(QDialog):
    progress_changed = Signal(int, int)  # emitted from the worker; queued to the UI thread

    def __init__(self, store, source: Path, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Import workouts")
        self.resize(560, 460)
        self._store, self._source = store, source
        self._result = None
        self._importing = False
        self._cancel = threading.Event()
        self.imported = None  # the summary once the import is done

        self.heading = QLabel(f"<b>{source.name}</b>", self)
        self.summary = QPlainTextEdit(self)
        self.summary.setReadOnly(True)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.unit_row = QWidget(self)
        self.unit_hint = QLabel(self.unit_row)
        self.unit_hint.setWordWrap(True)
        self.unit = QComboBox(self.unit_row)
        self.unit.addItem("kilograms (kg)", Unit.KG.value)
        self.unit.addItem("pounds (lb)", Unit.LB.value)
        self.read_again = QPushButton("&Read with this unit", self.unit_row)
        unit_layout = QHBoxLayout(self.unit_row)
        unit_layout.setContentsMargins(0, 0, 0, 0)
        unit_layout.addWidget(self.unit_hint, 1)
        unit_layout.addWidget(self.unit)
        unit_layout.addWidget(self.read_again)
        self.unit_row.hide()
        self.progress = QProgressBar(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.import_button.setText("&Import")
        self.import_button.setEnabled(False)
        layout = QVBoxLayout(self)
        for widget in (self.heading, self.unit_row, self.summary, self.message, self.progress, self.buttons):
            layout.addWidget(widget)

        self.buttons.accepted.connect(self._start_import)
        self.buttons.rejected.connect(self.reject)
        self.read_again.clicked.connect(lambda: self._read(Unit(self.unit.currentData())))
        self.progress_changed.connect(self._on_progress_changed)
        self._read(None)

    # -- reading and preview ------------------------------------------------------------------------
    def _read(self, unit: Unit | None) -> None:
        self.unit_row.hide()
        self.import_button.setEnabled(False)
        self.summary.setPlainText("Reading the file…")
        self._busy(True)
        source = self._source
        StoreOp(parent=self, store=self._store, work=lambda store: read_and_preview(store, source, unit),
                success=self._on_read).failure(self._on_worker_failed).run_in_background()

    def _on_read(self, outcome) -> None:
        self._busy(False)
        if outcome[0] == "unit":
            _, hint, suggested = outcome
            self.summary.setPlainText("")
            self.unit_hint.setText(f"{hint[:1].upper()}{hint[1:]}.")
            self.unit.setCurrentIndex(self.unit.findData((suggested or Unit.KG).value))
            self.unit_row.show()
            self.read_again.setFocus()
            return
        _, self._result, summary = outcome
        self.summary.setPlainText("\n".join(summary.lines()))
        if summary.workouts:
            what = "sessions" if self._result.format == "liftcalm" else "workouts"
            self._show(f"Nothing has changed yet. Import adds {summary.workouts} {what} in one step.")
            self.import_button.setEnabled(True)
            self.import_button.setFocus()
        else:
            self._show("Nothing new to import: these workouts are already in LiftCalm.")

    # -- importing ----------------------------------------------------------------------------------
    def _start_import(self) -> None:
        if self._result is None or self._importing:
            return
        self._importing = True
        self.import_button.setEnabled(False)
        self.progress.setRange(0, 0)
        self._show("Importing… Cancel leaves everything as it was.")
        prepared, cancel, report = self._result, self._cancel, self.progress_changed.emit
        StoreOp(parent=self, store=self._store,
                work=lambda store: prepared.run(store, progress=report, cancelled=cancel.is_set),
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
        if self._importing:
            self._importing = False
            if isinstance(error, ImportCancelled):
                super().reject()
                return
        # A refusal reads "line N: problem" (or a JSON path); anything else says what it was.
        text = str(error) if isinstance(error, IMPORT_REFUSALS) else f"{type(error).__name__}: {error}"
        self.summary.setPlainText("")
        self._show(f"{self._source.name}: {text}. Nothing was imported.", error=True)

    def reject(self) -> None:
        if self._importing:
            self._cancel.set()  # the worker rolls back, then reports ImportCancelled
            self._show("Cancelling…")
            return
        super().reject()

    # -- looks --------------------------------------------------------------------------------------
    def _busy(self, busy: bool) -> None:
        self.progress.setRange(0, 0 if busy else 1)
        self.progress.setValue(0)

    def _show(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #b3261e;" if error else "")
