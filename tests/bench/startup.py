"""Start-up benchmark: LiftCalm against a bare PySide6 window, each in a fresh process.

Run from the repository root: ``python tests/bench/startup.py [--runs N]``.
Each start is timed from process launch until its first window has been shown and the event
loop is running; peak memory is the child's maximum resident set size. App and bare window
are alternated so that both see the same machine state. Prints the medians and ratios and
ends with one JSON line.
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
        env["XDG_CONFIG_HOME"] = folder  # window state of the benchmark stays out of the user's
        start(APP, [db], env)  # the first start creates the database; later ones open it, as a user's do
        start(BARE, [], env)
        app_ms, app_mib, bare_ms, bare_mib = [], [], [], []
        for _ in range(args.runs):
            ms, mib = start(APP, [db], env)
            app_ms.append(ms)
            app_mib.append(mib)
            ms, mib = start(BARE, [], env)
            bare_ms.append(ms)
            bare_mib.append(mib)

    figures = {
        "startup_ms": round(statistics.median(app_ms), 1),
        "bare_qt_ms": round(statistics.median(bare_ms), 1),
        "peak_mib": round(max(app_mib), 1),
        "bare_qt_peak_mib": round(max(bare_mib), 1),
    }
    figures["startup_ratio"] = round(figures["startup_ms"] / figures["bare_qt_ms"], 3)
    figures["memory_ratio"] = round(figures["peak_mib"] / figures["bare_qt_peak_mib"], 3)
    print(f"platform: {env['QT_QPA_PLATFORM']}, {args.runs} starts each, alternated")
    print(f"LiftCalm:   median {figures['startup_ms']} ms (min {min(app_ms):.1f}, max {max(app_ms):.1f}),"
          f" peak {figures['peak_mib']} MiB")
    print(f"bare Qt:    median {figures['bare_qt_ms']} ms (min {min(bare_ms):.1f}, max {max(bare_ms):.1f}),"
          f" peak {figures['bare_qt_peak_mib']} MiB")
    print(f"ratios:     start-up {figures['startup_ratio']}x (target <= 1.3),"
          f" memory {figures['memory_ratio']}x (target <= 1.3)")
    print(json.dumps({key: figures[key] for key in
                      ("startup_ms", "bare_qt_ms", "startup_ratio", "peak_mib", "bare_qt_peak_mib", "memory_ratio")}))


if __name__ == "__main__":
    main()
