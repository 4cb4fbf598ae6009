"""Start-up benchmark: LiftCalm against a bare PySide6 window, each in a fresh process.

Run from the repository root: ``python tests/bench/startup.py [--runs N]``.
Each start is timed from process launch until its first window has been shown and the event
loop is running; peak memory is the child's maximum resident set size. App and bare window
are alternated so that both see the same machine state. Prints the medians and ratios and
ends with one JSON line.

A third child measures the floor in the same run: a window of the same shape with no LiftCalm
code (a main window with menus, a list, a table, a line edit and a status bar; an SVG window
icon, a minimum size, a SQLite file in WAL). The targets compare LiftCalm with it:
``startup_vs_floor`` <= 1.25 and ``memory_vs_floor`` <= 1.15 (the bare-window targets are
retired; ``startup_ratio`` and ``memory_ratio`` against a bare ``QWidget`` are still printed).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TARGETS = {"startup_vs_floor": 1.25, "memory_vs_floor": 1.15}

# Both children report from the first event-loop turn after show(): the window is up.
BARE = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication(sys.argv)
window = QWidget()
window.resize(1120, 740)
window.show()
QTimer.singleShot(0, lambda: (print("shown", flush=True), app.quit()))
app.exec()
"""

FLOOR = """
import sqlite3
import sys
from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (QApplication, QLineEdit, QListWidget, QMainWindow, QSplitter, QTableView, QVBoxLayout,
                               QWidget)
app = QApplication(sys.argv)
app.setWindowIcon(QIcon("resources/icons/liftcalm.svg"))
connection = sqlite3.connect(sys.argv[1])
connection.execute("PRAGMA journal_mode=WAL")
connection.execute("CREATE TABLE IF NOT EXISTS routine (id INTEGER PRIMARY KEY, name TEXT)")
names = [name for (name,) in connection.execute("SELECT name FROM routine")] or ["Full body", "Upper", "Lower"]
window = QMainWindow()
window.setMinimumSize(760, 520)
window.resize(1120, 740)
for title, actions in (("&File", ("&Import…", "&Export…", "&Quit")), ("&Edit", ("&Undo", "&Redo")),
                       ("&View", ("&Routines", "&Session", "&History")), ("&Help", ("&About",))):
    menu = window.menuBar().addMenu(title)
    for text in actions:
        menu.addAction(text)
splitter = QSplitter()
routines = QListWidget()
routines.addItems(names)
splitter.addWidget(routines)
detail = QWidget()
layout = QVBoxLayout(detail)
name = QLineEdit(names[0])
layout.addWidget(name)
model = QStandardItemModel(4, 4)
model.setHorizontalHeaderLabels(["Exercise", "Sets", "Reps", "Load"])
for row in range(4):
    for column in range(4):
        model.setItem(row, column, QStandardItem(str(row + column)))
table = QTableView()
table.setModel(model)
layout.addWidget(table)
splitter.addWidget(detail)
window.setCentralWidget(splitter)
window.statusBar().showMessage("Ready")
window.show()
QTimer.singleShot(0, lambda: (print("shown", flush=True), app.quit()))
app.exec()
"""

APP = """
import sys
from pathlib import Path
from PySide6.QtCore import QTimer
import liftcalm.cli  # the real entry point's imports
from liftcalm.app import open_main_window
app, window = open_main_window(Path(sys.argv[1]))
QTimer.singleShot(0, lambda: (print("shown", flush=True), app.quit()))
app.exec()
from liftcalm.ui.background import wait_for_background_work
wait_for_background_work()  # as the app does: the daily backup finishes before exit
assert "pyqtgraph" not in sys.modules, "pyqtgraph must not load at start-up"
"""


