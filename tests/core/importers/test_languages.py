"""Strong exports in the languages Strong ships, and the 2016-2018 forms with the unit as a column's name."""

from datetime import datetime

import pytest

from liftcalm.core.importers import (
    ImportedSet,
    ImportFormatError,
    detect_format,
    parse_export,
)
from liftcalm.core.importers.values import parse_duration
from liftcalm.core.models import SetType
from liftcalm.core.units import Unit

WORKING, WARMUP = SetType.WORKING, SetType.WARMUP
# iOS headers, column for column as Strong writes them. French and Chinese are from real exports;
# the others are the words header_words.py expects (unsure: no real export was found).
HEADERS = {
    "French": "Date,Nom de l'entraînement,Durée,Nom de l'exercice,Ordre de la série,Poids,Réps,Distance,Secondes,"
              "Notes,Notes d'entraînement,RPE",
    "Chinese": "日期,锻炼名称,时长,运动名称,设置顺序,重量,次,距离,秒,备注,锻炼备注,RPE",
    "German": "Datum,Trainingsname,Dauer,Übungsname,Satzreihenfolge,Gewicht,Wiederholungen,Distanz,Sekunden,"
              "Notizen,Trainingsnotizen,RPE",
    "Spanish": "Fecha,Nombre del entrenamiento,Duración,Nombre del ejercicio,Orden de la serie,Peso,Repeticiones,"
               "Distancia,Segundos,Notas,Notas del entrenamiento,RPE",
    "Italian": "Data,Nome allenamento,Durata,Nome esercizio,Ordine delle serie,Peso,Ripetizioni,Distanza,Secondi,"
               "Note,Note allenamento,RPE",
    "Portuguese": "Data,Nome do treino,Duração,Nome do exercício,Ordem da série,Peso,Repetições,Distância,Segundos,"
                  "Notas,Notas do treino,RPE",
    "Russian": "Дата,Название тренировки,Длительность,Название упражнения,Порядок подходов,Вес,Повторения,"
               "Расстояние,Секунды,Заметки,Заметки к тренировке,RPE",
    "Japanese": "日付,ワークアウト名,時間,種目名,セット順,重量,回数,距離,秒,メモ,ワークアウトメモ,RPE",
}
DURATIONS = {"French": "1h 13min", "Chinese": "1小时13分钟", "German": "1 Std. 13 Min.", "Spanish": "1h 13min",
             "Italian": "1h 13min", "Portuguese": "1h 13min", "Russian": "1 ч 13 мин", "Japanese": "1時間13分"}


def rows(duration: str) -> str:
    return (f"2023-08-16 13:10:30,Pecs,{duration},Aerobics,1,0,0,0,600,,,\n"
            f"2023-08-16 13:10:30,Pecs,{duration},Bench Press (Dumbbell),1,20.0,8,0,0,Seat 3,Tuesday,8\n"
            f"2023-08-16 13:10:30,Pecs,{duration},Bench Press (Dumbbell),2,25.0,6,0,0,,,\n")


@pytest.mark.parametrize("language", sorted(HEADERS))
def test_an_ios_export_in_each_language_strong_ships(language):
    text = HEADERS[language] + "\n" + rows(DURATIONS[language])
    assert detect_format(text) == "strong"
    result = parse_export(text, unit=Unit.KG)
    assert result.notes == (f"header in {language}",)
    (workout,) = result.workouts
    assert (workout.title, workout.started_at, workout.duration_s, workout.note) == (
        "Pecs", datetime(2023, 8, 16, 13, 10, 30), 73 * 60, "Tuesday")
    assert workout.sets == (
        ImportedSet("Aerobics", 1, WORKING, None, None, None, 600, "", 2),  # reps and weight 0 on a timed row
        ImportedSet("Bench Press (Dumbbell)", 1, WORKING, 8, 20.0, 8.0, None, "Seat 3", 3),
        ImportedSet("Bench Press (Dumbbell)", 2, WORKING, 6, 25.0, None, None, "", 4),
    )


def test_a_header_whose_words_are_not_known_is_read_by_position_when_the_rows_agree():
    # Made-up words in Strong's iOS layout: the columns stand where Strong puts them.
    header = "Aa,Bb,Cc,Dd,Ee,Ff,Gg,Hh,Ii,Jj,Kk,Ll"
    result = parse_export(header + "\n" + rows("1h 13m"), unit=Unit.KG)
    assert result.format == "strong" and "columns read by position" in result.notes[0]
    assert [(s.exercise_name, s.reps, s.load_kg) for s in result.workouts[0].sets] == [
        ("Aerobics", None, None), ("Bench Press (Dumbbell)", 8, 20.0), ("Bench Press (Dumbbell)", 6, 25.0)]
    # The same words over rows that do not fit (a weight that is not a number): refused, never guessed.
    with pytest.raises(ImportFormatError, match="^line 1: this is not a Strong"):
        parse_export(header + "\n" + rows("1h 13m").replace("20.0", "heavy"), unit=Unit.KG)


