"""``liftcalm demo``, run as a user runs it: a separate process, exit codes, stderr."""

import os
import sqlite3
import subprocess
import sys

import pytest

from liftcalm.paths import default_database_path
from liftcalm.store import Store


def run(*args, timeout=60):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run([sys.executable, "-m", "liftcalm", *args], capture_output=True, text=True,
                          timeout=timeout, env=env)


def count(path, sql):
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchone()[0]
    finally:
        conn.close()


def test_demo_writes_a_history_and_prints_its_summary(tmp_path):
    path = tmp_path / "demo.db"
    result = run("demo", "--db", str(path), "--years", "0.5", "--seed", "3")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == f"wrote a sample history into {path} (every session marked source 'demo'):"
    sessions = count(path, "SELECT count(*) FROM session")
    sets = count(path, "SELECT count(*) FROM logged_set")
    calm = count(path, "SELECT count(*) FROM session WHERE kind = 'calm'")
    rest = count(path, "SELECT count(*) FROM session WHERE kind = 'rest'")
    assert sessions > 60 and rest > 0
    assert lines[1] == f"sessions: {sessions} ({sessions - calm - rest} strength, {calm} calm, {rest} rest days)"
    assert lines[2] == f"sets: {sets}"
    assert lines[3].startswith("dates: ") and lines[-1] == f"open it with: liftcalm --db {path}"
    assert count(path, "SELECT count(*) FROM session WHERE source != 'demo'") == 0


def test_db_may_come_before_the_command_and_a_second_run_replaces_the_first(tmp_path):
    path = tmp_path / "demo.db"
    assert run("--db", str(path), "demo", "--years", "0.25").returncode == 0
    first = count(path, "SELECT count(*) FROM session")
    result = run("demo", "--db", str(path), "--years", "0.25")
    assert result.returncode == 0, result.stderr
    assert f"replaced the earlier sample history ({first} sessions)" in result.stdout
    assert count(path, "SELECT count(*) FROM session") == first
    assert count(path, "SELECT min(id) FROM session") == 1


def test_a_database_with_your_own_sessions_is_refused_and_left_as_it_was(tmp_path):
    path = tmp_path / "mine.db"
    with Store(path) as store:
        store.conn.execute("INSERT INTO session (routine_name, kind, started_at, ended_at) VALUES"
                           " ('Mine', 'strength', '2025-01-07T18:00:00.000+01:00', '2025-01-07T19:00:00.000+01:00')")
    before = path.read_bytes()
    result = run("demo", "--db", str(path))
    assert result.returncode == 1
    assert result.stderr == (f"liftcalm demo: {path} already holds your own sessions; demo data goes into a separate"
                             " file, e.g. --db demo.db\n")
    assert result.stdout == ""
    assert path.read_bytes() == before


def test_the_default_database_is_never_filled_with_sample_data():
    result = run("demo")
    assert result.returncode == 1
    assert result.stderr.startswith("liftcalm demo: sample data goes into a separate file")
    assert not default_database_path().exists()


@pytest.mark.parametrize("years", ["0", "-1", "12.5", "many"])
def test_years_out_of_range_give_usage_and_exit_2(tmp_path, years):
    path = tmp_path / "demo.db"
    result = run("demo", "--db", str(path), "--years", years)
    assert result.returncode == 2
    assert result.stderr.startswith("usage: liftcalm demo") and "--years" in result.stderr
    assert "Traceback" not in result.stderr and not path.exists()


def test_demo_never_loads_qt(tmp_path):
    code = (
        "import sys\n"
        "from liftcalm.cli import main\n"
        f"code = main(['demo', '--db', {str(tmp_path / 'demo.db')!r}, '--years', '0.2'])\n"
        "loaded = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'pyqtgraph')))\n"
        "print(code, loaded)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "0 []"