def start(code: str, args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Run one child; return (milliseconds until its window was shown, peak MiB)."""
    began = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE, text=True, env=env,
                             cwd=ROOT)
    line = child.stdout.readline()
    shown_ms = (time.perf_counter() - began) * 1000
    child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    if line.strip() != "shown" or child.returncode != 0:
        raise SystemExit(f"child failed (exit {child.returncode}): {line!r}")
    peak_mib = usage.ru_maxrss / 1024 if sys.platform != "darwin" else usage.ru_maxrss / 2**20
    return shown_ms, peak_mib


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11)
    args = parser.parse_args()
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    # Measure an installed app as users run it: with its bytecode cached. (Some machines set
    # PYTHONDONTWRITEBYTECODE, which would recompile LiftCalm's modules at every start while
    # PySide6's arrive precompiled from pip; the warm-up start below writes the cache.)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    with tempfile.TemporaryDirectory() as folder:
        db = str(Path(folder) / "bench.db")
        floor_db = str(Path(folder) / "floor.db")
        env["XDG_CONFIG_HOME"] = folder  # window state of the benchmark stays out of the user's
        start(APP, [db], env)  # the first start creates the database; later ones open it, as a user's do
        children = {"LiftCalm": (APP, [db]), "bare Qt": (BARE, []), "floor": (FLOOR, [floor_db])}
        for code, child_args in children.values():
            start(code, child_args, env)  # warm-up: writes bytecode caches, creates the databases
        times: dict[str, list[float]] = {name: [] for name in children}
        peaks: dict[str, list[float]] = {name: [] for name in children}
        for _ in range(args.runs):
            for name, (code, child_args) in children.items():
                ms, mib = start(code, child_args, env)
                times[name].append(ms)
                peaks[name].append(mib)

    # The keys: startup_ms and peak_mib for the app; bare_qt_* and floor_* for the others.
    keys = {"LiftCalm": ("startup_ms", "peak_mib"), "bare Qt": ("bare_qt_ms", "bare_qt_peak_mib"),
            "floor": ("floor_ms", "floor_peak_mib")}
    figures = {}
    for name, (ms_key, peak_key) in keys.items():
        figures[ms_key] = round(statistics.median(times[name]), 1)
        figures[peak_key] = round(max(peaks[name]), 1)
    figures["startup_ratio"] = round(figures["startup_ms"] / figures["bare_qt_ms"], 3)
    figures["memory_ratio"] = round(figures["peak_mib"] / figures["bare_qt_peak_mib"], 3)
    figures["floor_ratio"] = round(figures["floor_ms"] / figures["bare_qt_ms"], 3)
    figures["floor_memory_ratio"] = round(figures["floor_peak_mib"] / figures["bare_qt_peak_mib"], 3)
    figures["startup_vs_floor"] = round(figures["startup_ms"] / figures["floor_ms"], 3)
    figures["memory_vs_floor"] = round(figures["peak_mib"] / figures["floor_peak_mib"], 3)
    print(f"platform: {env['QT_QPA_PLATFORM']}, {args.runs} starts each, alternated")
    for name, (ms_key, peak_key) in keys.items():
        print(f"{name + ':':11} median {figures[ms_key]} ms (min {min(times[name]):.1f},"
              f" max {max(times[name]):.1f}), peak {figures[peak_key]} MiB")
    print(f"vs floor:   start-up {figures['startup_vs_floor']}x (target <= {TARGETS['startup_vs_floor']}),"
          f" memory {figures['memory_vs_floor']}x (target <= {TARGETS['memory_vs_floor']})")
    print(f"vs bare Qt: start-up {figures['startup_ratio']}x, memory {figures['memory_ratio']}x;"
          f" the floor itself {figures['floor_ratio']}x, {figures['floor_memory_ratio']}x")
    print(json.dumps({key: figures[key] for key in
                      ("startup_ms", "bare_qt_ms", "startup_ratio", "peak_mib", "bare_qt_peak_mib", "memory_ratio",
                       "floor_ms", "floor_peak_mib", "floor_ratio", "floor_memory_ratio", "startup_vs_floor",
                       "memory_vs_floor")}))


if __name__ == "__main__":
    main()
