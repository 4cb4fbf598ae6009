"""Trends for the graphs: stress against volume, over time, stress tolerance, strength records, kinds.

Pure functions over the rows ``store.graph_data`` reads, returning numpy arrays a chart hands to
``setData``. This module imports numpy, so nothing loaded at start-up may import it: the graphs
load it when they open. Loads are kilograms (the UI converts). A day is the local calendar date
written at the start of ``started_at``, so a session belongs to the day, week and month its
person lived it in, whatever the UTC offset. Missing ratings are left out of every mean, never
counted as 0; where nothing is left, a value is NaN in an array and None in a scalar.

Stress means follow ``analytics`` and the session summary: "stress after sets" is every rated
set, volume load is working sets only, relief needs both ratings of a set.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import NamedTuple

import numpy as np

from liftcalm.core.analytics import epley_e1rm
from liftcalm.core.bodyweight import moved_load_kg
from liftcalm.core.models import BodyLoad, ExerciseKind, SetType
from liftcalm.core.session_summary import CALMER_BY_POINTS, RECORD_MARGIN_KG
from liftcalm.core.tolerance import t_quantile_975

# Fewer rated sessions than this and there is not enough data for a trend: no line, no r.
MIN_FIT_SESSIONS = 12
Z_95 = 1.959963984540054  # the standard normal quantile for a two-sided 95 % interval
ROLLING_WINDOW = 4  # periods in the over-time rolling mean
# Strength vs calm compares sessions that started at similar stress: these bands of the stress
# before, inclusive; a bar needs at least MIN_BAR_SESSIONS sessions.
STRESS_BANDS = ((0, 3), (4, 6), (7, 10))
MIN_BAR_SESSIONS = 3

# How each graph is computed, in two sentences: shown under the graph and in the README.
STRESS_VOLUME_METHOD = (
    "Each point is one strength session: its volume load (reps × load summed over working sets, body weight "
    "counted for bodyweight exercises) against the "
    "mean of the stress ratings given after its sets, and sessions without a stress rating are left out. "
    f"From {MIN_FIT_SESSIONS} rated sessions a least-squares line is drawn with Pearson's r, its 95% interval "
    "(Fisher z) and n, but only when that interval leaves out 0; otherwise the graph says there is no clear "
    "relation yet."
)
OVER_TIME_METHOD = (
    "Per day, week or month, the bars sum the volume load of working sets (body weight counted for "
    "bodyweight exercises) and the lines pool every rating in the "
    "period: the mean stress after sets, and the mean relief, which is the stress right after a set minus the "
    "stress at the end of its rest and falls below 0 when a rest ended more stressed. "
    f"The rolling mean averages each period's mean with the {ROLLING_WINDOW - 1} periods before it, skipping "
    f"periods without ratings, and rests that ended calmer by {CALMER_BY_POINTS} points or more are those whose "
    f"relief was at least {CALMER_BY_POINTS}."
)
EXERCISE_METHOD = (
    "Each point is the session's best set of the chosen exercise by estimated one-rep max, Epley's load × "
    "(1 + reps / 30) with a single counting as its load and body weight counted for bodyweight exercises, leaving "
    "out warm-ups and sets without reps and a known load. "
    "A star marks a record, an estimate higher than every earlier session's over all dates and routines; "
    "no rating is needed, so no session is left out for a missing one."
)
STRENGTH_CALM_METHOD = (
    "Sessions that rated stress both before and at the end are grouped by the stress before (0-3, 4-6, 7-10), "
    "so each bar compares strength and calm sessions that started alike: its height is their mean change, the "
    "stress at the end minus the stress before, with its 95% interval (Student's t) over the n sessions written "
    "under it. "
    f"A bar needs at least {MIN_BAR_SESSIONS} sessions and is left out below that, never drawn at 0, and the "
    "bars describe how your sessions went without showing what caused the change."
)
SAMPLE_NOTE = "Sample data: an invented history, not a real person's training"


class Period(StrEnum):
    DAY = "day"
    WEEK = "week"  # ISO week, Monday to Sunday
    MONTH = "month"


@dataclass(frozen=True)
class GraphFilter:
    """What the graphs show: local dates ``start`` to ``end`` inclusive (None: open), one routine, one exercise."""

    start: date | None = None
    end: date | None = None
    routine_id: int | None = None
    exercise_id: int | None = None

    def covers(self, days: np.ndarray) -> np.ndarray:
        """Whether each of ``days`` (``datetime64[D]``) lies in the date range."""
        inside = np.ones(len(days), dtype=bool)
        if self.start is not None:
            inside &= days >= np.datetime64(self.start, "D")
        if self.end is not None:
            inside &= days <= np.datetime64(self.end, "D")
        return inside


# Rows read by the store, in the order the sessions started (ties by session id). ``day`` is the
# local date as ISO text, "2026-03-29": numpy reads it as it comes.

class SessionTotals(NamedTuple):
    """One finished strength session's sums over its sets (of the filtered exercise, when there is one)."""

    session_id: int
    day: str
    routine_name: str
    volume_kg: float | None  # reps x load moved over working sets; None when none has a known load
    stress_sum: float  # stress after set, over the rated sets
    stress_count: int
    relief_sum: float  # after set minus end of rest, over sets with both ratings
    relief_count: int
    calmer_count: int = 0  # rests whose relief was at least CALMER_BY_POINTS
    volume_left_out: int = 0  # working sets with reps whose load moved was not known (no body weight that day)


