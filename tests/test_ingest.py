"""Ingest of every format through the real gazetteer: loaded rows, rejected rows with
file/line/field, unresolved places, duplicates, the bundled damage sites, the CLI."""
from __future__ import annotations

import io
from datetime import date, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

import gazetteer
from dashboard.cli import main
from dashboard.errors import IngestError
from dashboard.filters import ViewState
from dashboard.ingest import ingest_file, ingest_path
from dashboard.mappings import Mapping
from dashboard.store import EventStore

FIX = Path(__file__).parent / "fixtures" / "ingest"
DAMAGE = Path(__file__).resolve().parent.parent / "dashboard" / "data" / "damage-sites-2013-2015.csv"


@pytest.fixture(scope="module")
def gz():
    return gazetteer.load()


@pytest.fixture
def store(tmp_path):
    s = EventStore(tmp_path / "e.sqlite")
    yield s
    s.close()


def by_problem(report):
    return {(p.line, p.field): p.reason for p in report.problems}


def test_acled_current(store, gz):
    r = ingest_path(store, FIX / "acled_current.csv", gazetteer=gz)
    assert r.format == "acled"
    assert (r.read, r.loaded, r.duplicates, r.rejected, r.outside, r.unresolved) == (8, 3, 1, 4, 1, 1)
    probs = by_problem(r)
    assert probs[(4, "latitude")].startswith("outside Aleppo")
    assert probs[(5, "event_date")] == "unparseable date"
    assert probs[(6, "fatalities")] == "not a number"
    assert probs[(8, "event_type")] == "unknown event type"
    assert "not found" in probs[(7, "location")]
    assert all(p.file == str(FIX / "acled_current.csv") for p in r.problems)
    assert r.unresolved_names == {"Aleppo - 1070 Apartment Project": 1}
    df = store.query().set_index("event_id")
    # city-level coordinates + "Aleppo - Sheikh Maqsoud" → the neighbourhood
    assert df.loc["SYR1", "place_id"] == "sheikh-maqsoud" and df.loc["SYR1", "district"] == "Sheikh Maqsoud"
    assert df.loc["SYR1", "geo_precision"] == 1 and df.loc["SYR1", "latitude"] != 36.2021
    # precise coordinates → district by point in polygon
    assert df.loc["SYR2", "district"] == "Bustan al-Qasr" and df.loc["SYR2", "assoc_actor_1"] == "Hezbollah"
    # unresolved: city-level point kept, no place
    assert pd_isna(df.loc["SYR6", "place_id"]) and df.loc["SYR6", "geo_precision"] == 3
    assert store.unresolved()["location"].tolist() == ["Aleppo - 1070 Apartment Project"]
    text = r.summary_table()
    for label in ("read", "loaded", "duplicates", "rejected", "outside Aleppo", "unresolved places"):
        assert label in text
    again = ingest_path(store, FIX / "acled_current.csv", gazetteer=gz)
    assert again.loaded == 0 and again.duplicates == 4
    ing = store.ingests()
    assert len(ing) == 2 and ing["sha256"].nunique() == 1 and ing["loaded"].tolist() == [3, 0]


def pd_isna(v):
    import pandas as pd

    return pd.isna(v)


def test_acled_old_export(store, gz):
    r = ingest_path(store, FIX / "acled_old.csv", gazetteer=gz)
    assert r.format == "acled" and (r.loaded, r.rejected) == (2, 0)
    df = store.query().set_index("event_id")
    assert df.loc["SYR900", "event_type"] == "Explosions/Remote violence"
    assert df.loc["SYR900", "event_date"].date() == date(2016, 10, 7)
    assert df.loc["SYR901", "sub_event_type"] == "Armed clash"
    assert df.loc["SYR901", "assoc_actor_1"] == "Hezbollah"  # ALLY_ACTOR_1
    assert df.loc["SYR901", "place_id"] == "sheikh-saeed" and pd_isna(df.loc["SYR901", "fatalities"])


def test_generic_csv(store, gz):
    r = ingest_path(store, FIX / "generic.csv", gazetteer=gz, source="My notes")
    assert (r.read, r.loaded, r.rejected, r.unresolved) == (6, 4, 2, 1)
    probs = by_problem(r)
    assert probs[(5, "Date")].startswith("unparseable date") and probs[(6, "Type")] == "unknown event type"
    df = store.query(ViewState(sources=("My notes",)))
    assert len(df) == 4
    row = df[df.location == "Bustan al-Qasr"].iloc[0]
    assert row.event_date.date() == date(2016, 10, 25) and row.sub_event_type == "Shelling/artillery/missile attack"
    assert row.district == "Bustan al-Qasr"
    first = df[df.notes == "Strikes on the district"].iloc[0]
    assert first.event_date.date() == date(2016, 10, 7) and first.actor1 == "Russian air force"
    assert first.fatalities == 4 and first.sub_event_type == "Air/drone strike"
    lost = df[df.location == "Nowhere Town"].iloc[0]
    assert pd_isna(lost.latitude) and pd_isna(lost.geo_precision)


