"""Stress tolerance: stress after working sets compared with this person's usual for a comparable set.

A replacement for the weekly "stress cost" of ``trends``, which moved with deloads, breaks, splits,
light weeks, a bad first month and a single mistyped load. Here each rated working set is compared
with what the same person usually reports for the same exercise at a similar effort, having
started the session about as stressed: a small regression fitted on their whole rated history
(exercise as fixed effects, relative effort, RPE and stress before, with missing indicators, and
no time term), whose residuals are averaged per session and then over 4-week windows.

Relative effort is a set's Epley estimate over a local strength estimate: the median of the
session-best estimates of the nearest sessions of that exercise (``STRENGTH_NEIGHBOURS`` either
side, within ``STRENGTH_DAYS``), which follows strength lost in a break and back, and which one
wild set cannot move. Sets
far outside it are flagged as implausible and left out, counted. A bodyweight exercise without
added load is compared by Epley's factor ``1 + reps / 30`` alone, as if body weight stayed put.

Pure and Qt-free; imports numpy, so load it when the graphs open. Missing ratings are never 0:
a set without a stress rating is not a point (it still informs strength), and a session without
stress before is compared through a missing indicator.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from typing import NamedTuple

import numpy as np

TOLERANCE_DEFINITION = (
    "Stress after working sets, compared with your usual: each rated working set's stress after the set is "
    "compared with what you usually report for the same exercise at a similar effort (its reps and load "
    "against your strength at the time, or its RPE), having started the session about as stressed. "
    "Each point averages those differences over your sessions in the 4 weeks up to its date, with a 95% "
    "interval; below 0 means those sets felt calmer than usual for you, above 0 more stressed."
)
TOLERANCE_CAVEAT = (
    "A description, not a diagnosis, and it says nothing about causes. Life stress, deloads and breaks "
    "can still move it: the comparison allows for how hard each set was and how stressed you were "
    "before, but only as far as you rated them. Your usual comes from your whole history, so new weeks "
    "can shift earlier points a little."
)

WINDOW_DAYS = 28
MIN_SETS_PER_POINT = 20  # rated working sets a window needs to be drawn
MIN_SETS_PER_EXERCISE_POINT = 10  # the same for one exercise, trained a few sets a session: a wider interval
MIN_SESSIONS_PER_POINT = 3  # and sessions, for an interval over sessions to mean something
MIN_SETS_TO_FIT = 40
MIN_SESSIONS_TO_FIT = 5
MIN_SETS_PER_EXERCISE = 10  # fewer and the exercise's own usual is mostly its own sets
STRENGTH_NEIGHBOURS = 6  # sessions of the exercise either side in the local strength estimate ...
STRENGTH_DAYS = 28  # ... at most this many days away
IMPLAUSIBLE_ABOVE = 1.5  # a set's estimate over the local strength estimate, beyond which it is flagged
IMPLAUSIBLE_BELOW = 0.25
IMPLAUSIBLE_MIN_SESSIONS = 3  # with fewer sessions in the window nothing can be told apart


class RatedSet(NamedTuple):
    """One set of a finished strength session, as one SQL row gives it.

    Working sets with ``stress_after_set`` are the points; every set but a warm-up informs the
    strength estimate. ``stress_before`` is the session's readiness rating, repeated on its sets.
    """

    session_id: int
    day: date | str  # the session's local day; ISO text as the store reads it works too
    exercise_id: int
    set_type: str  # a ``SetType`` value
    reps: int
    load_kg: float
    rpe: float | None
    stress_after_set: int | None
    stress_before: int | None
    is_bodyweight: bool


class TolerancePoint(NamedTuple):
    """One window: mean over its sessions of how much calmer (negative) or more stressed than usual sets felt."""

    date: date  # last day of the 4-week window, a Sunday
    value: float  # rating points
    low: float  # 95% interval, a t interval over the window's session means
    high: float
    n_sets: int  # rated working sets compared
    n_sessions: int


class LeftOut(NamedTuple):
    """Working sets not compared, by reason; each set counts once, under the first reason that applies."""

    unrated: int  # no stress after the set
    implausible: int  # load or reps far outside this exercise's usual: most likely mistyped
    no_comparable_effort: int  # no reps and load (or a bodyweight exercise's reps), and no RPE
    exercise_rarely_rated: int  # fewer than MIN_SETS_PER_EXERCISE comparable rated sets of the exercise

    @property
    def total(self) -> int:
        return sum(self)


LEFT_OUT_LABELS = {
    "unrated": "without a stress rating",
    "implausible": "with an implausible load or reps",
    "no_comparable_effort": "without reps and load or RPE to compare effort",
    "exercise_rarely_rated": f"of exercises rated fewer than {MIN_SETS_PER_EXERCISE} times",
}


@dataclass(frozen=True)
class ToleranceTrend:
    """Weekly points over the whole history and what was left out.

    ``enough`` is False below ``MIN_SETS_TO_FIT`` compared sets or ``MIN_SESSIONS_TO_FIT``
    sessions: then there are no points and the UI says there is not enough data. A window with
    fewer than ``min_sets`` compared sets or ``MIN_SESSIONS_PER_POINT`` sessions is no point.
    ``n_sets`` and ``n_sessions`` count what the fit used over all dates; ``implausible`` holds the
    flagged sets themselves, rated or not, of every type but warm-ups (which are never judged).
    """

    points: tuple[TolerancePoint, ...]
    enough: bool
    n_sets: int
    n_sessions: int
    left_out: LeftOut
    implausible: tuple[RatedSet, ...]
    min_sets: int = MIN_SETS_PER_POINT

    def plain(self) -> dict:
        """The drawn points (date, value, its 95% interval, n sets) and what was left out, ready for JSON."""
        return {
            "points": [{"date": p.date.isoformat(), "value": p.value, "low": p.low, "high": p.high, "n": p.n_sets,
                        "sessions": p.n_sessions} for p in self.points],
            "enough": self.enough, "n_sets": self.n_sets, "n_sessions": self.n_sessions,
            "left_out": self.left_out.total, "left_out_by_reason": self.left_out._asdict(),
            "implausible": len(self.implausible), "min_sets_per_point": self.min_sets,
        }


# 97.5% quantiles of Student's t for 1 to 30 degrees of freedom.
_T975 = np.array([np.nan, 12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179,
                  2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056,
                  2.052, 2.048, 2.045, 2.042])


def t_quantile_975(df: np.ndarray) -> np.ndarray:
    """The 97.5% quantile of Student's t: a table to 30 degrees of freedom, Cornish-Fisher beyond."""
    df = np.asarray(df, dtype=np.int64)
    z = 1.959964
    v = np.maximum(df, 1).astype(float)
    expansion = (z + (z ** 3 + z) / (4 * v) + (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * v ** 2)
                 + (3 * z ** 7 + 19 * z ** 5 + 17 * z ** 3 - 15 * z) / (384 * v ** 3))
    return np.where(df <= 30, _T975[np.clip(df, 0, 30)], expansion)


