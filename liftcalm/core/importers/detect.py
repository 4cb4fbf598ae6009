"""Tell which app wrote an export from its header, in any language Strong ships."""

from __future__ import annotations

import unicodedata

from liftcalm.core.importers.errors import ImportFormatError, refusing_unexpected_errors
from liftcalm.core.importers.export_table import ExportTable, header_key
from liftcalm.core.importers.header_words import CANONICAL, LANGUAGE_OF
from liftcalm.core.importers.strong import looks_like_data, read_positional_header

FORMAT_NAMES = {"strong": "Strong", "hevy": "Hevy", "fitnotes": "FitNotes"}
# Columns that only one app's header has, checked in this order (by header key; Strong's by canonical name).
SIGNATURES = (
    ("strong", {"exercisename", "setorder"}),
    ("hevy", {"exercisetitle", "starttime"}),
    ("fitnotes", {"date", "exercise", "reps"}),
)
# Column names these apps use in other languages (by header key), besides Strong's own (``header_words``):
# two of them make a header foreign, so that the message says so.
FOREIGN_HEADER_WORDS = frozenset(
    """
    datum trainingsname dauer übungsname übung satzreihenfolge satz gewicht gewichtseinheit
    wiederholungen wdh distanz entfernung sekunden notizen trainingsnotizen einheit kategorie kommentar
    nomdel'entraînement entraînement durée nomdel'exercice exercice ordredesérie série poids unitédepoids
    répétitions secondes remarques notesdel'entraînement catégorie commentaire titre
    fecha nombredelentrenamiento entrenamiento duración nombredelejercicio ejercicio ordendeserie serie
    peso unidaddepeso repeticiones distancia segundos notas notasdelentrenamiento categoría comentario
    data nomeallenamento allenamento durata nomeesercizio esercizio ordinedelleserie ripetizioni secondi
    commento nomedotreino treino duração nomedoexercício exercício ordemdasérie repetições distância
    comentário trainingsnaam duur oefening setvolgorde herhalingen afstand seconden notities opmerkingen
    дата тренировка названиетренировки длительность продолжительность упражнение названиеупражнения
    подход вес повторения повторы расстояние секунды заметки примечания
    trening czastrwania ćwiczenie nazwaćwiczenia seria ciężar powtórzenia dystans sekundy notatki
    dato träningspass övning øvelse vikt vægt vekt repetitioner
    """.split()
) | frozenset(key for key, language in LANGUAGE_OF.items() if language != "English")


def detect_format(text: str) -> str:
    """Return "strong", "hevy" or "fitnotes" from the header of ``text``; refuse anything else."""
    with refusing_unexpected_errors():
        if not isinstance(text, str):
            raise ImportFormatError(1, "the export must be given as text")
        table = ExportTable.read(text, header_only=True)
        format = format_of_header(table)
        if format is None:
            if read_positional_header(table) is not None:
                return "strong"
            raise ImportFormatError(table.header_line, unknown_header_message(table))
        return format


def format_of_header(table: ExportTable) -> str | None:
    """Return the format the header's column names belong to, or None."""
    keys = set(table.keys)
    canonical = {CANONICAL.get(key, key) for key in keys}
    for format, signature in SIGNATURES:
        if signature <= (canonical if format == "strong" else keys):
            return format
    return None


def unknown_header_message(table: ExportTable) -> str:
    """Describe a header that belongs to no known app: another language, no header, or not an export at all."""
    foreign = [name.strip() for name in table.header if _looks_foreign(name)]
    if len(foreign) >= 2:
        shown = ", ".join(repr(name[:30]) for name in foreign[:3])
        return (f"the header is in a language LiftCalm does not read yet (it has {shown}); "
                "export with the app set to English")
    shown = table.delimiter.join(name.strip() for name in table.header[:4])
    if len(shown) > 60:
        shown = shown[:59] + "…"
    if looks_like_data(table.header):
        return (f"the file has no header line: its first line is already a row of data ({shown!r}); "
                "export the CSV again from the app's settings, or put the app's header line back at the top")
    return (
        f"this is not a Strong, Hevy or FitNotes export: its header starts {shown!r}; "
        "export the CSV from the app's settings and choose that file"
    )


def _looks_foreign(name: str) -> bool:
    # A short name made of letters, some of them beyond ASCII, is a column name in another language;
    # junk bytes rarely look like that.
    words = name.strip()
    if header_key(words) in FOREIGN_HEADER_WORDS:
        return True
    return (
        0 < len(words) <= 40
        and all(char.isalpha() or char in " -_'’()#/." for char in words)
        and any(not char.isascii() and unicodedata.category(char).startswith("L") for char in words)
    )
