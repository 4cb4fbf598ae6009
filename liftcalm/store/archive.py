"""LiftCalm's own JSON export: everything, by names rather than database ids.

Importing an archive into an empty database and exporting again gives the same JSON. An
import is one transaction; a problem names the JSON path of the value at fault.

Version 2 keeps what version 1 could not: a set's reps and load may be missing (null, never 0),
and a set has a distance, a note and a superset group; a session keeps each exercise's note;
an exercise says whether it counts reps, time or distance; a routine item keeps its per-set
targets; the exercise plans, the body weights and the remembered import names come along.
Version 1 archives still import (their reps and loads are always given).
"""

from __future__ import annotations

import contextlib
import json
import math
import re
import sqlite3
from datetime import datetime

from liftcalm.core.changes import Change, ChangeKind
from liftcalm.core.importers.errors import ImportCancelled
from liftcalm.core.importers.values import YEAR_RANGE
from liftcalm.core.models import SetType
from liftcalm.core.validation import name_key

ARCHIVE_FORMAT = "liftcalm"
ARCHIVE_VERSION = 2
READ_VERSIONS = (1, 2)

SESSION_FIELDS = ("routine", "kind", "started_at", "ended_at", "shorter", "energy", "motivation", "stress_before",
                  "stress_final", "note", "source", "import_key")
SET_FIELDS = ("exercise", "set_number", "set_type", "reps", "load_kg", "rpe", "duration_s", "ended_at",
              "stress_after_set", "stress_end_of_rest", "relief_signs", "relief_note", "stress_after_set_at",
              "stress_end_of_rest_at", "distance_m", "note", "superset_group")
ITEM_FIELDS = ("exercise", "set_types", "reps", "load_kg", "rest_s", "superset_with_next", "note", "duration_s",
               "set_targets")

MAX_DEPTH = 64  # an archive nests five levels deep; json.loads runs out of stack near a thousand

# What each record holds: field -> (the kind of value, its default). REQUIRED fields must be
# there; a field whose default is None may be null. Anything else in a record is ignored.
REQUIRED = object()
NAME, TEXT, TIME, WHOLE, NUMBER, FLAG, TEXTS, ANY = (
    "a name", "text", "a date and time", "a whole number", "a number", "true or false", "a list of text",
    "any value")
EXERCISE_SCHEMA = {
    "name": (NAME, REQUIRED), "kind": (TEXT, REQUIRED), "muscles": (TEXTS, []), "equipment": (TEXT, ""),
    "bodyweight": (FLAG, False), "custom": (FLAG, False), "duration_s": (WHOLE, None), "description": (TEXT, ""),
    "measure": (TEXT, "reps"),
}
ROUTINE_SCHEMA = {"name": (NAME, REQUIRED)}
ITEM_SCHEMA = {
    "exercise": (TEXT, REQUIRED), "set_types": (TEXTS, REQUIRED), "reps": (WHOLE, REQUIRED),
    "load_kg": (NUMBER, REQUIRED), "rest_s": (WHOLE, REQUIRED), "superset_with_next": (FLAG, False),
    "note": (TEXT, ""), "duration_s": (WHOLE, None), "set_targets": (ANY, None),
}
SESSION_SCHEMA = {
    "routine": (TEXT, ""), "kind": (TEXT, REQUIRED), "started_at": (TIME, REQUIRED), "ended_at": (TIME, None),
    "shorter": (FLAG, False), "energy": (WHOLE, None), "motivation": (WHOLE, None), "stress_before": (WHOLE, None),
    "stress_final": (WHOLE, None), "note": (TEXT, ""), "source": (TEXT, "liftcalm"), "import_key": (TEXT, None),
}
SET_SCHEMA = {
    "exercise": (TEXT, REQUIRED), "set_number": (WHOLE, REQUIRED), "set_type": (TEXT, REQUIRED),
    "reps": (WHOLE, REQUIRED), "load_kg": (NUMBER, REQUIRED), "rpe": (NUMBER, None), "duration_s": (WHOLE, None),
    "ended_at": (TIME, REQUIRED), "stress_after_set": (WHOLE, None), "stress_end_of_rest": (WHOLE, None),
    "relief_signs": (TEXTS, []), "relief_note": (TEXT, ""),
    "stress_after_set_at": (TIME, None), "stress_end_of_rest_at": (TIME, None),
}
# Version 2: missing reps and loads are null; the set's own distance, note and superset group.
SET_SCHEMA_2 = {**SET_SCHEMA, "reps": (WHOLE, None), "load_kg": (NUMBER, None), "distance_m": (NUMBER, None),
                "note": (TEXT, ""), "superset_group": (WHOLE, None)}
