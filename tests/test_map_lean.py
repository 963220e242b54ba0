"""The lean index (a million events as numbers, popup text read per view) draws the same map as
the frames it stands in for, in SQLite and PostgreSQL, and follows the pushed-down filters."""
from __future__ import annotations

import uuid
from datetime import date

import numpy as np
import pandas as pd
import pytest

from dashboard.filters import ViewState
from dashboard.map.lean import LeanIndex
from dashboard.map.pages import RowsRequest, parse_request, spot_rows
from dashboard.map.view import build_map
from dashboard.schema import Event
from dashboard.store import EventStore
from tests.map_fixtures import decode_marks, decode_rows, load_gazetteer, payload_of

VIEWS = [ViewState(), ViewState(min_fatalities=2), ViewState(event_types=("Battles",)),
         ViewState(text="market"), ViewState(date_from=date(2016, 3, 1)), ViewState(text="nothing like it"),
         ViewState(coarsen=True, layers=("points", "areas", "heat"))]


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


def events(gaz) -> list[Event]:
    """Events at a few places (several per place, of several types), area-level, city-level
    and unresolved ones, with and without fatalities."""
    places = sorted(gaz.districts(), key=lambda p: p.name)[:6]
    out = []
    for i in range(60):
        p = places[i % 5]
        out.append(Event(event_date=date(2016, 1 + i % 6, 1 + i % 27), event_type=("Battles", "Protests",
                         "Explosions/Remote violence")[i % 3], actor1=f"Actor {i % 7}", location=f"{p.name} ({i})",
                         place_id=p.id, district=p.district, latitude=p.lat, longitude=p.lon,
                         geo_precision=1 if i % 9 else 2, fatalities=None if i % 11 == 0 else i % 4,
                         source=("SOHR", "Reuters", "")[i % 3], notes=("At the market." if i % 4 == 0 else "Shelling."),
                         origin="lean-test"))
    out.append(Event(event_date=date(2016, 2, 2), event_type="Battles", location="Aleppo", latitude=36.2021,
                     longitude=37.1343, geo_precision=3, fatalities=5, origin="lean-test"))
    out.append(Event(event_date=date(2016, 2, 3), event_type="Riots", location="Nowhere Street", fatalities=1,
                     origin="lean-test"))
    return out


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def store(request, gaz, tmp_path_factory):
    if request.param == "sqlite":
        s = EventStore(f"sqlite:///{tmp_path_factory.mktemp('lean') / 'e.sqlite'}")
    else:
        import sqlalchemy as sa

        pg = request.getfixturevalue("pg_url")
        schema = f"test_lean_{uuid.uuid4().hex[:10]}"
        with sa.create_engine(pg.replace("postgresql://", "postgresql+psycopg://", 1)).begin() as c:
            c.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
        s = EventStore(f"{pg}?options=-csearch_path%3D{schema}")
    s.insert_events(events(gaz))
    yield s
    s.close()


@pytest.mark.parametrize("view", VIEWS, ids=[v.describe()[:30] for v in VIEWS])
def test_lean_map_equals_the_frame_map(store, gaz, view):
    lean = LeanIndex.from_store(store, gaz)
    points, stats, totals = lean.select(store.row_keys(view) if view.is_filtered() else None)
    assert totals == store.totals(view)
    want = store.district_stats(view)
    assert stats.reset_index(drop=True).equals(want.reset_index(drop=True)) or stats.values.tolist() == want.values.tolist()
    a = build_map(store.map_points(view), want, view, gaz, total_events=totals[0])
    b = build_map(points, stats, view, gaz, total_events=totals[0])
    assert a.summary == b.summary
    assert (a.bounds is None and b.bounds is None) or np.allclose(a.bounds, b.bounds, atol=1e-5)  # (1e-5 degrees)
    if not a.summary["points"]:
        return
    ma, mb = decode_marks(payload_of(a)), decode_marks(payload_of(b))
    assert [(m["lat"], m["lon"], m["events"], m["mix"], m["place"]) for m in ma] == \
           [(m["lat"], m["lon"], m["events"], m["mix"], m["place"]) for m in mb]
    assert [[(r["event_date"], r["actor1"], r["location"], r["fatalities"]) for r in m["rows"]] for m in ma] == \
           [[(r["event_date"], r["actor1"], r["location"], r["fatalities"]) for r in m["rows"]] for m in mb]


def test_positions_skip_unknown_keys(store, gaz):
    lean = LeanIndex.from_store(store, gaz)
    keys = store.row_keys(ViewState())
    assert len(lean) == len(keys) == 62
    some = keys[[3, 1, 40]]
    extra = np.array([10**9], dtype=keys.dtype) if keys.dtype.kind in "iu" else np.array(["nope"], dtype=object)
    got = lean.positions(np.concatenate([some, extra]))
    assert sorted(lean.keys[got].tolist()) == sorted(some.tolist())


def test_served_rows_are_the_spots_rows_after_the_page(store, gaz):
    view = ViewState(min_fatalities=1)
    m = build_map(store.map_points(view), store.district_stats(view), view, gaz, row_budget=5)
    mark = max(decode_marks(payload_of(m)), key=lambda mk: mk["events"])
    assert mark["shown"] < mark["events"]
    req = parse_request(f"aleppo-rows:{'a' * 16}-{round(mark['lat'] * 1e5)}-{round(mark['lon'] * 1e5)}-0")
    assert req == RowsRequest("a" * 16, round(mark["lat"] * 1e5), round(mark["lon"] * 1e5), 0)
    served = decode_rows(spot_rows(store, view, req))
    assert len(served) == mark["events"]
    assert served[:mark["shown"]] == mark["rows"]  # the page's rows are the first ones, in the same order
    assert [r["event_date"] for r in served] == sorted((r["event_date"] for r in served), reverse=True)
    later = decode_rows(spot_rows(store, view, RowsRequest(req.token, req.lat, req.lon, mark["shown"])))
    assert later == served[mark["shown"]:]


@pytest.mark.parametrize("text", [None, 3, "", "Sheikh Saeed", "aleppo-rows:xyz", "aleppo-rows:" + "a" * 16 + "-1-2",
                                  "aleppo-rows:" + "a" * 16 + "-1-2-3/../../x", "aleppo-rows:" + "g" * 16 + "-1-2-3"])
def test_anything_else_is_not_a_rows_request(text):
    assert parse_request(text) is None


def test_a_big_store_snapshot_reads_numbers_and_matches(store, gaz, monkeypatch):
    import dashboard.share.html_snapshot as hs

    view = ViewState(min_fatalities=1, lang="en")
    small = hs.snapshot_html(store, view, gaz)
    monkeypatch.setattr(hs, "LEAN_ABOVE", 0)
    big = hs.snapshot_html(store, view, gaz)
    import re

    drawn = [re.findall(r"\d+ of \d+ events are drawn as \d+ marks", page) for page in (small, big)]
    assert drawn[0] == drawn[1] and len(drawn[0]) == 1
    counts = [re.search(r'class="cap-counts">([^<]*)<', page).group(1) for page in (small, big)]
    assert counts[0] == counts[1] and "reported fatalities" in counts[0]
    sources = [re.search(r'class="cap-sources">(.*?)</span>', page).group(1) for page in (small, big)]
    assert sources[0] == sources[1] and "Reuters (" in sources[0] and "SOHR (" in sources[0]
