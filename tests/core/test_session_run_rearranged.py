"""The session's plan rearranged while it runs: jump, skip, remove, move later, add a set, timed sets."""

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from liftcalm.core.clock import FakeClock
from liftcalm.core.models import Routine, RoutineItem, SetTarget, SetType
from liftcalm.core.session_plan import plan_sets
from liftcalm.core.session_run import (
    GET_READY_S,
    Phase,
    SessionError,
    SessionRun,
    state_from_dict,
    state_to_dict,
    superset_groups_of_plan,
)

W = SetType.WORKING


def start(*items):
    clock = FakeClock()
    return SessionRun(plan_sets(Routine(1, "R", tuple(items))), clock), clock


def three_exercises():
    return start(RoutineItem(1, (W, W), rest_s=60), RoutineItem(2, (W, W), rest_s=90), RoutineItem(3, (W,), rest_s=30))


def finish(run, clock):
    """Finish the current set and let its rest run out."""
    run.finish_set()
    clock.advance(run.rest.length_s if run.rest else 0)
    run.advance()


def exercises_done(run):
    return [run.plan[logged.plan_index].exercise_id for logged in run.logged]


def test_skipping_an_exercise_brings_up_the_next_and_it_is_never_offered_again():
    run, clock = three_exercises()
    finish(run, clock)  # 1.1
    run.skip([i for i, p in enumerate(run.plan) if p.exercise_id == 1])  # the machine is taken
    assert run.current.exercise_id == 2 and run.phase is Phase.SET
    while run.phase is not Phase.FINISHED:
        finish(run, clock)
    assert exercises_done(run) == [1, 2, 2, 3]
    assert run.skipped == {1}


def test_a_jump_does_that_set_next_and_the_ones_passed_over_come_after():
    run, clock = three_exercises()
    run.jump_to(4)  # exercise 3 first
    assert run.current.exercise_id == 3
    finish(run, clock)
    assert run.current.exercise_id == 1  # nothing after it in order: back to the first still to do
    while run.phase is not Phase.FINISHED:
        finish(run, clock)
    assert exercises_done(run) == [3, 1, 1, 2, 2]


def test_jumping_during_a_rest_changes_what_comes_next_not_the_rest():
    run, clock = three_exercises()
    run.finish_set()
    deadline = run.rest.deadline
    run.jump_to(2)
    assert run.phase is Phase.REST and run.rest.deadline == deadline and run.current.exercise_id == 2


def test_moving_an_exercise_later_puts_it_after_the_next_one():
    run, clock = three_exercises()
    finish(run, clock)
    assert run.move_later(0)  # exercise 1 (item 0): its second set now comes after exercise 2
    assert [run.plan[i].exercise_id for i in run.to_do()] == [2, 2, 1, 3]
    assert run.current.exercise_id == 2
    assert run.move_later(0) and [run.plan[i].exercise_id for i in run.to_do()] == [2, 2, 3, 1]
    assert not run.move_later(0)  # nothing after it


def test_removing_a_planned_set_takes_it_out_and_a_logged_one_cannot_be():
    run, clock = three_exercises()
    finish(run, clock)
    run.remove(1)  # the second set of exercise 1, the current one
    assert 1 not in run.order and run.current.exercise_id == 2
    with pytest.raises(SessionError):
        run.remove(0)


def test_adding_a_set_comes_after_that_exercises_last_and_counts_it():
    run, clock = three_exercises()
    index = run.add_set(0)
    assert run.order == (0, 1, index, 2, 3, 4)
    assert run.plan[index].set_number == 3 and all(p.set_count == 3 for p in run.plan if p.exercise_id == 1)


def test_adding_a_set_when_none_are_left_continues_the_session():
    run, clock = start(RoutineItem(1, (W,), rest_s=60))
    finish(run, clock)
    assert run.phase is Phase.FINISHED
    index = run.add_set(0)
    assert run.phase is Phase.SET and run.position == index


def test_the_round_rest_follows_a_superset_whose_partner_was_skipped():
    run, clock = start(RoutineItem(1, (W, W), rest_s=60, superset_with_next=True), RoutineItem(2, (W, W), rest_s=90))
    assert superset_groups_of_plan(run.plan) == {0: 0, 1: 0}
    run.finish_set()  # A1: no rest before B1
    assert run.phase is Phase.SET and run.current.exercise_id == 2
    run.skip([i for i, p in enumerate(run.plan) if p.exercise_id == 2])
    assert run.current.exercise_id == 1
    run.finish_set()  # A2 with no partner left: the round's rest, not 0
    assert run.phase is Phase.REST and run.rest.length_s == 90


def test_undoing_a_change_restores_the_order_and_what_was_next():
    run, clock = three_exercises()
    before = run.plan_layout()
    run.skip([0, 1])
    assert run.current.exercise_id == 2
    run.restore_layout(*before)
    assert run.current.exercise_id == 1 and run.skipped == frozenset()
    before = run.plan_layout()
    index = run.add_set(2)
    run.restore_layout(*before)
    assert len(run.plan) == index and index not in run.order


