"""What a failed write means, in words a person understands: full disk, no permission, in use."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from liftcalm.core.session_recorder import WriteFailed

# SQLite's primary result codes (the low byte of an extended code).
_FULL, _BUSY, _LOCKED, _READONLY, _IOERR, _CANTOPEN = 13, 5, 6, 8, 10, 14
KEEPS_TRYING = "LiftCalm keeps trying."


def write_failure(error: sqlite3.Error, path: Path) -> WriteFailed:
    """The ``WriteFailed`` for ``error``, met while writing the database at ``path``."""
    code = (getattr(error, "sqlite_errorcode", None) or 0) & 0xFF
    text = str(error).lower()
    if code == _FULL or "disk is full" in text:
        return WriteFailed("disk_full", f"Not saved yet: the disk is full. Free some space; {KEEPS_TRYING}")
    if code in (_BUSY, _LOCKED) or "locked" in text:
        return WriteFailed("locked", "Not saved yet: another program is using LiftCalm's database. "
                                     f"Close it, or wait; {KEEPS_TRYING}")
    if code == _READONLY or "readonly" in text or "read-only" in text:
        return WriteFailed("read_only", f"Not saved yet: LiftCalm may not write to {path} or its folder. "
                                        f"Check that both can be written; {KEEPS_TRYING}")
    if code in (_IOERR, _CANTOPEN) or "disk i/o" in text:
        return WriteFailed("disk_error", "Not saved yet: the disk reported an error while saving. Check that "
                                         f"it is connected and has space; {KEEPS_TRYING}")
    return WriteFailed("other", f"Not saved yet: {error}. {KEEPS_TRYING}")
