"""Golden checks of the map HTML (structure, offline, escaping, counts); no browser."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest

from dashboard.filters import ViewState
from dashboard.map.data import js_json
from dashboard.map.view import TILES_URL, build_map, district_from_click, offline_check
from tests.map_fixtures import (HOSTILE, decode_points, fixture_points, fixture_stats, load_gazetteer,
                                 payload_of, render)

@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


@pytest.mark.parametrize("assets", ["served", "inline"])
@pytest.mark.parametrize("layers", [(), ("points", "areas"), ("points", "areas", "heat", "landmarks")])
def test_page_loads_nothing_from_the_network(gaz, assets, layers):
    _, html = render(gaz, ViewState(layers=layers), assets=assets)
    assert offline_check(html) == []
    for cdn in ("cdn.jsdelivr.net", "cdnjs.cloudflare.com", "code.jquery.com", "netdna.bootstrapcdn.com"):
        assert cdn not in html, cdn


def test_served_assets_are_local_files_that_exist(gaz):
    from dashboard.assets import STATIC_DIR

    _, html = render(gaz, ViewState(layers=("points", "heat")))
    refs = re.findall(r'<script src="([^"]+)"', html) + re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)
    assert {r.rsplit("/", 1)[-1] for r in refs} >= {"leaflet.js", "leaflet.css", "jquery.min.js", "leaflet-heat.js"}
    for ref in refs:
        assert ref.startswith("/app/static/vendor/"), ref
        assert (STATIC_DIR / ref.removeprefix("/app/static/")).is_file(), ref


def test_inline_page_has_no_external_script_or_stylesheet(gaz):
    _, html = render(gaz, ViewState(layers=("points", "heat")), assets="inline")
    assert "<script src=" not in html and 'rel="stylesheet"' not in html
    assert "L.heatLayer" in html


def test_class_level_folium_defaults_are_untouched(gaz):
    import folium
    from folium.plugins import HeatMap, MarkerCluster

    before = [list(c.default_js) for c in (folium.Map, HeatMap, MarkerCluster)]
    render(gaz, ViewState(layers=("points", "heat")), assets="inline")
    assert [list(c.default_js) for c in (folium.Map, HeatMap, MarkerCluster)] == before


@pytest.mark.parametrize("layers, expected", [
    ((), []),
    (("points", "areas"), []),
    (("tiles",), [TILES_URL]),
    (("tiles", "points", "heat"), [TILES_URL]),
])
def test_tiles_are_loaded_only_when_switched_on(gaz, layers, expected):
    _, html = render(gaz, ViewState(layers=layers))
    assert offline_check(html) == expected
    assert TILES_URL in html  # always offered in the layer control
    assert "OpenStreetMap\\u003c/a\\u003e contributors" in html  # credited when the tiles are on


@pytest.mark.parametrize("snippet, expected", [
    ('<script src="https://cdn.example/x.js"></script>', ["https://cdn.example/x.js"]),
    ("<script src='//cdn.example/x.js'></script>", ["//cdn.example/x.js"]),
    ('<link rel="stylesheet" href="http://a.example/s.css"/>', ["http://a.example/s.css"]),
    ('<img alt="" src="https://a.example/i.png">', ["https://a.example/i.png"]),
    ("<style>.x{background:url('https://a.example/b.png')}</style>", ["https://a.example/b.png"]),
    ('<style>@import "https://a.example/c.css";</style>', ["https://a.example/c.css"]),
    ('var t = L.tileLayer("https://t.example/{z}/{x}/{y}.png", {}); t.addTo(m);', ["https://t.example/{z}/{x}/{y}.png"]),
    ('var t = L.tileLayer("https://t.example/{z}/{x}/{y}.png", {});', []),
    ('<a href="https://example.org" target="_blank">link</a>', []),
    ('<script src="/app/static/vendor/leaflet/leaflet.js"></script>', []),
    ('var d = {"u": "https://example.org/report"};', []),
])
def test_offline_check_table(snippet, expected):
    assert offline_check(snippet) == expected


# --- structure ---------------------------------------------------------------------------------------

def test_one_polygon_layer_with_every_district_shaded_and_named(gaz):
    from dashboard.map.data import ZERO_COLOUR
    from dashboard.map.layers import DistrictLayer

    m, html = render(gaz)
    assert html.count("L.geoJSON(") == 1
    layer = next(c for c in m._children.values() if isinstance(c, DistrictLayer))
    feats = json.loads(layer.data)["features"]
    assert len(feats) == len(gaz.districts())
    by_name = {f["properties"]["name"]: f["properties"] for f in feats}
    stats = fixture_stats(gaz)
    top = by_name[stats.district[0]]
    assert (top["events"], top["fatalities"], top["kind"]) == (40, 7, "district")
    assert top["fc"] != ZERO_COLOUR and top["name_ar"]
    assert top["tip"].split("\n")[0] == f"<b>{top['name'].replace(chr(39), '&#x27;')}</b>"
    untouched = [p for n, p in by_name.items() if n not in set(stats.district)]
    assert untouched and all(p["fc"] == ZERO_COLOUR and p["events"] == 0 for p in untouched)


def test_counts_of_points_halos_and_not_drawn(gaz):
    m, html = render(gaz)
    assert m.summary == {"events": 10, "points": 5, "marks": 5, "area": 3, "halos": 2, "coarsened": 0, "city": 1,
                         "unresolved": 1, "damage": 0}  # no damage sites given: none drawn
    assert payload_of(m)["ne"] == payload_of(m)["n"] == 5
    assert "5 of 10 events are drawn as 5 marks" in html
    assert "3 known only to an area" in html and "1 known only to the city" in html
    assert "1 with an unresolved place name" in html
    assert html.count("aleppo-legend") >= 1 and "Events by type (drawn)" in html


def test_decoded_points_round_trip(gaz):
    m, _ = render(gaz)
    got = {p["event_date"]: p for p in decode_points(payload_of(m))}
    src = fixture_points(gaz).set_index("event_date")
    assert set(got) == {"2016-10-07", "2016-10-06", "2016-10-05", "2016-10-04", "2016-10-03"}
    for date, p in got.items():
        row = src.loc[date]
        assert abs(p["lat"] - row.latitude) < 1e-5 and abs(p["lon"] - row.longitude) < 1e-5
        assert (p["event_type"], p["actor1"], p["location"]) == (row.event_type, row.actor1, row.location)
    assert got["2016-10-05"]["fatalities"] == -1  # unknown, not zero
    assert got["2016-10-04"]["fatalities"] == 0
    assert got["2016-10-06"]["resolved"] == gaz.place(src.loc["2016-10-06"].place_id).name


def test_hostile_text_is_inert_in_the_page(gaz):
    m, html = render(gaz, assets="inline")
    for bad in ("<script>window.__xss", "<img src=x", "</script><script>", "\u2028", "\u2029",
                "SSTI 49", "javascript:window"):
        assert bad not in html, bad
    p = next(p for p in decode_points(payload_of(m)) if p["event_date"] == "2016-10-07")
    # ... yet the text itself survives, to be shown as text.
    assert p["actor1"] == HOSTILE[0] and p["location"] == HOSTILE[1] and p["district"] == HOSTILE[4]
    assert "{{ 7*7 }} {% if x %}" in p["notes"]
    assert p["source_url"] == ""  # only http(s) URLs become links
    assert "textContent" in html and "innerHTML" not in html.split("L.geoJSON(")[1]


@pytest.mark.parametrize("value", HOSTILE + ["{{ config }}", "{% raw %}", "a\u2028b"])
def test_js_json_is_safe_in_script_and_round_trips(value):
    text = js_json({"v": value, "nested": [{"k": {}}]})
    assert not set(text) & {"<", ">", "&", "\u2028", "\u2029"}
    assert "{{" not in text and "{%" not in text
    assert json.loads(text) == {"v": value, "nested": [{"k": {}}]}


def test_view_is_kept_and_shade_switches(gaz):
    view = ViewState(center=(36.21234, 37.13456), zoom=14, shade="fatalities")
    m, html = render(gaz, view)
    assert "[36.21234, 37.13456]" in html and '"zoom": 14' in html
    assert "Districts: fatalities (filtered)" in html and "0 fatalities" in html


def test_layers_follow_the_view(gaz):
    from dashboard.map.layers import AreaHalos, Landmarks
    from dashboard.map.points import EventMarks

    m, html = render(gaz, ViewState(layers=("heat", "landmarks")))
    shown = {type(c).__name__: c.show for c in m._children.values()
             if isinstance(c, (AreaHalos, EventMarks, Landmarks))}
    assert shown == {"AreaHalos": False, "EventMarks": False, "Landmarks": True}
    assert "L.heatLayer" in html and "L.control.layers" in html


def test_coarsened_view_draws_no_exact_points(gaz):
    m, html = render(gaz, ViewState(coarsen=True))
    assert m.summary["points"] == 0 and m.summary["coarsened"] == 5
    assert "EventMarks" not in {type(c).__name__ for c in m._children.values()}
    assert "coarsened to their district" in html


@pytest.mark.parametrize("layers", [("points",), ("points", "heat"), ("points", "areas")])
def test_coarsened_events_are_drawn_with_the_points_layer(gaz, layers):
    m, html = render(gaz, ViewState(coarsen=True, layers=layers))
    coarse = [c for c in m._children.values() if getattr(c, "layer_name", "") == "Events, coarsened to districts"]
    assert len(coarse) == 1 and coarse[0].show  # not hidden with the area halos
    assert ("L.heatLayer" in html) == ("heat" in layers)  # the heat map follows the coarsened points


def test_legend_follows_the_layers_and_counts_every_filtered_event(gaz):
    from dashboard.map.legend import Legend

    m, html = render(gaz, ViewState(layers=()))
    notes = " ".join(next(c for c in m._children.values() if isinstance(c, Legend)).spec_data["notes"])
    assert "marks layer off" in notes and "halos layer off" in notes and "are drawn as" not in notes
    m = build_map(fixture_points(gaz), fixture_stats(gaz), ViewState(), gaz, total_events=14)
    notes = " ".join(next(c for c in m._children.values() if isinstance(c, Legend)).spec_data["notes"])
    assert "5 of 14 events are drawn as 5 marks" in notes  # the store's count, not only the located rows
    assert m.summary["unresolved"] == 1 + (14 - 10)


def test_empty_frame_builds_a_map(gaz):
    empty = fixture_points(gaz).iloc[0:0]
    m, html = render(gaz, points=empty)
    assert m.summary["events"] == 0 and offline_check(html) == []
    assert "0 of 0 events are drawn as 0 marks" in html and html.count("L.geoJSON(") == 1


def test_messy_columns_do_not_break_the_map(gaz):
    df = fixture_points(gaz).astype(object)
    df.loc[1, "latitude"] = "not a number"
    df.loc[2, "fatalities"] = "n/a"
    df.loc[3, "event_date"] = None
    df.loc[4, "latitude"] = 95.0  # impossible: treated as missing
    df = df.drop(columns=["actor2", "source_url"])
    m, html = render(gaz, points=df)
    assert m.summary["points"] == 3 and m.summary["unresolved"] == 3
    assert offline_check(html) == []


@pytest.mark.parametrize("returned, expected", [
    (None, None),
    ({}, None),
    ({"last_active_drawing": {"type": "Feature", "properties": {"kind": "district", "name": "Hanano"}}}, "Hanano"),
    ({"last_active_drawing": {"type": "Feature", "properties": {}}, "last_object_clicked_tooltip": None}, None),
    ({"last_object_clicked_tooltip": "Hanano\nهنانو\n3 events · 0 fatalities"}, "Hanano"),
    ({"last_object_clicked_tooltip": "≈ East Aleppo\n2 events located only to this area"}, None),
    ({"last_object_clicked_tooltip": "Not A District\nx"}, None),
])
def test_district_from_click_table(returned, expected):
    assert district_from_click(returned, ["Hanano", "Sheikh Maqsoud"]) == expected


# --- golden ---------------------------------------------------------------------------------------

GOLDEN = Path(__file__).resolve().parent / "golden" / "map_structure.json"


def structure(m, html) -> dict:
    from dashboard.map.legend import Legend

    legend = next(c for c in m._children.values() if isinstance(c, Legend))
    return {
        "scripts": re.findall(r'<script src="([^"]+)"', html),
        "stylesheets": re.findall(r'<link rel="stylesheet" href="([^"]+)"', html),
        "layers": [c.layer_name for c in m._children.values() if hasattr(c, "layer_name")],
        "summary": m.summary,
        "legend": {k: v for k, v in legend.spec_data.items() if k != "classes"},
    }


def test_golden_structure(gaz):
    """The page's structure for the fixture; regenerate with UPDATE_GOLDEN=1 after a deliberate change."""
    import os

    got = structure(*render(gaz, ViewState(layers=("points", "areas", "heat", "landmarks"))))
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text(json.dumps(got, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    assert got == json.loads(GOLDEN.read_text(encoding="utf-8"))


# --- classes and notes ---------------------------------------------------------------------------

@pytest.mark.parametrize("values, breaks", [
    ([0, 0], []),
    ([3], [1, 2]),
    ([0, 1, 2, 3, 5, 8, 13, 40, 100, 500], [1, 2, 5, 10, 50]),
    ([40, 50, 60, 70, 4130], [1, 20, 50, 500]),
])
def test_class_breaks_cover_every_nonzero_value(values, breaks):
    from dashboard.map.data import SHADE_COLOURS, ZERO_COLOUR, nice_breaks, shade_colour

    assert nice_breaks(values) == breaks
    for v in values:
        colour = shade_colour(v, breaks)
        assert (colour == ZERO_COLOUR) == (v == 0)
        if v:  # the class whose lower bound is the largest one <= v
            assert colour == SHADE_COLOURS[max(i for i, b in enumerate(breaks) if v >= b)]


@pytest.mark.parametrize("n, budget, expect_len", [
    (10, 10_000, 200),     # fits: at most the per-note limit
    (1000, 80_000, 80),    # shared budget
    (1000, 50_000, 0),     # 50 characters each means nothing: dropped, the table has the text
    (1000, 10_000, 0),
])
def test_notes_share_a_budget(n, budget, expect_len):
    from dashboard.map.data import truncate_notes

    notes = pd.Series([f"{i:05d} " + "x" * 400 for i in range(n)])
    out = truncate_notes(notes, budget=budget)
    assert out.str.len().max() == expect_len
    if expect_len:
        assert out[0].startswith("00000 ") and out[0].endswith("…")
