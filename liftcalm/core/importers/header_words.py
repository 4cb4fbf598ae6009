"""The words Strong writes in its export header, in the languages it ships, and its column layouts.

Strong translates the header (and its "Rest Timer" rows) into the language the app is set to;
the rows stay the same. Each column name is matched by its key (``header_key``: case, spacing and
underscores ignored) to one of the canonical names below.

How sure each language is:

- English: every layout in ``LAYOUTS`` is in real exports.
- French and Chinese (simplified): read from real exports (the iOS layout: ``Nom de l'entraînement``,
  ``Ordre de la série``, ``Réps``; ``锻炼名称``, ``设置顺序``, ``次``). The Android-only columns (weight
  unit, distance unit, workout duration) are not in those files; their French and Chinese names here
  are our best reading and may differ.
- German, Spanish, Italian, Portuguese, Russian, Japanese and Chinese (traditional): no real export
  was available. The names here are the usual words for each column, several where Strong may use
  either; they may not be Strong's own. A header that does not match is still read when its columns
  stand exactly where one of Strong's layouts puts them and the first rows agree (``LAYOUTS``):
  the preview then says the columns were read by position.
"""

from __future__ import annotations

import re
import unicodedata

# The canonical names, as in Strong's English header (by key).
DATE, WORKOUT, DURATION, EXERCISE, ORDER = "date", "workoutname", "duration", "exercisename", "setorder"
WEIGHT, WEIGHT_UNIT, REPS, RPE = "weight", "weightunit", "reps", "rpe"
DISTANCE, DISTANCE_UNIT, SECONDS = "distance", "distanceunit", "seconds"
NOTES, WORKOUT_NOTES, WORKOUT_NUMBER = "notes", "workoutnotes", "workout#"