def test_a_timed_set_counts_down_after_get_ready_and_ends_itself():
    run, clock = start(RoutineItem(1, (W,), rest_s=45, set_targets=(SetTarget(W, reps=None, duration_s=30),)))
    assert run.is_timed() and run.next_deadline() is None  # waits for Space
    assert run.start_timer()
    ready, end = run.timer_deadlines()
    assert ready == clock.now() + GET_READY_S and end == ready + 30
    clock.advance(GET_READY_S + 30)
    assert run.advance()
    (logged,) = run.logged
    assert logged.duration_s == 30 and logged.reps is None and run.phase is Phase.REST


def test_a_timed_set_finished_early_logs_the_time_it_ran():
    run, clock = start(RoutineItem(1, (W,), rest_s=45, set_targets=(SetTarget(W, reps=None, duration_s=60),)))
    run.start_timer()
    clock.advance(GET_READY_S + 22.5)
    assert run.finish_set().duration_s == 22.5


def test_a_distance_set_logs_its_distance():
    run, clock = start(RoutineItem(1, (W,), rest_s=45, set_targets=(SetTarget(W, reps=None, distance_m=400.0),)))
    logged = run.finish_set()
    assert logged.distance_m == 400.0 and logged.reps is None


ACTIONS = st.lists(st.tuples(st.sampled_from(["finish", "rest_over", "jump", "skip", "remove", "move", "add",
                                               "undo_set", "ramp", "retarget"]), st.integers(0, 20)),
                   max_size=40)


@settings(max_examples=150, deadline=None)
@given(ACTIONS)
def test_whatever_is_done_the_plan_stays_consistent_and_round_trips(actions):
    run, clock = start(RoutineItem(1, (W, W, W), rest_s=60, superset_with_next=True),
                       RoutineItem(2, (W, W), rest_s=90), RoutineItem(3, (W, W), rest_s=30))
    for action, number in actions:
        clock.advance(1)
        to_do = run.to_do()
        try:
            if action == "finish" and run.phase is Phase.SET:
                run.finish_set()
            elif action == "rest_over" and run.rest:
                clock.advance(run.rest.length_s)
                run.advance()
            elif action == "jump" and to_do and run.phase is not Phase.FINISHED:
                run.jump_to(to_do[number % len(to_do)])
            elif action == "skip" and to_do:
                run.skip([to_do[number % len(to_do)]])
            elif action == "remove" and to_do:
                run.remove(to_do[number % len(to_do)])
            elif action == "move":
                run.move_later(1 + number % 3)
            elif action == "add" and run.phase is not Phase.FINISHED:
                run.add_set(run.plan[run.order[number % len(run.order)]].item_index) if run.order else None
            elif action == "undo_set" and run.phase is not Phase.FINISHED:
                run.undo_last_set()
            elif action == "ramp" and to_do:
                target = to_do[number % len(to_do)]
                run.insert_before(target, (replace(run.plan[target], set_type=SetType.WARMUP),) * (1 + number % 3))
            elif action == "retarget" and to_do:
                run.retarget(to_do[number % len(to_do)], target_reps=number)
        except SessionError:
            pass
        state = run.snapshot()
        done = [logged.plan_index for logged in state.logged]
        assert len(done) == len(set(done))  # no set logged twice
        assert set(run.order) <= set(range(len(run.plan))) and len(run.order) == len(set(run.order))
        if run.phase is Phase.SET:
            assert run.position in run.to_do() or run.position in run.skipped or run.position == len(run.plan)
        elif state.position < len(run.plan):
            assert state.position not in done
        assert state_from_dict(state_to_dict(state), state.logged) == state


def test_a_state_saved_before_rearranging_existed_still_resumes():
    run, _ = three_exercises()
    data = state_to_dict(run.snapshot())
    assert "order" not in data and "skipped" not in data  # nothing new is written for a plain session
    assert state_from_dict(data, ()) == replace(run.snapshot())


def test_a_warm_up_ramp_goes_before_the_set_and_comes_first():
    run, clock = three_exercises()
    ramp = tuple(replace(run.plan[0], set_type=SetType.WARMUP, target_load_kg=kg, rest_after_s=45) for kg in (20, 40))
    added = run.insert_before(0, ramp)
    assert run.position == added[0] and run.order == (*added, 0, 1, 2, 3, 4)  # each set once
    assert all(p.set_count == 4 for p in run.plan if p.item_index == 0)
    finish(run, clock)
    assert run.rest is None or run.logged[-1].load_kg == 20
    assert run.current.target_load_kg == 40


def test_a_planned_set_can_take_last_times_numbers_but_a_done_one_cannot():
    run, clock = three_exercises()
    run.retarget(0, target_reps=6, target_load_kg=82.5)
    assert (run.current.target_reps, run.current.target_load_kg) == (6, 82.5)
    assert run.finish_set().load_kg == 82.5
    with pytest.raises(SessionError):
        run.retarget(0, target_reps=1)
