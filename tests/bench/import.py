"""Import speed: a generated Strong export of 100,000 set rows through ``liftcalm import``.

Run from the repository root: ``python tests/bench/import.py [--rows N]``. The file has a
"Rest Timer" pseudo-row after every set, as Strong writes them. Times the real command in a
fresh process, into a new database, and ends with one JSON line.
"""

from __future__ import annotations

import argparse
import json
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "strong.csv"
        write_strong_export(source, args.rows)
        db = Path(folder) / "import.db"
        began = time.perf_counter()
        result = subprocess.run([sys.executable, "-m", "liftcalm", "import", "--db", str(db), str(source),
                                 "--unit", "kg"], capture_output=True, text=True, cwd=ROOT)
        seconds = time.perf_counter() - began
        if result.returncode != 0:
            raise SystemExit(f"import failed: {result.stderr}")
        size_mib = source.stat().st_size / 2**20
    print(f"{args.rows} set rows (+{args.rows} rest-timer rows, {size_mib:.1f} MiB) imported in {seconds:.2f} s"
          " (target < 3 s), whole command in a fresh process")
    print("\n".join(result.stdout.splitlines()[1:5]))
    print(json.dumps({"rows": args.rows, "import_s": round(seconds, 3)}))


if __name__ == "__main__":
    main()
