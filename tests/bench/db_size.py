"""How many bytes the database takes per logged set, on ten years of training.

Run from the repository root: ``python tests/bench/db_size.py [--dense]``.
A demo database of ten years (about 27,000 sets; ``--dense``: near-daily, about 88,000) is
written to a temporary folder, checkpointed and vacuumed, then measured: the file's bytes per
set, and the share of the file the sessions' plans take (their text, and the session table's
pages, which hold them). Ends with one JSON line.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import tempfile
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from liftcalm.store import Store  # noqa: E402
from liftcalm.store.demo import write_demo  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dense", action="store_true", help="near-daily training, 30 sets a session")
    args = parser.parse_args()
    density = {"sessions_per_week": 7, "sets_per_session": 30} if args.dense else {}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "size.db"
        with Store(path) as store:
            write_demo(store, years=10, seed=1, end=date(2026, 6, 1), **density)
        conn = sqlite3.connect(path, isolation_level=None)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("VACUUM")
        size = path.stat().st_size
        sets, sessions, plan_bytes = conn.execute(
            "SELECT (SELECT count(*) FROM logged_set), count(*), total(length(plan)) FROM session").fetchone()
        try:  # dbstat is compiled into most builds of SQLite, not all
            table_bytes = conn.execute("SELECT sum(pgsize) FROM dbstat WHERE name = 'session'").fetchone()[0]
        except sqlite3.OperationalError:
            table_bytes = None
        conn.close()
    figures = {"db_bytes": size, "sets": sets, "sessions": sessions, "bytes_per_set": round(size / sets, 1),
               "plan_share": round(plan_bytes / size, 3),
               "session_table_share": None if table_bytes is None else round(table_bytes / size, 3)}
    print(f"ten years: {sessions} sessions, {sets} sets, {size:,} bytes after VACUUM")
    print(f"per set: {figures['bytes_per_set']} bytes; plans' text {figures['plan_share']:.1%} of the file,"
          f" session table {figures['session_table_share']}")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