def _not_enough(n_sets: int, n_sessions: int, left_out: LeftOut, implausible: tuple[RatedSet, ...]) -> ToleranceTrend:
    return ToleranceTrend((), False, n_sets, n_sessions, left_out, implausible)


def _local_strength(pair: np.ndarray, estimate: np.ndarray, session_days: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per set, the median session-best estimate over nearby sessions of its series, and how many sessions that was.

    ``pair`` is ``series * n_sessions + session rank`` for each set; sorting it orders each
    series' sessions in time, so neighbours in the sorted pairs are neighbouring sessions.
    """
    pairs, index = np.unique(pair, return_inverse=True)
    best = np.full(len(pairs), -np.inf)
    np.maximum.at(best, index, estimate)
    series, days = pairs // len(session_days), session_days[pairs % len(session_days)]
    around = np.arange(len(pairs))[:, None] + np.arange(-STRENGTH_NEIGHBOURS, STRENGTH_NEIGHBOURS + 1)
    clipped = np.clip(around, 0, len(pairs) - 1)
    inside = (around == clipped) & (series[clipped] == series[:, None])
    inside &= np.abs(days[clipped] - days[:, None]) <= np.timedelta64(STRENGTH_DAYS, "D")
    local = np.nanmedian(np.where(inside, best[clipped], np.nan), axis=1)
    return local[index], inside.sum(axis=1)[index]


def _demeaned(values: np.ndarray, group: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """Each column minus its mean within the row's group (the exercise's fixed effect, absorbed)."""
    sums = np.stack([np.bincount(group, weights=column, minlength=len(counts)) for column in values.T], axis=1)
    return values - (sums / counts[:, None])[group]


def stress_tolerance(sets: Iterable[RatedSet], exercise_id: int | None = None) -> ToleranceTrend:
    """Fit the person's usual on every set and return weekly points over 4-week windows (``TOLERANCE_DEFINITION``).

    ``sets`` must cover every date and exercise: the fit and strength estimates use all of them.
    With ``exercise_id`` the points average only that exercise's sets; the fit stays the same.
    Cut the points to the graph's dates with ``cut_to_dates``.
    """
    rows = sets if isinstance(sets, (list, tuple)) else list(sets)
    if not rows:
        return _not_enough(0, 0, LeftOut(0, 0, 0, 0), ())
    session_ids, days, exercise_ids, set_types, reps, loads, rpes, after, before, bodyweight = zip(*rows)

    # Sessions in time order (ties in the order they came), exercises as small integers.
    _, first, session_index = np.unique(np.array(session_ids), return_index=True, return_inverse=True)
    session_days = np.array([days[i] for i in first], dtype="datetime64[D]")
    order = np.lexsort((first, session_days))
    rank_of = np.empty(len(order), dtype=np.int64)
    rank_of[order] = np.arange(len(order))
    rank, n_sessions, session_days = rank_of[session_index], len(order), session_days[order]
    exercises, exercise = np.unique(np.array(exercise_ids), return_inverse=True)

    kinds = np.array(set_types, dtype=object)
    working, warmup = kinds == "working", kinds == "warmup"
    reps = np.array(reps, dtype=float)
    load = np.array(loads, dtype=float)
    rpe = np.array(rpes, dtype=float)
    stress = np.array(after, dtype=float)
    stress_before = np.array(before, dtype=float)
    bodyweight = np.array(bodyweight, dtype=bool)

    # Effort basis: Epley on the load; a bodyweight exercise without added load on its factor alone.
    # The three series of an exercise (loaded, bodyweight reps, bodyweight plus load) never mix.
    has_reps = reps >= 1
    factor = np.where(reps == 1, 1.0, 1 + reps / 30)
    loaded = has_reps & (load > 0)
    by_reps = has_reps & bodyweight & ~loaded
    estimate = np.where(loaded, load * factor, np.where(by_reps, factor, np.nan))
    series = exercise * 3 + np.where(by_reps, 1, np.where(bodyweight, 2, 0))
    pair = series * n_sessions + rank
    candidate = ~warmup & (loaded | by_reps)

    flagged = np.zeros(len(rows), dtype=bool)
    if candidate.any():
        local, around = _local_strength(pair[candidate], estimate[candidate], session_days)
        ratio = estimate[candidate] / local
        outside = (ratio > IMPLAUSIBLE_ABOVE) | (ratio < IMPLAUSIBLE_BELOW)
        flagged[candidate] = outside & (around >= IMPLAUSIBLE_MIN_SESSIONS)
    effort = np.full(len(rows), np.nan)
    kept = candidate & ~flagged
    if kept.any():
        local, _ = _local_strength(pair[kept], estimate[kept], session_days)
        effort[kept] = estimate[kept] / local
    implausible = tuple(rows[i] for i in np.flatnonzero(flagged))

    rated = working & np.isfinite(stress)
    comparable = rated & ~flagged & (np.isfinite(effort) | np.isfinite(rpe))
    per_exercise = np.bincount(exercise[comparable], minlength=len(exercises))
    used = comparable & (per_exercise[exercise] >= MIN_SETS_PER_EXERCISE)
    left_out = LeftOut(
        unrated=int(np.count_nonzero(working & ~rated)),
        implausible=int(np.count_nonzero(rated & flagged)),
        no_comparable_effort=int(np.count_nonzero(rated & ~flagged & ~comparable)),
        exercise_rarely_rated=int(np.count_nonzero(comparable & ~used)),
    )
    n_used, n_used_sessions = int(used.sum()), len(np.unique(rank[used]))
    if n_used < MIN_SETS_TO_FIT or n_used_sessions < MIN_SESSIONS_TO_FIT:
        return _not_enough(n_used, n_used_sessions, left_out, implausible)

    # The usual: least squares on the sets used, exercise effects absorbed by demeaning within
    # exercise (Frisch-Waugh-Lovell), so the residuals are those of the full fixed-effects fit.
    x, r, b = effort[used], rpe[used], stress_before[used]
    x_known, r_known, b_known = np.isfinite(x), np.isfinite(r), np.isfinite(b)
    dx = np.where(x_known, x - 1.0, 0.0)
    columns = np.column_stack((dx, dx * dx, ~x_known, np.where(r_known, r - 8.0, 0.0), ~r_known,
                               np.where(b_known, b, 0.0), ~b_known)).astype(float)
    group = exercise[used]
    counts = np.bincount(group, minlength=len(exercises)).astype(float)
    counts[counts == 0] = 1.0
    design = _demeaned(columns, group, counts)
    outcome = _demeaned(stress[used][:, None], group, counts)[:, 0]
    coefficients = np.linalg.lstsq(design, outcome, rcond=None)[0]
    residual = outcome - design @ coefficients

    if exercise_id is None:
        shown, min_sets = np.ones(n_used, dtype=bool), MIN_SETS_PER_POINT
    else:
        shown, min_sets = np.array(exercise_ids)[used] == exercise_id, MIN_SETS_PER_EXERCISE_POINT
    points = _weekly_points(rank[used][shown], residual[shown], session_days, min_sets)
    return ToleranceTrend(points, True, n_used, n_used_sessions, left_out, implausible, min_sets)


def _sunday(day: np.datetime64) -> np.datetime64:
    # Day 0 of datetime64, 1970-01-01, was a Thursday, so (n + 3) % 7 counts days since Monday.
    return day + np.timedelta64(6 - (int(day.astype(np.int64)) + 3) % 7, "D")


def _weekly_points(rank: np.ndarray, residual: np.ndarray, session_days: np.ndarray,
                   min_sets: int = MIN_SETS_PER_POINT) -> tuple[TolerancePoint, ...]:
    """A point at each Sunday whose 4-week window holds enough sets: the t interval over its session means."""
    if len(rank) == 0:
        return ()
    sets_per = np.bincount(rank, minlength=len(session_days))
    sums = np.bincount(rank, weights=residual, minlength=len(session_days))
    present = sets_per > 0
    days, n_sets = session_days[present], sets_per[present]
    means = sums[present] / n_sets
    # Sessions are in day order, so a window's sessions are a slice and cumulative sums give its totals.
    cum_sets, cum_sessions = np.concatenate(([0], np.cumsum(n_sets))), np.arange(len(days) + 1)
    cum_mean = np.concatenate(([0.0], np.cumsum(means)))
    cum_square = np.concatenate(([0.0], np.cumsum(means * means)))
    ends = np.arange(_sunday(days[0]), _sunday(days[-1]) + 1, 7)
    low = np.searchsorted(days, ends - (WINDOW_DAYS - 1), side="left")
    high = np.searchsorted(days, ends, side="right")
    g = cum_sessions[high] - cum_sessions[low]
    n = cum_sets[high] - cum_sets[low]
    drawn = (n >= min_sets) & (g >= MIN_SESSIONS_PER_POINT)
    ends, low, high, g, n = ends[drawn], low[drawn], high[drawn], g[drawn], n[drawn]
    total, square = cum_mean[high] - cum_mean[low], cum_square[high] - cum_square[low]
    value = total / g
    variance = np.maximum(square - g * value * value, 0.0) / (g - 1)
    half = t_quantile_975(g - 1) * np.sqrt(variance / g)
    return tuple(TolerancePoint(end.item(), float(v), float(v - h), float(v + h), int(k), int(s))
                 for end, v, h, k, s in zip(ends, value, half, n, g))


def cut_to_dates(trend: ToleranceTrend, start: date | None, end: date | None) -> ToleranceTrend:
    """The same trend with only the points dated from ``start`` to ``end`` inclusive (None: open)."""
    points = tuple(p for p in trend.points if (start is None or p.date >= start) and (end is None or p.date <= end))
    return replace(trend, points=points)
