import csv
import errno
import os
import stat
import subprocess
import sys
from datetime import date

import numpy as np
import pytest
from PySide6.QtCore import QDate, Qt

from liftcalm.core.units import Unit
from liftcalm.store.demo import write_demo
from liftcalm.ui.charts.graphs_view import GraphsView

TODAY = date(2026, 6, 1)


@pytest.fixture
def demo_store(store):
    write_demo(store, years=0.5, seed=3, end=TODAY)
    return store


@pytest.fixture
def open_graphs(qtbot):
    def open_(store):
        view = GraphsView(store, today=TODAY)
        qtbot.addWidget(view)
        view.resize(900, 600)
        view.show()
        with qtbot.waitSignal(view.graph_drawn, timeout=10_000):
            view.page_shown()
        return view

    return open_


def redraw(qtbot, view, change):
    with qtbot.waitSignal(view.graph_drawn, timeout=10_000):
        change()


def scatter_xy(view):
    x, y = view.graphs["stress_volume"].scatter.getData()
    return np.asarray(x), np.asarray(y)


def test_the_scatter_has_one_point_per_session_with_a_stress_rating(demo_store, open_graphs):
    view = open_graphs(demo_store)
    expected = demo_store.graph_data.stress_vs_volume()
    rated = np.isfinite(expected.mean_stress)
    x, y = scatter_xy(view)
    assert len(x) == rated.sum() > 20
    assert np.allclose(x, expected.volume_kg[rated])
    assert np.allclose(y, expected.mean_stress[rated])
    note = view.graphs["stress_volume"].note.text()
    assert f"n = {expected.fit.n}" in note and "r = " in note and "95% interval" in note
    assert f"{expected.left_out} session" in note and "left out" in note


def test_choosing_a_routine_reduces_the_plotted_points(demo_store, open_graphs, qtbot):
    view = open_graphs(demo_store)
    everything = len(scatter_xy(view)[0])
    index = view.routine_box.findText("Full Body Starter")
    assert index > 0
    redraw(qtbot, view, lambda: view.routine_box.setCurrentIndex(index))
    shown = len(scatter_xy(view)[0])
    assert 0 < shown < everything
    routine_id = view.routine_box.currentData()
    assert {row[2] for row in view.graphs["stress_volume"].series()[1]} == {"Full Body Starter"}
    assert view.graph_filter().routine_id == routine_id


def test_volume_is_shown_in_the_users_unit(demo_store, open_graphs):
    demo_store.settings.unit = Unit.LB
    view = open_graphs(demo_store)
    expected = demo_store.graph_data.stress_vs_volume()
    rated = np.isfinite(expected.mean_stress)
    assert np.allclose(scatter_xy(view)[0], expected.volume_kg[rated] / 0.45359237)
    assert view.graphs["stress_volume"].plot_item.getAxis("bottom").labelText == "Volume load (lb)"


def test_export_png_writes_a_png(demo_store, open_graphs, tmp_path):
    view = open_graphs(demo_store)
    path = tmp_path / "graph.png"
    view.export_png(path)
    data = path.read_bytes()
    assert len(data) > 8 and data[:8] == b"\x89PNG\r\n\x1a\n"


def test_export_csv_rows_match_the_plotted_series(demo_store, open_graphs, tmp_path):
    view = open_graphs(demo_store)
    path = tmp_path / "graph.csv"
    view.export_csv(path)
    with open(path, newline="", encoding="utf-8") as file:
        header, *rows = list(csv.reader(file))
    # The demo history is sample data: a first column says so on every row.
    assert header == ["sample_data", "date", "session_id", "routine", "volume_kg", "mean_stress"]
    x, y = scatter_xy(view)
    assert len(rows) == len(x)
    assert np.allclose([float(row[4]) for row in rows], x, atol=0.05)
    assert np.allclose([float(row[5]) for row in rows], y, atol=0.005)


EXPORTS = {"png": ("export_png", "png_button", b"\x89PNG\r\n\x1a\n"),
           "csv": ("export_csv", "csv_button", b"sample_data,date,")}


@pytest.mark.parametrize("kind", EXPORTS)
def test_an_export_replaces_the_file_whole_and_only_its_owner_can_read_it(demo_store, open_graphs, tmp_path, kind):
    export, _, start = EXPORTS[kind]
    view = open_graphs(demo_store)
    folder = tmp_path / "exports"
    folder.mkdir()
    path = folder / f"graph.{kind}"
    path.write_bytes(b"an older export, readable by anyone")
    os.chmod(path, 0o644)
    getattr(view, export)(path)
    assert path.read_bytes().startswith(start)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert os.listdir(folder) == [path.name]


