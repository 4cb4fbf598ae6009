"""The other graphs as a person sees them: the trend's n and interval, routine colours, relief below 0,
like with like, how each graph is computed, and exports that say they are sample data."""

import csv
from datetime import date, timedelta

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from liftcalm.core import trends
from liftcalm.store.demo import write_demo
from liftcalm.ui.charts.graphs_view import GraphsView
from tests.store.test_graph_data import add_routine, add_session, working

TODAY = date(2026, 6, 1)
TABS = {"stress_volume": 0, "over_time": 1, "tolerance": 2, "exercise": 3, "strength_calm": 4}


@pytest.fixture
def open_graphs(qtbot):
    def open_(store, tab="stress_volume"):
        view = GraphsView(store, today=TODAY)
        qtbot.addWidget(view)
        view.resize(1000, 650)
        view.show()
        with qtbot.waitSignal(view.graph_drawn, timeout=10_000):
            view.page_shown()
        if TABS[tab]:
            with qtbot.waitSignal(view.graph_drawn, timeout=10_000):
                view.tabs.setCurrentIndex(TABS[tab])
        return view

    return open_


@pytest.fixture
def squat(store):
    return store.exercises.find("Barbell Back Squat").id


def day(index):
    return f"{date(2026, 1, 1) + timedelta(days=2 * index)}T18:00:00.000+01:00"


def add_stress_sessions(store, squat, stresses, routines=("Legs",)):
    """One strength session per stress rating, two days apart, each 10 kg heavier (5 reps): 50 kg more volume."""
    ids = {name: add_routine(store, name) for name in dict.fromkeys(routines)}
    for i, stress in enumerate(stresses):
        name = routines[i % len(routines)]
        add_session(store, day(i), [working(squat, 100.0 + 10 * i, after=stress)], routine_id=ids[name],
                    routine_name=name)


def note(view, key):
    return view.graphs[key].note.text()


def fit_line_points(view):
    x, _ = view.graphs["stress_volume"].fit_line.getData()
    return 0 if x is None else len(x)


# Stress vs volume

