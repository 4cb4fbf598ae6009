"""A whole session with the window hidden, driven only by ``liftcalm session …`` commands.

Run from the repository root on an X display with a window manager (the window is minimised
through it), e.g.::

    Xvfb :93 -screen 0 1280x800x24 &  DISPLAY=:93 openbox &
    DISPLAY=:93 .venv/bin/python tests/bench/hidden_session.py

It makes a database with a routine in a temporary folder, starts LiftCalm on it, starts the
session with two keys (Ctrl+2, Enter, Enter: the only keys pressed), minimises the window,
checks that X says it is hidden, and then runs every set, rest, pause and timed set by
commands, printing each command and what it answered. It ends by checking the database,
timing ``liftcalm session status`` as a global shortcut runs it, and one JSON line.
Needs xdotool and xprop.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from liftcalm.core.models import Routine, RoutineItem, SetTarget, SetType  # noqa: E402
from liftcalm.store import Store  # noqa: E402

BIN = Path(sys.executable).parent
# Until app.py serves the session commands itself, the app is started through the two lines it needs.
WIRED_APP = "RemoteControl" in (ROOT / "liftcalm" / "app.py").read_text(encoding="utf-8")
START_SHIM = (
    "import sys\nfrom pathlib import Path\nimport liftcalm.app as app\n"
    "from liftcalm.ui.remote_control import RemoteControl\nfrom liftcalm.ui.single_instance import InstanceServer\n"
    "listen = app._listen_for_later_starts\n"
    "def wired(db_path, window):\n"
    "    listen(db_path, window)\n"
    "    RemoteControl(window.session).serve(window.findChild(InstanceServer))\n"
    "app._listen_for_later_starts = wired\n"
    "sys.exit(app.run_app(Path(sys.argv[1])))\n")


def session_command() -> list[str]:
    """``liftcalm session`` once cli.py has it; until then the same commands through ``python -m liftcalm.remote``."""
    wired = subprocess.run([str(BIN / "liftcalm"), "session", "--help"], capture_output=True).returncode == 0
    return [str(BIN / "liftcalm"), "session"] if wired else [sys.executable, "-m", "liftcalm.remote"]


def make_database(db: Path) -> None:
    with Store(db) as store:
        squat = store.exercises.find("Barbell Back Squat").id
        plank = store.exercises.find("Plank").id
        store.book.add(Routine(None, "Hidden window", (
            RoutineItem(squat, (SetType.WORKING,) * 3, target_reps=5, target_load_kg=100.0, rest_s=90),
            RoutineItem(plank, (SetType.WORKING,), rest_s=60, set_targets=(SetTarget(duration_s=8),)),
        )), "Add")


def x(*argv: str, check: bool = True) -> str:
    return subprocess.run(list(argv), capture_output=True, text=True, check=check).stdout.strip()


class Transcript:
    def __init__(self, command: list[str], db: Path, shown_name: str):
        self.command, self.db, self.shown_name = command, db, shown_name
        self.statuses: list[dict] = []

    def run(self, *argv: str) -> tuple[int, str]:
        done = subprocess.run([*self.command, *argv, "--db", str(self.db)], capture_output=True, text=True,
                              timeout=30)
        out = (done.stdout + done.stderr).strip()
        code = "" if done.returncode == 0 else f"   [exit {done.returncode}]"
        print(f"$ {self.shown_name} {' '.join(argv)}{code}")
        for line in out.splitlines():
            print(f"  {line}")
        if "--json" in argv and done.stdout.strip():
            self.statuses.append(json.loads(done.stdout))
        return done.returncode, done.stdout

    def status(self) -> dict:
        code, out = self.run("status", "--json")
        assert code == 0, out
        return json.loads(out)


def wait_for(predicate, timeout_s: float, what: str):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    raise SystemExit(f"timed out waiting for {what}")


def main() -> int:
    if not os.environ.get("DISPLAY"):
        raise SystemExit("run it on an X display: DISPLAY=:93 (Xvfb :93 and a window manager such as openbox)")
    folder = Path(tempfile.mkdtemp(prefix="liftcalm-hidden-"))
    db = folder / "hidden session.db"
    make_database(db)
    env = dict(os.environ, HOME=str(folder / "home"), XDG_CONFIG_HOME=str(folder / "config"),
               XDG_DATA_HOME=str(folder / "data"), XDG_CACHE_HOME=str(folder / "cache"))
    start = ([str(BIN / "liftcalm"), "--db", str(db)] if WIRED_APP else [sys.executable, "-c", START_SHIM, str(db)])
    app = subprocess.Popen(start, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    command = session_command()
    shown = "liftcalm session" if command[-1] == "session" else "python -m liftcalm.remote"
    transcript = Transcript(command, db, shown)
    try:
        window = wait_for(lambda: x("xdotool", "search", "--onlyvisible", "--class", "LiftCalm",
                                    check=False).splitlines()[:1], 60, "the window")[0]
        wait_for(lambda: subprocess.run([*command, "status", "--db", str(db)], capture_output=True).returncode == 0,
                 30, "the app's channel")
        print(f"# LiftCalm started on {db} (pid {app.pid}), window {window}"
              f"{'' if WIRED_APP else ' (app wiring through the start-up shim)'}")
        x("xdotool", "windowactivate", "--sync", window)
        for keys in ("ctrl+2", "Return", "Return"):  # the Session page, the routine, past the readiness check
            x("xdotool", "key", "--window", window, keys)
            time.sleep(0.4)
        x("xdotool", "windowminimize", "--sync", window)
        state = x("xprop", "-id", window, "_NET_WM_STATE", "WM_STATE")
        mapped = x("xwininfo", "-id", window)
        hidden = "_NET_WM_STATE_HIDDEN" in state and "IsUnMapped" in mapped
        print(f"# window minimised: {state.splitlines()[0]}; {mapped.split('Map State: ')[1].splitlines()[0]}")
        assert hidden, state + mapped
        began = time.monotonic()

        first = transcript.status()
        assert first["phase"] == "set" and first["exercise"] == "Barbell Back Squat", first
        for number in (1, 2, 3):
            transcript.run("done")
            rest = transcript.status()
            assert rest["phase"] == "rest", rest
            if number == 1:
                transcript.run("add", "15")
                transcript.run("add", "-15")
                transcript.run("pause")
                frozen = transcript.status()
                time.sleep(1.5)
                paused = transcript.status()  # a second and a half later: the time left has not moved
                assert paused["paused"] and paused["remaining_s"] == frozen["remaining_s"], (frozen, paused)
                transcript.run("pause")
                transcript.run("done")  # refused: a rest runs
            transcript.run("skip-rest")
        plank = transcript.status()
        assert plank["exercise"] == "Plank" and plank["phase"] == "set", plank
        transcript.run("done")  # starts the timed set: 5 s to get ready, 8 s of plank, ended by the clock
        time.sleep(1.0)
        timed = transcript.status()
        assert timed["phase"] == "set" and timed["remaining_s"] is not None, timed
        wait_for(lambda: json.loads(subprocess.run([*command, "status", "--json", "--db", str(db)],
                                                   capture_output=True, text=True).stdout)["phase"] == "rest",
                 30, "the timed set to end by itself")
        transcript.status()  # the cool-down, after the plank ended by the clock
        transcript.run("skip-rest")
        transcript.status()
        transcript.run("done")  # the summary: saved as it is
        final = transcript.status()
        assert final["running"] is False, final
        elapsed = time.monotonic() - began
        still_hidden = "_NET_WM_STATE_HIDDEN" in x("xprop", "-id", window, "_NET_WM_STATE")
        print(f"# the window stayed minimised throughout: {still_hidden}")

        timings = []
        for _ in range(20):
            t0 = time.perf_counter()
            subprocess.run([*command, "status", "--db", str(db)], capture_output=True, check=True)
            timings.append((time.perf_counter() - t0) * 1000)
        bare = []
        for _ in range(20):
            t0 = time.perf_counter()
            subprocess.run([sys.executable, "-c", "pass"], capture_output=True, check=True)
            bare.append((time.perf_counter() - t0) * 1000)
    finally:
        app.terminate()
        try:
            app.wait(timeout=30)
        except subprocess.TimeoutExpired:
            app.kill()
    code, _out = transcript.run("status")  # nobody listens now
    assert code == 1
    exported = subprocess.run([str(BIN / "liftcalm"), "export", "--db", str(db)], capture_output=True, text=True,
                              check=True).stdout.splitlines()
    with Store(db) as store:
        running = store.has_running_session()
    rows = exported[1:]
    print(f"$ liftcalm export --db {db.name!r}   (every logged set, as CSV)")
    for line in exported:
        print(f"  {line}")
    print(f"# database: {len(rows)} sets logged, a session still running: {running}")
    assert len(rows) == 4 and not running
    print(json.dumps({"hidden": hidden and still_hidden, "sets_logged": len(rows), "session_s": round(elapsed, 1),
                      "statuses": len(transcript.statuses),
                      "client": shown,
                      "status_ms_median": round(statistics.median(timings), 1),
                      "status_ms_min": round(min(timings), 1),
                      "python_bare_ms_median": round(statistics.median(bare), 1)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
