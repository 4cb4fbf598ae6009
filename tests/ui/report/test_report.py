"""The report as a PDF and a CSV bundle: from the command's function and from File > Make a report…

Text is read back out of the PDF with QtPdf, as a reader's viewer would find it.
"""

import csv
import io
import os
import stat
import threading
import time
import zipfile
from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtCore import QElapsedTimer, Qt, QTimer
from PySide6.QtPdf import QPdfDocument

from liftcalm.core.report import NOT_ENOUGH, ReportPeriod, day_text
from liftcalm.core.scales import SCALES
from liftcalm.core.trends import SAMPLE_NOTE, GraphFilter
from liftcalm.store import Store
from liftcalm.store.demo import EARLY_END_NOTES, RELIEF_NOTES, REST_NOTES, SESSION_NOTES, write_demo
from liftcalm.store.report_data import gather_report, report_data
from liftcalm.ui.report import dialog as dialog_module
from liftcalm.ui.report.command import run_report
from liftcalm.ui.report.dialog import ReportDialog

END = date(2026, 4, 1)  # the sample history ends the day before
TODAY = date(2026, 4, 1)
YEAR = (date(2025, 4, 1), date(2026, 3, 31))
THIN = (date(2026, 3, 1), date(2026, 3, 31))
DEMO_NOTES = SESSION_NOTES + RELIEF_NOTES + REST_NOTES + EARLY_END_NOTES


def pdf_text(path) -> tuple[str, int]:
    """Every page's text, whitespace made single spaces (lines wrap anywhere), and the number of pages."""
    document = QPdfDocument()
    document.load(str(path))
    assert document.status() == QPdfDocument.Status.Ready
    pages = document.pageCount()
    text = " ".join(document.getAllText(page).text() for page in range(pages))
    document.close()
    return " ".join(text.split()), pages


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    """Three years of sample history, shared by the read-only tests below."""
    path = tmp_path_factory.mktemp("report") / "demo.db"
    with Store(path) as store:
        write_demo(store, years=3, seed=2, end=END)
    return path


@pytest.fixture
def thin_db(tmp_path):
    """A month of sample history with few sessions: most figures have too little to go on."""
    path = tmp_path / "thin.db"
    with Store(path) as store:
        write_demo(store, years=1 / 12, seed=4, end=END, sessions_per_week=1.0)
    return path


# The command's function

def test_a_year_of_demo_history_makes_a_private_pdf_with_the_period_counts_and_anchors(qapp, demo_db, tmp_path,
                                                                                        capsys):
    output = tmp_path / "report.pdf"
    assert run_report(demo_db, *YEAR, False, output, today=TODAY) == 0
    assert "written to" in capsys.readouterr().out
    assert output.read_bytes().startswith(b"%PDF")
    assert mode(output) == 0o600
    text, pages = pdf_text(output)
    assert 3 <= pages <= 8
    assert f"{day_text(YEAR[0])} to {day_text(YEAR[1])}" in text and "2025-04-01 to 2026-03-31" in text
    with Store(demo_db) as store:
        activity = gather_report(store, ReportPeriod(*YEAR), include_notes=False, made_on=TODAY).activity
    assert f"Strength sessions {activity.strength_sessions}" in text
    assert f"Calm sessions {activity.calm_sessions}" in text
    assert f"Rest days recorded {activity.rest_days}" in text
    assert f"{activity.low_check_ins} of the {activity.answered_both} check-ins that answered both" in text
    for scale in SCALES:
        for value, meaning in scale.anchors:
            assert meaning in text
    assert f"Page 1 of {pages}" in text and f"Page {pages} of {pages}" in text
    assert text.count(SAMPLE_NOTE) >= pages  # on every page
    assert "not a diagnosis" in text
    assert [note for note in DEMO_NOTES if note in text] == []


def test_notes_are_in_the_pdf_only_with_include_notes(qapp, demo_db, tmp_path):
    with_notes, without = tmp_path / "with.pdf", tmp_path / "without.pdf"
    assert run_report(demo_db, *YEAR, True, with_notes, today=TODAY) == 0
    assert run_report(demo_db, *YEAR, False, without, today=TODAY) == 0
    noted, _ = pdf_text(with_notes)
    plain, _ = pdf_text(without)
    found = [note for note in DEMO_NOTES if note in noted]
    assert len(found) >= 5
    assert [note for note in DEMO_NOTES if note in plain] == []
    assert "Your notes" in noted and "Your notes" not in plain


