"""The five graphs, drawn with pyqtgraph: loaded only when the graphs page is first shown.

Each graph creates its plot items once and refreshes them with ``setData`` (or ``setOpts``).
Colours come from the theme in force (``liftcalm.ui.theme``): ``apply_theme()`` restyles a
graph's items when the theme changes. Series are told apart by more than colour (symbols, dashes,
labels), in Okabe-Ito colours that stay distinct with the common kinds of colour blindness.
Hovering a point shows one tool tip, the app's own (a Qt tool tip: never clipped by the plot).
``show(result, unit, rolling)`` draws a result from ``store.graph_data``; ``series()`` returns
what is drawn as a CSV header and rows; ``plot_item`` is what "Export PNG" renders. Under each
plot a note gives the numbers behind it (with their n) and a second line how it is computed.
"""

from __future__ import annotations

import math
from collections import Counter

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QCursor
from PySide6.QtWidgets import QLabel, QStackedWidget, QToolTip, QVBoxLayout, QWidget

from liftcalm.core.analytics import volume_left_out_text
from liftcalm.core.load_display import display_set_load
from liftcalm.core.models import BodyLoad
from liftcalm.core.session_summary import CALMER_BY_POINTS
from liftcalm.core.tolerance import (
    LEFT_OUT_LABELS,
    MIN_SESSIONS_PER_POINT,
    MIN_SESSIONS_TO_FIT,
    MIN_SETS_TO_FIT,
    TOLERANCE_CAVEAT,
    TOLERANCE_DEFINITION,
)
from liftcalm.core.trends import (
    EXERCISE_METHOD,
    MIN_BAR_SESSIONS,
    MIN_FIT_SESSIONS,
    OVER_TIME_METHOD,
    ROLLING_WINDOW,
    SAMPLE_NOTE,
    STRENGTH_CALM_METHOD,
    STRESS_BANDS,
    STRESS_VOLUME_METHOD,
    bucket_label,
    rolling_mean,
)
from liftcalm.core.units import Unit, kg_to_unit
from liftcalm.ui import theme
from liftcalm.ui.look import plural

EMPTY_TEXT = (
    "No sessions to show yet.\n\n"
    "The graphs fill up as you train: during each rest, rate your stress from 0 to 10, "
    "and every finished session becomes a point here."
)
FILTERED_TEXT = "No sessions match these filters. Widen the range or choose another routine or exercise."
STRESS_VOLUME_CAPTION = (
    "Volume and stress both change over time (loads tend to rise as you train, and ratings drift with life), "
    "so the line describes how the two went together in these sessions; it does not explain one by the other."
)
# Colour by routine: the Okabe-Ito palette (its black turns white on a dark background), and a
# symbol per routine as well, so colour is never the only cue. Routines past the eighth share
# one grey cross.
_ROUTINE_COLOURS = ((230, 159, 0), (86, 180, 233), (0, 158, 115), (0, 114, 178), (213, 94, 0), (204, 121, 167),
                    (240, 228, 66), (0, 0, 0))
_ROUTINE_SYMBOLS = ("o", "s", "t", "d", "o", "s", "t", "d")
_OTHER_COLOUR, _OTHER_SYMBOL = (150, 150, 150), "x"
AGE_STEPS = 16  # stress vs volume: shades from the oldest session to the newest


class Look:
    """The pens and brushes of one theme, made once per theme.

    Grid lines are opaque: pyqtgraph's default translucent ones are blended line by line and
    cost 20 ms of each repaint; opaque ones cost 0.3 ms.
    """

    def __init__(self, c: theme.Colours):
        self.colours = c
        self.background = c.surface
        self.text = c.text
        self.muted = c.muted
        self.axis_pen = pg.mkPen(c.border)
        self.grid_pen = pg.mkPen(c.grid)
        self.zero_pen = pg.mkPen(c.muted, style=Qt.PenStyle.DashLine)
        old, new = QColor(c.age_old), QColor(c.age_new)
        self.age_brushes = [pg.mkBrush(*(round(a + (b - a) * i / (AGE_STEPS - 1)) for a, b in zip(
            old.getRgb()[:3], new.getRgb()[:3]))) for i in range(AGE_STEPS)]
        routine = [QColor(colour).getRgb()[:3] for colour in c.routine_colours]
        self.routine_brushes = [pg.mkBrush(*rgb) for rgb in routine] + [pg.mkBrush(*_OTHER_COLOUR)]
        self.point_pen = pg.mkPen(c.point_edge, width=0.8)  # an outline: yellow on white, blue on dark stay visible
        self.fit_pen = pg.mkPen(c.text, width=2, style=Qt.PenStyle.DashLine)
        self.stress_pen = pg.mkPen(c.series_warm, width=2)
        self.stress_brush = pg.mkBrush(c.series_warm)
        self.stress_rolling_pen = pg.mkPen(c.series_warm, width=2, style=Qt.PenStyle.DashLine)
        self.relief_pen = pg.mkPen(c.series_cool, width=2)
        self.relief_brush = pg.mkBrush(c.series_cool)
        self.relief_rolling_pen = pg.mkPen(c.series_cool, width=2, style=Qt.PenStyle.DashLine)
        self.volume_brush = pg.mkBrush(c.volume_fill)
        self.volume_pen = pg.mkPen(c.volume_edge, width=1)
        self.series_pen = pg.mkPen(c.series_cool, width=2)
        self.series_brush = pg.mkBrush(c.series_cool)
        band = QColor(c.series_cool)
        band.setAlpha(50)
        self.band_brush = pg.mkBrush(band)
        self.record_brush = pg.mkBrush(c.record)
        self.record_pen = pg.mkPen(c.record_edge, width=1)
        self.kind_brushes = {"strength": pg.mkBrush(c.strength), "calm": pg.mkBrush(c.calm)}
        self.bar_pen = pg.mkPen(c.text, width=1)
        self.interval_pen = pg.mkPen(c.text, width=1.5)
        self.legend_brush = pg.mkBrush(QColor(c.surface))
        self.legend_pen = pg.mkPen(c.border)
        self.sample = c.sample


