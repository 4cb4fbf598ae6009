"""The longest event-loop stall while a session is logged, with the database on disk.

Run from the repository root: ``python tests/bench/ui_stall.py [--sets N]``.
The real main window runs a session of many sets: each set is finished (Space), corrected
(Enter), rated (a digit), reflected on (a relief sign, a second rating) and its rest
skipped (S), through the same actions a person uses; every fifth set the workout overview
is opened (V), walked (Down, End) and the last set jumped to (Enter). A 1 ms precise heartbeat timer
records every gap in the event loop; a stall is how much longer than 1 ms a gap took. The
same heartbeat is first measured on the idle window, as the floor of this machine. The
database is a file in the system's temporary folder, committed with synchronous=FULL.
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
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt, QTimer  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from liftcalm.app import open_main_window  # noqa: E402
from liftcalm.core.models import Routine, RoutineItem, SetType  # noqa: E402
from liftcalm.store import Store  # noqa: E402


class Heartbeat:
    """Records the gaps between the ticks of a 1 ms precise timer."""

    def __init__(self):
        self.gaps_ms: list[float] = []
        self.times: list[float] = []
        self._last = None
        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._on_timeout)

    def start(self) -> None:
        self.gaps_ms.clear()
        self.times.clear()
        self._last = time.perf_counter()
        self._timer.start(1)

    def stop(self) -> None:
        self._timer.stop()

    def _on_timeout(self) -> None:
        now = time.perf_counter()
        self.gaps_ms.append((now - self._last) * 1000)
        self.times.append(now)
        self._last = now

    def stalls_ms(self) -> list[float]:
        return [max(0.0, gap - 1.0) for gap in self.gaps_ms]


def wait(app: QApplication, seconds: float) -> None:
    until = time.perf_counter() + seconds
    while time.perf_counter() < until:
        app.processEvents()
        time.sleep(0.0005)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", type=int, default=120)
    args = parser.parse_args()
    folder = tempfile.TemporaryDirectory()
    db = Path(folder.name) / "stall.db"
    with Store(db) as store:
        exercises = [e.id for e in store.exercises.all() if not e.is_calm][:12]
        sets_each = max(1, args.sets // len(exercises))
        store.book.add(Routine(None, "Long session", tuple(
            RoutineItem(exercise, (SetType.WORKING,) * sets_each, 8, 60.0, 90) for exercise in exercises)), "Add")
        store.settings.set("sound_on", "0")

    app, window = open_main_window(db)
    view = window.session
    heartbeat = Heartbeat()
    wait(app, 0.5)

    heartbeat.start()  # the floor: the same window, idle
    wait(app, 2.0)
    heartbeat.stop()
    idle = heartbeat.stalls_ms()

    def key(k, text=""):
        QTest.keyClick(QApplication.focusWidget() or window, k)
        app.processEvents()

    window.navigation.setCurrentRow(1)
    key(Qt.Key.Key_Return)  # the routine
    key(Qt.Key.Key_Return)  # start, readiness skipped
    planned = len(view.recorder.run.plan)
    action_ms: list[float] = []
    by_kind: dict[str, list[float]] = {}
    action_starts: list[tuple[float, str]] = []

    def timed(action, kind: str) -> None:
        started = time.perf_counter()
        action()
        action_ms.append((time.perf_counter() - started) * 1000)
        by_kind.setdefault(kind, []).append(action_ms[-1])
        action_starts.append((started, kind))
        wait(app, 0.02)  # a person's pace is slower; this keeps the loop busy

    heartbeat.start()
    for number in range(planned):
        if number % 5 == 4:
            timed(lambda: key(Qt.Key.Key_V), 'overview open')  # the whole workout, every set listed
            for _ in range(4):
                timed(lambda: key(Qt.Key.Key_Down), 'overview walk')
            timed(lambda: key(Qt.Key.Key_End), 'overview walk')  # the last exercise's last set
            timed(lambda: key(Qt.Key.Key_Return), 'jump')  # that set next: the overview closes
            if view.stack.currentWidget() is view.overview:  # it was done already: back without a jump
                timed(lambda: key(Qt.Key.Key_V), 'overview close')
        timed(lambda: key(Qt.Key.Key_Space), 'set done')  # set done: logged, rest starts
        timed(lambda: key(Qt.Key.Key_E), 'correct')  # correction mode: the fields take the keys
        timed(lambda: key(Qt.Key.Key_Return), 'correction')  # correction confirmed
        timed(lambda: key(Qt.Key.Key_6), 'stress after set')  # stress after the set
        timed(lambda: key(Qt.Key.Key_B), 'relief sign')  # breath slowing: the reflection shows
        timed(lambda: key(Qt.Key.Key_3), 'stress now')  # stress now
        timed(lambda: key(Qt.Key.Key_S), 'skip rest')  # skip the rest: the next set begins
    heartbeat.stop()
    busy = heartbeat.stalls_ms()
    worst = max(range(len(busy)), key=busy.__getitem__)
    worst_end = heartbeat.times[worst]
    during = [(i, kind) for i, (start, kind) in enumerate(action_starts) if start <= worst_end]
    print(f"longest stall ended after action {during[-1] if during else None}")
    logged = len(view.recorder.run.logged) if view.recorder else -1
    view.keep_for_later()
    window.close()
    window.store.close()

    figures = {
        "stall_max_ms": round(max(busy), 3),
        "stall_p99_ms": round(statistics.quantiles(busy, n=100)[98], 3),
        "stall_median_ms": round(statistics.median(busy), 3),
        "action_max_ms": round(max(action_ms), 3),
        "action_median_ms": round(statistics.median(action_ms), 3),
        "idle_stall_max_ms": round(max(idle), 3),
        "sets": logged,
        "actions": len(action_ms),
    }
    print(f"sets logged: {logged} of {planned}, actions: {len(action_ms)}, database on disk: {db}")
    print(f"idle floor: longest stall {figures['idle_stall_max_ms']} ms")
    print(f"during the session: longest stall {figures['stall_max_ms']} ms, 99th percentile "
          f"{figures['stall_p99_ms']} ms; slowest action {figures['action_max_ms']} ms "
          f"(median {figures['action_median_ms']} ms); target: under 16 ms")
    for kind, times in by_kind.items():
        print(f"  {kind:17s} median {statistics.median(times):6.2f} ms, max {max(times):6.2f} ms")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
