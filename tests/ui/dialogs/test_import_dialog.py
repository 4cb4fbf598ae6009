import importlib.util
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from liftcalm.store import Store
from liftcalm.ui import theme
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


def test_a_refused_file_says_where_and_imports_nothing(qtbot, opened, tmp_path):
    source = tmp_path / "dutch.csv"
    source.write_text("Datum;Trainingsnaam;Duur;Oefening;Setvolgorde;Gewicht;Herhalingen\n"
                      "2024-03-05 07:12:44;A;1u;Squat;1;60;5\n", encoding="utf-8")
    dialog = ImportDialog(opened, source)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: "Nothing was imported" in dialog.message.text(), timeout=5000)
    assert "dutch.csv: line 1: the header is in a language LiftCalm does not read yet" in dialog.message.text()
    assert not dialog.import_button.isEnabled() and not dialog.names_group.isVisible()
    # Red from the theme (it follows light and dark), not a style sheet of its own.
    assert theme.tone(dialog.message) == "error" and not dialog.message.styleSheet()
    dialog._show("Cancelling…")
    assert theme.tone(dialog.message) is None


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
    main(["import", "--db", str(source), str(FIXTURES / "fitnotes_kgs.csv")])
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


STRONG = "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE\n"


def read_in_the_unit_asked(qtbot, store, source):
    """Open the dialog on ``source`` and click "Read with this unit" once it asks, as a person would."""
    dialog = ImportDialog(store, source)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(dialog.unit_row.isVisible, timeout=5000)
    qtbot.mouseClick(dialog.read_again, Qt.MouseButton.LeftButton)
    return dialog


def names_shown(dialog) -> dict[str, str]:
    model = dialog.names_model
    return {model.index(row, 0).data(): model.index(row, 2).data() for row in range(model.rowCount())}


def test_rows_that_cannot_be_true_are_listed_and_skipped_only_when_the_person_says_so(qtbot, db_path, opened,
                                                                                        tmp_path):
    source = tmp_path / "typo.csv"
    source.write_text(STRONG + "2024-03-05 07:00:00,Legs,1h,Squat (Barbell),1,100,5,0,0,,,\n"
                      "2024-03-05 07:00:00,Legs,1h,Squat (Barbell),2,100,877777,0,0,,,\n"
                      "2024-03-05 07:00:00,Legs,1h,Squat (Barbell),3,100,5,0,0,,,\n", encoding="utf-8")
    dialog = read_in_the_unit_asked(qtbot, opened, source)
    qtbot.waitUntil(dialog.invalid_group.isVisible, timeout=5000)
    assert dialog.invalid_group.title() == "Rows with values that cannot be true: 1"
    assert [dialog.invalid_rows.item(i).text() for i in range(dialog.invalid_rows.count())] == [
        "line 3: 877777 reps is more than 1000"]
    assert not dialog.import_button.isEnabled()
    assert "Skip these rows and import the rest" in dialog.message.text()
    assert sessions(db_path) == 0
    dialog.skip_invalid.click()
    assert dialog.import_button.isEnabled()
    assert "leaving out 1 row." in dialog.message.text()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.imported is not None, timeout=10000)
    with Store(db_path) as store:
        assert store.conn.execute("SELECT reps FROM logged_set ORDER BY position").fetchall() == [(5,), (5,)]


def test_every_name_is_shown_with_what_it_becomes_and_a_remap_is_kept_and_remembered(qtbot, db_path, opened,
                                                                                      tmp_path):
    source = tmp_path / "names.csv"
    source.write_text(STRONG + "2024-03-05 07:00:00,Legs,1h,Squat (Barbell),1,100,5,0,0,,,\n"
                      "2024-03-05 07:00:00,Legs,1h,Zercher Squat,1,60,5,0,0,,,\n"
                      "2024-03-05 07:00:00,Legs,1h,Deadlift (Barbell),1,140,3,0,0,,,\n", encoding="utf-8")
    dialog = read_in_the_unit_asked(qtbot, opened, source)
    qtbot.waitUntil(dialog.import_button.isEnabled, timeout=5000)
    assert dialog.names_group.isVisible()
    assert names_shown(dialog) == {"Squat (Barbell)": "Barbell Back Squat (from the catalogue)",
                                   "Zercher Squat": "New custom exercise",
                                   "Deadlift (Barbell)": "Conventional Deadlift (from the catalogue)"}
    assert "exercises: 3, of which new custom exercises: 1" in dialog.summary.toPlainText()
    # The person says Zercher Squat is the front squat they know, with the editor a user opens.
    model = dialog.names_model
    front = next(id_ for id_, name, _ in model.exercises if name == "Front Squat")
    index = model.index(1, 2)
    dialog.names.setCurrentIndex(index)
    dialog.names.edit(index)
    editor = dialog.names.indexWidget(index) or dialog.names.focusWidget()
    editor.setCurrentIndex(editor.findData(front))
    dialog.names.commitData(editor)
    dialog.names.closeEditor(editor, dialog.names.itemDelegate().EndEditHint.NoHint)
    assert names_shown(dialog)["Zercher Squat"] == "Front Squat (as you chose)"
    assert "exercises: 3, of which new custom exercises: 0" in dialog.summary.toPlainText()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.imported is not None, timeout=10000)
    with Store(db_path) as store:
        assert store.conn.execute("SELECT count(*) FROM exercise WHERE is_custom").fetchone() == (0,)
        used = store.conn.execute("SELECT e.name FROM logged_set l JOIN exercise e ON e.id = l.exercise_id"
                                  " ORDER BY l.position").fetchall()
        assert used == [("Barbell Back Squat",), ("Front Squat",), ("Conventional Deadlift",)]
    # The next file with that name: the choice is remembered and said to be.
    again = tmp_path / "again.csv"
    again.write_text(STRONG + "2024-03-09 07:00:00,Legs,1h,Zercher Squat,1,62.5,5,0,0,,,\n", encoding="utf-8")
    second = read_in_the_unit_asked(qtbot, opened, again)
    qtbot.waitUntil(second.import_button.isEnabled, timeout=5000)
    assert names_shown(second) == {"Zercher Squat": "Front Squat (as you chose before)"}


def test_a_french_strong_export_is_previewed_in_its_own_words(qtbot, opened, tmp_path):
    source = tmp_path / "strong_fr.csv"
    source.write_text("Date,Nom de l'entraînement,Durée,Nom de l'exercice,Ordre de la série,Poids,Réps,Distance,"
                      "Secondes,Notes,Notes d'entraînement,RPE\r\n"
                      '2023-08-16 13:10:30,"Pecs Et Dos",1h 2min,"Aerobics",1,0,0,0,600,"","",\r\n'
                      '2023-08-16 13:10:30,"Pecs Et Dos",1h 2min,"Bench Press (Dumbbell)",1,20.0,8,0,0,"","",\r\n',
                      encoding="utf-8")
    dialog = read_in_the_unit_asked(qtbot, opened, source)
    qtbot.waitUntil(dialog.import_button.isEnabled, timeout=5000)
    text = dialog.summary.toPlainText()
    assert "format: strong" in text and "header in French" in text and "workouts: 1" in text and "sets: 2" in text
    assert names_shown(dialog) == {"Aerobics": "New custom exercise",
                                   "Bench Press (Dumbbell)": "Dumbbell Bench Press (from the catalogue)"}
