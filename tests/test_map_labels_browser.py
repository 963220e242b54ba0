"""District names, framing and loading as a reader sees them: a name never hides an event mark
(events often sit on their district's representative point, right where its name goes), "Zoom to
results" keeps every mark clear of the legends, and a map still loading says so. Saved pages in
headless Chromium, offline."""
from __future__ import annotations

import pandas as pd
import pytest

from dashboard.filters import ViewState
from dashboard.map.districts import label_rows
from dashboard.map.view import build_map, map_html
from tests.map_fixtures import fixture_points, fixture_stats, load_gazetteer
from tests.test_map_evidence import sites
from tests.test_map_marks_browser import layer_of
from tests.test_mapview_browser import open_offline

pytestmark = pytest.mark.browser

# Every mark as [x, y, radius] in map-container pixels.
JS_MARKS = """(name) => { const g = window[name], S = g.aleppoSpots, m = g._map, out = [];
    for (let i = 0; i < S.n; i++) { const p = m.latLngToContainerPoint([S.lat[i], S.lon[i]]); out.push([p.x, p.y, S.rad[i]]); }
    return out; }"""
# Every shown district name as [left, top, right, bottom, text] in map-container pixels.
JS_LABELS = """() => { const c = document.querySelector('.leaflet-container').getBoundingClientRect();
    return [...document.querySelectorAll('.aleppo-label')].filter(e => e.style.display !== 'none')
      .map(e => { const r = e.getBoundingClientRect();
                  return [r.left - c.left, r.top - c.top, r.right - c.left, r.bottom - c.top, e.textContent]; }); }"""


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


def covers(box, disc, slack: float = 1.0) -> bool:
    """Whether a label box covers part of a mark (a disc), beyond ``slack`` pixels."""
    x, y, r = disc
    dx = x - max(box[0], min(x, box[2]))
    dy = y - max(box[1], min(y, box[3]))
    return dx * dx + dy * dy < (r - slack) ** 2


def at_district_points(gaz, n: int = 12) -> pd.DataFrame:
    """One event at the label point of each of the ``n`` largest districts."""
    rows = []
    for i, r in enumerate(label_rows(gaz)[:n]):
        rows.append(dict(event_id=f"d-{i}", event_date="2016-10-01", event_type="Battles", sub_event_type="Armed clash",
                         actor1="A", actor2="B", location=r[2], district=r[2], latitude=r[0], longitude=r[1],
                         geo_precision=1, fatalities=1, source="SOHR", source_url="", notes="", place_id=None))
    return pd.DataFrame(rows)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_district_name_never_hides_an_event_mark(browser, gaz, tmp_path, lang):
    pts = pd.concat([fixture_points(gaz), at_district_points(gaz)], ignore_index=True)
    m = build_map(pts, fixture_stats(gaz), ViewState(zoom=12, lang=lang), gaz, assets="inline")
    path = tmp_path / "labels.html"
    path.write_text(map_html(m), encoding="utf-8")
    page, external, errors = open_offline(browser, path)
    try:
        page.wait_for_function(f"{layer_of(m)}.aleppoDrawn !== undefined", timeout=20_000)
        moved = 0
        for zoom in (12, 14, 16):
            page.evaluate(f"window['{m.get_name()}'].setZoom({zoom}, {{animate: false}})")
            page.wait_for_timeout(150)
            marks = page.evaluate(JS_MARKS, layer_of(m)[8:-2])
            labels = page.evaluate(JS_LABELS)
            assert labels, zoom
            hidden = [(lab[4], disc) for lab in labels for disc in marks if covers(lab, disc)]
            assert hidden == [], (zoom, hidden)
            moved += page.evaluate(f"() => {{ let n = 0; window['{m.get_name()}'].eachLayer(l => {{ "
                                   "if (l.aleppoMoved !== undefined) n = l.aleppoMoved; }); return n; }")
        assert moved > 0  # names sat on marks and were moved off them, not simply dropped
        # Hiding the marks layer gives the names their own places back.
        page.evaluate(f"() => window['{m.get_name()}'].removeLayer({layer_of(m)})")
        assert page.evaluate(f"() => {{ let n = -1; window['{m.get_name()}'].eachLayer(l => {{ "
                             "if (l.aleppoMoved !== undefined) n = l.aleppoMoved; }); return n; }") == 0
        assert external == [] and errors == []
    finally:
        page.close()


