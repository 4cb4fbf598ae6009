"""The session state machine on a fake clock: deadlines, pauses, +/-15 s, sleep, undo."""

import random

import pytest

from liftcalm.core.clock import FakeClock, SuspendAwareClock
from liftcalm.core.models import Routine, RoutineItem, SetType
from liftcalm.core.rest_countdown import RestCountdown
from liftcalm.core.session_plan import plan_sets, shorter_set_types
from liftcalm.core.session_run import Phase, SessionError, SessionRun

W, WU, D, F = SetType.WORKING, SetType.WARMUP, SetType.DROP, SetType.FAILURE
TICK = 1 / 1024  # clock steps that floats add exactly, so "exactly at the deadline" means ==


def routine(*items):
    return Routine(1, "R", tuple(items))


def test_plan_alternates_supersets_and_rests_after_each_round():
    plan = plan_sets(routine(
        RoutineItem(1, (WU, W), rest_s=120),
        RoutineItem(2, (W, W, W), rest_s=60, superset_with_next=True),
        RoutineItem(3, (W, W), rest_s=90),
    ))
    assert [(p.exercise_id, p.set_number, p.rest_after_s) for p in plan] == [
        (1, 1, 120), (1, 2, 120),
        (2, 1, 0), (3, 1, 90),
        (2, 2, 0), (3, 2, 90),
        (2, 3, 60),
    ]
    assert plan[0].set_type is WU and plan[0].set_count == 2


def test_shorter_version_keeps_warmups_and_half_the_working_sets():
    assert shorter_set_types((WU, W, W, W, D)) == (WU, W, W)
    assert shorter_set_types((W,)) == (W,)
    assert shorter_set_types((F, F)) == (W,)
    assert len(plan_sets(routine(RoutineItem(1, (WU, W, W, W, W))), shorter=True)) == 3


def test_rest_countdown_moves_its_deadline_exactly():
    rest = RestCountdown.start(100.0, 90)
    assert rest.remaining(130.0) == 60 and rest.progress(130.0) == pytest.approx(1 / 3)
    rest = rest.pause(130.0)
    assert rest.remaining(500.0) == 60 and not rest.is_over(500.0)
    rest = rest.resume(500.0)
    assert rest.deadline == 190.0 + 370.0
    rest = rest.adjust(15, 510.0).adjust(-15, 510.0).adjust(-15, 510.0)
    assert rest.deadline == 560.0 - 15
    rest = rest.adjust(-1000, 540.0)
    assert rest.deadline == 540.0 and rest.is_over(540.0), "-15 s can end a rest now, never in the past"
    assert RestCountdown.start(0.0, 60).end_now(12.5).deadline == 12.5


def test_two_hour_session_with_jitter_and_pauses_ends_every_rest_at_its_deadline():
    rng = random.Random(20261124)
    items = [RoutineItem(e, (WU,) + (W,) * 4, rest_s=rng.choice([30, 60, 90, 120, 180])) for e in range(1, 16)]
    plan = plan_sets(routine(*items))
    clock = FakeClock(start=5000.0)
    run = SessionRun(plan, clock)
    rests_checked = 0
    while run.phase is not Phase.FINISHED and clock.now() < 5000 + 3 * 3600:
        clock.advance(rng.randint(15, 60) * 1024 * TICK)  # work the set
        run.finish_set()
        run.amend_set(len(run.logged) - 1, 8, 60.0, None)
        if run.position == len(plan):
            break  # the cool-down after the last set
        expected = clock.now() + run.rest.length_s  # computed independently, move by move
        while True:
            step = rng.randint(4, 80) * TICK  # repaint intervals with event-loop jitter
            clock.advance(step)
            now = clock.now()
            if rng.random() < 0.002 and not run.rest.is_over(now):
                run.pause_rest()
                paused_for = rng.randint(1, 30) * 64 * TICK
                clock.advance(paused_for)
                run.resume_rest()
                expected += paused_for
            elif rng.random() < 0.002 and not run.rest.is_over(now):
                delta = rng.choice([15, -15])
                run.adjust_rest(delta)
                expected = max(now, expected + delta)
            if run.phase is Phase.REST:
                assert run.rest.remaining(clock.now()) == max(0.0, expected - clock.now())
            if run.phase is Phase.SET or run.advance():  # -15 s may end the rest on the spot
                break
        assert run.snapshot().phase_started_at == expected, "the next set begins exactly at the deadline"
        assert run.stopwatch(clock.now()) == clock.now() - expected
        rests_checked += 1
    assert run.phase is Phase.REST and run.current is None
    clock.advance(run.rest.length_s)
    assert run.advance() and run.phase is Phase.FINISHED
    assert rests_checked == len(plan) - 1 and clock.now() - 5000 > 2 * 3600
    assert len(run.logged) == len(plan)


def test_sleep_during_a_rest_shows_it_ended_at_its_deadline():
    clock = FakeClock()
    run = SessionRun(plan_sets(routine(RoutineItem(1, (W, W), rest_s=90))), clock)
    clock.advance(40)
    run.finish_set()
    deadline = run.rest_deadline()
    clock.advance(25 * 60)  # the laptop slept
    assert run.advance() is True
    assert run.phase is Phase.SET and run.snapshot().phase_started_at == deadline
    assert run.stopwatch(clock.now()) == 25 * 60 - 90