# Column names per language, by canonical name. The first language whose words a header uses most
# names it in the preview.
WORDS: dict[str, dict[str, tuple[str, ...]]] = {
    "English": {
        DATE: ("Date",), WORKOUT: ("Workout Name",), DURATION: ("Duration", "Workout Duration"),
        EXERCISE: ("Exercise Name",), ORDER: ("Set Order",), WEIGHT: ("Weight",), WEIGHT_UNIT: ("Weight Unit",),
        REPS: ("Reps",), RPE: ("RPE",), DISTANCE: ("Distance",), DISTANCE_UNIT: ("Distance Unit",),
        SECONDS: ("Seconds",), NOTES: ("Notes",), WORKOUT_NOTES: ("Workout Notes",),
        WORKOUT_NUMBER: ("Workout #", "Workout No", "Workout Number"),
    },
    "French": {  # iOS columns from a real export; the others are our reading
        DATE: ("Date",), WORKOUT: ("Nom de l'entraînement",),
        DURATION: ("Durée", "Durée de l'entraînement"), EXERCISE: ("Nom de l'exercice",),
        ORDER: ("Ordre de la série", "Ordre des séries"), WEIGHT: ("Poids",), WEIGHT_UNIT: ("Unité de poids",),
        REPS: ("Réps", "Répétitions"), RPE: ("RPE",), DISTANCE: ("Distance",),
        DISTANCE_UNIT: ("Unité de distance",), SECONDS: ("Secondes",), NOTES: ("Notes",),
        WORKOUT_NOTES: ("Notes d'entraînement", "Notes de l'entraînement"), WORKOUT_NUMBER: ("Entraînement n°",),
    },
    "Chinese": {  # simplified; iOS columns from a real export
        DATE: ("日期",), WORKOUT: ("锻炼名称",), DURATION: ("时长", "锻炼时长"), EXERCISE: ("运动名称",),
        ORDER: ("设置顺序", "组序"), WEIGHT: ("重量",), WEIGHT_UNIT: ("重量单位",), REPS: ("次", "次数"),
        RPE: ("RPE",), DISTANCE: ("距离",), DISTANCE_UNIT: ("距离单位",), SECONDS: ("秒",), NOTES: ("备注",),
        WORKOUT_NOTES: ("锻炼备注",),
    },
    "Chinese (traditional)": {  # unsure
        DATE: ("日期",), WORKOUT: ("鍛鍊名稱", "訓練名稱"), DURATION: ("時長", "鍛鍊時長"), EXERCISE: ("運動名稱",),
        ORDER: ("設定順序", "設置順序", "組序"), WEIGHT: ("重量",), WEIGHT_UNIT: ("重量單位",), REPS: ("次", "次數"),
        DISTANCE: ("距離",), DISTANCE_UNIT: ("距離單位",), SECONDS: ("秒",), NOTES: ("備註",),
        WORKOUT_NOTES: ("鍛鍊備註",),
    },
    "German": {  # unsure
        DATE: ("Datum",), WORKOUT: ("Trainingsname", "Workout-Name", "Name des Trainings"),
        DURATION: ("Dauer", "Trainingsdauer", "Workout-Dauer"),
        EXERCISE: ("Übungsname", "Name der Übung", "Übung"),
        ORDER: ("Satzreihenfolge", "Reihenfolge der Sätze", "Satz", "Reihenfolge festlegen"),
        WEIGHT: ("Gewicht",), WEIGHT_UNIT: ("Gewichtseinheit",), REPS: ("Wiederholungen", "Wdh.", "Wdh"),
        DISTANCE: ("Distanz", "Entfernung", "Strecke"), DISTANCE_UNIT: ("Distanzeinheit", "Entfernungseinheit"),
        SECONDS: ("Sekunden",), NOTES: ("Notizen",), WORKOUT_NOTES: ("Trainingsnotizen", "Workout-Notizen"),
    },
    "Spanish": {  # unsure
        DATE: ("Fecha",), WORKOUT: ("Nombre del entrenamiento",),
        DURATION: ("Duración", "Duración del entrenamiento"), EXERCISE: ("Nombre del ejercicio",),
        ORDER: ("Orden de la serie", "Orden de series", "Orden de serie"), WEIGHT: ("Peso",),
        WEIGHT_UNIT: ("Unidad de peso",), REPS: ("Repeticiones", "Reps"), DISTANCE: ("Distancia",),
        DISTANCE_UNIT: ("Unidad de distancia",), SECONDS: ("Segundos",), NOTES: ("Notas",),
        WORKOUT_NOTES: ("Notas del entrenamiento",),
    },
    "Italian": {  # unsure
        DATE: ("Data",), WORKOUT: ("Nome allenamento", "Nome dell'allenamento"),
        DURATION: ("Durata", "Durata allenamento"), EXERCISE: ("Nome esercizio", "Nome dell'esercizio"),
        ORDER: ("Ordine delle serie", "Ordine serie", "Ordine della serie"), WEIGHT: ("Peso",),
        WEIGHT_UNIT: ("Unità di peso",), REPS: ("Ripetizioni", "Rip."), DISTANCE: ("Distanza",),
        DISTANCE_UNIT: ("Unità di distanza",), SECONDS: ("Secondi",), NOTES: ("Note",),
        WORKOUT_NOTES: ("Note allenamento", "Note dell'allenamento"),
    },
    "Portuguese": {  # unsure
        DATE: ("Data",), WORKOUT: ("Nome do treino",), DURATION: ("Duração", "Duração do treino"),
        EXERCISE: ("Nome do exercício",), ORDER: ("Ordem da série", "Ordem das séries"), WEIGHT: ("Peso",),
        WEIGHT_UNIT: ("Unidade de peso",), REPS: ("Repetições", "Reps"), DISTANCE: ("Distância",),
        DISTANCE_UNIT: ("Unidade de distância",), SECONDS: ("Segundos",), NOTES: ("Notas",),
        WORKOUT_NOTES: ("Notas do treino",),
    },
    "Russian": {  # unsure
        DATE: ("Дата",), WORKOUT: ("Название тренировки", "Тренировка"),
        DURATION: ("Длительность", "Продолжительность", "Длительность тренировки"),
        EXERCISE: ("Название упражнения", "Упражнение"), ORDER: ("Порядок подходов", "Порядок подхода", "Подход"),
        WEIGHT: ("Вес",), WEIGHT_UNIT: ("Единица веса",), REPS: ("Повторения", "Повторы", "Повт."),
        DISTANCE: ("Расстояние", "Дистанция"), DISTANCE_UNIT: ("Единица расстояния",), SECONDS: ("Секунды",),
        NOTES: ("Заметки", "Примечания"), WORKOUT_NOTES: ("Заметки к тренировке", "Заметки тренировки"),
    },
    "Japanese": {  # unsure
        DATE: ("日付",), WORKOUT: ("ワークアウト名", "トレーニング名"), DURATION: ("時間", "所要時間", "ワークアウト時間"),
        EXERCISE: ("種目名", "エクササイズ名"), ORDER: ("セット順", "セットの順序", "セット順序"), WEIGHT: ("重量",),
        WEIGHT_UNIT: ("重量単位",), REPS: ("回数", "レップ数", "レップ"), DISTANCE: ("距離",),
        DISTANCE_UNIT: ("距離単位",), SECONDS: ("秒",), NOTES: ("メモ",), WORKOUT_NOTES: ("ワークアウトメモ",),
    },
}

# What Strong writes in the Set Order column of rows that are not sets. Rest-timer rows: "Rest Timer"
# (English, real exports) and "Ruhezeit" (German, as reported); other languages are not known, so a
# row whose set order is a word and that carries no reps and no weight is taken for one whatever the
# word (``is_pseudo_row``). Note rows carry the exercise's note in that workout.
REST_TIMER_WORDS = frozenset({"rest timer", "ruhezeit"})
NOTE_WORDS = frozenset({"note"})
# Set types in the Set Order column. Only the English letters are known from real exports; in the
# French and Chinese exports every set order is a number.
SET_TYPE_LETTERS = {"w": "warmup", "d": "drop", "f": "failure"}

