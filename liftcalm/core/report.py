"""The report to bring to a counsellor: what it says, built from figures the store gathered.

No Qt and no SQL: ``store.report_data`` gathers a ``ReportFigures`` for a period, ``build_report``
turns it into a ``Report`` (sections of paragraphs, tables and chart data, and the tables of the
CSV bundle), and ``ui/report`` lays that out on pages. Every figure comes from the measures the
graphs use (``GraphData.figures`` is kept as it is, so the report shows what ``liftcalm trends``
prints); the words state each figure's n, its interval where there is one, and how it is made.

The report describes; it never judges or explains. There are no scores, streaks or targets,
a missing rating is left out and never counted as 0, and a thin period says so instead of
drawing an empty chart. Notes and other free text are in it only when asked for
(``ReportFigures.notes`` is None otherwise); the support contacts never are.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import NamedTuple

import numpy as np

from liftcalm.core.analytics import volume_left_out_text
from liftcalm.core.coaching import LOW_READINESS_MAX, is_low_readiness
from liftcalm.core.load_display import display_set_load
from liftcalm.core.models import BodyLoad
from liftcalm.core.scales import SCALES, STRESS_AFTER_SET
from liftcalm.core.session_summary import CALMER_BY_POINTS
from liftcalm.core.tolerance import (
    LEFT_OUT_LABELS,
    MIN_SESSIONS_PER_POINT,
    MIN_SESSIONS_TO_FIT,
    MIN_SETS_TO_FIT,
    TOLERANCE_CAVEAT,
    TOLERANCE_DEFINITION,
    WINDOW_DAYS,
)
from liftcalm.core.trends import (
    MIN_BAR_SESSIONS,
    MIN_FIT_SESSIONS,
    SAMPLE_NOTE,
    STRENGTH_CALM_METHOD,
    STRESS_BANDS,
    STRESS_VOLUME_METHOD,
    Buckets,
    ExerciseProgress,
    Period,
    StrengthVsCalm,
    bucket_starts,
)
from liftcalm.core.units import Unit, kg_to_unit

# The words a thin period gets, wherever a figure or a chart would stand.
NOT_ENOUGH = "Not enough data"
NOT_ENOUGH_HERE = f"{NOT_ENOUGH} in this period"
TABLE_ROWS = 13  # a table of weeks or months lists the latest this many; the CSV bundle holds them all
WEEKLY_UP_TO_DAYS = 200  # longer periods are summed per month
MIN_CHART_POINTS = 2  # fewer and a chart would be a dot: the figures are written out instead
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

OPENING = (
    "This is your own record from LiftCalm, a workout timer: the sessions you logged and the 0-10 ratings you "
    "gave of your stress, energy and motivation. It is a description, not a diagnosis or an assessment: the "
    "figures describe what was logged, they do not explain it, and none of them shows what caused a change. "
    "Reading it for someone else? \u201cYou\u201d here means the person who kept this record."
)
SCALES_NOTE = (
    "Each question is answered from 0 to 10, with the same words at its ends and middle wherever it is asked. "
    "Any question can be skipped: a missing answer is left out of every figure, never counted as 0."
)
RHYTHM_NOTE = ("Routines in LiftCalm have no schedule, so the rhythm is what was done, on average; there are no "
               "targets or streaks here.")
PLAIN_MEANS = (
    "These are plain means and counts, without an interval: ratings from one session are not independent of "
    "each other, so an interval over single ratings would claim more certainty than they hold."
)
STRESS_VOLUME_CAPTION = (
    "Volume and stress both change over time (loads tend to rise with training, and ratings move with life), so "
    "this describes how the two went together in these sessions; it does not explain one by the other."
)
R_MEANS = ("Pearson's r runs from -1 to +1: near 0 the two barely went together, and its sign says only which "
           "way they went.")
RECORD_METHOD = (
    "A record is a session whose best set of an exercise, by estimated one-rep max (Epley: load \u00d7 (1 + reps / "
    "30), a single counting as its load, warm-ups left out), is higher than that of every earlier session of the "
    "exercise, over your whole history; the first session of an exercise counts as one."
)
DESCRIBES = ("This record describes your training and your ratings. It is not a diagnosis, it does not measure "
             "your mental health, and it does not show what caused any change.")
MADE_HERE = "Nothing was sent anywhere: LiftCalm makes no network connections."
NOTES_LEFT_OUT = ("Notes and other free text you wrote are left out; you can choose to include them when you make "
                  "a report. Your support contacts are never included.")
NOTES_INCLUDED = "Your notes are included, as you chose. Your support contacts are never included."
FOOTER = "Your own record: a description, not a diagnosis."
SCALE_NAMES = {"energy": "Energy", "motivation": "Motivation"}
ASKED = {"energy": "before a session", "motivation": "before a session", "stress_before": "before a session",
         "stress_after_set": "right after each set", "stress_end_of_rest": "at the end of each rest",
         "stress_final": "at the end of a session"}


def day_text(day: date | str) -> str:
    """ "6 Jan 2025": the same in every locale (month names are not read from the system)."""
    day = date.fromisoformat(day) if isinstance(day, str) else day
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def count(n: int, noun: str, plural: str | None = None) -> str:
    """ "1 session", "1,234 sessions"."""
    return f"{n:,} {noun if n == 1 else plural or noun + 's'}"


def signed(value: float, digits: int = 1) -> str:
    """ "+0.4", "-1.2", "0.0": a sign that rounding cannot make misleading."""
    text = f"{value:+.{digits}f}"
    return text[1:] if float(text) == 0 else text


def _interval(low: float, high: float) -> str:
    return f"95% interval {signed(low)} to {signed(high)}"


def _cell(value) -> str:
    """A CSV cell: empty when missing (never 0), floats without noise."""
    if value is None or (isinstance(value, float) and not np.isfinite(value)):
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.3f}".rstrip("0").rstrip(".") or "0"
    return str(value)


# What the store gathers ------------------------------------------------------------------------

@dataclass(frozen=True)
class ReportPeriod:
    """Local dates ``start`` to ``end``, both included."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"the period starts ({self.start}) after it ends ({self.end})")

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def weeks(self) -> float:
        return self.days / 7

    @property
    def bucket(self) -> Period:
        """Weeks for a period of up to about half a year, months beyond."""
        return Period.WEEK if self.days <= WEEKLY_UP_TO_DAYS else Period.MONTH

    @property
    def iso(self) -> str:
        return f"{self.start.isoformat()} to {self.end.isoformat()}"

    @property
    def text(self) -> str:
        return f"{day_text(self.start)} to {day_text(self.end)}"


