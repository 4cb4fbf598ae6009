"""Every real export in ``../shared/real-exports`` behaves as its format says.

The files are exports that people committed to public repositories (see SOURCES.md there); they
are read where they are, never copied into the project, and these tests skip without them.

The expected workouts and sets were counted from each file with nothing but ``csv`` (the
``independent_counts`` below: a workout is a distinct date and name, a set a row whose set order
is a number or W/D/F), written down, and checked against that count again here. The values
themselves are read from the file the same plain way and compared with what the CSV export
gives back: every value kept, every missing value still empty.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from datetime import datetime
from pathlib import Path

import pytest

from liftcalm.core.importers import ImportFormatError
from liftcalm.core.units import Unit
from liftcalm.store import Store
from liftcalm.store.exports import EXPORT_COLUMNS, sets_csv
from liftcalm.store.imports import prepare_import

REAL = Path(__file__).resolve().parents[2].parent / "shared" / "real-exports"
pytestmark = pytest.mark.skipif(not REAL.is_dir(), reason="../shared/real-exports is not there")

# (workouts, sets), counted with independent_counts() and written down.
EXPECTED = {
    "fitnotes_legacy_kgs_verifit.csv": (256, 2892),
    "hevy_kg_2025_HevyConnect.csv": (80, 1922),
    "hevy_kg_literal_newlines_FelipeRuizM.csv": (37, 567),
    "hevy_kg_miles_Frefdt.csv": (1, 8),
    "hevy_lbs_emoji_supersets_throne.csv": (156, 2228),
    "strong6_quoted_kg_note_resttimer_AbishakeSrithar.csv": (47, 868),
    "strong_2016_kgkm_columns_crlf_mlahoz.csv": (91, 1635),
    "strong_android_12col_lb_newestfirst_BrandonValley.csv": (61, 723),
    "strong_android_14col_kg_lb_km_multiline_jonathanwillemans.csv": (119, 2048),
    "strong_android_14col_lb_2022_joshuayoes.csv": (25, 418),
    "strong_ios_10col_noduration_norpe_MiroslavCsonka.csv": (137, 2995),
    "strong_ios_10col_nonotes_ysmath.csv": (37, 666),
    "strong_ios_11col_noduration_ru_andrewgrinko.csv": (10, 208),
    "strong_ios_chinese_headers_DericMei.csv": (384, 6778),
    "strong_ios_french_headers_crlf_SebastienRdgs.csv": (25, 533),
    "strong_ios_issue_ryot1503_snippet.csv": (1, 1),
    "strong_ios_resttimer_2025_shreybirmiwal.csv": (10, 109),
}
# The malformed ones, and the line each is refused at (SOURCES.md says where they go wrong).
MALFORMED = {
    "fitnotes_9col_unquoted_commas_bilallb.csv": (13, "the row has 10 fields but the header has 9"),
    "strong_2018_lbscolumns_rowsquoted_BrandonValley.csv": (2, "the row has 1 fields but the header has 10"),
    "strong_android_headerless_multiline_camster811.csv": (1, "the file has no header line"),
}
# Files whose weights name no unit: the unit SOURCES.md judged.
GIVEN_UNIT = {
    "strong_ios_10col_noduration_norpe_MiroslavCsonka.csv": Unit.KG,
    "strong_ios_10col_nonotes_ysmath.csv": Unit.KG,
    "strong_ios_11col_noduration_ru_andrewgrinko.csv": Unit.KG,
    "strong_ios_chinese_headers_DericMei.csv": Unit.LB,
    "strong_ios_french_headers_crlf_SebastienRdgs.csv": Unit.KG,
    "strong_ios_issue_ryot1503_snippet.csv": Unit.KG,
    "strong_ios_resttimer_2025_shreybirmiwal.csv": Unit.LB,
}
KG_PER_LB = 0.45359237
METRES = {"km": 1000.0, "mi": 1609.344, "mi.": 1609.344, "m": 1.0, "meters": 1.0}
# Column names as the files write them (English, French, Chinese).
COLUMNS = {
    "date": ("Date", "日期", "start_time"), "workout": ("Workout Name", "Nom de l'entraînement", "锻炼名称", "title"),
    "exercise": ("Exercise Name", "Nom de l'exercice", "运动名称", "exercise_title", "Exercise"),
    "order": ("Set Order", "Ordre de la série", "设置顺序"),
    "weight": ("Weight", "Weight (kg)", "kg", "Poids", "重量", "weight_kg", "weight_lbs", "Weight (kgs)"),
    "weight_unit": ("Weight Unit",), "reps": ("Reps", "Réps", "次", "reps"),
    "seconds": ("Seconds", "Secondes", "秒", "duration_seconds", "Time"),
    "distance": ("Distance", "Distance (meters)", "km", "距离", "distance_km", "distance_miles"),
    "distance_unit": ("Distance Unit",), "rpe": ("RPE", "rpe"), "notes": ("Notes", "备注"),
    "exercise_notes": ("exercise_notes",), "superset": ("superset_id",),
}


def rows_of(name: str) -> tuple[list[str], list[list[str]]]:
    text = (REAL / name).read_text(encoding="utf-8-sig")
    first = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=";" if first.count(";") > first.count(",") else ",")
    rows = [row for row in reader if any(cell.strip() for cell in row)]
    return rows[0], rows[1:]


def format_of(name: str) -> str:
    return name.split("_")[0].removesuffix("6")


def set_rows(name: str) -> tuple[dict[str, int], list[list[str]]]:
    """The file's columns and its set rows (a Strong row is a set when its set order is a number or W, D, F)."""
    header, body = rows_of(name)
    columns = {key: next((i for i, h in enumerate(header) if h in names), None) for key, names in COLUMNS.items()}
    if format_of(name) == "strong":
        body = [row for row in body if row[columns["order"]].strip().removesuffix(".0").isdigit()
                or row[columns["order"]].strip() in ("W", "D", "F")]
    return columns, body


