"""A real kill: a child process makes backup after backup of a large database and is sent SIGKILL mid-copy."""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date
from urllib.parse import quote

import pytest

from liftcalm.store import Store
from liftcalm.store.backups import backup_folder, daily_backup, list_backups
from liftcalm.store.demo import write_demo

CHILD = r"""
import sys
from datetime import date, timedelta
from liftcalm.store.backups import daily_backup

day = date(2030, 1, 1) + timedelta(days=int(sys.argv[2]))
print("ready", flush=True)
while True:
    daily_backup(sys.argv[1], day)
    day += timedelta(days=1)
"""


def unfinished(folder):
    """Files that are not finished backups: a copy under way is written under a hidden name."""
    return [name for name in os.listdir(folder) if name.startswith(".")]


def kill_mid_copy(db, round_number: int, delay_s: float) -> list[str]:
    """Start the backup loop, SIGKILL it ``delay_s`` after a copy is seen under way; return what it left."""
    folder = backup_folder(db)
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(db), str(round_number * 1000)],
                             stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "ready"
        deadline = time.monotonic() + 30
        while not (folder.is_dir() and unfinished(folder)):
            assert time.monotonic() < deadline, "no backup was seen under way"
        if delay_s:
            time.sleep(delay_s)
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    return unfinished(folder)


def integrity(path) -> str:
    conn = sqlite3.connect(f"file:{quote(str(path))}?mode=ro&immutable=1", uri=True)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_backup_killed_mid_copy_leaves_nothing_once_the_next_backup_runs(tmp_path):
    db = tmp_path / "liftcalm.db"
    with Store(db) as store:
        write_demo(store, years=7, seed=1, end=date(2026, 1, 1))
        sessions = store.conn.execute("SELECT count(*) FROM session").fetchone()[0]
    assert db.stat().st_size > 3_000_000  # a copy takes several milliseconds: long enough to be caught in
    folder = backup_folder(db)
    left_behind = []
    for round_number, delay_s in enumerate((0, 0.002, 0.005, 0)):
        left_behind += kill_mid_copy(db, round_number, delay_s)

        made = daily_backup(db, date(2040, 1, 1 + round_number))  # the next backup, as at the next start
        assert made is not None
        names = sorted(os.listdir(folder))
        assert names == sorted(path.name for _, path in list_backups(db)), "only finished backups stay"
        assert len(names) <= 7
        for name in names:
            assert integrity(folder / name) == "ok"
            with sqlite3.connect(f"file:{quote(str(folder / name))}?mode=ro&immutable=1", uri=True) as copy:
                assert copy.execute("SELECT count(*) FROM session").fetchone()[0] == sessions
            copy.close()
    assert left_behind, "no kill landed in the middle of a copy"


RESTORE_CHILD = r"""
import sys
from liftcalm.store import Store

store = Store(sys.argv[1])
print("ready", flush=True)
while True:  # restore the big backup, then the small one, again and again
    store.restore(sys.argv[2])
    store.restore(sys.argv[3])
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_restore_killed_midway_leaves_one_whole_database_never_a_mix(tmp_path):
    big, small, db = tmp_path / "big.db", tmp_path / "small.db", tmp_path / "liftcalm.db"
    with Store(big) as store:
        write_demo(store, years=3, seed=1, end=date(2026, 1, 1))
        big_sessions = store.conn.execute("SELECT count(*) FROM session").fetchone()[0]
    with Store(small) as store:
        write_demo(store, years=0.1, seed=2, end=date(2026, 1, 1))
        small_sessions = store.conn.execute("SELECT count(*) FROM session").fetchone()[0]
    Store(db).close()
    seen = set()
    for delay_s in (0.05, 0.13, 0.21, 0.34):
        child = subprocess.Popen([sys.executable, "-c", RESTORE_CHILD, str(db), str(big), str(small)],
                                 stdout=subprocess.PIPE, text=True)
        try:
            assert child.stdout.readline().strip() == "ready"
            time.sleep(delay_s)
        finally:
            os.kill(child.pid, signal.SIGKILL)
            child.wait(timeout=30)
        with Store(db) as store:  # opens (checked), as the next start would
            assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            count = store.conn.execute("SELECT count(*) FROM session").fetchone()[0]
        assert count in (0, big_sessions, small_sessions)
        seen.add(count)
    assert seen - {0}, "no restore finished before a kill"
