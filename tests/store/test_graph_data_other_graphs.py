"""The other graphs' reads: rests that ended calmer, like with like, rest days, and whether the data is sample."""

from datetime import date

import pytest

from liftcalm.core.trends import Period
from liftcalm.store.demo import write_demo
from tests.store.test_graph_data import add_session, working


@pytest.fixture
def squat(store):
    return store.exercises.find("Barbell Back Squat").id


def test_session_totals_count_the_rests_that_ended_calmer(store, squat):
    add_session(store, "2026-03-10T18:00:00.000+01:00", [
        working(squat, after=6, end=3),  # relief 3: calmer
        working(squat, after=5, end=3),  # 2: calmer
        working(squat, after=5, end=4),  # 1
        working(squat, after=3, end=6),  # -3: ended more stressed, kept as it is
        working(squat, after=None, end=1),  # no relief
    ])
    (totals,) = store.graph_data.session_totals()
    assert (totals.relief_sum, totals.relief_count, totals.calmer_count) == (3.0, 4, 2)
    weeks = store.graph_data.over_time(Period.WEEK)
    assert weeks.mean_relief.tolist() == [0.75]
    assert (weeks.overall_mean_relief, weeks.overall_relief_sets, weeks.overall_calmer_rests) == (0.75, 4, 2)


def test_relief_below_0_is_read_as_it_is(store, squat):
    add_session(store, "2026-03-10T18:00:00.000+01:00", [working(squat, after=2, end=7)])
    assert store.graph_data.over_time(Period.DAY).mean_relief.tolist() == [-5.0]


def test_rest_days_are_never_graph_points(store, squat):
    add_session(store, "2026-03-10T18:00:00.000+01:00", [working(squat, after=5)], before=5, final=4)
    add_session(store, "2026-03-11T18:00:00.000+01:00", kind="rest", before=8)  # a low day, no sets
    add_session(store, "2026-03-12T07:00:00.000+01:00", kind="calm", before=6, final=3)
    data = store.graph_data
    assert [t.day for t in data.session_totals()] == ["2026-03-10"]
    assert [r.kind for r in data.session_ratings()] == ["strength", "calm"]
    assert sum(bar.n for bar in data.strength_vs_calm().bars) == 2
    assert data.over_time(Period.DAY).sessions.tolist() == [1]


def test_strength_vs_calm_bars_from_the_store(store, squat):
    for day in (5, 6, 7):
        add_session(store, f"2026-01-0{day}T18:00:00.000+01:00", [working(squat)], before=5, final=day - 3)
    add_session(store, "2026-01-08T07:00:00.000+01:00", kind="calm", before=5, final=2)
    add_session(store, "2026-01-09T07:00:00.000+01:00", kind="calm", before=5, final=None)  # left out
    bars = {(bar.band, bar.kind): bar for bar in store.graph_data.strength_vs_calm().bars}
    strength, calm = bars[("4-6", "strength")], bars[("4-6", "calm")]
    assert (strength.n, strength.mean_change, strength.enough) == (3, -2.0, True)  # (2 + 3 + 4) / 3 - 5
    assert (calm.n, calm.mean_change, calm.enough) == (1, -3.0, False)
    assert bars[("0-3", "strength")].n == 0 and bars[("0-3", "strength")].mean_change is None


def test_is_sample_when_every_session_is_the_samples(store, squat):
    assert not store.graph_data.is_sample()  # nothing at all is not sample data
    write_demo(store, years=0.1, seed=1, end=date(2026, 6, 1))
    assert store.graph_data.is_sample()
    add_session(store, "2026-06-01T18:00:00.000+02:00", [working(squat)])  # the person's own ('liftcalm')
    assert not store.graph_data.is_sample()



def test_the_sample_source_is_the_demos():
    from liftcalm.store.demo import DEMO_SOURCE
    from liftcalm.store.graph_data import SAMPLE_SOURCE

    assert SAMPLE_SOURCE == DEMO_SOURCE
