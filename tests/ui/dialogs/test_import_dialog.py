import importlib.util
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from liftcalm.store import Store
from liftcalm.ui.dialogs.import_dialog import ImportDialog
from tests.ui.routines.test_routine_editor import reactivate

FIXTURES = Path(__file__).parents[2] / "fixtures" / "imports"


@pytest.fixture
def opened(db_path):
    with Store(db_path) as store:
        yield store


def sessions(db):
    with Store(db) as store:
        return store.conn.execute("SELECT count(*) FROM session").fetchone()[0]


def test_preview_then_import_from_the_file_menu(qtbot, open_window, on_modal):
    window = open_window()

    def preview_and_import(dialog):
        qtbot.waitUntil(dialog.import_button.isEnabled, timeout=5000)
        assert "format: hevy" in dialog.summary.toPlainText()
        assert "Nothing has changed yet" in dialog.message.text()
        assert sessions(window.store.path) == 0  # the preview was a dry run
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)

    on_modal(preview_and_import, kind=ImportDialog)
    window.import_workouts(str(FIXTURES / "hevy_kg.csv"))
    reactivate(qtbot, window)
    assert sessions(window.store.path) > 0
    assert window.statusBar().currentMessage().startswith("Imported ")


def test_the_unit_is_asked_with_a_hint(qtbot, opened):
    dialog = ImportDialog(opened, FIXTURES / "strong_ios.csv")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(dialog.unit_row.isVisible, timeout=5000)
    assert "does not say whether weights are in kg or lb" in dialog.unit_hint.text()
    assert "suggest kilograms" in dialog.unit_hint.text()
    dialog.unit.setCurrentIndex(dialog.unit.findData("lb"))
    qtbot.mouseClick(dialog.read_again, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.import_button.isEnabled, timeout=5000)
    assert "weights read in lb" in dialog.summary.toPlainText()


def test_a_refused_file_says_where_and_imports_nothing(qtbot, opened):
    dialog = ImportDialog(opened, FIXTURES / "german_header.csv")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: "Nothing was imported" in dialog.message.text(), timeout=5000)
    assert "german_header.csv: line 1: the header is not in English" in dialog.message.text()
    assert not dialog.import_button.isEnabled()


def test_cancel_during_the_import_leaves_the_database_as_it_was(qtbot, db_path, opened, tmp_path):
    spec = importlib.util.spec_from_file_location("bench_import", Path(__file__).parents[2] / "bench" / "import.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    big = tmp_path / "big.csv"
    bench.write_strong_export(big, 20_000)
    dialog = ImportDialog(opened, big)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.unit_row.isVisible(), timeout=10000)
    qtbot.mouseClick(dialog.read_again, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.import_button.isEnabled, timeout=10000)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    dialog.reject()  # Cancel, while the worker imports
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10000)
    assert dialog.imported is None
    assert sessions(db_path) == 0


def test_a_liftcalm_archive_imports_through_the_same_dialog_and_every_page_hears_of_it(
        qtbot, open_window, on_modal, tmp_path):
    from liftcalm.cli import main

    source = tmp_path / "source.db"
    archive = tmp_path / "everything.json"
    main(["import", "--db", str(source), str(FIXTURES / "hevy_kg.csv")])
    with Store(source) as store:
        store.book.create("From the archive")
    main(["export", "--db", str(source), "--format", "json", "-o", str(archive)])
    window = open_window()
    window.navigation.setCurrentRow(window.pages.indexOf(window.history_page))
    history = window.history_page.ensure_view()
    qtbot.waitSignal(history.sessions_loaded).wait()
    assert not history.sessions_model.rows

    def preview_and_import(dialog):
        qtbot.waitUntil(dialog.import_button.isEnabled, timeout=5000)
        assert "format: liftcalm (JSON)" in dialog.summary.toPlainText()
        assert "routines: 1" in dialog.summary.toPlainText()
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)

    on_modal(preview_and_import, kind=ImportDialog)
    with qtbot.waitSignal(history.sessions_loaded, timeout=5000):  # the shown page reads its list again
        window.import_workouts(str(archive))
    reactivate(qtbot, window)
    assert len(history.sessions_model.rows) == sessions(source) > 0
    names = [window.routines.routine_list.item(i).text() for i in range(window.routines.routine_list.count())]
    assert "From the archive" in names  # the routines page heard of it too, without a reload by hand


def test_export_and_backup_copy_from_the_app(qtbot, open_window, tmp_path):
    import csv
    import json

    from liftcalm.cli import main
    from liftcalm.store.exports import EXPORT_COLUMNS

    window = open_window()
    main(["import", "--db", str(window.store.path), str(FIXTURES / "hevy_kg.csv")])
    csv_file, json_file, copy = tmp_path / "sets.csv", tmp_path / "all.json", tmp_path / "copy.db"
    window.export_data(str(csv_file))
    qtbot.waitUntil(csv_file.exists, timeout=5000)
    rows = list(csv.reader(csv_file.open()))
    assert tuple(rows[0]) == EXPORT_COLUMNS and len(rows) > 1
    window.export_data(str(json_file))
    qtbot.waitUntil(json_file.exists, timeout=5000)
    assert json.loads(json_file.read_text())["format"] == "liftcalm"
    window.save_backup_copy(str(copy))
    qtbot.waitUntil(copy.exists, timeout=5000)
    assert sessions(copy) == sessions(window.store.path) > 0
    qtbot.waitUntil(lambda: "backup copy" in window.statusBar().currentMessage(), timeout=5000)
