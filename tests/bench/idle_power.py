"""Battery cost of a rest, and of idle pages, against a window that updates a label once a second.

Run from the repository root: ``python tests/bench/idle_power.py [--seconds N]``.
Each measurement runs in a fresh child process under QT_QPA_PLATFORM=offscreen (and, when
DISPLAY is set, also on that X display):

- the floor: a bare PySide6 window whose QLabel shows a countdown, updated by a 1 s QTimer;
- LiftCalm during a rest: the real main window on a temporary database, a session started
  from a routine and one set logged, so that a long rest (15 min) runs; then the same rest
  with the window minimised;
- LiftCalm idle on the Routines, Graphs and History pages (a year of sample history, no
  session running).

For each, the child reports its own ``getrusage`` between two marks the parent sends N
seconds apart: CPU time (user + system, all threads) and wakeups, counted as voluntary plus
involuntary context switches. The parent cross-checks the switches per thread in
``/proc/<pid>/task/*/status``. The floor and the rest are measured in turns over several
rounds, both children alive, so that both see the same load on the machine; their medians
are compared. A last window then counts the timer events each child's objects receive (an
application event filter, installed only for that window, since a filter in Python costs
CPU of its own). Sound is off in the app (the beeps are not measured here;
tests/bench/timer_accuracy.py measures the end-of-rest alert). Prints the figures and ends
with one JSON line.
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

# What every child shares: commands on stdin ("mark", "count", "counts", "minimise", "page N",
# "quit"), answers on stdout as lines starting with "@". Nothing here wakes the child by itself.
PROBE = r'''
import json, resource, sys
from PySide6.QtCore import QEvent, QObject, QSocketNotifier

def _usage():
    u = resource.getrusage(resource.RUSAGE_SELF)
    return u.ru_utime + u.ru_stime, u.ru_nvcsw, u.ru_nivcsw

class Probe(QObject):
    def __init__(self, app, handlers=None, before_quit=lambda: None):
        super().__init__()
        self.app = app
        self.handlers = handlers or {}
        self.before_quit = before_quit
        self.counts = {}
        self.marked = None
        self.notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read, self)
        self.notifier.activated.connect(self._on_stdin)

    def say(self, **figures):
        print("@" + json.dumps(figures), flush=True)

    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Timer:
            parent = watched.parent()
            name = watched.metaObject().className()
            if parent is not None:
                name = f"{parent.metaObject().className()}/{name}"
            self.counts[name] = self.counts.get(name, 0) + 1
        return False

    def _on_stdin(self):
        line = sys.stdin.readline()
        command, _, argument = line.strip().partition(" ")
        if command == "mark":
            now = _usage()
            if self.marked is None:
                self.marked = now
                self.say(marked=True)
            else:
                before, self.marked = self.marked, None
                self.say(cpu_s=now[0] - before[0], voluntary=now[1] - before[1], involuntary=now[2] - before[2])
        elif command == "count":
            self.counts = {}
            self.app.installEventFilter(self)
            self.say(counting=True)
        elif command == "counts":
            self.app.removeEventFilter(self)
            self.say(timer_events=self.counts)
        elif command == "quit" or not line:
            self.notifier.setEnabled(False)
            self.before_quit()
            self.app.quit()
        else:
            self.say(**self.handlers[command](argument))
'''

FLOOR = PROBE + r'''
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget
app = QApplication(sys.argv)
window = QWidget()
window.resize(1120, 740)
layout = QVBoxLayout(window)
label = QLabel("15:00")
layout.addWidget(label)
left = [900]

def tick():
    left[0] -= 1
    minutes, seconds = divmod(max(0, left[0]), 60)
    label.setText(f"{minutes}:{seconds:02d}")

timer = QTimer()
timer.timeout.connect(tick)
timer.start(1000)
window.show()
probe = Probe(app, {"minimise": lambda _: window.showMinimized() or {"minimised": True}})
probe.say(ready=True)
app.exec()
'''

APP = PROBE + r'''
from pathlib import Path
import liftcalm.cli  # the real entry point's imports
from liftcalm.app import open_main_window
from liftcalm.ui.background import wait_for_background_work
app, window = open_main_window(Path(sys.argv[1]))
view = window.session

def start_rest(_):
    # What Enter, Enter and Space do on the Session page (keys need a focused window, which a
    # display without a window manager may never give).
    window.navigation.setCurrentRow(1)
    view.begin_routine(view.start_screen.current_routine_id)  # the routine
    view.readiness.start()  # the readiness check, skipped
    app.processEvents()
    view.finish_set()  # set done: the rest starts
    app.processEvents()
    phase = view.recorder.run.phase.name if view.recorder else None
    return {"phase": phase, "rest_s": view.recorder.run.rest.length_s if view.recorder and view.recorder.run.rest
            else None}

def page(row):
    window.navigation.setCurrentRow(int(row))
    return {"page": window.navigation.currentItem().text()}

def minimise(_):
    window.showMinimized()
    return {"minimised": window.isMinimized()}

def settle(_):
    wait_for_background_work()
    app.processEvents()
    return {"settled": True}

def before_quit():
    if view.recorder is not None:
        view.keep_for_later()  # closing asks nothing then

probe = Probe(app, {"rest": start_rest, "page": page, "minimise": minimise, "settle": settle}, before_quit)
probe.say(ready=True)
app.exec()
wait_for_background_work()
'''


class Child:
    """One child process, driven line by line."""

    def __init__(self, code: str, args: list[str], env: dict[str, str]):
        self.process = subprocess.Popen([sys.executable, "-c", code, *args], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT)
        self.answer()  # ready

    def ask(self, command: str) -> dict:
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()
        return self.answer()

    def answer(self) -> dict:
        while True:
            line = self.process.stdout.readline()
            if not line:
                raise SystemExit(f"child ended early (exit {self.process.wait()})")
            if line.startswith("@"):
                return json.loads(line[1:])

    def threads(self) -> dict[str, int]:
        """Context switches so far of each live thread, by thread id."""
        switches = {}
        for tid in os.listdir(f"/proc/{self.process.pid}/task"):
            try:
                with open(f"/proc/{self.process.pid}/task/{tid}/status") as status:
                    fields = dict(line.split(":", 1) for line in status if "ctxt_switches" in line)
            except OSError:
                continue
            switches[tid] = int(fields["voluntary_ctxt_switches"]) + int(fields["nonvoluntary_ctxt_switches"])
        return switches

    def measure(self, seconds: float, count_seconds: float) -> dict:
        """CPU and wakeups over ``seconds``, then timer events over ``count_seconds``."""
        before = self.threads()
        self.ask("mark")
        time.sleep(seconds)
        usage = self.ask("mark")
        after = self.threads()
        main = str(self.process.pid)
        figures = {
            "cpu_ms_per_s": usage["cpu_s"] * 1000 / seconds,
            "wakeups_per_s": (usage["voluntary"] + usage["involuntary"]) / seconds,
            "voluntary_per_s": usage["voluntary"] / seconds,
            "main_thread_wakeups_per_s": (after.get(main, 0) - before.get(main, 0)) / seconds,
            "threads_wakeups_per_s": sum(after[t] - before.get(t, 0) for t in after) / seconds,
            "threads": len(after),
        }
        if count_seconds > 0:
            self.ask("count")
            time.sleep(count_seconds)
            counts = self.ask("counts")["timer_events"]
            figures["timer_events_per_s"] = sum(counts.values()) / count_seconds
            figures["timers"] = {name: round(n / count_seconds, 2) for name, n in
                                 sorted(counts.items(), key=lambda item: -item[1])}
        return figures

    def close(self) -> None:
        try:
            self.process.stdin.write("quit\n")
            self.process.stdin.flush()
        except BrokenPipeError:
            pass
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            raise SystemExit("a child did not quit when asked")


def prepare_databases(folder: Path) -> tuple[str, str]:
    """A database with one routine of long rests, and one with a year of sample history."""
    sys.path.insert(0, str(ROOT))
    from datetime import date, timedelta

    from liftcalm.core.models import Routine, RoutineItem, SetType
    from liftcalm.store import Store
    from liftcalm.store.demo import write_demo

    rest_db, idle_db = folder / "rest.db", folder / "idle.db"
    with Store(rest_db) as store:
        squat = store.exercises.find("Barbell Back Squat").id
        store.book.add(Routine(None, "Long rests", (
            RoutineItem(squat, (SetType.WORKING,) * 3, target_reps=5, target_load_kg=100.0, rest_s=900),)), "Add")
        store.settings.set("sound_on", "0")
    with Store(idle_db) as store:
        write_demo(store, years=1, seed=3, end=date.today() - timedelta(days=1))
        store.settings.set("sound_on", "0")
    return str(rest_db), str(idle_db)


def median_of(windows: list[dict]) -> dict:
    """Each figure's median over the rounds (the first window's timer counts)."""
    figures = dict(windows[0])
    for key, value in windows[0].items():
        if isinstance(value, (int, float)):
            figures[key] = statistics.median(window[key] for window in windows)
    figures["rounds"] = len(windows)
    return figures


def run_platform(platform: str, env: dict[str, str], rest_db: str, idle_db: str, seconds: float,
                 count_seconds: float, idle_seconds: float, warm_up: float, rounds: int) -> dict:
    env = {**env, "QT_QPA_PLATFORM": platform}
    results: dict = {}
    floor = Child(FLOOR, [], env)
    app = Child(APP, [rest_db], env)
    time.sleep(warm_up)  # the daily backup runs 1.5 s after start, on a worker thread
    app.ask("settle")
    started = app.ask("rest")
    if started["phase"] != "REST":
        raise SystemExit(f"no rest is running in the app: {started}")
    time.sleep(1.0)
    windows: dict[str, list[dict]] = {"floor": [], "rest": []}
    for round_ in range(rounds):
        last = round_ == rounds - 1
        windows["floor"].append(floor.measure(seconds, count_seconds if last else 0))
        windows["rest"].append(app.measure(seconds, count_seconds if last else 0))
    results["floor"], results["rest"] = median_of(windows["floor"]), median_of(windows["rest"])
    results["floor"]["timer_events_per_s"] = windows["floor"][-1]["timer_events_per_s"]
    results["floor"]["timers"] = windows["floor"][-1]["timers"]
    results["rest"]["timer_events_per_s"] = windows["rest"][-1]["timer_events_per_s"]
    results["rest"]["timers"] = windows["rest"][-1]["timers"]
    floor.close()
    app.ask("minimise")
    time.sleep(1.0)
    results["rest_minimised"] = app.measure(seconds, count_seconds)
    app.close()

    app = Child(APP, [idle_db], env)
    time.sleep(max(warm_up, 6.0))  # the start-up status message goes after 5 s
    for row, name in ((0, "routines"), (2, "graphs"), (3, "history")):
        app.ask(f"page {row}")
        time.sleep(warm_up)  # pyqtgraph loads, History reads in the background
        app.ask("settle")
        results[f"idle_{name}"] = app.measure(idle_seconds, idle_seconds)
    app.close()
    return results


def summary(results: dict) -> dict:
    floor, rest = results["floor"], results["rest"]
    idle = [results[f"idle_{name}"] for name in ("routines", "graphs", "history")]
    return {
        "cpu_vs_floor": round(rest["cpu_ms_per_s"] / floor["cpu_ms_per_s"], 2),
        "wakeups_vs_floor": round(rest["wakeups_per_s"] / floor["wakeups_per_s"], 2),
        "timer_events_vs_floor": round(rest["timer_events_per_s"] / max(floor["timer_events_per_s"], 1e-9), 2),
        "minimised_cpu_vs_floor": round(results["rest_minimised"]["cpu_ms_per_s"] / floor["cpu_ms_per_s"], 2),
        "minimised_wakeups_vs_floor": round(results["rest_minimised"]["wakeups_per_s"] / floor["wakeups_per_s"], 2),
        "idle_wakeups_per_s": round(max(page["timer_events_per_s"] for page in idle), 2),
        "idle_ctx_switches_per_s": round(max(page["wakeups_per_s"] for page in idle), 2),
        "floor_cpu_ms_per_s": round(floor["cpu_ms_per_s"], 3),
        "rest_cpu_ms_per_s": round(rest["cpu_ms_per_s"], 3),
        "floor_wakeups_per_s": round(floor["wakeups_per_s"], 2),
        "rest_wakeups_per_s": round(rest["wakeups_per_s"], 2),
        "rest_timer_events_per_s": round(rest["timer_events_per_s"], 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=15.0, help="each CPU and wakeup window")
    parser.add_argument("--rounds", type=int, default=3, help="windows of the floor and the rest, in turns")
    parser.add_argument("--count-seconds", type=float, default=6.0, help="each timer-event window")
    parser.add_argument("--idle-seconds", type=float, default=8.0, help="each idle page's windows")
    parser.add_argument("--warm-up", type=float, default=3.0)
    parser.add_argument("--no-x", action="store_true", help="offscreen only, even when DISPLAY is set")
    args = parser.parse_args()
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    platforms = ["offscreen"] + (["xcb"] if env.get("DISPLAY") and not args.no_x else [])
    with tempfile.TemporaryDirectory() as folder:
        env["XDG_CONFIG_HOME"] = folder  # window state of the benchmark stays out of the user's
        env["XDG_DATA_HOME"] = folder
        rest_db, idle_db = prepare_databases(Path(folder))
        everything = {platform: run_platform(platform, env, rest_db, idle_db, args.seconds, args.count_seconds,
                                             args.idle_seconds, args.warm_up, args.rounds)
                      for platform in platforms}

    for platform, results in everything.items():
        print(f"platform {platform}: windows of {args.seconds:g} s, the floor and the rest in {args.rounds} rounds"
              f" (medians; timer events over {args.count_seconds:g} s; idle pages {args.idle_seconds:g} s)")
        for name, figures in results.items():
            timers = ", ".join(f"{timer} {rate:g}/s" for timer, rate in list(figures.get("timers", {}).items())[:4])
            print(f"  {name:15s} CPU {figures['cpu_ms_per_s']:7.3f} ms/s  wakeups {figures['wakeups_per_s']:6.2f}/s"
                  f" (voluntary {figures['voluntary_per_s']:.2f}, main thread"
                  f" {figures['main_thread_wakeups_per_s']:.2f}, {figures['threads']} threads"
                  f" {figures['threads_wakeups_per_s']:.2f})  timer events {figures.get('timer_events_per_s', 0):.2f}/s"
                  + (f"  [{timers}]" if timers else ""))
        line = summary(results)
        print(f"  during a rest: CPU {line['cpu_vs_floor']}x the floor, wakeups {line['wakeups_vs_floor']}x"
              f" (targets <= 2); minimised {line['minimised_cpu_vs_floor']}x and"
              f" {line['minimised_wakeups_vs_floor']}x; idle pages {line['idle_wakeups_per_s']} timer events/s"
              " (target 0)")
    figures = summary(everything["offscreen"])
    if "xcb" in everything:
        figures.update({f"x11_{key}": value for key, value in summary(everything["xcb"]).items()
                        if key in ("cpu_vs_floor", "wakeups_vs_floor", "idle_wakeups_per_s",
                                   "minimised_cpu_vs_floor", "minimised_wakeups_vs_floor")})
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
