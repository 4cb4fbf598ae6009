"""The report as a CSV bundle: one CSV file per table, in one zip, for a reader who prefers numbers.

A zip rather than a folder: it is one file, so it is written whole and private (0600) like the
PDF, through one temporary file and a rename, and it is one thing to carry or attach. Inside,
each table is a plain CSV in a folder named after the period. Every file starts with comment
lines (``#``): what the file is, the 0-10 scales with their anchors, and that an empty cell is
a missing answer, never 0. From sample data every row starts with a ``sample_data`` column that
says so, as the graphs' CSV exports do, so the mark stays with rows copied out.
"""

from __future__ import annotations

import csv
import io
import zipfile

from liftcalm.core.report import OPENING, Report
from liftcalm.core.scales import ENERGY, MOTIVATION, STRESS_ANCHORS

CONTENTS = {
    "summary": "the period's counts and the figures behind each section, one measure a row",
    "stress_tolerance": "every weekly point of stress after working sets against your usual, with its 95% interval",
    "stress_per_week": "per week: stress right after sets, at the end of rests, relief, with each n",
    "stress_per_month": "per month: stress right after sets, at the end of rests, relief, with each n",
    "strength_vs_calm": "strength and calm sessions by band of stress before: mean change with its 95% interval",
    "records": "per exercise trained: sessions, record sessions and the highest record",
    "notes": "the notes written in the period (only when you chose to include them)",
    "scales": "each 0-10 question and the words at 0, 5 and 10",
}


def _anchors(anchors) -> str:
    return ", ".join(f"{value} {meaning}" for value, meaning in anchors)


def comment_lines(report: Report) -> list[str]:
    """The lines every file starts with: what it is, the scales' anchors, and the sample mark."""
    lines = [f"# LiftCalm report, {report.period.iso}, made {report.made_on.isoformat()} by LiftCalm "
             f"{report.version}: your own record, a description, not a diagnosis.",
             f"# Scales 0-10: energy ({_anchors(ENERGY.anchors)}); motivation ({_anchors(MOTIVATION.anchors)}); "
             f"stress before, after each set, at the end of each rest and at the end ({_anchors(STRESS_ANCHORS)}). "
             "An empty cell is a missing answer or figure, never 0."]
    if report.sample_note:
        lines.append(f"# {report.sample_note}.")
    return lines


def folder_name(report: Report) -> str:
    return f"liftcalm-report-{report.period.start.isoformat()}-to-{report.period.end.isoformat()}"


def csv_bundle(report: Report) -> bytes:
    """The zip's bytes: ``README.txt`` and one CSV per table of ``report``, each member 0600 when unpacked."""
    folder, comments = folder_name(report), comment_lines(report)
    stamp = (report.made_on.year, report.made_on.month, report.made_on.day, 0, 0, 0)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as bundle:
        def add(name: str, text: str) -> None:
            info = zipfile.ZipInfo(f"{folder}/{name}", date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o100600 << 16  # a regular file, readable only by its owner
            bundle.writestr(info, text.encode("utf-8"))

        listing = [f"{table.name}.csv: {CONTENTS.get(table.name, table.name)}" for table in report.tables]
        add("README.txt", "\n".join([line[2:] for line in comments] + ["", OPENING, "", "Files:", *listing, ""]))
        for table in report.tables:
            text = io.StringIO()
            text.write("\n".join(comments) + "\n")
            writer = csv.writer(text, lineterminator="\n")
            header, rows = table.header, table.rows
            if report.sample_note:
                header = ("sample_data", *header)
                rows = tuple((report.sample_note, *row) for row in rows)
            writer.writerow(header)
            writer.writerows(rows)
            add(f"{table.name}.csv", text.getvalue())
    return buffer.getvalue()
