"""One LiftCalm at a time per database file: an advisory lock on a small file beside it.

The app holds the lock while it runs; command-line writes (import, restore, demo) hold it while
they write. The kernel lets go of a lock when its process ends, however it ends, so a lock
left by a killed LiftCalm is simply free: nothing stale to detect or clean up (the lock file
itself stays, empty, and is taken over).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

LOCK_SUFFIX = ".lock"


def lock_path(db_path: Path | str) -> Path:
    path = Path(db_path).expanduser()
    return path.with_name(path.name + LOCK_SUFFIX)


class DatabaseLock:
    """The lock of one database file. ``acquire()`` never waits: it says whether this process has it."""

    def __init__(self, db_path: Path | str):
        self.path = lock_path(db_path)
        self._handle: int | None = None
        self._created = False

    @property
    def held(self) -> bool:
        return self._handle is not None

    def acquire(self) -> bool:
        """Take the lock if nobody holds it; True when this process holds it now.

        Raises OSError when the lock file cannot be created (a folder that cannot be written).
        """
        if self._handle is not None:
            return True
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        self._created = not self.path.exists()
        handle = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        if not _try_lock(handle):
            os.close(handle)
            return False
        self._handle = handle
        return True

    def release(self) -> None:
        if self._handle is not None:
            _unlock(self._handle)
            os.close(self._handle)
            self._handle = None

    def discard(self) -> None:
        """Let go, and remove the lock file if this process made it: the database was not opened
        (a file that is not LiftCalm's gets nothing beside it)."""
        if self._handle is not None and self._created:
            self.path.unlink(missing_ok=True)
        self.release()

    def __enter__(self) -> DatabaseLock:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(handle: int) -> bool:
        try:
            msvcrt.locking(handle, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(handle: int) -> None:
        try:
            os.lseek(handle, 0, os.SEEK_SET)
            msvcrt.locking(handle, msvcrt.LK_UNLCK, 1)
        except OSError:
            pass
else:
    import fcntl

    def _try_lock(handle: int) -> bool:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(handle: int) -> None:
        fcntl.flock(handle, fcntl.LOCK_UN)
