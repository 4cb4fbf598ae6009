"""A running session's writes when the disk is full or another program holds the lock: held, never lost."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
from pathlib import Path

import pytest

from liftcalm.core.clock import ClockAnchor, FakeClock
from liftcalm.core.models import Routine, RoutineItem, SetType
from liftcalm.core.session_recorder import SessionRecorder, WriteFailed
from liftcalm.core.session_run import Phase
from liftcalm.store import Store
from liftcalm.store.recovery import merge_recovery, recovery_path, save_recovery

W = SetType.WORKING


class Disk:
    """A real, small filesystem (tmpfs), so that a full disk is a full disk; skipped where none can be made."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.ballast = folder / "ballast"

    def fill(self) -> None:
        """Take every free byte, as another program writing a big file would."""
        fd = os.open(self.ballast, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        try:
            for chunk in (65536, 4096, 512, 1):
                try:
                    while True:
                        os.write(fd, b"\0" * chunk)
                except OSError:
                    pass
        finally:
            os.close(fd)

    def free(self) -> None:
        self.ballast.unlink(missing_ok=True)


@pytest.fixture
def disk(tmp_path):
    folder = tmp_path / "small-disk"
    folder.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(folder)],
                                           capture_output=True).returncode != 0:
        pytest.skip("cannot mount a small tmpfs here (needs root); the injected faults below still run")
    try:
        yield Disk(folder)
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)


class FaultyConnection:
    """A connection whose commits fail while ``fault`` is set: an injected full disk or I/O error."""

    def __init__(self, conn: sqlite3.Connection):
        self._conn = conn
        self.fault: str | None = None

    def execute(self, sql: str, *args):
        verb = sql.lstrip().split(None, 1)[0].upper()
        if self.fault and verb in ("COMMIT", "INSERT", "UPDATE", "DELETE") and not (
                verb != "COMMIT" and self._conn.in_transaction):
            raise sqlite3.OperationalError(self.fault)
        return self._conn.execute(sql, *args)

    def __getattr__(self, name):
        return getattr(self._conn, name)


def start(store: Store, clock: FakeClock) -> SessionRecorder:
    squat = store.exercises.find("Barbell Back Squat")
    routine = store.book.add(Routine(None, "Legs", (RoutineItem(squat.id, (W, W, W), 5, 100.0, 90),)), "Add")
    return SessionRecorder.start(store.sessions, clock, routine, store.exercises.get)


def saved_sets(store: Store, session_id: int) -> list[tuple]:
    return store.conn.execute("SELECT position, reps, stress_after_set FROM logged_set WHERE session_id = ?"
                              " ORDER BY position", (session_id,)).fetchall()


def test_a_full_disk_holds_the_set_and_its_rating_and_writes_them_in_order_once_there_is_room(disk):
    clock = FakeClock()
    store = Store(disk.folder / "liftcalm.db")
    recorder = start(store, clock)
    recorder.finish_set()
    disk.fill()
    recorder.skip_rest()
    clock.advance(40)
    recorder.finish_set()
    recorder.rate_set(1, stress_after_set=7)
    assert recorder.fault is not None and recorder.fault.cause == "disk_full"
    assert "the disk is full" in recorder.fault.message
    assert [w.method for w in recorder.pending] == ["save_state", "log_set", "rate_set"]
    assert saved_sets(store, recorder.session_id) == [(0, 5, None)]  # nothing past the unsaved step
    running = store.sessions.running(ClockAnchor.now(clock))
    assert running.state.phase is Phase.REST and running.state.position == 1  # the saved state: set 1's rest
    disk.free()
    assert recorder.flush()
    assert saved_sets(store, recorder.session_id) == [(0, 5, None), (1, 5, 7)]
    assert store.sessions.running(ClockAnchor.now(clock)).state.position == 2
    assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    store.close()


@pytest.mark.parametrize("fault, cause", [("database or disk is full", "disk_full"), ("disk I/O error", "disk_error"),
                                          ("attempt to write a readonly database", "read_only")])
def test_a_commit_that_fails_is_held_and_the_connection_can_write_again(store, fault, cause):
    clock = FakeClock()
    recorder = start(store, clock)
    faulty = FaultyConnection(store.sessions._conn)
    store.sessions._conn = faulty
    faulty.fault = fault
    recorder.finish_set()
    recorder.rate_set(0, stress_after_set=3)
    assert recorder.fault.cause == cause and len(recorder.pending) == 2
    assert not store.conn.in_transaction  # a failed COMMIT leaves no transaction open
    assert saved_sets(store, recorder.session_id) == []
    faulty.fault = None
    assert recorder.flush() and saved_sets(store, recorder.session_id) == [(0, 5, 3)]


