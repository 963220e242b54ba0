"""Cell parsers, format detection and mappings (no database)."""
from __future__ import annotations

import io
from datetime import date

import pytest

from dashboard.errors import IngestError
from dashboard.geocode import name_candidates
from dashboard.mappings import Mapping, load_mapping, parse_map_flags
from dashboard.readers import detect_format
from dashboard.readers import fields as F
from dashboard.readers.acled import ACLED_COLUMNS, is_acled
from dashboard.schema import COLUMNS, Event


@pytest.mark.parametrize("raw, order, expected", [
    ("2016-10-07", "dmy", date(2016, 10, 7)),
    ("2016-10-07T13:00:00Z", "dmy", date(2016, 10, 7)),
    ("07 October 2016", "dmy", date(2016, 10, 7)),
    ("7 Oct 2016", "dmy", date(2016, 10, 7)),
    ("October 7, 2016", "dmy", date(2016, 10, 7)),
    ("07-Oct-16", "dmy", date(2016, 10, 7)),
    ("07/10/2016", "dmy", date(2016, 10, 7)),
    ("10/7/2016", "mdy", date(2016, 10, 7)),
    ("10/31/13", "mdy", date(2013, 10, 31)),
    ("20161007", "dmy", date(2016, 10, 7)),
    (42650, "dmy", date(2016, 10, 7)),  # Excel serial
    ("42650", "dmy", date(2016, 10, 7)),
])
def test_dates(raw, order, expected):
    assert F.DateParser(order=order)(raw) == expected


@pytest.mark.parametrize("raw, reason", [
    ("", "missing date"), ("#N/A", "missing date"), ("yesterday", "unparseable date"),
    ("1/0/1900", "unparseable date"), ("31/02/2016", "unparseable date"), ("2999-01-01", "date in the future"),
])
def test_bad_dates(raw, reason):
    with pytest.raises(ValueError, match=reason):
        F.DateParser(order="mdy")(raw)


def test_explicit_date_format():
    assert F.DateParser(fmt="%d.%m.%Y")("07.10.2016") == date(2016, 10, 7)
    with pytest.raises(ValueError, match="does not match"):
        F.DateParser(fmt="%d.%m.%Y")("2016-10-07")


@pytest.mark.parametrize("value, expected", [("10/25/2016", "mdy"), ("25/10/2016", "dmy"), ("10/10/2016", None)])
def test_date_order_evidence(value, expected):
    assert F.date_order_evidence(value) == expected


@pytest.mark.parametrize("raw, expected", [("4", 4), ("1,200", 1200), ("3.0", 3), ("", None), ("NA", None), (7.0, 7)])
def test_counts(raw, expected):
    assert F.count(raw) == expected


@pytest.mark.parametrize("raw", ["several", "-3", "2.5", "inf"])
def test_bad_counts(raw):
    with pytest.raises(ValueError):
        F.count(raw)


@pytest.mark.parametrize("raw, expected", [("36.2", 36.2), ("36,2", 36.2), ("", None), ("#N/A", None)])
def test_numbers(raw, expected):
    assert F.number(raw) == expected


@pytest.mark.parametrize("t, s, expected", [
    ("Battles", "Armed clash", ("Battles", "Armed clash")),
    ("battles", "", ("Battles", "")),
    ("", "Air/drone strike", ("Explosions/Remote violence", "Air/drone strike")),
    ("Air/drone strike", "", ("Explosions/Remote violence", "Air/drone strike")),
    ("airstrike", "", ("Explosions/Remote violence", "Air/drone strike")),
    ("Barrel bombs", "", ("Explosions/Remote violence", "Air/drone strike")),
    ("shelling", "", ("Explosions/Remote violence", "Shelling/artillery/missile attack")),
    ("clashes", "", ("Battles", "Armed clash")),
    ("car bomb", "", ("Explosions/Remote violence", "Remote explosive/landmine/IED")),
    ("Remote violence", "", ("Explosions/Remote violence", "")),
    ("Battle-No change of territory", "", ("Battles", "Armed clash")),
    ("Strategic development", "", ("Strategic developments", "Other")),
])
def test_event_types(t, s, expected):
    assert F.event_type(t, s) == expected


@pytest.mark.parametrize("t", ["picnic", ""])
def test_unknown_event_types(t):
    with pytest.raises(ValueError):
        F.event_type(t, "")


@pytest.mark.parametrize("name, head, fmt", [
    ("a.csv", b"a,b", "csv"), ("a.XLSX", b"", "xlsx"), ("a.geojson", b"", "geojson"),
    ("upload", b"PK\x03\x04...", "xlsx"), ("upload", b'{"type": "FeatureCollection", "features": []}', "geojson"),
    ("upload", b'{"a": 1}\n{"a": 2}\n', "jsonl"), ("upload", b'[{"a": 1}]', "json"),
    ("upload", b"date,place,type\n1,2,3\n", "csv"), ("upload", b"ALEPPO, Oct 7 (Reuters) - Air strikes", "text"),
])
def test_detect_format(name, head, fmt):
    assert detect_format(name, head) == fmt


def test_is_acled():
    assert is_acled(list(ACLED_COLUMNS))
    assert is_acled(["EVENT_ID_CNTY", "EVENT_DATE", "ACTOR1", "EVENT_TYPE", "FATALITIES", "GEO_PRECISION"])
    assert not is_acled(["date", "place", "type"])


def test_map_flags_and_auto_detection():
    m = parse_map_flags(["event_date=Day", "event_type==Battles", "date_format=mdy"])
    assert m.columns == {"event_date": "Day"} and m.constants == {"event_type": "Battles"}
    assert m.date_format == "mdy"
    r = m.resolved(["DAY", "Lat", "Lng", "Neighbourhood", "Killed"])
    assert r.columns == {"event_date": "DAY", "latitude": "Lat", "longitude": "Lng",
                         "location": "Neighbourhood", "fatalities": "Killed"}


