"""The report on pages: laid out once, then painted into a PDF with QPdfWriter.

Text is laid out by QTextDocument (one small document per paragraph or table, measured for the
PDF's own resolution), charts are drawn with QPainter as vector lines, so everything prints
sharp. Everything is black, greys and white, and the lines of a chart differ by dash and mark,
never by colour alone, so the report reads the same printed in black and white. Every page
carries the period, the sample mark when there is one, and "page n of m".

Safe on a worker thread: it touches no widget, and makes its own paint device.
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import QBuffer, QIODevice, QLineF, QLocale, QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontDatabase,
    QPageLayout,
    QPageSize,
    QPainter,
    QPainterPath,
    QPdfWriter,
    QPen,
    QTextDocument,
)

from liftcalm.core.report import (
    MONTHS,
    BandChart,
    BarChart,
    IntervalChart,
    LineChart,
    Paragraph,
    Report,
    Table,
    day_text,
)

DPI = 300
MARGIN_PT = 50  # about 18 mm on every side
HEADER_PT = 30  # room at the top of each page for its running header
FOOTER_PT = 24
CHART_PT = 160  # the height of a chart
GAP_PT = 7  # between blocks
SECTION_GAP_PT = 16  # before a section heading
MIN_TABLE_ROWS = 4  # a table split over two pages keeps at least this many rows on each
ROW_PT_AT_LEAST = 12  # a table row is never less tall than this (a 9 pt line and its padding)
KEEP_SECTION = 0.3  # a section up to this share of a page is kept on one page
KEEP_TABLE_ROWS = 14  # a table of up to this many rows moves to the next page whole rather than split
FONT_FAMILIES = ("DejaVu Sans", "Liberation Sans", "Arial", "Helvetica")

BLACK, INK, GREY, LIGHT, FAINT = QColor(0, 0, 0), QColor(40, 40, 40), QColor(95, 95, 95), QColor(200, 200, 200), \
    QColor(232, 232, 232)


@dataclass(frozen=True)
class RenderedReport:
    """A report as PDF bytes, with its number of pages."""

    pdf: bytes
    pages: int


def default_page_size() -> QPageSize:
    """Letter where the locale measures in US units, A4 everywhere else."""
    if QLocale().measurementSystem() == QLocale.MeasurementSystem.ImperialUSSystem:
        return QPageSize(QPageSize.PageSizeId.Letter)
    return QPageSize(QPageSize.PageSizeId.A4)


def render_pdf(report: Report, page_size: QPageSize | None = None) -> RenderedReport:
    """Lay out and paint ``report``; return the PDF's bytes. Needs a QGuiApplication (for fonts)."""
    return ReportPdf(report, page_size or default_page_size()).render()


def _family() -> str:
    families = set(QFontDatabase.families())
    return next((family for family in FONT_FAMILIES if family in families), QFont().family())


def _e(text: str) -> str:
    return html.escape(text, quote=False)


class _Text:
    """One laid-out document: a heading, a paragraph or (part of) a table."""

    def __init__(self, owner: ReportPdf, body: str):
        doc = QTextDocument()
        doc.documentLayout().setPaintDevice(owner.writer)  # measured for the PDF, not the screen
        doc.setDocumentMargin(0)
        doc.setDefaultFont(owner.font(10))
        doc.setHtml(body)
        doc.setTextWidth(owner.width)
        self.doc, self.height = doc, doc.size().height()

    def paint(self, painter: QPainter, x: float, y: float) -> None:
        painter.save()
        painter.translate(x, y)
        self.doc.drawContents(painter)
        painter.restore()


