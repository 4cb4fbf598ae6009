"""How long the set screen's "last time" takes to read on the UI thread, on a ten-year history.

The set screen reads each exercise's last session once per session (``Planning.last_time``) on
the UI thread, then keeps it. A demo of ten years of near-daily training (about 3,600 sessions,
88,000 sets) is written. First each exercise's first read on a newly opened store (as the set
screen meets it: the statement not yet prepared), then repeated reads, alternated with the
floor: one indexed lookup of a set of that exercise, which any "last time" must at least do.
Target (issue 14): under one frame, 16 ms, for the slowest exercise, first read included.
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

FLOOR = "SELECT 1 FROM logged_set INDEXED BY logged_set_exercise WHERE exercise_id = ? LIMIT 1"
FRAME_MS = 16.0


def timed_ms(work) -> float:
    began = time.perf_counter()
    work()
    return (time.perf_counter() - began) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=21)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "history.db"
        with Store(path) as store:
            summary = write_demo(store, years=10, seed=1, end=date(2026, 6, 1), sessions_per_week=7,
                                 sets_per_session=30)
        with Store(path) as store:  # opened afresh, as at start-up
            conn = store.conn
            exercises = [row[0] for row in conn.execute("SELECT DISTINCT exercise_id FROM logged_set")]
            first = [timed_ms(lambda: store.planning.last_time(exercise_id)) for exercise_id in exercises]
            worst, per_read, floors = [], [], []
            for exercise_id in exercises:
                reads = [timed_ms(lambda: store.planning.last_time(exercise_id)) for _ in range(args.repeats)]
                floor = [timed_ms(lambda: conn.execute(FLOOR, (exercise_id,)).fetchone()) for _ in range(args.repeats)]
                per_read.append(statistics.median(reads))
                worst.append(max(reads))
                floors.append(statistics.median(floor))
    figures = {"last_time_first_read_max_ms": round(max(first), 3),
               "last_time_first_read_median_ms": round(statistics.median(first), 3),
               "last_time_median_ms": round(statistics.median(per_read), 3),
               "last_time_slowest_ms": round(max(per_read), 3),
               "last_time_max_ms": round(max(worst), 3),
               "floor_ms": round(statistics.median(floors), 3),
               "exercises": len(exercises), "sets": summary.sets}
    print(f"ten years, near-daily: {summary.sessions} sessions, {summary.sets} sets, {len(exercises)} exercises")
    print(f"first read on a fresh store: median {figures['last_time_first_read_median_ms']} ms, "
          f"slowest {figures['last_time_first_read_max_ms']} ms")
    print(f"last time, median exercise: {figures['last_time_median_ms']} ms; slowest exercise (median of "
          f"{args.repeats}): {figures['last_time_slowest_ms']} ms; "
          f"longest single read {figures['last_time_max_ms']} ms")
    print(f"floor (one set of the exercise by index): {figures['floor_ms']} ms")
    verdict = "met" if max(figures["last_time_slowest_ms"], figures["last_time_first_read_max_ms"]) < FRAME_MS \
        else "NOT met"
    print(f"slowest exercise under one frame ({FRAME_MS:g} ms) on the UI thread: {verdict}")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
