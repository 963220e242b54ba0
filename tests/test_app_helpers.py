"""The app's plain-Python helpers: quick ranges, map return values, chart frames."""
from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from dashboard import charts, view_controls as vc
from dashboard.filters import ViewState

MIN, MAX = date(2014, 3, 2), date(2016, 10, 7)


@pytest.mark.parametrize("choice, kw, expected", [
    (vc.RANGE_ALL, {}, (None, None)),
    (vc.RANGE_30, {}, (date(2016, 9, 8), MAX)),
    (vc.RANGE_365, {}, (date(2015, 10, 9), MAX)),
    (vc.RANGE_YEAR, {"year": 2015}, (date(2015, 1, 1), date(2015, 12, 31))),
    (vc.RANGE_CUSTOM, {"custom": (date(2015, 5, 1), date(2015, 4, 1))}, (date(2015, 4, 1), date(2015, 5, 1))),
    (vc.RANGE_CUSTOM, {"custom": (date(2015, 5, 1),)}, (date(2015, 5, 1), None)),
    (vc.RANGE_YEAR, {}, (None, None)),
])
def test_quick_range(choice, kw, expected):
    assert vc.quick_range(choice, min_date=MIN, max_date=MAX, **kw) == expected


def test_quick_range_without_data_is_everything():
    assert vc.quick_range(vc.RANGE_30, min_date=None, max_date=None) == (None, None)


@pytest.mark.parametrize("view, expected", [
    (ViewState(), (vc.RANGE_ALL, None)),
    (ViewState(date_from=date(2015, 1, 1), date_to=date(2015, 12, 31)), (vc.RANGE_YEAR, 2015)),
    (ViewState(date_from=date(2016, 9, 8), date_to=MAX), (vc.RANGE_30, None)),
    (ViewState(date_from=date(2016, 9, 9), date_to=MAX), (vc.RANGE_CUSTOM, None)),
    (ViewState(date_from=date(2016, 9, 9)), (vc.RANGE_CUSTOM, None)),
])
def test_range_choice_round_trips(view, expected):
    choice, year = vc.range_choice_for(view, min_date=MIN, max_date=MAX)
    assert (choice, year) == expected
    if choice != vc.RANGE_CUSTOM:
        assert vc.quick_range(choice, min_date=MIN, max_date=MAX, year=year) == (view.date_from, view.date_to)


def test_data_years_newest_first():
    assert vc.data_years(MIN, MAX) == [2016, 2015, 2014]
    assert vc.data_years(None, MAX) == []


def test_with_selected_keeps_link_values():
    assert vc.with_selected(["a", "b", ""], ["c", "a", "c"]) == ["a", "b", "c"]


DISTRICTS = ["Sheikh Saeed", "al-Sukkari", "Bustan al-Qasr"]
POLY = {"type": "Polygon", "coordinates": [[[37, 36], [37.1, 36], [37.1, 36.1], [37, 36]]]}


@pytest.mark.parametrize("returned, expected", [
    (None, None),
    ({}, None),
    ({"last_active_drawing": {"type": "Feature", "geometry": POLY, "properties": {"name": "al-sukkari"}}}, "al-Sukkari"),
    ({"last_active_drawing": {"type": "Feature", "geometry": POLY, "properties": {"district": "Sheikh Saeed"}}}, "Sheikh Saeed"),
    # a click on an event point that happens to carry a district property is not a district click
    ({"last_active_drawing": {"type": "Feature", "geometry": {"type": "Point", "coordinates": [37, 36]},
                              "properties": {"district": "Sheikh Saeed"}}}, None),
    ({"last_active_drawing": {"type": "Feature", "geometry": POLY, "properties": {"name": "Nowhere"}}}, None),
    ({"last_object_clicked_tooltip": "District: Bustan al-Qasr\nEvents: 4"}, "Bustan al-Qasr"),
    ({"last_object_clicked_tooltip": "<img src=x onerror=alert(1)>"}, None),
])
def test_clicked_district(returned, expected):
    assert vc.clicked_district(returned, DISTRICTS) == expected


@pytest.mark.parametrize("returned, expected", [
    ({"center": {"lat": 36.21, "lng": 37.13}, "zoom": 14}, ((36.21, 37.13), 14)),
    ({"center": {"lat": 136.21, "lng": 37.13}, "zoom": 14}, None),
    ({"center": None, "zoom": 14}, None),
    ({"center": {"lat": 36.2, "lng": 37.1}, "zoom": "x"}, None),
    (None, None),
])
def test_live_view(returned, expected):
    assert vc.live_view(returned) == expected


EVENTS = pd.DataFrame({
    "event_date": ["2016-01-04", "2016-01-05", "2016-01-20", "2016-01-20", "bad"],
    "event_type": ["Battles", "Battles", "Explosions/Remote violence", "", "Battles"],
    "actor1": ["Army", "Army", "Air force", "Rebels", "Army"],
    "actor2": ["Rebels", "", "Civilians", "Rebels", ""],
    "fatalities": [1, None, 5, 2, 0],
})


def test_timeline_by_week_fills_gaps():
    t = charts.timeline(EVENTS, freq="week")
    assert list(t.index) == list(pd.to_datetime(["2016-01-04", "2016-01-11", "2016-01-18"]))
    assert t.loc["2016-01-04", "Battles"] == 2
    assert t.loc["2016-01-11"].sum() == 0
    assert t.loc["2016-01-18", "Unknown"] == 1
    assert int(t.to_numpy().sum()) == 4  # the undated row is left out