class _Chart:
    def __init__(self, owner: ReportPdf, chart):
        self.owner, self.chart = owner, chart
        self.caption = _Text(owner, f'<p style="font-size:8.5pt; color:#333333">{_e(chart.caption)}</p>') \
            if chart.caption else None
        self.plot_height = owner.pt(CHART_PT)
        self.height = self.plot_height + (owner.pt(3) + self.caption.height if self.caption else 0)

    def paint(self, painter: QPainter, x: float, y: float) -> None:
        painter.save()
        ChartPainter(self.owner, painter, QRectF(x, y, self.owner.width, self.plot_height)).draw(self.chart)
        painter.restore()
        if self.caption:
            self.caption.paint(painter, x, y + self.plot_height + self.owner.pt(3))


class ReportPdf:
    """Pages of one report, on a QPdfWriter writing into memory."""

    def __init__(self, report: Report, page_size: QPageSize):
        self.report = report
        self._buffer = QBuffer()
        self._buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        self.writer = writer = QPdfWriter(self._buffer)
        writer.setResolution(DPI)
        writer.setPageLayout(QPageLayout(page_size, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0),
                                         QPageLayout.Unit.Point))
        writer.setTitle(f"LiftCalm report, {report.period.iso}")
        writer.setCreator(f"LiftCalm {report.version}")
        self.family = _family()
        self.page_width, self.page_height = writer.width(), writer.height()
        self.left, self.width = self.pt(MARGIN_PT), self.page_width - 2 * self.pt(MARGIN_PT)
        sample = self.pt(20) if report.sample_note else 0
        self.top = self.pt(MARGIN_PT) + self.pt(HEADER_PT) + sample
        self.bottom = self.page_height - self.pt(MARGIN_PT) - self.pt(FOOTER_PT)

    def pt(self, points: float) -> float:
        """Points (1/72 inch) in device pixels."""
        return points * DPI / 72

    def font(self, points: float, bold: bool = False) -> QFont:
        font = QFont(self.family)
        font.setPointSizeF(points)
        font.setBold(bold)
        return font

    # -- layout ----------------------------------------------------------------------------

    def layout(self) -> list[list[tuple[float, object]]]:
        """Pages of (y, item): every block placed, none split but tables (by rows, header repeated)."""
        pages: list[list[tuple[float, object]]] = [[]]
        y = self.top
        title = _Text(self, f'<p style="font-size:17pt; font-weight:bold">{_e(self.report.title)}</p>'
                            f'<p style="font-size:12pt">{_e(self.report.period.text)} '
                            f'({self.report.period.days:,} days)</p>')
        pages[0].append((y, title))
        y += title.height + self.pt(GAP_PT)
        for block in self.report.opening:
            item = self._item(block)
            pages[0].append((y, item))
            y += item.height + self.pt(GAP_PT)

        def new_page() -> None:
            nonlocal y
            pages.append([])
            y = self.top

        for section in self.report.sections:
            heading = _Text(self, f'<p style="font-size:13.5pt; font-weight:bold">{_e(section.heading)}</p>')
            blocks = list(section.blocks)
            # A heading stays with what it introduces: the first two blocks (a method and its chart, say),
            # and a short section stays whole.
            parts = [self._first_part(block).height + self.pt(GAP_PT) for block in blocks]
            need = heading.height + self.pt(4) + sum(parts[:2])
            if heading.height + sum(parts) <= KEEP_SECTION * (self.bottom - self.top):
                need = heading.height + self.pt(4) + sum(parts)
            y += self.pt(SECTION_GAP_PT) if pages[-1] else 0
            if pages[-1] and y + need > self.bottom:
                new_page()
            pages[-1].append((y, heading))
            y += heading.height + self.pt(4)
            for block in blocks:
                if isinstance(block, Table):
                    rows = list(block.rows)
                    while True:
                        fitted = self._fit_table(block, rows, self.bottom - y)
                        if fitted is None:  # not even a few rows fit here: start a page
                            if pages[-1]:
                                new_page()
                            fitted = self._fit_table(block, rows, self.bottom - y) or (len(rows), self._table(
                                block, rows, caption=True))
                        taken, text = fitted
                        pages[-1].append((y, text))
                        y += text.height + self.pt(GAP_PT)
                        rows = rows[taken:]
                        if not rows:
                            break
                        block = Table(block.header, tuple(rows), block.numeric, block.widths,
                                      f"{block.caption} (continued)" if block.caption else "")
                        new_page()
                    continue
                item = self._item(block)
                if pages[-1] and y + item.height > self.bottom:
                    new_page()
                pages[-1].append((y, item))
                y += item.height + self.pt(GAP_PT)
        return [page for page in pages if page]

    def _first_part(self, block):
        """What must follow a heading on its page: the block, or a table's first few rows."""
        if isinstance(block, Table):
            rows = block.rows if len(block.rows) <= KEEP_TABLE_ROWS else block.rows[:MIN_TABLE_ROWS]
            return self._table(block, list(rows), caption=True)
        return self._item(block)

    def _item(self, block):
        if isinstance(block, Paragraph):
            return _Text(self, self._paragraph(block))
        return _Chart(self, block)

    def _fit_table(self, table: Table, rows: list, room: float) -> tuple[int, _Text] | None:
        """The most rows of ``rows`` that fit in ``room`` (all of them, or at least a few), laid out."""
        most = int(room / self.pt(ROW_PT_AT_LEAST)) + 1  # more rows than this cannot fit: never laid out
        if len(rows) <= most:
            whole = self._table(table, rows, caption=True)
            if whole.height <= room:
                return len(rows), whole
            if len(rows) <= KEEP_TABLE_ROWS and whole.height <= self.bottom - self.top:
                return None  # short enough to stay whole on the next page
        low, high, best = min(MIN_TABLE_ROWS, len(rows)), min(len(rows) - MIN_TABLE_ROWS, most), None
        while low <= high:
            middle = (low + high) // 2
            text = self._table(table, rows[:middle], caption=True)
            if text.height <= room:
                best, low = (middle, text), middle + 1
            else:
                high = middle - 1
        return best

    def _paragraph(self, block: Paragraph) -> str:
        text = _e(block.text)
        if block.style == "method":
            return f'<p style="font-size:9pt; color:#333333">{text}</p>'
        if block.style == "notice":
            return ('<table width="100%" border="1" cellspacing="0" cellpadding="7" style="border-color:#555555; '
                    f'border-style:solid"><tr><td>{text}</td></tr></table>')
        if block.style == "missing":
            return ('<table width="100%" border="0" cellspacing="0" cellpadding="6" bgcolor="#ececec">'
                    f'<tr><td>{text}</td></tr></table>')
        return f"<p>{text}</p>"

    def _table(self, table: Table, rows: list, caption: bool) -> _Text:
        def cells(values, tag: str, shade: str = "") -> str:
            out = []
            for index, value in enumerate(values):
                right = index < len(table.numeric) and table.numeric[index]
                width = f' width="{table.widths[index]}%"' if index < len(table.widths) else ""
                align = ' align="right"' if right else ""
                out.append(f"<{tag}{width}{align}{shade}>{_e(value).replace(chr(10), '<br>')}</{tag}>")
            return "".join(out)

        parts = []
        if caption and table.caption:
            parts.append(f'<p style="font-size:9pt; font-weight:bold">{_e(table.caption)}</p>')
        body = "".join(f"<tr>{cells(row, 'td')}</tr>" for row in rows)
        head = cells(table.header, "th", ' bgcolor="#e2e2e2"')
        parts.append('<table width="100%" border="1" cellspacing="0" cellpadding="4" style="border-collapse:collapse;'
                     ' border-color:#8c8c8c; font-size:9pt">'
                     f"<thead><tr>{head}</tr></thead>{body}</table>")
        return _Text(self, "".join(parts))

    # -- painting --------------------------------------------------------------------------

    def render(self) -> RenderedReport:
        pages = self.layout()
        painter = QPainter(self.writer)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        try:
            for number, page in enumerate(pages, start=1):
                if number > 1:
                    self.writer.newPage()
                self._frame(painter, number, len(pages))
                for y, item in page:
                    item.paint(painter, self.left, y)
        finally:
            painter.end()
        self._buffer.close()
        return RenderedReport(bytes(self._buffer.data()), len(pages))

    def _frame(self, painter: QPainter, number: int, pages: int) -> None:
        """The running header (with the sample mark) and the footer with the page number."""
        report, left, width = self.report, self.left, self.width
        top = self.pt(MARGIN_PT)
        painter.save()
        painter.setFont(self.font(8))
        painter.setPen(INK)
        line = QRectF(left, top, width, self.pt(12))
        painter.drawText(line, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, report.header)
        painter.drawText(line, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                         f"made {day_text(report.made_on)}")
        painter.setPen(QPen(GREY, self.pt(0.5)))
        painter.drawLine(QLineF(left, top + self.pt(15), left + width, top + self.pt(15)))
        if report.sample_note:
            box = QRectF(left, top + self.pt(HEADER_PT) - self.pt(8), width, self.pt(18))
            painter.setPen(QPen(BLACK, self.pt(1)))
            painter.setBrush(QBrush(FAINT))
            painter.drawRect(box)
            painter.setFont(self.font(9, bold=True))
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, f"{report.sample_note}.")
        bottom = self.page_height - self.pt(MARGIN_PT)
        painter.setPen(QPen(GREY, self.pt(0.5)))
        painter.drawLine(QLineF(left, bottom - self.pt(15), left + width, bottom - self.pt(15)))
        painter.setPen(INK)
        painter.setFont(self.font(8))
        foot = QRectF(left, bottom - self.pt(12), width, self.pt(12))
        painter.drawText(foot, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, report.footer)
        painter.drawText(foot, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, f"Page {number} of {pages}")
        painter.restore()