@pytest.mark.parametrize("flag", ["nonsense", "colour=Col"])
def test_bad_map_flags(flag):
    with pytest.raises(IngestError):
        parse_map_flags([flag])


def test_mapping_missing_column_is_an_error():
    with pytest.raises(IngestError, match="no such column"):
        Mapping({"event_date": "When"}).resolved(["date", "place"])


def test_mapping_files():
    m = load_mapping("example")  # a bundled mapping, by name
    assert m.columns["event_date"] == "Date" and m.values["sub_event_type"]["Barrel bomb"] == "Air/drone strike"
    m2 = load_mapping(io.StringIO('{"columns": {"event_date": "d"}, "date_format": "dmy"}'))
    assert m2.columns == {"event_date": "d"}
    with pytest.raises(IngestError, match="unknown field"):
        load_mapping(io.StringIO('{"columns": {"colour": "d"}}'))


@pytest.mark.parametrize("loc, first", [
    ("Aleppo - Sheikh Maqsoud", "Sheikh Maqsoud"), ("Hanano, Aleppo", "Hanano"), ("Hanano", "Hanano"),
])
def test_name_candidates(loc, first):
    assert name_candidates(loc)[0] == first


# -- the fast row path gives exactly what the reference path gives ----------------------
_HEADER = ["event_id_cnty", "event_date", "time_precision", "event_type", "sub_event_type", "actor1",
           "assoc_actor_1", "actor2", "location", "latitude", "longitude", "geo_precision", "source",
           "notes", "fatalities"]
_ROWS = [
    ["SYR1", "2016-10-07", "1", "Battles", "Armed clash", "Military Forces of Syria (2000-)", "", "Jaish al Fateh",
     "Aleppo - Hanano", "36.2021", "37.1343", "3", "SOHR", "Clashes.", "2"],
    ["", " 07/10/2016 ", "", "battles", "", "  Hezbollah  ", "NA", "-", "Hanano", "36,226", "37.201", "",
     "", "Two  spaces\nand a newline", ""],
    ["SYR3-" + "x" * 70, "07 October 2016", "2", "Remote violence", "", "A", "", "", "Sheikh Saeed", "", "", "", "X", "", "1,200"],
    ["SYR4", "not a date", "1", "Battles", "Armed clash", "A", "", "", "Hanano", "36.2", "37.1", "1", "S", "", "0"],
    ["SYR5", "2016-10-07", "1", "picnic", "", "A", "", "", "Hanano", "36.2", "37.1", "1", "S", "", "0"],
    ["SYR6", "2016-10-07", "1", "Battles", "", "A", "", "", "Hanano", "north", "37.1", "1", "S", "", "0"],
    ["SYR7", "2016-10-07", "1", "Battles", "", "A", "", "", "Hanano", "36.2", "37.1", "1", "S", "", "several"],
    ["SYR8", "2016-10-07", "7", "Battles", "", "A", "", "", "Hanano", "36.2", "37.1", "1", "S", "", "1"],
    ["SYR9", "2016-10-07", "1", "Battles", "Armed clash", "A"],  # a short row
    ["SYR10", "2016-10-07", "1", "Battles", "Armed clash", "A", "", "B", "Hanano", "nan", "37.1", "1", "S", "n", "1",
     "extra", "cells"],
    # XLSX-like cells: numbers, dates and empty cells as Python values
    ["SYR11", date(2016, 10, 7), 1, "Battles", None, "A", None, None, "Hanano", 36.2, 37.1, 1.0, None, None, 3.0],
    ["SYR12", 42650, 1.0, "Explosions/Remote violence", "Air/drone strike", 7, None, None, None, 36.2, 37.1, None,
     "S", "", True],
    ["", None, None, "Battles", None, "A", None, None, "Hanano", None, None, None, None, None, None],
]


@pytest.mark.parametrize("source, url", [(None, None), ("ACLED", "https://example.org/r")])
def test_fast_row_path_matches_reference(source, url):
    from dashboard.readers.convert import RowConverter

    m = Mapping().resolved(_HEADER)
    fast = RowConverter(m, _HEADER, file="f.csv", dict_rows=False, source=source, url=url)
    ref = RowConverter(m, _HEADER, file="f.csv", dict_rows=False, source=source, url=url)
    assert fast.fast  # the fast path is in use
    for repeat in range(2):  # the second time every cache is warm
        for line, row in enumerate(_ROWS, start=2):
            got, want = fast.convert(line, list(row)), ref._convert(line, list(row))
            assert got == want, (line, row)
            rec = fast.record(line, list(row))
            if isinstance(want, Event):
                assert rec == [getattr(want, c) for c in COLUMNS], (line, row)
            else:
                assert rec == want, (line, row)
    assert sum(fast._fast_record(n, list(r)) is not None for n, r in enumerate(_ROWS, start=2)) >= 4
    kinds = [type(ref._convert(n, list(r))).__name__ for n, r in enumerate(_ROWS, start=2)]
    assert "Event" in kinds and "RowProblem" in kinds  # both outcomes are exercised


def test_fast_row_path_not_used_for_templates_or_dict_rows():
    from dashboard.readers.convert import RowConverter

    m = Mapping(templates={"notes": "{a}"}).resolved(["date", "type", "place", "a"])
    assert not RowConverter(m, ["date", "type", "place", "a"], file="f", dict_rows=False).fast
    m = Mapping().resolved(["date", "type", "place"])
    assert not RowConverter(m, ["date", "type", "place"], file="f", dict_rows=True).fast
    assert RowConverter(m, ["date", "type", "place"], file="f", dict_rows=False).fast
