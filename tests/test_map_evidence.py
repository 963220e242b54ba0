"""The evidence layer on the map: damage sites drawn, shaded and counted apart from events."""
from __future__ import annotations

import json
import re
from datetime import date

import pandas as pd
import pytest

from dashboard.evidence import LEVEL_ORDER
from dashboard.filters import ViewState, from_query_params
from dashboard.map.evidence import DamageLegend, DamageSites, damage_by_district, damage_payload
from dashboard.map.view import build_map, map_html
from tests.map_fixtures import fixture_points, fixture_stats, load_gazetteer

HOSTILE = '<img src=x onerror="window.__xss=1"> {{ 7*7 }}'


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


def sites(n: int = 6) -> pd.DataFrame:
    """Damage sites as ``EventStore.damage_points`` gives them (one hostile place name)."""
    rows = []
    for i in range(n):
        level = (1, 2, 3, 6, None, 1)[i % 6]
        rows.append({"latitude": 36.20 + i * 0.004, "longitude": 37.15 + i * 0.003, "damage_level": level,
                     "damage": "Destroyed (bld)" if level == 1 else "Impact Crater (Damage to Road)" if level is None
                     else str(level), "window_start": "2014-02-06", "window_end": "2014-02-20" if i % 2 else "2014-02-06",
                     "site_type": "Building", "confidence": "Medium", "cause": "", "sensor": "Pleiades",
                     "place": HOSTILE if i == 0 else "Hanano", "district": "Hanano" if i < 4 else None,
                     "source": "UNITAR-UNOSAT damage assessment, via Columbia CSR"})
    frame = pd.DataFrame(rows)
    frame["damage_level"] = frame["damage_level"].astype("Int64")
    return frame


def decode(payload: dict) -> list[tuple[float, float, int | None, list[str]]]:
    out, la, lo = [], 0, 0
    for i in range(payload["n"]):
        la += payload["xy"][2 * i]
        lo += payload["xy"][2 * i + 1]
        out.append((la / 1e5, lo / 1e5, LEVEL_ORDER[ord(payload["lv"][i]) - 48], payload["inf"][payload["ix"][i]]))
    return out


def test_the_payload_holds_every_site_with_its_level_and_window():
    got = sorted(decode(damage_payload(sites())), key=lambda r: r[0])
    want = sites().sort_values("latitude")
    assert [round(r[0], 5) for r in got] == [round(x, 5) for x in want.latitude]
    assert [round(r[1], 5) for r in got] == [round(x, 5) for x in want.longitude]
    assert [r[2] for r in got] == [None if pd.isna(v) else int(v) for v in want.damage_level]
    assert got[1][3][:2] == ["2014-02-06", "2014-02-20"] and got[0][3][7] == HOSTILE


def test_damage_sites_are_a_layer_and_a_legend_of_their_own(gaz):
    m = build_map(fixture_points(gaz), fixture_stats(gaz), ViewState(), gaz, damage=sites())
    kids = list(m._children.values())
    layer = next(c for c in kids if isinstance(c, DamageSites))
    legend = next(c for c in kids if isinstance(c, DamageLegend))
    assert layer.count == 6 and m.summary["damage"] == 6
    assert m.summary["events"] == len(fixture_points(gaz))  # events are counted without the sites
    assert [lv[1] for lv in legend.spec_data["levels"]] == [
        "Destroyed: 2", "Severe damage: 1", "Moderate damage: 1", "Possible damage: 1",
        "Crater, impact site or not graded: 1"]
    assert "not in the event counts" in legend.spec_data["notes"][0]
    html = map_html(m)
    assert "aleppoDamageCount" in html and HOSTILE not in html and "<img src=x" not in html
    assert "{{ 7*7 }}" not in html  # JSON-escaped, never a template


def test_layer_off_and_no_sites(gaz):
    m = build_map(fixture_points(gaz), fixture_stats(gaz), ViewState(layers=("points",)), gaz, damage=sites())
    layer = next(c for c in m._children.values() if isinstance(c, DamageSites))
    legend = next(c for c in m._children.values() if isinstance(c, DamageLegend))
    assert layer.show is False and legend.spec_data["levels"] == []
    assert "The damage sites layer is off." in legend.spec_data["notes"]
    bare = build_map(fixture_points(gaz), fixture_stats(gaz), ViewState(), gaz)
    assert not any(isinstance(c, (DamageSites, DamageLegend)) for c in bare._children.values())
    assert bare.summary["damage"] == 0


def test_districts_shaded_by_damage_sites(gaz):
    s = sites()
    assert damage_by_district(s) == {"Hanano": 4}
    m = build_map(fixture_points(gaz), fixture_stats(gaz), ViewState(shade="damage"), gaz, damage=s)
    data = json.loads(re.search(r"L\.geoJSON\((\{.*?\}), \{", map_html(m), re.S).group(1)
                      .replace("\\u003c", "<").replace("\\u003e", ">").replace("\\u0026", "&"))
    by = {f["properties"]["name"]: f["properties"] for f in data["features"]}
    hanano = by["Hanano"]
    none = next(p for name, p in by.items() if name != "Hanano")
    assert hanano["fc"] != none["fc"]  # 4 sites against none
    assert "4 damage sites (satellite evidence)" in hanano["tip"]
    legend = next(c for c in m._children.values() if type(c).__name__ == "Legend")
    assert legend.spec_data["title"] == "Districts: damage sites (filtered)"


def test_the_link_carries_the_damage_shading_and_layer():
    view, notices = from_query_params({"shade": "damage", "layers": "points,damage", "from": "2015-01-01"})
    assert not notices and view.shade == "damage" and view.layers == ("points", "damage")
    assert from_query_params(view.to_query_params())[0] == view
    assert "damage" in ViewState().layers  # on by default: a fresh install shows the evidence
    assert ViewState(date_from=date(2015, 1, 1)).to_query_params() == {"from": "2015-01-01"}
