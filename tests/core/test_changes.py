"""The one change notification: in order, held inside a transaction, kept by a worker's feed."""

import pytest

from liftcalm.core.changes import Change, ChangeFeed, ChangeKind

ROUTINE = Change(ChangeKind.ROUTINES, (1,))
SESSION = Change(ChangeKind.SESSIONS, (7,))


def test_listeners_hear_changes_in_order_until_they_unsubscribe():
    feed = ChangeFeed()
    heard = []
    stop = feed.subscribe(heard.append)
    feed.publish(ROUTINE)
    stop()
    feed.publish(SESSION)
    assert heard == [ROUTINE] and feed.kept is None


def test_held_changes_go_out_after_the_block_and_never_after_a_rollback_or_a_dry_run():
    feed = ChangeFeed()
    heard = []
    feed.subscribe(heard.append)
    with feed.held():
        feed.publish(ROUTINE)
        assert heard == []
    assert heard == [ROUTINE]
    with pytest.raises(ValueError), feed.held():
        feed.publish(SESSION)
        raise ValueError
    with feed.held(keep=False):
        feed.publish(SESSION)
    assert heard == [ROUTINE]


def test_a_worker_feed_keeps_what_it_published():
    feed = ChangeFeed(keep=True)
    feed.publish(SESSION)
    assert feed.kept == [SESSION]


def test_touches():
    everything = Change(ChangeKind.EVERYTHING)
    assert everything.touches(ChangeKind.ROUTINES) and everything.touches_id(ChangeKind.SESSIONS, 3)
    assert SESSION.touches_id(ChangeKind.SESSIONS, 7) and not SESSION.touches_id(ChangeKind.SESSIONS, 8)
    assert Change(ChangeKind.SESSIONS).touches_id(ChangeKind.SESSIONS, 8)
    assert not SESSION.touches(ChangeKind.ROUTINES)
