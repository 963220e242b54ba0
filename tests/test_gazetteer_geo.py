"""geopy contract, reverse geocoding, GeoJSON, loading."""
from __future__ import annotations

import time

import pytest
from unittest.mock import patch

from geopy.adapters import BaseAsyncAdapter, BaseSyncAdapter
from geopy.exc import GeocoderQueryError
from geopy.geocoders import options
from geopy.geocoders.base import Geocoder
from geopy.location import Location

import gazetteer
from gazetteer import LocalGazetteer
from gazetteer.geocoder import LocalAdapter, LocalAsyncAdapter


@pytest.fixture(scope="module")
def geo():
    return LocalGazetteer()


def test_is_a_geopy_geocoder(geo):
    assert isinstance(geo, Geocoder)


def test_geocode_returns_location_with_raw(geo):
    loc = geo.geocode("Cheikh Saïd")
    assert isinstance(loc, Location)
    assert loc.raw["id"] == "sheikh-saeed" and loc.raw["name_ar"]
    assert loc.raw["match"] == "exact" and loc.raw["score"] == 100 and loc.raw["precision"] == 1
    assert loc.raw["polygon_ids"] == [112]
    assert 36.1 < loc.latitude < 36.3 and 37.0 < loc.longitude < 37.3


def test_geocode_none_and_lists(geo):
    assert geo.geocode("Idlib") is None
    assert geo.geocode("Idlib", exactly_one=False) is None  # geopy's contract: None, never []
    out = geo.geocode("Sheikh Maqsoud", exactly_one=False)
    assert isinstance(out, list) and out[0].raw["id"] == "sheikh-maqsoud"


@pytest.mark.parametrize("bad", ["", "   ", None, 12, b"Sheikh Saeed"])
def test_geocode_bad_query(geo, bad):
    with pytest.raises(GeocoderQueryError):
        geo.geocode(bad)


def test_settings_are_keyword_only():
    with pytest.raises(TypeError):
        LocalGazetteer(None)  # type: ignore[misc]


class _NetworkAdapter(BaseSyncAdapter):
    """Stands for any adapter that would open connections: building one is the failure."""

    def __init__(self, **kwargs):
        raise AssertionError("LocalGazetteer built a network adapter")

    get_json = get_text = None


class _AsyncNetworkAdapter(BaseAsyncAdapter):
    def __init__(self, **kwargs):
        raise AssertionError("LocalGazetteer built a network adapter")

    get_json = get_text = None


@pytest.mark.parametrize("adapter, mode", [(_NetworkAdapter, LocalAdapter), (_AsyncNetworkAdapter, LocalAsyncAdapter)])
def test_construction_builds_no_network_adapter(adapter, mode):
    with patch.object(options, "default_adapter_factory", adapter):
        assert type(LocalGazetteer().adapter) is mode
    assert type(LocalGazetteer(adapter_factory=adapter).adapter) is mode


def test_reverse_inside_and_outside(geo):
    g = gazetteer.load()
    for pid in ("sheikh-saeed", "sheikh-maqsoud", "hamdaniyeh", "sukkari", "citadel"):
        p = g.place(pid)
        loc = geo.reverse((p.lat, p.lon))
        assert loc is not None and loc.raw["id"] == pid
    assert geo.reverse((36.0, 36.5)) is None  # open country west of the city
    assert geo.reverse("36.0, 36.5", exactly_one=False) is None
    with pytest.raises(GeocoderQueryError):
        geo.reverse("nowhere")


def test_district_at_and_landmark_districts():
    g = gazetteer.load()
    mosque = g.place("site-umayyad-mosque")
    assert mosque.district is not None
    assert g.district_at(mosque.lat, mosque.lon).name == mosque.district
    assert g.district_at(0, 0) is None


def test_geojson():
    g = gazetteer.load()
    fc = g.districts_geojson()
    assert fc["type"] == "FeatureCollection"
    ids = [f["properties"]["id"] for f in fc["features"]]
    # 118 CSR polygon places and 9 districts that UNOSAT's damage points outline (Handarat, Owaija, ...)
    assert len(ids) == len(set(ids)) == len(g.districts()) == 127
    assert {"id", "name", "name_ar"} <= set(fc["features"][0]["properties"])
    lm = g.landmarks_geojson()
    assert len(lm["features"]) > 200 and lm["features"][0]["geometry"]["type"] == "Point"


def test_every_district_point_lies_in_its_polygon():
    g = gazetteer.load()
    for p in g.districts():
        assert g.district_at(p.lat, p.lon).id in (p.id,) or p.kind == "landmark-area", p.id


def test_load_is_cached():
    assert gazetteer.load() is gazetteer.load()


def test_load_time_budget_is_reasonable():
    """Sanity only (the timed figure belongs to benchmarks/): a cold build must not take seconds."""
    import json

    data = json.loads(gazetteer.COOKED.read_text(encoding="utf-8"))
    t = time.perf_counter()
    gazetteer.Gazetteer(data)
    assert time.perf_counter() - t < 5


def test_a_point_between_polygons_takes_the_nearest_district_close_by(geo):
    g = geo.gazetteer
    lat, lon = 36.20, 37.16  # central Aleppo, on a street between polygons
    assert g.district_at(lat, lon) is None
    near = g.district_at(lat, lon, within_m=300)
    assert near is not None
    loc = geo.reverse((lat, lon))
    assert loc.raw["id"] == near.id and loc.raw["match"] == "nearest"
    assert g.district_at(36.5, 37.5, within_m=300) is None and geo.reverse((36.5, 37.5)) is None


def test_reverse_of_nothing_is_a_query_error(geo):
    with pytest.raises(GeocoderQueryError):
        geo.reverse(None)
