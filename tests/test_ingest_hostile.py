"""Files built to break ingest (issue 15, findings 1, 4, 5, 6 and 10): each hostile value is a
problem of its row, never a traceback or a hang, and every valid row of the file still loads."""
from __future__ import annotations

import io
import json
import sqlite3
import zipfile

import pytest

from dashboard.errors import IngestError
from dashboard.filters import ViewState
from dashboard.ingest import ingest_file, ingest_path
from dashboard.store import EventStore
from tests.test_ingest import gz, store  # noqa: F401 - fixtures

HEADER = "event_date,event_type,location,fatalities,notes\n"
VALID = ["2016-10-0{d},Shelling,Bab al-Hadid,{d},valid row {d}\n".format(d=d) for d in range(1, 5)]



def _ingest(store, gz, name, data: bytes, **kw):
    return ingest_file(store, io.BytesIO(data), name=name, gazetteer=gz, **kw)


def _problems(report):
    return {(p.line, p.field): p.reason for p in report.problems}


# -- finding 1: one row poisons the store -------------------------------------------------------
@pytest.mark.parametrize("value", ["9223372036854775807", "1e308", "9" * 5000, "100001", "-1e400"])
def test_absurd_fatalities_are_a_problem_of_their_row(store, gz, value):
    data = (HEADER + VALID[0] + f"2016-10-09,Shelling,Bab al-Hadid,{value},hostile\n" + VALID[1]).encode()
    r = _ingest(store, gz, "f.csv", data)
    assert (r.loaded, r.rejected) == (2, 1)
    assert (3, "fatalities") in _problems(r)
    assert store.totals() == (2, 3)
    assert store.district_stats()["fatalities"].sum() == 3


def test_totals_never_overflow_even_in_a_poisoned_store(tmp_path, gz):
    path = tmp_path / "old.sqlite"
    store = EventStore(path)
    _ingest(store, gz, "ok.csv", (HEADER + "".join(VALID)).encode())
    con = sqlite3.connect(path)  # rows an older version let in
    con.execute("UPDATE events SET fatalities = 9223372036854775807")
    con.commit()
    con.close()
    events, fatalities = store.totals()
    assert events == 4 and fatalities >= 2**62
    assert store.district_stats()["events"].sum() == 4
    assert store.totals(ViewState(min_fatalities=5)) == (4, fatalities)
    store.close()


def test_prose_with_an_absurd_toll_keeps_the_event(store, gz):
    from dashboard.schema import Event
    from datetime import date

    ev = Event(date(2016, 10, 7), "Battles", "Armed clash", location="Bab al-Hadid", fatalities=10**30)
    with pytest.raises(Exception) as exc:
        store.insert_events([ev])
    assert exc.type.__name__ == "StoreError" and store.count() == 0


# -- finding 4: a 1.6 kB workbook that declares A1:XFD1048576 ---------------------------------------
def _workbook(rows: list[list], *, far_cell: bool = False) -> bytes:
    from attack.files import workbook_bytes

    return workbook_bytes(rows, far=far_cell)


@pytest.mark.timeout(120)  # on the old reader this never returned
def test_a_workbook_declaring_the_whole_sheet_reads_its_real_cells(store, gz):
    data = _workbook([["event_date", "event_type", "location"], ["2016-10-07", "Shelling", "Bab al-Hadid"]],
                     far_cell=True)
    assert len(data) < 8000 and b"A1:XFD1048576" in zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml")
    r = _ingest(store, gz, "bomb.xlsx", data)
    assert (r.read, r.loaded) == (1, 1)


def test_workbook_values_dates_and_strings(store, gz):
    from datetime import datetime

    data = _workbook([["event_date", "event_type", "location", "fatalities", "notes"],
                      [datetime(2016, 10, 7), "Shelling", "Bab al-Hadid", 3, "a & b <c> حلب"],
                      [42651, "Battles", "Hanano", None, "@SUM(A1:A2)"]])
    r = _ingest(store, gz, "w.xlsx", data)
    assert (r.loaded, r.rejected) == (2, 0)
    df = store.query().sort_values("event_date")
    assert df["notes"].tolist() == ["a & b <c> حلب", "@SUM(A1:A2)"]
    assert [d.date().isoformat() for d in df["event_date"]] == ["2016-10-07", "2016-10-08"]


@pytest.mark.parametrize("data", [b"PK\x03\x04broken", b"not a zip at all", b""])
def test_unreadable_workbooks_are_a_file_error(store, gz, data):
    with pytest.raises(IngestError):
        _ingest(store, gz, "bad.xlsx", data)


