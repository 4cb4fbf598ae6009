import importlib.util
from pathlib import Path

from PySide6.QtCore import Qt

from liftcalm.store import Store
from liftcalm.ui.dialogs.import_dialog import ImportDialog
from tests.ui.routines.test_routine_editor import reactivate

FIXTURES = Path(__file__).parents[2] / "fixtures" / "imports"


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


def test_the_unit_is_asked_with_a_hint(qtbot, db_path):
    Store(db_path).close()
    dialog = ImportDialog(db_path, FIXTURES / "strong_ios.csv")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(dialog.unit_row.isVisible, timeout=5000)
    assert "does not say whether weights are in kg or lb" in dialog.unit_hint.text()
    assert "suggest kilograms" in dialog.unit_hint.text()
    dialog.unit.setCurrentIndex(dialog.unit.findData("lb"))
    qtbot.mouseClick(dialog.read_again, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.import_button.isEnabled, timeout=5000)
    assert "weights read in lb" in dialog.summary.toPlainText()


def test_a_refused_file_says_where_and_imports_nothing(qtbot, db_path):
    Store(db_path).close()
    dialog = ImportDialog(db_path, FIXTURES / "german_header.csv")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: "Nothing was imported" in dialog.message.text(), timeout=5000)
    assert "german_header.csv: line 1: the header is not in English" in dialog.message.text()
    assert not dialog.import_button.isEnabled()


def test_cancel_during_the_import_leaves_the_database_as_it_was(qtbot, db_path, tmp_path):
    spec = importlib.util.spec_from_file_location("bench_import", Path(__file__).parents[2] / "bench" / "import.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    big = tmp_path / "big.csv"
    bench.write_strong_export(big, 20_000)
    Store(db_path).close()
    dialog = ImportDialog(db_path, big)
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