def test_generic_json(store, gz):
    r = ingest_path(store, FIX / "generic.json", gazetteer=gz)
    assert r.format == "json" and (r.read, r.loaded, r.rejected) == (4, 2, 2)
    probs = by_problem(r)
    assert probs[(3, "geo.lat")] == "coordinates outside the world"
    assert probs[(4, "fatalities")] == "not a number"
    df = store.query().sort_values("event_date")
    assert df["source_url"].tolist()[0] == "https://example.org/a"
    assert df["district"].tolist() == ["Sheikh Maqsoud", "Sheikh Maqsoud"]


def test_jsonl(store, gz):
    r = ingest_path(store, FIX / "generic.jsonl", gazetteer=gz)
    assert r.format == "jsonl" and (r.read, r.loaded, r.rejected) == (4, 2, 2)
    probs = by_problem(r)
    assert probs[(3, "record")].startswith("not valid JSON")
    assert probs[(4, "lat")].startswith("outside Aleppo")
    assert set(store.query()["place_id"]) == {"hanano", "bustan-al-qasr"}


def test_geojson(store, gz):
    r = ingest_path(store, FIX / "generic.geojson", gazetteer=gz)
    assert r.format == "geojson" and (r.loaded, r.rejected) == (3, 0)
    df = store.query().sort_values("event_date")
    assert df["district"].tolist() == ["Sheikh Maqsoud", "Sheikh Maqsoud", "Hanano"]
    assert df["notes"].tolist()[0] == "<b>strike</b>"  # stored as written; escaped where shown


def test_xlsx_with_serial_and_date_cells(store, gz):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Date", "Neighbourhood", "Event type", "Deaths"])
    ws.append([datetime(2016, 10, 7), "Hanano", "Battles", 2])
    ws.append([42651, "Sheikh Maqsoud", "shelling", None])
    ws.append(["bad", "Hanano", "Battles", 1])
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    r = ingest_file(store, buf, name="upload.xlsx", gazetteer=gz)
    assert r.format == "xlsx" and (r.loaded, r.rejected) == (2, 1)
    assert by_problem(r)[(4, "Date")] == "unparseable date"
    assert sorted(d.date() for d in store.query()["event_date"]) == [date(2016, 10, 7), date(2016, 10, 8)]


def test_text_file_object_and_mapping_file(store, gz):
    fh = io.StringIO((FIX / "custom.csv").read_text())
    r = ingest_file(store, fh, name="custom.csv", gazetteer=gz, mapping=FIX / "custom-mapping.txt")
    assert (r.loaded, r.rejected) == (2, 0)
    df = store.query().sort_values("event_date")
    assert [d.date() for d in df.event_date] == [date(2016, 10, 7), date(2016, 10, 8)]
    assert set(df.event_type) == {"Battles"}


def test_same_event_from_another_file_is_one(store, gz, tmp_path):
    copy = tmp_path / "copy.csv"
    copy.write_bytes((FIX / "generic.csv").read_bytes())
    a = ingest_path(store, FIX / "generic.csv", gazetteer=gz)
    b = ingest_path(store, copy, gazetteer=gz)
    assert a.loaded == 4 and b.loaded == 0 and b.duplicates == 4


CSV_HEAD = "date,location,event_type,sub_event_type,actor1,fatalities,notes\n"


def test_events_that_differ_only_in_fatalities_are_two(store, gz):
    rows = ("2016-10-01,Sukkari,Explosions/Remote violence,Air/drone strike,Syrian Army,3,Strike\n"
            "2016-10-01,Sukkari,Explosions/Remote violence,Air/drone strike,Syrian Army,5,Strike\n")
    r = ingest_file(store, io.StringIO(CSV_HEAD + rows), name="two.csv", gazetteer=gz)
    assert (r.loaded, r.duplicates) == (2, 0)


def test_same_rows_with_another_source_name_or_spelling_are_duplicates(store, gz):
    row = "2016-10-01,{place},Explosions/Remote violence,Air/drone strike,Syrian Army,3,Strike\n"
    a = ingest_file(store, io.StringIO(CSV_HEAD + row.format(place="Sukkari")), name="a.csv", gazetteer=gz,
                    source="My NGO")
    b = ingest_file(store, io.StringIO(CSV_HEAD + row.format(place="Sukkari")), name="a.csv", gazetteer=gz)
    c = ingest_file(store, io.StringIO(CSV_HEAD + row.format(place="al-Sukkari")), name="c.csv", gazetteer=gz)
    assert (a.loaded, b.loaded, b.duplicates, c.loaded, c.duplicates) == (1, 0, 1, 0, 1)


