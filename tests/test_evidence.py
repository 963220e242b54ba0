"""Damage assessments are evidence, not events: detected by their columns, stored in their own
table (SQLite and PostgreSQL), filtered by imagery window, never counted as events."""
from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest

import gazetteer
from dashboard.evidence import CREDIT, DamageSite
from dashboard.evidence.reader import is_damage_table, parse_level
from dashboard.filters import ViewState
from dashboard.ingest import ingest_file, ingest_path
from dashboard.store import EventStore

DATA = Path(__file__).resolve().parent.parent / "dashboard" / "data"
CSR = DATA / "damage-sites-2013-2015.csv"
UNOSAT = DATA / "unosat-damage-2015.csv"
CSR_HEADER = ("OBJECTID,SiteID,DamageID1,ConfidenceID,SensorDate,SensorID,Settlement_Name,DamageCause,DatePeriod,"
              "CountyID,Shape_Length,Shape_Area,Lat,Long,DatePeriodStart,DatePeriodEnd,Start Dt,End Dt,Radius (m)")


@pytest.fixture(scope="module")
def gz():
    return gazetteer.load()


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    if request.param == "sqlite":
        s = EventStore(tmp_path / "events.sqlite")
    else:
        s = EventStore(request.getfixturevalue("pg_schema_url"))
        with s.engine.begin() as c:
            for table in ("events", "damage_sites", "ingests"):
                c.exec_driver_sql(f"DELETE FROM {table}")
    yield s
    s.close()


@pytest.mark.parametrize("header, expected", [
    (CSR_HEADER, True),
    ("neighbourhood,lat,lon,sensor_date,damage_code,site_type,sensor", True),
    ("FID,Main_Damage_Site_Class,SensorDate,Latitude,Longitude", True),
    ("SiteID,Damage_Level,Image_Date,Pre_Image_Date,lat,lng", True),
    ("lat,lon,date,damage", False),  # no imagery date: an ordinary table, not an assessment
    ("event_date,event_type,damage_code,sensor_date,lat,lon", False),  # an event column: events
    ("event_id_cnty,event_date,event_type,actor1,latitude,longitude,fatalities", False),  # ACLED
    ("damage_code,sensor_date,place", False),  # no coordinates
])
def test_damage_files_are_recognised_by_their_columns(header, expected):
    assert is_damage_table(header.split(",")) is expected


@pytest.mark.parametrize("value, level", [
    ("1", 1), ("2", 2), ("3.0", 3), ("6", 6), ("Destroyed (bld)", 1), ("Severe Damage (bld)", 2),
    ("moderate damage", 3), ("Possible Damage", 6), ("Impact Crater (Damage to Field)", None),
    ("Large Impact Site (To assess further for munition type/attribution)", None), ("Unknown / Uncertain", None),
])
def test_damage_levels_follow_unosat_codes(value, level):
    assert parse_level(value) == (level, value)


@pytest.mark.parametrize("value, reason", [("4", "unknown damage code"), ("", "missing damage class"),
                                           ("No Visible Damage", "no damage")])
def test_unusable_damage_classes(value, reason):
    with pytest.raises(ValueError, match=reason):
        parse_level(value)


def test_bundled_csr_sites_are_evidence_with_their_imagery_window(store, gz):
    r = ingest_path(store, CSR, gazetteer=gz, source=CREDIT)
    assert (r.read, r.loaded, r.rejected, r.duplicates, r.kind) == (3365, 3365, 0, 0, "damage sites")
    assert store.count() == 0 and store.totals() == (0, 0)  # not one event
    assert store.query().empty and store.facets().actors == []
    sites = store.damage_points(columns=("latitude", "longitude", "window_start", "window_end", "damage_level",
                                         "damage", "cause", "district", "source", "sensor"))
    assert len(sites) == 3365 and set(sites.source) == {CREDIT}
    assert (sites.window_start <= sites.window_end).all()
    before = sites[(sites.window_start == "2001-01-01") & (sites.window_end == "2013-10-31")]
    assert len(before) == 338  # "Before 31OCT13": any time before that image
    assert sites.damage_level.value_counts().to_dict() == {1: 2989, 2: 115, 3: 1}
    assert sites.damage_level.isna().sum() == 3365 - 2989 - 115 - 1  # craters, impact sites, unknown
    assert sites.district.notna().sum() > 2500
    assert sites.damage.value_counts()["Destroyed (bld)"] == 2989  # the class as written, kept
    again = ingest_path(store, CSR, gazetteer=gz, source="another name")
    assert (again.loaded, again.duplicates) == (0, 3365)  # re-ingest adds nothing


def test_unosat_points_load_with_the_image_day_as_window(store, gz):
    r = ingest_path(store, UNOSAT, gazetteer=gz, source=CREDIT)
    assert (r.read, r.loaded, r.rejected) == (14058, 14058, 0)
    sites = store.damage_points(columns=("window_start", "window_end", "damage_level", "place", "sensor"))
    assert sites.damage_level.value_counts().to_dict() == {2: 6879, 3: 4277, 1: 2878, 6: 24}
    assert set(sites.window_end) == {"2015-04-26", "2015-05-01"} and (sites.window_start == sites.window_end).all()
    assert set(sites.sensor) == {"Pleiades"} and "Handarat" in set(sites.place)