EXERCISE_NOTE_SCHEMA = {"exercise": (TEXT, REQUIRED), "note": (TEXT, REQUIRED)}
PLAN_SCHEMA = {"exercise": (TEXT, REQUIRED), "progression": (TEXT, "none"), "load_step_kg": (NUMBER, None)}
BODY_WEIGHT_SCHEMA = {"day": (TEXT, REQUIRED), "kg": (NUMBER, REQUIRED)}
IMPORT_NAME_SCHEMA = {"name_key": (TEXT, REQUIRED), "exercise": (TEXT, REQUIRED)}
SETTINGS_SCHEMA = {"unit": (TEXT, "kg"), "default_rest_s": (WHOLE, 90)}
_SQLITE_INTEGER = 2**63
# What a refused value may raise on its way into the database, besides ArchiveError.
_BAD_VALUE = (TypeError, ValueError, LookupError, AttributeError, OverflowError, RecursionError,
              sqlite3.IntegrityError, sqlite3.InterfaceError, sqlite3.ProgrammingError, sqlite3.DataError)


class ArchiveError(ValueError):
    """A LiftCalm archive that cannot be imported; ``where`` is a JSON path or a line."""

    def __init__(self, where: str, message: str):
        super().__init__(f"{where}: {message}")


def export_archive(store) -> dict:
    """Everything in the database as plain JSON values, in a stable order."""
    conn = store.conn
    exercises = [
        {"name": name, "kind": kind, "muscles": [m for m in muscles.split(",") if m], "equipment": equipment,
         "bodyweight": bool(bodyweight), "custom": bool(custom), "duration_s": duration_s, "description": description,
         "measure": measure}
        for name, kind, muscles, equipment, bodyweight, custom, duration_s, description, measure in conn.execute(
            "SELECT name, kind, muscles, equipment, is_bodyweight, is_custom, duration_s, description, measure"
            " FROM exercise ORDER BY name_key")
    ]
    routines = []
    for routine_id, name in conn.execute("SELECT id, name FROM routine ORDER BY name_key").fetchall():
        items = conn.execute(
            "SELECT e.name, i.set_types, i.target_reps, i.target_load_kg, i.rest_s, i.superset_with_next, i.note,"
            " i.duration_s, i.set_targets FROM routine_item i JOIN exercise e ON e.id = i.exercise_id"
            " WHERE i.routine_id = ? ORDER BY i.position", (routine_id,)).fetchall()
        routines.append({"name": name, "items": [
            dict(zip(ITEM_FIELDS, (e, t.split(","), reps, load, rest, bool(superset), note, duration,
                                   _json_value(targets))))
            for e, t, reps, load, rest, superset, note, duration, targets in items]})
    sessions = []
    for session_id, *values in conn.execute(
            "SELECT id, routine_name, kind, started_at, ended_at, shorter, energy, motivation, stress_before,"
            " stress_final, note, source, import_key FROM session ORDER BY started_at, id").fetchall():
        session = dict(zip(SESSION_FIELDS, values))
        session["shorter"] = bool(session["shorter"])
        session["sets"] = [
            {**dict(zip(SET_FIELDS, row)), "relief_signs": [s for s in row[10].split(",") if s]}
            for row in conn.execute(
                "SELECT e.name, l.set_number, l.set_type, l.reps, l.load_kg, l.rpe, l.duration_s, l.ended_at,"
                " l.stress_after_set, l.stress_end_of_rest, l.relief_signs, l.relief_note, l.stress_after_set_at,"
                " l.stress_end_of_rest_at, l.distance_m, l.note, l.superset_group FROM logged_set l"
                " JOIN exercise e ON e.id = l.exercise_id WHERE l.session_id = ? ORDER BY l.position",
                (session_id,))
        ]
        session["exercise_notes"] = [
            {"exercise": name, "note": note} for name, note in conn.execute(
                "SELECT e.name, x.note FROM session_exercise x JOIN exercise e ON e.id = x.exercise_id"
                " WHERE x.session_id = ? ORDER BY e.name_key", (session_id,))]
        sessions.append(session)
    settings = {"unit": store.settings.unit.value, "default_rest_s": store.settings.default_rest_s}
    plans = [{"exercise": name, "progression": progression, "load_step_kg": step} for name, progression, step in
             conn.execute("SELECT e.name, p.progression, p.load_step_kg FROM exercise_plan p"
                          " JOIN exercise e ON e.id = p.exercise_id ORDER BY e.name_key")]
    body_weights = [{"day": day, "kg": kg} for day, kg in conn.execute("SELECT day, kg FROM body_weight ORDER BY day")]
    import_names = [{"name_key": key, "exercise": name} for key, name in conn.execute(
        "SELECT i.name_key, e.name FROM import_name i JOIN exercise e ON e.id = i.exercise_id ORDER BY i.name_key")]
    from liftcalm.core.scales import SCALES

    # What the ratings' numbers mean, in the words the app asked them with.
    scales = {scale.key: scale.to_dict() for scale in SCALES}
    return {"format": ARCHIVE_FORMAT, "version": ARCHIVE_VERSION, "scales": scales, "settings": settings,
            "exercises": exercises, "routines": routines, "sessions": sessions, "exercise_plans": plans,
            "body_weights": body_weights, "import_names": import_names}


