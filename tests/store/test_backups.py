import os
import stat
from datetime import date, timedelta

import pytest

from liftcalm.store import Store, StoreError
from liftcalm.store.backups import daily_backup, list_backups


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


def test_cancelled_import_keeps_nothing_and_progress_counts_up(tmp_path):
    from pathlib import Path

    from liftcalm.core.importers import parse_export
    from liftcalm.core.importers import ImportCancelled
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