class ExerciseSet(NamedTuple):
    """One logged set of an exercise, in the order sets were done.

    ``load_kg`` is as logged: for a bodyweight exercise the added load or assistance, or None.
    """

    session_id: int
    day: str
    routine_id: int | None
    set_type: str  # a ``SetType`` value
    reps: int
    load_kg: float | None
    body_load: str = BodyLoad.NONE  # a ``BodyLoad`` value
    body_weight_kg: float | None = None  # in force on ``day``

    @property
    def moved_kg(self) -> float | None:
        return moved_load_kg(self.load_kg, self.body_load, self.body_weight_kg)


class SessionRatings(NamedTuple):
    """A finished session's stress before it began and at its end, 0-10 or None."""

    session_id: int
    day: str
    kind: str  # an ``ExerciseKind`` value
    stress_before: int | None
    stress_final: int | None


# Results. Arrays run in parallel; days are numpy ``datetime64[D]``.

@dataclass(frozen=True)
class LineFit:
    """Least-squares line ``stress = slope * volume + intercept`` with Pearson's r over ``n`` points.

    Slope and intercept are None when fewer than two points or every x is the same; r is also
    None when every y is the same. ``r_low`` and ``r_high`` bound r's 95 % interval (Fisher z),
    None without r or with fewer than four points. ``enough`` is False below ``MIN_FIT_SESSIONS``
    points or without a slope: the UI then says there is not enough data instead of drawing a trend.
    """

    slope: float | None
    intercept: float | None
    r: float | None
    n: int
    enough: bool
    r_low: float | None = None
    r_high: float | None = None

    @property
    def clear(self) -> bool:
        """Whether there is enough data and r's 95 % interval leaves out 0: only then is a direction shown."""
        return (self.enough and self.r_low is not None and self.r_high is not None
                and (self.r_low > 0 or self.r_high < 0))


