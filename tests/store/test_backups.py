import os
import sqlite3
import stat
import subprocess
import sys
import time
from datetime import date, datetime, timedelta

import pytest

from liftcalm.store import Store, StoreError
from liftcalm.store.backups import (
    BackupKind,
    backup_folder,
    daily_backup,
    describe_backup,
    describe_backups,
    list_backups,
)
from liftcalm.store.database import check_file
from liftcalm.store.demo import write_demo


def test_daily_backup_once_a_day_keeping_seven(tmp_path):
    db = tmp_path / "data" / "liftcalm.db"
    with Store(db) as store:
        store.book.create("Push")
    first = daily_backup(db, date(2026, 11, 1))
    assert first is not None and stat.S_IMODE(os.stat(first).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(first.parent).st_mode) == 0o700
    assert daily_backup(db, date(2026, 11, 1)) is None  # at most once a day
    for day in range(2, 12):
        daily_backup(db, date(2026, 11, 1) + timedelta(days=day - 1))
    kept = list_backups(db)
    assert len(kept) == 7
    assert [d for d, _ in kept] == [date(2026, 11, 11) - timedelta(days=n) for n in range(7)]
    with Store(kept[0][1]) as copy:
        assert [name for _, name, _ in copy.routines.list()] == ["Push"]


def test_restore_replaces_everything_after_saving_the_current_data_aside(tmp_path):
    db = tmp_path / "liftcalm.db"
    with Store(db) as store:
        store.book.create("Old routine")
        backup = daily_backup(db, date(2026, 11, 20))
        store.book.create("Made after the backup")
        assert store.book.history.can_undo
        aside = store.restore(backup)
        assert [name for _, name, _ in store.routines.list()] == ["Old routine"]
        assert not store.book.history.can_undo  # undo described the replaced content
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        store.book.create("After restore")  # the live connection goes on working
    with Store(aside) as saved:
        assert sorted(name for _, name, _ in saved.routines.list()) == ["Made after the backup", "Old routine"]
    with Store(db) as reopened:
        assert sorted(name for _, name, _ in reopened.routines.list()) == ["After restore", "Old routine"]


@pytest.mark.parametrize("content", [b"", b"not a database at all" * 100])
def test_restore_refuses_what_is_not_a_liftcalm_backup(tmp_path, content):
    db = tmp_path / "liftcalm.db"
    bad = tmp_path / "bad.db"
    bad.write_bytes(content)
    with Store(db) as store:
        store.book.create("Keep me")
        with pytest.raises(StoreError, match="cannot be restored"):
            store.restore(bad)
        assert [name for _, name, _ in store.routines.list()] == ["Keep me"]


def folder_state(folder):
    """Every file in ``folder`` with its bytes and modification time: what "unchanged" means."""
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.iterdir())}


def test_backups_are_listed_with_when_size_and_contents_newest_first(tmp_path):
    db = tmp_path / "liftcalm.db"
    with Store(db) as store:
        demo = write_demo(store, years=0.3, seed=4, end=date(2026, 6, 1))
        daily = daily_backup(db, date(2026, 6, 1))
        store.book.create("After the backup")
        aside = store.restore(daily)
    found = describe_backups(db)
    assert [(info.path, info.kind) for info in found] == [(aside, BackupKind.BEFORE_RESTORE), (daily, BackupKind.DAILY)]
    for info in found:
        assert info.usable and info.size == info.path.stat().st_size
        assert info.saved_at == datetime.fromtimestamp(info.path.stat().st_mtime)
        assert (info.sessions, info.last_session) == (demo.sessions, demo.last_date)
    assert (found[0].routines, found[1].routines) == (5, 4)  # the aside holds the routine made after the backup


def test_reading_backups_changes_nothing_and_leaves_nothing_beside_them(tmp_path):
    db = tmp_path / "liftcalm.db"
    with Store(db) as store:
        write_demo(store, years=0.2, seed=5, end=date(2026, 6, 1))
        daily_backup(db, date(2026, 6, 1))
        store.restore(list_backups(db)[0][1])
        # A backup as an earlier LiftCalm wrote it: the live database's pages, WAL flag and all.
        old_style = backup_folder(db) / "liftcalm-2026-05-31.db"
        with sqlite3.connect(old_style) as copy:
            store.conn.backup(copy)
        copy.close()
        assert old_style.read_bytes()[18:20] == b"\x02\x02"  # marked WAL: a plain read-only open adds -wal, -shm
    chosen_folder = tmp_path / "elsewhere"
    chosen_folder.mkdir()
    chosen = chosen_folder / "copy.db"
    with Store(db) as store:
        store.backup_to(chosen)
    before, chosen_before = folder_state(backup_folder(db)), folder_state(chosen_folder)
    assert len(before) == 3
    found = describe_backups(db) + [describe_backup(chosen, db)]
    assert len(found) == 4 and all(info.usable and info.sessions > 0 for info in found)
    assert folder_state(backup_folder(db)) == before  # no -wal, -shm or -journal, not a byte changed
    assert folder_state(chosen_folder) == chosen_before


