"""What a person sees: the saved standalone map in headless Chromium with the network cut off."""
from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from dashboard.filters import ViewState
from dashboard.mapview import build_map, map_html
from tests.test_mapview import HOSTILE, fixture_points, fixture_stats, load_gazetteer

pytestmark = pytest.mark.browser
DAMAGE = Path(__file__).resolve().parent.parent / "dashboard" / "data" / "damage-sites-2013-2015.csv"
HOSTILE_AT = (36.2600, 37.2700)  # isolated, so a click there hits only the hostile event
LINKED_AT = (36.2550, 37.0450)


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


def damage_sites(gaz, n: int) -> pd.DataFrame:
    """Real dated, located damage sites (UNITAR-UNOSAT via Columbia CSR) as map points."""
    raw = pd.read_csv(DAMAGE).head(n)
    district = [getattr(gaz.district_at(la, lo), "name", None) if hasattr(gaz, "district_at") else None
                for la, lo in zip(raw["Lat"], raw["Long"])]
    return pd.DataFrame({
        "event_id": [f"ds-{i}" for i in raw["OBJECTID"]],
        "event_date": pd.to_datetime(raw["SensorDate"], format="%m/%d/%Y"),
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Shelling/artillery/missile attack",
        "actor1": "", "actor2": "", "fatalities": None, "location": "Aleppo", "place_id": None,
        "district": district, "latitude": raw["Lat"], "longitude": raw["Long"], "geo_precision": 1,
        "source": "UNITAR-UNOSAT", "source_url": "",
        "notes": raw["DamageCause"] + " damage (" + raw["DamageID1"] + ")",
    })


def scene(gaz) -> pd.DataFrame:
    pts = fixture_points(gaz)
    pts.loc[0, ["latitude", "longitude"]] = HOSTILE_AT
    linked = pts.iloc[[1]].assign(event_id="ev-linked", event_date="2016-09-30", latitude=LINKED_AT[0],
                                  longitude=LINKED_AT[1], source="Reuters",
                                  source_url="https://example.org/aleppo?a=1&b=2")
    return pd.concat([pts, linked, damage_sites(gaz, 600)], ignore_index=True)


def open_offline(browser, path: Path):
    page = browser.new_page(viewport={"width": 1280, "height": 860})
    external: list[str] = []
    errors: list[str] = []

    def route(r):
        if r.request.url.startswith(("file:", "data:")):
            r.continue_()
        else:
            external.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(path.as_uri(), wait_until="load")
    return page, external, errors


def click_at(page, m, latlon):
    x, y = page.evaluate("([n, ll]) => { const p = window[n].latLngToContainerPoint(ll); return [p.x, p.y]; }",
                         [m.get_name(), list(latlon)])
    box = page.locator(f"#{m.get_name()}").bounding_box()
    page.mouse.click(box["x"] + x, box["y"] + y)


@pytest.mark.parametrize("cluster", [False, True], ids=["canvas", "cluster"])
def test_offline_map_shows_polygons_points_and_inert_popups(browser, gaz, tmp_path, cluster):
    m = build_map(scene(gaz), fixture_stats(gaz), ViewState(layers=("points", "areas", "landmarks")), gaz,
                  assets="inline", cluster=cluster)
    path = tmp_path / "map.html"
    path.write_text(map_html(m), encoding="utf-8")
    page, external, errors = open_offline(browser, path)
    try:
        page.wait_for_selector("path.leaflet-interactive", timeout=20_000)
        assert page.locator("path.leaflet-interactive").count() >= len(gaz.districts())
        points = next(c for c in m._children.values() if type(c).__name__ == "EventPoints")
        assert page.evaluate(f"window['{points.get_name()}'].getLayers().length") == m.summary["points"] == 606
        if cluster:
            page.wait_for_selector(".aleppo-cluster", timeout=20_000)
        else:
            assert page.locator(".leaflet-aleppoPoints-pane canvas").count() == 1
        assert page.locator("path.aleppo-halo").count() == m.summary["halos"] == 2
        assert "606 of 611 events drawn as points" in page.locator(".aleppo-legend").inner_text()

        click_at(page, m, HOSTILE_AT)
        popup = page.wait_for_selector(".aleppo-popup .ev-pop", timeout=10_000)
        text = popup.inner_text()
        for bad in HOSTILE[:4]:
            assert bad in text  # shown as text, not markup
        assert "{{ 7*7 }}" in text
        assert popup.query_selector("img, script, b") is None
        assert popup.query_selector("a") is None  # a javascript: URL never becomes a link
        page.wait_for_timeout(300)
        assert page.evaluate("window.__xss") is None

        page.keyboard.press("Escape")
        click_at(page, m, LINKED_AT)
        page.wait_for_function("document.querySelector('.aleppo-popup .ev-pop a') !== null", timeout=10_000)
        link = page.query_selector(".aleppo-popup .ev-pop a")
        assert link.get_attribute("href") == "https://example.org/aleppo?a=1&b=2"
        assert link.get_attribute("rel") == "noopener noreferrer" and link.get_attribute("target") == "_blank"
        assert link.inner_text() == "Reuters"

        from shapely.geometry import shape

        name = fixture_stats(gaz).district[0]
        place = next(p for p in gaz.districts() if p.name == name)
        feat = next(f for f in gaz.districts_geojson()["features"] if f["properties"]["name"] == name)
        inside = shape(feat["geometry"]).representative_point()
        page.keyboard.press("Escape")
        page.mouse.move(0, 0)
        page.evaluate("([n, ll]) => { window[n].setView(ll, 15, {animate: false}); }", [m.get_name(), [inside.y, inside.x]])
        page.wait_for_timeout(200)
        box = page.locator(f"#{m.get_name()}").bounding_box()
        page.mouse.move(box["x"] + box["width"] / 2 + 1, box["y"] + box["height"] / 2 + 1)
        page.wait_for_function("n => [...document.querySelectorAll('.aleppo-tip')].some(t => t.innerText.includes(n))",
                               arg=name, timeout=10_000)
        tip = next(t for t in page.locator(".aleppo-tip").all_inner_texts() if name in t)
        assert tip.splitlines()[0] == name  # the first line is what the app reads back
        assert place.name_ar in tip and "40 events · 7 fatalities" in tip

        page.evaluate("([n, c]) => { window[n].setView(c, 12, {animate: false}); }", [m.get_name(), [36.2, 37.15]])
        page.mouse.move(0, 0)
        page.wait_for_timeout(300)
        shot = tmp_path / f"map-{'cluster' if cluster else 'canvas'}.png"
        page.screenshot(path=str(shot))
        assert shot.stat().st_size > 20_000
        if Path("/tmp").is_dir():
            shutil.copy(shot, Path("/tmp") / shot.name)  # for a human look; harmless elsewhere
        assert external == [] and errors == []
    finally:
        page.close()
