import hashlib
import pickle

import pytest

from liftcalm.core.importers import ImportFormatError, UnitNeeded, detect_format, parse_export
from liftcalm.core.units import Unit
from tests.core.importers import fixture_names, fixture_text

IOS_HEADER = "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE\n"
HEVY_HEADER = (
    "title,start_time,end_time,description,exercise_title,superset_id,exercise_notes,"
    "set_index,set_type,weight_kg,reps,distance_km,duration_seconds,rpe\n"
)
GOOD_IOS_ROW = "2024-03-05 07:12:44,Legs,30m,Squat,1,60,5,0,0,,,\n"


def refusal(text, **arguments) -> ImportFormatError:
    with pytest.raises(ImportFormatError) as caught:
        parse_export(text, **arguments)
    return caught.value


def test_error_shows_line_and_message():
    error = ImportFormatError(7, "the weight 'x' is not a number")
    assert (error.line, error.message) == (7, "the weight 'x' is not a number")
    assert str(error) == "line 7: the weight 'x' is not a number"
    assert isinstance(error, ValueError)
    copy = pickle.loads(pickle.dumps(UnitNeeded(1, "choose", Unit.LB)))
    assert (copy.line, copy.message, copy.suggested_unit) == (1, "choose", Unit.LB)


def test_bad_date_names_its_line():
    text = IOS_HEADER + GOOD_IOS_ROW + "2024-02-30 07:00:00,Legs,30m,Squat,2,60,5,0,0,,,\n"
    error = refusal(text, unit=Unit.KG)
    assert str(error) == "line 3: the date '2024-02-30 07:00:00' is not a valid date like 2024-03-05 07:12:44"


def test_bad_date_after_a_multi_line_note_names_the_physical_line():
    text = (
        IOS_HEADER
        + '2024-03-05 07:12:44,Legs,30m,Squat,1,60,5,0,0,"one\ntwo\nthree",,\n'
        + "yesterday,Legs,30m,Squat,2,60,5,0,0,,,\n"
    )
    error = refusal(text, unit=Unit.KG)
    assert (error.line, error.message) == (5, "the date 'yesterday' is not a valid date like 2024-03-05 07:12:44")


def test_non_numeric_weight_names_its_line():
    text = HEVY_HEADER + 'Push,"3 Dec 2025, 18:05","3 Dec 2025, 19:02",,Bench Press,,,0,normal,80,6,,,\n'
    text += 'Push,"3 Dec 2025, 18:05","3 Dec 2025, 19:02",,Bench Press,,,1,normal,heavy,6,,,\n'
    error = refusal(text)
    assert str(error) == "line 3: the weight 'heavy' is not a number"


@pytest.mark.parametrize(
    "row, message",
    [
        ("2024-03-05 07:12:44,Legs,30m,Squat,1,-20,5,0,0,,,", "the weight '-20' is negative"),
        ("2024-03-05 07:12:44,Legs,30m,Squat,1,60,5.5,0,0,,,", "the reps '5.5' are not a whole number of 0 or more"),
        ("2024-03-05 07:12:44,Legs,30m,Squat,1,60,5,0,0,,,11", "the RPE '11' is not from 0 to 10"),
        ("2024-03-05 07:12:44,Legs,30m,Squat,1,nan,5,0,0,,,", "the weight 'nan' is not a number"),
        ("2024-03-05 07:12:44,Legs,30m,Squat,1,1e999,5,0,0,,,", "the weight '1e999' is out of range"),
        (
            "2024-03-05 07:12:44,Legs,soon,Squat,1,60,5,0,0,,,",
            "the duration 'soon' is not a duration like 1h 5m or 0:01:30",
        ),
        (
            "2024-03-05 07:12:44,Legs,30m,Squat,X,60,5,0,0,,,",
            "the set order 'X' is not a set number, W, D, F, Rest Timer or Note",
        ),
        ("2024-03-05 07:12:44,Legs,30m,,1,60,5,0,0,,,", "the exercise name is empty"),
        (",Legs,30m,Squat,1,60,5,0,0,,,", "the date is empty"),
        (
            "2024-03-05 07:12:44,Legs,30m,Squat,1,60,5,0,0",
            "the row has 9 fields but the header has 12; "
            "the file may be cut short or a note may hold an unquoted delimiter",
        ),
        (
            "2024-03-05 07:12:44,Legs,30m,Squat,1,60,5,0,0,Wide, grip,,",
            "the row has 13 fields but the header has 12; a note may hold an unquoted delimiter",
        ),
        (
            '2024-03-05 07:12:44,Legs,30m,Squat,1,60,5,0,0,"never closed,,',
            "a quoted field is never closed; the file may be cut short",
        ),
    ],
)
def test_bad_values_are_refused_on_their_line(row, message):
    error = refusal(IOS_HEADER + GOOD_IOS_ROW + row + "\n", unit=Unit.KG)
    assert (error.line, error.message) == (3, message)