def test_superset_goes_straight_to_the_partner_and_skip_ends_rest_now():
    clock = FakeClock()
    run = SessionRun(plan_sets(routine(RoutineItem(1, (W, W), rest_s=60, superset_with_next=True),
                                       RoutineItem(2, (W, W), rest_s=60))), clock)
    run.finish_set()
    assert run.phase is Phase.SET and run.current.exercise_id == 2
    run.finish_set()
    assert run.phase is Phase.REST and run.rest_deadline() == clock.now() + 60
    clock.advance(10)
    run.skip_rest()
    assert run.phase is Phase.SET and run.snapshot().phase_started_at == clock.now()
    with pytest.raises(SessionError):
        run.skip_rest()


def test_undo_takes_back_the_last_logged_set():
    clock = FakeClock()
    run = SessionRun(plan_sets(routine(RoutineItem(1, (W, W, W), rest_s=60))), clock)
    run.finish_set()
    run.amend_set(0, 8, 50.0, 7.5)
    clock.advance(60)
    run.finish_set()  # Space by mistake
    assert run.undo_last_set().set_number == 2
    assert run.phase is Phase.SET and run.position == 1 and len(run.logged) == 1
    assert run.snapshot().phase_started_at == clock.now() and run.rest is None
    assert run.undo_last_set().set_number == 1
    assert run.position == 0 and run.logged == () and run.rest is None
    assert run.undo_last_set() is None


def test_a_finished_set_is_logged_as_planned_until_corrected_and_the_last_gets_a_cool_down():
    clock = FakeClock()
    run = SessionRun(plan_sets(routine(RoutineItem(1, (W, W), target_reps=5, target_load_kg=100, rest_s=30))), clock)
    first = run.finish_set()
    assert (first.reps, first.load_kg, first.rpe, first.ended_at) == (5, 100, None, clock.now())
    clock.advance(31)
    run.finish_set()
    run.amend_set(1, 4, 97.5, 9)
    assert [(s.reps, s.load_kg, s.rpe) for s in run.logged] == [(5, 100, None), (4, 97.5, 9)]
    with pytest.raises(SessionError):
        run.amend_set(2, 1, 1.0)
    assert run.phase is Phase.REST and run.current is None and run.rest_deadline() == clock.now() + 30
    run.skip_rest()
    assert run.phase is Phase.FINISHED and run.next_deadline() is None


def test_timed_blocks_end_by_themselves_at_their_deadline_even_across_a_sleep():
    clock = FakeClock()
    run = SessionRun(plan_sets(routine(RoutineItem(1, (W,), rest_s=20, duration_s=120),
                                       RoutineItem(2, (W,), rest_s=0, duration_s=300))), clock)
    start = clock.now()
    assert run.next_deadline() == start + 120 and run.stopwatch(start) == 0
    clock.advance(119)
    assert not run.advance()
    clock.advance(1000)  # slept through the block, its rest and half the next block... and more
    assert run.advance()
    assert [s.ended_at for s in run.logged] == [start + 120, start + 140 + 300]
    assert run.phase is Phase.FINISHED


def test_a_calm_block_logs_its_time_and_no_reps_or_load():
    """Missing is missing: a breathing block is a time, never 1 rep at 0 kg."""
    clock = FakeClock()
    run = SessionRun(plan_sets(routine(RoutineItem(1, (W,), rest_s=20, duration_s=120),
                                       RoutineItem(2, (W,), rest_s=0, duration_s=300))), clock)
    clock.advance(121)
    assert run.advance()  # the first block ends by the clock
    clock.advance(19 + 90)  # the rest ends at 140 s, the block then runs 90 s
    run.finish_set()  # the second is ended early, by Space, after 90 s
    assert [(s.reps, s.load_kg, s.duration_s) for s in run.logged] == [(None, None, 120.0), (None, None, 90.0)]


def test_adding_an_exercise_extends_the_plan_even_after_the_last_set():
    clock = FakeClock()
    first = plan_sets(routine(RoutineItem(1, (W,), rest_s=0)))
    run = SessionRun(first, clock)
    run.finish_set()
    assert run.phase is Phase.FINISHED
    run.add_sets(plan_sets(routine(RoutineItem(7, (W, W), rest_s=60))))
    assert run.phase is Phase.SET and run.current.exercise_id == 7 and len(run.plan) == 3


def test_snapshot_resumes_exactly():
    clock = FakeClock()
    plan = plan_sets(routine(RoutineItem(1, (W, W), rest_s=120)))
    run = SessionRun(plan, clock)
    clock.advance(30)
    run.finish_set()
    run.amend_set(0, 8, 40.0)
    clock.advance(50)
    resumed = SessionRun(plan, clock, run.snapshot())
    assert resumed.rest.remaining(clock.now()) == 70 and resumed.logged == run.logged
    clock.advance(70)
    assert resumed.advance() and resumed.phase is Phase.SET


def test_the_session_clock_is_the_one_that_counts_sleep():
    import sys
    import time

    clock = SuspendAwareClock()
    if sys.platform.startswith("linux"):
        # Readings cannot tell the clocks apart on a machine that never slept; the choice can.
        assert clock._clock_id == time.CLOCK_BOOTTIME
        assert abs(clock.now() - time.clock_gettime(time.CLOCK_BOOTTIME)) < 0.05
    first = clock.now()
    time.sleep(0.01)
    assert clock.now() - first >= 0.009



def test_a_set_planned_without_a_load_is_logged_without_one_never_as_0_kg():
    """A lift added with no load typed, or a push-up with nothing added: the load is not given."""
    run = SessionRun(plan_sets(routine(RoutineItem(1, (W,), target_reps=8, rest_s=30))), FakeClock())
    assert run.plan[0].target_load_kg is None
    logged = run.finish_set()
    assert (logged.reps, logged.load_kg) == (8, None)
