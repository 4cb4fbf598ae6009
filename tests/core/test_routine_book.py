import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from liftcalm.core.models import RoutineItem, SetType
from liftcalm.core.validation import ValidationError
from liftcalm.store import Store


def snapshot(store):
    return {rid: store.routines.get(rid) for rid, _, _ in store.routines.list()}


def test_create_rename_duplicate_delete_with_undo_and_redo(store):
    book = store.book
    push = book.create("Push")
    with pytest.raises(ValidationError, match="already exists"):
        book.create("  push ")
    bench = store.exercises.find("Barbell Bench Press")
    book.edit(push.with_item_added(RoutineItem(bench.id, target_load_kg=60)), "Add exercise")
    book.rename(push.id, "Push day")
    copy = book.duplicate(push.id)
    assert copy.name == "Push day (copy)" and copy.items == store.routines.get(push.id).items
    assert book.duplicate(push.id).name == "Push day (copy 2)"
    book.delete(push.id)
    assert store.routines.get(push.id) is None
    assert book.history.undo_label == "Delete “Push day”"

    book.undo()  # the delete
    restored = store.routines.get(push.id)
    assert restored.name == "Push day" and restored.items[0].target_load_kg == 60
    book.undo()  # duplicate 2
    book.undo()  # duplicate 1
    book.undo()  # rename
    assert store.routines.get(push.id).name == "Push"
    book.redo()
    assert store.routines.get(push.id).name == "Push day"


def test_new_edit_drops_redo(store):
    book = store.book
    routine = book.create("A")
    book.rename(routine.id, "B")
    book.undo()
    assert book.history.can_redo
    book.rename(routine.id, "C")
    assert not book.history.can_redo


def test_invalid_edit_is_refused_and_nothing_is_saved(store):
    book = store.book
    routine = book.create("Legs")
    squat = store.exercises.find("Barbell Back Squat")
    with pytest.raises(ValidationError):
        book.edit(routine.with_item_added(RoutineItem(squat.id, target_reps=101)), "Add")
    with pytest.raises(ValidationError):
        book.rename(routine.id, "")
    assert store.routines.get(routine.id) == routine
    assert book.history.undo_label == "Create “Legs”"


def test_listeners_hear_every_committed_change_with_the_routine_before_and_after(store):
    from liftcalm.core.changes import ChangeKind

    heard = []
    store.changes.subscribe(heard.append)
    routine = store.book.create("X")
    store.book.undo()
    store.book.redo()
    assert [(c.kind, c.ids) for c in heard] == [(ChangeKind.ROUTINES, (routine.id,))] * 3
    assert [(c.before, c.after) for c in heard] == [(None, routine), (routine, None), (None, routine)]


operations = st.lists(
    st.tuples(st.sampled_from(["create", "rename", "duplicate", "delete", "add", "move", "sets"]), st.integers(0, 50)),
    min_size=1,
    max_size=25,
)


@settings(max_examples=40, deadline=None)
@given(operations)
def test_undo_all_then_redo_all_restores_every_state(tmp_path_factory, ops):
    with Store(tmp_path_factory.mktemp("h") / "h.db") as store:
        book = store.book
        exercise_ids = [e.id for e in store.exercises.all()][:10]
        states = [snapshot(store)]
        for name, number in ops:
            ids = [rid for rid, _, _ in store.routines.list()]
            target = ids[number % len(ids)] if ids else None
            if name == "create" or target is None:
                book.create(f"R{number} {len(states)}")
            elif name == "rename":
                book.rename(target, f"Renamed {number} {len(states)}")
            elif name == "duplicate":
                book.duplicate(target)
            elif name == "delete":
                book.delete(target)
            else:
                routine = store.routines.get(target)
                if name == "add" or not routine.items:
                    routine = routine.with_item_added(RoutineItem(exercise_ids[number % 10], target_reps=number + 1))
                elif name == "move":
                    routine = routine.with_item_moved(number % len(routine.items), 0)
                else:
                    index = number % len(routine.items)
                    routine = routine.with_item_replaced(index, routine.items[index].with_sets(number % 6 + 1))
                book.edit(routine, name)
            if snapshot(store) != states[-1]:
                states.append(snapshot(store))
        while book.undo():
            pass
        assert snapshot(store) == states[0] == {}
        while book.redo():
            pass
        assert snapshot(store) == states[-1]


def test_with_sets_keeps_types():
    item = RoutineItem(1, (SetType.WARMUP, SetType.WORKING))
    assert item.with_sets(4).set_types == (SetType.WARMUP, SetType.WORKING, SetType.WORKING, SetType.WORKING)
    assert item.with_sets(1).set_types == (SetType.WARMUP,)