def _json_value(text: str | None):
    """A JSON column's value (a routine item's per-set targets), or None."""
    if text is None:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return None


def archive_json(store) -> str:
    return json.dumps(export_archive(store), indent=2, ensure_ascii=False) + "\n"


def read_archive(text: str) -> dict:
    """Parse archive text; raise ArchiveError with the line of a JSON syntax error."""
    try:
        data = json.loads(text, parse_constant=_Unreadable, parse_int=_read_int, parse_float=_read_float)
    except json.JSONDecodeError as error:
        raise ArchiveError(f"line {error.lineno}", f"not valid JSON ({error.msg}, column {error.colno})") from None
    except RecursionError:
        raise ArchiveError(f"line {_line_too_deep(text)}", f"values are nested more than {MAX_DEPTH} levels deep, "
                                                           "which a LiftCalm archive never is") from None
    if not isinstance(data, dict) or data.get("format") != ARCHIVE_FORMAT:
        raise ArchiveError("line 1", 'not a LiftCalm archive (no "format": "liftcalm")')
    version = data.get("version")
    if version not in READ_VERSIONS or isinstance(version, bool):
        raise ArchiveError("version", f"archive version {_shown(version)} is not one this LiftCalm reads")
    return data


class _Unreadable:
    """A number JSON allows but an archive never holds (NaN, Infinity, thousands of digits)."""

    def __init__(self, text: str):
        self.text = text if len(text) <= 24 else text[:23] + "…"

    def __repr__(self) -> str:
        return self.text


def _read_int(text: str):
    return int(text) if len(text) <= 30 else _Unreadable(text)


def _read_float(text: str):
    value = float(text)
    return value if math.isfinite(value) else _Unreadable(text)


_DEPTH_TOKENS = re.compile(r'"(?:[^"\\\n]|\\.)*"|[\[{\]}\n]')


def _line_too_deep(text: str) -> int:
    """The line where values first nest deeper than MAX_DEPTH (strings skipped)."""
    line, depth = 1, 0
    for match in _DEPTH_TOKENS.finditer(text):
        token = match.group()
        if token == "\n":
            line += 1
        elif token in ("[", "{"):
            depth += 1
            if depth > MAX_DEPTH:
                return line
        elif token in ("]", "}"):
            depth -= 1
    return line