def test_adding_an_alias_then_reingesting_adds_nothing(store, gz, tmp_path):
    data = CSV_HEAD + "2016-10-01,Castello Rd junction,Battles,Armed clash,Syrian Army,2,Fighting\n"
    first = ingest_file(store, io.StringIO(data), name="x.csv", gazetteer=gz)
    assert (first.loaded, first.unresolved) == (1, 1)
    aliases = tmp_path / "aliases.csv"
    aliases.write_text("alias,place_id\nCastello Rd junction,sheikh-maqsoud\n", encoding="utf-8")
    again = ingest_file(store, io.StringIO(data), name="x.csv", gazetteer=gazetteer.load(alias_file=aliases))
    assert (again.loaded, again.duplicates, again.unresolved) == (0, 1, 0)


def test_a_named_point_in_a_gap_between_polygons_keeps_its_place(store, gz):
    # open ground more than 300 m from every polygon, 1.2 km from al-Sukkari's point
    lat, lon = 36.164, 37.1435
    assert gz.district_at(lat, lon, within_m=300) is None
    data = (CSV_HEAD.replace("notes\n", "notes,latitude,longitude\n")
            + f"2016-10-01,Aleppo - al-Sukkari,Battles,Armed clash,Syrian Army,2,Fighting,{lat},{lon}\n"
            + "2016-10-02,Aleppo-Sheikh Maqsoud,Battles,Armed clash,Syrian Army,1,Fighting,36.2021,37.1343\n")
    r = ingest_file(store, io.StringIO(data), name="gap.csv", gazetteer=gz)
    assert r.loaded == 2
    df = store.query(ViewState()).set_index("event_date")
    gap = df.loc["2016-10-01"]
    assert gap.place_id == "sukkari" and (round(gap.latitude, 4), round(gap.longitude, 4)) == (lat, lon)
    assert df.loc["2016-10-02"].place_id == "sheikh-maqsoud"  # "Aleppo-X" at the city point


def test_jsonl_records_that_name_the_place_differently_all_load(store, gz):
    data = ('{"date": "2016-10-01", "place": "Bustan al-Qasr", "type": "Battles"}\n'
            '{"date": "2016-10-02", "location": "Sukkari", "type": "Battles"}\n')
    r = ingest_file(store, io.BytesIO(data.encode()), name="mixed.jsonl", gazetteer=gz)
    assert (r.loaded, r.rejected) == (2, 0)
    assert sorted(store.query(ViewState())["place_id"]) == ["bustan-al-qasr", "sukkari"]


def test_a_flat_json_mapping_file_maps_columns(store, gz, tmp_path):
    mapping = tmp_path / "m.json"
    mapping.write_text('{"event_date": "Datum", "location": "Ort", "event_type": "Art"}', encoding="utf-8")
    data = "Datum,Ort,Art\n2016-10-01,Sukkari,Battles\n"
    r = ingest_file(store, io.StringIO(data), name="de.csv", gazetteer=gz, mapping=mapping)
    assert r.loaded == 1
    bad = tmp_path / "bad.json"
    bad.write_text('{"colums": {"event_date": "Datum"}}', encoding="utf-8")
    with pytest.raises(IngestError, match="unknown key 'colums'"):
        ingest_file(store, io.StringIO(data), name="de.csv", gazetteer=gz, mapping=bad)


def test_a_row_with_more_values_than_columns_is_rejected_not_shifted(store, gz):
    data = (CSV_HEAD + "2016-10-01,Sukkari,Battles,Armed clash,Syrian Army,2,Fighting\n"
            + "2016-10-02,Sukkari,Battles,Armed clash,Syrian Army,2,see data:text/html,base64,xyz\n")
    r = ingest_file(store, io.StringIO(data), name="extra.csv", gazetteer=gz)
    assert (r.loaded, r.rejected) == (1, 1)
    assert "9 values but 7 columns" in str(r.problems[0]) and ":3:" in str(r.problems[0])


def test_zero_zero_with_a_place_name_is_placed_by_the_name(store, gz):
    data = "date,location,type,latitude,longitude\n2016-10-01,Sukkari,Battles,0,0\n2016-10-02,,Battles,0,0\n"
    r = ingest_file(store, io.StringIO(data), name="zero.csv", gazetteer=gz)
    assert (r.loaded, r.rejected) == (1, 1)  # without a name (0, 0) is still a point far from Aleppo
    assert store.query(ViewState())["place_id"].tolist() == ["sukkari"]


