"""The graphs page: a filter bar over five graphs of stress, volume and strength.

Importing this module loads neither pyqtgraph nor numpy: the page builds itself the first time
it is shown (``page_shown``), so the main window starts without them.
"""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from functools import partial
from pathlib import Path

from PySide6.QtCore import QDate, QEvent, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from liftcalm.core.changes import ChangeKind
from liftcalm.paths import write_atomically
from liftcalm.ui.actions import signals_blocked
from liftcalm.ui.background import StoreOp
from liftcalm.ui.look import FlowLayout
from liftcalm.ui.store_signals import StoreSignals

RANGES = (("All", None), ("Last 4 weeks", 28), ("Last 3 months", 91), ("Last year", 365), ("Custom…", "custom"))
PERIODS = (("Per day", "day"), ("Per week", "week"), ("Per month", "month"))


def load_graph(store, key: str, graph_filter, period: str, exercise_id: int | None):
    """Read one graph's data: work for a ``StoreOp``, on the worker's own store."""
    data = store.graph_data
    if key == "stress_volume":
        return data.stress_vs_volume(graph_filter)
    if key == "over_time":
        from liftcalm.core.trends import Period, over_time

        totals = data.session_totals(graph_filter)  # one read for the buckets and the left-out count
        return over_time(totals, Period(period)), sum(1 for row in totals if row.stress_count == 0)
    if key == "tolerance":
        return data.tolerance(graph_filter)
    if key == "exercise":
        return data.exercise_progress(exercise_id, graph_filter)
    return data.strength_vs_calm(graph_filter)