def test_a_file_that_cannot_be_restored_says_why_in_check_files_words(tmp_path):
    db = tmp_path / "liftcalm.db"
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all" * 100)
    newer = tmp_path / "newer.db"
    with Store(newer) as made:
        made.conn.execute("PRAGMA user_version = 999")
    foreign = tmp_path / "foreign.db"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE notes (text TEXT)")
    conn.close()
    with Store(db) as store:
        store.book.create("Keep me")
        for path in (junk, newer, foreign):
            with pytest.raises(StoreError) as refused:
                check_file(path)
            info = store.describe_backup(path)
            assert info.problem == str(refused.value) and not info.usable and info.kind is BackupKind.OTHER
            with pytest.raises(StoreError, match="cannot be restored"):
                store.restore(path)
        assert "open now" in store.describe_backup(db).problem  # the database itself is no backup
        assert "missing" in store.describe_backup(tmp_path / "gone.db").problem
        assert [name for _, name, _ in store.routines.list()] == ["Keep me"]


def test_undo_right_after_a_restore_puts_back_what_was_there(tmp_path):
    db = tmp_path / "liftcalm.db"
    with Store(db) as store:
        store.book.create("In the backup")
        backup = daily_backup(db, date(2026, 11, 20))
        store.book.create("Made after the backup")
        first_aside = store.restore(backup)
        second_aside = store.restore(first_aside)  # Undo restore, within the same second
        assert second_aside != first_aside
        assert sorted(name for _, name, _ in store.routines.list()) == ["In the backup", "Made after the backup"]
        store.restore(second_aside)  # and undo that too
        assert [name for _, name, _ in store.routines.list()] == ["In the backup"]


def test_unfinished_copies_are_removed_once_their_writer_is_gone(tmp_path):
    db = tmp_path / "liftcalm.db"
    with Store(db) as store:
        store.book.create("Push")
    folder = backup_folder(db)
    folder.mkdir()
    finished = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], check=True,
                              capture_output=True, text=True)
    gone, alive = int(finished.stdout), os.getppid()
    names = {
        "killed": f".liftcalm-2026-11-01.db.unfinished-{gone}-abcd1234",
        "killed journal": f".liftcalm-2026-11-01.db.unfinished-{gone}-abcd1234-journal",
        "killed wal": f".liftcalm-2026-11-01.db.unfinished-{gone}-abcd1234-wal",
        "ours, failed": f".liftcalm-2026-11-02.db.unfinished-{os.getpid()}-efgh5678",
        "still writing": f".liftcalm-2026-11-03.db.unfinished-{alive}-ijkl9012",
        "abandoned": f".liftcalm-2026-11-04.db.unfinished-{alive}-mnop3456",
        "not ours": ".liftcalm-2026-11-05.db.mnopqrst",
    }
    for name in names.values():
        (folder / name).write_bytes(b"partial")
    long_ago = time.time() - 2 * 3600
    os.utime(folder / names["abandoned"], (long_ago, long_ago))
    made = daily_backup(db, date(2026, 11, 6))
    assert sorted(p.name for p in folder.iterdir()) == sorted([made.name, names["still writing"], names["not ours"]])

    chosen = tmp_path / "elsewhere"
    chosen.mkdir()
    other = chosen / f".holiday.db.unfinished-{gone}-qrst7890"
    leftover = chosen / f".copy.db.unfinished-{gone}-uvwx1234"
    other.write_bytes(b"partial")
    leftover.write_bytes(b"partial")
    with Store(db) as store:
        store.backup_to(chosen / "copy.db")
    assert sorted(p.name for p in chosen.iterdir()) == sorted(["copy.db", other.name])  # only its own leftovers


def test_cancelled_import_keeps_nothing_and_progress_counts_up(tmp_path):
    from pathlib import Path

    from liftcalm.core.importers import ImportCancelled, parse_export
    from liftcalm.store.imports import store_import

    text = (Path(__file__).parents[1] / "fixtures" / "imports" / "hevy_kg.csv").read_text(encoding="utf-8")
    result = parse_export(text)
    seen = []
    with Store(tmp_path / "cancel.db") as store:
        with pytest.raises(ImportCancelled):
            store_import(store, result, progress=lambda done, total: seen.append((done, total)),
                         cancelled=lambda: len(seen) == len(result.workouts) - 1)
        assert store.conn.execute("SELECT count(*) FROM session").fetchone()[0] == 0
        assert store.conn.execute("SELECT count(*) FROM exercise WHERE is_custom").fetchone()[0] == 0
        seen.clear()
        summary = store_import(store, result, progress=lambda done, total: seen.append((done, total)))
        assert summary.workouts == len(result.workouts) == seen[-1][1]
