"""The report's content, from hand-made figures: thin periods say so, the low-day rule is the app's, notes stay out."""

import csv
import io
import zipfile
from datetime import date

import pytest

from liftcalm.core import report as r
from liftcalm.core.coaching import LOW_READINESS_MAX
from liftcalm.core.models import BodyLoad
from liftcalm.core.report import (
    NOT_ENOUGH,
    Activity,
    BandChart,
    BarChart,
    CheckIn,
    IntervalChart,
    LineChart,
    NoteRow,
    RecordRow,
    ReportFigures,
    ReportPeriod,
    RestRatings,
    build_report,
    check_ins_from,
    signed,
)
from liftcalm.core.report_bundle import csv_bundle
from liftcalm.core.scales import SCALES
from liftcalm.core.tolerance import (
    TOLERANCE_CAVEAT,
    TOLERANCE_DEFINITION,
    stress_tolerance,
)
from liftcalm.core.trends import (
    SAMPLE_NOTE,
    STRENGTH_CALM_METHOD,
    STRESS_VOLUME_METHOD,
    SessionRatings,
    SessionTotals,
    over_time,
    strength_vs_calm,
    stress_vs_volume,
)
from liftcalm.core.units import Unit
from tests.core.synthetic_history import Scenario, history

PERIOD = ReportPeriod(date(2026, 3, 2), date(2026, 3, 29))  # four ISO weeks, Monday to Sunday


def figures(totals=(), ratings=(), tolerance_sets=(), activity=None, rests=(), records=(), notes=None,
            period=PERIOD, sample=False, unit=Unit.KG) -> ReportFigures:
    tolerance = stress_tolerance(list(tolerance_sets))
    return ReportFigures(
        period=period, made_on=date(2026, 4, 1), version="test", unit=unit, sample=sample,
        activity=activity or Activity(0, 0, 0, 0, 0),
        figures={"tolerance": tolerance.plain(), "stress_vs_volume": stress_vs_volume(list(totals)).plain()},
        over_time=over_time(list(totals), period.bucket), end_of_rest=tuple(rests),
        strength_calm=strength_vs_calm(list(ratings)), records=tuple(records), notes=notes)


def week_of_sessions():
    """Three strength sessions in one week and one the next, with ratings after sets and at the end of rests."""
    totals = [SessionTotals(1, "2026-03-02", "A", 1000.0, 20.0, 4, 8.0, 4, 2),
              SessionTotals(2, "2026-03-04", "A", 1200.0, 12.0, 3, 3.0, 3, 1),
              SessionTotals(3, "2026-03-11", "B", 900.0, 0.0, 0, 0.0, 0, 0),
              SessionTotals(4, "2026-03-18", "A", 1100.0, 6.0, 2, 2.0, 2, 0)]
    rests = [RestRatings("2026-03-02", 12.0, 4), RestRatings("2026-03-04", 9.0, 3), RestRatings("2026-03-11", 0, 0),
             RestRatings("2026-03-18", 4.0, 2)]
    return totals, rests


def words(report) -> str:
    return " ".join(report.text().split())


# Thin and empty periods

def test_an_empty_period_says_not_enough_data_everywhere_and_draws_nothing():
    report = build_report(figures())
    charts = [b for s in report.sections for b in s.blocks
              if isinstance(b, (LineChart, IntervalChart, BarChart, BandChart))]
    assert charts == []
    text = words(report)
    assert "no session, rest day or check-in was recorded" in text
    assert f"{NOT_ENOUGH} yet to know your usual" in text
    assert f"{NOT_ENOUGH} in this period for this: it needs 12 strength sessions" in text
    assert f"{NOT_ENOUGH} in this period to compare like with like" in text
    assert f"{NOT_ENOUGH} in this period: no strength session with sets" in text
    missing = [b for s in report.sections for b in s.blocks if isinstance(b, r.Paragraph) and b.style == "missing"]
    assert all(b.text.startswith(NOT_ENOUGH) for b in missing) and len(missing) >= 5


def test_one_week_of_ratings_is_written_out_not_drawn():
    totals, rests = [SessionTotals(1, "2026-03-03", "A", 1000.0, 20.0, 4, 8.0, 4, 2)], [RestRatings("2026-03-03",
                                                                                                     12.0, 4)]
    report = build_report(figures(totals, rests=rests, activity=Activity(1, 0, 0, 6, 4)))
    over = next(s for s in report.sections if s.heading.startswith("Stress after sets"))
    assert not any(isinstance(b, LineChart) for b in over.blocks)
    assert "rated in only one week of this period" in words(report)
    assert "mean stress right after a set 5.0 (n = 4 sets), at the end of a rest 3.0 (n = 4 rests)" in words(report)