def independent_counts(name: str) -> tuple[int, int]:
    columns, sets = set_rows(name)
    return len({(row[columns["date"]], row[columns["workout"]] if columns["workout"] is not None else "")
                for row in sets}), len(sets)


def import_real(store, name: str):
    prepared = prepare_import(REAL / name, None, GIVEN_UNIT.get(name))
    with prepared:
        return prepared.run(store)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_a_real_export_imports_with_its_workouts_and_sets_and_a_second_import_adds_nothing(tmp_path, name):
    assert independent_counts(name) == EXPECTED[name]  # what was written down is what the file holds
    with Store(tmp_path / "real.db") as store:
        summary = import_real(store, name)
        assert (summary.workouts, summary.sets) == EXPECTED[name]
        assert summary.invalid == ()
        counts = store.conn.execute("SELECT (SELECT count(*) FROM session), (SELECT count(*) FROM logged_set)"
                                    ).fetchone()
        assert counts == EXPECTED[name]
        again = import_real(store, name)
        assert (again.workouts, again.sets, again.duplicates) == (0, 0, EXPECTED[name][0])
        assert store.conn.execute("SELECT (SELECT count(*) FROM session), (SELECT count(*) FROM logged_set)"
                                  ).fetchone() == counts


def test_the_malformed_real_exports_are_refused_with_their_line_and_every_file_is_covered():
    assert sorted(p.name for p in REAL.glob("*.csv")) == sorted([*EXPECTED, *MALFORMED])
    for name, (line, message) in MALFORMED.items():
        with pytest.raises(ImportFormatError) as caught:
            prepare_import(REAL / name, None, Unit.KG)
        assert (caught.value.line, message in caught.value.message) == (line, True), (name, str(caught.value))


def number(text: str) -> float | None:
    text = text.strip()
    return float(text) if text else None


def expected_values(name: str, names: dict[str, str], unit: Unit) -> Counter:
    """Every set of the file as (start, exercise, reps, load kg, rpe, seconds, metres, note), read plainly."""
    columns, sets = set_rows(name)
    header = rows_of(name)[0]
    header_distance = header[columns["distance"]] if columns["distance"] is not None else ""
    default_metres = {"km": 1000.0, "Distance (meters)": 1.0, "distance_km": 1000.0,
                      "distance_miles": 1609.344}.get(header_distance, 1000.0 if unit is Unit.KG else 1609.344)
    out = Counter()
    for row in sets:
        def cell(key, row=row):
            return row[columns[key]].strip() if columns[key] is not None else ""

        seconds = number(cell("seconds")) if ":" not in cell("seconds") else None
        distance = number(cell("distance"))
        seconds = None if not seconds else round(seconds)
        distance = None if not distance else distance
        reps = number(cell("reps"))
        weight = number(cell("weight"))
        if seconds is not None or distance is not None:  # a timed or cardio row: its zeros are not values
            reps = None if reps == 0 else reps
            weight = None if weight == 0 else weight
        row_unit = cell("weight_unit")
        lbs = (row_unit == "lbs") if row_unit else (unit is Unit.LB or "lbs" in header[columns["weight"]])
        load = None if weight is None else round(weight * KG_PER_LB, 3) if lbs else round(weight, 3)
        metres = None
        if distance is not None:
            metres = round(distance * (METRES[cell("distance_unit")] if cell("distance_unit") else default_metres), 3)
        rpe = number(cell("rpe")) or None
        note = cell("notes").replace("\\n", "\n").replace("\r\n", "\n").strip()
        out[(start_of(cell("date")), names[" ".join(cell("exercise").split())], None if reps is None else int(reps),
             load, rpe, seconds, metres, note)] += 1
    return out


