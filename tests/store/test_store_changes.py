"""Every committed write is announced once, after it commits; nothing rolled back is announced."""

import datetime
from pathlib import Path

import pytest

from liftcalm.core.changes import ChangeKind
from liftcalm.core.importers import ImportCancelled
from liftcalm.core.models import Exercise
from liftcalm.store import Store
from liftcalm.store.backups import daily_backup
from liftcalm.store.demo import write_demo
from liftcalm.store.imports import prepare_import

FIXTURES = Path(__file__).parents[1] / "fixtures" / "imports"


@pytest.fixture
def heard(store):
    changes = []
    store.changes.subscribe(changes.append)
    return changes


def test_an_import_is_announced_once_it_commits_and_a_dry_run_not_at_all(store, heard):
    prepared = prepare_import(FIXTURES / "hevy_kg.csv")
    prepared.run(store, dry_run=True)
    assert heard == []
    prepared.run(store)
    assert ChangeKind.SESSIONS in [change.kind for change in heard]
    assert all(not change.ids for change in heard if change.kind is ChangeKind.SESSIONS)


def test_a_cancelled_import_announces_nothing(store, heard):
    with pytest.raises(ImportCancelled):
        prepare_import(FIXTURES / "hevy_kg.csv").run(store, cancelled=lambda: True)
    assert heard == []


def test_settings_and_exercises_say_what_changed(store, heard):
    store.settings.volume = 30
    added = store.exercises.add_custom(Exercise(None, "My own odd lift"))
    assert [(c.kind, c.keys, c.ids) for c in heard] == [(ChangeKind.SETTINGS, ("volume",), ()),
                                                     (ChangeKind.EXERCISES, (), (added.id,))]


def test_a_history_edit_carries_its_rows_before_and_after(store, heard):
    write_demo(store, years=0.1, seed=1, end=datetime.date(2026, 6, 1))
    heard.clear()
    # The newest session with a set of reps (a calm session's timed blocks have none).
    row, target = next((row, s) for row in store.history_edits.list_sessions()
                       for s in store.history_edits.session_sets(row.id) if s.reps is not None)
    change = store.history_edits.edit_set(target.id, reps=target.reps + 1)
    assert [(c.kind, c.ids) for c in heard] == [(ChangeKind.SESSIONS, (row.id,))]
    assert heard[0].before == change.before and heard[0].after == change.after
    store.history_edits.undo()
    assert heard[-1].before == change.after and heard[-1].after == change.before


def test_a_restore_announces_everything_and_every_undo_history_forgets(tmp_path):
    db = tmp_path / "liftcalm.db"
    with Store(db) as store:
        backup = daily_backup(db, datetime.date(2026, 11, 20))
        store.book.create("After the backup")
        assert store.book.history.can_undo and not store.history_edits.history.can_undo
        heard = []
        store.changes.subscribe(heard.append)
        with Store.for_worker(db) as worker:  # a restore runs on a worker, as the app does it
            worker.restore(backup)
            assert [c.kind for c in worker.changes.kept] == [ChangeKind.EVERYTHING]
            for change in worker.changes.kept:  # what StoreOp does on the UI thread afterwards
                store.changes.publish(change)
        assert [c.kind for c in heard] == [ChangeKind.EVERYTHING]
        assert not store.book.history.can_undo
        assert store.routines.list() == []


def test_a_worker_store_does_not_check_the_file_again(tmp_path, monkeypatch):
    db = tmp_path / "liftcalm.db"
    Store(db).close()
    from liftcalm.store import database

    monkeypatch.setattr(database, "check_file", lambda path: pytest.fail("checked again"))
    with Store.for_worker(db) as worker:
        assert worker.routines.list() == []
        assert worker.changes.kept == []