def test_stress_over_time_pools_the_end_of_rest_ratings_per_week_and_leaves_gaps():
    totals, rests = week_of_sessions()
    report = build_report(figures(totals, rests=rests, activity=Activity(3, 0, 0, 9, 7)))
    chart = next(b for s in report.sections for b in s.blocks if isinstance(b, LineChart))
    after, end = chart.series
    assert after.values == (32.0 / 7, None, 3.0)  # the second week rated nothing: a gap, not 0
    assert end.values == (21.0 / 7, None, 2.0)
    assert after.days[0] == date(2026, 3, 5)  # drawn in the middle of the week of 2 March
    table = next(t for t in report.tables if t.name == "stress_per_week")
    assert table.rows[0][:6] == ("2026-03-02", "2", "4.571", "7", "3", "7")
    assert table.rows[1][2] == "" and table.rows[1][4] == ""  # missing, never 0
    text = words(report)
    assert "Rests that ended calmer by 2 points or more: 3 of 9" in text
    assert "mean +1.4 points over 9 rests" in text
    assert "mean stress right after a set 4.2 (n = 9 sets), at the end of a rest 2.8 (n = 9 rests)" in text


# The period at a glance

def test_low_days_follow_the_apps_rule_and_say_what_was_not_answered():
    check_ins = check_ins_from([
        ("2026-03-02", "strength", 2, 2, 5),
        ("2026-03-02", "rest", LOW_READINESS_MAX, 0, None),  # the same day again: one low day
        ("2026-03-03", "strength", 2, 3, 4),  # motivation above the rule
        ("2026-03-04", "calm", None, 1, 3),  # energy skipped: neither low nor not
        ("2026-03-05", "strength", None, None, None),  # nothing answered: not a check-in at all
    ])
    activity = Activity(2, 1, 1, 30, 20, check_ins)
    assert (len(activity.check_ins), activity.answered_both, activity.low_check_ins, activity.low_days) == (4, 3, 2, 1)
    text = words(build_report(figures(activity=activity)))
    assert "2 of the 3 check-ins that answered both, on 1 day" in text
    assert "1 check-in left one or both unanswered and is not counted either way" in text
    assert "Rest days recorded | 1" in text


def test_the_rhythm_is_what_was_done_without_streaks_or_judgement():
    activity = Activity(6, 2, 0, 0, 0)
    text = words(build_report(figures(activity=activity)))
    assert "2.0 sessions a week on average (strength and calm), over 4.0 weeks" in text
    lowered = text.lower()
    for word in ("streak", "well done", "great", "better", "worse", "improv", "goal", "should", "failed", "missed"):
        assert word not in lowered.replace("no targets or streaks", "")
    short = words(build_report(figures(activity=activity, period=ReportPeriod(date(2026, 3, 2), date(2026, 3, 4)))))
    assert "8 sessions (strength and calm) in 3 days" in short


# Definitions, anchors and method texts

def test_every_scale_is_printed_with_its_anchors_and_each_method_as_the_app_says_it():
    report = build_report(figures())
    text = words(report)
    for scale in SCALES:
        assert scale.question in text
        for _, meaning in scale.anchors:
            assert meaning in text
    for method in (TOLERANCE_DEFINITION, TOLERANCE_CAVEAT, STRESS_VOLUME_METHOD, STRENGTH_CALM_METHOD):
        assert " ".join(method.split()) in text
    assert "not a diagnosis" in text and "does not show what caused" in text


def test_tolerance_points_come_from_the_figures_unchanged_with_windows_that_do_not_overlap():
    sets = history(Scenario(weeks=20), seed=5)
    f = figures(tolerance_sets=sets, period=ReportPeriod(date(2025, 1, 6), date(2025, 5, 25)))
    points = f.figures["tolerance"]["points"]
    assert len(points) > 8
    report = build_report(f)
    chart = next(b for s in report.sections for b in s.blocks if isinstance(b, IntervalChart))
    assert chart.values == tuple(p["value"] for p in points)
    assert (chart.lows, chart.highs) == (tuple(p["low"] for p in points), tuple(p["high"] for p in points))
    table = next(b for s in report.sections for b in s.blocks if isinstance(b, r.Table) and "4 weeks to" in b.header)
    days = [date.fromisoformat(p["date"]) for p in r._apart(points, 28)]
    assert all((b - a).days >= 28 for a, b in zip(days, days[1:]))
    assert table.rows[-1][1] == signed(points[-1]["value"])
    rows = next(t for t in report.tables if t.name == "stress_tolerance").rows
    assert [row[0] for row in rows] == [p["date"] for p in points]
    assert [float(row[1]) for row in rows] == pytest.approx([p["value"] for p in points], abs=5e-4)
    text = words(report)
    assert f"n = {points[-1]['n']:,} rated sets in {points[-1]['sessions']} sessions" in text