# -- finding 5: tracebacks instead of problem reports ----------------------------------------------
DEEP = "[" * 10_000 + "]" * 10_000


def test_json_with_a_record_nested_ten_thousand_deep(store, gz):
    recs = [{"event_date": f"2016-10-0{d}", "event_type": "Shelling", "location": "Bab al-Hadid",
             "notes": f"r{d}"} for d in (1, 2)]
    text = json.dumps(recs)[:-1] + ', {"event_date": "2016-10-03", "x": ' + DEEP + "}]"
    r = _ingest(store, gz, "deep.json", text.encode())
    assert (r.loaded, r.rejected) == (2, 1) and "nested too deeply" in _problems(r)[(3, "record")]


def test_jsonl_with_one_deep_line_and_one_huge_number(store, gz):
    good = [json.dumps({"event_date": f"2016-10-0{d}", "event_type": "Shelling", "location": "Bab al-Hadid",
                        "fatalities": d}) for d in (1, 2, 3)]
    lines = [good[0], '{"event_date": "2016-10-05", "x": ' + DEEP + "}", good[1],
             '{"event_date": "2016-10-06", "event_type": "Shelling", "location": "Hanano", "fatalities": ' +
             "7" * 5000 + "}", good[2]]
    r = _ingest(store, gz, "deep.jsonl", ("\n".join(lines) + "\n").encode())
    assert (r.loaded, r.rejected) == (3, 2)
    probs = _problems(r)
    assert "nested too deeply" in probs[(2, "record")] and (4, "fatalities") in probs


BROKEN_GEOMETRIES = [
    {"type": "Hexagon", "coordinates": [37.15, 36.2]},
    {"type": "LineString", "coordinates": [[37.15, 36.2]]},
    {"type": "GeometryCollection", "geometries": []},
    {"type": "MultiPoint", "coordinates": []},
    "POINT (37.15 36.2)",
    {"coordinates": [37.15, 36.2]},
    {"type": "Point", "coordinates": ["a", "b"]},
    {"type": "Point", "coordinates": [37.15]},
    {"type": "Polygon", "coordinates": [[[37.15, 36.2]]]},
    {"type": "Point", "coordinates": None},
]


def test_geojson_with_broken_features_loads_the_good_ones(store, gz):
    good = {"type": "Feature", "properties": {"event_date": "2016-10-07", "event_type": "Shelling"},
            "geometry": {"type": "Point", "coordinates": [37.1597, 36.2024]}}
    feats = [good] + [{"type": "Feature", "properties": {"event_date": "2016-10-08", "event_type": "Shelling"},
                       "geometry": g} for g in BROKEN_GEOMETRIES]
    feats.append({"type": "Feature", "properties": ["a", "list"], "geometry": good["geometry"]})
    feats.append(dict(good, properties={"event_date": "2016-10-09", "event_type": "Battles"}))
    r = _ingest(store, gz, "broken.geojson", json.dumps({"type": "FeatureCollection", "features": feats}).encode())
    assert (r.loaded, r.rejected) == (2, len(BROKEN_GEOMETRIES) + 1)
    reasons = [p.reason for p in r.problems]
    assert any("unknown geometry type 'Hexagon'" in x for x in reasons)
    assert any("'properties' is a list" in x for x in reasons)


# -- finding 6: rows lost or garbled without a word --------------------------------------------------
def test_an_unclosed_quote_is_reported_with_the_lines_it_swallowed(store, gz):
    data = HEADER + VALID[0] + '2016-10-05,Shelling,"Bab al-Hadid,2,stray quote\n' + "".join(VALID[1:])
    r = _ingest(store, gz, "q.csv", data.encode())
    assert r.loaded == 4, r.problems
    reason = _problems(r)[(3, "record")]
    assert "unclosed quote in location" in reason and "lines 3-6" in reason


def test_an_unclosed_quote_that_a_later_quote_ends(store, gz):
    data = (HEADER + VALID[0] + '2016-10-05,Shelling,"Bab al-Hadid,2,stray quote\n' + VALID[1] + VALID[2] +
            '2016-10-06,Shelling,Bab al-Hadid,1,"quoted, note"\n' + VALID[3])
    r = _ingest(store, gz, "q2.csv", data.encode())
    probs = _problems(r)
    assert "swallowed lines 3-6" in probs[(3, "record")] and "garbled" in probs[(6, "record")]
    assert r.loaded == 4 and r.rejected == 2


