"""What "Update the routine with today's changes" offers: loads, sets added or removed, exercises added, order."""

from dataclasses import replace

from liftcalm.core.clock import FakeClock
from liftcalm.core.models import Routine, RoutineItem, SetType
from liftcalm.core.routine_update import routine_update
from liftcalm.core.session_plan import plan_sets
from liftcalm.core.session_run import Phase, SessionRun

W = SetType.WORKING
NAMES = {1: "Squat", 2: "Bench", 3: "Row", 4: "Curl"}
ROUTINE = Routine(7, "A", (RoutineItem(1, (W, W), 5, 100.0, 120), RoutineItem(2, (W, W), 8, 60.0, 90,
                                                                               superset_with_next=True),
                           RoutineItem(3, (W, W), 10, 50.0, 90)))


def session():
    run = SessionRun(plan_sets(ROUTINE), FakeClock())
    return run


def do_all(run, loads=None):
    loads = loads or {}
    while run.phase is not Phase.FINISHED:
        if run.phase is Phase.SET:
            index = len(run.logged)
            run.finish_set()
            if index in loads:
                logged = run.logged[index]
                run.amend_set(index, logged.reps, loads[index], None)
        else:
            run.skip_rest()
            run.advance()
    return run


def update(run):
    return routine_update(ROUTINE, run.plan, run.order, run.logged, NAMES.get, lambda kg: f"{kg:g} kg")


def test_a_session_as_planned_changes_nothing():
    assert update(do_all(session())) is None


def test_a_heavier_load_is_taken_over_and_said():
    result = update(do_all(session(), {0: 102.5, 1: 102.5}))
    assert result.changes == ("Squat: 102.5 kg instead of 100 kg (2 sets).",)
    assert [t.load_kg for t in result.routine.items[0].targets] == [102.5, 102.5]
    assert result.routine.id == 7 and result.routine.items[1:] == ROUTINE.items[1:]


def test_fewer_reps_on_a_hard_day_are_not_a_new_plan():
    run = session()
    run.finish_set()
    run.amend_set(0, 2, 100.0, None)
    assert update(do_all(run)) is None


def test_a_set_added_and_one_removed_change_the_counts():
    run = session()
    run.add_set(0)  # a third squat
    run.remove(next(i for i, p in enumerate(run.plan) if p.exercise_id == 3 and p.set_number == 2))
    result = update(do_all(run))
    assert result.changes == ("Squat: 3 sets instead of 2.", "Row: 1 set instead of 2.")
    assert len(result.routine.items[0].targets) == 3 and len(result.routine.items[2].targets) == 1


def test_skipped_sets_stay_in_the_routine():
    run = session()
    run.skip([0, 1])  # the rack was taken today
    result = update(do_all(run))
    assert len(result.routine.items) == 3 and result.routine.items[-1].exercise_id == 1  # only the order moved it
    assert result.changes == ("New order: Bench, Row, Squat.",)


def test_an_exercise_added_today_joins_the_routine_at_the_end():
    run = session()
    added = plan_sets(Routine(None, "", (RoutineItem(4, (W,), 12, 15.0, 60),)))
    run.add_sets(tuple(replace(p, item_index=3) for p in added))
    result = update(do_all(run, {6: 17.5}))
    assert result.changes == ("Add Curl: 1 set.",)
    assert result.routine.items[-1].exercise_id == 4 and result.routine.items[-1].targets[0].load_kg == 17.5


def test_a_superset_split_by_a_move_is_no_longer_one():
    run = session()
    run.move_later(1)  # the bench press after the row
    result = update(do_all(run))
    assert "Bench is no longer in a superset with the next exercise." in result.changes
    assert [i.exercise_id for i in result.routine.items] == [1, 3, 2]
    assert not result.routine.items[2].superset_with_next


def test_a_routine_changed_since_the_start_is_left_alone():
    run = do_all(session(), {0: 110.0})
    edited = Routine(7, "A", (RoutineItem(4, (W,)),) + ROUTINE.items[1:])
    assert routine_update(edited, run.plan, run.order, run.logged, NAMES.get, str) is None


def test_a_suggested_load_followed_is_not_offered_as_a_change():
    suggested = Routine(7, "A", (ROUTINE.items[0].with_all_working(load_kg=102.5),) + ROUTINE.items[1:])
    run = SessionRun(plan_sets(suggested), FakeClock())
    assert update(do_all(run)) is None
