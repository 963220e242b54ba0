"""The event store, on SQLite and on a real PostgreSQL (a fresh schema per test run)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
import pytest

from dashboard.filters import ViewState
from dashboard.schema import EXPORT_COLUMNS, Event
from dashboard.store import MAP_COLUMNS, EventStore, default_url


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    if request.param == "sqlite":
        s = EventStore(tmp_path / "events.sqlite")
    else:
        url = request.getfixturevalue("pg_schema_url")
        s = EventStore(url)
        with s.engine.begin() as c:
            c.exec_driver_sql("DELETE FROM events")
            c.exec_driver_sql("DELETE FROM ingests")
    yield s
    s.close()


def ev(day: int, **kw) -> Event:
    base = dict(event_date=date(2016, 10, day), event_type="Battles", sub_event_type="Armed clash",
                actor1="Military Forces of Syria (2000-)", actor2="Jaish al Fateh", location="Hanano",
                place_id="hanano", district="Hanano", latitude=36.226, longitude=37.201, geo_precision=1,
                fatalities=1, source="SOHR", notes="Clashes in Hanano.")
    base.update(kw)
    return Event(**base)


SAMPLE = [
    ev(1),
    ev(2, event_type="Explosions/Remote violence", sub_event_type="Air/drone strike",
       actor1="Military Forces of Russia (2000-)", actor2="Civilians (Syria)", fatalities=12,
       location="Sheikh Maqsoud", place_id="sheikh-maqsoud", district="Sheikh Maqsoud",
       assoc_actor_1="Hezbollah; Liwa al Quds", notes="Air strike on 100% of the market_place."),
    ev(3, source="Reuters", fatalities=None, geo_precision=2, notes="Shelling reported."),
    ev(4, location="Castello Road", place_id=None, district=None, latitude=None, longitude=None,
       geo_precision=None, notes="Unresolved place."),
    ev(5, location="Aleppo - Bani Zeid", place_id=None, district=None, latitude=36.2021, longitude=37.1343,
       geo_precision=3, notes="City-level coordinates only."),
]


def test_default_url(monkeypatch, tmp_path):
    monkeypatch.setenv("ALEPPO_DB", str(tmp_path / "x.sqlite"))
    assert default_url() == f"sqlite:///{tmp_path / 'x.sqlite'}"
    monkeypatch.delenv("ALEPPO_DB")
    assert default_url().endswith("/var/events.sqlite")


def test_sqlite_pragmas(tmp_path):
    s = EventStore(f"sqlite:///{tmp_path / 'p.sqlite'}")
    with s.engine.connect() as c:
        assert c.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert c.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
        assert c.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL
        names = {r[1] for r in c.exec_driver_sql("PRAGMA index_list(events)")}
    for col in ("event_date", "actor1", "actor2", "event_type", "district", "source", "place_id"):
        assert f"ix_events_{col}" in names
    s.close()


def test_insert_and_duplicates(store):
    assert store.insert_events(SAMPLE) == (5, 0)
    assert store.count() == 5
    again = [ev(1), ev(9)]
    assert store.insert_events(again) == (1, 1)
    assert store.count() == 6
    assert store.insert_events([ev(10), ev(10)]) == (1, 1)  # a duplicate within one batch


def test_query_columns_and_types(store):
    store.insert_events(SAMPLE)
    df = store.query(ViewState())
    assert list(df.columns) == list(EXPORT_COLUMNS)
    assert len(df) == 5 and str(df["event_date"].dtype).startswith("datetime64")
    assert df["event_date"].is_monotonic_decreasing
    assert df.loc[df.notes == "Shelling reported.", "fatalities"].isna().all()
    assert len(store.query(ViewState(), limit=2)) == 2
    pts = store.map_points(ViewState())
    assert list(pts.columns) == list(MAP_COLUMNS)
    assert len(pts) == 4  # the unresolved event has no coordinates
    assert set(pts["event_date"]) >= {"2016-10-01", "2016-10-02"}


@pytest.mark.parametrize("view, expected_days", [
    (ViewState(), [1, 2, 3, 4, 5]),
    (ViewState(date_from=date(2016, 10, 2), date_to=date(2016, 10, 3)), [2, 3]),
    (ViewState(actors=("Civilians (Syria)",)), [2]),
    (ViewState(actors=("Liwa al Quds",)), [2]),  # an associated actor
    (ViewState(actors=("Liwa",)), []),  # whole entries only
    (ViewState(event_types=("Explosions/Remote violence",)), [2]),
    (ViewState(sub_event_types=("Armed clash",)), [1, 3, 4, 5]),
    (ViewState(districts=("Sheikh Maqsoud",)), [2]),
    (ViewState(precisions=(2, 3)), [3, 5]),
    (ViewState(min_fatalities=5), [2]),
    (ViewState(text="MAQSOUD"), [2]),
    (ViewState(text="100%"), [2]),  # LIKE wildcards are literal
    (ViewState(text="market_place"), [2]),
    (ViewState(text="castello"), [4]),
    (ViewState(sources=("Reuters",)), [3]),
    (ViewState(sources=("Reuters",), min_fatalities=1), []),
])
def test_filters_are_pushed_down(store, view, expected_days):
    store.insert_events(SAMPLE)
    days = sorted(d.day for d in store.query(view)["event_date"])
    assert days == expected_days
    assert store.totals(view)[0] == len(expected_days)


def test_stats_totals_facets(store):
    store.insert_events(SAMPLE)
    assert store.totals(ViewState()) == (5, 1 + 12 + 0 + 1 + 1)
    stats = store.district_stats(ViewState())
    assert stats.set_index("district").to_dict("index") == {
        "Hanano": {"events": 2, "fatalities": 1}, "Sheikh Maqsoud": {"events": 1, "fatalities": 12}}
    f = store.facets()
    assert f.min_date == date(2016, 10, 1) and f.max_date == date(2016, 10, 5)
    assert "Civilians (Syria)" in f.actors and "Military Forces of Syria (2000-)" in f.actors
    assert f.sources == ["Reuters", "SOHR"] and f.districts == ["Hanano", "Sheikh Maqsoud"]
    assert f.event_types == ["Battles", "Explosions/Remote violence"]


@dataclass(frozen=True)
class _Place:
    id: str
    name: str
    district: str | None
    precision: int
    lat: float
    lon: float


@dataclass(frozen=True)
class _Match:
    place: _Place


class FakeGazetteer:
    """resolve/district_at only, with an alias table the test can extend."""

    def __init__(self):
        self.names = {"hanano": _Place("hanano", "Hanano", "Hanano", 1, 36.226, 37.201)}

    def resolve(self, name):
        p = self.names.get(name.lower())
        return _Match(p) if p else None

    def district_at(self, lat, lon):
        return None


def test_unresolved_and_regeocode(store):
    store.insert_events(SAMPLE)
    un = store.unresolved()
    assert set(un["location"]) == {"Castello Road", "Aleppo - Bani Zeid"}
    gz = FakeGazetteer()
    assert store.regeocode(gz) == 0
    gz.names["castello road"] = _Place("castello-road", "Castello Road", None, 2, 36.24, 37.15)
    gz.names["bani zeid"] = _Place("bani-zeid", "Bani Zeid", "Rasafeh", 1, 36.23, 37.14)
    assert store.regeocode(gz) == 2
    assert store.unresolved().empty
    df = store.query(ViewState(districts=("Rasafeh",)))
    assert df["place_id"].tolist() == ["bani-zeid"] and df["geo_precision"].tolist() == [1]
    assert df["latitude"].tolist() == [36.23]


def _index_names(s: EventStore) -> set[str]:
    with s.engine.connect() as c:
        return {r[1] for r in c.exec_driver_sql("PRAGMA index_list(events)")}


def test_bulk_load_into_empty_sqlite_rebuilds_indexes(tmp_path):
    from dashboard.store import BULK_MIN

    s = EventStore(tmp_path / "bulk.sqlite")
    before = _index_names(s)
    many = [ev(1 + i % 28, notes=f"event {i}") for i in range(BULK_MIN + 10)]
    with pytest.raises(RuntimeError):  # a failed bulk load leaves the indexes (and no rows)
        with s.transaction() as w:
            w.insert(many)
            assert w._deferred  # the indexes were dropped for the load
            raise RuntimeError("killed")
    assert _index_names(s) == before and s.count() == 0
    assert s.insert_events(many) == (len(many), 0)
    assert _index_names(s) == before
    with s.engine.connect() as c:
        assert c.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        plan = " ".join(str(r) for r in c.exec_driver_sql(
            "EXPLAIN QUERY PLAN SELECT event_id FROM events WHERE district = 'Hanano'"))
    assert "ix_events_district" in plan
    assert s.insert_events(many[:BULK_MIN]) == (0, BULK_MIN)  # not empty now: dedupe as usual
    s.close()


def test_new_sqlite_file_is_made_whole_once(tmp_path):
    from dashboard.store.tables import SQLITE_PAGE_SIZE, create_sqlite_file

    path = tmp_path / "new.sqlite"
    assert create_sqlite_file(path) is True
    assert create_sqlite_file(path) is False  # never replaces an existing store
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.sqlite"]  # no temporary leftovers
    s = EventStore(path)
    with s.engine.connect() as c:
        assert c.exec_driver_sql("PRAGMA page_size").scalar() == SQLITE_PAGE_SIZE
        assert c.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    assert s.insert_events(SAMPLE) == (len(SAMPLE), 0)
    s.close()
    assert EventStore(path).count() == len(SAMPLE)  # reopening keeps the data


def test_result_types_on_every_backend(store):
    store.insert_events(SAMPLE)
    pts = store.map_points(ViewState(), include_id=True)
    assert list(pts.columns) == ["event_id", *MAP_COLUMNS]
    assert {str(pts[c].dtype) for c in ("event_id", "event_type", "place_id", "notes", "event_date")} == {"str"}
    assert str(pts["fatalities"].dtype) == "Int64" and str(pts["geo_precision"].dtype) == "Int64"
    assert str(pts["latitude"].dtype) == "float64"
    by_day = pts.set_index("event_date")
    assert pd.isna(by_day.loc["2016-10-03", "fatalities"]) and by_day.loc["2016-10-02", "fatalities"] == 12
    assert pd.isna(by_day.loc["2016-10-05", "place_id"])  # NULL stays missing, not ""
    q = store.query(ViewState())
    assert str(q["event_date"].dtype) == "datetime64[s]" and str(q["origin_line"].dtype) == "Int64"
    stats = store.district_stats(ViewState())
    assert stats["district"].tolist() == ["Hanano", "Sheikh Maqsoud"]
    assert str(stats["events"].dtype) == "int64" and str(stats["fatalities"].dtype) == "int64"
    empty = store.map_points(ViewState(text="nothing like this"))
    assert empty.empty and list(empty.columns) == list(MAP_COLUMNS)
    assert str(empty["event_type"].dtype) == "str" and str(empty["latitude"].dtype) == "float64"
    empty = store.map_points(ViewState(text="nothing like this"), include_id=True)
    assert empty.empty and str(empty["event_id"].dtype) == "str"
    assert store.located_ids(ViewState(text="nothing like this")).tolist() == []
    located = store.located_ids(ViewState())
    assert sorted(located) == sorted(pts["event_id"]) and located.dtype == object


@pytest.mark.parametrize("rows", [
    [("a", "2016-10-07", 3, 36.2, 1), ("b", "2016-10-08", None, None, None)],
    [("a", date(2016, 10, 7), 3, 36.2, 1), ("b", date(2016, 10, 8), None, None, None)],  # PostgreSQL dates
    [("a", "2016-10-07 00:00:00", 3.0, 36.2, 1), ("b", "2016-10-08", None, None, None)],  # loose values
    [("a", "2016-10-07", 3, 36.2, 1), (7, "2016-10-08", None, "n/a", "x")],  # misfits: the generic path
])
def test_frames_from_rows_are_typed_alike(rows):
    from dashboard.store.frames import frame_from_rows

    cols = ("event_id", "event_date", "fatalities", "latitude", "geo_precision")
    for kinds in ({}, {"event_date": "datetime"}):
        df = frame_from_rows(rows, cols, kinds=kinds)
        assert [str(t) for t in df.dtypes] == ["str", "datetime64[s]" if kinds else "str", "Int64", "float64",
                                               "Int64"]
        assert df["event_id"].tolist()[0] == "a" and df["fatalities"].tolist()[0] == 3
        assert df["latitude"].tolist()[0] == 36.2 and pd.isna(df["latitude"].iloc[1])
        first = df["event_date"].iloc[0]
        assert (first == pd.Timestamp("2016-10-07")) if kinds else (first == "2016-10-07")
    assert frame_from_rows([], cols).empty


@pytest.mark.parametrize("view, index", [
    (ViewState(date_from=date(2016, 10, 2), date_to=date(2016, 10, 3)), "ix_events_event_date"),
    (ViewState(event_types=("Battles",)), "ix_events_event_type"),
    (ViewState(districts=("Hanano", "Sheikh Maqsoud")), "ix_events_district"),
    (ViewState(sources=("Reuters",)), "ix_events_source"),
])
def test_sqlite_filters_use_indexes(tmp_path, view, index):
    import sqlalchemy as sa

    from dashboard.store.tables import events
    from dashboard.store.where import clauses

    s = EventStore(tmp_path / "plan.sqlite")
    s.insert_events(SAMPLE)
    stmt = sa.select(events.c.event_id).where(*clauses(view, sqlite=True), events.c.latitude.is_not(None))
    sql = str(stmt.compile(s.engine, compile_kwargs={"literal_binds": True}))
    with s.engine.connect() as c:
        plan = " ".join(str(r) for r in c.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}"))
    assert index in plan
    s.close()


@pytest.mark.parametrize("text, hits", [("hanano", 2), ("HANANO", 2), ("%", 1), ("_", 0), ("n_n", 0), ("\\", 0),
                                        ("100%", 1), ("حلب", 1)])
def test_text_filter_is_literal_and_ignores_case(store, text, hits):
    store.insert_events([ev(1, notes="Clashes in Hanano."), ev(2, location="hanano east", notes="x"),
                         ev(3, notes="100% of حلب", location="y", district=None, place_id=None)])
    # (event 3 is not at Hanano: a place name in the search also matches the events located there)
    assert store.totals(ViewState(text=text))[0] == hits
    assert len(store.map_points(ViewState(text=text))) == hits
