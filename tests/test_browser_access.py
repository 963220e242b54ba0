"""The real app on a phone (390 px), by keyboard only, and in a dark system theme (Playwright)."""
from __future__ import annotations

import pytest

from dashboard.store import EventStore
from tests.app_server import make_db, running_app
from tests.test_app_evidence import SITES
from tests.test_browser_app import MAP_FRAME, local_page, map_frame

pytestmark = [pytest.mark.browser, pytest.mark.slow]
FILTERS = ("Dates", "Actor (either side)", "Event type")
JS_FOCUS = """() => { const e = document.activeElement;
    if (e && e.tagName === 'IFRAME') { const a = e.contentDocument && e.contentDocument.activeElement;
        return a && a.classList.contains('leaflet-container') ? 'map' : 'iframe:' + (a ? a.tagName : ''); }
    return e ? (e.getAttribute('aria-label') || e.getAttribute('data-testid') || e.tagName) : ''; }"""


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("access")
    url = make_db(tmp / "events.sqlite")
    store = EventStore(url)
    store.insert_damage(SITES)
    store.close()
    with running_app(url, aliases=tmp / "aliases.csv", log=tmp / "streamlit.log") as base:
        yield base


@pytest.fixture()
def phone(browser, app_url):
    with local_page(browser, viewport={"width": 390, "height": 844}) as pg:
        yield pg


def test_on_a_phone_the_closed_sidebar_covers_nothing_and_the_legend_is_folded(phone, app_url):
    phone.goto(app_url)
    frame = map_frame(phone)
    assert frame.evaluate("() => [...document.querySelectorAll('details.aleppo-legend')].map(d => d.open)") == [
        False, False]

    def covered() -> list[str]:
        """Points of the page's width, at the title and at the map, that the sidebar covers."""
        return phone.evaluate("""() => { const out = [];
            for (const sel of ['h1', "iframe[title='streamlit_folium.st_folium']"]) {
              const r = document.querySelector(sel).getBoundingClientRect(), y = Math.max(4, Math.min(r.top + 12, innerHeight - 4));
              for (const x of [10, 100, 195, 300, 380]) { const e = document.elementFromPoint(x, y);
                if (!e || e.closest('[data-testid=stSidebar]') || e.closest('[data-testid=stHeader]')) out.push(sel + '@' + x); } }
            return out; }""")

    phone.wait_for_function("() => document.querySelector('[data-testid=stSidebar]').getBoundingClientRect().right <= 0")
    assert covered() == []  # a phone opens with the sidebar closed
    phone.get_by_test_id("stExpandSidebarButton").click()
    phone.get_by_label("Dates").wait_for()
    phone.get_by_test_id("stSidebarCollapseButton").locator("button").click()
    phone.wait_for_function("() => document.querySelector('[data-testid=stSidebar]').getBoundingClientRect().right <= 0")
    phone.wait_for_timeout(500)
    assert covered() == []  # closed again, it covers nothing (neither does the header bar)
    assert phone.locator("h1").is_visible()
    captions = phone.locator("[data-testid=stCaptionContainer]").all_inner_texts()
    assert any("6 events · 18 fatalities · 4 damage sites" in c for c in captions), captions  # the counts, one line


def test_keyboard_only_reaches_the_filters_after_the_map_in_five_tabs(page, app_url):
    page.goto(app_url)
    map_frame(page)
    seen = []
    for _ in range(60):  # from the top of the page to the map
        page.keyboard.press("Tab")
        seen.append(page.evaluate(JS_FOCUS))
        if seen[-1] == "map":
            break
    assert seen[-1] == "map", seen
    frame = page.query_selector(MAP_FRAME).content_frame()
    before = frame.evaluate("() => [window.map.getCenter().lng, window.map.getZoom()]")
    page.keyboard.press("ArrowRight")
    frame.wait_for_function("x => window.map.getCenter().lng > x", arg=before[0], timeout=5000)
    page.keyboard.press("+")
    frame.wait_for_function("z => window.map.getZoom() === z", arg=before[1] + 1, timeout=5000)
    after_map = []
    for _ in range(5):
        page.keyboard.press("Tab")
        after_map.append(page.evaluate(JS_FOCUS))
        if after_map[-1] in FILTERS:
            break
    assert after_map[-1] in FILTERS, after_map  # within five presses of leaving the map
    assert all(not s.startswith("iframe:") for s in after_map)  # no stop left inside the map


@pytest.fixture()
def page(browser, app_url):
    with local_page(browser) as pg:
        yield pg


def test_a_dark_system_theme_darkens_the_app_and_the_map(browser, app_url):
    def lum(css: str) -> float:
        r, g, b = [int(float(v)) for v in css[css.index("(") + 1:css.index(")")].split(",")[:3]]
        return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255

    seen = {}
    for scheme in ("light", "dark"):
        with local_page(browser, color_scheme=scheme) as pg:
            pg.goto(app_url)
            frame = map_frame(pg)
            app_bg = pg.evaluate("() => getComputedStyle(document.querySelector('[data-testid=stApp]')).backgroundColor")
            map_bg = frame.evaluate("() => getComputedStyle(document.querySelector('.leaflet-container')).backgroundColor")
            legend = frame.evaluate("() => getComputedStyle(document.querySelector('.aleppo-legend')).backgroundColor")
            seen[scheme] = (lum(app_bg), lum(map_bg), lum(legend))
    assert all(v > 0.7 for v in seen["light"]), seen
    assert all(v < 0.25 for v in seen["dark"]), seen


def test_the_header_counts_are_never_cut_short(browser, app_url):
    """The three counts beside the title show their whole label and number (no "Dama…", "17…")."""
    for width in (1280, 1024):
        with local_page(browser, viewport={"width": width, "height": 900}) as pg:
            pg.goto(app_url)
            map_frame(pg)
            cut = pg.evaluate("""() => [...document.querySelectorAll('[data-testid=stMetric] [data-testid=stMarkdownContainer]')]
                .filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.textContent)""")
            labels = pg.locator("[data-testid=stMetricLabel]").all_inner_texts()
            assert cut == [], (width, cut)
            assert [t.strip() for t in labels] == ["Events", "Fatalities", "Damage sites"], labels


def test_a_blank_map_frame_says_the_map_is_being_drawn(page, app_url):
    """While the map's frame is blank (loading, or loaded anew after a filter change) the reader sees
    "Drawing the map…" in its place, never an empty box; the painted map covers the note."""
    page.goto(app_url)
    map_frame(page)
    note = page.locator(".aleppo-map-wait")
    assert note.inner_text().strip() == "Drawing the map…"
    frame, box = page.locator(MAP_FRAME).bounding_box(), note.bounding_box()
    assert abs(frame["y"] - box["y"]) < 2 and abs(frame["height"] - box["height"]) < 2, (frame, box)
    text = page.locator(".aleppo-map-wait .aleppo-wait-text").bounding_box()
    clip = {"x": text["x"], "y": text["y"], "width": text["width"], "height": text["height"]}

    def seen(note_shown: bool) -> bytes:
        page.evaluate("v => { document.querySelector('.aleppo-map-wait').style.visibility = v; }",
                      "visible" if note_shown else "hidden")
        return page.screenshot(clip=clip)

    assert seen(True) == seen(False)  # the painted map hides the note
    page.evaluate(f"() => {{ document.querySelector({MAP_FRAME!r}).style.visibility = 'hidden'; }}")  # a blank frame
    assert seen(True) != seen(False)  # the note shows through it