def date_ticks(start: date, end: date, most: int = 8) -> list[tuple[date, str]]:
    """Ticks for a date axis from ``start`` to ``end``: Mondays, month starts or years, at most ``most``."""
    span = (end - start).days
    for unit, step in (("week", 1), ("week", 2), ("month", 1), ("month", 2), ("month", 3), ("month", 6),
                       ("year", 1), ("year", 2), ("year", 5)):
        ticks = list(_ticks(start, end, unit, step))
        if len(ticks) <= most or (unit == "year" and step == 5):
            break
    if not ticks and span >= 0:
        ticks = [start]
    labels = []
    for index, day in enumerate(ticks):
        if unit == "week":
            labels.append(f"{day.day} {MONTHS[day.month - 1]}")
        elif unit == "month":
            labels.append(f"{MONTHS[day.month - 1]} {day.year}" if index == 0 or day.month <= step
                          else MONTHS[day.month - 1])
        else:
            labels.append(str(day.year))
    return list(zip(ticks, labels))


def _ticks(start: date, end: date, unit: str, step: int):
    if unit == "week":
        day = start + timedelta(days=(7 - start.weekday()) % 7)
        while day <= end:
            yield day
            day += timedelta(days=7 * step)
        return
    if unit == "month":
        year, month = start.year, start.month
        if start.day != 1:
            month += 1
        while True:
            year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
            day = date(year, month, 1)
            if day > end:
                return
            if (month - 1) % step == 0:
                yield day
            month += 1
    year = start.year + (0 if (start.month, start.day) == (1, 1) else 1)
    year += (-year) % step
    while date(year, 1, 1) <= end:
        yield date(year, 1, 1)
        year += step