@dataclass(frozen=True, eq=False)
class StressVolume:
    """One point per session: volume load against mean stress after sets, and the line through them.

    Sessions without a stress rating keep their place with NaN stress; they are left out of the
    fit and counted in ``left_out``. The plain result (``plain()``, for the command line) is
    ``n`` rated sessions, the ``slope`` in stress points per kilogram of volume load and ``r``
    with its 95 % interval ``r_low`` to ``r_high``, each None below ``MIN_FIT_SESSIONS`` (or
    where it does not exist), and ``shown``: whether the line is drawn and its direction stated,
    which needs enough sessions and an interval that leaves out 0.
    """

    days: np.ndarray
    session_ids: np.ndarray
    routine_names: tuple[str, ...]
    volume_kg: np.ndarray
    mean_stress: np.ndarray
    rated_sets: np.ndarray
    fit: LineFit
    left_out: int
    n: int
    slope: float | None
    r: float | None
    r_low: float | None
    r_high: float | None
    shown: bool
    volume_sets_left_out: int = 0  # working sets whose load moved was not known (no body weight that day)
    no_volume: int = 0  # sessions left out as points: no working set with a known load (a plank, dips without BW)

    def plain(self) -> dict[str, float | int | bool | None]:
        """The result without the points: n, slope, r, r_low, r_high and shown, ready for JSON."""
        return {"n": self.n, "slope": self.slope, "r": self.r, "r_low": self.r_low, "r_high": self.r_high,
                "shown": self.shown}


@dataclass(frozen=True, eq=False)
class Buckets:
    """Sessions summed per day, ISO week or month, every bucket from the first to the last with a session.

    ``starts`` is each bucket's first day (a Monday for weeks). Means pool every rating in the
    bucket rather than averaging session means, so each rated set counts once and a session with
    one rated set weighs less than one with twenty; buckets without sessions hold 0 and NaN.
    Relief can be negative (a rest that ended more stressed than it began). ``calmer_rests``
    counts the rests whose relief was at least ``CALMER_BY_POINTS``, among the ``relief_sets``;
    the ``overall_`` figures pool every bucket.
    """

    period: Period
    starts: np.ndarray
    volume_kg: np.ndarray
    mean_stress: np.ndarray
    rated_sets: np.ndarray
    mean_relief: np.ndarray
    relief_sets: np.ndarray
    sessions: np.ndarray
    calmer_rests: np.ndarray
    overall_mean_relief: float | None
    overall_relief_sets: int
    overall_calmer_rests: int
    volume_sets_left_out: int = 0  # working sets whose load moved was not known (no body weight that day)


@dataclass(frozen=True, eq=False)
class ExerciseProgress:
    """Per session with the exercise: its best set by Epley estimate, and whether that was a record.

    ``is_record`` is True when the estimate beats every earlier session's (the first one
    included), judged over all dates and routines, whatever the filter shows.
    """

    days: np.ndarray
    session_ids: np.ndarray
    e1rm_kg: np.ndarray
    reps: np.ndarray
    load_kg: np.ndarray  # as logged; NaN where none was (a pull-up without added load)
    is_record: np.ndarray
    body_load: BodyLoad = BodyLoad.NONE  # how body weight enters the exercise's load (BW + load_kg ...)


@dataclass(frozen=True, eq=False)
class KindRatings:
    """Stress before and at the end of the sessions of one kind, per session (NaN if not rated) and on average.

    Each mean is over the sessions that rated it; ``mean_change`` (end minus before) is over the
    sessions that rated both, the ``pairs``.
    """

    kind: str
    days: np.ndarray
    session_ids: np.ndarray
    stress_before: np.ndarray
    stress_final: np.ndarray
    mean_before: float | None
    before_count: int
    mean_final: float | None
    final_count: int
    mean_change: float | None
    pairs: int


@dataclass(frozen=True)
class BandBar:
    """The sessions of one kind whose stress before lay in ``low``-``high`` and that rated stress at the end too.

    The means are over those ``n`` sessions, None when there are none; ``change_low`` to
    ``change_high`` is the 95 % interval of the mean change (Student's t over the sessions),
    None below two sessions. ``enough`` says whether there are at least ``MIN_BAR_SESSIONS``:
    below that no bar is drawn.
    """

    kind: str
    low: int
    high: int
    n: int
    mean_before: float | None
    mean_final: float | None
    mean_change: float | None
    change_low: float | None = None
    change_high: float | None = None

    @property
    def enough(self) -> bool:
        return self.n >= MIN_BAR_SESSIONS

    @property
    def band(self) -> str:
        return f"{self.low}-{self.high}"