class CheckIn(NamedTuple):
    """A finished session or rest day that answered at least one readiness question (0-10 or None)."""

    day: str
    kind: str
    energy: int | None
    motivation: int | None
    stress_before: int | None


@dataclass(frozen=True)
class Activity:
    """What was done in the period: sessions with at least one set (or block) logged, rest days, check-ins."""

    strength_sessions: int
    calm_sessions: int
    rest_days: int
    sets: int  # logged in strength sessions
    working_sets: int
    check_ins: tuple[CheckIn, ...] = ()

    @property
    def sessions(self) -> int:
        return self.strength_sessions + self.calm_sessions

    @property
    def answered_both(self) -> int:
        """Check-ins that answered energy and motivation: only these can be low days, or not."""
        return sum(c.energy is not None and c.motivation is not None for c in self.check_ins)

    @property
    def low_check_ins(self) -> int:
        """Check-ins with energy and motivation both at or below ``LOW_READINESS_MAX`` (the app's low-day rule)."""
        return sum(is_low_readiness(c.energy, c.motivation) for c in self.check_ins)

    @property
    def low_days(self) -> int:
        return len({c.day for c in self.check_ins if is_low_readiness(c.energy, c.motivation)})


class RestRatings(NamedTuple):
    """One strength session's ratings at the end of its rests: their sum and how many were given."""

    day: str
    end_sum: float
    end_count: int


@dataclass(frozen=True)
class RecordRow:
    """One exercise trained in the period: its sessions there, how many were records, and the highest record."""

    exercise: str
    sessions: int
    records: int
    day: str | None = None
    reps: int | None = None
    load_kg: float | None = None  # as logged: for a bodyweight exercise the added load or assistance
    e1rm_kg: float | None = None
    body_load: BodyLoad = BodyLoad.NONE


class NoteRow(NamedTuple):
    """A note written in the period: its day, where it was written (``NOTE_PLACES``), what about, the text."""

    day: str
    place: str
    about: str
    text: str


NOTE_PLACES = {"session": "Session note", "rest_day": "Rest day note", "exercise": "Exercise note",
               "set": "Set note", "rest": "Noticed in a rest"}


def record_row(exercise: str, progress: ExerciseProgress) -> RecordRow:
    """Sum an exercise's progress within the period (records judged against the whole history)."""
    records = np.flatnonzero(progress.is_record)
    if len(records) == 0:
        return RecordRow(exercise, len(progress.days), 0)
    best = records[np.argmax(progress.e1rm_kg[records])]
    load = float(progress.load_kg[best])
    return RecordRow(exercise, len(progress.days), len(records), str(progress.days[best]), int(progress.reps[best]),
                     None if np.isnan(load) else load, float(progress.e1rm_kg[best]), progress.body_load)


@dataclass(frozen=True, eq=False)
class ReportFigures:
    """Everything the report says, as gathered for one period; no words yet.

    ``figures`` is ``GraphData.figures`` for the period, unchanged: the tolerance points and the
    stress-vs-volume fit exactly as the Graphs page and ``liftcalm trends`` have them.
    ``over_time`` is bucketed per ``period.bucket``; ``end_of_rest`` holds the strength sessions
    of ``over_time``, in order. ``notes`` is None when notes were not asked for.
    """

    period: ReportPeriod
    made_on: date
    version: str
    unit: Unit
    sample: bool
    activity: Activity
    figures: dict
    over_time: Buckets
    end_of_rest: tuple[RestRatings, ...]
    strength_calm: StrengthVsCalm
    records: tuple[RecordRow, ...] = ()
    notes: tuple[NoteRow, ...] | None = None


# What the report holds -----------------------------------------------------------------------

@dataclass(frozen=True)
class Paragraph:
    """Text; ``style`` is "body", "method" (how a figure is made), "notice" (boxed) or "missing" (a thin period)."""

    text: str
    style: str = "body"


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[bool, ...] = ()  # per column: right-aligned
    widths: tuple[int, ...] = ()  # per column, in percent of the width
    caption: str = ""


