"""What a failed session write means, in words a person standing in a gym understands.

The cause is told apart by ``database.fault_kind`` (and ``describe_fault`` for a disk error
on an almost full disk), the one classification of faults in LiftCalm; only the wording is
the session's own: it says what waits, and that LiftCalm keeps trying.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from liftcalm.core.session_recorder import WriteFailed
from liftcalm.store.database import describe_fault, fault_kind

KEEPS_TRYING = "LiftCalm keeps trying."


def write_failure(error: sqlite3.Error, path: Path) -> WriteFailed:
    """The ``WriteFailed`` for ``error``, met while writing the database at ``path``."""
    kind = fault_kind(error)
    if kind in ("io", "cantopen") and (describe_fault(error, path) or "").startswith("the disk is full"):
        kind = "full"
    if kind == "full":
        return WriteFailed("disk_full", f"Not saved yet: the disk is full. Free some space; {KEEPS_TRYING}")
    if kind == "locked":
        return WriteFailed("locked", "Not saved yet: another program is using LiftCalm's database. "
                                     f"Close it, or wait; {KEEPS_TRYING}")
    if kind == "permission":
        return WriteFailed("read_only", f"Not saved yet: LiftCalm may not write to {path} or its folder. "
                                        f"Check that both can be written; {KEEPS_TRYING}")
    if kind in ("io", "cantopen"):
        return WriteFailed("disk_error", "Not saved yet: the disk reported an error while saving. Check that "
                                         f"it is connected and has space; {KEEPS_TRYING}")
    return WriteFailed("other", f"Not saved yet: {error}. {KEEPS_TRYING}")