def test_stress_vs_volume_says_no_clear_relation_when_its_interval_holds_zero():
    totals = [SessionTotals(i, f"2026-03-{2 + i:02d}", "A", 1000.0 + 10 * i, float([3, 5, 4, 6, 3, 5][i % 6]), 1,
                            0.0, 0, 0) for i in range(14)]
    f = figures(totals)
    fit = f.figures["stress_vs_volume"]
    assert fit["n"] == 14 and not fit["shown"]
    assert f"No clear relation in this period: r = {fit['r']:.2f}" in words(build_report(f))


def test_strength_and_calm_bars_below_the_minimum_are_written_as_too_few():
    ratings = [SessionRatings(i, "2026-03-03", "strength", 5, 3) for i in range(3)]
    ratings += [SessionRatings(10, "2026-03-04", "calm", 5, 2)]
    report = build_report(figures(ratings=ratings))
    chart = next(b for s in report.sections for b in s.blocks if isinstance(b, BandChart))
    marks = {(label, m.kind): m for label, group in chart.groups for m in group}
    assert marks[("stress before 4-6", "strength")].drawn and not marks[("stress before 4-6", "calm")].drawn
    assert "4-6 | Calm | 1 | – | too few to compare (fewer than 3)" in words(report)


# Privacy

def test_notes_are_a_section_only_when_asked_for():
    notes = (NoteRow("2026-03-03", "session", "Full Body", "Rough week at work"),
             NoteRow("2026-03-04", "rest", "Squat", "Counted breaths"))
    without = build_report(figures())
    assert "Your notes" not in [s.heading for s in without.sections]
    assert "notes" not in [t.name for t in without.tables]
    assert "Notes and other free text you wrote are left out" in words(without)
    with_notes = build_report(figures(notes=notes))
    assert "Rough week at work" in words(with_notes) and "Counted breaths" in words(with_notes)
    assert "Your support contacts are never included" in words(with_notes)
    assert with_notes.includes_notes and not without.includes_notes


def test_the_csv_bundle_has_one_private_file_per_table_each_with_the_anchors_and_the_sample_mark():
    totals, rests = week_of_sessions()
    records = (RecordRow("Barbell Back Squat", 3, 1, "2026-03-04", 5, 100.0, 116.67),)
    report = build_report(figures(totals, rests=rests, records=records, sample=True,
                                  activity=Activity(3, 0, 0, 9, 7)))
    bundle = zipfile.ZipFile(io.BytesIO(csv_bundle(report)))
    names = sorted(info.filename.split("/", 1)[1] for info in bundle.infolist())
    assert names == sorted(["README.txt", "summary.csv", "stress_tolerance.csv", "stress_per_week.csv",
                            "strength_vs_calm.csv", "records.csv", "scales.csv"])
    assert all(info.filename.startswith("liftcalm-report-2026-03-02-to-2026-03-29/") for info in bundle.infolist())
    assert all((info.external_attr >> 16) & 0o777 == 0o600 for info in bundle.infolist())
    for name in names:
        if not name.endswith(".csv"):
            continue
        text = bundle.read(f"liftcalm-report-2026-03-02-to-2026-03-29/{name}").decode("utf-8")
        comments = [line for line in text.splitlines() if line.startswith("#")]
        assert "0 calm, 5 clearly stressed, 10 the most distress I can imagine" in comments[1]
        assert "never 0" in comments[1] and SAMPLE_NOTE in comments[2]
        rows = list(csv.reader(line for line in text.splitlines() if not line.startswith("#")))
        assert rows[0][0] == "sample_data" and all(row[0] == SAMPLE_NOTE for row in rows[1:])
    records_csv = bundle.read("liftcalm-report-2026-03-02-to-2026-03-29/records.csv").decode().splitlines()[-1]
    assert records_csv.endswith("Barbell Back Squat,3,1,2026-03-04,5,100,116.67")


def test_a_period_cannot_end_before_it_starts():
    with pytest.raises(ValueError):
        ReportPeriod(date(2026, 3, 2), date(2026, 3, 1))


def test_numbers_are_written_without_misleading_signs():
    assert (signed(-0.04), signed(0.04), signed(-0.06), signed(1.25)) == ("0.0", "0.0", "-0.1", "+1.2")
    assert r.day_text("2026-01-05") == "5 Jan 2026"
    assert CheckIn("2026-03-02", "rest", 1, 1, None).kind == "rest"


def test_bodyweight_records_and_sets_left_out_of_the_volume_are_said():
    totals, rests = week_of_sessions()
    totals[1] = totals[1]._replace(volume_left_out=2)  # two sets of dips before any body weight was given
    records = (RecordRow("Dips", 2, 1, "2026-03-04", 8, 10.0, 112.0, BodyLoad.PLUS),)
    text = words(build_report(figures(totals, rests=rests, records=records, activity=Activity(3, 0, 0, 9, 7))))
    assert "8 × BW + 10 kg" in text
    assert "2 working sets without a known load left out of the volume" in text
    assert "body weight counted for bodyweight exercises" in text