@dataclass(frozen=True)
class StrengthVsCalm:
    """Each kind's ratings, and ``bars``: per band of ``STRESS_BANDS``, strength then calm."""

    strength: KindRatings
    calm: KindRatings
    bars: tuple[BandBar, ...] = ()


def _days(values: Iterable[str | date]) -> np.ndarray:
    return np.array(list(values), dtype="datetime64[D]")


def bucket_starts(days: np.ndarray, period: Period) -> np.ndarray:
    """The first day of the bucket each day falls in: itself, the Monday of its ISO week, or the 1st."""
    days = np.asarray(days, dtype="datetime64[D]")
    if period is Period.DAY:
        return days
    if period is Period.WEEK:
        # Day 0 of datetime64, 1970-01-01, was a Thursday, so (n + 3) % 7 counts days since Monday.
        return days - ((days.astype(np.int64) + 3) % 7).astype("timedelta64[D]")
    return days.astype("datetime64[M]").astype("datetime64[D]")


def bucket_label(start: date | np.datetime64, period: Period) -> str:
    """Name a bucket by its first day: ``2026-12-28`` as a day, ``2026-W53`` as a week, ``2026-12`` as a month."""
    start = np.datetime64(start, "D").item()
    if period is Period.WEEK:
        year, week, _ = start.isocalendar()
        return f"{year}-W{week:02d}"
    return start.isoformat()[:7] if period is Period.MONTH else start.isoformat()


def _bucket(days: np.ndarray, period: Period) -> tuple[np.ndarray, np.ndarray]:
    """Every bucket from the first day's to the last day's, and the index of each day's bucket."""
    if len(days) == 0:
        return np.array([], dtype="datetime64[D]"), np.array([], dtype=np.int64)
    keys = bucket_starts(days, period)
    first, last = keys.min(), keys.max()
    if period is Period.MONTH:
        starts = np.arange(first.astype("datetime64[M]"), last.astype("datetime64[M]") + 1).astype("datetime64[D]")
    else:
        step = np.timedelta64(7 if period is Period.WEEK else 1, "D")
        starts = np.arange(first, last + step, step)
    return starts, np.searchsorted(starts, keys)


def _ratio(numerator: np.ndarray, denominator: np.ndarray) -> np.ndarray:
    """Element-wise quotient, NaN where the denominator is 0."""
    out = np.full(len(numerator), np.nan)
    np.divide(numerator, denominator, out=out, where=denominator != 0)
    return out


def _sums(index: np.ndarray, size: int, values: Sequence[float]) -> np.ndarray:
    return np.bincount(index, weights=np.asarray(values, dtype=float), minlength=size)


def correlation_interval(r: float | None, n: int) -> tuple[float | None, float | None]:
    """The 95 % interval of Pearson's ``r`` over ``n`` pairs by Fisher's z; (None, None) without r or below 4 pairs."""
    if r is None or n < 4:
        return None, None
    if abs(r) >= 1.0:
        return r, r  # every point on the line: atanh is infinite, the interval a single value
    z, half = np.arctanh(r), Z_95 / np.sqrt(n - 3)
    return float(np.tanh(z - half)), float(np.tanh(z + half))


def fit_line(x: Sequence[float], y: Sequence[float]) -> LineFit:
    """Fit ``y = slope * x + intercept`` by least squares over the pairs where both are finite."""
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    keep = np.isfinite(x) & np.isfinite(y)
    x, y = x[keep], y[keep]
    n = len(x)
    if n < 2 or np.ptp(x) == 0:
        return LineFit(None, None, None, n, False)
    dx, dy = x - x.mean(), y - y.mean()
    sxx, sxy, syy = dx @ dx, dx @ dy, dy @ dy
    slope = sxy / sxx
    # Compare with ptp, not syy == 0: a mean of equal floats can differ from them by rounding.
    r = None if np.ptp(y) == 0 else float(np.clip(sxy / np.sqrt(sxx * syy), -1.0, 1.0))
    low, high = correlation_interval(r, n)
    return LineFit(float(slope), float(y.mean() - slope * x.mean()), r, n, n >= MIN_FIT_SESSIONS, low, high)


