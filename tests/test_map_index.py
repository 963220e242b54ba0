"""The map index: events encoded once, any selection's payload the same as encoding it afresh."""
from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd
import pytest

from benchmarks.generate import district_stats_frame, map_points_frame
from dashboard.filters import ViewState
from dashboard.map.data import normalise
from dashboard.map.encode import PointEncoder, encode_rows
from dashboard.map.index import IndexedPoints, MapIndex
from dashboard.map.view import build_map
from dashboard.store import EventStore
from tests.map_fixtures import decode_points, decode_rows, fixture_points


def _events(payload: dict) -> Counter:
    """The decoded events of a payload as a multiset."""
    decode = decode_points if "sp" in payload else decode_rows
    return Counter(tuple(sorted(e.items())) for e in decode(payload))


@pytest.fixture(scope="module")
def frame():
    df = map_points_frame(3000, seed=7)
    df.loc[df.index[::17], "notes"] = "x" * 500  # some long notes, shared
    df.loc[df.index[::23], "source_url"] = "javascript:alert(1)"
    df.loc[df.index[::29], "fatalities"] = None
    return normalise(df)


@pytest.mark.parametrize("pick", ["all", "half", "few", "one", "none", "one-place"])
def test_selection_payload_equals_fresh_encoding(frame, pick):
    rng = np.random.default_rng(3)
    n = len(frame)
    rows = {"all": np.arange(n), "half": np.sort(rng.choice(n, n // 2, replace=False)),
            "few": np.sort(rng.choice(n, 40, replace=False)), "one": np.array([5]),
            "none": np.zeros(0, np.int64),
            "one-place": np.flatnonzero((frame["latitude"] == frame["latitude"][0]).to_numpy())}[pick]
    enc = PointEncoder(frame)
    got = enc.payload(rows)
    fresh = encode_rows(frame.iloc[rows].reset_index(drop=True))
    assert got["n"] == fresh["n"] == len(rows)
    assert decode_rows(got) == decode_rows(fresh)  # the same rows, in the order asked for
    assert decode_rows(enc.payload(rows[::-1])) == decode_rows(fresh)[::-1]
    assert len(got["s"]) <= len(set(fresh["s"])) + len(rows) + 1  # only strings this selection uses


def test_notes_share_the_budget_of_the_selection(frame):
    enc = PointEncoder(frame)
    small = enc.payload(np.arange(10), notes_budget=10_000)
    big = enc.payload(None, notes_budget=10_000)  # 3,000 distinct notes: 3 characters each is nothing
    assert any(len(e["notes"]) > 100 for e in decode_rows(small))
    assert {e["notes"] for e in decode_rows(big)} == {""}
    assert all(len(e["notes"]) <= 200 for e in decode_rows(enc.payload(None)))


def test_web_links_only_and_places_as_written(frame):
    events = decode_rows(PointEncoder(frame).payload(None))
    assert not any(e["source_url"].startswith("javascript") for e in events)
    assert [e["location"] for e in events] == frame["location"].tolist()


def test_index_selects_by_id_in_index_order_and_skips_unknown_ids():
    df = map_points_frame(200, seed=2)
    df.insert(0, "event_id", [f"ev-{i}" for i in range(len(df))])
    index = MapIndex(df)
    picked = index.select(np.array(["ev-9", "nope", "ev-3", "ev-150"], dtype=object))
    assert isinstance(picked, IndexedPoints) and len(picked) == 3
    assert picked.rows.tolist() == [3, 9, 150]
    assert picked.frame["location"].tolist() == df["location"].iloc[[3, 9, 150]].str.strip().tolist()
    assert len(index.select([])) == 0 and len(index.all()) == len(df)


def test_build_map_from_the_index_matches_the_frame(gaz_fixture):
    gaz = gaz_fixture
    pts = fixture_points(gaz)
    view = ViewState(layers=("points", "areas", "landmarks"))
    assert pts["event_id"].is_unique
    index = MapIndex(pts, place_names={p: gaz.place(p).name for p in pts["place_id"].dropna()})
    stats = district_stats_frame(pts)
    a = build_map(pts, stats, view, gaz, assets="served")
    b = build_map(index.all(), stats, view, gaz, assets="served")
    assert a.summary == b.summary
    from tests.map_fixtures import payload_of

    assert _events(payload_of(a)) == _events(payload_of(b))


def test_index_from_a_store_follows_pushed_down_filters(tmp_path, gaz_fixture):
    from tests.test_store import SAMPLE

    store = EventStore(f"sqlite:///{tmp_path / 'e.sqlite'}")
    store.insert_events(SAMPLE)
    index = MapIndex.from_store(store, gaz_fixture)
    for view in (ViewState(), ViewState(min_fatalities=5), ViewState(text="nothing like this")):
        picked = index.select(store.located_ids(view))
        direct = store.map_points(view)
        assert len(picked) == len(direct)
        assert sorted(picked.frame["location"]) == sorted(normalise(direct)["location"])


@pytest.fixture(scope="module")
def gaz_fixture():
    from gazetteer import load

    return load()


def test_empty_frame_encodes():
    enc = PointEncoder(normalise(pd.DataFrame()))
    assert enc.payload(None)["n"] == 0 and enc.payload(None)["p"] == []
