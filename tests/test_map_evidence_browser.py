"""What a reader sees of the evidence layer, on a phone, by keyboard and in the dark: the saved
standalone map in headless Chromium (no network)."""
from __future__ import annotations

import pandas as pd
import pytest

from dashboard.filters import ViewState
from dashboard.map.view import build_map, map_html
from tests.map_fixtures import fixture_points, fixture_stats, load_gazetteer
from tests.test_map_evidence import sites

pytestmark = pytest.mark.browser
LONE_SITE = (36.3000, 37.2500)  # far from every event
# Painted pixels on the damage canvas.
JS_PAINTED = """() => { const c = document.querySelector('.leaflet-aleppoDamage-pane canvas');
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let k = 0;
    for (let i = 3; i < d.length; i += 4) if (d[i] > 0) k++; return k; }"""
JS_EVENTS = "() => { let n = 0; window.MAP.eachLayer(l => { if (l.aleppoCount) n += l.aleppoCount(); }); return n; }"


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


def scene(gaz) -> tuple[pd.DataFrame, pd.DataFrame]:
    pts = fixture_points(gaz)
    s = sites()
    first = pts[pts.geo_precision == 1].iloc[0]
    s.loc[1, ["latitude", "longitude"]] = first.latitude, first.longitude  # a site under an event mark
    s.loc[0, ["latitude", "longitude"]] = LONE_SITE
    return pts, s


def page_for(browser, gaz, tmp_path, view=ViewState(), *, width=1280, height=860, scheme="light", caption=False):
    pts, s = scene(gaz)
    m = build_map(pts, fixture_stats(gaz), view, gaz, assets="inline", damage=s)
    html = map_html(m)
    if caption:
        from dashboard.share.caption import Caption, CaptionInfo

        Caption(CaptionInfo(filters="dates 2014-01-01 to 2014-12-31; district: Hanano, al-Farafra, Sheikh Saeed",
                            events=9, fatalities=40, damage_sites=6,
                            sources=[("Reuters", 4), ("SOHR", 3), ("SANA", 2)])).add_to(m)
        html = map_html(m)
    path = tmp_path / f"map-{width}-{scheme}.html"
    path.write_text(html.replace(f"var {m.get_name()} =", f"var {m.get_name()} = window.MAP ="), encoding="utf-8")
    ctx = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme)
    ctx.route("**/*", lambda r: r.continue_() if r.request.url.startswith(("file:", "data:")) else r.abort())
    page = ctx.new_page()
    page.goto(path.as_uri(), wait_until="load")
    page.wait_for_function("() => window.MAP && document.querySelector('.leaflet-aleppoDamage-pane canvas')")
    return ctx, page, m


def click_at(page, latlon):
    x, y = page.evaluate("ll => { const p = window.MAP.latLngToContainerPoint(ll); return [p.x, p.y]; }", list(latlon))
    box = page.locator(".leaflet-container").bounding_box()
    page.mouse.click(box["x"] + x, box["y"] + y)


def test_sites_are_painted_apart_and_their_popup_says_evidence(browser, gaz, tmp_path):
    ctx, page, m = page_for(browser, gaz, tmp_path)
    try:
        assert page.evaluate(JS_PAINTED) > 20
        assert page.evaluate("() => { let n = 0; window.MAP.eachLayer(l => { if (l.aleppoDamageCount) "
                             "n += l.aleppoDamageCount(); }); return n; }") == 6
        assert page.evaluate(JS_EVENTS) == m.summary["points"]  # sites never count as events
        legend = page.locator(".aleppo-damage-legend").inner_text()
        assert "Damage sites (satellite evidence)" in legend and "Destroyed: 2" in legend
        click_at(page, LONE_SITE)
        pop = page.wait_for_selector(".aleppo-popup .dmg-pop", timeout=10_000)
        text = pop.inner_text()
        assert "evidence, not an event" in text and "Destroyed" in text and "<img" in text  # shown as text
        assert pop.query_selector("img") is None and page.evaluate("window.__xss") is None
        page.keyboard.press("Escape")
        pts, s = scene(gaz)
        click_at(page, (s.loc[1, "latitude"], s.loc[1, "longitude"]))  # an event mark on top of a site
        page.wait_for_selector(".aleppo-popup .ev-pop", timeout=10_000)
        assert page.locator(".aleppo-popup .dmg-pop").count() == 0
    finally:
        ctx.close()


