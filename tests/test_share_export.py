"""Coarsened locations and spreadsheet-safe CSV export."""
from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass

import pandas as pd
import pytest

from dashboard.errors import DashboardError
from dashboard.share.export import coarsen_points, export_csv, spreadsheet_safe
from dashboard.share.html_snapshot import round_points


@dataclass(frozen=True)
class FakePlace:
    id: str
    name: str
    name_ar: str
    lat: float
    lon: float
    district: str | None = None


class FakeGazetteer:
    """Two square districts: west (37.10-37.15) and east (37.15-37.20), lat 36.18-36.22."""

    def __init__(self):
        self._d = [FakePlace("west", "West Town", "غرب", 36.2, 37.125, "West Town"),
                   FakePlace("east", "East Town", "شرق", 36.2, 37.175, "East Town")]

    def districts(self):
        return list(self._d)

    def district_at(self, lat, lon, *, within_m=0.0):
        if not 36.18 <= lat <= 36.22:
            return None
        if 37.10 <= lon < 37.15:
            return self._d[0]
        if 37.15 <= lon <= 37.20:
            return self._d[1]
        return None


POINTS = pd.DataFrame({
    "event_id": ["a", "b", "c", "d", "e"],
    "latitude": [36.2011, 36.1999, 36.21, float("nan"), 35.01234],
    "longitude": [37.1301, 37.1702, 37.16, float("nan"), 37.05678],
    "district": ["west town", "East Town", None, None, None],
    "place_id": ["some-mosque", "x", "y", None, "far"],
    "geo_precision": [1, 1, 2, None, 3],
})


def test_coarsen_snaps_to_district_point_and_rounds_the_rest():
    out = coarsen_points(POINTS, FakeGazetteer())
    assert list(zip(out.latitude, out.longitude))[:3] == [(36.2, 37.125), (36.2, 37.175), (36.2, 37.175)]
    assert pd.isna(out.latitude[3]) and pd.isna(out.longitude[3])  # no coordinates stay none
    assert (out.latitude[4], out.longitude[4]) == (35.01, 37.06)  # far from every district: ~1 km
    assert list(out.place_id) == ["west", "east", "east", None, None]
    assert list(out.district[:3]) == ["West Town", "East Town", "East Town"]
    assert list(out.event_id) == list(POINTS.event_id)  # nothing else changes
    assert POINTS.latitude[0] == 36.2011  # the input is not modified


def test_coarsen_accepts_lat_lon_columns():
    df = pd.DataFrame({"lat": [36.19], "lon": [37.11]})
    out = coarsen_points(df, FakeGazetteer())
    assert (out.lat[0], out.lon[0]) == (36.2, 37.125)


def test_coarsen_needs_coordinates():
    with pytest.raises(DashboardError):
        coarsen_points(pd.DataFrame({"x": [1]}), FakeGazetteer())


@pytest.mark.parametrize("precision, lat, expected", [
    (1, 36.2012345678, 36.20123), (2, 36.2012345678, 36.2012), (3, 36.2012345678, 36.201),
    (None, 36.2012345678, 36.2012),
])
def test_round_points_by_precision(precision, lat, expected):
    df = pd.DataFrame({"latitude": [lat], "longitude": [37.1], "geo_precision": [precision]})
    assert round_points(df).latitude[0] == expected


@pytest.mark.parametrize("value, expected", [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"), ("+1", "'+1"), ("-2+3", "'-2+3"),
    ("@SUM(A1)", "'@SUM(A1)"), ("\t=1", "'\t=1"), ("\r=1", "'\r=1"), ("ok = fine", "ok = fine"),
    ("", ""), (None, None), (-5, -5), ("حلب", "حلب"),
])
def test_spreadsheet_safe(value, expected):
    assert spreadsheet_safe(value) == expected


def test_export_csv_is_bom_utf8_injection_safe_and_numeric():
    df = pd.DataFrame({"notes": ["=cmd|' /C calc'!A0", "قصف على حلب", "plain, \"quoted\"\nline"],
                       "actor1": ["@x", "-y", "z"], "longitude": [-37.5, 37.1, 37.2], "fatalities": [1, 0, 3]})
    data = export_csv(df)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert [r["notes"] for r in rows] == ["'=cmd|' /C calc'!A0", "قصف على حلب", "plain, \"quoted\"\nline"]
    assert [r["actor1"] for r in rows] == ["'@x", "'-y", "z"]
    assert rows[0]["longitude"] == "-37.5"  # numbers stay numbers
    assert pd.read_csv(io.BytesIO(data), encoding="utf-8-sig").shape == df.shape


def test_export_csv_coarsened():
    data = export_csv(POINTS, coarsen=True, gazetteer=FakeGazetteer())
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    assert set(back.latitude.dropna()) == {36.2, 35.01}
    text = data.decode("utf-8-sig")
    assert "36.2011" not in text and "37.1301" not in text and "35.01234" not in text
    assert math.isnan(back.latitude[3])


def test_export_csv_coarsen_without_gazetteer_is_an_error():
    with pytest.raises(DashboardError):
        export_csv(POINTS, coarsen=True)


def test_coarsen_empty_frames():
    assert coarsen_points(pd.DataFrame(), FakeGazetteer()).empty
    out = coarsen_points(POINTS.head(0), FakeGazetteer())
    assert out.empty and list(out.columns) == list(POINTS.columns)


def test_coarsened_export_keeps_only_the_file_name_of_the_origin():
    df = POINTS.assign(origin=["/home/reporter/leaks/a.csv", "C:\\Users\\x\\b.csv", None, "c.csv", ""])
    back = pd.read_csv(io.BytesIO(export_csv(df, coarsen=True, gazetteer=FakeGazetteer())), encoding="utf-8-sig")
    assert list(back.origin[:2]) == ["a.csv", "b.csv"] and back.origin[3] == "c.csv"
    plain = pd.read_csv(io.BytesIO(export_csv(df)), encoding="utf-8-sig")
    assert plain.origin[0] == "/home/reporter/leaks/a.csv"
