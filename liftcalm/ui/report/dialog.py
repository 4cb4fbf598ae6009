"""File > Make a report…: choose a period, see the report exactly as it will be saved, save it.

The preview is the PDF itself: the worker gathers the figures, lays the pages out and paints
them into PDF bytes (with the CSV bundle beside them), and the dialog shows those bytes with
QPdfView. Saving writes the same bytes, so what was seen is what the file holds. Each change of
the period or of "Include my notes" makes a new preview (off the UI thread, through
``StoreOp``); an answer to an older request is dropped.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date, timedelta
from functools import partial
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QDate, QIODevice, Qt, QTimer, Signal
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
)

from liftcalm.ui.actions import signals_blocked
from liftcalm.ui.background import StoreOp
from liftcalm.ui.look import make_muted, plural

# Quick choices: days up to today, "all" from the first session, or the dates as edited.
CHOICES = (("Last 4 weeks", 28), ("Last 3 months", 91), ("Last 6 months", 182), ("Last year", 365),
           ("Everything so far", "all"), ("Chosen dates", None))
DEFAULT_CHOICE = 1
PREVIEW_DELAY_MS = 250  # a new preview waits this long after the last change (typing a date)
NOTES_HINT = ("Left out unless you tick it: what you wrote on sessions, sets, rest days and in rests. Your support "
              "contacts are never included.")
PRIVATE_HINT = ("The file is saved only where you choose, readable only by you; LiftCalm sends nothing anywhere. "
                "Share it with whom you wish.")


@dataclass(frozen=True)
class ReportRequest:
    start: date
    end: date
    include_notes: bool
    made_on: date


@dataclass(frozen=True)
class PreparedReport:
    """A report ready to save: the PDF shown in the preview and the CSV bundle, with how long they took."""

    request: ReportRequest
    pdf: bytes
    pages: int
    bundle: bytes
    seconds: float

    @property
    def stem(self) -> str:
        return f"liftcalm-report-{self.request.start.isoformat()}-to-{self.request.end.isoformat()}"


def prepare_report(store, request: ReportRequest) -> PreparedReport:
    """Gather, lay out and render the report: work for a ``StoreOp``, on the worker's own store."""
    from liftcalm.core.report_bundle import csv_bundle
    from liftcalm.ui.report.command import make_report
    from liftcalm.ui.report.pdf import render_pdf

    began = time.perf_counter()
    report = make_report(store, request.start, request.end, request.include_notes, request.made_on)
    rendered = render_pdf(report)
    return PreparedReport(request, rendered.pdf, rendered.pages, csv_bundle(report), time.perf_counter() - began)