def stress_vs_volume(sessions: Sequence[SessionTotals]) -> StressVolume:
    """One point per session (volume load, mean stress after sets) and the least-squares line through the rated ones.

    A session without a known volume has no place on the volume axis: it is not a point, and is counted.
    """
    everything = sessions
    sessions = [s for s in sessions if s.volume_kg is not None]
    volume = np.array([s.volume_kg for s in sessions], dtype=float)
    rated = np.array([s.stress_count for s in sessions], dtype=np.int64)
    stress = _ratio(np.array([s.stress_sum for s in sessions], dtype=float), rated)
    fit = fit_line(volume, stress)
    return StressVolume(
        days=_days(s.day for s in sessions),
        session_ids=np.array([s.session_id for s in sessions], dtype=np.int64),
        routine_names=tuple(s.routine_name for s in sessions),
        volume_kg=volume,
        mean_stress=stress,
        rated_sets=rated,
        fit=fit,
        left_out=int(np.count_nonzero(rated == 0)),
        n=fit.n,
        slope=fit.slope if fit.enough else None,
        r=fit.r if fit.enough else None,
        r_low=fit.r_low if fit.enough else None,
        r_high=fit.r_high if fit.enough else None,
        shown=fit.clear,
        volume_sets_left_out=sum(s.volume_left_out for s in everything),
        no_volume=len(everything) - len(sessions),
    )


def over_time(sessions: Sequence[SessionTotals], period: Period) -> Buckets:
    """Sum sessions per ``period``: volume load, pooled mean stress after sets and relief, session count."""
    starts, index = _bucket(_days(s.day for s in sessions), period)
    size = len(starts)
    rated = _sums(index, size, [s.stress_count for s in sessions])
    relieved = _sums(index, size, [s.relief_count for s in sessions])
    relief_sum = _sums(index, size, [s.relief_sum for s in sessions])
    calmer = _sums(index, size, [s.calmer_count for s in sessions]).astype(np.int64)
    rests = int(relieved.sum())
    return Buckets(
        period=period,
        starts=starts,
        volume_kg=_sums(index, size, [s.volume_kg or 0.0 for s in sessions]),  # the known volume, summed
        mean_stress=_ratio(_sums(index, size, [s.stress_sum for s in sessions]), rated),
        rated_sets=rated.astype(np.int64),
        mean_relief=_ratio(relief_sum, relieved),
        relief_sets=relieved.astype(np.int64),
        sessions=np.bincount(index, minlength=size).astype(np.int64),
        calmer_rests=calmer,
        overall_mean_relief=float(relief_sum.sum() / rests) if rests else None,
        overall_relief_sets=rests,
        overall_calmer_rests=int(calmer.sum()),
        volume_sets_left_out=sum(s.volume_left_out for s in sessions),
    )


def rolling_mean(values: Sequence[float], window: int) -> np.ndarray:
    """Mean of each value and the ``window - 1`` before it, skipping NaN; NaN where the window has no value."""
    if window < 1:
        raise ValueError(f"a rolling window needs at least one value, not {window}")
    values = np.asarray(values, dtype=float)
    if len(values) == 0:
        return np.array([], dtype=float)
    padded = np.concatenate((np.full(window - 1, np.nan), values))
    windows = np.lib.stride_tricks.sliding_window_view(padded, window)
    present = np.isfinite(windows)
    return _ratio(np.where(present, windows, 0.0).sum(axis=1), present.sum(axis=1))