@pytest.mark.parametrize("kind", EXPORTS)
def test_a_failed_export_says_so_calmly_and_keeps_the_file_that_was_there(demo_store, open_graphs, qtbot, tmp_path,
                                                                          monkeypatch, kind):
    from liftcalm.ui.charts import graphs_view

    _, button, _ = EXPORTS[kind]
    view = open_graphs(demo_store)
    folder = tmp_path / "exports"
    folder.mkdir()
    path = folder / f"graph.{kind}"
    path.write_bytes(b"the export from last week")
    warnings = []

    def disk_full(*_args):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(graphs_view.QFileDialog, "getSaveFileName", lambda *args: (str(path), ""))
    monkeypatch.setattr(graphs_view.QMessageBox, "warning", lambda _parent, title, text: warnings.append((title, text)))
    monkeypatch.setattr(os, "replace", disk_full)
    qtbot.mouseClick(getattr(view, button), Qt.MouseButton.LeftButton)
    assert len(warnings) == 1
    title, text = warnings[0]
    assert title == "Export failed" and str(path) in text and os.strerror(errno.ENOSPC) in text
    assert path.read_bytes() == b"the export from last week"
    assert os.listdir(folder) == [path.name]


def test_over_time_csv_has_one_row_per_bucket(demo_store, open_graphs, qtbot, tmp_path):
    view = open_graphs(demo_store)
    redraw(qtbot, view, lambda: view.tabs.setCurrentIndex(1))
    redraw(qtbot, view, lambda: view.period_box.setCurrentIndex(view.period_box.findData("month")))
    graph = view.graphs["over_time"]
    named = lambda: [label.text for _, label in graph.legend.items]  # noqa: E731
    assert not any("rolling" in name for name in named())  # the legend names only what is drawn
    redraw(qtbot, view, lambda: view.rolling_box.setChecked(True))
    assert sum("rolling" in name for name in named()) == 2
    bars = graph.bars.opts["height"]
    view.export_csv(tmp_path / "over_time.csv")
    with open(tmp_path / "over_time.csv", newline="", encoding="utf-8") as file:
        header, *rows = list(csv.reader(file))
    from liftcalm.core.trends import Period

    expected = view.store.graph_data.over_time(Period.MONTH)
    assert len(rows) == len(bars) == len(expected.starts) >= 6
    assert header[0] == "sample_data"  # the demo history is sample data
    assert [row[1] for row in rows][:2] == [str(expected.starts[0])[:7], str(expected.starts[1])[:7]]
    assert header[-2:] == ["stress_rolling_mean", "relief_rolling_mean"]
    assert np.allclose([float(row[3]) for row in rows], bars, atol=0.05)
    assert len(graph.stress_rolling.getData()[0]) == len(bars)


def test_fewer_than_twelve_sessions_say_there_is_not_enough_for_a_trend(demo_store, open_graphs, qtbot):
    view = open_graphs(demo_store)
    everything = demo_store.graph_data.stress_vs_volume()
    eleventh_last = np.unique(everything.days[np.isfinite(everything.mean_stress)])[-11].item()
    redraw(qtbot, view, lambda: view.range_box.setCurrentIndex(view.range_box.findData("custom")))
    redraw(qtbot, view, lambda: view.start_edit.setDate(QDate(eleventh_last)))
    graph = view.graphs["stress_volume"]
    n = view.store.graph_data.stress_vs_volume(view.graph_filter()).fit.n
    assert 5 <= n < 12
    assert f"Not enough sessions for a trend yet ({n} of 12 rated sessions)" in graph.note.text()
    assert graph.fit_line.getData()[0] is None or len(graph.fit_line.getData()[0]) == 0


class _Hover:
    """A pyqtgraph hover event at ``pos``, in the item's coordinates."""

    exit = False

    def __init__(self, pos):
        self._pos = pos

    def pos(self):
        return self._pos


def test_hovering_a_point_shows_one_tooltip_with_its_date_routine_volume_and_stress(demo_store, open_graphs, qtbot):
    view = open_graphs(demo_store)
    graph = view.graphs["stress_volume"]
    point = graph.scatter.points()[0]
    vb = graph.plot_item.vb
    graph.scatter.hoverEvent(_Hover(point.pos()))  # what pyqtgraph's scene sends when the mouse is over it
    expected = demo_store.graph_data.stress_vs_volume()
    first = int(np.flatnonzero(np.isfinite(expected.mean_stress))[0])
    text = vb.toolTip()
    assert str(expected.days[first]) in text and expected.routine_names[first] in text
    assert f"{expected.volume_kg[first]:,.0f} kg" in text and f"Stress {expected.mean_stress[first]:.1f}" in text
    assert "data=" not in text and "x: " not in text  # the app's own tip, not pyqtgraph's raw one
    assert not [item for item in graph.plot_item.items if type(item).__name__ == "TextItem"]  # and no second one
    leave = _Hover(point.pos())
    leave.exit = True
    graph.scatter.hoverEvent(leave)
    assert vb.toolTip() == ""