def write_file(_store, path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` privately and whole: work for a ``StoreOp``."""
    from liftcalm.paths import write_atomically

    write_atomically(path, data)
    return path


class ReportDialog(QDialog):
    """The report of a period, previewed as it will be saved, and saved as PDF or as a CSV bundle.

    ``preview_ready(pages)`` is emitted when the preview shows the current choices,
    ``preview_failed(message)`` when they could not be made into a report, and ``saved(path)``
    once a file is written.
    """

    preview_ready = Signal(int)
    preview_failed = Signal(str)
    saved = Signal(str)

    def __init__(self, store, parent=None, today: date | None = None):
        super().__init__(parent)
        from liftcalm.store.report_data import report_data

        self.store = store
        self._today = today or date.today()
        self._first_day = report_data(store).first_day()  # one indexed read
        self._request = 0
        self.prepared: PreparedReport | None = None
        self._pdf_buffer: QBuffer | None = None
        self.setWindowTitle("Make a report")
        self.resize(900, 760)

        layout = QVBoxLayout(self)
        intro = QLabel("A record of your training and ratings for a period, to bring to a counsellor, doctor or "
                       "anyone you choose. It describes what you logged; it is not a diagnosis.")
        intro.setWordWrap(True)
        layout.addWidget(intro)

        bar = QHBoxLayout()
        self.choice_box = QComboBox()
        for label, days in CHOICES:
            self.choice_box.addItem(label, days)
        self.choice_box.setAccessibleName("Period")
        self.start_edit, self.end_edit = QDateEdit(calendarPopup=True), QDateEdit(calendarPopup=True)
        for edit, name in ((self.start_edit, "From"), (self.end_edit, "To")):
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setMaximumDate(QDate(self._today))
            edit.setAccessibleName(name)
        period_label = QLabel("&Period")
        period_label.setBuddy(self.choice_box)
        from_label, to_label = QLabel("&from"), QLabel("&to")
        from_label.setBuddy(self.start_edit)
        to_label.setBuddy(self.end_edit)
        for widget in (period_label, self.choice_box, from_label, self.start_edit, to_label, self.end_edit):
            bar.addWidget(widget)
        bar.addSpacing(16)
        self.notes_box = QCheckBox("Include my &notes")
        self.notes_box.setToolTip(NOTES_HINT)
        bar.addWidget(self.notes_box)
        bar.addStretch(1)
        layout.addLayout(bar)
        notes_hint = make_muted(QLabel(NOTES_HINT))
        notes_hint.setWordWrap(True)
        layout.addWidget(notes_hint)

        self.status = QLabel("")
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Report status")
        layout.addWidget(self.status)
        self.document = QPdfDocument(self)
        self.preview = QPdfView(self)
        self.preview.setAccessibleName("Preview of the report")
        self.preview.setDocument(self.document)
        self.preview.setPageMode(QPdfView.PageMode.MultiPage)
        self.preview.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        layout.addWidget(self.preview, 1)
        private = make_muted(QLabel(PRIVATE_HINT))
        private.setWordWrap(True)
        layout.addWidget(private)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.pdf_button = QPushButton("Save as PD&F…")
        self.csv_button = QPushButton("Save as &CSV bundle…")
        self.csv_button.setToolTip("One CSV file per table, in one zip file, for someone who prefers numbers")
        for button in (self.pdf_button, self.csv_button):
            button.setAutoDefault(False)
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self._prepare)
        self.choice_box.currentIndexChanged.connect(self._on_choice_box_changed)
        self.start_edit.dateChanged.connect(self._on_date_changed)
        self.end_edit.dateChanged.connect(self._on_date_changed)
        self.notes_box.toggled.connect(self._schedule)
        self.pdf_button.clicked.connect(lambda: self.save_pdf())
        self.csv_button.clicked.connect(lambda: self.save_bundle())

        self.choice_box.setCurrentIndex(DEFAULT_CHOICE)
        self._apply_choice()
        self._prepare()

    # -- the period ------------------------------------------------------------------------------

    def period(self) -> tuple[date, date]:
        return self.start_edit.date().toPython(), self.end_edit.date().toPython()

    def set_period(self, start: date, end: date) -> None:
        """Show ``start`` to ``end`` as chosen dates and make their preview."""
        with signals_blocked(self.start_edit, self.end_edit, self.choice_box):
            self.start_edit.setDate(QDate(start))
            self.end_edit.setDate(QDate(end))
            self.choice_box.setCurrentIndex(self.choice_box.findData(None))
        self._schedule()

    def _apply_choice(self) -> None:
        days = self.choice_box.currentData()
        if days is None:
            return
        end = self._today
        if days == "all":
            start = min(self._first_day or end, end)
        else:
            start = end - timedelta(days=days - 1)
        with signals_blocked(self.start_edit, self.end_edit):
            self.start_edit.setDate(QDate(start))
            self.end_edit.setDate(QDate(end))

    def _on_choice_box_changed(self) -> None:
        self._apply_choice()
        self._schedule()

    def _on_date_changed(self) -> None:
        with signals_blocked(self.choice_box):
            self.choice_box.setCurrentIndex(self.choice_box.findData(None))
        self._schedule()

    # -- the preview -----------------------------------------------------------------------------

    def _schedule(self) -> None:
        self._request += 1  # what is on its way no longer matches the choices
        self._set_ready(False)
        self.status.setText("Making the preview…")
        self._timer.start()

    def _prepare(self) -> None:
        self._timer.stop()
        start, end = self.period()
        if start > end:
            self._request += 1
            self._set_ready(False)
            self.status.setText("The period starts after it ends: choose a “from” date on or before the “to” date.")
            return
        self._request += 1
        self._set_ready(False)
        self.status.setText("Making the preview…")
        request = ReportRequest(start, end, self.notes_box.isChecked(), self._today)
        StoreOp(parent=self, store=self.store, work=partial(prepare_report, request=request),
                success=partial(self._on_report_prepared, self._request)
                ).failure(partial(self._on_report_failed, self._request)).run_in_background()

    def _on_report_prepared(self, request: int, prepared: PreparedReport) -> None:
        if request != self._request:
            return
        self.prepared = prepared
        self.document.close()
        self._pdf_buffer = buffer = QBuffer(self)
        buffer.setData(QByteArray(prepared.pdf))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(buffer)
        notes = "with your notes" if prepared.request.include_notes else "without your notes"
        self.status.setText(f"{plural(prepared.pages, 'page')}, {notes}. "
                            "The preview shows exactly what the file will hold.")
        self._set_ready(True)
        self.preview_ready.emit(prepared.pages)

    def _on_report_failed(self, request: int, error: Exception) -> None:
        if request != self._request:
            return
        message = f"The report could not be made: {error}. Your data was not changed."
        self.status.setText(message)
        self.preview_failed.emit(message)

    def _set_ready(self, ready: bool) -> None:
        self.pdf_button.setEnabled(ready)
        self.csv_button.setEnabled(ready)
        if not ready:
            self.prepared = None

    # -- saving ----------------------------------------------------------------------------------

    def save_pdf(self, path: str | Path | None = None) -> None:
        """Save the previewed PDF to ``path`` (asked for when None)."""
        self._save(path, "Save the report as PDF", ".pdf", "PDF document (*.pdf)", lambda p: p.pdf)

    def save_bundle(self, path: str | Path | None = None) -> None:
        """Save the CSV bundle of the previewed report, as a zip, to ``path`` (asked for when None)."""
        self._save(path, "Save the report as a CSV bundle", ".zip", "Zip of CSV files (*.zip)", lambda p: p.bundle)

    def _save(self, path, title: str, suffix: str, file_filter: str, data_of) -> None:
        prepared = self.prepared
        if prepared is None:
            return
        if path is None:
            chosen, _ = QFileDialog.getSaveFileName(self, title, str(Path.home() / (prepared.stem + suffix)),
                                                    file_filter)
            if not chosen:
                return
            path = chosen if chosen.lower().endswith(suffix) else chosen + suffix
        target = Path(path)
        self.status.setText(f"Saving {target.name}…")
        StoreOp(parent=self, store=self.store, work=partial(write_file, path=target, data=data_of(prepared)),
                success=self._on_file_saved).failure(partial(self._on_file_failed, target)).run_in_background()

    def _on_file_saved(self, path: Path) -> None:
        self.status.setText(f"Saved to {path}. Only you can read it.")
        self.saved.emit(str(path))

    def _on_file_failed(self, path: Path, error: Exception) -> None:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        self.status.setText(f"Not saved: {reason}.")
        QMessageBox.warning(self, "Report not saved", f"The report could not be saved to {path}: {reason}.\n\n"
                            "Nothing was half written: a file that was already there is unchanged.")

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return  # Enter in a date field must not close the dialog
        super().keyPressEvent(event)