def import_archive(store, data: dict, dry_run: bool = False, progress=None, cancelled=None) -> dict:
    """Add an archive's exercises, routines and sessions in one transaction; return counts.

    Exercises and routines already present by name, and sessions already present (same start,
    routine and source), are left as they are. Settings are taken only into a database that
    has no sessions yet (a restore). ``progress(done, total)`` is called per session; when
    ``cancelled()`` turns true, ``ImportCancelled`` is raised and nothing is kept. A value of
    the wrong kind or out of range raises ``ArchiveError`` naming its JSON path; nothing is kept.
    """
    conn = store.conn
    counts = {"exercises": 0, "routines": 0, "sessions": 0, "sets": 0, "duplicates": 0, "new_exercises": []}
    if not isinstance(data, dict):
        raise ArchiveError("line 1", 'not a LiftCalm archive (no "format": "liftcalm")')
    try:
        with store.transaction(keep=not dry_run):
            version = data.get("version", ARCHIVE_VERSION)
            fresh = conn.execute("SELECT count(*) FROM session").fetchone()[0] == 0
            ids = _import_exercises(conn, _list(data, "exercises"), counts)
            _import_routines(conn, _list(data, "routines"), ids, counts)
            _import_sessions(conn, _list(data, "sessions"), ids, counts, progress, cancelled,
                             SET_SCHEMA_2 if version == 2 else SET_SCHEMA)
            _import_plans(conn, _list(data, "exercise_plans"), ids)
            _import_body_weights(conn, _list(data, "body_weights"))
            _import_names(conn, _list(data, "import_names"), ids)
            settings = data.get("settings")
            if settings is not None and not isinstance(settings, dict):
                raise ArchiveError("settings", f"expected an object, not {_kind_of(settings)}")
            if fresh and settings:
                _set_settings(store, _record(settings, "settings", SETTINGS_SCHEMA))
            for kind in (ChangeKind.EXERCISES, ChangeKind.ROUTINES, ChangeKind.SESSIONS):
                store.changes.publish(Change(kind))
    except ArchiveError:
        raise
    except _BAD_VALUE as error:  # a value no check above foresaw: still a refusal, never a crash
        raise ArchiveError("archive", f"a value cannot be imported ({type(error).__name__}: {error})") from None
    return counts


def _list(data: dict, key: str) -> list:
    value = data.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise ArchiveError(key, f"expected a list, not {_kind_of(value)}")
    return value


def _sublist(record: dict, key: str, where: str) -> list:
    """The list ``record[key]`` must hold (a routine's items, a session's sets)."""
    if key not in record:
        raise ArchiveError(where, f"missing “{key}”")
    value = record[key]
    if not isinstance(value, list):
        raise ArchiveError(f"{where}.{key}", f"expected a list, not {_kind_of(value)}")
    return value


def _record(value, where: str, schema: dict) -> dict:
    """The fields of ``schema`` from the JSON object ``value``, each checked; ArchiveError names the one at fault."""
    if not isinstance(value, dict):
        raise ArchiveError(where, f"expected an object, not {_kind_of(value)}")
    record = {}
    for key, (kind, default) in schema.items():
        given = value.get(key)
        if given is None:
            if default is REQUIRED:
                raise ArchiveError(where, f"missing “{key}”") if key not in value else ArchiveError(
                    f"{where}.{key}", f"expected {kind}, not null")
            record[key] = list(default) if isinstance(default, list) else default
        else:
            record[key] = _checked(given, kind, f"{where}.{key}")
    return record


def _checked(value, kind: str, where: str):
    """``value`` if it is of ``kind`` (a whole float becomes an int, 0 and 1 may be flags)."""
    if kind == ANY:
        return value
    if kind == TEXTS:
        if not isinstance(value, list):
            raise ArchiveError(where, f"expected {kind}, not {_kind_of(value)}")
        return [_checked(item, TEXT, f"{where}[{index}]") for index, item in enumerate(value)]
    if kind in (TEXT, NAME, TIME):
        if not isinstance(value, str):
            raise ArchiveError(where, f"expected {kind}, not {_kind_of(value)}")
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise ArchiveError(where, "the text holds characters that are not valid Unicode") from None
        if kind == NAME and not value.strip():
            raise ArchiveError(where, "the name is empty")
        if kind == TIME:
            _check_time(value, where)
        return value
    if kind == FLAG:
        if isinstance(value, bool) or (type(value) is int and value in (0, 1)):
            return bool(value)
        raise ArchiveError(where, f"expected {kind}, not {_kind_of(value)}")
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ArchiveError(where, f"expected {kind}, not {_kind_of(value)}")
    if not -_SQLITE_INTEGER < value < _SQLITE_INTEGER:
        raise ArchiveError(where, f"the number {_shown(value)} is out of range")
    if kind == WHOLE and isinstance(value, float):
        if not value.is_integer():
            raise ArchiveError(where, f"expected {kind}, not {_shown(value)}")
        return int(value)
    return value


def _check_time(text: str, where: str) -> None:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise ArchiveError(where, f"“{text[:40]}” is not a date and time like 2024-03-05T07:12:44+01:00") from None
    if not YEAR_RANGE[0] <= moment.year <= YEAR_RANGE[1]:
        raise ArchiveError(where, f"the date {text[:40]} is out of range: LiftCalm reads the years "
                                  f"{YEAR_RANGE[0]} to {YEAR_RANGE[1]}")


