"""The one transaction helper: every multi-statement write in LiftCalm goes through it."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator


@contextlib.contextmanager
def transaction(conn: sqlite3.Connection, keep: bool = True) -> Iterator[sqlite3.Connection]:
    """Run a block in one ``BEGIN IMMEDIATE`` transaction: committed on success, rolled back on error.

    The one transaction helper. With ``keep=False`` (a dry run) a block that succeeds is
    rolled back too.
    """
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
        conn.execute("COMMIT" if keep else "ROLLBACK")
    except BaseException:
        # A COMMIT that failed (a full disk, a lock) can leave the transaction open: close it, so
        # that the connection can write again once the cause has gone.
        if conn.in_transaction:
            try:
                conn.execute("ROLLBACK")
            except sqlite3.Error:
                pass
        raise
