"""LiftCalm's own JSON export: everything, by names rather than database ids.

Importing an archive into an empty database and exporting again gives the same JSON. An
import is one transaction; a problem names the JSON path of the value at fault.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3

from liftcalm.core.changes import Change, ChangeKind
from liftcalm.core.importers.errors import ImportCancelled
from liftcalm.core.validation import name_key

ARCHIVE_FORMAT = "liftcalm"
ARCHIVE_VERSION = 1

SESSION_FIELDS = ("routine", "kind", "started_at", "ended_at", "shorter", "energy", "motivation", "stress_before",
                  "stress_final", "note", "source", "import_key")
SET_FIELDS = ("exercise", "set_number", "set_type", "reps", "load_kg", "rpe", "duration_s", "ended_at",
              "stress_after_set", "stress_end_of_rest", "relief_signs", "relief_note")
ITEM_FIELDS = ("exercise", "set_types", "reps", "load_kg", "rest_s", "superset_with_next", "note", "duration_s")


class ArchiveError(ValueError):
    """A LiftCalm archive that cannot be imported; ``where`` is a JSON path or a line."""

    def __init__(self, where: str, message: str):
        super().__init__(f"{where}: {message}")


def export_archive(store) -> dict:
    """Everything in the database as plain JSON values, in a stable order."""
    conn = store.conn
    exercises = [
        {"name": name, "kind": kind, "muscles": [m for m in muscles.split(",") if m], "equipment": equipment,
         "bodyweight": bool(bodyweight), "custom": bool(custom), "duration_s": duration_s, "description": description}
        for name, kind, muscles, equipment, bodyweight, custom, duration_s, description in conn.execute(
            "SELECT name, kind, muscles, equipment, is_bodyweight, is_custom, duration_s, description FROM exercise"
            " ORDER BY name_key")
    ]
    routines = []
    for routine_id, name in conn.execute("SELECT id, name FROM routine ORDER BY name_key").fetchall():
        items = conn.execute(
            "SELECT e.name, i.set_types, i.target_reps, i.target_load_kg, i.rest_s, i.superset_with_next, i.note,"
            " i.duration_s FROM routine_item i JOIN exercise e ON e.id = i.exercise_id WHERE i.routine_id = ?"
            " ORDER BY i.position", (routine_id,)).fetchall()
        routines.append({"name": name, "items": [
            dict(zip(ITEM_FIELDS, (e, t.split(","), reps, load, rest, bool(superset), note, duration)))
            for e, t, reps, load, rest, superset, note, duration in items]})
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
                " l.stress_after_set, l.stress_end_of_rest, l.relief_signs, l.relief_note FROM logged_set l"
                " JOIN exercise e ON e.id = l.exercise_id WHERE l.session_id = ? ORDER BY l.position",
                (session_id,))
        ]
        sessions.append(session)
    settings = {"unit": store.settings.unit.value, "default_rest_s": store.settings.default_rest_s}
    return {"format": ARCHIVE_FORMAT, "version": ARCHIVE_VERSION, "settings": settings, "exercises": exercises,
            "routines": routines, "sessions": sessions}


def archive_json(store) -> str:
    return json.dumps(export_archive(store), indent=2, ensure_ascii=False) + "\n"


def read_archive(text: str) -> dict:
    """Parse archive text; raise ArchiveError with the line of a JSON syntax error."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ArchiveError(f"line {error.lineno}", f"not valid JSON ({error.msg}, column {error.colno})") from None
    if not isinstance(data, dict) or data.get("format") != ARCHIVE_FORMAT:
        raise ArchiveError("line 1", 'not a LiftCalm archive (no "format": "liftcalm")')
    if data.get("version") != ARCHIVE_VERSION:
        raise ArchiveError("version", f"archive version {data.get('version')!r} is not one this LiftCalm reads")
    return data


def import_archive(store, data: dict, dry_run: bool = False, progress=None, cancelled=None) -> dict:
    """Add an archive's exercises, routines and sessions in one transaction; return counts.

    Exercises and routines already present by name, and sessions already present (same start,
    routine and source), are left as they are. Settings are taken only into a database that
    has no sessions yet (a restore). ``progress(done, total)`` is called per session; when
    ``cancelled()`` turns true, ``ImportCancelled`` is raised and nothing is kept.
    """
    conn = store.conn
    counts = {"exercises": 0, "routines": 0, "sessions": 0, "sets": 0, "duplicates": 0, "new_exercises": []}
    with store.transaction(keep=not dry_run):
        fresh = conn.execute("SELECT count(*) FROM session").fetchone()[0] == 0
        ids = _import_exercises(conn, _list(data, "exercises"), counts)
        _import_routines(conn, _list(data, "routines"), ids, counts)
        _import_sessions(conn, _list(data, "sessions"), ids, counts, progress, cancelled)
        settings = data.get("settings") or {}
        if fresh and settings:
            _set_settings(store, settings)
        for kind in (ChangeKind.EXERCISES, ChangeKind.ROUTINES, ChangeKind.SESSIONS):
            store.changes.publish(Change(kind))
    return counts