def exercise_progress(sets: Iterable[ExerciseSet], graph_filter: GraphFilter = GraphFilter()) -> ExerciseProgress:
    """Best set and record flag per session of one exercise's ``sets``, shown within the filter's dates and routine.

    ``sets`` must cover every date, in the order they were done, so records are judged against
    all earlier sessions. As for the summary's records, warm-ups and sets without reps and a load
    are left out; the first set to reach a session's best estimate is its best set.
    """
    best_sets: dict[int, tuple[ExerciseSet, float]] = {}
    for logged in sets:
        e1rm = None if logged.set_type == SetType.WARMUP else epley_e1rm(logged.moved_kg, logged.reps)
        if e1rm is not None and (logged.session_id not in best_sets or e1rm > best_sets[logged.session_id][1]):
            best_sets[logged.session_id] = (logged, e1rm)
    chosen = [logged for logged, _ in best_sets.values()]
    e1rm = np.array([estimate for _, estimate in best_sets.values()], dtype=float)
    earlier_best = np.maximum.accumulate(np.concatenate(([-np.inf], e1rm)))[:-1]
    days = _days(logged.day for logged in chosen)
    shown = graph_filter.covers(days)
    if graph_filter.routine_id is not None:
        shown &= np.array([logged.routine_id == graph_filter.routine_id for logged in chosen], dtype=bool)
    return ExerciseProgress(
        days=days[shown],
        session_ids=np.array([logged.session_id for logged in chosen], dtype=np.int64)[shown],
        e1rm_kg=e1rm[shown],
        reps=np.array([logged.reps for logged in chosen], dtype=np.int64)[shown],
        load_kg=np.array([np.nan if logged.load_kg is None else logged.load_kg for logged in chosen],
                         dtype=float)[shown],
        # As the session summary judges records: beating the earlier best by more than rounding.
        is_record=(e1rm - earlier_best > RECORD_MARGIN_KG)[shown],
        body_load=BodyLoad(chosen[0].body_load) if chosen else BodyLoad.NONE,
    )


def _mean(values: np.ndarray) -> float | None:
    return float(values.mean()) if len(values) else None


def kind_ratings(kind: str, sessions: Iterable[SessionRatings]) -> KindRatings:
    """Stress before and at the end of the ``kind`` sessions among ``sessions``."""
    chosen = [s for s in sessions if s.kind == kind]
    before = np.array([np.nan if s.stress_before is None else s.stress_before for s in chosen], dtype=float)
    final = np.array([np.nan if s.stress_final is None else s.stress_final for s in chosen], dtype=float)
    rated_before, rated_final = np.isfinite(before), np.isfinite(final)
    both = rated_before & rated_final
    return KindRatings(
        kind=kind,
        days=_days(s.day for s in chosen),
        session_ids=np.array([s.session_id for s in chosen], dtype=np.int64),
        stress_before=before,
        stress_final=final,
        mean_before=_mean(before[rated_before]),
        before_count=int(rated_before.sum()),
        mean_final=_mean(final[rated_final]),
        final_count=int(rated_final.sum()),
        mean_change=_mean(final[both] - before[both]),
        pairs=int(both.sum()),
    )


def band_bars(ratings: KindRatings) -> list[BandBar]:
    """One bar per band of ``STRESS_BANDS`` over the ``ratings`` sessions that rated stress before and at the end."""
    both = np.isfinite(ratings.stress_before) & np.isfinite(ratings.stress_final)
    bars = []
    for low, high in STRESS_BANDS:
        chosen = both & (ratings.stress_before >= low) & (ratings.stress_before <= high)
        before, final = ratings.stress_before[chosen], ratings.stress_final[chosen]
        change = final - before
        low_change = high_change = None
        if len(change) >= 2:
            half = float(t_quantile_975(len(change) - 1)) * float(change.std(ddof=1)) / np.sqrt(len(change))
            low_change, high_change = float(change.mean() - half), float(change.mean() + half)
        bars.append(BandBar(ratings.kind, low, high, int(chosen.sum()), _mean(before), _mean(final), _mean(change),
                            low_change, high_change))
    return bars


def strength_vs_calm(sessions: Sequence[SessionRatings]) -> StrengthVsCalm:
    """Stress before and at the end of strength sessions beside calm ones, overall and per band of stress before."""
    strength, calm = kind_ratings(ExerciseKind.STRENGTH, sessions), kind_ratings(ExerciseKind.CALM, sessions)
    bars = tuple(bar for pair in zip(band_bars(strength), band_bars(calm)) for bar in pair)
    return StrengthVsCalm(strength, calm, bars)