def test_the_pdf_and_the_bundle_show_the_figures_liftcalm_trends_prints(qapp, demo_db, tmp_path):
    pdf, bundle = tmp_path / "report.pdf", tmp_path / "report.zip"
    assert run_report(demo_db, *YEAR, False, pdf, today=TODAY) == 0
    assert run_report(demo_db, *YEAR, False, bundle, today=TODAY) == 0
    with Store(demo_db) as store:
        figures = store.graph_data.figures(GraphFilter(start=YEAR[0], end=YEAR[1]))
    points, fit = figures["tolerance"]["points"], figures["stress_vs_volume"]
    text, _ = pdf_text(pdf)
    last = points[-1]
    assert f"4 weeks to {day_text(last['date'])}: {last['value']:+.1f} points" in text.replace("-0.0", "0.0")
    assert f"n = {last['n']:,} rated sets in {last['sessions']} sessions" in text
    assert f"{len(points)} weekly points in this period" in text
    assert f"r = {fit['r']:.2f} (95% interval {fit['r_low']:.2f} to {fit['r_high']:.2f}), n = {fit['n']}" in text
    assert mode(bundle) == 0o600
    with zipfile.ZipFile(bundle) as archive:
        name = next(n for n in archive.namelist() if n.endswith("/stress_tolerance.csv"))
        lines = archive.read(name).decode("utf-8").splitlines()
        summary = archive.read(name.replace("stress_tolerance", "summary")).decode("utf-8")
    assert lines[0].startswith("# LiftCalm report, 2025-04-01 to 2026-03-31")
    assert "0 calm, 5 clearly stressed, 10 the most distress I can imagine" in lines[1]
    rows = list(csv.DictReader(line for line in lines if not line.startswith("#")))
    assert [row["week_ending"] for row in rows] == [p["date"] for p in points]
    assert [float(row["value"]) for row in rows] == pytest.approx([p["value"] for p in points], abs=5e-4)
    assert [float(row["low_95"]) for row in rows] == pytest.approx([p["low"] for p in points], abs=5e-4)
    assert [int(row["rated_sets"]) for row in rows] == [p["n"] for p in points]
    assert all(row["sample_data"] == SAMPLE_NOTE for row in rows)
    assert f"stress_vs_volume_n,{fit['n']}" in summary.replace(f"{SAMPLE_NOTE},", "")


def test_a_thin_month_says_not_enough_data_instead_of_drawing(qapp, thin_db, tmp_path):
    output = tmp_path / "thin.pdf"
    assert run_report(thin_db, *THIN, False, output, today=TODAY) == 0
    text, pages = pdf_text(output)
    assert pages <= 5
    assert f"{NOT_ENOUGH} yet to know your usual" in text
    assert f"{NOT_ENOUGH} in this period for this: it needs 12 strength sessions" in text
    assert "1 Mar 2026 to 31 Mar 2026" in text


def test_an_empty_period_still_makes_a_report_that_says_so(qapp, demo_db, tmp_path):
    output = tmp_path / "before.pdf"
    assert run_report(demo_db, date(2020, 1, 1), date(2020, 1, 31), False, output, today=TODAY) == 0
    text, _ = pdf_text(output)
    assert "no session, rest day or check-in was recorded from 1 Jan 2020 to 31 Jan 2020" in text


@pytest.mark.parametrize("case, expected", [
    ("missing", "no database there"),
    ("suffix", "give a file ending in .pdf, or .zip"),
    ("backwards", "--from 2026-03-31 is after --to 2026-03-01"),
    ("future", "--to 2026-05-01 is after today"),
    ("not a database", "not a LiftCalm database"),
])
def test_problems_are_one_line_on_stderr_naming_the_file_and_nothing_is_written(qapp, demo_db, tmp_path, capsys,
                                                                                  case, expected):
    db, start, end, output = demo_db, *THIN, tmp_path / "report.pdf"
    if case == "missing":
        db = tmp_path / "nowhere.db"
    elif case == "suffix":
        output = tmp_path / "report.docx"
    elif case == "backwards":
        start, end = end, start
    elif case == "future":
        end = date(2026, 5, 1)
    else:
        db = tmp_path / "notes.txt"
        db.write_text("my own notes, not a database\n")
    assert run_report(db, start, end, False, output, today=TODAY) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("liftcalm report: ") and captured.err.count("\n") == 1
    assert expected in captured.err
    if case in ("missing", "not a database", "suffix"):
        assert str(db if case != "suffix" else output) in captured.err
    assert list(tmp_path.glob("report*")) == []


