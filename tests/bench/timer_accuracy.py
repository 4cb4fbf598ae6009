"""End-of-rest alert accuracy in a real Qt event loop, with the UI busy as during a session.

Run from the repository root: ``python tests/bench/timer_accuracy.py [--rests N]``.
Short rests follow one another; meanwhile a 60 Hz repaint timer burns 3-6 ms of CPU per
frame and sets are committed to an on-disk database, as while logging. For each rest it
records how late (or early) ``RestAlarm`` fired against the deadline on the session clock.
Ends with one JSON line.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from liftcalm.core.clock import SuspendAwareClock  # noqa: E402
from liftcalm.store.database import connect  # noqa: E402
from liftcalm.ui.session.rest_alarm import RestAlarm  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rests", type=int, default=30)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    app = QApplication.instance() or QApplication([])
    clock = SuspendAwareClock()
    alarm = RestAlarm(clock)
    offsets_ms: list[float] = []

    folder = tempfile.TemporaryDirectory()
    path = Path(folder.name) / "busy.db"
    sqlite3.connect(path).close()  # connect() opens only a file that is there; an empty one will do
    conn = connect(path)
    conn.execute("CREATE TABLE logged (id INTEGER PRIMARY KEY, reps INTEGER, load REAL, at REAL)")

    def busy_repaint() -> None:
        until = time.perf_counter() + rng.uniform(0.003, 0.006)
        while time.perf_counter() < until:
            pass

    def log_a_set() -> None:
        conn.execute("INSERT INTO logged (reps, load, at) VALUES (?, ?, ?)", (8, 60.0, clock.now()))

    repaint = QTimer()
    repaint.timeout.connect(busy_repaint)
    repaint.start(16)
    logging_timer = QTimer()
    logging_timer.timeout.connect(log_a_set)
    logging_timer.start(97)

    def next_rest() -> None:
        if len(offsets_ms) == args.rests:
            app.quit()
            return
        alarm.arm(clock.now() + rng.uniform(0.2, 0.6))

    def on_rest_finished(deadline: float) -> None:
        offsets_ms.append((clock.now() - deadline) * 1000)
        next_rest()

    alarm.rest_finished.connect(on_rest_finished)
    QTimer.singleShot(0, next_rest)
    app.exec()
    conn.close()
    folder.cleanup()

    late = [max(0.0, o) for o in offsets_ms]
    early = [-o for o in offsets_ms if o < 0]
    figures = {
        "rests": len(offsets_ms),
        "late_median_ms": round(statistics.median(late), 3),
        "late_max_ms": round(max(late), 3),
        "early_max_ms": round(max(early), 3) if early else 0,
    }
    print(f"{figures['rests']} rests, UI busy 3-6 ms per 16 ms frame, a set committed every 97 ms")
    print(f"late: median {figures['late_median_ms']} ms, max {figures['late_max_ms']} ms (target <= 15);"
          f" early: max {figures['early_max_ms']} ms (target 0)")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