@dataclass(frozen=True)
class Series:
    """One line over time: a value per day (None: a gap), drawn solid or dashed, with filled or open marks."""

    label: str
    days: tuple[date, ...]
    values: tuple[float | None, ...]
    dashed: bool = False
    filled: bool = True


@dataclass(frozen=True)
class LineChart:
    start: date
    end: date
    series: tuple[Series, ...]
    y_min: float
    y_max: float
    y_ticks: tuple[float, ...]
    y_label: str
    caption: str = ""


@dataclass(frozen=True)
class IntervalChart:
    """Weekly points with their 95% interval as a band, around a zero line; ``above``/``below`` say what 0 divides."""

    start: date
    end: date
    days: tuple[date, ...]
    values: tuple[float, ...]
    lows: tuple[float, ...]
    highs: tuple[float, ...]
    y_label: str
    above: str
    below: str
    caption: str = ""


@dataclass(frozen=True)
class BarChart:
    """One bar per period, from ``starts[i]`` up to the day before ``ends[i]``."""

    start: date
    end: date
    starts: tuple[date, ...]
    ends: tuple[date, ...]
    heights: tuple[float, ...]
    y_label: str
    caption: str = ""


@dataclass(frozen=True)
class BandMark:
    """One kind's mean change in one band of stress before, with its interval; not drawn below the minimum."""

    kind: str
    n: int
    mean: float | None
    low: float | None
    high: float | None
    drawn: bool


@dataclass(frozen=True)
class BandChart:
    groups: tuple[tuple[str, tuple[BandMark, ...]], ...]
    y_label: str
    caption: str = ""


@dataclass(frozen=True)
class Section:
    heading: str
    blocks: tuple = ()


@dataclass(frozen=True)
class CsvTable:
    """One file of the CSV bundle: its name (without .csv), header and rows of text cells."""

    name: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Report:
    title: str
    period: ReportPeriod
    made_on: date
    version: str
    header: str  # at the top of every page
    footer: str  # at the foot of every page, beside its number
    sample_note: str | None  # on every page when the history is sample data
    includes_notes: bool
    opening: tuple  # blocks under the title, before the first section
    sections: tuple[Section, ...]
    tables: tuple[CsvTable, ...] = field(default=())

    def text(self) -> str:
        """Every word of the sections, in order (for tests and a quick look; charts give their captions)."""
        parts = [self.title, self.header]
        for heading, blocks in (("", self.opening), *((s.heading, s.blocks) for s in self.sections)):
            parts.append(heading)
            for block in blocks:
                if isinstance(block, Paragraph):
                    parts.append(block.text)
                elif isinstance(block, Table):
                    parts.extend(" | ".join(row).replace("\n", " ") for row in (block.header, *block.rows))
                else:
                    parts.append(getattr(block, "caption", ""))
        return "\n".join(part for part in parts if part)


# Building ---------------------------------------------------------------------------------------

def build_report(figures: ReportFigures) -> Report:
    """The report's words, tables and charts for ``figures``, and the tables of its CSV bundle."""
    return _Builder(figures).build()


