"""Synthetic training histories for the tolerance tests: a person whose stress after a set follows a known rule.

Stress after a set is ``base(exercise) + effort_slope * (effort - 0.75) + before_slope * stress
before + change(week) + session noise + set noise``, rounded and clipped to 0-10, where effort is
the set's Epley estimate over the person's true strength that day (for a bodyweight exercise,
Epley's factor over that of their true best reps). Nothing about the person changes unless a
``Scenario`` says so: with ``change`` 0, any trend a measure shows is the measure's own.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import date, timedelta

from liftcalm.core.tolerance import RatedSet

START = date(2025, 1, 6)  # a Monday


@dataclass(frozen=True)
class Lift:
    exercise_id: int
    base_stress: float
    reps: int
    start_strength: float  # 1RM in kg, or for a bodyweight exercise the most reps in one set
    is_bodyweight: bool = False


FULL_BODY = (Lift(1, 3.0, 5, 100.0), Lift(2, 2.5, 8, 70.0), Lift(3, 2.0, 10, 60.0), Lift(4, 2.5, 0, 12.0, True))
UPPER = (Lift(2, 1.5, 8, 70.0), Lift(3, 1.0, 10, 60.0), Lift(5, 1.5, 8, 45.0), Lift(4, 2.0, 0, 12.0, True))
LOWER = (Lift(1, 4.5, 5, 100.0), Lift(6, 5.0, 5, 130.0), Lift(7, 4.0, 10, 40.0))


@dataclass(frozen=True)
class Scenario:
    """What happens to the person; the defaults are a plain year in which nothing changes."""

    weeks: int = 52
    sessions_per_week: tuple[int, int] = (2, 4)
    sets_per_lift: tuple[int, int] = (3, 5)  # working sets, after one warm-up
    bad_patch_weeks: int = 0  # stress before sessions high for the first weeks
    deload_every: int = 0  # every n-th week loads are 40% lighter
    break_week: int | None = None  # no training for ``break_weeks`` from here, then strength lost and regained
    break_weeks: int = 4
    break_loss: float = 0.12
    regain_weeks: int = 6
    split: bool = False  # upper and lower days in turn, exercises with different base stress
    typo_week: int | None = None  # one set's load typed as 1,000 kg
    light_week: int | None = None  # a week of one session of two light sets
    change: float = 0.0  # points of stress at the same effort, reached linearly ...
    change_start_week: int = 26  # ... from this week
    change_weeks: int = 26
    skip_after: float = 0.15  # share of sets without a stress rating
    skip_before: float = 0.1  # share of sessions without stress before
    rpe_share: float = 0.3  # share of sets with an RPE
    effort_slope: float = 6.0
    before_slope: float = 0.4
    session_sd: float = 0.6
    set_sd: float = 0.8


def rating(value: float) -> int:
    return min(10, max(0, round(value)))


def round_load(kg: float) -> float:
    return max(2.5, round(kg / 2.5) * 2.5)


def epley(load: float, reps: int) -> float:
    return load if reps == 1 else load * (1 + reps / 30)


def strength(lift: Lift, week: float, scenario: Scenario) -> float:
    """True strength: about a fifth stronger after a year, less after a break until regained."""
    progress = 1 + 0.25 * (1 - math.exp(-week / 30))
    if scenario.break_week is not None:
        back = scenario.break_week + scenario.break_weeks
        if week >= back:
            progress *= 1 - scenario.break_loss * max(0.0, 1 - (week - back) / scenario.regain_weeks)
    return lift.start_strength * progress


def change_at(week: float, scenario: Scenario) -> float:
    return scenario.change * min(1.0, max(0.0, (week - scenario.change_start_week) / scenario.change_weeks))


def history(scenario: Scenario = Scenario(), seed: int = 0) -> list[RatedSet]:
    """Every set of the person's year (warm-ups included), in the order done."""
    rng = random.Random(seed)
    sets: list[RatedSet] = []
    session_id = 0
    typo_done = False
    for week in range(scenario.weeks):
        if scenario.break_week is not None and scenario.break_week <= week < scenario.break_week + scenario.break_weeks:
            continue
        light = week == scenario.light_week
        count = 1 if light else rng.randint(*scenario.sessions_per_week)
        for weekday in sorted(rng.sample(range(7), count)):
            session_id += 1
            day = START + timedelta(weeks=week, days=weekday)
            when = week + weekday / 7
            if week < scenario.bad_patch_weeks:
                before = rating(rng.gauss(7.0, 1.2))
            else:
                before = rating(rng.gauss(3.0, 1.5))
            before_shown = None if rng.random() < scenario.skip_before else before
            session_noise = rng.gauss(0, scenario.session_sd)
            pool = (UPPER if session_id % 2 else LOWER) if scenario.split else FULL_BODY
            chosen = [0] if light else sorted(rng.sample(range(len(pool)), rng.randint(2, min(4, len(pool)))))
            lifts = [pool[i] for i in chosen]
            for lift in lifts:
                true = strength(lift, when, scenario)
                level = rng.uniform(0.72, 0.9)
                if light:
                    level = 0.5
                elif scenario.deload_every and week % scenario.deload_every == scenario.deload_every - 1:
                    level *= 0.6
                n_sets = 2 if light else rng.randint(*scenario.sets_per_lift)
                back_off = rng.random() < 0.4
                shares = [level * (0.9 if back_off and j > 0 else 1.0) for j in range(n_sets)]
                for j, (set_type, share) in enumerate([("warmup", 0.5)] + [("working", x) for x in shares]):
                    tired = set_type == "working" and j > 2 and rng.random() < 0.4  # one rep fewer
                    if lift.is_bodyweight:
                        # Reps for the share of true capacity, by Epley's factor with body weight as the unit.
                        reps = max(1, round(30 * (share * (1 + true / 30) - 1)) - tired)
                        load = 0.0
                        effort = (1 + reps / 30) / (1 + true / 30)
                    else:
                        reps = lift.reps - tired
                        load = round_load(share * true / (1 + lift.reps / 30))
                        effort = epley(load, reps) / true
                    stress = rating(lift.base_stress + scenario.effort_slope * (effort - 0.75)
                                    + scenario.before_slope * before + change_at(when, scenario)
                                    + session_noise + rng.gauss(0, scenario.set_sd))
                    shown = None if rng.random() < scenario.skip_after else stress
                    if set_type == "warmup" and rng.random() < 0.5:
                        shown = None
                    rpe = None
                    if rng.random() < scenario.rpe_share:
                        rpe = min(10.0, max(1.0, round(2 * (5 + 10 * (effort - 0.6) + rng.gauss(0, 0.5))) / 2))
                    if (scenario.typo_week == week and not typo_done and set_type == "working"
                            and not lift.is_bodyweight):
                        load, typo_done = 1000.0, True
                    sets.append(RatedSet(session_id, day, lift.exercise_id, set_type, reps, load, rpe, shown,
                                         before_shown, lift.is_bodyweight))
    return sets