def test_unknown_weight_unit_in_android_export():
    text = "Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps\n"
    text += "2024-12-04 17:33:40;Pull;Row;1;10;stone;8\n"
    assert str(refusal(text)) == "line 2: the weight unit 'stone' is neither kg nor lbs"


def test_unknown_hevy_set_type():
    text = HEVY_HEADER + 'Push,"3 Dec 2025, 18:05","3 Dec 2025, 19:02",,Bench Press,,,0,superset,80,6,,,\n'
    assert str(refusal(text)) == "line 2: the set type 'superset' is not normal, warmup, dropset or failure"


def test_unknown_header():
    text = "id,name,value\n1,bench,80\n"
    for call in (detect_format, parse_export):
        with pytest.raises(ImportFormatError) as caught:
            call(text)
        assert caught.value.line == 1
        assert caught.value.message == (
            "this is not a Strong, Hevy or FitNotes export: its header starts 'id,name,value'; "
            "export the CSV from the app's settings and choose that file"
        )


def test_a_header_in_a_language_not_read_yet_asks_for_an_english_export():
    text = "Datum;Trainingsnaam;Duur;Oefening;Setvolgorde;Gewicht;Herhalingen\n2024-03-05 07:12:44;A;1u;Squat;1;60;5\n"
    for call in (detect_format, parse_export):
        with pytest.raises(ImportFormatError) as caught:
            call(text)
        assert caught.value.line == 1
        assert caught.value.message == (
            "the header is in a language LiftCalm does not read yet (it has 'Datum', 'Trainingsnaam', 'Duur'); "
            "export with the app set to English"
        )
    assert "export with the app set to English" in str(refusal(text, format="strong"))


def test_a_german_strong_header_is_read():
    result = parse_export(fixture_text("german_header.csv"), unit=Unit.KG)
    assert (result.format, result.notes) == ("strong", ("header in German",))
    assert [(s.exercise_name, s.reps, s.load_kg) for s in result.workouts[0].sets] == [("Bankdrücken (Langhantel)", 8,
                                                                                       60.0)]


def test_other_languages_are_recognised_too():
    for header in ("Fecha,Nombre del entrenamiento,Ejercicio,Peso,Repeticiones", "Дата;Упражнение;Вес;Повторения"):
        assert "export with the app set to English" in str(refusal(header + "\n"))


@pytest.mark.parametrize("text", ["", "\ufeff", "\r\n\r\n", "  \n\t\n"])
def test_empty_file(text):
    assert str(refusal(text)) == "line 1: the file is empty"
    with pytest.raises(ImportFormatError, match="^line 1: the file is empty$"):
        detect_format(text)


def test_unit_needed_hints_kilograms_from_the_weights():
    with pytest.raises(UnitNeeded) as caught:
        parse_export(fixture_text("strong_ios.csv"))
    assert str(caught.value) == (
        "line 1: the file does not say whether weights are in kg or lb; choose the unit "
        "(weights up to 110 suggest kilograms)"
    )
    assert caught.value.suggested_unit is Unit.KG


def test_unit_needed_hints_pounds_from_the_weights():
    rows = "".join(
        f"2024-03-05 07:12:44,Legs,30m,Deadlift,{n},{w},5,0,0,,,\n" for n, w in enumerate([135, 225, 315], 1)
    )
    with pytest.raises(UnitNeeded) as caught:
        parse_export(IOS_HEADER + rows)
    assert caught.value.message.endswith("(weights up to 315 suggest pounds)")
    assert caught.value.suggested_unit is Unit.LB
    rows = "".join(f"2024-03-05 07:12:44,Legs,30m,Bench,{n},{w},5,0,0,,,\n" for n, w in enumerate([95, 135, 185], 1))
    with pytest.raises(UnitNeeded, match=r"weights up to 185, mostly ending in 5 like 135 or 225, suggest pounds"):
        parse_export(IOS_HEADER + rows)