def test_timeline_by_day():
    t = charts.timeline(EVENTS, freq="day")
    assert len(t) == 17 and int(t.to_numpy().sum()) == 4


def test_timeline_empty_and_bad_freq():
    assert charts.timeline(EVENTS.iloc[:0]).empty
    with pytest.raises(ValueError):
        charts.timeline(EVENTS, freq="month")


def test_top_actors_counts_either_side_once():
    top = charts.top_actors(EVENTS, n=3)
    assert top.to_dict("records") == [
        {"actor": "Army", "events": 3, "fatalities": 1},
        {"actor": "Rebels", "events": 2, "fatalities": 3},
        {"actor": "Air force", "events": 1, "fatalities": 5},
    ]


def test_top_districts():
    stats = pd.DataFrame({"district": ["A", "B", None, "C"], "events": [1, 5, 9, 0], "fatalities": [7, 0, 0, 0]})
    assert charts.top_districts(stats)["district"].tolist() == ["B", "A"]
    assert charts.top_districts(stats, by="fatalities")["district"].tolist() == ["A"]


@pytest.mark.parametrize("start, end, expected", [
    (date(2016, 1, 1), date(2016, 3, 1), "day"),
    (date(2014, 1, 1), date(2016, 3, 1), "week"),
    (None, None, "week"),
])
def test_pick_freq(start, end, expected):
    assert charts.pick_freq(start, end) == expected


@pytest.mark.parametrize("a, b, expected", [
    (((36.2, 37.15), 12), ((36.199958, 37.149925), 12), True),  # sub-pixel noise from the browser
    (((36.2, 37.15), 12), ((36.21, 37.15), 12), False),
    (((36.2, 37.15), 12), ((36.2, 37.15), 13), False),
    (((36.2, 37.15), 18), ((36.20001, 37.15), 18), False),  # at street zoom a metre matters
    (None, ((36.2, 37.15), 12), False),
    (None, None, True),
])
def test_same_view(a, b, expected):
    assert vc.same_view(a, b) is expected


def test_subtype_options_follow_the_chosen_types():
    from dashboard.schema import EVENT_TYPES

    assert vc.subtype_options(["Battles"]) == list(EVENT_TYPES["Battles"])
    assert vc.subtype_options([]) == [s for subs in EVENT_TYPES.values() for s in subs]
    assert vc.subtype_options(["Not a type"]) == []


def test_district_options_merge_polygons_and_stored_names():
    assert vc.district_options(["b", "A", ""], ["c", "b", None]) == ["A", "b", "c"]
    assert vc.district_options(["b"], None) == ["b"]


@pytest.mark.parametrize("total, mapped, expected", [
    (6, 5, "1 filtered event has no map location"),
    (1200, 0, "1,200 filtered events have no map location"),
    (5, 5, ""),
    (3, 5, ""),
])
def test_unmapped_note(total, mapped, expected):
    note = vc.unmapped_note(total, mapped)
    assert note.startswith(expected) and bool(note) is bool(expected)


@pytest.mark.parametrize("message, expected", [
    ("bad.xlsx: not a workbook", "bad.xlsx: not a workbook"),
    ("not a workbook", "bad.xlsx: not a workbook"),
])
def test_file_error_names_the_file_once(message, expected):
    assert vc.file_error("bad.xlsx", ValueError(message)) == expected


def test_problems_frame():
    from dashboard.errors import RowProblem

    frame = vc.problems_frame([RowProblem("f.csv", 3, "date", "unparseable date", "someday")])
    assert frame.to_dict("records") == [{"line": 3, "field": "date", "reason": "unparseable date", "value": "someday"}]
    assert list(vc.problems_frame([]).columns) == ["line", "field", "reason", "value"]


def test_clicked_district_reads_the_maps_own_district_feature():
    # no geometry: only dashboard.map.view.district_from_click (which knows the map's properties) reads it
    feature = {"type": "Feature", "properties": {"kind": "district", "name": "Sheikh Saeed"}}
    assert vc.clicked_district({"last_active_drawing": feature}, DISTRICTS) == "Sheikh Saeed"
    assert vc.clicked_district({"last_active_drawing": feature}, ["al-Sukkari"]) is None


def _imported_modules(path) -> set[str]:
    import ast

    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    names |= {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and not n.level}
    return {n.split(".")[0] for n in names}


def test_the_library_never_imports_streamlit():
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    files = [f for pkg in ("dashboard", "gazetteer") for f in (root / pkg).rglob("*.py")]
    assert len(files) > 20
    offenders = [str(f.relative_to(root)) for f in files if _imported_modules(f) & {"streamlit", "streamlit_folium"}]
    assert offenders == []
    assert "streamlit" in _imported_modules(root / "app.py")  # the check does see imports
    assert not (root / "pages").exists()  # a pages/ folder would switch Streamlit to multipage mode


def test_timeline_colours_are_the_maps():
    from dashboard.map.data import EVENT_COLOURS, OTHER_COLOUR

    assert charts.type_colours(["Battles", "Riots", "Unknown"]) == [EVENT_COLOURS["Battles"], EVENT_COLOURS["Riots"],
                                                                   OTHER_COLOUR]