def test_a_date_range_shows_the_sites_whose_window_overlaps_it(store, gz):
    ingest_path(store, CSR, gazetteer=gz)
    ingest_path(store, UNOSAT, gazetteer=gz)
    total = store.damage_count()
    assert total == 3365 + 14058
    day = ViewState(date_from=date(2015, 4, 26), date_to=date(2015, 4, 26))
    sites = store.damage_points(day, columns=("window_start", "window_end"))
    assert len(sites) == store.damage_count(day) and (sites.window_start <= "2015-04-26").all()
    assert (sites.window_end >= "2015-04-26").all() and len(sites) >= 13668
    assert store.damage_count(ViewState(date_from=date(2016, 1, 1))) == 0
    assert store.damage_count(ViewState(date_to=date(2012, 1, 1))) == 338  # only the "before 31 Oct 2013" sites
    by = store.damage_by_district(day)
    hanano = ViewState(date_from=day.date_from, date_to=day.date_to, districts=("Hanano",))
    assert store.damage_count(hanano) == int(by.set_index("district").loc["Hanano", "damage"]) > 0
    # The event filters say nothing about damage sites.
    assert store.damage_count(ViewState(actors=("Military Forces of Syria",), event_types=("Battles",),
                                        min_fatalities=3, text="x")) == total


def test_bad_rows_are_named_and_the_rest_load(store, gz):
    content = ("neighbourhood,lat,lon,sensor_date,damage_code,site_type,sensor\n"
               "Hanano,36.226,37.201,2015/04/26,1,Building,Pleiades\n"
               "Hanano,36.226,,2015/04/26,1,Building,Pleiades\n"
               "Hanano,36.227,37.202,2015/13/45,2,Building,Pleiades\n"
               "Hanano,36.228,37.203,2015/04/26,4,Building,Pleiades\n"
               "Damascus,33.51,36.29,2015/04/26,2,Building,Pleiades\n"
               "Hanano,36.229,37.204,2015/04/26,3,Building,Pleiades\n")
    r = ingest_file(store, io.BytesIO(content.encode()), name="mine.csv", gazetteer=gz)
    assert (r.read, r.loaded, r.rejected, r.outside) == (6, 2, 4, 1)
    got = {(p.line, p.field) for p in r.problems}
    assert got == {(3, "lon"), (4, "sensor_date"), (5, "damage_code"), (6, "lat")}
    assert all(p.file == "mine.csv" for p in r.problems)
    assert store.count() == 0 and store.damage_count() == 2


def test_a_window_that_ends_before_it_starts_is_a_problem(store, gz):
    content = (CSR_HEADER + "\n" + "1,Road,Destroyed (bld),Medium,10/31/2013,Worldview-2,Aleppo,Unknown,x,760,0,0,"
               "36.2,37.15,11/1/13,10/31/13,0,0,40\n")
    r = ingest_file(store, io.BytesIO(content.encode()), name="w.csv", gazetteer=gz)
    assert r.loaded == 0 and [(p.line, p.field) for p in r.problems] == [(2, "DatePeriodStart")]


def test_geojson_damage_assessment(store, gz):
    fc = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [37.201, 36.226]},
         "properties": {"Main_Damage_Site_Class": 2, "SensorDate": "2016-09-18", "Pre_Image_Date": "2016-09-01"}},
        {"type": "Feature", "geometry": None, "properties": {"Main_Damage_Site_Class": 1, "SensorDate": "2016-09-18"}},
    ]}
    r = ingest_file(store, io.BytesIO(json.dumps(fc).encode()), name="sites.geojson", gazetteer=gz)
    assert (r.loaded, r.rejected, r.kind) == (1, 1, "damage sites")
    assert r.problems[0].field == "geometry"
    s = store.damage_points(columns=("window_start", "window_end", "damage_level", "district")).iloc[0]
    assert (s.window_start, s.window_end, s.damage_level, s.district) == ("2016-09-01", "2016-09-18", 2, "Hanano")


def test_store_inserts_and_dedupes_sites(store):
    site = DamageSite(latitude=36.2, longitude=37.15, window_start=date(2014, 1, 1), window_end=date(2014, 2, 1),
                      damage_level=1, damage="Destroyed", district="Hanano")
    assert store.insert_damage([site]) == (1, 0)
    twin = DamageSite(latitude=36.2, longitude=37.15, window_start=date(2014, 1, 1), window_end=date(2014, 2, 1),
                      damage_level=1, damage="Destroyed", district="Hanano", source="elsewhere")
    assert store.insert_damage([twin]) == (0, 1)
    assert store.damage_dates() == (date(2014, 1, 1), date(2014, 2, 1))