def test_unit_needed_even_without_weights_but_only_after_the_rows_are_checked():
    with pytest.raises(UnitNeeded, match=r"\(it has no weights to tell by\)$"):
        parse_export(IOS_HEADER)
    # A broken row is reported first: asking for a unit would be pointless.
    error = refusal(IOS_HEADER + "2024-03-05 07:12:44,Legs,30m,Squat,1,sixty,5,0,0,,,\n")
    assert type(error) is ImportFormatError and error.line == 2


def test_format_and_unit_arguments_are_checked():
    mismatch = refusal(fixture_text("hevy_kg.csv"), format="strong")
    assert str(mismatch) == "line 1: this is a Hevy export, not a Strong one"
    assert refusal("x", format="jefit").message == "unknown format 'jefit'; expected strong, hevy or fitnotes"
    assert refusal("x", unit="stone").message == "unknown unit 'stone'; expected kg or lb"
    assert refusal(b"Date,Exercise").message == "the export must be given as text"
    assert parse_export(fixture_text("hevy_kg.csv"), format="Hevy").format == "hevy"
    assert parse_export(fixture_text("strong_ios.csv"), unit="lbs").unit is Unit.LB


def test_missing_column_is_named_when_the_format_is_given():
    text = "Date,Workout Name,Exercise Name,Weight,Reps\n2024-03-05 07:12:44,Legs,Squat,60,5\n"
    assert str(refusal(text, format="strong", unit=Unit.KG)) == "line 1: the header has no 'Set Order' column"


@pytest.mark.parametrize("name", fixture_names())
def test_detect_format_from_the_header(name):
    assert detect_format(fixture_text(name)) == ("strong" if name.startswith("german") else name.split("_")[0])


def test_header_matching_ignores_case_spacing_and_underscores():
    text = " DATE ,workout_name,  Exercise   Name ,SET_ORDER,weight ( KG ),reps\n"
    text += "2024-03-05 07:12:44,Legs,Squat,1,60,5\n"
    result = parse_export(text)
    assert (result.unit, result.workouts[0].sets[0].load_kg) == (Unit.KG, 60.0)


def test_blank_rows_and_a_repeated_header_are_skipped():
    text = IOS_HEADER + GOOD_IOS_ROW + ",,,,,,,,,,,\n\n" + IOS_HEADER + GOOD_IOS_ROW.replace(",1,", ",2,")
    result = parse_export(text, unit=Unit.KG)
    assert result.skipped == ((3, "empty row"), (5, "header repeated"))
    assert [s.line for s in result.workouts[0].sets] == [2, 6]


def test_keys_are_stable_and_follow_the_documented_recipe():
    for name in fixture_names():
        text = fixture_text(name)
        first, second = parse_export(text, unit=Unit.KG), parse_export(text, unit=Unit.KG)
        assert [w.key for w in first.workouts] == [w.key for w in second.workouts]
        for workout in first.workouts:
            recipe = f"{first.format}|{workout.started_at.isoformat()}|{workout.title}"
            assert workout.key == hashlib.sha256(recipe.encode()).hexdigest()[:32]
        assert len({w.key for w in first.workouts}) == len(first.workouts)


def test_a_row_of_another_width_is_padded_refused_or_blank():
    from liftcalm.core.importers.export_table import ExportTable

    table = ExportTable.read("a,b,\n", header_only=True)  # a trailing unnamed column may be left out
    assert table.padded(2, ["1", "2"]) == ["1", "2", ""]
    assert table.padded(3, [" ", ""]) is None
    with pytest.raises(ImportFormatError, match="fields but the header has 2"):
        table.padded(4, ["1"])


def test_a_cell_is_parsed_once_per_column_and_text():
    from liftcalm.core.importers.export_table import cached_parse

    calls = []
    parse_cell = cached_parse()
    parse = lambda text, line: calls.append(line) or int(text)  # noqa: E731
    assert [parse_cell(0, parse, line, ["5", "5"]) for line in (1, 2)] == [5, 5]
    assert parse_cell(1, parse, 3, ["5", "5"]) == 5 and calls == [1, 3]
    assert parse_cell(None, parse, 4, ["5"]) is None