def corners_events(gaz) -> pd.DataFrame:
    """A wide extent: once framed, its east marks sit at the right edge, half-way down, where the
    legends are."""
    rows = []
    for i, (lat, lon) in enumerate([(36.19, 37.05), (36.21, 37.05), (36.20, 37.25), (36.19, 37.25), (36.20, 37.15)]):
        rows.append(dict(event_id=f"c-{i}", event_date="2014-02-10", event_type="Explosions/Remote violence",
                         sub_event_type="Shelling/artillery/missile attack", actor1="A", actor2="", location="here",
                         district=None, latitude=lat, longitude=lon, geo_precision=1, fatalities=0, source="SOHR",
                         source_url="", notes="", place_id=None))
    return pd.DataFrame(rows)


@pytest.mark.parametrize("size", [(1280, 860), (1200, 675)])
def test_zoom_to_results_keeps_every_mark_clear_of_the_legends(browser, gaz, tmp_path, size):
    m = build_map(corners_events(gaz), fixture_stats(gaz), ViewState(zoom=11), gaz, assets="inline", damage=sites())
    path = tmp_path / "frame.html"
    path.write_text(map_html(m), encoding="utf-8")
    page, external, errors = open_offline(browser, path)
    try:
        page.set_viewport_size({"width": size[0], "height": size[1]})
        page.wait_for_function(f"{layer_of(m)}.aleppoDrawn !== undefined", timeout=20_000)
        assert page.evaluate("() => [...document.querySelectorAll('details.aleppo-legend')].every(d => d.open)")
        page.evaluate(f"() => window['{m.get_name()}'].invalidateSize()")
        page.get_by_role("button", name="Zoom to results").click()
        page.wait_for_timeout(700)
        marks = page.evaluate(JS_MARKS, layer_of(m)[8:-2])
        legends = page.evaluate("""() => { const c = document.querySelector('.leaflet-container').getBoundingClientRect();
            return [...document.querySelectorAll('.aleppo-legend')].map(e => { const r = e.getBoundingClientRect();
              return [r.left - c.left, r.top - c.top, r.right - c.left, r.bottom - c.top]; }); }""")
        assert len(marks) == 5 and len(legends) == 2
        w, h = page.evaluate("() => [document.querySelector('.leaflet-container').clientWidth, "
                             "document.querySelector('.leaflet-container').clientHeight]")
        for x, y, r in marks:
            assert 0 <= x - r and x + r <= w and 0 <= y - r and y + r <= h, (x, y, r)  # on the map
            assert not any(covers(lg, (x, y, r), slack=0) for lg in legends), ((x, y), legends)
        assert external == [] and errors == []
    finally:
        page.close()


@pytest.mark.parametrize("lang, words", [("en", "Drawing the map…"), ("ar", "جارٍ رسم الخريطة…")])
def test_a_map_not_drawn_yet_says_it_is_coming(browser, gaz, tmp_path, lang, words):
    """Before Leaflet fills the map's box (here: never, scripts off) the box is not blank."""
    m = build_map(fixture_points(gaz), fixture_stats(gaz), ViewState(lang=lang), gaz, assets="inline")
    path = tmp_path / "wait.html"
    path.write_text(map_html(m), encoding="utf-8")
    ctx = browser.new_context(java_script_enabled=False, viewport={"width": 900, "height": 600})
    try:
        page = ctx.new_page()
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(("file:", "data:")) else r.abort())
        page.goto(path.as_uri(), wait_until="load")
        shown = page.evaluate("""() => { const d = document.querySelector('.folium-map');
            return [getComputedStyle(d, '::after').content, d.getBoundingClientRect().height]; }""")
        assert shown[0] == f'"{words}"' and shown[1] > 100, shown
    finally:
        ctx.close()


def test_the_loading_words_cannot_break_out_of_their_style():
    from dashboard.map.theme import css_string

    text = 'a"b\\c</style><script>window.__xss=1</script>\n'
    quoted = css_string(text)
    assert quoted.startswith('"') and quoted.endswith('"')
    assert not any(c in quoted[1:-1] for c in '"<>\n') and quoted[1:-1].count("\\") == sum(c in '"\\<>\n' for c in text)