def _list(data: dict, key: str) -> list:
    value = data.get(key, [])
    if not isinstance(value, list):
        raise ArchiveError(key, "expected a list")
    return value


def _field(record: dict, key: str, where: str):
    if not isinstance(record, dict) or key not in record:
        raise ArchiveError(where, f"missing “{key}”")
    return record[key]


@contextlib.contextmanager
def _reporting(where: str):
    """Turn a bad or missing value met while writing ``where`` into an ArchiveError naming it."""
    try:
        yield
    except (sqlite3.IntegrityError, TypeError, ValueError, LookupError, AttributeError) as error:
        raise ArchiveError(where, f"a value is missing or out of range ({error})") from None


def _import_exercises(conn, exercises: list, counts: dict) -> dict[str, int]:
    ids = {key: id_ for id_, key in conn.execute("SELECT id, name_key FROM exercise")}
    for index, exercise in enumerate(exercises):
        where = f"exercises[{index}]"
        name = _field(exercise, "name", where)
        if name_key(name) in ids:
            continue
        with _reporting(where):
            cursor = conn.execute(
                "INSERT INTO exercise (name, name_key, kind, muscles, equipment, is_bodyweight, is_custom, duration_s,"
                " description) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (name, name_key(name), exercise["kind"], ",".join(exercise.get("muscles", [])),
                 exercise.get("equipment", ""), int(bool(exercise.get("bodyweight"))),
                 int(bool(exercise.get("custom"))), exercise.get("duration_s"), exercise.get("description", "")))
        ids[name_key(name)] = cursor.lastrowid
        counts["exercises"] += 1
        counts["new_exercises"].append(name)
    return ids


def _exercise_id(ids: dict, name, where: str) -> int:
    try:
        return ids[name_key(str(name))]
    except KeyError:
        raise ArchiveError(where, f"exercise “{name}” is not in the archive's exercises") from None


def _import_routines(conn, routines: list, ids: dict, counts: dict) -> None:
    for index, routine in enumerate(routines):
        where = f"routines[{index}]"
        name = _field(routine, "name", where)
        if conn.execute("SELECT 1 FROM routine WHERE name_key = ?", (name_key(name),)).fetchone():
            counts["duplicates"] += 1
            continue
        with _reporting(where):
            routine_id = conn.execute("INSERT INTO routine (name, name_key) VALUES (?, ?)",
                                      (name, name_key(name))).lastrowid
        for position, item in enumerate(_field(routine, "items", where)):
            item_where = f"{where}.items[{position}]"
            exercise_id = _exercise_id(ids, _field(item, "exercise", item_where), item_where)
            with _reporting(item_where):
                conn.execute(
                    "INSERT INTO routine_item (routine_id, position, exercise_id, set_types, target_reps,"
                    " target_load_kg, rest_s, superset_with_next, note, duration_s)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (routine_id, position, exercise_id, ",".join(item["set_types"]), item["reps"], item["load_kg"],
                     item["rest_s"], int(bool(item.get("superset_with_next"))), item.get("note", ""),
                     item.get("duration_s")))
        counts["routines"] += 1


def _import_sessions(conn, sessions: list, ids: dict, counts: dict, progress, cancelled) -> None:
    for index, session in enumerate(sessions):
        if cancelled is not None and cancelled():
            raise ImportCancelled
        if progress is not None:
            progress(index, len(sessions))
        where = f"sessions[{index}]"
        started_at = _field(session, "started_at", where)
        routine = session.get("routine", "")
        source = session.get("source", "liftcalm")
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
                (linked[0] if linked else None, routine, session["kind"], started_at, session.get("ended_at"),
                 int(bool(session.get("shorter"))), session.get("energy"), session.get("motivation"),
                 session.get("stress_before"), session.get("stress_final"), session.get("note", ""), source,
                 session.get("import_key"))).lastrowid
        for position, logged in enumerate(_field(session, "sets", where)):
            set_where = f"{where}.sets[{position}]"
            exercise_id = _exercise_id(ids, _field(logged, "exercise", set_where), set_where)
            with _reporting(set_where):
                conn.execute(
                    "INSERT INTO logged_set (session_id, position, exercise_id, set_number, set_type, reps, load_kg,"
                    " rpe, duration_s, ended_at, stress_after_set, stress_end_of_rest, relief_signs, relief_note)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (session_id, position, exercise_id, logged["set_number"], logged["set_type"], logged["reps"],
                     logged["load_kg"], logged.get("rpe"), logged.get("duration_s"), logged["ended_at"],
                     logged.get("stress_after_set"), logged.get("stress_end_of_rest"),
                     ",".join(logged.get("relief_signs", [])), logged.get("relief_note", "")))
            counts["sets"] += 1
        counts["sessions"] += 1


def _set_settings(store, settings: dict) -> None:
    from liftcalm.core.units import Unit

    with _reporting("settings.unit"):
        store.settings.unit = Unit(settings.get("unit", "kg"))
    with _reporting("settings.default_rest_s"):
        store.settings.default_rest_s = int(settings.get("default_rest_s", 90))