def test_geojson_problems_name_the_geometry(store, gz):
    data = ('{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point",'
            '"coordinates":[10,10]},"properties":{"date":"2016-10-01","type":"Battles"}}]}')
    r = ingest_file(store, io.BytesIO(data.encode()), name="far.geojson", gazetteer=gz)
    assert r.rejected == 1 and r.problems[0].field == "geometry"


@pytest.mark.parametrize("content, message", [
    (b"", "empty"),
    (b"colour,size\nred,2\n", "no date column"),
    (b"date,size\n2016-01-01,2\n", "no event type column"),
    (b"date,type\n2016-01-01,Battles\n", "no place or coordinate columns"),
])
def test_unusable_files(store, gz, content, message):
    with pytest.raises(IngestError, match=message):
        ingest_file(store, io.BytesIO(content), name="x.csv", gazetteer=gz)


def test_a_damage_assessment_is_never_loaded_as_events(store, gz):
    """Even with an events mapping, a file with damage-assessment columns goes to the evidence layer."""
    mapping = Mapping({"event_date": "SensorDate"}, constants={"event_type": "Explosions/Remote violence"})
    r = ingest_path(store, DAMAGE, mapping=mapping, gazetteer=gz)
    assert (r.kind, r.read, r.loaded, r.rejected) == ("damage sites", 3365, 3365, 0)
    assert any("mapping was not used" in n for n in r.notes)
    assert store.count() == 0 and store.damage_count() == 3365
    assert "evidence layer" in r.summary_table() and "unresolved places" not in r.summary_table()
    assert store.ingests().iloc[-1]["format"] == "csv (damage)"


def test_cli_ingest_regeocode_init(tmp_path):
    db = tmp_path / "cli.sqlite"
    runner = CliRunner()
    res = runner.invoke(main, ["ingest", str(FIX / "generic.csv"), "--db", str(db), "--source", "CLI"])
    assert res.exit_code == 0, res.output
    assert "loaded" in res.output and "generic.csv:5: Date: unparseable date" in res.output
    assert "Nowhere Town" in res.output
    aliases = tmp_path / "aliases.csv"
    aliases.write_text("alias,place_id\nNowhere Town,hanano\n")
    res = runner.invoke(main, ["regeocode", "--db", str(db), "--aliases", str(aliases)])
    assert res.exit_code == 0, res.output
    assert "resolved 1 events" in res.output
    assert EventStore(db).unresolved().empty
    bad = tmp_path / "bad.csv"
    bad.write_text("colour,size\nred,2\n")
    res = runner.invoke(main, ["ingest", str(bad), "--db", str(db)])
    assert res.exit_code != 0 and "no date column" in res.output
    res = runner.invoke(main, ["ingest", str(FIX / "custom.csv"), "--db", str(db), "--map", "event_date=When",
                               "--map", "location=Where", "--map", "event_type==Battles", "--map", "date_format=mdy"])
    assert res.exit_code == 0 and "loaded      2" in res.output.replace("loaded             2", "loaded      2")
    db2 = tmp_path / "init.sqlite"
    res = runner.invoke(main, ["init", "--db", str(db2)])
    assert res.exit_code == 0 and "loaded 3,365 damage sites" in res.output and "loaded 14,058" in res.output
    assert "0 events, 17,423 damage sites" in res.output
    res = runner.invoke(main, ["init", "--db", str(db2)])
    assert res.exit_code == 0 and "nothing to do" in res.output


def test_acled_into_postgresql(pg_url, gz, store):
    """The record path (no Event per row) into PostgreSQL: the same rows, the same dedupe."""
    import uuid

    import sqlalchemy as sa

    schema = f"test_ingest_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(pg_url.replace("postgresql://", "postgresql+psycopg://", 1))
    with admin.begin() as c:
        c.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    try:
        pg = EventStore(f"{pg_url}?options=-csearch_path%3D{schema}")
        r = ingest_path(pg, FIX / "acled_current.csv", gazetteer=gz)
        assert r.loaded > 0 and r.rejected > 0
        again = ingest_path(pg, FIX / "acled_current.csv", gazetteer=gz)
        assert again.loaded == 0 and again.duplicates == r.loaded + r.duplicates
        df = pg.query()
        assert len(df) == r.loaded and set(df["source"]) >= {"Reuters"}
        assert df["event_date"].notna().all() and (df["origin"] == str(FIX / "acled_current.csv")).all()
        ingest_path(store, FIX / "acled_current.csv", gazetteer=gz)  # SQLite: the same events
        cols = ["event_id", "event_date", "event_type", "place_id", "district", "latitude", "longitude",
                "geo_precision", "fatalities", "actor1", "notes", "origin_line"]
        want = store.query()[cols].sort_values("event_id").reset_index(drop=True)
        assert df[cols].sort_values("event_id").reset_index(drop=True).equals(want)
        pg.close()
    finally:
        with admin.begin() as c:
            c.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
        admin.dispose()
