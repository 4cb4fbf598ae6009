"""How fast History's first list is read, against a plain GROUP BY of the sets per session.

Run from the repository root: ``python tests/bench/history_list.py [--repeats N] [--dense]``.
A demo database of ten years (about 2,000 sessions and 27,000 sets; ``--dense``: near-daily
training, about 3,600 sessions and 88,000 sets) is written to a temporary folder. Timed, as
medians over the repeats, on one connection:

- list: ``read_session_rows(conn)``, the rows History's session list shows, every one built;
- floor: ``SELECT s.id, count(l.id) FROM session s LEFT JOIN logged_set l ... GROUP BY s.id``,
  fetched, in the same run: the least any per-session list of this database costs.

Ends with one JSON line.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from liftcalm.store import Store  # noqa: E402
from liftcalm.store.demo import write_demo  # noqa: E402
from liftcalm.store.history_edits import read_session_rows  # noqa: E402

FLOOR = "SELECT s.id, count(l.id) FROM session s LEFT JOIN logged_set l ON l.session_id = s.id GROUP BY s.id"


def median_ms(work, repeats: int) -> float:
    work()  # warm: pages in the cache, statements prepared
    times = []
    for _ in range(repeats):
        began = time.perf_counter()
        work()
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=41)
    parser.add_argument("--dense", action="store_true", help="near-daily training, 30 sets a session")
    args = parser.parse_args()
    density = {"sessions_per_week": 7, "sets_per_session": 30} if args.dense else {}
    with tempfile.TemporaryDirectory() as folder:
        with Store(Path(folder) / "history.db") as store:
            summary = write_demo(store, years=10, seed=1, end=date(2026, 6, 1), **density)
            conn = store.conn
            # Alternated, so that both see the same machine state.
            lists, floors = [], []
            for _ in range(5):
                lists.append(median_ms(lambda: read_session_rows(conn), args.repeats // 5 or 1))
                floors.append(median_ms(lambda: conn.execute(FLOOR).fetchall(), args.repeats // 5 or 1))
            rows = len(read_session_rows(conn))
    figures = {"history_first_list_ms": round(statistics.median(lists), 2),
               "floor_ms": round(statistics.median(floors), 2)}
    figures["history_vs_floor"] = round(figures["history_first_list_ms"] / figures["floor_ms"], 2)
    figures.update(sessions=rows, sets=summary.sets)
    print(f"ten years: {rows} sessions, {summary.sets} sets")
    print(f"list:  {figures['history_first_list_ms']} ms (read_session_rows, every row built)")
    print(f"floor: {figures['floor_ms']} ms (a plain GROUP BY per session)")
    print(f"ratio: {figures['history_vs_floor']}x")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