def test_the_trend_line_needs_twelve_sessions(store, squat, open_graphs):
    add_stress_sessions(store, squat, [2 + i // 2 for i in range(11)])  # a clear rise, but eleven sessions
    view = open_graphs(store)
    assert "Not enough sessions for a trend yet (11 of 12 rated sessions)." in note(view, "stress_volume")
    assert fit_line_points(view) == 0
    assert "r = " not in note(view, "stress_volume")


def test_a_clear_relation_reports_r_with_its_95_percent_interval_and_n(store, squat, open_graphs):
    add_stress_sessions(store, squat, [2 + i // 2 for i in range(14)])
    view = open_graphs(store)
    result = store.graph_data.stress_vs_volume()
    assert result.shown and result.r_low > 0
    text = note(view, "stress_volume")
    assert "Least-squares line: +" in text
    assert f"r = {result.r:.2f} (95% interval {result.r_low:.2f} to {result.r_high:.2f}), n = 14" in text
    assert fit_line_points(view) == 2


def test_an_interval_that_spans_0_says_no_clear_relation_yet(store, squat, open_graphs):
    add_stress_sessions(store, squat, [2, 8] * 6)  # up and down, whatever the volume
    view = open_graphs(store)
    result = store.graph_data.stress_vs_volume()
    assert result.r_low < 0 < result.r_high
    text = note(view, "stress_volume")
    assert text.startswith("No clear relation yet: r = ")
    assert f"(95% interval {result.r_low:.2f} to {result.r_high:.2f}), n = 12" in text
    assert "Least-squares line" not in text and "slope" not in text
    assert fit_line_points(view) == 0


def test_the_caption_says_the_line_describes_and_does_not_explain(store, squat, open_graphs):
    from liftcalm.ui.charts.plots import STRESS_VOLUME_CAPTION

    add_stress_sessions(store, squat, [2 + i // 2 for i in range(14)])
    view = open_graphs(store)
    assert STRESS_VOLUME_CAPTION in note(view, "stress_volume")
    assert "change over time" in STRESS_VOLUME_CAPTION and "does not explain" in STRESS_VOLUME_CAPTION


def colours(graph):
    return [brush.color().getRgb()[:3] for brush in graph.scatter.data["brush"]]


def test_points_can_be_coloured_by_routine_with_a_legend(store, squat, open_graphs, qtbot):
    routines = ("Push", "Legs", "Pull", "Legs")  # Legs twice as often: listed first
    add_stress_sessions(store, squat, [3, 4, 5, 6, 5, 4, 3, 4], routines)
    view = open_graphs(store)
    graph = view.graphs["stress_volume"]
    assert view.routine_colour_box.isVisible() and not view.routine_colour_box.isChecked()
    by_date = colours(graph)
    assert len(set(by_date)) > 3  # light to dark by date: the default
    assert not graph.legend.isVisible()

    qtbot.mouseClick(view.routine_colour_box, Qt.MouseButton.LeftButton)
    assert graph.by_routine
    by_routine = colours(graph)
    names = [routines[i % 4] for i in range(8)]
    for name in set(names):
        assert len({c for c, n in zip(by_routine, names) if n == name}) == 1, name
    assert len(set(by_routine)) == 3
    symbols = list(graph.scatter.data["symbol"])
    assert len({s for s, n in zip(symbols, names) if n == "Legs"}) == 1 and len(set(symbols)) == 3
    assert graph.legend.isVisible()
    assert [label.text for _sample, label in graph.legend.items] == ["Legs", "Pull", "Push"]
    assert "Colour and shape show the routine." in note(view, "stress_volume")

    qtbot.mouseClick(view.routine_colour_box, Qt.MouseButton.LeftButton)
    assert colours(graph) == by_date and not graph.legend.isVisible()
    assert "older (faint) to newer (strong)" in note(view, "stress_volume")


def test_routine_colours_are_the_colour_blind_safe_palette(store, squat, open_graphs, qtbot):
    from liftcalm.ui.charts import plots

    okabe_ito = {(230, 159, 0), (86, 180, 233), (0, 158, 115), (0, 114, 178), (213, 94, 0), (204, 121, 167),
                 (240, 228, 66), (0, 0, 0)}
    assert set(plots._ROUTINE_COLOURS) == okabe_ito
    names = tuple(f"Routine {i}" for i in range(10))  # two more than there are colours
    add_stress_sessions(store, squat, [4] * 10, names)
    view = open_graphs(store)
    qtbot.mouseClick(view.routine_colour_box, Qt.MouseButton.LeftButton)
    graph = view.graphs["stress_volume"]
    labels = [label.text for _sample, label in graph.legend.items]
    assert len(labels) == 9 and labels[-1] == "2 other routines"
    assert colours(graph)[-2:] == [(150, 150, 150)] * 2


# Relief over time

def test_relief_below_0_is_shown_not_cut_off(store, squat, open_graphs):
    add_session(store, day(0), [working(squat, after=2, end=6), working(squat, after=3, end=6)])  # -4, -3
    add_session(store, day(5), [working(squat, after=7, end=3), working(squat, after=5, end=4)])  # 4, 1
    view = open_graphs(store, "over_time")
    graph = view.graphs["over_time"]
    low, high = graph.ratings_box.viewRange()[1]
    assert low <= -3.5 and high >= 10  # the week's mean relief, -3.5, is inside the axis
    assert np.nanmin(graph.relief.getData()[1]) == -3.5
    text = note(view, "over_time")
    assert "Mean relief -0.5 points over 4 rests; rests that ended calmer by 2 points or more: 1 of 4." in text
    assert graph.series()[0][-1] == "rests_calmer_by_2"


def test_without_negative_relief_the_ratings_axis_starts_at_0(store, squat, open_graphs):
    add_session(store, day(0), [working(squat, after=7, end=3)])
    view = open_graphs(store, "over_time")
    assert -1 < view.graphs["over_time"].ratings_box.viewRange()[1][0] <= 0  # 0, with the usual margin


# Strength vs calm

def test_strength_vs_calm_compares_sessions_that_started_alike(store, squat, open_graphs):
    for i in range(3):
        add_session(store, day(i), [working(squat)], before=5, final=2 + i)  # strength 4-6: -3, -2, -1, n = 3
        add_session(store, day(10 + i), kind="calm", before=8, final=4)  # calm 7-10: -4, n = 3
    for i in range(2):
        add_session(store, day(20 + i), kind="calm", before=5, final=2)  # calm 4-6: two, too few
    view = open_graphs(store, "strength_calm")
    graph = view.graphs["strength_calm"]
    assert graph.stack.currentWidget() is graph.plot_widget
    assert list(graph.bars.opts["x"]) == [3, 7]  # strength in 4-6, calm in 7-10; nothing at 0 elsewhere
    assert list(graph.bars.opts["height"]) == [pytest.approx(-2.0), pytest.approx(-4.0)]
    # The 95 % interval of strength's mean change: sd 1 over 3 sessions, t(2) = 4.303: -2 -+ 4.303 / sqrt(3).
    half = 4.303 / np.sqrt(3)
    assert graph.intervals.opts["top"][0] == pytest.approx(half, abs=1e-3)
    assert graph.intervals.opts["bottom"][0] == pytest.approx(half, abs=1e-3)
    ticks = dict(graph.plot_item.getAxis("bottom")._tickLevels[0])
    assert ticks[3] == "Strength\nn = 3" and ticks[4] == "Calm\nn = 2, too few" and ticks[0] == "Strength\nno sessions"
    text = note(view, "strength_calm")
    assert "Started at 4-6: strength -2.0 (95% interval -4.5 to +0.5; from 5.0 to 3.0, n = 3), calm: only 2." in text
    assert "left out, not drawn at 0" in text
    header, rows = graph.series()
    assert header[:3] == ["stress_before_band", "kind", "sessions"] and len(rows) == 6
    assert ["4-6", "calm", 2, "5.00", "2.00", "-3.00", "-3.00", "-3.00", False] in rows
    assert ["0-3", "strength", 0, "", "", "", "", "", False] in rows  # no mean, not 0


def test_strength_vs_calm_says_not_enough_data_when_no_bar_has_three(store, squat, open_graphs):
    add_session(store, day(0), [working(squat)], before=5, final=3)
    add_session(store, day(1), kind="calm", before=5, final=2)
    view = open_graphs(store, "strength_calm")
    graph = view.graphs["strength_calm"]
    assert graph.stack.currentWidget() is graph.message
    assert graph.message.text().startswith("Not enough data yet")
    assert len(graph.bars.opts["x"]) == 0


# How each graph is computed

@pytest.mark.parametrize("key, method", [("stress_volume", "STRESS_VOLUME_METHOD"), ("over_time", "OVER_TIME_METHOD"),
                                         ("exercise", "EXERCISE_METHOD"), ("strength_calm", "STRENGTH_CALM_METHOD")])
def test_each_graph_shows_how_it_is_computed(store, squat, open_graphs, key, method):
    add_stress_sessions(store, squat, [4, 5])
    view = open_graphs(store)
    graph = view.graphs[key]
    view.tabs.setCurrentIndex(TABS[key])
    assert graph.method.text() == getattr(trends, method)
    assert graph.method.isVisible()


# Sample data in exports

@pytest.fixture
def demo_store(store):
    write_demo(store, years=0.5, seed=3, end=TODAY)
    return store


def test_a_sample_csv_says_so_in_a_column_every_reader_keeps(demo_store, open_graphs, tmp_path):
    view = open_graphs(demo_store)
    assert view.sample
    path = tmp_path / "sample.csv"
    view.export_csv(path)
    assert path.read_text(encoding="utf-8").startswith("sample_data,date,session_id,")
    with open(path, newline="", encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    assert rows and {row["sample_data"] for row in rows} == {trends.SAMPLE_NOTE}
    _header, series = view.graphs["stress_volume"].series()
    assert [row["session_id"] for row in rows] == [str(row[1]) for row in series]


def test_an_own_history_exports_without_the_sample_column(store, squat, open_graphs, tmp_path):
    add_stress_sessions(store, squat, [4, 5, 6])
    view = open_graphs(store)
    assert not view.sample
    view.export_csv(tmp_path / "own.csv")
    assert (tmp_path / "own.csv").read_text(encoding="utf-8").startswith("date,session_id,")


def caption_pixels(path):
    """Pixels in the top 40 rows of the image in the sample caption's dark amber (#8a4b00, antialiased)."""
    image = QImage(str(path))
    assert not image.isNull()
    count = 0
    for y in range(min(40, image.height())):
        for x in range(0, image.width(), 2):
            red, green, blue = image.pixelColor(x, y).getRgb()[:3]
            if red > 100 and 40 < green < 110 and blue < 60 and red > 1.4 * green:
                count += 1
    return count


@pytest.mark.parametrize("tab", ["stress_volume", "over_time", "strength_calm"])
def test_a_sample_png_carries_a_visible_caption(demo_store, open_graphs, tmp_path, tab):
    view = open_graphs(demo_store, tab)
    graph = view.graphs[tab]
    assert graph.plot_item.titleLabel.isVisible() and graph.plot_item.titleLabel.text == trends.SAMPLE_NOTE
    view.export_png(tmp_path / "sample.png")
    assert caption_pixels(tmp_path / "sample.png") > 30


def test_an_own_png_has_no_sample_caption(store, squat, open_graphs, tmp_path):
    add_stress_sessions(store, squat, [4, 5, 6])
    view = open_graphs(store)
    assert not view.graphs["stress_volume"].plot_item.titleLabel.isVisible()
    view.export_png(tmp_path / "own.png")
    assert caption_pixels(tmp_path / "own.png") == 0


# Rest days

def test_rest_days_are_never_points(store, squat, open_graphs):
    add_stress_sessions(store, squat, [4, 5, 6])
    for i in range(3):
        add_session(store, day(30 + i), kind="rest", before=8)
    view = open_graphs(store)
    assert view.graphs["stress_volume"].point_count() == 3
    assert sum(bar.n for bar in store.graph_data.strength_vs_calm().bars) == 0


def test_each_graph_offers_its_own_options_in_the_bar(store, squat, open_graphs, qtbot):
    add_stress_sessions(store, squat, [4, 5])
    view = open_graphs(store)
    assert view.routine_colour_box.isVisible()
    assert not view.rolling_box.isVisible() and not view.period_box.isVisible()
    with qtbot.waitSignal(view.graph_drawn, timeout=10_000):
        view.tabs.setCurrentIndex(TABS["over_time"])
    assert not view.routine_colour_box.isVisible()
    assert view.rolling_box.isVisible() and view.period_box.isVisible() and view.period_label.isVisible()


# Stress tolerance against the person's usual

def test_tolerance_says_what_it_needs_below_its_minimum(store, squat, open_graphs):
    add_stress_sessions(store, squat, [5, 6, 4])  # 3 rated sets: far from a usual
    view = open_graphs(store, "tolerance")
    graph = view.graphs["tolerance"]
    assert graph.stack.currentWidget() is not graph.plot_widget
    assert "40 rated working sets over 5 sessions" in graph.message.text()
    assert note(view, "tolerance") == ("So far 0 rated working sets over 0 sessions can be compared. Sets left out: "
                                       "3 sets of exercises rated fewer than 10 times.")


def test_tolerance_draws_each_point_with_its_interval_and_n(open_graphs, store, qtbot):
    write_demo(store, years=0.5, seed=3, end=TODAY)
    view = open_graphs(store, "tolerance")
    graph = view.graphs["tolerance"]
    assert graph.stack.currentWidget() is graph.plot_widget
    points = graph._points
    assert len(points) > 10
    value = graph.curve.getData()[1]
    finite = np.isfinite(value)
    assert finite.sum() == len(points)
    runs = graph.band_runs()
    assert len(runs) == 1 + (~finite).sum()  # a gap in the weeks breaks the band too
    low, high = np.concatenate([r[0] for r in runs]), np.concatenate([r[1] for r in runs])
    assert (low <= value[finite]).all() and (value[finite] <= high).all()
    assert graph.plot_item.getViewBox().childrenBounds()[0][0] > graph.curve.getData()[0][0] - 7 * 86400  # no 1970
    x = graph.curve.getData()[0][finite][4]
    tip = graph.curve.scatter.opts["tip"](x=x, y=0.0, data=None)
    assert f"n = {points[4].n_sets} sets in {points[4].n_sessions} sessions" in tip and "95% interval" in tip
    header, rows = graph.series()
    assert header[:4] == ["week_ending", "value", "low_95", "high_95"] and len(rows) == len(points)
    squat = store.exercises.find("Barbell Back Squat").id
    with qtbot.waitSignal(view.graph_drawn, timeout=10_000):
        view.exercise_box.setCurrentIndex(view.exercise_box.findData(squat))
    assert "Each point needs 10 rated sets" in note(view, "tolerance") and graph._points


def test_the_exercise_graph_counts_its_records_and_sessions_in_words_that_fit_the_number(store, squat, open_graphs,
                                                                                        qtbot):
    add_stress_sessions(store, squat, [4])
    view = open_graphs(store, "exercise")
    with qtbot.waitSignal(view.graph_drawn, timeout=10_000):
        view.exercise_box.setCurrentIndex(view.exercise_box.findData(squat))
    assert note(view, "exercise").startswith("1 record among 1 session. ")


def add_dip_sessions(store, dips, count):
    """Sessions of dips, 10 reps with 5 kg on a belt, rated 5 after each set; no body weight given yet."""
    for i in range(count):
        add_session(store, day(i), [working(dips, 5.0, after=5, reps=10)])


@pytest.mark.parametrize("tab", ["stress_volume", "over_time"])
def test_volume_graphs_say_how_many_sets_were_left_out_for_want_of_a_body_weight(store, open_graphs, tab):
    dips = store.exercises.find("Dips").id
    add_dip_sessions(store, dips, 3)
    view = open_graphs(store, tab)
    assert "3 working sets without a known load left out of the volume" in note(view, tab)


def test_a_bodyweight_lift_shows_its_body_weight_and_belt_on_the_exercise_graph(store, open_graphs, qtbot):
    from datetime import date as day_of

    dips = store.exercises.find("Dips").id
    add_dip_sessions(store, dips, 2)
    store.planning.set_body_weight(day_of(2025, 12, 1), 75.0)
    view = open_graphs(store, "exercise")
    with qtbot.waitSignal(view.graph_drawn, timeout=10_000):
        view.exercise_box.setCurrentIndex(view.exercise_box.findData(dips))
    graph = view.graphs["exercise"]
    assert graph._tips[0] == f"{date(2026, 1, 1)}: estimated 1RM 106.7 kg, from 10 × BW + 5 kg (a record)"  # 80 x 4/3
    assert graph._header[4] == "added_load_kg" and graph._rows[0][4] == "5.00"
    assert "without a known load" not in note(view, "stress_volume")


def test_hovering_a_period_of_the_over_time_graph_tells_its_figures_with_their_n(store, squat, open_graphs):
    add_stress_sessions(store, squat, [4, 6])  # 1 and 3 January 2026: one ISO week, 500 + 550 kg
    view = open_graphs(store, "over_time")
    graph = view.graphs["over_time"]
    (x,) = graph._tip_x
    week = graph._rows[0][0]  # the CSV's label for the bucket
    assert week == "2026-W01"
    expected = f"{week}: volume load 1,050 kg in 2 sessions; mean stress after sets 5.0 (n = 2 rated sets); " \
               "no relief rated"
    assert graph.tip_at(x) == expected
    assert graph.tip_at(x + 3 * 86400) == expected  # anywhere over the week's bar
    assert graph.tip_at(x + 5 * 86400) == ""  # beside it: nothing


def test_moving_the_mouse_over_a_period_shows_its_tool_tip(store, squat, open_graphs, monkeypatch):
    """What the graph asks of Qt's tool tip as the mouse moves (seen on screen by hand, under Xvfb)."""
    from PySide6.QtCore import QPointF
    from PySide6.QtWidgets import QToolTip

    asked = []
    monkeypatch.setattr(QToolTip, "showText", lambda _pos, text, widget: asked.append((text, widget)))
    monkeypatch.setattr(QToolTip, "hideText", lambda: asked.append(None))
    add_stress_sessions(store, squat, [4, 6])
    view = open_graphs(store, "over_time")
    graph = view.graphs["over_time"]
    (x,) = graph._tip_x
    graph._on_mouse_moved(graph.plot_item.vb.mapViewToScene(QPointF(x, 500.0)))  # as the scene reports a move
    graph._on_mouse_moved(graph.plot_item.vb.mapViewToScene(QPointF(x + 10 * 86400, 500.0)))  # beside the week
    (text, widget), hidden = asked
    assert text.startswith("2026-W01: volume load 1,050 kg in 2 sessions") and hidden is None
    assert widget is graph.plot_widget.viewport()  # where the mouse is: a tip on the plot widget never showed
