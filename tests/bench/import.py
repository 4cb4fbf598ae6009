"""Import speed and memory: a generated Strong export through ``liftcalm import``, against a floor.

Run from the repository root: ``python tests/bench/import.py [--rows N] [--big-mb M]``. The file
has a "Rest Timer" pseudo-row after every set, as Strong writes them. Both the import and the
floor run as whole fresh processes, best of three each, in the same run:

- import: ``python -m liftcalm import --db NEW.db FILE --unit kg``;
- floor: the least any importer does: read the same file with ``csv`` and insert every record
  into one table with ``executemany``, in one transaction.

``peak_mib`` is the import's peak resident memory. With ``--big-mb``, a file of that size is
imported once more and its peak memory reported too (memory must not grow with the file).
Prints ``import_s``, ``floor_s``, ``ratio`` and ``peak_mib``, and ends with one JSON line.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HEADER = "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE\n"
EXERCISES = ["Squat (Barbell)", "Bench Press (Barbell)", "Deadlift (Barbell)", "Overhead Press (Barbell)",
             "Bent Over Row (Barbell)", "Pull Up", "Lat Pulldown (Cable)", "Bicep Curl (Dumbbell)"]
RUNS = 3
TARGET_RATIO = 3.0
FLOOR = """
import csv, sqlite3, sys
source, db = sys.argv[1], sys.argv[2]
conn = sqlite3.connect(db, isolation_level=None)
with open(source, newline="", encoding="utf-8") as file:
    reader = csv.reader(file)
    header = next(reader)
    conn.execute(f"CREATE TABLE t ({', '.join(f'c{i}' for i in range(len(header)))})")
    conn.execute("BEGIN")
    conn.executemany(f"INSERT INTO t VALUES ({', '.join('?' * len(header))})", reader)
    conn.execute("COMMIT")
"""


def write_strong_export(path: Path, set_rows: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    day = datetime(2015, 1, 5, 7, 0, 0)
    written = 0
    with path.open("w", encoding="utf-8", newline="") as file:
        file.write(HEADER)
        while written < set_rows:
            stamp = day.strftime("%Y-%m-%d %H:%M:%S")
            for exercise in rng.sample(EXERCISES, 5):
                for order in ["W", "1", "2", "3", "4"]:
                    if written == set_rows:
                        break
                    weight = round(rng.uniform(20, 140) / 2.5) * 2.5
                    rpe = f"{rng.choice([7, 7.5, 8, 8.5, 9])}" if order != "W" else ""
                    file.write(f"{stamp},Workout {day:%a},1h 5m,{exercise},{order},{weight},{rng.randint(3, 12)},"
                               f"0,0,,,{rpe}\n")
                    file.write(f"{stamp},Workout {day:%a},1h 5m,{exercise},Rest Timer,0,0,0,120,,,\n")
                    written += 1
            day += timedelta(days=1, minutes=rng.randint(-60, 60))
            if day.year >= 2095:  # a file of hundreds of MB: more workouts than days until 2100
                day = day.replace(year=1995, day=min(day.day, 28)) + timedelta(minutes=7)


def write_export_of_size(path: Path, megabytes: float) -> int:
    """A Strong export of about ``megabytes``; return its set rows."""
    probe = path.with_suffix(".probe.csv")
    write_strong_export(probe, 10_000)
    per_set = probe.stat().st_size / 10_000
    probe.unlink()
    rows = int(megabytes * 2**20 / per_set)
    write_strong_export(path, rows)
    return rows


def run_import(source: Path, folder: Path) -> tuple[float, float, str]:
    db = folder / "import.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    return timed_with_peak([sys.executable, "-m", "liftcalm", "import", "--db", str(db), str(source), "--unit", "kg"])


def run_floor(source: Path, folder: Path) -> float:
    db = folder / "floor.db"
    db.unlink(missing_ok=True)
    return timed_with_peak([sys.executable, "-c", FLOOR, str(source), str(db)])[0]


def timed_with_peak(command: list[str]) -> tuple[float, float, str]:
    """Like ``timed``, the peak read from the child's own rusage (wait4), so runs do not mix."""
    began = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
    out = process.stdout.read()
    err = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - began
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command[:4])} failed: {err.decode(errors='replace')}")
    return seconds, usage.ru_maxrss / 1024, out.decode()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000, help="set rows (default 100,000)")
    parser.add_argument("--big-mb", type=float, default=0, help="also import a file of this many MB (e.g. 200)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        source = folder / "strong.csv"
        write_strong_export(source, args.rows)
        size_mib = source.stat().st_size / 2**20
        floors, imports = [], []
        for _ in range(RUNS):  # interleaved, so that a busy moment weighs on both alike
            floors.append(run_floor(source, folder))
            imports.append(run_import(source, folder))
        floor_s = min(floors)
        import_s, _, out = min(imports)
        peak_mib = max(peak for _, peak, _ in imports)
        ratio = import_s / floor_s
        result = {"rows": args.rows, "file_mib": round(size_mib, 1), "import_s": round(import_s, 3),
                  "floor_s": round(floor_s, 3), "ratio": round(ratio, 2), "peak_mib": round(peak_mib, 1)}
        print(f"{args.rows} set rows (+{args.rows} rest-timer rows, {size_mib:.1f} MiB), best of {RUNS}, "
              "each a whole fresh process")
        print(f"import_s {import_s:.3f}  (liftcalm import into a new database)")
        print(f"floor_s  {floor_s:.3f}  (csv + executemany of every record into one table)")
        print(f"ratio    {ratio:.2f}  (target at most {TARGET_RATIO:g})")
        print(f"peak_mib {peak_mib:.1f}  (target under 100)")
        print("\n".join(out.splitlines()[1:5]))
        if args.big_mb:
            big = folder / "big.csv"
            rows = write_export_of_size(big, args.big_mb)
            source.unlink()
            big_s, big_peak, _ = run_import(big, folder)
            big_mib = big.stat().st_size / 2**20
            print(f"big: {big_mib:.0f} MiB ({rows} set rows) imported in {big_s:.1f} s, peak {big_peak:.1f} MiB "
                  "(target under 300)")
            result.update({"big_file_mib": round(big_mib, 1), "big_import_s": round(big_s, 1),
                           "big_peak_mib": round(big_peak, 1)})
    print(json.dumps(result))


if __name__ == "__main__":
    main()