def test_an_export_without_its_header_is_refused_at_line_1_not_read_as_one():
    text = rows("1h 13m")
    with pytest.raises(ImportFormatError) as caught:
        parse_export(text, unit=Unit.KG)
    assert caught.value.line == 1 and caught.value.message.startswith("the file has no header line")


def test_translated_rest_timer_rows_and_rows_that_cannot_be_sets():
    text = HEADERS["German"] + "\n" + (
        "2024-01-02 18:00:00,Beine,1 Std. 5 Min.,Kniebeuge,Ruhezeit,0,0,0,120,,,\n"
        "2024-01-02 18:00:00,Beine,1 Std. 5 Min.,Kniebeuge,1,100,5,0,0,,,\n"
        "2024-01-02 18:00:00,Beine,1 Std. 5 Min.,Kniebeuge,Pausenzeit,,,,90,,,\n"  # a word Strong may use
        "2024-01-02 18:00:00,Beine,1 Std. 5 Min.,Kniebeuge,Notiz,,,,,Fersen erhöht,,\n")
    result = parse_export(text, unit=Unit.KG)
    assert result.skipped == ((2, "rest timer row, not a set"),
                              (4, "'Pausenzeit' row with no reps or weight, not a set"),
                              (5, "'Notiz' row with no reps or weight, not a set"))
    (workout,) = result.workouts
    assert [(s.reps, s.load_kg) for s in workout.sets] == [(5, 100.0)]
    assert workout.exercise_notes == (("Kniebeuge", "Fersen erhöht"),)
    # A word with reps or a weight is not a pseudo-row: refused with its line.
    with pytest.raises(ImportFormatError, match="^line 2: the set order 'Aufwärmen' is not a set number"):
        parse_export(HEADERS["German"] + "\n2024-01-02 18:00:00,Beine,1h,Kniebeuge,Aufwärmen,40,10,0,0,,,\n",
                     unit=Unit.KG)


@pytest.mark.parametrize("weight, distance, unit, load, metres", [
    ("kg", "km", Unit.KG, 60.0, 2500.0),
    ("lb", "mi", Unit.LB, 27.216, 4023.36),
    ("lbs", "mi.", Unit.LB, 27.216, 4023.36),
])
def test_the_2016_forms_with_the_unit_as_a_column_name(weight, distance, unit, load, metres):
    text = (f"Date,Workout Name,Exercise Name,Set Order,{weight},Reps,{distance},Seconds,Notes\r\n"
            '2016-10-03 19:30:55,"W1D1","Squat",0,60.0,5,0.0,0,""\r\n'
            '2016-10-03 19:30:55,"W1D1","Squat",1,60.0,5,0.0,0,""\r\n'
            '2016-10-03 19:30:55,"W1D1","Rowing Machine",0,0.0,0,2.5,720,"easy"\r\n')
    result = parse_export(text)  # the header names the unit: none needs to be given
    assert (result.format, result.unit) == ("strong", unit)
    assert result.workouts[0].sets == (
        ImportedSet("Squat", 1, WORKING, 5, load, None, None, "", 2),
        ImportedSet("Squat", 2, WORKING, 5, load, None, None, "", 3),
        ImportedSet("Rowing Machine", 1, WORKING, None, None, None, 720, "easy", 4, distance_m=metres),
    )
    assert parse_export(text, unit=Unit.KG if unit is Unit.LB else Unit.LB) == result  # the header wins


DURATION_WORDS = {"1小时13分钟": 4380, "49分钟": 2940, "1時間5分": 3900, "1 ч 5 мин": 3900, "1 Std. 5 Min.": 3900,
                  "2 Std.": 7200, "45 сек": 45, "35min": 2100, "1h 2min 3s": 3723}


def test_duration_words_of_other_languages_and_what_is_still_no_duration():
    assert {text: parse_duration(text, 1) for text in DURATION_WORDS} == DURATION_WORDS
    for text in ("1 Stunde und etwas", "1h 5", "1h 1h", "minutes"):
        with pytest.raises(ImportFormatError):
            parse_duration(text, 1)
