"""The recovery file: a session's held writes, kept beside the database when LiftCalm quits with them.

When the disk is full (or the database locked) as LiftCalm closes, what could not be written
is saved in a small JSON file beside the database, readable only by its owner; the next start
writes it into the database, in order, through the same repository, then removes the file.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from liftcalm.core.session_recorder import PendingWrite, WriteFailed, writes_from_data, writes_to_data
from liftcalm.paths import config_dir, make_private_folder, write_atomically

RECOVERY_SUFFIX = ".recovery.json"


def recovery_path(db_path: Path) -> Path:
    return Path(db_path).with_name(Path(db_path).name + RECOVERY_SUFFIX)


def spare_recovery_path(db_path: Path) -> Path:
    """Where the recovery file goes when the database's own disk is full: the settings folder."""
    real = os.path.realpath(Path(db_path).expanduser())
    digest = hashlib.sha256(real.encode("utf-8", "surrogateescape")).hexdigest()[:16]
    return config_dir() / "recovery" / f"{Path(db_path).name}-{digest}{RECOVERY_SUFFIX}"


def save_recovery(db_path: Path, session_id: int, writes: tuple[PendingWrite, ...]) -> Path:
    """Write the held writes of session ``session_id`` to a recovery file; return where it went.

    Beside the database, or in the settings folder when that disk is full too (often another
    disk); raises OSError when neither can be written.
    """
    try:
        return _write(recovery_path(db_path), session_id, writes)
    except OSError:
        make_private_folder(spare_recovery_path(db_path).parent)
        return _write(spare_recovery_path(db_path), session_id, writes)


def _write(path: Path, session_id: int, writes: tuple[PendingWrite, ...]) -> Path:
    data = {"format": "liftcalm-recovery", "version": 1, "session_id": session_id, "writes": writes_to_data(writes)}
    write_atomically(path, json.dumps(data, indent=1).encode("utf-8"))
    return path


@dataclass(frozen=True)
class RecoveryOutcome:
    merged: int  # writes now in the database
    problem: str = ""  # why the file is still there (empty: it was merged and removed)


def merge_recovery(store) -> RecoveryOutcome | None:
    """Write a recovery file left beside ``store``'s database into it; None when there is none.

    The writes go in order through the session repository, as if they had never been held.
    When they cannot be written now (the disk still full), the file stays for the next start.
    A file whose session is no longer running (finished or deleted meanwhile) is set aside,
    renamed, never applied to another session.
    """
    path = next((p for p in (recovery_path(store.path), spare_recovery_path(store.path)) if p.exists()), None)
    if path is None:
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or data.get("format") != "liftcalm-recovery":
            raise ValueError("not a LiftCalm recovery file")
        session_id = int(data["session_id"])
        writes = writes_from_data(data["writes"])
    except (OSError, ValueError, KeyError, TypeError) as error:
        return RecoveryOutcome(0, f"The recovery file {path} could not be read ({error}); it was left as it is.")
    if not store.sessions.is_running(session_id):
        aside = path.with_name(path.name + ".unused")
        path.replace(aside)
        return RecoveryOutcome(0, f"The changes kept in {aside.name} belong to a session that is no longer running; "
                                  "they were not applied, and the file was kept.")
    merged = 0
    for write in writes:
        try:
            getattr(store.sessions, write.method)(**write.arguments)
        except WriteFailed as error:
            # The writes done stay done (each write may be applied again): keep the rest for next time.
            try:
                _write(path, session_id, tuple(writes[merged:]))  # the same file: never two of them
            except OSError:
                pass  # the file as it was still holds every write, and applying one twice is harmless
            return RecoveryOutcome(merged, f"{error.message} {len(writes) - merged} changes from last time wait in "
                                           f"{path.name}.")
        merged += 1
    path.unlink()
    return RecoveryOutcome(merged)