def test_a_quoted_line_break_in_notes_is_not_an_unclosed_quote(store, gz):
    data = HEADER + '2016-10-05,Shelling,Bab al-Hadid,2,"first line\nsecond, line"\n' + VALID[0]
    r = _ingest(store, gz, "ok.csv", data.encode())
    assert (r.loaded, r.rejected) == (2, 0)


def test_cp1256_after_64_kb_of_ascii_keeps_its_arabic(store, gz):
    filler = "".join(f"2016-01-{1 + i % 28:02d},Shelling,Bab al-Hadid,0,ascii filler {i}\n" for i in range(2000))
    assert len(filler) > 65536
    arabic = "2016-10-07,Shelling,الشيخ مقصود,1,قصف على الحي\n"
    r = _ingest(store, gz, "ar.csv", (HEADER + filler + arabic).encode("cp1256"))
    assert r.rejected == 0 and r.loaded == 2001
    row = store.query(ViewState(text="قصف")).iloc[0]
    assert row["notes"] == "قصف على الحي" and row["district"] == "Sheikh Maqsoud"
    assert any("cp1256" in n for n in r.notes)


@pytest.mark.parametrize("encoding,sep", [("utf-16", "\t"), ("utf-16", ","), ("utf-16-le", ",")])
def test_utf16_csv(store, gz, encoding, sep):
    text = (HEADER + "2016-10-07,Shelling,حلب - الشيخ مقصود,1,قصف\n" + VALID[0]).replace(",", sep)
    r = _ingest(store, gz, "u16.csv", text.encode(encoding))
    assert (r.loaded, r.rejected) == (2, 0), r.problems


# -- finding 10: the smaller ones ------------------------------------------------------------------
def test_nul_bytes_are_never_stored(store, gz):
    data = HEADER + "2016-10-07,Shel\x00ling,Bab al-\x00Hadid,1,no\x00tes\n"
    r = _ingest(store, gz, "nul.csv", data.encode())
    assert r.loaded == 1
    row = store.query().iloc[0]
    assert row["notes"] == "notes" and row["location"] == "Bab al-Hadid"


def test_a_bad_longitude_is_reported_as_the_longitude(store, gz):
    data = "event_date,event_type,latitude,longitude\n2016-10-07,Shelling,36.2,737.1\n2016-10-07,Shelling,136.2,37.1\n"
    r = _ingest(store, gz, "lon.csv", data.encode())
    assert set(_problems(r)) == {(2, "longitude"), (3, "latitude")}


@pytest.mark.timeout(120)  # the old reader took minutes and most of a gigabyte
def test_a_line_of_25_million_columns_fails_fast_with_a_clear_error(store, gz, tmp_path):
    f = tmp_path / "wide.csv"
    f.write_bytes(b"a," * 25_000_000 + b"\n")
    with pytest.raises(IngestError, match="line 1"):
        ingest_path(store, f, gazetteer=gz)


def test_a_very_long_data_line_is_a_problem_of_its_line(store, gz):
    data = HEADER + VALID[0] + "2016-10-07,Shelling," + "," * 200_000 + "\n" + VALID[1]
    r = _ingest(store, gz, "long.csv", data.encode())
    assert (r.loaded, r.rejected) == (2, 1) and (3, "record") in _problems(r)


def test_stray_quotes_that_close_on_later_lines_garble_nothing_silently(store, gz):
    data = HEADER + "".join(VALID) + '2016-10-07,"Shelling,Hanano,1,x\n' * 3
    r = _ingest(store, gz, "stray.csv", data.encode())
    assert r.loaded == 4 and r.rejected == 3, r.problems
    reasons = " ".join(p.reason for p in r.problems)
    assert "unclosed quote" in reasons and "garbled" in reasons


def test_a_report_with_a_5000_digit_number(store, gz):
    from datetime import date

    text = "On Friday regime shelling hit Bab al-Hadid, killing " + "9" * 5000 + " people."
    r = _ingest(store, gz, "r.txt", text.encode(), published=date(2016, 10, 7))
    assert r.rejected == 0 and store.count() == r.loaded


def test_a_report_too_long_to_be_one_report_is_refused_clearly(store, gz):
    from datetime import date

    with pytest.raises(IngestError, match="split it into its articles"):
        _ingest(store, gz, "huge.txt", ("Shelling hit Bab al-Hadid. " * 20_000).encode(), published=date(2016, 10, 7))
