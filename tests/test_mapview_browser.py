"""What a person sees: the saved standalone map in headless Chromium with the network cut off."""
from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from dashboard.filters import ViewState
from dashboard.map.view import build_map, district_from_click, map_html
from tests.map_fixtures import HOSTILE, fixture_points, fixture_stats, load_gazetteer

pytestmark = pytest.mark.browser
HOSTILE_AT = (36.2950, 37.2350)  # isolated (3.6 km from the nearest other event), so a click there hits only the hostile event
LINKED_AT = (36.2550, 37.0450)


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


def crowd(n: int) -> pd.DataFrame:
    """``n`` generated events at exact places (the benchmarks' realistic generator): a crowd of events."""
    from benchmarks.generate import map_points_frame

    gen = map_points_frame(3 * n, seed=7)
    return gen[gen["geo_precision"] == 1].head(n).assign(event_id=lambda d: [f"gen-{i}" for i in range(len(d))])


def scene(gaz) -> pd.DataFrame:
    pts = fixture_points(gaz)
    pts.loc[0, ["latitude", "longitude"]] = HOSTILE_AT
    linked = pts.iloc[[1]].assign(event_id="ev-linked", event_date="2016-09-30", latitude=LINKED_AT[0],
                                  longitude=LINKED_AT[1], source="Reuters",
                                  source_url="https://example.org/aleppo?a=1&b=2")
    return pd.concat([pts, linked, crowd(600)], ignore_index=True)


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


# Opaque pixels on the points canvas: the dots were really painted.
JS_PAINTED = """() => { const c = document.querySelector('.leaflet-aleppoPoints-pane canvas');
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let k = 0;
    for (let i = 3; i < d.length; i += 4) if (d[i] > 0) k++; return k; }"""


def click_at(page, m, latlon):
    x, y = page.evaluate("([n, ll]) => { const p = window[n].latLngToContainerPoint(ll); return [p.x, p.y]; }",
                         [m.get_name(), list(latlon)])
    box = page.locator(f"#{m.get_name()}").bounding_box()
    page.mouse.click(box["x"] + x, box["y"] + y)


def test_offline_map_shows_polygons_marks_and_inert_popups(browser, gaz, tmp_path):
    m = build_map(scene(gaz), fixture_stats(gaz), ViewState(layers=("points", "areas", "landmarks")), gaz,
                  assets="inline")
    path = tmp_path / "map.html"
    path.write_text(map_html(m), encoding="utf-8")
    page, external, errors = open_offline(browser, path)
    try:
        page.wait_for_selector("path.leaflet-interactive", timeout=20_000)
        assert page.locator("path.leaflet-interactive").count() >= len(gaz.districts())
        points = next(c for c in m._children.values() if type(c).__name__ == "EventMarks")
        layer = f"window['{points.get_name()}']"
        assert page.evaluate(f"{layer}.aleppoCount()") == m.summary["points"] == 606
        assert page.evaluate(f"{layer}.aleppoMarks()") == m.summary["marks"]
        assert page.locator(".leaflet-aleppoPoints-pane canvas").count() == 1
        assert page.evaluate(f"{layer}.aleppoDrawn") > 500  # painted, not only loaded
        assert page.evaluate(JS_PAINTED) > 1000
        assert page.locator("path.aleppo-halo").count() == m.summary["halos"] == 2
        assert f"606 of 611 events are drawn as {m.summary['marks']} marks" in page.locator(".aleppo-legend").inner_text()

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
        shot = tmp_path / "map-marks.png"
        page.screenshot(path=str(shot))
        assert shot.stat().st_size > 20_000
        if Path("/tmp").is_dir():
            shutil.copy(shot, Path("/tmp") / shot.name)  # for a human look; harmless elsewhere
        assert external == [] and errors == []
    finally:
        page.close()


# --- Districts and halos stay reachable under the points canvas (issue 6: hover names the
# district, a click on a district filters to it; a click on a point opens only its popup).

ZOOM = 17  # about 1 m per pixel in Aleppo


def _metres(a, b) -> float:
    import math

    return math.hypot((a[0] - b[0]) * 111_320, (a[1] - b[1]) * 111_320 * math.cos(math.radians(a[0])))


