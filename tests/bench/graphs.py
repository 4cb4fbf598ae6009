"""How fast the graphs page opens and redraws on ten years of near-daily training.

Run from the repository root: ``python tests/bench/graphs.py [--repeats N]``.
A demo database of about 3,600 days and 90,000 sets is written to a temporary folder.
pyqtgraph is imported first, untimed. Timed, as medians over the repeats:

- first draw: a new ``GraphsView`` from ``page_shown()`` until its data arrived, was set on the
  plot items and the widget painted (``grab()``), the default graph (stress vs volume, all dates);
- redraw: the same after choosing a routine in the filter bar;
- query: ``store.graph_data.stress_vs_volume()`` alone, on the UI's connection;
- SQL floor: ``sql_floor_weekly(conn)``, a plain SQL sum per week over every set, in the same run.

Ends with one JSON line.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from liftcalm.store import Store  # noqa: E402
from liftcalm.store.demo import write_demo  # noqa: E402

TARGETS_MS = {"first_draw_ms": 250, "redraw_ms": 100}


def wait_drawn(view, change) -> float:
    """Run ``change()`` and return the milliseconds until ``graph_drawn`` and a paint of the view.

    Waits in a local event loop, as the application does, not by polling: a polling loop would
    hold the GIL the worker thread needs.
    """
    loop = QEventLoop()
    view.graph_drawn.connect(loop.quit)
    QTimer.singleShot(30_000, loop.quit)
    start = time.perf_counter()
    change()
    loop.exec()
    view.grab()  # paints the whole view, plot included
    elapsed = (time.perf_counter() - start) * 1000
    view.graph_drawn.disconnect(loop.quit)
    if elapsed > 29_000:
        raise TimeoutError("the graph was not drawn within 30 s")
    return elapsed


def timed(function, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    import pyqtgraph  # noqa: F401  (untimed: a one-off import cost, not the graphs')

    from liftcalm.store.graph_data import sql_floor_weekly
    from liftcalm.ui.charts import plots  # noqa: F401  (imported with pyqtgraph, untimed)
    from liftcalm.ui.charts.graphs_view import GraphsView

    with tempfile.TemporaryDirectory() as folder:
        store = Store(Path(folder) / "bench.db")
        started = time.perf_counter()
        write_demo(store, years=10, seed=1, end=date(2026, 1, 1), sessions_per_week=7, sets_per_session=30)
        sets = store.conn.execute("SELECT count(*) FROM logged_set").fetchone()[0]
        sessions = store.conn.execute("SELECT count(*) FROM session").fetchone()[0]
        print(f"demo: {sessions} sessions, {sets} sets, written in {time.perf_counter() - started:.1f} s")

        first_draws, redraws = [], []
        for _ in range(args.repeats):
            view = GraphsView(store, today=date(2026, 1, 1))
            view.resize(1000, 700)
            view.show()
            app.processEvents()
            first_draws.append(wait_drawn(view, view.page_shown))
            routine = view.routine_box.findText("Full Body Starter")
            redraws.append(wait_drawn(view, lambda: view.routine_box.setCurrentIndex(routine)))
            points = view.graphs["stress_volume"].point_count()
            view.close()
            view.deleteLater()
            app.processEvents()
        query_ms = timed(store.graph_data.stress_vs_volume, args.repeats)
        floor_ms = timed(lambda: sql_floor_weekly(store.conn), args.repeats)
        store.close()

    result = {
        "sets": sets,
        "first_draw_ms": round(statistics.median(first_draws), 1),
        "redraw_ms": round(statistics.median(redraws), 1),
        "query_ms": round(query_ms, 1),
        "sql_floor_ms": round(floor_ms, 1),
    }
    print(f"first draw (page_shown to painted), runs: {', '.join(f'{t:.0f}' for t in first_draws)} ms")
    print(f"redraw after a routine filter, runs: {', '.join(f'{t:.0f}' for t in redraws)} ms ({points} points)")
    print(f"query stress_vs_volume: {query_ms:.1f} ms; SQL floor (weekly sums): {floor_ms:.1f} ms")
    for key, target in TARGETS_MS.items():
        print(f"{key}: {result[key]} ms, target <= {target} ms: {'met' if result[key] <= target else 'MISSED'}")
    print(f"query <= floor: {'met' if query_ms <= floor_ms else 'MISSED'}")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