def start_of(text: str) -> str:
    for pattern in ("%Y-%m-%d %H:%M:%S", "%d %b %Y, %H:%M", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, pattern).isoformat(" ")
        except ValueError:
            continue
    raise AssertionError(f"not a date: {text!r}")


def exported_values(text: str) -> Counter:
    rows = list(csv.DictReader(io.StringIO(text)))
    assert tuple(rows[0].keys()) == EXPORT_COLUMNS
    out = Counter()
    for row in rows:
        started = datetime.fromisoformat(row["started_at"]).replace(tzinfo=None).isoformat(" ")
        out[(started, row["exercise"], int(row["reps"]) if row["reps"] else None,
             float(row["load_kg"]) if row["load_kg"] else None, float(row["rpe"]) if row["rpe"] else None,
             int(row["duration_s"]) if row["duration_s"] else None,
             float(row["distance_m"]) if row["distance_m"] else None, row["set_note"])] += 1
    return out


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_csv_import_then_export_keeps_every_value_and_every_missing_one_empty(tmp_path, name):
    with Store(tmp_path / "trip.db") as store:
        prepared = prepare_import(REAL / name, None, GIVEN_UNIT.get(name))
        with prepared:
            summary = prepared.run(store)
            unit = prepared.reading.fallback_unit  # the unit of rows that name none (distances follow it)
        names = {choice.name: choice.exercise_name for choice in summary.names}
        exported = exported_values(sets_csv(store)[0])
    expected = expected_values(name, names, unit)
    assert sum(expected.values()) == EXPECTED[name][1]
    assert exported == expected


def export_rows(tmp_path, name) -> list[dict]:
    with Store(tmp_path / "one.db") as store:
        import_real(store, name)
        return list(csv.DictReader(io.StringIO(sets_csv(store)[0])))


def test_special_values_of_the_real_files_are_kept(tmp_path):
    # Chinese durations: "1小时13分钟" is 73 minutes.
    rows = export_rows(tmp_path / "zh", "strong_ios_chinese_headers_DericMei.csv")
    first = rows[0]
    length = datetime.fromisoformat(first["session_ended_at"]) - datetime.fromisoformat(first["started_at"])
    assert length.total_seconds() == 73 * 60 and first["load_kg"] == "20"  # 44.09245243697551 lb
    # Hevy supersets, a run of 240 s with no weight and no reps, the pounds converted.
    rows = export_rows(tmp_path / "hevy", "hevy_lbs_emoji_supersets_throne.csv")
    columns, sets = set_rows("hevy_lbs_emoji_supersets_throne.csv")
    in_superset = sum(1 for row in sets if row[columns["superset"]].strip())
    assert in_superset == 553 and sum(1 for row in rows if row["superset_group"]) == in_superset
    run = next(row for row in rows if row["exercise"] == "Running" and row["duration_s"] == "240")
    assert (run["reps"], run["load_kg"]) == ("", "")
    # Strong 6: an empty bodyweight load stays empty; a Note row is the exercise's note.
    rows = export_rows(tmp_path / "s6", "strong6_quoted_kg_note_resttimer_AbishakeSrithar.csv")
    assert any(row["exercise_note"] == "Straight Arm Pulldown" for row in rows)
    knee = [row for row in rows if row["exercise"] == "Hanging Knee Raise"]
    assert knee and all(row["load_kg"] == "" and row["reps"] for row in knee)
    # The 2016 form: kg and km as column names, 0-based set orders numbered from 1.
    rows = export_rows(tmp_path / "2016", "strong_2016_kgkm_columns_crlf_mlahoz.csv")
    assert {row["set_number"] for row in rows} >= {"1"} and "0" not in {row["set_number"] for row in rows}
    # Android: kg and lbs rows in one file, a note with a real line break, km distances in metres.
    name = "strong_android_14col_kg_lb_km_multiline_jonathanwillemans.csv"
    rows = export_rows(tmp_path / "android", name)
    assert any(row["distance_m"] and float(row["distance_m"]) >= 1000 for row in rows)
    from liftcalm.core.importers import parse_export

    result = parse_export((REAL / name).read_text(encoding="utf-8"))
    lines = {s.line: s for w in result.workouts for s in w.sets}
    # The record at line 805 spans two lines (its note is a line break only): one set, the next at 807.
    assert 805 in lines and 806 not in lines and 807 in lines and lines[805].note == ""
    assert (lines[805].exercise_name, lines[805].reps, lines[805].load_kg) == ("Seated Leg Press (Machine)", 6, 39.0)