def test_an_unwritable_output_is_named_and_leaves_nothing(qapp, demo_db, tmp_path, capsys):
    output = tmp_path / "no-such-folder" / "report.pdf"
    assert run_report(demo_db, *THIN, False, output, today=TODAY) == 1
    err = capsys.readouterr().err
    assert str(output) in err and "Nothing was written" in err
    assert not output.parent.exists()


def test_the_bundle_loads_no_qt(demo_db, tmp_path):
    import subprocess
    import sys

    code = ("import sys; from datetime import date; from liftcalm.ui.report.command import run_report\n"
            f"rc = run_report({str(demo_db)!r}, date(2026, 3, 1), date(2026, 3, 31), False, "
            f"{str(tmp_path / 'b.zip')!r}, today=date(2026, 4, 1))\n"
            "print(rc, sorted(m for m in sys.modules if m.startswith('PySide6')))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip().splitlines()[-1] == "0 []", result.stderr


# The dialog

@pytest.fixture
def demo_store(demo_db):
    store = Store(demo_db)
    yield store
    store.close()


def open_dialog(qtbot, store):
    dialog = ReportDialog(store, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_the_preview_is_the_pdf_that_is_saved(qtbot, demo_store, tmp_path):
    dialog = ReportDialog(store=demo_store, today=TODAY)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.preview_ready, timeout=20_000) as ready:
        dialog.show()
    assert dialog.choice_box.currentText() == "Last 3 months"
    assert dialog.period() == (date(2026, 1, 1), TODAY)
    assert ready.args[0] == dialog.prepared.pages == dialog.document.pageCount() >= 3
    assert dialog.pdf_button.isEnabled() and dialog.csv_button.isEnabled()
    preview_text = " ".join(dialog.document.getAllText(page).text() for page in range(dialog.document.pageCount()))
    assert "1 Jan 2026 to 1 Apr 2026" in " ".join(preview_text.split())
    target = tmp_path / "saved.pdf"
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        dialog.save_pdf(target)
    assert target.read_bytes() == dialog.prepared.pdf
    assert mode(target) == 0o600
    bundle = tmp_path / "saved.zip"
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        dialog.save_bundle(bundle)
    assert bundle.read_bytes() == dialog.prepared.bundle and mode(bundle) == 0o600
    assert "Only you can read it" in dialog.status.text()


def test_ticking_include_my_notes_makes_a_new_preview_with_them(qtbot, demo_store):
    dialog = open_dialog(qtbot, demo_store)
    qtbot.waitUntil(lambda: dialog.prepared is not None, timeout=20_000)
    assert not dialog.notes_box.isChecked()
    before = dialog.prepared
    with qtbot.waitSignal(dialog.preview_ready, timeout=20_000):
        qtbot.mouseClick(dialog.notes_box, Qt.MouseButton.LeftButton)
    assert dialog.prepared.request.include_notes and not before.request.include_notes
    text = " ".join(dialog.document.getAllText(page).text() for page in range(dialog.document.pageCount()))
    assert any(note in " ".join(text.split()) for note in DEMO_NOTES)
    assert "with your notes" in dialog.status.text()


def test_quick_choices_and_edited_dates_set_the_period(qtbot, demo_store):
    dialog = open_dialog(qtbot, demo_store)
    qtbot.waitUntil(lambda: dialog.prepared is not None, timeout=20_000)
    dialog.choice_box.setCurrentIndex(dialog.choice_box.findText("Everything so far"))
    assert dialog.period() == (report_data(demo_store).first_day(), TODAY)
    with qtbot.waitSignal(dialog.preview_ready, timeout=20_000):
        dialog.choice_box.setCurrentIndex(dialog.choice_box.findText("Last 4 weeks"))
    assert dialog.prepared.request.start == date(2026, 3, 5)
    with qtbot.waitSignal(dialog.preview_ready, timeout=20_000):
        dialog.set_period(*THIN)
    assert dialog.choice_box.currentText() == "Chosen dates"
    assert (dialog.prepared.request.start, dialog.prepared.request.end) == THIN
    dialog.start_edit.setDate(dialog.end_edit.date().addDays(1))  # past "to": the maximum keeps it at today
    dialog.end_edit.setDate(dialog.start_edit.date().addDays(-3))
    qtbot.waitUntil(lambda: "starts after it ends" in dialog.status.text(), timeout=5_000)
    assert not dialog.pdf_button.isEnabled() and dialog.prepared is None


def test_ten_years_are_gathered_off_the_ui_thread_in_a_few_seconds(qtbot, tmp_path, monkeypatch):
    path = tmp_path / "ten.db"
    with Store(path) as store:
        write_demo(store, years=10, seed=3, end=END)
    threads = []
    real = dialog_module.prepare_report

    def recording(store, request):
        threads.append(threading.current_thread())
        return real(store, request)

    monkeypatch.setattr(dialog_module, "prepare_report", recording)
    store = Store(path)
    try:
        dialog = ReportDialog(store, today=TODAY)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        qtbot.waitUntil(lambda: dialog.prepared is not None, timeout=20_000)
        # The event loop keeps turning while ten years are gathered, laid out and painted.
        gaps, clock = [], QElapsedTimer()
        ticker = QTimer(dialog)
        ticker.setInterval(10)
        ticker.timeout.connect(lambda: (gaps.append(clock.restart())))
        began = time.perf_counter()
        clock.start()
        ticker.start()
        with qtbot.waitSignal(dialog.preview_ready, timeout=30_000):
            dialog.choice_box.setCurrentIndex(dialog.choice_box.findText("Everything so far"))
        seconds = time.perf_counter() - began
        ticker.stop()
    finally:
        store.close()
    assert threads and all(thread is not threading.main_thread() for thread in threads)
    assert dialog.prepared.request.start <= date(2016, 4, 10)
    assert seconds < 5.0, f"a 10-year report took {seconds:.2f} s"
    assert max(gaps) < 500, f"the UI thread stalled for {max(gaps)} ms"
    print(f"\n10-year report: {seconds:.2f} s in the dialog ({dialog.prepared.seconds:.2f} s of work), "
          f"{dialog.prepared.pages} pages, {len(dialog.prepared.pdf):,} bytes of PDF, "
          f"{len(dialog.prepared.bundle):,} bytes of CSV bundle; longest UI stall {max(gaps)} ms")


def test_a_failed_read_is_said_calmly_and_nothing_can_be_saved(qtbot, demo_store, monkeypatch):
    def failing(store, request):
        raise OSError("disk I/O error")

    monkeypatch.setattr(dialog_module, "prepare_report", failing)
    dialog = ReportDialog(demo_store, today=TODAY)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.preview_failed, timeout=10_000) as failed:
        dialog.show()
    assert "could not be made: disk I/O error. Your data was not changed." in failed.args[0]
    assert not dialog.pdf_button.isEnabled() and not dialog.csv_button.isEnabled()