def test_dark_scheme_darkens_the_map_and_its_panels(browser, gaz, tmp_path):
    colours = {}
    for scheme in ("light", "dark"):
        ctx, page, _ = page_for(browser, gaz, tmp_path, scheme=scheme)
        try:
            colours[scheme] = page.evaluate("""() => [getComputedStyle(document.querySelector('.leaflet-container')).backgroundColor,
                getComputedStyle(document.querySelector('.aleppo-legend')).backgroundColor,
                getComputedStyle(document.querySelector('.aleppo-legend')).color]""")
        finally:
            ctx.close()

    def lum(css: str) -> float:
        r, g, b = [int(float(v)) for v in css[css.index("(") + 1:css.index(")")].split(",")[:3]]
        return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255

    assert lum(colours["light"][0]) > 0.7 and lum(colours["dark"][0]) < 0.2
    assert lum(colours["light"][1]) > 0.8 and lum(colours["dark"][1]) < 0.25
    assert lum(colours["dark"][2]) > 0.7  # light text on the dark legend


def test_phone_width_folds_the_legends_and_keeps_the_caption_clear(browser, gaz, tmp_path):
    ctx, page, _ = page_for(browser, gaz, tmp_path, width=390, height=844, caption=True)
    try:
        assert page.evaluate("() => [...document.querySelectorAll('details.aleppo-legend')].map(d => d.open)") == [
            False, False]

        def overlaps() -> list[str]:
            return page.evaluate("""() => { const c = document.querySelector('.aleppo-caption').getBoundingClientRect();
                return [...document.querySelectorAll('.aleppo-legend')].map(l => l.getBoundingClientRect())
                  .filter(r => r.left < c.right && c.left < r.right && r.top < c.bottom && c.top < r.bottom)
                  .map(r => JSON.stringify(r)); }""")

        assert overlaps() == []
        for summary in page.locator(".aleppo-legend summary").all():
            summary.click()
        assert page.evaluate("() => [...document.querySelectorAll('details.aleppo-legend')].every(d => d.open)")
        assert overlaps() == []  # opened, they still leave the caption alone
    finally:
        ctx.close()


def test_the_map_is_one_keyboard_stop_with_keyboard_pan_zoom_and_keys(browser, gaz, tmp_path):
    ctx, page, _ = page_for(browser, gaz, tmp_path)
    try:
        stops = []
        for _ in range(8):
            page.keyboard.press("Tab")
            stops.append(page.evaluate("() => document.activeElement === document.body ? 'body' : "
                                       "document.activeElement.classList.contains('leaflet-container') ? 'map' : "
                                       "document.activeElement.outerHTML.slice(0, 80)"))
            if stops[-1] == "map":
                assert page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle") != "none"
                assert page.locator(".aleppo-keys").is_visible()  # the keys, said while the map has focus
        assert set(stops) <= {"map", "body"} and "map" in stops, stops  # one stop: no outline, no button
        page.evaluate("() => document.querySelector('.leaflet-container').focus()")
        before = page.evaluate("() => [window.MAP.getCenter().lng, window.MAP.getZoom()]")
        page.keyboard.press("ArrowRight")
        page.wait_for_function("x => window.MAP.getCenter().lng > x", arg=before[0], timeout=5000)
        page.keyboard.press("+")
        page.wait_for_function("z => window.MAP.getZoom() === z", arg=before[1] + 1, timeout=5000)
        opened = page.evaluate("() => [...document.querySelectorAll('details.aleppo-legend')].map(d => d.open)")
        page.keyboard.press("l")
        assert page.evaluate("() => [...document.querySelectorAll('details.aleppo-legend')].map(d => d.open)") == [
            not any(opened)] * len(opened)
        page.keyboard.press("r")  # frames the events
        page.wait_for_function("z => window.MAP.getZoom() !== z", arg=before[1] + 1, timeout=5000)
    finally:
        ctx.close()