_looks: dict[bool, Look] = {}


def look() -> Look:
    """The pens and brushes of the theme in force."""
    c = theme.colours()
    if c.dark not in _looks or _looks[c.dark].colours is not c:
        _looks[c.dark] = Look(c)
    return _looks[c.dark]


def _style_legend(legend, current: Look) -> None:
    legend.setBrush(current.legend_brush)
    legend.setPen(current.legend_pen)
    legend.setLabelTextColor(current.text)
    for _sample, label in legend.items:  # the labels drawn so far take the new colour too
        label.setText(label.text, color=current.text)


def _seconds(days: np.ndarray) -> np.ndarray:
    """Days as UTC seconds for a ``DateAxisItem`` (set to UTC, so the axis shows the local dates as stored)."""
    return np.asarray(days, dtype="datetime64[D]").astype("datetime64[s]").astype(np.float64)


def _number(value, digits: int = 2) -> str:
    if value is None or (isinstance(value, float) and not np.isfinite(value)):
        return ""
    return f"{float(value):.{digits}f}"


def _relief_text(mean: float | None, rests: int, calmer: int) -> str:
    """Mean relief over ``rests`` and how many of them ended calmer by CALMER_BY_POINTS or more."""
    if not rests:
        return "No rest was rated both right after its set and at its end, so there is no relief to show."
    return (f"Mean relief {mean:+.1f} points over {rests:,} {'rest' if rests == 1 else 'rests'}; rests that ended "
            f"calmer by {CALMER_BY_POINTS} points or more: {calmer:,} of {rests:,}.")


class Graph:
    """A plot with a message page in place of it when there is nothing to draw, a note and the method below."""

    key = ""
    title = ""
    method_text = ""  # how the graph is computed, in two sentences (core.trends)
    empty_text = EMPTY_TEXT  # the view sets FILTERED_TEXT when filters hide the sessions

    def __init__(self, date_axis: bool = True):
        self.widget = QWidget()
        self.plot_widget = pg.PlotWidget(
            axisItems={"bottom": pg.DateAxisItem(utcOffset=0)} if date_axis else None)
        self.plot_widget.setAccessibleName(f"{self.title} graph")
        self.plot_widget.setAccessibleDescription(self.method_text)
        self.plot_item = self.plot_widget.getPlotItem()
        self.plot_item.showGrid(x=True, y=True)
        for side in ("left", "bottom"):
            axis = self.plot_item.getAxis(side)
            axis.setStyle(tickAlpha=255, maxTickLevel=1)  # major and minor lines, no finer mesh
            axis.setZValue(-1)  # opaque lines go under the bars and points, not across them
        self.message = QLabel(alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True)
        self.message.setObjectName("graphMessage")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.plot_widget)
        self.stack.addWidget(self.message)
        self.note = QLabel(wordWrap=True)
        self.note.setObjectName("graphNote")
        self.note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.method = QLabel(self.method_text, wordWrap=True)
        self.method.setObjectName("graphMethod")
        self.method.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self.widget)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.note)
        layout.addWidget(self.method)
        self.method.setHidden(not self.method_text)  # once in the layout: a label without a parent shows as a window
        self._header: list[str] = []
        self._rows: list[list] = []
        self.sample = False

    def apply_theme(self) -> None:
        """Take the colours of the theme in force: background, axes, grid, then the graph's own items."""
        current = look()
        self.plot_widget.setBackground(current.background)
        for side in ("left", "bottom", "right"):
            axis = self.plot_item.getAxis(side)
            axis.setPen(current.axis_pen)
            axis.setTextPen(current.muted)  # tick labels and the axis title, 4.5:1 on the background
            axis.setTickPen(current.grid_pen)
        if self.sample:
            self._caption(True)
        self._restyle(current)

    def _restyle(self, current: Look) -> None:
        """Give the graph's own items the colours of ``current``."""

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.stack.setCurrentWidget(self.message)

    def show_plot(self) -> None:
        self.stack.setCurrentWidget(self.plot_widget)

    def set_sample(self, sample: bool) -> None:
        """Caption the plot as sample data, on screen and so in every exported image; or take the caption away."""
        if sample != self.sample:
            self.sample = sample
            self._caption(sample)

    def _caption(self, sample: bool) -> None:
        size = f"{theme.scaled_font(self.widget.font(), 'strong').pointSizeF():.1f}pt"  # follows the system font
        self.plot_item.setTitle(SAMPLE_NOTE if sample else None, color=look().sample, size=size, bold=True)

    def series(self) -> tuple[list[str], list[list]]:
        """The drawn series: a header and one row per point or bucket."""
        return self._header, self._rows