# Strong's layouts, column by column (canonical names; a unit in the name is given after a colon).
# Used to read a header in a language whose words are not known, by position, once the first rows
# agree with the layout.
LAYOUTS: tuple[tuple[str, ...], ...] = (
    (DATE, WORKOUT, DURATION, EXERCISE, ORDER, WEIGHT, REPS, DISTANCE, SECONDS, NOTES, WORKOUT_NOTES, RPE),
    (DATE, WORKOUT, EXERCISE, ORDER, WEIGHT, REPS, DISTANCE, SECONDS, NOTES, WORKOUT_NOTES, RPE),
    (DATE, WORKOUT, EXERCISE, ORDER, WEIGHT, REPS, DISTANCE, SECONDS, NOTES, WORKOUT_NOTES),
    (DATE, WORKOUT, DURATION, EXERCISE, ORDER, WEIGHT, REPS, DISTANCE, SECONDS, RPE),
    (DATE, WORKOUT, EXERCISE, ORDER, WEIGHT, WEIGHT_UNIT, REPS, DISTANCE, DISTANCE_UNIT, SECONDS, NOTES,
     WORKOUT_NOTES),
    (DATE, WORKOUT, EXERCISE, ORDER, WEIGHT, WEIGHT_UNIT, REPS, RPE, DISTANCE, DISTANCE_UNIT, SECONDS, NOTES,
     WORKOUT_NOTES),
    (DATE, WORKOUT, EXERCISE, ORDER, WEIGHT, WEIGHT_UNIT, REPS, RPE, DISTANCE, DISTANCE_UNIT, SECONDS, NOTES,
     WORKOUT_NOTES, DURATION),
    (WORKOUT_NUMBER, DATE, WORKOUT, DURATION, EXERCISE, ORDER, WEIGHT, REPS, RPE, DISTANCE, SECONDS, NOTES,
     WORKOUT_NOTES),
    (DATE, WORKOUT, EXERCISE, ORDER, WEIGHT, REPS, DISTANCE, SECONDS, NOTES),
)

# Units written in a column's name: "Weight (kg)", "Distance (meters)", or the whole name ("kg", "mi.").
_UNIT_IN_NAME = re.compile(r"^(?P<base>.*?)\s*\((?P<unit>[^()]*)\)\s*$")
_WEIGHT_UNITS = {"kg": "kg", "kgs": "kg", "lb": "lb", "lbs": "lb"}
_DISTANCE_UNITS = {"km": "km", "mi": "mi", "mi.": "mi", "miles": "mi", "m": "m", "meters": "m", "metres": "m",
                   "mètres": "m", "米": "m", "公里": "km", "км": "km", "м": "m", "метры": "m", "meter": "m"}
_DURATION_UNITS = {"sec", "s", "seconds", "secondes", "segundos", "sekunden", "secondi", "秒", "сек"}


def header_key(name: str) -> str:
    """Return the key a column name is matched by: case, surrounding and inner spacing and underscores ignored."""
    return re.sub(r"[\s_]+", "", unicodedata.normalize("NFKC", name).casefold()).replace("’", "'")


def _index() -> tuple[dict[str, str], dict[str, str]]:
    canonical: dict[str, str] = {}
    language: dict[str, str] = {}
    for lang, columns in WORDS.items():
        for name, words in columns.items():
            for word in words:
                key = header_key(word)
                canonical.setdefault(key, name)
                language.setdefault(key, lang)
    return canonical, language


CANONICAL, LANGUAGE_OF = _index()


def read_column_name(name: str) -> tuple[str | None, str | None]:
    """The canonical name of a header cell and the unit its name gives, e.g. ("weight", "kg").

    The unit is "kg" or "lb" for a weight, "km", "mi" or "m" for a distance, "s" for a duration in
    seconds; (None, None) for a name that is not one of Strong's.
    """
    key = header_key(name)
    if key in _WEIGHT_UNITS:  # the 2016-2018 forms: the unit is the column's name
        return WEIGHT, _WEIGHT_UNITS[key]
    if key in _DISTANCE_UNITS and key != "m":
        return DISTANCE, _DISTANCE_UNITS[key]
    if key in CANONICAL:
        return CANONICAL[key], None
    bracketed = _UNIT_IN_NAME.match(unicodedata.normalize("NFKC", name).strip())
    if bracketed:
        base, unit = header_key(bracketed["base"]), header_key(bracketed["unit"])
        column = CANONICAL.get(base)
        if column == WEIGHT and unit in _WEIGHT_UNITS:
            return WEIGHT, _WEIGHT_UNITS[unit]
        if column == DISTANCE and unit in _DISTANCE_UNITS:
            return DISTANCE, _DISTANCE_UNITS[unit]
        if column == DURATION and unit in _DURATION_UNITS:
            return DURATION, "s"
    return None, None


def header_language(header: list[str] | tuple[str, ...]) -> str:
    """The language whose column names ``header`` uses most (English when it shares them)."""
    counts: dict[str, int] = {}
    for name in header:
        key = header_key(name)
        for lang, columns in WORDS.items():
            if any(header_key(word) == key for words in columns.values() for word in words):
                counts[lang] = counts.get(lang, 0) + 1
    if not counts:
        return "an unknown language"
    best = max(counts.values())
    return next(lang for lang in WORDS if counts.get(lang) == best)