def test_a_lock_held_by_another_program_holds_writes_without_freezing_for_seconds(store, tmp_path):
    import time

    clock = FakeClock()
    recorder = start(store, clock)
    other = sqlite3.connect(store.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program writing, for longer than we wait
    started = time.perf_counter()
    recorder.finish_set()
    waited = time.perf_counter() - started
    assert recorder.fault.cause == "locked" and "another program" in recorder.fault.message
    assert waited < 1.0, f"the UI thread waited {waited:.2f} s for the lock"
    other.execute("ROLLBACK")
    other.close()
    assert recorder.flush() and saved_sets(store, recorder.session_id) == [(0, 5, None)]
    assert store.conn.execute("PRAGMA busy_timeout").fetchone()[0] == 5000  # other writes wait as before


def test_held_writes_kept_in_a_recovery_file_are_merged_at_the_next_start(tmp_path):
    clock = FakeClock()
    path = tmp_path / "liftcalm.db"
    with Store(path) as store:
        recorder = start(store, clock)
        recorder.finish_set()
        store.sessions._conn = faulty = FaultyConnection(store.sessions._conn)
        faulty.fault = "database or disk is full"
        recorder.rate_set(0, stress_after_set=4)
        recorder.skip_rest()
        clock.advance(30)
        recorder.finish_set()
        assert len(recorder.pending) == 3
        kept = save_recovery(path, recorder.session_id, recorder.pending)
        assert stat.S_IMODE(kept.stat().st_mode) == 0o600
        session_id = recorder.session_id
    with Store(path) as store:
        outcome = merge_recovery(store)
        assert outcome.merged == 3 and not outcome.problem and not recovery_path(path).exists()
        assert saved_sets(store, session_id) == [(0, 5, 4), (1, 5, None)]
        assert merge_recovery(store) is None


def test_a_recovery_file_for_a_session_no_longer_running_is_set_aside_not_applied(tmp_path):
    clock = FakeClock()
    path = tmp_path / "liftcalm.db"
    with Store(path) as store:
        recorder = start(store, clock)
        recorder.finish_set()
        pending = ({"label": "a rating", "method": "rate_set",
                    "arguments": {"session_id": {"value": recorder.session_id}, "position": {"value": 0},
                                  "stress_after_set": {"value": 9}}},)
        from liftcalm.core.session_recorder import writes_from_data

        save_recovery(path, recorder.session_id, tuple(writes_from_data(list(pending))))
        recorder.end_early()
        recorder.finish(None, "")
        outcome = merge_recovery(store)
        assert outcome.merged == 0 and "no longer running" in outcome.problem
        assert saved_sets(store, recorder.session_id) == [(0, 5, None)]
        assert not recovery_path(path).exists() and recovery_path(path).with_name(
            recovery_path(path).name + ".unused").exists()


def test_a_session_cannot_start_on_a_full_disk_and_says_so(store):
    squat = store.exercises.find("Barbell Back Squat")
    routine = store.book.add(Routine(None, "Legs", (RoutineItem(squat.id, (W,), 5, 100.0, 90),)), "Add")
    store.sessions._conn = faulty = FaultyConnection(store.sessions._conn)
    faulty.fault = "database or disk is full"
    with pytest.raises(WriteFailed, match="disk is full"):
        SessionRecorder.start(store.sessions, FakeClock(), routine, store.exercises.get)


def test_when_the_databases_disk_is_full_the_recovery_file_goes_to_the_settings_folder(tmp_path, monkeypatch):
    from liftcalm.store import recovery

    clock = FakeClock()
    path = tmp_path / "liftcalm.db"
    real_write = recovery.write_atomically

    def full_beside_the_database(target, data):
        if Path(target).parent == path.parent:
            raise OSError(28, "No space left on device")
        real_write(target, data)

    with Store(path) as store:
        recorder = start(store, clock)
        store.sessions._conn = faulty = FaultyConnection(store.sessions._conn)
        faulty.fault = "database or disk is full"
        recorder.finish_set()
        with monkeypatch.context() as patch:
            patch.setattr(recovery, "write_atomically", full_beside_the_database)
            kept = save_recovery(path, recorder.session_id, recorder.pending)
        assert kept == recovery.spare_recovery_path(path) and kept.exists()
        assert stat.S_IMODE(kept.parent.stat().st_mode) == 0o700
        session_id = recorder.session_id
    with Store(path) as store:
        assert merge_recovery(store).merged == 1 and not kept.exists()
        assert saved_sets(store, session_id) == [(0, 5, None)]