def test_clicking_a_point_asks_for_its_session(demo_store, open_graphs, qtbot):
    view = open_graphs(demo_store)
    graph = view.graphs["stress_volume"]
    point = graph.scatter.points()[3]
    with qtbot.waitSignal(view.session_requested) as blocker:
        graph._on_scatter_clicked(graph.scatter, [point], None)
    assert blocker.args == [int(graph.series()[1][3][1])]


def test_every_graph_draws_and_says_what_was_left_out(demo_store, open_graphs, qtbot):
    view = open_graphs(demo_store)
    redraw(qtbot, view, lambda: view.exercise_box.setCurrentIndex(view.exercise_box.findText("Barbell Back Squat")))
    for index in range(1, 5):
        redraw(qtbot, view, lambda: view.tabs.setCurrentIndex(index))
        graph = view.current_graph()
        assert graph.stack.currentWidget() is graph.plot_widget, graph.key
        assert "left out" in graph.note.text(), graph.key
        assert graph.series()[1], graph.key
    assert "usual" in view.graphs["tolerance"].method_text
    assert view.graphs["exercise"].records.data.size > 0


def test_the_exercise_filter_offers_the_strength_exercises_trained_so_far(demo_store, open_graphs):
    view = open_graphs(demo_store)
    offered = [view.exercise_box.itemText(i) for i in range(1, view.exercise_box.count())]
    trained = {name for name, in demo_store.conn.execute(
        "SELECT DISTINCT e.name FROM logged_set l JOIN exercise e ON e.id = l.exercise_id WHERE e.kind = 'strength'")}
    assert sorted(offered, key=str.lower) == offered
    assert set(offered) == trained and len(trained) < len(demo_store.exercises.all()) // 2


def test_grid_lines_are_opaque_and_under_the_data(demo_store, open_graphs):
    # Translucent grid lines are blended one by one: they cost 20 ms of every repaint.
    view = open_graphs(demo_store)
    for graph in view.graphs.values():
        for side in ("left", "bottom", "right", "top"):
            axis = graph.plot_item.getAxis(side)
            if axis.isVisible() and axis.grid is not False:
                assert axis.style["tickAlpha"] == 255 and axis.tickPen().color().alpha() == 255, (graph.key, side)
                assert axis.zValue() < 0, (graph.key, side)  # negative z: behind the plot's bars and points


def test_with_no_sessions_the_page_explains_how_graphs_fill_up(store, open_graphs):
    view = open_graphs(store)
    graph = view.graphs["stress_volume"]
    assert graph.stack.currentWidget() is graph.message
    assert "rate your stress" in graph.message.text()


def test_importing_the_page_loads_neither_pyqtgraph_nor_numpy():
    code = ("import sys\nfrom liftcalm.ui.charts.graphs_view import GraphsView\n"
            "print(sorted(m for m in sys.modules if m.startswith(('pyqtgraph', 'numpy'))))\n")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_the_per_exercise_legend_names_each_series_once(demo_store, open_graphs):
    view = open_graphs(demo_store)
    labels = [label.text for _sample, label in view.graphs["exercise"].legend.items]
    assert labels == ["Estimated 1RM (Epley)", "Record"]


def test_a_failed_read_says_so_in_place_of_the_graph(qtbot, demo_store, monkeypatch):
    import sqlite3

    from liftcalm.store.graph_data import GraphData

    def fail(self, graph_filter):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(GraphData, "stress_vs_volume", fail)
    view = GraphsView(demo_store, today=TODAY)
    qtbot.addWidget(view)
    view.show()
    with qtbot.waitSignal(view.load_failed, timeout=10_000) as failed:
        view.page_shown()
    graph = view.graphs["stress_volume"]
    assert graph.stack.currentWidget() is graph.message
    assert "could not be read: disk I/O error" in graph.message.text() == failed.args[0]
    monkeypatch.undo()
    with qtbot.waitSignal(view.graph_drawn, timeout=10_000):  # shown again: tried again
        view.page_shown()
    assert graph.stack.currentWidget() is graph.plot_widget


def test_a_set_logged_elsewhere_redraws_the_shown_graph(qtbot, demo_store, open_graphs):
    view = open_graphs(demo_store)
    rows = demo_store.history_edits.list_sessions()
    strength = next(row for row in rows if row.kind == "strength" and row.rated_count)
    target = next(s for s in demo_store.history_edits.session_sets(strength.id) if s.set_type == "working")
    with qtbot.waitSignal(view.graph_drawn, timeout=10_000):  # an edit in History, with no page switch
        demo_store.history_edits.edit_set(target.id, reps=target.reps + 5)
    expected = demo_store.graph_data.stress_vs_volume()
    x, _y = scatter_xy(view)
    assert np.allclose(x, expected.volume_kg[np.isfinite(expected.mean_stress)])
    assert np.isclose(x, strength.volume_kg + 5 * target.load_kg).any()  # the edited session moved