def _kind_of(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {_shown(value)}"
    if isinstance(value, str):
        return f"the text “{value}”" if len(value) <= 40 else "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return repr(value)  # NaN, Infinity, a number of thousands of digits


def _shown(value) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:39] + "…"


@contextlib.contextmanager
def _reporting(where: str):
    """Turn a bad or missing value met while writing ``where`` into an ArchiveError naming it."""
    try:
        yield
    except ArchiveError:
        raise
    except _BAD_VALUE as error:
        raise ArchiveError(where, f"a value is missing or out of range ({error})") from None


def _import_exercises(conn, exercises: list, counts: dict) -> dict[str, int]:
    ids = {key: id_ for id_, key in conn.execute("SELECT id, name_key FROM exercise")}
    for index, given in enumerate(exercises):
        where = f"exercises[{index}]"
        exercise = _record(given, where, EXERCISE_SCHEMA)
        name = exercise["name"]
        if name_key(name) in ids:
            continue
        with _reporting(where):
            cursor = conn.execute(
                "INSERT INTO exercise (name, name_key, kind, muscles, equipment, is_bodyweight, is_custom, duration_s,"
                " description, measure) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (name, name_key(name), exercise["kind"], ",".join(exercise["muscles"]), exercise["equipment"],
                 int(exercise["bodyweight"]), int(exercise["custom"]), exercise["duration_s"],
                 exercise["description"], exercise["measure"]))
        ids[name_key(name)] = cursor.lastrowid
        counts["exercises"] += 1
        counts["new_exercises"].append(name)
    return ids


def _exercise_id(ids: dict, name: str, where: str) -> int:
    try:
        return ids[name_key(name)]
    except KeyError:
        raise ArchiveError(where, f"exercise “{name[:40]}” is not in the archive's exercises") from None


SET_TYPES = tuple(set_type.value for set_type in SetType)


def _import_routines(conn, routines: list, ids: dict, counts: dict) -> None:
    for index, given in enumerate(routines):
        where = f"routines[{index}]"
        name = _record(given, where, ROUTINE_SCHEMA)["name"]
        items = _sublist(given, "items", where)
        if conn.execute("SELECT 1 FROM routine WHERE name_key = ?", (name_key(name),)).fetchone():
            counts["duplicates"] += 1
            continue
        with _reporting(where):
            routine_id = conn.execute("INSERT INTO routine (name, name_key) VALUES (?, ?)",
                                      (name, name_key(name))).lastrowid
        for position, given_item in enumerate(items):
            item_where = f"{where}.items[{position}]"
            item = _record(given_item, item_where, ITEM_SCHEMA)
            exercise_id = _exercise_id(ids, item["exercise"], item_where)
            _check_set_types(item["set_types"], f"{item_where}.set_types")
            with _reporting(item_where):
                targets = item["set_targets"]
                if targets is not None and not isinstance(targets, list):
                    raise ArchiveError(f"{item_where}.set_targets", f"expected a list, not {_kind_of(targets)}")
                conn.execute(
                    "INSERT INTO routine_item (routine_id, position, exercise_id, set_types, target_reps,"
                    " target_load_kg, rest_s, superset_with_next, note, duration_s, set_targets)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (routine_id, position, exercise_id, ",".join(item["set_types"]), item["reps"], item["load_kg"],
                     item["rest_s"], int(item["superset_with_next"]), item["note"], item["duration_s"],
                     None if targets is None else json.dumps(targets, separators=(",", ":"))))
        counts["routines"] += 1


def _check_set_types(set_types: list[str], where: str) -> None:
    if not set_types:
        raise ArchiveError(where, "expected at least one set")
    for index, set_type in enumerate(set_types):
        if set_type not in SET_TYPES:
            raise ArchiveError(f"{where}[{index}]", f"“{set_type[:40]}” is not one of {', '.join(SET_TYPES)}")