def clear_spots(feature: dict, obstacles: list[tuple[float, float]], *, margin: float = 70.0):
    """Two spots inside ``feature`` (lat, lon), each at least ``margin`` metres from every
    obstacle, from the district edge and from each other; the clearest first."""
    import numpy as np
    from shapely.geometry import Point, shape

    poly = shape(feature["geometry"])
    x0, y0, x1, y1 = poly.bounds
    spots = []
    for x in np.linspace(x0, x1, 50):
        for y in np.linspace(y0, y1, 50):
            p = Point(x, y)
            if not poly.contains(p) or poly.boundary.distance(p) * 90_000 < margin:
                continue
            clear = min((_metres((y, x), o) for o in obstacles), default=1e9)
            if clear >= margin:
                spots.append((clear, (float(y), float(x))))
    spots.sort(reverse=True)
    assert spots, "no clear spot in the district"
    first = spots[0][1]
    second = next(s for _, s in spots if _metres(s, first) >= margin)
    return first, second


def click_log(page, m) -> None:
    """Record clicks as streamlit-folium's frontend reads them (its onLayerClick/onMapClick,
    registered on the map and on every layer of ``map._layers``)."""
    page.evaluate("""(n) => {
        const map = window[n], text = h => { const s = document.createElement('span'); s.innerHTML = h;
                                             return s.textContent.trim(); };
        window.__clicks = [];
        map.on('click', () => window.__clicks.push({map: true}));
        for (const l of Object.values(map._layers)) {
            if (typeof l.on !== 'function') continue;
            l.on('click', e => {
                const t = e.sourceTarget, tip = t && t.getTooltip && t._tooltip ? text(t.getTooltip().getContent()) : null;
                window.__clicks.push({tip: tip, drawing: e.layer && e.layer.toGeoJSON ? e.layer.toGeoJSON() : null});
            });
        }
    }""", m.get_name())


def as_returned(clicks: list[dict]) -> dict:
    """streamlit-folium's return value after these clicks (last values win)."""
    out: dict = {"last_active_drawing": None, "last_object_clicked_tooltip": None, "last_clicked": None}
    for c in clicks:
        if c.get("map"):
            out["last_clicked"] = True
        if c.get("tip") is not None:
            out["last_object_clicked_tooltip"] = c["tip"]
        if c.get("drawing") is not None:
            out["last_active_drawing"] = c["drawing"]
    return out


def pixel(page, m, latlon) -> tuple[float, float]:
    """Centre the map on ``latlon`` at ``ZOOM`` (no popup open) and return its page pixel."""
    x, y = page.evaluate("""([n, ll, z]) => { const map = window[n]; map.closePopup();
        map.setView(ll, z, {animate: false}); const p = map.latLngToContainerPoint(ll),
        r = map.getContainer().getBoundingClientRect(); return [r.left + p.x, r.top + p.y]; }""",
                         [m.get_name(), list(latlon), ZOOM])
    page.wait_for_function("document.querySelectorAll('.leaflet-popup').length === 0")  # (fades out)
    page.wait_for_timeout(100)
    return x, y


@pytest.fixture(scope="module")
def covered(gaz):
    """A map with every layer that sits above the districts switched on, and the spots to probe:
    ``free`` inside the target district away from everything drawn, ``point`` an event of its own
    inside the same district, ``halo`` the centre of an area halo."""
    from dashboard.map.view import _landmarks  # what the map draws as landmarks

    stats = fixture_stats(gaz)
    name = stats.district[0]
    feat = next(f for f in gaz.districts_geojson()["features"] if f["properties"]["name"] == name)
    pts = scene(gaz)
    obstacles = [(a, b) for a, b in zip(pts.latitude, pts.longitude) if pd.notna(a) and pd.notna(b)]
    obstacles += [(la, lo) for la, lo, _ in _landmarks(gaz)]
    free, at_point = clear_spots(feat, obstacles)
    target = pts.iloc[[1]].assign(event_id="ev-target", latitude=at_point[0], longitude=at_point[1],
                                  notes="The event on top of the district.", geo_precision=1)
    pts = pd.concat([pts, target], ignore_index=True)
    halo_at = next(tuple(r[["latitude", "longitude"]]) for _, r in pts.iterrows() if r.geo_precision == 2)
    place = next(p for p in gaz.districts() if p.name == name)
    return {"points": pts, "stats": stats, "name": name, "name_ar": place.name_ar, "free": free,
            "point": at_point, "halo": halo_at}


@pytest.fixture(scope="module")
def covered_html(gaz, covered, tmp_path_factory):
    """The saved page (inline assets) of that map."""
    m = build_map(covered["points"], covered["stats"], ViewState(layers=("points", "areas", "landmarks")), gaz,
                  assets="inline")
    path = tmp_path_factory.mktemp("covered") / "covered.html"
    path.write_text(map_html(m), encoding="utf-8")
    return m, path


