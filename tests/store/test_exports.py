"""The CSV of every set: missing values empty, the new columns filled, no cell a spreadsheet would run."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from liftcalm.core.units import Unit
from liftcalm.store.exports import EXPORT_COLUMNS, safe_cell, sets_csv
from liftcalm.store.imports import prepare_import

FIXTURES = Path(__file__).parents[1] / "fixtures" / "imports"
STRONG = "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE\n"


def exported(store) -> list[dict]:
    return list(csv.DictReader(io.StringIO(sets_csv(store)[0])))


def test_missing_values_are_empty_cells_and_the_new_columns_are_there(store):
    with prepare_import(FIXTURES / "strong_android_rpe.csv") as prepared:
        prepared.run(store)
    rows = exported(store)
    assert tuple(rows[0]) == EXPORT_COLUMNS and EXPORT_COLUMNS[:12] == (
        "session_id", "started_at", "routine", "exercise", "set_number", "set_type", "reps", "load_kg", "rpe",
        "stress_after_set", "stress_end_of_rest", "relief_notes")  # the old columns keep their places
    treadmill = rows[-1]
    assert {key: treadmill[key] for key in ("exercise", "reps", "load_kg", "rpe", "duration_s", "distance_m",
                                            "set_note", "stress_after_set")} == {
        "exercise": "Treadmill", "reps": "", "load_kg": "", "rpe": "", "duration_s": "600", "distance_m": "1200",
        "set_note": "Cooldown", "stress_after_set": ""}
    assert rows[0]["load_kg"] == "40" and rows[2]["load_kg"] == "72.5"


def test_cells_a_spreadsheet_would_run_as_formulas_are_neutralised(store, tmp_path):
    source = tmp_path / "evil.csv"
    source.write_text(STRONG + '2024-03-05 07:00:00,"=HYPERLINK(""http://x"",""y"")",1h,"@SUM(A1)",1,60,5,0,0,'
                      '"+1 rep",-note,\n'
                      '2024-03-05 07:00:00,"=HYPERLINK(""http://x"",""y"")",1h,"	Tabbed",1,60,5,0,0,"-2","",\n',
                      encoding="utf-8")
    with prepare_import(source, unit=Unit.KG) as prepared:
        prepared.run(store)
    rows = exported(store)
    assert rows[0]["routine"] == "'=HYPERLINK(\"http://x\",\"y\")" and rows[0]["exercise"] == "'@SUM(A1)"
    assert rows[0]["set_note"] == "'+1 rep" and rows[0]["session_note"] == "'-note"
    assert rows[1]["exercise"] == "Tabbed"  # the importer trims names; a note keeps a leading minus, made safe
    assert rows[1]["set_note"] == "'-2"
    assert rows[0]["load_kg"] == "60"  # numbers are never touched
    assert [safe_cell(text) for text in ("=1", "+1", "-1", "@a", "\tx", "\rx", "a=1", "")] == [
        "'=1", "'+1", "'-1", "'@a", "'\tx", "'\rx", "a=1", ""]