def _import_sessions(conn, sessions: list, ids: dict, counts: dict, progress, cancelled,
                     set_schema: dict = SET_SCHEMA) -> None:
    for index, given in enumerate(sessions):
        if cancelled is not None and cancelled():
            raise ImportCancelled
        if progress is not None:
            progress(index, len(sessions))
        where = f"sessions[{index}]"
        session = _record(given, where, SESSION_SCHEMA)
        logged_sets = _sublist(given, "sets", where)
        started_at, routine, source = session["started_at"], session["routine"], session["source"]
        if conn.execute("SELECT 1 FROM session WHERE started_at = ? AND routine_name = ? AND source = ?",
                        (started_at, routine, source)).fetchone():
            counts["duplicates"] += 1
            continue
        linked = conn.execute("SELECT id FROM routine WHERE name_key = ?", (name_key(routine),)).fetchone()
        with _reporting(where):
            session_id = conn.execute(
                "INSERT INTO session (routine_id, routine_name, kind, started_at, ended_at, shorter, energy,"
                " motivation, stress_before, stress_final, note, source, import_key)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (linked[0] if linked else None, routine, session["kind"], started_at, session["ended_at"],
                 int(session["shorter"]), session["energy"], session["motivation"], session["stress_before"],
                 session["stress_final"], session["note"], source, session["import_key"])).lastrowid
        for position, given_set in enumerate(logged_sets):
            set_where = f"{where}.sets[{position}]"
            logged = _record(given_set, set_where, set_schema)
            exercise_id = _exercise_id(ids, logged["exercise"], set_where)
            with _reporting(set_where):
                conn.execute(
                    "INSERT INTO logged_set (session_id, position, exercise_id, set_number, set_type, reps, load_kg,"
                    " rpe, duration_s, ended_at, stress_after_set, stress_end_of_rest, relief_signs, relief_note,"
                    " stress_after_set_at, stress_end_of_rest_at, distance_m, note, superset_group)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (session_id, position, exercise_id, logged["set_number"], logged["set_type"], logged["reps"],
                     logged["load_kg"], logged["rpe"], logged["duration_s"], logged["ended_at"],
                     logged["stress_after_set"], logged["stress_end_of_rest"], ",".join(logged["relief_signs"]),
                     logged["relief_note"], logged["stress_after_set_at"], logged["stress_end_of_rest_at"],
                     logged.get("distance_m"), logged.get("note", ""), logged.get("superset_group")))
            counts["sets"] += 1
        notes = given.get("exercise_notes") if isinstance(given, dict) else None
        if notes is not None and not isinstance(notes, list):
            raise ArchiveError(f"{where}.exercise_notes", f"expected a list, not {_kind_of(notes)}")
        for index, given_note in enumerate(notes or ()):
            note_where = f"{where}.exercise_notes[{index}]"
            note = _record(given_note, note_where, EXERCISE_NOTE_SCHEMA)
            exercise_id = _exercise_id(ids, note["exercise"], note_where)
            with _reporting(note_where):
                conn.execute("INSERT INTO session_exercise (session_id, exercise_id, note) VALUES (?, ?, ?)"
                             " ON CONFLICT (session_id, exercise_id)"
                             " DO UPDATE SET note = note || char(10) || excluded.note",
                             (session_id, exercise_id, note["note"]))
        counts["sessions"] += 1


def _import_plans(conn, plans: list, ids: dict) -> None:
    for index, given in enumerate(plans):
        where = f"exercise_plans[{index}]"
        plan = _record(given, where, PLAN_SCHEMA)
        exercise_id = _exercise_id(ids, plan["exercise"], where)
        with _reporting(where):
            conn.execute("INSERT INTO exercise_plan (exercise_id, progression, load_step_kg) VALUES (?, ?, ?)"
                         " ON CONFLICT (exercise_id) DO NOTHING",
                         (exercise_id, plan["progression"], plan["load_step_kg"]))


def _import_body_weights(conn, weights: list) -> None:
    for index, given in enumerate(weights):
        where = f"body_weights[{index}]"
        weight = _record(given, where, BODY_WEIGHT_SCHEMA)
        with _reporting(where):
            conn.execute("INSERT INTO body_weight (day, kg) VALUES (?, ?) ON CONFLICT (day) DO NOTHING",
                         (weight["day"], weight["kg"]))


def _import_names(conn, names: list, ids: dict) -> None:
    for index, given in enumerate(names):
        where = f"import_names[{index}]"
        remembered = _record(given, where, IMPORT_NAME_SCHEMA)
        exercise_id = _exercise_id(ids, remembered["exercise"], where)
        with _reporting(where):
            conn.execute("INSERT INTO import_name (name_key, exercise_id) VALUES (?, ?)"
                         " ON CONFLICT (name_key) DO NOTHING", (remembered["name_key"], exercise_id))


def _set_settings(store, settings: dict) -> None:
    from liftcalm.core.units import Unit

    with _reporting("settings.unit"):
        store.settings.unit = Unit(settings["unit"])
    with _reporting("settings.default_rest_s"):
        store.settings.default_rest_s = settings["default_rest_s"]