class GraphsView(QWidget):
    """Graphs of the history in ``store``, built on first ``page_shown()``.

    Each graph's data is read off the UI thread when its tab is shown and kept until a filter
    changes or the store says the history changed; a result for a superseded request is
    dropped. ``graph_drawn(key)`` is emitted once a graph has been given its data, and
    ``load_failed(message)`` when its data could not be read (the graph then says so).
    """

    session_requested = Signal(int)
    sample_requested = Signal()
    graph_drawn = Signal(str)
    load_failed = Signal(str)

    def __init__(self, store, parent: QWidget | None = None, today: date | None = None, offer_sample: bool = False):
        super().__init__(parent)
        self.store = store
        self._offer_sample = offer_sample  # "Explore with sample data" while there is no history
        self._today = today
        self._built = False
        self._request = 0  # the newest request; older results are dropped
        self._results: dict[str, object] = {}
        self._loading: set[str] = set()
        self.graphs: dict = {}
        self._stale = True  # read everything again when next shown
        self.sample = False  # every session is sample data (source 'demo'): exports say so
        self._signals = StoreSignals(store, self)
        self._signals.changed.connect(self._on_store_changed)
        layout = QVBoxLayout(self)
        self._placeholder = QLabel("Loading graphs…")
        layout.addWidget(self._placeholder)

    # Building, on first show

    def page_shown(self) -> None:
        """Build the page if needed; read the data again if the history changed meanwhile."""
        if not self._built:
            self._build()
        if self._stale:
            self._refresh()
        else:
            self._load_current()

    def _refresh(self) -> None:
        self._stale = False
        self._unit = self.store.settings.unit
        self._fill_choices()
        # Asked again whenever the history changes: a sample file stays one, but imports can follow.
        self.sample = self.store.graph_data.is_sample()
        for graph in self.graphs.values():
            graph.set_sample(self.sample)
        no_history = not self.store.has_sessions()
        self.sample_button.setVisible(self._offer_sample and no_history)
        for button in (self.png_button, self.csv_button):
            button.setVisible(not no_history)  # nothing to export yet; room for the offer
        self._reload()

    def _on_store_changed(self, change) -> None:
        if change.kind is ChangeKind.SETTINGS and not change.changes_numbers():
            return  # sounds and alerts draw nothing here
        self._stale = True
        if self._built and self.isVisible():
            self._refresh()

    def _build(self) -> None:
        from liftcalm.ui.charts import plots

        self._plots = plots
        self._placeholder.hide()
        layout = self.layout()
        self.range_box = QComboBox()
        for label, days in RANGES:
            self.range_box.addItem(label, days)
        self.start_edit, self.end_edit = QDateEdit(calendarPopup=True), QDateEdit(calendarPopup=True)
        for edit, name in ((self.start_edit, "From"), (self.end_edit, "To")):
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setAccessibleName(f"{name}, a date")
            edit.hide()
        today = self._today_date()
        self.start_edit.setDate(QDate(today - timedelta(days=91)))
        self.end_edit.setDate(QDate(today))
        self.routine_box, self.exercise_box = QComboBox(), QComboBox()
        self.period_box = QComboBox()
        for label, period in PERIODS:
            self.period_box.addItem(label, period)
        self.period_box.setCurrentIndex(1)
        self.rolling_box = QCheckBox("Rolling mean")
        self.rolling_box.setToolTip(f"Add a rolling mean over {plots.ROLLING_WINDOW} periods")
        self.rolling_box.setAccessibleDescription(f"Add a rolling mean over {plots.ROLLING_WINDOW} periods")
        self.routine_colour_box = QCheckBox("Colour by routine")
        self.routine_colour_box.setToolTip("Stress vs volume: colour and shape the points by routine, with a legend, "
                                           "instead of from older (faint) to newer (strong)")
        self.routine_colour_box.setAccessibleDescription(self.routine_colour_box.toolTip())
        self.period_label = QLabel("Over time")
        for box, name in ((self.range_box, "Date range"), (self.routine_box, "Routine"),
                          (self.exercise_box, "Exercise"), (self.period_box, "Over time, per")):
            box.setAccessibleName(name)
        # The filter bar flows onto a second line when it has to (the custom dates shown, a narrow
        # window), so no box is ever squeezed into a stub. A label stays with its box.
        self.filter_bar = QWidget()
        bar = FlowLayout(self.filter_bar)
        self._range_group = self._group(QLabel("Range"), self.range_box, self.start_edit, self.end_edit)
        groups = [self._range_group, self._group(QLabel("Routine"), self.routine_box),
                  self._group(QLabel("Exercise"), self.exercise_box), self._group(self.routine_colour_box),
                  self._group(self.period_label, self.period_box, self.rolling_box)]
        # The options of one graph are offered while that graph is shown.
        self._options = {"stress_volume": (self.routine_colour_box,),
                         "over_time": (self.period_label, self.period_box, self.rolling_box)}
        self.png_button, self.csv_button = QPushButton("Export PNG…"), QPushButton("Export CSV…")
        self.png_button.setAccessibleDescription("Save the graph shown as an image")
        self.csv_button.setAccessibleDescription("Save the numbers of the graph shown as a CSV file")
        self.sample_button = QPushButton("Explore with sample data…")
        self.sample_button.setToolTip("Opens an invented history in a window of its own; your data is not touched")
        self.sample_button.setAccessibleDescription(self.sample_button.toolTip())
        self.sample_button.clicked.connect(self.sample_requested.emit)
        self.sample_button.hide()
        groups.append(self._group(self.sample_button, self.png_button, self.csv_button))
        for group in groups:
            bar.addWidget(group)
            group.show()  # the page is on screen already: shown now, not at the next turn of the event loop
        layout.addWidget(self.filter_bar)
        self.filter_bar.show()

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Graphs")
        self.tabs.tabBar().setAccessibleName("Graphs")
        for graph in (plots.StressVolumeGraph(self.session_requested.emit), plots.OverTimeGraph(),
                      plots.ToleranceGraph(), plots.ExerciseGraph(), plots.StrengthCalmGraph()):
            self.graphs[graph.key] = graph
            self.tabs.addTab(graph.widget, graph.title)
        layout.addWidget(self.tabs, 1)

        self.range_box.currentIndexChanged.connect(self._on_range_changed)
        for edit in (self.start_edit, self.end_edit):
            edit.dateChanged.connect(self._reload)
        self.routine_box.currentIndexChanged.connect(self._reload)
        self.exercise_box.currentIndexChanged.connect(self._reload)
        self.period_box.currentIndexChanged.connect(self._on_period_changed)
        self.rolling_box.toggled.connect(self._on_rolling_toggled)
        self.routine_colour_box.toggled.connect(self.graphs["stress_volume"].set_colour_by_routine)
        self.tabs.currentChanged.connect(self._on_tabs_changed)
        self.png_button.clicked.connect(self._on_png_clicked)
        self.csv_button.clicked.connect(self._on_csv_clicked)
        self._show_options()
        self._built = True

    @staticmethod
    def _group(*widgets: QWidget) -> QWidget:
        """Widgets that wrap as one in the filter bar."""
        group = QWidget()
        row = QHBoxLayout(group)
        row.setContentsMargins(0, 0, 0, 0)
        for widget in widgets:
            row.addWidget(widget)
            if isinstance(widget, QLabel) and len(widgets) > 1:
                widget.setBuddy(widgets[1])
        return group

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self._built:  # a change of theme: restyle the graphs
            for graph in self.graphs.values():
                graph.apply_theme()

    def _today_date(self) -> date:
        return self._today or date.today()

    def _fill_choices(self) -> None:
        """Offer the routines and the strength exercises trained so far, keeping the current choices."""
        exercises = [e for e in self.store.exercises.logged() if not e.is_calm]
        for box, first, items in (
                (self.routine_box, "All routines", [(rid, name) for rid, name, _ in self.store.routines.list()]),
                (self.exercise_box, "All exercises", [(e.id, e.name) for e in exercises])):
            current = box.currentData()
            with signals_blocked(box):
                box.clear()
                box.addItem(first, None)
                for item_id, name in items:
                    box.addItem(name, item_id)
                box.setCurrentIndex(max(box.findData(current), 0))

    # Filters

    def graph_filter(self):
        """The ``GraphFilter`` the bar describes."""
        from liftcalm.core.trends import GraphFilter

        days = self.range_box.currentData()
        start = end = None
        if days == "custom":
            start, end = self.start_edit.date().toPython(), self.end_edit.date().toPython()
        elif days is not None:
            end = self._today_date()
            start = end - timedelta(days=days - 1)
        return GraphFilter(start, end, self.routine_box.currentData(), self.exercise_box.currentData())

    def current_graph(self):
        return self.graphs[self._key_at(self.tabs.currentIndex())]

    def _key_at(self, index: int) -> str:
        return list(self.graphs)[index]

    def _on_range_changed(self) -> None:
        custom = self.range_box.currentData() == "custom"
        self.start_edit.setVisible(custom)
        self.end_edit.setVisible(custom)
        self._reload()

    def _on_period_changed(self) -> None:
        self._results.pop("over_time", None)
        self._request += 1  # a period change only concerns one graph, but drop every pending answer
        self._loading.clear()
        self._load_current()

    def _on_rolling_toggled(self) -> None:
        if "over_time" in self._results:
            self._draw("over_time")

    def _on_tabs_changed(self) -> None:
        self._show_options()
        self._load_current()

    def _show_options(self) -> None:
        key = self._key_at(self.tabs.currentIndex())
        for owner, widgets in self._options.items():
            for widget in widgets:
                widget.setVisible(owner == key)
            # A group with nothing to show takes no room in the bar.
            widgets[0].parentWidget().setVisible(owner == key)

    def _reload(self) -> None:
        self._request += 1
        self._results.clear()
        self._loading.clear()
        self._load_current()

    # Loading and drawing

    def _load_current(self) -> None:
        key = self._key_at(self.tabs.currentIndex())
        if key in self._results:
            self._draw(key)
            return
        if key in self._loading:
            return
        graph_filter = self.graph_filter()
        exercise_id = graph_filter.exercise_id
        if key == "exercise" and exercise_id is None:
            self.graphs[key].show_no_exercise()
            self.graph_drawn.emit(key)
            return
        self._loading.add(key)
        work = partial(load_graph, key=key, graph_filter=graph_filter, period=self.period_box.currentData(),
                       exercise_id=exercise_id)
        StoreOp(parent=self, store=self.store, work=work, success=partial(self._on_graph_read, self._request, key)
                ).failure(partial(self._on_graph_read_failed, self._request, key)).run_in_background()

    def _on_graph_read(self, request: int, key: str, result) -> None:
        if request != self._request:
            return
        self._loading.discard(key)
        self._results[key] = result
        if key == self._key_at(self.tabs.currentIndex()):
            self._draw(key)

    def _on_graph_read_failed(self, request: int, key: str, error: Exception) -> None:
        if request != self._request:
            return
        self._loading.discard(key)
        message = (f"This graph could not be read: {error}. Your data was not changed; "
                   "LiftCalm tries again when you change a filter or come back to this page.")
        self._stale = True
        self.graphs[key].show_message(message)
        self.load_failed.emit(message)

    def _draw(self, key: str) -> None:
        from liftcalm.core.trends import GraphFilter

        graph = self.graphs[key]
        # With no filter, nothing to show means no history yet; otherwise the filters hide it.
        filtered = self.graph_filter() != GraphFilter()
        graph.empty_text = self._plots.FILTERED_TEXT if filtered else self._plots.EMPTY_TEXT
        graph.show(self._results[key], self._unit, self.rolling_box.isChecked())
        self.graph_drawn.emit(key)

    # Export

    # Both write through a temporary file (mode 0600) and a rename: a failure leaves the file
    # that was there, or none. Both raise OSError.

    def export_png(self, path: str | Path) -> None:
        """Write the current graph as a PNG image to ``path``; from sample data it carries the plot's caption."""
        self._plots.export_png(self.current_graph().plot_item, str(path))

    def export_csv(self, path: str | Path) -> None:
        """Write the current graph's series to ``path`` as CSV, one row per point or bucket.

        From sample data every row starts with a ``sample_data`` column that says so: plain CSV
        that any reader and spreadsheet takes as it is, and the mark stays with rows copied out.
        """
        header, rows = self.current_graph().series()
        if self.sample:
            from liftcalm.core.trends import SAMPLE_NOTE

            header, rows = ["sample_data", *header], [[SAMPLE_NOTE, *row] for row in rows]
        text = io.StringIO()
        writer = csv.writer(text)
        writer.writerow(header)
        writer.writerows(rows)
        write_atomically(path, text.getvalue().encode("utf-8"))

    def _on_png_clicked(self) -> None:
        self._export("PNG image (*.png)", ".png", self.export_png)

    def _on_csv_clicked(self) -> None:
        self._export("CSV file (*.csv)", ".csv", self.export_csv)

    def _export(self, file_filter: str, suffix: str, write) -> None:
        name = self.current_graph().key + suffix
        path, _ = QFileDialog.getSaveFileName(self, "Export graph", str(Path.home() / name), file_filter)
        if not path:
            return
        try:
            write(path)
        except OSError as error:
            QMessageBox.warning(self, "Export failed",
                                f"The graph could not be saved to {path}: {error.strerror or error}.\n\n"
                                "Nothing was half written: a file that was already there is unchanged.")
