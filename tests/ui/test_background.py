"""The one background helper: work on a worker's own store, results and failures on the UI thread."""

import threading

import pytest
from PySide6.QtCore import QObject

from liftcalm.app import create_application
from liftcalm.core.changes import ChangeKind
from liftcalm.ui.background import StoreOp, wait_for_background_work


@pytest.fixture
def parent(qtbot):
    create_application()
    return QObject()


def test_the_work_gets_its_own_store_and_its_changes_reach_the_ui_store(qtbot, store, parent):
    ui_thread = threading.current_thread()
    heard, results = [], []
    store.changes.subscribe(lambda change: heard.append((change.kind, threading.current_thread())))

    def work(worker):
        assert worker is not store and threading.current_thread() is not ui_thread
        return worker.book.create("Made on a worker").id

    StoreOp(parent=parent, store=store, work=work, success=results.append).run_in_background()
    qtbot.waitUntil(lambda: bool(results), timeout=5000)
    assert store.routines.get(results[0]).name == "Made on a worker"
    assert heard == [(ChangeKind.ROUTINES, ui_thread)]  # told on the UI thread, before success


def test_a_failure_arrives_as_the_exception_itself(qtbot, store, parent):
    errors = []

    def work(_worker):
        raise KeyError("missing")

    StoreOp(parent=parent, store=store, work=work, success=lambda _r: pytest.fail("no success")).failure(
        errors.append).run_in_background()
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert isinstance(errors[0], KeyError) and errors[0].args == ("missing",)


def test_nothing_is_called_once_the_parent_is_gone(qtbot, store, parent):
    release = threading.Event()
    called = []
    StoreOp(parent=parent, store=store, work=lambda _worker: release.wait(5), success=called.append
            ).failure(called.append).run_in_background()
    parent.deleteLater()
    qtbot.waitUntil(lambda: not __import__("shiboken6").isValid(parent), timeout=2000)
    release.set()
    wait_for_background_work()
    qtbot.wait(50)
    assert called == []