def test_the_bundle_zip_holds_csv_files_a_spreadsheet_can_read(qapp, demo_db, tmp_path):
    output = tmp_path / "bundle.zip"
    assert run_report(demo_db, *THIN, True, output, today=TODAY) == 0
    with zipfile.ZipFile(output) as archive:
        for name in archive.namelist():
            if name.endswith(".csv"):
                body = [line for line in io.StringIO(archive.read(name).decode("utf-8")) if not line.startswith("#")]
                rows = list(csv.reader(body))
                assert len({len(row) for row in rows}) == 1, name  # every row as wide as the header
        assert any(name.endswith("/notes.csv") for name in archive.namelist())


def test_file_make_a_report_opens_the_dialog(qtbot, open_window, monkeypatch):
    window = open_window()
    opened = []
    monkeypatch.setattr(ReportDialog, "exec", lambda dialog: opened.append(dialog) or 0)
    (action,) = [a for a in window.menuBar().actions()[0].menu().actions() if a.text() == "Make a &report…"]
    action.trigger()
    assert len(opened) == 1 and opened[0].parent() is window


def test_the_status_counts_the_pages_in_words_that_fit_the_number(qtbot, demo_store):
    dialog = open_dialog(qtbot, demo_store)
    with qtbot.waitSignal(dialog.preview_ready, timeout=20_000) as ready:
        dialog.set_period(TODAY, TODAY)  # a single day: few pages
    pages = ready.args[0]
    assert dialog.status.text().startswith("1 page, " if pages == 1 else f"{pages} pages, ")
    dialog._on_report_prepared(dialog._request, replace(dialog.prepared, pages=1))
    assert dialog.status.text().startswith("1 page, without your notes.")