class StressVolumeGraph(Graph):
    key, title = "stress_volume", "Stress vs volume"
    method_text = STRESS_VOLUME_METHOD

    def __init__(self, on_clicked):
        super().__init__(date_axis=False)
        self.plot_item.setLabel("left", "Mean stress after sets (0-10)")
        # Hovering a point shows its figures in the app's tool tip, in place of pyqtgraph's raw one.
        self.scatter = pg.ScatterPlotItem(size=8, pen=None, hoverable=True, hoverSize=12, tip=self._tip)
        self.fit_line = pg.PlotDataItem()
        for item in (self.scatter, self.fit_line):
            self.plot_item.addItem(item)
        # The routines' legend, shown when points are coloured by routine; its samples are made once.
        self.legend = self.plot_item.addLegend(offset=(-10, 10))
        self.legend.hide()
        self._legend_samples = [pg.ScatterPlotItem(size=9, symbol=symbol)
                                for symbol in (*_ROUTINE_SYMBOLS, _OTHER_SYMBOL)]
        self.scatter.sigClicked.connect(self._on_scatter_clicked)
        self._on_clicked = on_clicked
        self._unit = Unit.KG
        self._days = self._ids = self._x = self._y = np.array([])
        self._routines: list[str] = []
        self.by_routine = False
        self._fit_text = self._left_out_text = ""
        self.apply_theme()

    def _restyle(self, current: Look) -> None:
        self.fit_line.setPen(current.fit_pen)
        _style_legend(self.legend, current)
        for sample, brush in zip(self._legend_samples, current.routine_brushes):
            sample.setBrush(brush)
            sample.setPen(current.point_pen)
        self._colour()

    def show(self, result, unit: Unit, rolling: bool) -> None:
        self._unit = unit
        rated = np.isfinite(result.mean_stress)
        self._days, self._ids = result.days[rated], result.session_ids[rated]
        self._x, self._y = kg_to_unit(result.volume_kg[rated], unit), result.mean_stress[rated]
        self._routines = [name for name, keep in zip(result.routine_names, rated) if keep]
        self.plot_item.setLabel("bottom", f"Volume load ({unit.value})")
        self._colour()
        fit = result.fit
        if result.shown:
            slope = fit.slope / kg_to_unit(1.0, unit)
            xs = np.array([self._x.min(), self._x.max()])
            self.fit_line.setData(xs, slope * xs + fit.intercept)
        else:
            self.fit_line.setData([], [])
        self._fit_text = self.fit_text(result, unit)
        self._left_out_text = " ".join(filter(None, (
            f"{plural(result.left_out, 'session')} left out for missing stress ratings.",
            f"{plural(result.no_volume, 'session')} without a known volume not drawn." if result.no_volume else "",
            volume_left_out_text(result.volume_sets_left_out))))
        self._write_note()
        if len(result.days) == 0:
            self.show_message(self.empty_text)
        else:
            self.show_plot()
        self._header = ["date", "session_id", "routine", f"volume_{unit.value}", "mean_stress"]
        self._rows = [[str(d), int(i), name, _number(x, 1), _number(y)]
                      for d, i, name, x, y in zip(self._days, self._ids, self._routines, self._x, self._y)]

    @staticmethod
    def fit_text(result, unit: Unit) -> str:
        """The line's numbers, or why there is no line: with n, and r's 95 % interval where there is an r."""
        fit = result.fit
        if fit.n < MIN_FIT_SESSIONS:
            return f"Not enough sessions for a trend yet ({fit.n} of {MIN_FIT_SESSIONS} rated sessions)."
        if fit.slope is None:
            return f"Every session has the same volume load, so no line can be fitted (n = {fit.n})."
        if result.r is None:
            return f"Every session has the same mean stress, so there is no correlation to report (n = {fit.n})."
        interval = f"r = {result.r:.2f} (95% interval {result.r_low:.2f} to {result.r_high:.2f}), n = {result.n}"
        if not result.shown:
            return f"No clear relation yet: {interval}; the interval includes 0, so no line is drawn."
        per_thousand = result.slope / kg_to_unit(1.0, unit) * 1000
        return f"Least-squares line: {per_thousand:+.2f} stress per 1,000 {unit.value} of volume; {interval}."

    def set_colour_by_routine(self, on: bool) -> None:
        """Colour the points by routine (with a legend) or, by default, from older (faint) to newer (strong)."""
        if on != self.by_routine:
            self.by_routine = on
            self._colour()
            self._write_note()

    def _write_note(self) -> None:
        colour = ("Colour and shape show the routine." if self.by_routine
                  else "Colour runs from older (faint) to newer (strong) sessions; hover a point for its date.")
        self.note.setText(f"{self._fit_text} {STRESS_VOLUME_CAPTION} {colour} {self._left_out_text}".strip())

    def routine_order(self) -> list[str]:
        """The routines shown, most sessions first (ties by name): the first eight get a colour of their own."""
        counts = Counter(self._routines)
        return sorted(counts, key=lambda name: (-counts[name], name.lower()))

    def _colour(self) -> None:
        self.legend.clear()
        current = look()
        if not len(self._x):
            self.scatter.setData(x=[], y=[])
            self.legend.hide()
            return
        if not self.by_routine:
            span = max(int((self._days[-1] - self._days[0]).astype(int)), 1)
            last = AGE_STEPS - 1
            shade = ((self._days - self._days[0]).astype(int) * last // span).clip(0, last)
            self.scatter.setData(x=self._x, y=self._y, brush=[current.age_brushes[i] for i in shade], symbol="o",
                                 pen=None, data=np.arange(len(self._x)))
            self.legend.hide()
            return
        order = self.routine_order()
        slot = {name: i for i, name in enumerate(order[:len(_ROUTINE_COLOURS)])}
        other = len(_ROUTINE_COLOURS)
        slots = [slot.get(name, other) for name in self._routines]
        symbols = (*_ROUTINE_SYMBOLS, _OTHER_SYMBOL)
        self.scatter.setData(x=self._x, y=self._y, brush=[current.routine_brushes[i] for i in slots],
                             symbol=[symbols[i] for i in slots], pen=current.point_pen, data=np.arange(len(self._x)))
        for name, i in slot.items():
            self.legend.addItem(self._legend_samples[i], name)
        rest = len(order) - len(slot)
        if rest:
            self.legend.addItem(self._legend_samples[other], f"{plural(rest, 'other routine')}")
        self.legend.show()

    def point_count(self) -> int:
        return len(self.scatter.data)

    def hover_text(self, index: int) -> str:
        """What hovering point ``index`` shows: date, routine, volume and stress."""
        volume = f"{self._x[index]:,.0f} {self._unit.value}"
        return f"{self._days[index]}\n{self._routines[index]}\nVolume {volume}\nStress {self._y[index]:.1f}"

    def _tip(self, x, y, data) -> str:
        """The tool tip of the point under the mouse (``data`` is its index)."""
        if data is None or not 0 <= int(data) < len(self._x):
            return ""
        return self.hover_text(int(data))

    def _on_scatter_clicked(self, _item, points, _event) -> None:
        if len(points):
            self._on_clicked(int(self._ids[int(points[0].data())]))


class OverTimeGraph(Graph):
    key, title = "over_time", "Over time"
    method_text = OVER_TIME_METHOD

    def __init__(self):
        super().__init__()
        self.bars = pg.BarGraphItem(x=[], height=[], width=1)
        self.plot_item.addItem(self.bars)
        self.plot_item.setLabel("left", "Volume load")
        # Stress and relief share a second y axis on the right: a ViewBox linked to the plot's x.
        self.ratings_box = pg.ViewBox()
        self.plot_item.showAxis("right")
        self.plot_item.scene().addItem(self.ratings_box)
        self.plot_item.getAxis("right").linkToView(self.ratings_box)
        self.plot_item.getAxis("right").setLabel("Mean stress (0-10) / relief (points)")
        self.plot_item.getAxis("right").setGrid(False)  # the left axis's lines are grid enough
        self.ratings_box.setXLink(self.plot_item)
        self.plot_item.vb.sigResized.connect(self._on_plot_resized)
        self.legend = legend = self.plot_item.addLegend(offset=(10, 10))
        # Stress and relief differ by shape as well as colour: round points for stress, triangles for relief.
        self.stress = pg.PlotDataItem(symbol="o", symbolSize=5, connect="finite", name="Mean stress after sets")
        self.relief = pg.PlotDataItem(symbol="t", symbolSize=6, connect="finite", name="Mean relief during rests")
        self.stress_rolling = pg.PlotDataItem(connect="finite", name=f"Stress, rolling mean of {ROLLING_WINDOW}")
        self.relief_rolling = pg.PlotDataItem(connect="finite", name=f"Relief, rolling mean of {ROLLING_WINDOW}")
        # Relief below this line means a rest ended more stressed than it began: shown, not cut off.
        self.zero = pg.InfiniteLine(pos=0, angle=0)
        self.ratings_box.addItem(self.zero, ignoreBounds=True)
        for item in (self.stress, self.relief, self.stress_rolling, self.relief_rolling):
            self.ratings_box.addItem(item)
        for item in (self.stress, self.relief):
            legend.addItem(item, item.name())
        legend.addItem(self.bars, "Volume load")
        self._rolling_in_legend = False
        # Hovering a period (its bar or its points) says its figures with their n, as the CSV has them.
        # Not pyqtgraph's hoverable points: in the second ViewBox they outlived the plot and crashed Qt.
        self._tips: list[str] = []
        self._tip_x = np.array([])
        self._tip_half_width = 0.0
        self.plot_item.scene().sigMouseMoved.connect(self._on_mouse_moved)
        self.apply_theme()

    def tip_at(self, x: float) -> str:
        """The words for the period under ``x`` (seconds, as the x axis), or "" between periods."""
        if not self._tips:
            return ""
        nearest = int(np.abs(self._tip_x - x).argmin())
        return self._tips[nearest] if abs(self._tip_x[nearest] - x) <= self._tip_half_width else ""

    def _on_mouse_moved(self, scene_pos) -> None:
        box = self.plot_item.vb
        text = self.tip_at(box.mapSceneToView(scene_pos).x()) if box.sceneBoundingRect().contains(scene_pos) else ""
        if text:
            QToolTip.showText(QCursor.pos(), text, self.plot_widget.viewport())
        else:
            QToolTip.hideText()

    @staticmethod
    def period_text(buckets, index: int, volume: float, unit: Unit) -> str:
        """One period in words, each figure with its n: what hovering its point shows."""
        label = bucket_label(buckets.starts[index], buckets.period)
        sessions = int(buckets.sessions[index])
        parts = [f"{label}: volume load {volume:,.0f} {unit.value} in {plural(sessions, 'session')}"]
        rated, rests = int(buckets.rated_sets[index]), int(buckets.relief_sets[index])
        stress, relief = buckets.mean_stress[index], buckets.mean_relief[index]
        parts.append(f"mean stress after sets {stress:.1f} (n = {rated} rated sets)" if rated else
                     "no stress rated")
        parts.append(f"mean relief {relief:+.1f} (n = {rests} rests)" if rests else "no relief rated")
        return "; ".join(parts)

    def _restyle(self, current: Look) -> None:
        self.bars.setOpts(brush=current.volume_brush, pen=current.volume_pen)
        for item, pen, brush in ((self.stress, current.stress_pen, current.stress_brush),
                                 (self.relief, current.relief_pen, current.relief_brush)):
            item.setPen(pen)
            item.setSymbolBrush(brush)
            item.setSymbolPen(pen)
        self.stress_rolling.setPen(current.stress_rolling_pen)
        self.relief_rolling.setPen(current.relief_rolling_pen)
        self.zero.setPen(current.zero_pen)
        _style_legend(self.legend, current)

    def _show_rolling_in_legend(self, rolling: bool) -> None:
        """The legend names the rolling means only while they are drawn."""
        if rolling == self._rolling_in_legend:
            return
        for item in (self.stress_rolling, self.relief_rolling):
            if rolling:
                self.legend.addItem(item, item.name())
            else:
                self.legend.removeItem(item)
        self._rolling_in_legend = rolling

    def _on_plot_resized(self) -> None:
        self.ratings_box.setGeometry(self.plot_item.vb.sceneBoundingRect())

    def show(self, loaded, unit: Unit, rolling: bool) -> None:
        buckets, left_out = loaded
        days = {"day": 1, "week": 7, "month": 30}[buckets.period.value]
        x = _seconds(buckets.starts) + days * 43200.0  # bars centred on their bucket
        volume = kg_to_unit(buckets.volume_kg, unit)
        self.bars.setOpts(x=x, height=volume, width=days * 86400 * 0.8)
        self.plot_item.setLabel("left", f"Volume load ({unit.value})")
        stress_mean = rolling_mean(buckets.mean_stress, ROLLING_WINDOW) if rolling else np.array([])
        relief_mean = rolling_mean(buckets.mean_relief, ROLLING_WINDOW) if rolling else np.array([])
        for item, values in ((self.stress, buckets.mean_stress), (self.relief, buckets.mean_relief),
                             (self.stress_rolling, stress_mean), (self.relief_rolling, relief_mean)):
            # A series without a single value is drawn empty: pyqtgraph warns on bounds of all NaN.
            shown = np.isfinite(values).any()
            item.setData(x[: len(values)] if shown else [], values if shown else [])
        self._show_rolling_in_legend(rolling)
        self.ratings_box.setYRange(self.ratings_floor(buckets.mean_relief, relief_mean), 10)
        self.plot_item.enableAutoRange()
        self._on_plot_resized()
        if len(x) == 0:
            self.show_message(self.empty_text)
        else:
            self.show_plot()
        self.note.setText(f"Per {buckets.period.value}: bars are volume load, lines the pooled mean of rated sets. "
                          + _relief_text(buckets.overall_mean_relief, buckets.overall_relief_sets,
                                         buckets.overall_calmer_rests)
                          + f" {plural(left_out, 'session')} without stress ratings left out of the stress line."
                          + (f" {text}" if (text := volume_left_out_text(buckets.volume_sets_left_out)) else ""))
        self._header = ["bucket", "start", f"volume_{unit.value}", "mean_stress", "mean_relief", "sessions",
                        "rated_sets", "relief_rests", f"rests_calmer_by_{CALMER_BY_POINTS}"]
        if rolling:
            self._header += ["stress_rolling_mean", "relief_rolling_mean"]
        self._tip_x, self._tip_half_width = x, days * 43200.0
        self._tips = [self.period_text(buckets, i, float(volume[i]), unit) for i in range(len(buckets.starts))]
        self._rows = []
        for i, start in enumerate(buckets.starts):
            row = [bucket_label(start, buckets.period), str(start), _number(volume[i], 1),
                   _number(buckets.mean_stress[i]), _number(buckets.mean_relief[i]), int(buckets.sessions[i]),
                   int(buckets.rated_sets[i]), int(buckets.relief_sets[i]), int(buckets.calmer_rests[i])]
            if rolling:
                row += [_number(stress_mean[i]), _number(relief_mean[i])]
            self._rows.append(row)

    @staticmethod
    def ratings_floor(*reliefs: np.ndarray) -> float:
        """The bottom of the ratings axis: 0, or lower to a whole point when a relief falls below 0."""
        values = np.concatenate([np.asarray(r, dtype=float) for r in reliefs])
        values = values[np.isfinite(values)]
        lowest = float(values.min()) if len(values) else 0.0
        return float(math.floor(lowest - 0.25)) if lowest < 0 else 0.0


class ToleranceGraph(Graph):
    """Stress after working sets against the person's usual: weekly points with their 95 % interval."""

    key, title = "tolerance", "Stress tolerance"
    method_text = f"{TOLERANCE_DEFINITION} {TOLERANCE_CAVEAT}"

    def __init__(self):
        super().__init__()
        self.plot_item.setLabel("left", "Stress vs your usual (points)")
        self.reference = pg.InfiniteLine(pos=0, angle=0)
        self.curve = pg.PlotDataItem(symbol="o", symbolSize=5, connect="finite")
        self.curve.setZValue(2)
        for item in (self.reference, self.curve):
            self.plot_item.addItem(item)
        self.bands: list[pg.FillBetweenItem] = []  # the 95% interval, one band per run of weeks without a gap
        self._points: tuple = ()
        self._point_x = np.array([])
        # The curve's own dots show the hovered point's interval and n as a tool tip.
        self.curve.scatter.opts.update(hoverable=True, tip=self._tip)
        self.apply_theme()

    def _restyle(self, current: Look) -> None:
        self.reference.setPen(current.zero_pen)
        self.curve.setPen(current.series_pen)
        self.curve.setSymbolBrush(current.series_brush)
        self.curve.setSymbolPen(current.series_pen)
        for band in self.bands:
            band.setBrush(current.band_brush)

    def _draw_bands(self, runs: list[tuple[np.ndarray, np.ndarray, np.ndarray]]) -> None:
        for band in self.bands:
            self.plot_item.removeItem(band)
        self.bands = []
        for x, low, high in runs:
            band = pg.FillBetweenItem(pg.PlotCurveItem(x, low), pg.PlotCurveItem(x, high),
                                      brush=look().band_brush)
            band.setZValue(1)
            self.plot_item.addItem(band)
            self.bands.append(band)

    def band_runs(self) -> list[tuple[np.ndarray, np.ndarray]]:
        """Each band's lower and upper edge, for tests."""
        return [(band.curves[0].getData()[1], band.curves[1].getData()[1]) for band in self.bands]

    def show(self, result, unit: Unit, rolling: bool) -> None:
        points = result.points
        x = _seconds(np.array([p.date for p in points], dtype="datetime64[D]"))
        value = np.array([p.value for p in points], dtype=float)
        low = np.array([p.low for p in points], dtype=float)
        high = np.array([p.high for p in points], dtype=float)
        # A week without a point (a break) breaks the line and the band.
        breaks = np.flatnonzero(np.diff(x) > 7 * 86400) + 1
        runs = [(xs, lo, hi) for xs, lo, hi in zip(np.split(x, breaks), np.split(low, breaks), np.split(high, breaks))
                if len(xs)]
        gap_x = x[breaks - 1] + 1 if len(breaks) else np.array([])
        self.curve.setData(np.insert(x, breaks, gap_x), np.insert(value, breaks, np.nan))
        self._draw_bands(runs)
        left_out = ", ".join(f"{plural(count, 'set')} {LEFT_OUT_LABELS[reason]}"
                             for reason, count in result.left_out._asdict().items() if count)
        if not result.enough:
            self.show_message(f"Not enough rated working sets to know your usual yet: it needs at least "
                              f"{MIN_SETS_TO_FIT} rated working sets over {MIN_SESSIONS_TO_FIT} sessions. Rate "
                              "your stress after sets and this graph fills in.")
        elif not points:
            self.show_message(f"No 4 weeks in this range hold {result.min_sets} rated working sets over "
                              f"{MIN_SESSIONS_PER_POINT} sessions, so no point is drawn here.")
        else:
            self.show_plot()
        used = f"{plural(result.n_sets, 'rated working set')} over {plural(result.n_sessions, 'session')}"
        flagged = f"; {plural(len(result.implausible), 'set')} flagged as implausible" if result.implausible else ""
        left_out = f"Sets left out: {left_out or 'none'}."
        if result.enough:
            self.note.setText(f"{used} make your usual{flagged}. {left_out} Each point needs {result.min_sets} rated "
                              f"sets over {MIN_SESSIONS_PER_POINT} sessions in its 4 weeks; hover a point for its n.")
        else:
            self.note.setText(f"So far {used} can be compared{flagged}. {left_out}")
        self._header = ["week_ending", "value", "low_95", "high_95", "rated_sets", "sessions"]
        self._rows = [[str(p.date), _number(p.value, 2), _number(p.low, 2), _number(p.high, 2), p.n_sets,
                       p.n_sessions] for p in points]
        self._points = points
        self._point_x = _seconds(np.array([p.date for p in points], dtype="datetime64[D]"))

    def hover_text(self, point) -> str:
        return (f"4 weeks to {point.date}: {point.value:+.1f} points (95% interval {point.low:+.1f} to "
                f"{point.high:+.1f}), n = {point.n_sets} sets in {point.n_sessions} sessions")

    def _tip(self, x, y, data) -> str:
        if not self._points:
            return ""
        return self.hover_text(self._points[int(np.abs(self._point_x - x).argmin())])


class ExerciseGraph(Graph):
    key, title = "exercise", "Per exercise"
    method_text = EXERCISE_METHOD

    def __init__(self):
        super().__init__()
        self.curve = pg.PlotDataItem(symbol="o", symbolSize=5, name="Estimated 1RM (Epley)")
        self.records = pg.ScatterPlotItem(symbol="star", size=15, name="Record")
        legend = self.plot_item.addLegend(offset=(10, 10))  # named items join it as they are added
        self.plot_item.addItem(self.curve)
        self.plot_item.addItem(self.records)
        self.legend = legend
        # Hovering a session's point shows its best set in the app's tool tip.
        self.curve.scatter.opts.update(hoverable=True, tip=self._tip)
        self._tips: list[str] = []
        self._tip_x = np.array([])
        self.apply_theme()

    def _restyle(self, current: Look) -> None:
        self.curve.setPen(current.series_pen)
        self.curve.setSymbolBrush(current.series_brush)
        self.curve.setSymbolPen(current.series_pen)
        self.records.setBrush(current.record_brush)
        self.records.setPen(current.record_pen)
        _style_legend(self.legend, current)

    def _tip(self, x, y, data) -> str:
        if not self._tips:
            return ""
        return self._tips[int(np.abs(self._tip_x - x).argmin())]

    def show_no_exercise(self) -> None:
        self.curve.setData([], [])
        self.records.setData(x=[], y=[])
        self._tips, self._tip_x = [], np.array([])
        self.show_message("Choose an exercise above to see its estimated one-rep max over time.")
        self.note.setText("")
        self._header, self._rows = ["date", "session_id", "e1rm", "reps", "load", "record"], []

    def show(self, result, unit: Unit, rolling: bool) -> None:
        x = _seconds(result.days)
        e1rm = kg_to_unit(result.e1rm_kg, unit)
        self.plot_item.setLabel("left", f"Estimated one-rep max ({unit.value})")
        self.curve.setData(x, e1rm)
        self.records.setData(x=x[result.is_record], y=e1rm[result.is_record])
        if len(x) == 0:
            self.show_message(self.empty_text)
        else:
            self.show_plot()
        self.note.setText(f"{plural(int(result.is_record.sum()), 'record')} among {plural(len(x), 'session')}. "
                          "The estimate needs no rating: no session is left out for missing ratings.")
        load = kg_to_unit(result.load_kg, unit)
        # For a bodyweight exercise the load column is what was added (or the assistance), as logged.
        load_name = {BodyLoad.NONE: "load", BodyLoad.PLUS: "added_load", BodyLoad.MINUS: "assistance"}[
            result.body_load]
        self._header = ["date", "session_id", f"e1rm_{unit.value}", "reps", f"{load_name}_{unit.value}", "record"]
        self._rows = [[str(d), int(i), _number(e, 1), int(r), _number(lo, 2), bool(rec)]
                      for d, i, e, r, lo, rec in zip(result.days, result.session_ids, e1rm, result.reps, load,
                                                      result.is_record)]
        self._tip_x = x
        self._tips = [f"{d}: estimated 1RM {e:,.1f} {unit.value}, from {int(r)} × "
                      f"{display_set_load(None if np.isnan(kg) else float(kg), unit, result.body_load)}"
                      + (" (a record)" if rec else "")
                      for d, e, r, kg, rec in zip(result.days, e1rm, result.reps, result.load_kg, result.is_record)]


class StrengthCalmGraph(Graph):
    """Mean change in stress (end minus before) of strength and calm sessions that started at similar stress.

    One pair of bars per band of ``STRESS_BANDS``, strength then calm; a bar with fewer than
    ``MIN_BAR_SESSIONS`` sessions is left out (its label says why), never drawn at 0.
    """

    key, title = "strength_calm", "Strength vs calm"
    method_text = STRENGTH_CALM_METHOD

    def __init__(self):
        super().__init__(date_axis=False)
        self.plot_item.setLabel("left", "Mean change in stress, end minus before (points)")
        self.plot_item.setLabel("bottom", "Sessions grouped by the stress rated before them")
        self.bars = pg.BarGraphItem(x=[], height=[], width=0.8)
        self.plot_item.addItem(self.bars)
        # Each bar's 95 % interval of the mean change, as a whisker.
        self.intervals = pg.ErrorBarItem(x=np.array([]), y=np.array([]), beam=0.2)
        self.plot_item.addItem(self.intervals)
        self.zero = pg.InfiniteLine(pos=0, angle=0)
        self.plot_item.addItem(self.zero, ignoreBounds=True)
        self.band_labels = []
        for band, (low, high) in enumerate(STRESS_BANDS):
            label = pg.TextItem(f"Started at {low}-{high}", anchor=(0.5, 0))
            label.setPos(3 * band + 0.5, 0)
            self.plot_item.addItem(label, ignoreBounds=True)
            self.band_labels.append(label)
        self.plot_item.setXRange(-0.7, 3 * len(STRESS_BANDS) - 1.3, padding=0)
        self.plot_item.setMouseEnabled(x=False, y=False)
        self.plot_item.hideButtons()
        self.plot_item.getAxis("bottom").setHeight(64)  # two-line labels under each bar, then the axis title
        self.drawn: list = []  # the bars drawn, in order
        self.apply_theme()

    def _restyle(self, current: Look) -> None:
        # Each bar is outlined and named under it ("Strength", "Calm"): its colour is never the only cue.
        self.bars.setOpts(pen=current.bar_pen, brushes=[current.kind_brushes[bar.kind] for bar in self.drawn],
                          brush=current.kind_brushes["strength"])
        self.intervals.setData(pen=current.interval_pen)
        self.zero.setPen(current.zero_pen)
        for label in self.band_labels:
            label.setColor(current.text)

    @staticmethod
    def bar_label(bar) -> str:
        """What stands under a bar: its kind and n, and why it is not drawn when it is not."""
        kind = bar.kind.capitalize()
        if bar.n == 0:
            return f"{kind}\nno sessions"
        if not bar.enough:
            return f"{kind}\nn = {bar.n}, too few"
        return f"{kind}\nn = {bar.n}"

    def show(self, result, unit: Unit, rolling: bool) -> None:
        positions = [3 * (i // 2) + i % 2 for i in range(len(result.bars))]
        self.drawn = [bar for bar in result.bars if bar.enough]
        x = [pos for pos, bar in zip(positions, result.bars) if bar.enough]
        heights = [bar.mean_change for bar in self.drawn]
        self.bars.setOpts(x=x, height=heights, brushes=[look().kind_brushes[bar.kind] for bar in self.drawn])
        lows = np.array([bar.change_low for bar in self.drawn], dtype=float)
        highs = np.array([bar.change_high for bar in self.drawn], dtype=float)
        self.intervals.setData(x=np.array(x, dtype=float), y=np.array(heights, dtype=float),
                               top=highs - np.array(heights, dtype=float), bottom=np.array(heights, dtype=float) - lows)
        self.plot_item.getAxis("bottom").setTicks([[(pos, self.bar_label(bar))
                                                    for pos, bar in zip(positions, result.bars)]])
        low = min([-2.0, *(v - 0.5 for v in (*heights, *lows))])
        high = max([2.0, *(v + 0.5 for v in (*heights, *highs))]) + 0.8  # room for the band labels above the bars
        self.plot_item.setYRange(math.floor(low), math.ceil(high), padding=0)
        for label in self.band_labels:
            label.setPos(label.pos().x(), math.ceil(high))
        strength, calm = result.strength, result.calm
        if len(strength.days) + len(calm.days) == 0:
            self.show_message(self.empty_text)
        elif not self.drawn:
            self.show_message(
                "Not enough data yet to compare like with like: a bar needs at least "
                f"{MIN_BAR_SESSIONS} sessions of one kind that started in the same band of stress and rated "
                "stress both before and at the end.")
        else:
            self.show_plot()
        notes = []
        for low_high in STRESS_BANDS:
            parts = []
            for bar in (b for b in result.bars if (b.low, b.high) == low_high):
                if bar.enough:
                    parts.append(f"{bar.kind} {bar.mean_change:+.1f} (95% interval {bar.change_low:+.1f} to "
                                 f"{bar.change_high:+.1f}; from {bar.mean_before:.1f} to {bar.mean_final:.1f}, "
                                 f"n = {bar.n})")
                else:
                    parts.append(f"{bar.kind}: {'no sessions' if bar.n == 0 else f'only {bar.n}'}")
            notes.append(f"Started at {low_high[0]}-{low_high[1]}: " + ", ".join(parts) + ".")
        notes.append(f"Bars with fewer than {MIN_BAR_SESSIONS} sessions are left out, not drawn at 0.")
        for name, ratings in (("Strength", strength), ("Calm", calm)):
            sessions = len(ratings.days)
            notes.append(f"{name}: {plural(sessions, 'session')}, {sessions - ratings.pairs} left out for a "
                         "missing rating before or at the end.")
        self.note.setText(" ".join(notes))
        self._header = ["stress_before_band", "kind", "sessions", "mean_before", "mean_final", "mean_change",
                        "change_low_95", "change_high_95", "drawn"]
        self._rows = [[bar.band, bar.kind, bar.n, _number(bar.mean_before), _number(bar.mean_final),
                       _number(bar.mean_change), _number(bar.change_low), _number(bar.change_high), bar.enough]
                      for bar in result.bars]


def export_png(plot_item, path: str) -> None:
    """Render ``plot_item`` as PNG in memory, then write it privately and atomically to ``path``.

    Raises OSError; nothing is half written.
    """
    from pyqtgraph.exporters import ImageExporter
    from PySide6.QtCore import QBuffer, QIODevice

    from liftcalm.paths import write_atomically

    image = ImageExporter(plot_item).export(toBytes=True)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if image is None or image.isNull() or not image.save(buffer, "PNG"):
        raise OSError("the graph could not be drawn as an image")
    write_atomically(path, bytes(buffer.data()))