@pytest.fixture
def covered_page(browser, covered_html):
    """The page open offline, points shown, clicks recorded; yields (page, map); no errors at the end."""
    m, path = covered_html
    page, external, errors = open_offline(browser, path)
    try:
        page.wait_for_selector("path.leaflet-interactive", timeout=20_000)
        points = next(c for c in m._children.values() if type(c).__name__ == "EventMarks")
        assert page.evaluate(f"window['{m.get_name()}'].hasLayer(window['{points.get_name()}'])")
        click_log(page, m)
        yield page, m
        assert external == [] and errors == []
    finally:
        page.close()


def test_hover_names_the_district_under_the_points(covered_page, covered):
    page, m = covered_page
    name = covered["name"]
    x, y = pixel(page, m, covered["free"])
    page.mouse.move(x + 30, y + 30)
    page.mouse.move(x, y)
    page.wait_for_function("n => [...document.querySelectorAll('.aleppo-tip')].some(t => t.innerText.includes(n))",
                           arg=name, timeout=5_000)
    tip = next(t for t in page.locator(".aleppo-tip").all_inner_texts() if name in t)
    assert tip.splitlines()[0] == name and covered["name_ar"] in tip and "40 events · 7 fatalities" in tip


def test_click_beside_the_points_is_the_district_click(covered_page, covered, gaz):
    page, m = covered_page
    x, y = pixel(page, m, covered["free"])
    page.mouse.move(x + 30, y + 30)
    page.mouse.click(x, y)
    page.wait_for_function("window.__clicks.some(c => c.drawing)", timeout=5_000)
    returned = as_returned(page.evaluate("window.__clicks"))
    assert returned["last_active_drawing"]["properties"]["kind"] == "district"
    assert returned["last_clicked"]  # the map's own click too, as for any polygon click
    assert district_from_click(returned, [p.name for p in gaz.districts()]) == covered["name"]
    assert district_from_click({"last_object_clicked_tooltip": returned["last_object_clicked_tooltip"]}) == covered["name"]
    assert page.locator(".aleppo-popup").count() == 0  # no event popup for a district click


def test_click_on_a_point_opens_its_popup_only(covered_page, covered):
    page, m = covered_page
    x, y = pixel(page, m, covered["point"])
    page.mouse.move(x + 30, y + 30)
    page.mouse.click(x, y)
    popup = page.wait_for_selector(".aleppo-popup .ev-pop", timeout=5_000)
    assert "The event on top of the district." in popup.inner_text()
    page.wait_for_timeout(300)
    assert page.evaluate("window.__clicks") == []  # no district click, no map click (no app rerun)
    # and the district still answers a click beside it afterwards
    x, y = pixel(page, m, covered["free"])
    page.mouse.click(x, y)
    page.wait_for_function("window.__clicks.some(c => c.drawing && c.drawing.properties.kind === 'district')",
                           timeout=5_000)


def test_halo_tooltip_under_the_points(covered_page, covered):
    page, m = covered_page
    x, y = pixel(page, m, covered["halo"])
    page.mouse.move(x + 200, y + 200)
    page.mouse.move(x + 2, y + 2)
    page.wait_for_function("[...document.querySelectorAll('.aleppo-tip')].some(t => t.innerText.startsWith('≈'))",
                           timeout=5_000)


@pytest.mark.parametrize("width", [320, 420, 1000])
def test_attribution_never_covers_the_scale_bar(browser, gaz, tmp_path, width):
    m = build_map(fixture_points(gaz), fixture_stats(gaz), ViewState(), gaz, assets="inline")
    path = tmp_path / "narrow.html"
    path.write_text(map_html(m), encoding="utf-8")
    page, external, errors = open_offline(browser, path)
    try:
        page.set_viewport_size({"width": width, "height": 600})
        page.wait_for_selector(".leaflet-control-scale", timeout=20_000)
        attr, scale = (page.locator(s).bounding_box() for s in (".leaflet-control-attribution", ".leaflet-control-scale"))
        apart = (attr["x"] >= scale["x"] + scale["width"] or scale["x"] >= attr["x"] + attr["width"]
                 or attr["y"] >= scale["y"] + scale["height"] or scale["y"] >= attr["y"] + attr["height"])
        assert apart, (attr, scale)
        assert attr["x"] + attr["width"] <= width + 0.5 and attr["y"] + attr["height"] <= 600.5
        assert "Center for Spatial Research" in page.locator(".leaflet-control-attribution").inner_text()
        assert external == [] and errors == []
    finally:
        page.close()