class _Builder:
    def __init__(self, figures: ReportFigures):
        self.f = figures
        self.period = figures.period
        self.unit = figures.unit
        self.tables: list[CsvTable] = []

    def build(self) -> Report:
        f = self.f
        sections = [self._scales(), self._glance(), self._tolerance(), self._over_time(), self._stress_volume(),
                    self._strength_calm(), self._volume_records()]
        if f.notes is not None:
            sections.append(self._notes())
        sections.append(self._about())
        self.tables.insert(0, self._summary_table())
        self.tables.append(CsvTable("scales", ("scale", "question", "0", "5", "10"),
                                    tuple((s.key, s.question, *(m for _, m in s.anchors)) for s in SCALES)))
        return Report(
            title="Training and stress: a personal record",
            period=self.period, made_on=f.made_on, version=f.version,
            header=f"LiftCalm \u00b7 your own record \u00b7 {self.period.iso}", opening=(Paragraph(OPENING, "notice"),),
            footer=FOOTER, sample_note=SAMPLE_NOTE if f.sample else None,
            includes_notes=f.notes is not None, sections=tuple(sections), tables=tuple(self.tables))

    # -- page 1: what this is, the scales, the period at a glance --------------------------------

    def _scales(self) -> Section:
        blocks: list = []
        # Scales with the same anchors are one row: stress is asked four times with the same words.
        grouped: dict[tuple, list] = {}
        for scale in SCALES:
            grouped.setdefault(scale.anchors, []).append(scale)
        rows = tuple((SCALE_NAMES.get(scales[0].key, "Stress"),
                      "\n".join(f"{ASKED[s.key]}: \u201c{s.question}\u201d" for s in scales),
                      *(meaning for _, meaning in anchors)) for anchors, scales in grouped.items())
        blocks += [Table(("Scale", "Asked", "0", "5", "10"), rows, widths=(12, 44, 12, 13, 19),
                         caption="The questions and what their numbers mean"), Paragraph(SCALES_NOTE)]
        return Section("How to read the ratings", tuple(blocks))

    def _glance(self) -> Section:
        a, p = self.f.activity, self.period
        rows = [("Period", f"{p.text} ({count(p.days, 'day')})"),
                ("Strength sessions", f"{a.strength_sessions:,}"),
                ("Calm sessions", f"{a.calm_sessions:,}"),
                ("Rest days recorded", f"{a.rest_days:,} (a check-in with no sets, instead of a session)"),
                ("Rhythm", self._rhythm()),
                ("Readiness check-ins", f"{len(a.check_ins):,} (energy, motivation and stress; before a session "
                                        "or for a rest day)"),
                (f"Energy and motivation both {LOW_READINESS_MAX} or less", self._low_days()),
                ("Sets in strength sessions", f"{a.sets:,}, of them {count(a.working_sets, 'working set')}"),
                ("Volume load", f"{self._volume(float(self.f.over_time.volume_kg.sum()))} (reps \u00d7 load over "
                                "working sets)")]
        blocks: list = []
        if a.sessions == 0 and a.rest_days == 0 and not a.check_ins:
            blocks.append(Paragraph(f"{NOT_ENOUGH_HERE}: no session, rest day or check-in was recorded from "
                                    f"{p.text}.", "missing"))
        blocks += [Table(("", "In this period"), tuple(rows), widths=(34, 66)), Paragraph(RHYTHM_NOTE)]
        return Section("The period at a glance", tuple(blocks))

    def _rhythm(self) -> str:
        done, p = self.f.activity.sessions, self.period
        if p.days < 7:
            return f"{count(done, 'session')} (strength and calm) in {count(p.days, 'day')}"
        return f"{done / p.weeks:.1f} sessions a week on average (strength and calm), over {p.weeks:.1f} weeks"

    def _low_days(self) -> str:
        a = self.f.activity
        if a.answered_both == 0:
            return f"{NOT_ENOUGH_HERE}: no check-in answered both energy and motivation"
        if a.low_check_ins:
            text = (f"{a.low_check_ins:,} of the {count(a.answered_both, 'check-in')} that answered both, on "
                    f"{count(a.low_days, 'day')}")
        else:
            text = f"none of the {count(a.answered_both, 'check-in')} that answered both"
        unanswered = len(a.check_ins) - a.answered_both
        if unanswered:
            text += (f"; {count(unanswered, 'check-in')} left one or both unanswered and "
                     f"{'is' if unanswered == 1 else 'are'} not counted either way")
        return text

    # -- stress tolerance ----------------------------------------------------------------------

    def _tolerance(self) -> Section:
        tolerance = self.f.figures["tolerance"]
        points = tolerance["points"]
        blocks: list = [Paragraph(TOLERANCE_DEFINITION, "method")]
        min_sets = tolerance["min_sets_per_point"]
        if not tolerance["enough"]:
            blocks.append(Paragraph(
                f"{NOT_ENOUGH} yet to know your usual: it needs at least {MIN_SETS_TO_FIT} rated working sets over "
                f"{MIN_SESSIONS_TO_FIT} sessions, and your whole history holds "
                f"{count(tolerance['n_sets'], 'comparable rated working set')} over "
                f"{count(tolerance['n_sessions'], 'session')}.", "missing"))
        elif not points:
            blocks.append(Paragraph(
                f"{NOT_ENOUGH_HERE} for a point: each point needs {min_sets} rated working sets over "
                f"{MIN_SESSIONS_PER_POINT} sessions in its 4 weeks, and no 4 weeks ending in this period hold "
                "that many.", "missing"))
        else:
            days = tuple(date.fromisoformat(p["date"]) for p in points)
            if len(points) >= MIN_CHART_POINTS:
                blocks.append(IntervalChart(
                    self.period.start, self.period.end, days, tuple(p["value"] for p in points),
                    tuple(p["low"] for p in points), tuple(p["high"] for p in points),
                    "points against your usual", "above 0: more stressed than usual",
                    "below 0: calmer than usual",
                    caption="Each point: the 4 weeks up to its date; the grey band: its 95% interval."))
            first, last = points[0], points[-1]
            text = (f"{count(len(points), 'weekly point')} in this period, each over the {WINDOW_DAYS // 7} weeks "
                    f"up to its date (a point needs {min_sets} rated working sets over {MIN_SESSIONS_PER_POINT} "
                    "sessions in its 4 weeks). ")
            if len(points) > 1:
                text += f"The first, {self._point_text(first)}; the latest, {self._point_text(last)}. "
            else:
                text += f"It is {self._point_text(first)}. "
            reach = (days[0] - timedelta(days=WINDOW_DAYS - 1)) < self.period.start
            if reach:
                text += "The earliest points reach back before the period's first day, by their 4 weeks. "
            text += ("Neighbouring points share 3 of their 4 weeks, so they are not separate measurements; the "
                     "table lists 4-week windows that do not overlap.")
            blocks.append(Paragraph(text))
            chosen = _apart(points, WINDOW_DAYS)
            shown = chosen[-TABLE_ROWS:]
            rows = tuple((day_text(p["date"]), signed(p["value"]), f"{signed(p['low'])} to {signed(p['high'])}",
                          f"{p['n']:,}", f"{p['sessions']:,}") for p in shown)
            caption = "4-week windows that do not overlap, ending on the date shown"
            if len(shown) < len(chosen):
                caption += f" (the latest {len(shown)} of {len(chosen)}; the CSV bundle lists every weekly point)"
            blocks.append(Table(("4 weeks to", "Against your usual", "95% interval", "Rated sets", "Sessions"), rows,
                                numeric=(False, True, True, True, True), widths=(24, 20, 24, 16, 16),
                                caption=caption))
        if tolerance["enough"]:
            blocks.append(Paragraph(self._fit_text(tolerance), "method"))
        blocks.append(Paragraph(TOLERANCE_CAVEAT, "method"))
        self.tables.append(CsvTable(
            "stress_tolerance", ("week_ending", "value", "low_95", "high_95", "rated_sets", "sessions"),
            tuple((p["date"], _cell(p["value"]), _cell(p["low"]), _cell(p["high"]), str(p["n"]), str(p["sessions"]))
                  for p in points)))
        return Section("Stress after working sets, compared with your usual", tuple(blocks))

    @staticmethod
    def _point_text(point: dict) -> str:
        return (f"4 weeks to {day_text(point['date'])}: {signed(point['value'])} points "
                f"({_interval(point['low'], point['high'])}; n = {point['n']:,} rated sets in "
                f"{point['sessions']:,} sessions)")

    @staticmethod
    def _fit_text(tolerance: dict) -> str:
        used = (f"Your usual was fitted on {count(tolerance['n_sets'], 'rated working set')} over "
                f"{count(tolerance['n_sessions'], 'session')} of your whole history")
        reasons = [f"{count(n, 'set')} {LEFT_OUT_LABELS[reason]}"
                   for reason, n in tolerance["left_out_by_reason"].items() if n]
        left_out = "; ".join(reasons) if reasons else "none"
        return f"{used}. Working sets left out over the whole history: {left_out}."

    # -- stress over time, relief ------------------------------------------------------------

    def _over_time(self) -> Section:
        buckets, bucket = self.f.over_time, self.period.bucket
        noun = "week" if bucket is Period.WEEK else "month"
        end_mean, end_n = self._end_of_rest(buckets)
        rated_after, rests = int(buckets.rated_sets.sum()), buckets.overall_relief_sets
        blocks: list = [Paragraph(
            f"Per {noun}, over strength sessions: the mean of every stress rating given right after a set, and of "
            f"every rating given at the end of a rest, each pooled over that {noun}'s ratings; a {noun} without "
            f"ratings is a gap, not 0. Relief is the stress right after a set minus the stress at the end of its "
            "rest: above 0 the rest ended calmer, below 0 more stressed.", "method")]
        has_after = np.isfinite(buckets.mean_stress)
        if has_after.sum() >= MIN_CHART_POINTS:
            mid = _midpoints(buckets.starts, bucket)
            blocks.append(LineChart(
                self.period.start, self.period.end,
                (Series("right after a set", mid, _values(buckets.mean_stress)),
                 Series("at the end of the rest", mid, _values(end_mean), dashed=True, filled=False)),
                0.0, 10.0, (0.0, 2.5, 5.0, 7.5, 10.0), "stress, 0-10",
                caption=f"Mean stress per {noun}. {STRESS_AFTER_SET.anchor_text}."))
        elif rated_after == 0:
            blocks.append(Paragraph(f"{NOT_ENOUGH_HERE}: no stress rating was given after a set in a strength session.",
                                    "missing"))
        else:
            blocks.append(Paragraph(f"{NOT_ENOUGH_HERE} to draw this over time: stress after sets was rated in only "
                                    f"one {noun} of this period.", "missing"))
        if rated_after:
            overall_after = float(np.nansum(buckets.mean_stress * buckets.rated_sets) / rated_after)
            text = f"Over the period: mean stress right after a set {overall_after:.1f} (n = {rated_after:,} sets)"
            overall_end = sum(r.end_sum for r in self.f.end_of_rest)
            ended = sum(r.end_count for r in self.f.end_of_rest)
            if ended:
                text += f", at the end of a rest {overall_end / ended:.1f} (n = {ended:,} rests)"
            blocks.append(Paragraph(text + "."))
        if rests:
            blocks.append(Paragraph(
                f"Relief: mean {signed(buckets.overall_mean_relief)} points over {count(rests, 'rest')} rated both "
                f"right after the set and at the end. Rests that ended calmer by {CALMER_BY_POINTS} points or more: "
                f"{buckets.overall_calmer_rests:,} of {rests:,}."))
        elif rated_after:
            blocks.append(Paragraph(f"{NOT_ENOUGH_HERE} for relief: no rest was rated both right after its set and at "
                                    "its end.", "missing"))
        if rated_after:
            blocks.append(Paragraph(PLAIN_MEANS, "method"))
        shown = [i for i in range(len(buckets.starts)) if buckets.sessions[i]]
        rows = [self._bucket_row(i, end_mean, end_n) for i in shown]
        if rows and rated_after:
            caption = f"Per {noun}"
            if len(rows) > TABLE_ROWS:
                caption += (f" (the latest {TABLE_ROWS} of {len(rows)} {noun}s with a session; the CSV bundle lists "
                            "them all)")
            blocks.append(Table((noun.capitalize(), "Sessions", "After a set", "End of rest", "Relief",
                                 f"Calmer by {CALMER_BY_POINTS}+"), tuple(rows[-TABLE_ROWS:]),
                                numeric=(False, True, True, True, True, True), widths=(20, 12, 17, 17, 17, 17),
                                caption=caption + "; each mean with its n"))
        self.tables.append(CsvTable(
            f"stress_per_{noun}",
            (f"{noun}_starting", "sessions", "mean_stress_after_set", "rated_after_set", "mean_stress_end_of_rest",
             "rated_end_of_rest", "mean_relief", "rests_rated_both", f"rests_calmer_by_{CALMER_BY_POINTS}"),
            tuple((str(buckets.starts[i]), str(int(buckets.sessions[i])), _cell(float(buckets.mean_stress[i])),
                   str(int(buckets.rated_sets[i])), _cell(float(end_mean[i])), str(int(end_n[i])),
                   _cell(float(buckets.mean_relief[i])), str(int(buckets.relief_sets[i])),
                   str(int(buckets.calmer_rests[i]))) for i in range(len(buckets.starts)))))
        return Section("Stress after sets and at the end of rests", tuple(blocks))

    def _end_of_rest(self, buckets: Buckets) -> tuple[np.ndarray, np.ndarray]:
        """Pooled mean stress at the end of rests per bucket of ``buckets`` (NaN without one), and its n."""
        size = len(buckets.starts)
        sums, counts = np.zeros(size), np.zeros(size, dtype=np.int64)
        if self.f.end_of_rest and size:
            days = np.array([r.day for r in self.f.end_of_rest], dtype="datetime64[D]")
            index = np.searchsorted(buckets.starts, bucket_starts(days, self.period.bucket))
            np.add.at(sums, index, [r.end_sum for r in self.f.end_of_rest])
            np.add.at(counts, index, [r.end_count for r in self.f.end_of_rest])
        means = np.full(size, np.nan)
        np.divide(sums, counts, out=means, where=counts > 0)
        return means, counts

    def _bucket_row(self, i: int, end_mean: np.ndarray, end_n: np.ndarray) -> tuple[str, ...]:
        b = self.f.over_time

        def mean(value: float, n: int, relief: bool = False) -> str:
            if not n:
                return "\u2013"
            return f"{signed(value) if relief else f'{value:.1f}'} ({n:,})"

        calmer = f"{int(b.calmer_rests[i]):,} of {int(b.relief_sets[i]):,}" if b.relief_sets[i] else "\u2013"
        return (_bucket_text(b.starts[i], self.period.bucket), f"{int(b.sessions[i]):,}",
                mean(float(b.mean_stress[i]), int(b.rated_sets[i])), mean(float(end_mean[i]), int(end_n[i])),
                mean(float(b.mean_relief[i]), int(b.relief_sets[i]), relief=True), calmer)

    # -- stress and volume ------------------------------------------------------------------

    def _stress_volume(self) -> Section:
        fit = self.f.figures["stress_vs_volume"]
        n = fit["n"]
        if n < MIN_FIT_SESSIONS:
            result = Paragraph(f"{NOT_ENOUGH_HERE} for this: it needs {MIN_FIT_SESSIONS} strength sessions with a "
                               f"stress rating after their sets, and this period has {n:,}.", "missing")
        elif fit["r"] is None:
            result = Paragraph(f"No correlation can be given for these {n:,} rated sessions: every session has the "
                               "same volume load or the same mean stress.")
        else:
            interval = f"r = {fit['r']:.2f} (95% interval {fit['r_low']:.2f} to {fit['r_high']:.2f}), n = {n:,}"
            if fit["shown"]:
                per_thousand = fit["slope"] / kg_to_unit(1.0, self.unit) * 1000
                direction = "higher" if fit["r"] > 0 else "lower"
                result = Paragraph(f"In this period, sessions with more volume load went with {direction} mean stress "
                                   f"after sets: {interval}; the least-squares line changes by "
                                   f"{signed(per_thousand, 2)} stress points per 1,000 {self.unit.value} of volume.")
            else:
                result = Paragraph(f"No clear relation in this period: {interval}; the interval includes 0.")
        blocks = [Paragraph(STRESS_VOLUME_METHOD, "method"), result]
        if fit["r"] is not None and n >= MIN_FIT_SESSIONS:
            blocks.append(Paragraph(R_MEANS, "method"))
        blocks.append(Paragraph(STRESS_VOLUME_CAPTION, "method"))
        return Section("Stress and training volume", tuple(blocks))

    # -- strength and calm, like with like ----------------------------------------------------

    def _strength_calm(self) -> Section:
        result = self.f.strength_calm
        bars = result.bars
        blocks: list = [Paragraph(STRENGTH_CALM_METHOD, "method")]
        if any(bar.enough for bar in bars):
            groups = tuple((f"stress before {low}-{high}",
                            tuple(BandMark(bar.kind, bar.n, bar.mean_change, bar.change_low, bar.change_high,
                                           bar.enough) for bar in bars if (bar.low, bar.high) == (low, high)))
                           for low, high in STRESS_BANDS)
            blocks.append(BandChart(groups, "change, end minus before",
                                    caption="Mean change in stress from before to the end of a session, with its "
                                            "95% interval; below 0: ended calmer than it started."))
        else:
            blocks.append(Paragraph(
                f"{NOT_ENOUGH_HERE} to compare like with like: each comparison needs at least {MIN_BAR_SESSIONS} "
                "sessions of one kind that started in the same band of stress and rated stress both before and at the "
                "end.", "missing"))
        rows = []
        for bar in bars:
            if bar.enough:
                change = f"{signed(bar.mean_change)} ({_interval(bar.change_low, bar.change_high)})"
                means = f"{bar.mean_before:.1f} to {bar.mean_final:.1f}"
            else:
                change = "no sessions" if bar.n == 0 else f"too few to compare (fewer than {MIN_BAR_SESSIONS})"
                means = "\u2013"
            rows.append((f"{bar.low}-{bar.high}", bar.kind.capitalize(), f"{bar.n:,}", means, change))
        blocks.append(Table(("Stress before", "Kind", "n", "Before to end", "Change"), tuple(rows),
                            numeric=(False, False, True, False, False), widths=(15, 12, 8, 17, 48)))
        left = []
        for ratings in (result.strength, result.calm):
            sessions = len(ratings.days)
            if sessions:
                left.append(f"{ratings.kind} {sessions - ratings.pairs:,} of {sessions:,}")
        if left:
            blocks.append(Paragraph("Left out for a missing rating before or at the end: " + ", ".join(left) + "."))
        self.tables.append(CsvTable(
            "strength_vs_calm", ("stress_before_band", "kind", "sessions", "mean_before", "mean_final", "mean_change",
                                 "change_low_95", "change_high_95", "enough_sessions"),
            tuple((bar.band, bar.kind, str(bar.n), _cell(bar.mean_before), _cell(bar.mean_final),
                   _cell(bar.mean_change), _cell(bar.change_low), _cell(bar.change_high), _cell(bar.enough))
                  for bar in bars)))
        return Section("Strength and calm sessions, compared like with like", tuple(blocks))

    # -- volume and records ---------------------------------------------------------------------

    def _volume_records(self) -> Section:
        buckets, bucket = self.f.over_time, self.period.bucket
        noun = "week" if bucket is Period.WEEK else "month"
        blocks: list = []
        with_sessions = int(np.count_nonzero(buckets.sessions))
        if with_sessions >= MIN_CHART_POINTS:
            ends = tuple(_bucket_end(start, bucket) for start in buckets.starts)
            blocks.append(BarChart(
                self.period.start, self.period.end, tuple(s.item() for s in buckets.starts), ends,
                tuple(float(kg_to_unit(v, self.unit)) for v in buckets.volume_kg), f"volume load, {self.unit.value}",
                caption=f"Volume load per {noun}: reps \u00d7 load summed over working sets, body weight counted for "
                        f"bodyweight exercises.{self._partial(noun)}"))
        total = float(buckets.volume_kg.sum())
        if with_sessions:
            blocks.append(Paragraph(f"Volume load over the period: {self._volume(total)} in "
                                    f"{count(int(buckets.sessions.sum()), 'strength session')} with sets."))
            if buckets.volume_sets_left_out:
                blocks.append(Paragraph(volume_left_out_text(buckets.volume_sets_left_out), "missing"))
        else:
            blocks.append(Paragraph(f"{NOT_ENOUGH_HERE}: no strength session with sets.", "missing"))
        records = [r for r in self.f.records if r.records]
        if records:
            rows = tuple((r.exercise, f"{r.sessions:,}", f"{r.records:,}", day_text(r.day),
                          f"{r.reps} \u00d7 {display_set_load(r.load_kg, self.unit, r.body_load)}",
                          f"{kg_to_unit(r.e1rm_kg, self.unit):.1f} {self.unit.value}") for r in records)
            blocks.append(Table(("Exercise", "Sessions", "Records", "Highest record", "Set", "Estimated 1RM"), rows,
                                numeric=(False, True, True, False, True, True), widths=(28, 11, 11, 16, 17, 17),
                                caption="Personal records in this period"))
        elif self.f.records:
            blocks.append(Paragraph("No personal record in this period."))
        blocks.append(Paragraph(RECORD_METHOD, "method"))
        self.tables.append(CsvTable(
            "records", ("exercise", "sessions", "record_sessions", "highest_record_day", "reps",
                        f"load_{self.unit.value}", f"estimated_1rm_{self.unit.value}"),
            tuple((r.exercise, str(r.sessions), str(r.records), r.day or "", _cell(r.reps),
                   _cell(None if r.load_kg is None else float(kg_to_unit(r.load_kg, self.unit))),
                   _cell(None if r.e1rm_kg is None else float(kg_to_unit(r.e1rm_kg, self.unit))))
                  for r in self.f.records)))
        return Section("Training volume and records", tuple(blocks))

    # -- notes, about -------------------------------------------------------------------------

    def _notes(self) -> Section:
        notes = self.f.notes or ()
        blocks: list = [Paragraph("Included because you chose \u201cInclude my notes\u201d: what you wrote in this "
                                  "period, as you wrote it.")]
        if notes:
            blocks.append(Table(("Date", "Where", "About", "Note"),
                                tuple((day_text(n.day), NOTE_PLACES.get(n.place, n.place), n.about, n.text)
                                      for n in notes), widths=(15, 19, 20, 46)))
        else:
            blocks.append(Paragraph("You wrote no notes in this period."))
        self.tables.append(CsvTable("notes", ("day", "where", "about", "note"),
                                    tuple((n.day, NOTE_PLACES.get(n.place, n.place), n.about, n.text) for n in notes)))
        return Section("Your notes", tuple(blocks))

    def _about(self) -> Section:
        f = self.f
        made = (f"Made on {day_text(f.made_on)} by LiftCalm {f.version}, from the database on this computer. "
                f"{MADE_HERE}")
        counted = ("A session counts when at least one set or block was logged in it. Every figure gives the number "
                   "of sessions, sets or rests it rests on (n); missing ratings are left out, never counted as 0.")
        return Section("About this report", (Paragraph(made), Paragraph(counted),
                                             Paragraph(NOTES_INCLUDED if f.notes is not None else NOTES_LEFT_OUT),
                                             Paragraph(DESCRIBES, "notice")))

    # -- CSV only ---------------------------------------------------------------------------------

    def _summary_table(self) -> CsvTable:
        f, a = self.f, self.f.activity
        b, tolerance, fit = f.over_time, f.figures["tolerance"], f.figures["stress_vs_volume"]
        rows = [("period_start", f.period.start.isoformat()), ("period_end", f.period.end.isoformat()),
                ("days", str(f.period.days)), ("strength_sessions", str(a.strength_sessions)),
                ("calm_sessions", str(a.calm_sessions)), ("rest_days", str(a.rest_days)),
                ("sessions_per_week", _cell(a.sessions / f.period.weeks)),
                ("check_ins", str(len(a.check_ins))),
                ("check_ins_answering_energy_and_motivation", str(a.answered_both)),
                (f"check_ins_energy_and_motivation_both_{LOW_READINESS_MAX}_or_less", str(a.low_check_ins)),
                (f"days_energy_and_motivation_both_{LOW_READINESS_MAX}_or_less", str(a.low_days)),
                ("sets_in_strength_sessions", str(a.sets)), ("working_sets", str(a.working_sets)),
                (f"volume_load_{f.unit.value}", _cell(float(kg_to_unit(float(b.volume_kg.sum()), f.unit)))),
                ("stress_after_set_ratings", str(int(b.rated_sets.sum()))),
                ("rests_rated_both", str(b.overall_relief_sets)), ("mean_relief", _cell(b.overall_mean_relief)),
                (f"rests_calmer_by_{CALMER_BY_POINTS}", str(b.overall_calmer_rests)),
                ("tolerance_enough_history", _cell(tolerance["enough"])),
                ("tolerance_points", str(len(tolerance["points"]))),
                ("tolerance_fit_rated_sets", str(tolerance["n_sets"])),
                ("tolerance_fit_sessions", str(tolerance["n_sessions"])),
                ("tolerance_sets_left_out", str(tolerance["left_out"])),
                ("stress_vs_volume_n", str(fit["n"])), ("stress_vs_volume_r", _cell(fit["r"])),
                ("stress_vs_volume_r_low_95", _cell(fit["r_low"])),
                ("stress_vs_volume_r_high_95", _cell(fit["r_high"])),
                (f"stress_vs_volume_slope_per_{f.unit.value}", _cell(None if fit["slope"] is None else
                                                                     fit["slope"] / kg_to_unit(1.0, f.unit))),
                ("stress_vs_volume_line_shown", _cell(fit["shown"])),
                ("notes_included", _cell(f.notes is not None))]
        return CsvTable("summary", ("measure", "value"), tuple(rows))

    def _partial(self, noun: str) -> str:
        """A word on the first and last bars when the period cuts their week or month short."""
        starts = self.f.over_time.starts
        first, last = starts[0].item(), _bucket_end(starts[-1], self.period.bucket)
        if first < self.period.start or last > self.period.end + timedelta(days=1):
            return f" A {noun} the period cuts short counts only its days inside the period."
        return ""

    def _volume(self, kg: float) -> str:
        return f"{kg_to_unit(kg, self.unit):,.0f} {self.unit.value}"


