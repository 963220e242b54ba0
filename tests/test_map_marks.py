"""One mark per spot: grouping, the row budget, the payload and the honest legend (no browser)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from dashboard.filters import ViewState
from dashboard.map.data import TYPE_NAMES, mark_radius, size_steps
from dashboard.map.districts import label_rows
from dashboard.map.legend import Legend
from dashboard.map.spots import group_spots, row_cap
from dashboard.map.view import build_map
from tests.map_fixtures import decode_marks, fixture_points, fixture_stats, load_gazetteer, payload_of

B, E, P = (TYPE_NAMES.index(x) for x in ("Battles", "Explosions/Remote violence", "Protests"))


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


def five_at_one_place(gaz, n=5, types=("Battles", "Battles", "Explosions/Remote violence", "Protests",
                                       "Explosions/Remote violence")) -> pd.DataFrame:
    """``n`` events at one place (its representative point), of the given types in turn, one per day."""
    place = sorted(gaz.districts(), key=lambda p: p.name)[5]
    return pd.DataFrame([dict(
        event_id=f"same-{i}", event_date=(pd.Timestamp("2016-01-01") + pd.Timedelta(days=i)).strftime("%Y-%m-%d"),
        event_type=types[i % len(types)], sub_event_type="Armed clash", actor1=f"Actor {i}", actor2="",
        fatalities=i, location=["Spelled one way", "spelled another"][i % 2], place_id=None, district=place.name,
        latitude=place.lat, longitude=place.lon, geo_precision=1, source="SOHR",
        source_url=f"https://example.org/{i}", notes=f"Report sentence number {i}.") for i in range(n)])


@pytest.mark.parametrize("counts, budget, cap", [
    ([5, 3, 1], 100, 5),   # everything fits
    ([5, 3, 1], 9, 5),
    ([5, 3, 1], 6, 2),     # 2 + 2 + 1 = 5 <= 6; 3 + 3 + 1 = 7 > 6
    ([5, 3, 1], 2, 1),     # more spots than rows: every spot still shows its newest
    ([40_000, 10, 2], 1_000, 988),
    ([], 10, 0),
])
def test_row_cap_shares_the_budget(counts, budget, cap):
    assert row_cap(np.array(counts, dtype=np.int64), budget) == cap


def test_spots_group_by_coordinates_with_type_mix_and_newest_rows_first():
    lat = np.array([36.2, 36.1, 36.2, 36.2, 36.200001])
    lon = np.array([37.1, 37.0, 37.1, 37.1, 37.1])
    kind = np.array([B, E, B, P, E])
    date = np.array(["2016-01-02", "2015-05-05", "2016-03-01", "", "2014-01-01"], dtype=object)
    s = group_spots(lat, lon, kind, date, budget=100)
    assert len(s) == 2 and s.events == 5  # 36.200001 rounds to the same 1e-5 spot
    assert s.count.tolist() == [1, 4] and s.lat.tolist() == [3_610_000, 3_620_000]  # latitude order
    assert s.mix[1, B] == 2 and s.mix[1, P] == 1 and s.mix[1, E] == 1 and s.mix[0, E] == 1
    assert s.rows.tolist() == [1, 2, 0, 4, 3]  # spot by spot, newest first, unknown date last
    capped = group_spots(lat, lon, kind, date, budget=3)
    assert capped.shown.tolist() == [1, 2] and capped.rows.tolist() == [1, 2, 0] and capped.truncated == 2


def test_five_events_at_one_place_are_one_mark_with_all_five_rows(gaz):
    pts = pd.concat([fixture_points(gaz), five_at_one_place(gaz)], ignore_index=True)
    m = build_map(pts, fixture_stats(gaz), ViewState(), gaz)
    marks = decode_marks(payload_of(m))
    big = [mk for mk in marks if mk["events"] > 1]
    assert len(big) == 1 and big[0]["events"] == big[0]["shown"] == 5
    assert big[0]["mix"][B] == 2 and big[0]["mix"][E] == 2 and big[0]["mix"][P] == 1
    assert [r["event_date"] for r in big[0]["rows"]] == ["2016-01-05", "2016-01-04", "2016-01-03", "2016-01-02",
                                                          "2016-01-01"]
    assert {r["location"] for r in big[0]["rows"]} == {"Spelled one way", "spelled another"}  # as written
    assert m.summary["points"] == 10 and m.summary["marks"] == len(marks) == 6


def test_legend_counts_are_the_marks_and_list_only_the_types_present(gaz):
    pts = pd.concat([fixture_points(gaz), five_at_one_place(gaz)], ignore_index=True)
    m = build_map(pts, fixture_stats(gaz), ViewState(), gaz)
    spec = next(c for c in m._children.values() if isinstance(c, Legend)).spec_data
    marks = decode_marks(payload_of(m))
    drawn = sum(mk["events"] for mk in marks)
    assert sum(int(c.replace(",", "")) for _, _, c in spec["types"]) == drawn == m.summary["points"]
    assert [name for _, name, _ in spec["types"]] == ["Battles", "Explosions/Remote violence",
                                                       "Violence against civilians", "Protests"]
    assert spec["notes"][0].startswith(f"{drawn} of 15 events are drawn as {len(marks)} marks")
    assert spec["fold"] == "Legend" and [lab for _, lab in spec["sizes"]] == ["5", "1"]


def test_the_row_budget_keeps_the_newest_rows_and_counts_the_rest(gaz):
    many = five_at_one_place(gaz, n=23)
    m = build_map(many, fixture_stats(gaz), ViewState(), gaz, row_budget=12)
    (mark,) = decode_marks(payload_of(m))
    assert (mark["events"], mark["shown"]) == (23, 12)
    assert mark["rows"][0]["event_date"] == "2016-01-23" and mark["rows"][-1]["event_date"] == "2016-01-12"


def test_mark_sizes_are_proportional_in_area_above_the_floor():
    assert mark_radius(40, 40) == pytest.approx(24.0)
    assert mark_radius(10, 40) ** 2 * 4 == pytest.approx(mark_radius(40, 40) ** 2)
    assert mark_radius(1, 40_000) == 4.5  # the floor, said in the legend
    steps = size_steps(40_000)
    assert steps[0] == [40_000.0, 24.0] and steps[-1][1] == 4.5
    assert all(a[1] > b[1] for a, b in zip(steps, steps[1:]))


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_district_labels_largest_first_in_the_interface_language(gaz, lang):
    rows = label_rows(gaz, lang)
    assert len(rows) >= 100
    areas = [(r[5] - r[3]) * (r[6] - r[4]) for r in rows]
    assert areas == sorted(areas, reverse=True)
    names = {p.name: p.name_ar for p in gaz.districts()}
    shown = {r[2] for r in rows}
    if lang == "ar":
        assert sum(1 for n in names.values() if n and n in shown) >= 100
    else:
        assert shown <= set(names)
    for lat, lon, _, s, w, n, e in rows:
        assert s <= lat <= n and w <= lon <= e  # the label's point lies in its district's box


def test_zoom_to_results_frames_the_drawn_events(gaz):
    m = build_map(fixture_points(gaz), fixture_stats(gaz), ViewState(), gaz)
    (s, w), (n, e) = m.bounds
    pts = fixture_points(gaz)
    drawn = pts[pts["geo_precision"].fillna(1).isin([1, 2]) & pts["latitude"].notna()]
    assert (s, w, n, e) == (drawn.latitude.min(), drawn.longitude.min(), drawn.latitude.max(), drawn.longitude.max())
    html = m.get_root().render()
    assert "Zoom to results" in html and "frame(false)" not in html
    fitted = build_map(fixture_points(gaz), fixture_stats(gaz), ViewState(), gaz, fit=True).get_root().render()
    assert "frame(false)" in fitted
