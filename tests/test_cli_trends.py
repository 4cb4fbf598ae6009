"""`liftcalm trends`: the Graphs page's figures as one JSON object, the same numbers, no Qt."""

import json
import subprocess
import sys
from datetime import date

import pytest

from liftcalm.cli import main
from liftcalm.core.trends import GraphFilter
from liftcalm.store import Store
from liftcalm.store.demo import write_demo


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("trends") / "demo.db"
    with Store(path) as store:
        write_demo(store, years=1, seed=5, end=date(2026, 6, 1))
    return path


def trends(capsys, *args):
    code = main(["trends", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_the_figures_are_the_graphs_own(demo, capsys):
    code, out, err = trends(capsys, "--db", str(demo), "--from", "2026-01-01", "--to", "2026-05-31")
    assert code == 0 and err == ""
    figures = json.loads(out)
    points = figures["tolerance"]["points"]
    with Store(demo) as store:
        shown = store.graph_data.tolerance(GraphFilter(start=date(2026, 1, 1), end=date(2026, 5, 31)))
        fit = store.graph_data.stress_vs_volume(GraphFilter(start=date(2026, 1, 1), end=date(2026, 5, 31)))
    assert [p["date"] for p in points] == [p.date.isoformat() for p in shown.points] and points
    assert all(p["low"] <= p["value"] <= p["high"] and p["n"] >= 20 for p in points)
    assert [p["value"] for p in points] == [p.value for p in shown.points]
    assert figures["tolerance"]["left_out"] == shown.left_out.total
    volume = figures["stress_vs_volume"]
    assert set(volume) == {"n", "slope", "r", "r_low", "r_high", "shown"} and volume["n"] == fit.n
    assert (figures["from"], figures["to"]) == ("2026-01-01", "2026-05-31")


def test_a_history_too_short_says_so_in_its_figures(tmp_path, capsys):
    path = tmp_path / "thin.db"
    with Store(path) as store:
        write_demo(store, years=0.02, seed=1, end=date(2026, 6, 1))  # a week: too little for a usual
    code, out, _ = trends(capsys, "--db", str(path))
    figures = json.loads(out)
    assert code == 0 and figures["tolerance"]["points"] == [] and not figures["tolerance"]["enough"]
    assert not figures["stress_vs_volume"]["shown"] and figures["stress_vs_volume"]["slope"] is None


def test_problems_are_one_line_and_a_non_zero_exit(tmp_path, demo, capsys):
    code, out, err = trends(capsys, "--db", str(tmp_path / "none.db"))
    assert code == 1 and out == "" and err.strip() == f"liftcalm trends: {tmp_path / 'none.db'}: no database there"
    code, _, err = trends(capsys, "--db", str(demo), "--from", "2026-05-01", "--to", "2026-04-01")
    assert code == 1 and "is after" in err and err.count("\n") == 1
    with pytest.raises(SystemExit) as exit_:
        main(["trends", "--db", str(demo), "--from", "1 May"])
    assert exit_.value.code == 2


def test_trends_never_loads_qt(demo):
    code = ("import sys\nfrom liftcalm.cli import main\nmain(['trends', '--db', sys.argv[1]])\n"
            "print(any(m.startswith('PySide6') for m in sys.modules), file=sys.stderr)")
    result = subprocess.run([sys.executable, "-c", code, str(demo)], capture_output=True, text=True, timeout=60)
    assert result.stderr.strip() == "False" and json.loads(result.stdout)["tolerance"]