def nice_ticks(low: float, high: float, most: int = 6) -> list[float]:
    """Round numbers from ``low`` to ``high`` (both included when round), at most about ``most``."""
    span = max(high - low, 1e-9)
    raw = span / max(most - 1, 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    first = math.ceil(low / step - 1e-9) * step
    ticks, value = [], first
    while value <= high + 1e-9:
        ticks.append(round(value, 10))
        value += step
    return ticks


def _number(value: float) -> str:
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text.replace("-", "\u2212")


class ChartPainter:
    """Draws one chart of the report into ``rect`` with ``painter``: axes, grid, marks, legend."""

    def __init__(self, owner: ReportPdf, painter: QPainter, rect: QRectF):
        self.o, self.p = owner, painter
        pt = owner.pt
        self.rect = rect
        self.plot = QRectF(rect.left() + pt(44), rect.top() + pt(16), rect.width() - pt(52), rect.height() - pt(36))

    def draw(self, chart) -> None:
        if isinstance(chart, IntervalChart):
            self._interval(chart)
        elif isinstance(chart, LineChart):
            self._lines(chart)
        elif isinstance(chart, BarChart):
            self._bars(chart)
        elif isinstance(chart, BandChart):
            self._bands(chart)

    # -- shared pieces -----------------------------------------------------------------------

    def _x(self, day: date) -> float:
        start, end = self._span
        days = max((end - start).days, 1)
        return self.plot.left() + (day - start).days / days * self.plot.width()

    def _y(self, value: float) -> float:
        low, high = self._range
        return self.plot.bottom() - (value - low) / (high - low) * self.plot.height()

    def _pen(self, colour: QColor, width: float, dashed: bool = False) -> QPen:
        pen = QPen(colour, self.o.pt(width))
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        if dashed:
            pen.setDashPattern([4, 2.5])
        return pen

    def _y_axis(self, ticks: list[float], label: str, zero: bool = False) -> None:
        p, pt = self.p, self.o.pt
        p.setFont(self.o.font(7.5))
        for value in ticks:
            y = self._y(value)
            p.setPen(self._pen(FAINT if not (zero and value == 0) else GREY, 0.5, dashed=zero and value == 0))
            p.drawLine(QLineF(self.plot.left(), y, self.plot.right(), y))
            p.setPen(INK)
            p.drawText(QRectF(self.rect.left(), y - pt(6), pt(40), pt(12)),
                       Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, _number(value))
        p.setPen(INK)
        p.drawText(QRectF(self.rect.left(), self.rect.top(), self.rect.width() / 2, pt(12)),
                   Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, label)

    def _x_axis(self, start: date, end: date) -> None:
        p, pt = self.p, self.o.pt
        p.setPen(self._pen(BLACK, 0.7))
        p.drawLine(QLineF(self.plot.left(), self.plot.bottom(), self.plot.right(), self.plot.bottom()))
        p.drawLine(QLineF(self.plot.left(), self.plot.top(), self.plot.left(), self.plot.bottom()))
        p.setFont(self.o.font(7.5))
        for day, text in date_ticks(start, end):
            x = self._x(day)
            p.setPen(self._pen(BLACK, 0.7))
            p.drawLine(QLineF(x, self.plot.bottom(), x, self.plot.bottom() + pt(3)))
            p.setPen(INK)
            p.drawText(QRectF(x - pt(40), self.plot.bottom() + pt(4), pt(80), pt(12)), Qt.AlignmentFlag.AlignHCenter,
                       text)

    def _mark(self, x: float, y: float, filled: bool, square: bool = False, size: float = 2.4) -> None:
        p, r = self.p, self.o.pt(size)
        p.setPen(self._pen(BLACK, 0.8))
        p.setBrush(QBrush(BLACK) if filled else QBrush(QColor(255, 255, 255)))
        if square:
            p.drawRect(QRectF(x - r, y - r, 2 * r, 2 * r))
        else:
            p.drawEllipse(QPointF(x, y), r, r)

    def _legend(self, entries: list[tuple[str, bool | None, bool, bool]]) -> None:
        """Entries of (label, dashed, filled, square), right-aligned above the plot; dashed None: a mark alone."""
        p, pt = self.p, self.o.pt
        p.setFont(self.o.font(7.5))
        metrics_width = [p.fontMetrics().horizontalAdvance(label) for label, *_ in entries]
        x = self.plot.right() - sum(w + pt(30) for w in metrics_width)
        y = self.rect.top() + pt(6)
        for (label, dashed, filled, square), width in zip(entries, metrics_width):
            if dashed is not None:
                p.setPen(self._pen(BLACK, 1.1, dashed))
                p.drawLine(QLineF(x, y, x + pt(18), y))
            self._mark(x + pt(9), y, filled, square)
            p.setPen(INK)
            p.drawText(QRectF(x + pt(22), y - pt(6), width + pt(6), pt(12)),
                       Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, label)
            x += width + pt(30)

    # -- the four kinds -----------------------------------------------------------------------

    def _interval(self, chart: IntervalChart) -> None:
        p, pt = self.p, self.o.pt
        self._span = (chart.start, chart.end)
        low = min(-1.0, *chart.lows)
        high = max(1.0, *chart.highs)
        ticks = nice_ticks(low, high)
        self._range = (min(low, ticks[0]), max(high, ticks[-1]))
        self._y_axis(ticks, chart.y_label, zero=True)
        # A week without a point (a break) breaks the band and the line.
        runs, run = [], [0]
        for i in range(1, len(chart.days)):
            if (chart.days[i] - chart.days[i - 1]).days > 7:
                runs.append(run)
                run = []
            run.append(i)
        runs.append(run)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QBrush(LIGHT))
        for run in runs:
            path = QPainterPath()
            points = [QPointF(self._x(chart.days[i]), self._y(chart.highs[i])) for i in run]
            points += [QPointF(self._x(chart.days[i]), self._y(chart.lows[i])) for i in reversed(run)]
            path.moveTo(points[0])
            for point in points[1:]:
                path.lineTo(point)
            path.closeSubpath()
            p.drawPath(path)
        p.setBrush(Qt.BrushStyle.NoBrush)
        for run in runs:
            p.setPen(self._pen(BLACK, 1.2))
            for a, b in zip(run, run[1:]):
                p.drawLine(QLineF(self._x(chart.days[a]), self._y(chart.values[a]),
                                  self._x(chart.days[b]), self._y(chart.values[b])))
            if len(chart.days) <= 60 or len(run) == 1:
                for i in run:
                    self._mark(self._x(chart.days[i]), self._y(chart.values[i]), True, size=1.6)
        p.setFont(self.o.font(7.5))
        p.setPen(INK)
        inner = self.plot.adjusted(pt(4), pt(2), -pt(4), -pt(2))
        p.drawText(inner, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, f"\u2191 {chart.above}")
        p.drawText(inner, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, f"\u2193 {chart.below}")
        self._x_axis(chart.start, chart.end)

    def _lines(self, chart: LineChart) -> None:
        p = self.p
        self._span = (chart.start, chart.end)
        self._range = (chart.y_min, chart.y_max)
        self._y_axis(list(chart.y_ticks), chart.y_label)
        many = max(len(s.days) for s in chart.series) > 40
        for series in chart.series:
            p.setPen(self._pen(BLACK if series.filled else INK, 1.2, series.dashed))
            p.setBrush(Qt.BrushStyle.NoBrush)
            pairs = list(zip(series.days, series.values))
            for (d1, v1), (d2, v2) in zip(pairs, pairs[1:]):
                if v1 is not None and v2 is not None:
                    p.drawLine(QLineF(self._x(d1), self._y(v1), self._x(d2), self._y(v2)))
            for index, (day, value) in enumerate(pairs):
                alone = (value is not None and (index == 0 or pairs[index - 1][1] is None)
                         and (index == len(pairs) - 1 or pairs[index + 1][1] is None))
                if value is not None and (not many or alone):
                    self._mark(self._x(day), self._y(value), series.filled, square=not series.filled,
                               size=1.8 if many else 2.2)
        self._legend([(s.label, s.dashed, s.filled, not s.filled) for s in chart.series])
        self._x_axis(chart.start, chart.end)

    def _bars(self, chart: BarChart) -> None:
        p, pt = self.p, self.o.pt
        self._span = (chart.start, chart.end)
        top = max(chart.heights, default=0.0) or 1.0
        ticks = nice_ticks(0.0, top * 1.05, 5)
        self._range = (0.0, max(ticks[-1], top))
        self._y_axis(ticks, chart.y_label)
        p.setPen(self._pen(BLACK, 0.4))
        p.setBrush(QBrush(QColor(150, 150, 150)))
        for start, end, height in zip(chart.starts, chart.ends, chart.heights):
            if height <= 0:
                continue
            left = max(self._x(start), self.plot.left())
            right = min(self._x(end), self.plot.right())
            gap = min(pt(1), (right - left) * 0.15)
            y = self._y(height)
            p.drawRect(QRectF(left + gap, y, max(right - left - 2 * gap, pt(0.5)), self.plot.bottom() - y))
        self._x_axis(chart.start, chart.end)

    def _bands(self, chart: BandChart) -> None:
        p, pt = self.p, self.o.pt
        drawn = [mark for _, marks in chart.groups for mark in marks if mark.drawn]
        low = min([-2.0, *(m.low for m in drawn if m.low is not None), *(m.mean for m in drawn)])
        high = max([2.0, *(m.high for m in drawn if m.high is not None), *(m.mean for m in drawn)])
        ticks = nice_ticks(low, high)
        pad = (high - low) * 0.04
        self._range = (min(low - pad, ticks[0]), max(high + pad, ticks[-1]))
        self.plot.adjust(0, 0, 0, -pt(18))  # room for three lines of labels under the groups
        self._y_axis(ticks, chart.y_label, zero=True)
        p.setPen(self._pen(BLACK, 0.7))
        p.drawLine(QLineF(self.plot.left(), self.plot.bottom(), self.plot.right(), self.plot.bottom()))
        p.drawLine(QLineF(self.plot.left(), self.plot.top(), self.plot.left(), self.plot.bottom()))
        group_width = self.plot.width() / max(len(chart.groups), 1)
        p.setFont(self.o.font(7.5))
        for g, (label, marks) in enumerate(chart.groups):
            left = self.plot.left() + g * group_width
            p.setPen(INK)
            p.setFont(self.o.font(7.5, bold=True))
            p.drawText(QRectF(left, self.plot.bottom() + pt(24), group_width, pt(12)), Qt.AlignmentFlag.AlignHCenter,
                       label)
            p.setFont(self.o.font(7.5))
            if g:
                p.setPen(self._pen(LIGHT, 0.5))
                p.drawLine(QLineF(left, self.plot.top(), left, self.plot.bottom()))
            for m, mark in enumerate(marks):
                x = left + group_width * (0.3 + 0.4 * m / max(len(marks) - 1, 1))
                square = mark.kind != "strength"
                p.setPen(INK)
                below = f"n = {mark.n}" if mark.drawn else ("none" if mark.n == 0 else f"n = {mark.n}: too few")
                for line, text in enumerate((mark.kind, below)):
                    p.drawText(QRectF(x - group_width / 4, self.plot.bottom() + pt(3 + 10 * line), group_width / 2,
                                      pt(11)), Qt.AlignmentFlag.AlignHCenter, text)
                if not mark.drawn:
                    continue
                p.setPen(self._pen(BLACK, 1.0))
                if mark.low is not None and mark.high is not None:
                    cap = pt(4)
                    p.drawLine(QLineF(x, self._y(mark.low), x, self._y(mark.high)))
                    for value in (mark.low, mark.high):
                        p.drawLine(QLineF(x - cap, self._y(value), x + cap, self._y(value)))
                self._mark(x, self._y(mark.mean), not square, square=square, size=3)
        self._legend([("strength", None, True, False), ("calm", None, False, True)])