def _apart(points: Sequence[dict], days: int) -> list[dict]:
    """Points at least ``days`` apart, counted back from the latest: windows that do not overlap."""
    chosen: list[dict] = []
    for point in reversed(points):
        day = date.fromisoformat(point["date"])
        if not chosen or (date.fromisoformat(chosen[-1]["date"]) - day).days >= days:
            chosen.append(point)
    return chosen[::-1]


def _values(array: np.ndarray) -> tuple[float | None, ...]:
    return tuple(float(v) if np.isfinite(v) else None for v in array)


def _bucket_end(start: np.datetime64, bucket: Period) -> date:
    """The day after a bucket's last day."""
    first = start.item()
    if bucket is Period.WEEK:
        return first + timedelta(days=7)
    if bucket is Period.MONTH:
        return date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return first + timedelta(days=1)


def _midpoints(starts: np.ndarray, bucket: Period) -> tuple[date, ...]:
    """The middle day of each bucket: where its mean is drawn."""
    out = []
    for start in starts:
        first = start.item()
        out.append(first + (_bucket_end(start, bucket) - first) // 2)
    return tuple(out)


def _bucket_text(start: np.datetime64, bucket: Period) -> str:
    first = start.item()
    if bucket is Period.MONTH:
        return f"{MONTHS[first.month - 1]} {first.year}"
    return day_text(first)


def check_ins_from(rows: Iterable[tuple]) -> tuple[CheckIn, ...]:
    """Check-ins from (day, kind, energy, motivation, stress before) rows, keeping those with an answer."""
    return tuple(CheckIn(*row) for row in rows if any(value is not None for value in row[2:]))

