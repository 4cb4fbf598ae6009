"""The five graphs, drawn with pyqtgraph: loaded only when the graphs page is first shown.

Each graph creates its plot items once and refreshes them with ``setData`` (or ``setOpts``).
``show(result, unit, rolling)`` draws a result from ``store.graph_data``; ``series()`` returns
what is drawn as a CSV header and rows; ``plot_item`` is what "Export PNG" renders.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QStackedWidget, QVBoxLayout, QWidget

from liftcalm.core.trends import TOLERANCE_DEFINITION, Period, bucket_label, rolling_mean
from liftcalm.core.units import Unit, kg_to_unit
from liftcalm.ui.look import plural

ROLLING_WINDOW = 4  # buckets in the rolling mean
EMPTY_TEXT = (
    "No sessions to show yet.\n\n"
    "The graphs fill up as you train: during each rest, rate your stress from 0 to 10, "
    "and every finished session becomes a point here."
)
FILTERED_TEXT = "No sessions match these filters. Widen the range or choose another routine or exercise."
_OLD, _NEW = (170, 200, 230), (20, 70, 160)  # scatter colours from the oldest to the newest session
_PALETTE = [pg.mkBrush(*(round(a + (b - a) * i / 15) for a, b in zip(_OLD, _NEW))) for i in range(16)]
_STRESS_PEN = pg.mkPen((200, 80, 40), width=2)
_RELIEF_PEN = pg.mkPen((40, 150, 90), width=2)
# Grid lines in an opaque light grey: pyqtgraph's default translucent ones are blended line by line
# and cost 20 ms of each repaint; opaque ones cost 0.3 ms.
_GRID_PEN = pg.mkPen((222, 222, 222))


def _seconds(days: np.ndarray) -> np.ndarray:
    """Days as UTC seconds for a ``DateAxisItem`` (set to UTC, so the axis shows the local dates as stored)."""
    return np.asarray(days, dtype="datetime64[D]").astype("datetime64[s]").astype(np.float64)


def _number(value, digits: int = 2) -> str:
    if value is None or (isinstance(value, float) and not np.isfinite(value)):
        return ""
    return f"{float(value):.{digits}f}"


class Graph:
    """A plot with a message page in place of it when there is nothing to draw, and a note below."""

    key = ""
    title = ""
    empty_text = EMPTY_TEXT  # the view sets FILTERED_TEXT when filters hide the sessions

    def __init__(self, date_axis: bool = True):
        self.widget = QWidget()
        self.plot_widget = pg.PlotWidget(
            axisItems={"bottom": pg.DateAxisItem(utcOffset=0)} if date_axis else None)
        self.plot_widget.setBackground("w")
        self.plot_item = self.plot_widget.getPlotItem()
        self.plot_item.showGrid(x=True, y=True)
        for side in ("left", "bottom"):
            axis = self.plot_item.getAxis(side)
            axis.setTickPen(_GRID_PEN)
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
        layout = QVBoxLayout(self.widget)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.note)
        self._header: list[str] = []
        self._rows: list[list] = []

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.stack.setCurrentWidget(self.message)

    def show_plot(self) -> None:
        self.stack.setCurrentWidget(self.plot_widget)

    def series(self) -> tuple[list[str], list[list]]:
        """The drawn series: a header and one row per point or bucket."""
        return self._header, self._rows


class StressVolumeGraph(Graph):
    key, title = "stress_volume", "Stress vs volume"

    def __init__(self, on_clicked):
        super().__init__(date_axis=False)
        self.plot_item.setLabel("left", "Mean stress after sets (0-10)")
        self.scatter = pg.ScatterPlotItem(size=8, pen=None, hoverable=True, hoverSize=12)
        self.fit_line = pg.PlotDataItem(pen=pg.mkPen((200, 60, 60), width=2))
        self.hover = pg.TextItem(anchor=(0, 1), color=(30, 30, 30), fill=pg.mkBrush(255, 255, 230, 230))
        self.hover.setZValue(10)
        self.hover.hide()
        for item in (self.scatter, self.fit_line, self.hover):
            self.plot_item.addItem(item)
        self.scatter.sigHovered.connect(self._on_scatter_hovered)
        self.scatter.sigClicked.connect(self._on_scatter_clicked)
        self._on_clicked = on_clicked
        self._unit = Unit.KG
        self._days = self._ids = self._x = self._y = np.array([])
        self._routines: list[str] = []

    def show(self, result, unit: Unit, rolling: bool) -> None:
        self._unit = unit
        rated = np.isfinite(result.mean_stress)
        self._days, self._ids = result.days[rated], result.session_ids[rated]
        self._x, self._y = kg_to_unit(result.volume_kg[rated], unit), result.mean_stress[rated]
        self._routines = [name for name, keep in zip(result.routine_names, rated) if keep]
        self.plot_item.setLabel("bottom", f"Volume load ({unit.value})")
        self.hover.hide()
        if len(self._x):
            span = max(int((self._days[-1] - self._days[0]).astype(int)), 1)
            shade = ((self._days - self._days[0]).astype(int) * 15 // span).clip(0, 15)
            self.scatter.setData(x=self._x, y=self._y, brush=[_PALETTE[i] for i in shade], data=np.arange(len(self._x)))
        else:
            self.scatter.setData(x=[], y=[])
        fit = result.fit
        if fit.enough:
            slope = fit.slope / kg_to_unit(1.0, unit)
            xs = np.array([self._x.min(), self._x.max()])
            self.fit_line.setData(xs, slope * xs + fit.intercept)
            r = "" if fit.r is None else f", r = {fit.r:.2f}"
            fit_text = f"Least-squares line: slope {slope * 1000:.2f} stress per 1,000 {unit.value}{r}, n = {fit.n}."
        else:
            self.fit_line.setData([], [])
            fit_text = f"Not enough sessions for a trend yet ({fit.n} of 5)."
        self.note.setText(f"{fit_text} Colour runs from older (light) to newer (dark) sessions. "
                          f"{plural(result.left_out, 'session')} left out for missing stress ratings.")
        if len(result.days) == 0:
            self.show_message(self.empty_text)
        else:
            self.show_plot()
        self._header = ["date", "session_id", "routine", f"volume_{unit.value}", "mean_stress"]
        self._rows = [[str(d), int(i), name, _number(x, 1), _number(y)]
                      for d, i, name, x, y in zip(self._days, self._ids, self._routines, self._x, self._y)]

    def point_count(self) -> int:
        return len(self.scatter.data)

    def hover_text(self, index: int) -> str:
        """What hovering point ``index`` shows: date, routine, volume and stress."""
        volume = f"{self._x[index]:,.0f} {self._unit.value}"
        return f"{self._days[index]}\n{self._routines[index]}\nVolume {volume}\nStress {self._y[index]:.1f}"

    def show_hover(self, index: int | None) -> None:
        if index is None:
            self.hover.hide()
            return
        self.hover.setText(self.hover_text(index))
        self.hover.setPos(float(self._x[index]), float(self._y[index]))
        self.hover.show()

    def _on_scatter_hovered(self, _item, points, _event) -> None:
        self.show_hover(int(points[0].data()) if len(points) else None)

    def _on_scatter_clicked(self, _item, points, _event) -> None:
        if len(points):
            self._on_clicked(int(self._ids[int(points[0].data())]))


class OverTimeGraph(Graph):
    key, title = "over_time", "Over time"

    def __init__(self):
        super().__init__()
        self.bars = pg.BarGraphItem(x=[], height=[], width=1, brush=pg.mkBrush(150, 170, 210, 160), pen=None)
        self.plot_item.addItem(self.bars)
        self.plot_item.setLabel("left", "Volume load")
        # Stress and relief share a second y axis on the right: a ViewBox linked to the plot's x.
        self.ratings_box = pg.ViewBox()
        self.plot_item.showAxis("right")
        self.plot_item.scene().addItem(self.ratings_box)
        self.plot_item.getAxis("right").linkToView(self.ratings_box)
        self.plot_item.getAxis("right").setLabel("Mean stress / relief (0-10)")
        self.plot_item.getAxis("right").setGrid(False)  # the left axis's lines are grid enough
        self.ratings_box.setXLink(self.plot_item)
        self.plot_item.vb.sigResized.connect(self._on_plot_resized)
        legend = self.plot_item.addLegend(offset=(10, 10))
        self.stress = pg.PlotDataItem(pen=_STRESS_PEN, symbol="o", symbolSize=4, symbolBrush=(200, 80, 40),
                                      connect="finite", name="Mean stress after sets")
        self.relief = pg.PlotDataItem(pen=_RELIEF_PEN, symbol="o", symbolSize=4, symbolBrush=(40, 150, 90),
                                      connect="finite", name="Mean relief during rests")
        self.stress_rolling = pg.PlotDataItem(pen=pg.mkPen((200, 80, 40), width=2, style=Qt.PenStyle.DashLine),
                                              connect="finite", name=f"Stress, rolling mean of {ROLLING_WINDOW}")
        self.relief_rolling = pg.PlotDataItem(pen=pg.mkPen((40, 150, 90), width=2, style=Qt.PenStyle.DashLine),
                                              connect="finite", name=f"Relief, rolling mean of {ROLLING_WINDOW}")
        for item in (self.stress, self.relief, self.stress_rolling, self.relief_rolling):
            self.ratings_box.addItem(item)
            legend.addItem(item, item.name())
        legend.addItem(self.bars, "Volume load")

    def _on_plot_resized(self) -> None:
        self.ratings_box.setGeometry(self.plot_item.vb.sceneBoundingRect())

    def show(self, loaded, unit: Unit, rolling: bool) -> None:
        buckets, left_out = loaded
        days = {"day": 1, "week": 7, "month": 30}[buckets.period.value]
        x = _seconds(buckets.starts) + days * 43200.0  # bars centred on their bucket
        volume = kg_to_unit(buckets.volume_kg, unit)
        self.bars.setOpts(x=x, height=volume, width=days * 86400 * 0.8)
        self.plot_item.setLabel("left", f"Volume load ({unit.value})")
        self.stress.setData(x, buckets.mean_stress)
        self.relief.setData(x, buckets.mean_relief)
        stress_mean = rolling_mean(buckets.mean_stress, ROLLING_WINDOW) if rolling else np.array([])
        relief_mean = rolling_mean(buckets.mean_relief, ROLLING_WINDOW) if rolling else np.array([])
        self.stress_rolling.setData(x[: len(stress_mean)], stress_mean)
        self.relief_rolling.setData(x[: len(relief_mean)], relief_mean)
        self.ratings_box.setYRange(0, 10)
        self.plot_item.enableAutoRange()
        self._on_plot_resized()
        if len(x) == 0:
            self.show_message(self.empty_text)
        else:
            self.show_plot()
        self.note.setText(f"Per {buckets.period.value}: bars are volume load, lines the pooled mean of rated sets. "
                          f"{plural(left_out, 'session')} without stress ratings left out of the stress line.")
        self._header = ["bucket", "start", f"volume_{unit.value}", "mean_stress", "mean_relief", "sessions"]
        if rolling:
            self._header += ["stress_rolling_mean", "relief_rolling_mean"]
        self._rows = []
        for i, start in enumerate(buckets.starts):
            row = [bucket_label(start, buckets.period), str(start), _number(volume[i], 1),
                   _number(buckets.mean_stress[i]), _number(buckets.mean_relief[i]), int(buckets.sessions[i])]
            if rolling:
                row += [_number(stress_mean[i]), _number(relief_mean[i])]
            self._rows.append(row)


class ToleranceGraph(Graph):
    key, title = "tolerance", "Stress tolerance"

    def __init__(self):
        super().__init__()
        self.plot_item.setLabel("left", "Stress cost, % of your baseline")
        self.reference = pg.InfiniteLine(pos=100, angle=0, pen=pg.mkPen((120, 120, 120), style=Qt.PenStyle.DashLine),
                                         label="100% = baseline", labelOpts={"position": 0.92, "color": (90, 90, 90)})
        self.curve = pg.PlotDataItem(pen=pg.mkPen((60, 90, 170), width=2), symbol="o", symbolSize=5,
                                     symbolBrush=(60, 90, 170), connect="finite")
        self.plot_item.addItem(self.reference)
        self.plot_item.addItem(self.curve)
        self.definition = QLabel(TOLERANCE_DEFINITION, wordWrap=True)
        self.definition.setObjectName("toleranceDefinition")
        self.widget.layout().addWidget(self.definition)

    def show(self, result, unit: Unit, rolling: bool) -> None:
        x = _seconds(result.weeks)
        self.curve.setData(x, result.percent_of_baseline)
        if len(x) == 0:
            self.show_message(self.empty_text)
        elif result.baseline is None:
            self.show_message("Not enough weeks with rated working sets for a baseline yet (it needs 4).")
        else:
            self.show_plot()
        self.note.setText(f"{plural(result.sessions_left_out, 'session')} left out for missing stress ratings.")
        self._header = ["week", "start", "stress_cost", "percent_of_baseline", "rated_sets"]
        self._rows = [[bucket_label(w, Period.WEEK), str(w), _number(c, 3), _number(p, 1), int(n)]
                      for w, c, p, n in zip(result.weeks, result.stress_cost, result.percent_of_baseline,
                                            result.rated_sets)]


class ExerciseGraph(Graph):
    key, title = "exercise", "Per exercise"

    def __init__(self):
        super().__init__()
        self.curve = pg.PlotDataItem(pen=pg.mkPen((60, 90, 170), width=2), symbol="o", symbolSize=4,
                                     symbolBrush=(60, 90, 170), name="Estimated 1RM (Epley)")
        self.records = pg.ScatterPlotItem(symbol="star", size=14, brush=pg.mkBrush(230, 170, 20), pen=None,
                                          name="Record")
        legend = self.plot_item.addLegend(offset=(10, 10))  # named items join it as they are added
        self.plot_item.addItem(self.curve)
        self.plot_item.addItem(self.records)
        self.legend = legend

    def show_no_exercise(self) -> None:
        self.curve.setData([], [])
        self.records.setData(x=[], y=[])
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
        self.note.setText(f"{int(result.is_record.sum())} records among {plural(len(x), 'session')}. "
                          "The estimate needs no rating: no session is left out for missing ratings.")
        load = kg_to_unit(result.load_kg, unit)
        self._header = ["date", "session_id", f"e1rm_{unit.value}", "reps", f"load_{unit.value}", "record"]
        self._rows = [[str(d), int(i), _number(e, 1), int(r), _number(lo, 2), bool(rec)]
                      for d, i, e, r, lo, rec in zip(result.days, result.session_ids, e1rm, result.reps, load,
                                                      result.is_record)]


class StrengthCalmGraph(Graph):
    key, title = "strength_calm", "Strength vs calm"

    def __init__(self):
        super().__init__(date_axis=False)
        self.plot_item.setLabel("left", "Mean stress (0-10)")
        self.bars = pg.BarGraphItem(x=[0, 1, 3, 4], height=[0, 0, 0, 0], width=0.8, pen=None,
                                    brushes=[pg.mkBrush(200, 120, 90), pg.mkBrush(120, 160, 210)] * 2)
        self.plot_item.addItem(self.bars)
        self.plot_item.setXRange(-0.7, 4.7)
        self.plot_item.setYRange(0, 10)
        self.plot_item.setMouseEnabled(x=False, y=False)
        self.plot_item.getAxis("bottom").setHeight(48)  # two-line labels: kind and moment, then the count

    def show(self, result, unit: Unit, rolling: bool) -> None:
        kinds = (("Strength", result.strength), ("Calm", result.calm))
        heights, ticks = [], []
        for (name, ratings), (x_before, x_final) in zip(kinds, ((0, 1), (3, 4))):
            heights += [ratings.mean_before or 0.0, ratings.mean_final or 0.0]
            ticks += [(x_before, f"{name}: before\n(n = {ratings.before_count})"),
                      (x_final, f"{name}: at the end\n(n = {ratings.final_count})")]
        self.bars.setOpts(height=heights)
        self.plot_item.getAxis("bottom").setTicks([ticks])
        if len(result.strength.days) + len(result.calm.days) == 0:
            self.show_message(self.empty_text)
        else:
            self.show_plot()
        notes = []
        for name, ratings in kinds:
            sessions = len(ratings.days)
            change = "" if ratings.mean_change is None else f", mean change {ratings.mean_change:+.1f} over {ratings.pairs}"
            notes.append(f"{name}: {plural(sessions, 'session')}; {sessions - ratings.before_count} left out of 'before' "
                         f"and {sessions - ratings.final_count} of 'at the end' for missing ratings{change}.")
        self.note.setText(" ".join(notes))
        self._header = ["kind", "mean_before", "before_count", "mean_final", "final_count", "mean_change", "pairs"]
        self._rows = [[name.lower(), _number(r.mean_before), r.before_count, _number(r.mean_final), r.final_count,
                       _number(r.mean_change), r.pairs] for name, r in kinds]


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
