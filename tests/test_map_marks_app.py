"""The marks in the running app: a popup pages past the rows the map page carries and the app
serves the older ones (dashboard.map.pages), under the same filters; nothing leaves localhost."""
from __future__ import annotations

import os
from datetime import date, timedelta
from unittest import mock

import pytest

from tests.app_server import running_app
from tests.test_browser_app import MAP_FRAME, local_page, map_frame, wait_markers

pytestmark = [pytest.mark.browser, pytest.mark.slow]
N = 30
FIND = "Object.values(window).find(v => v && v.aleppoMarks)"


@pytest.fixture(scope="module")
def crowded_app(tmp_path_factory):
    """30 events at one place (one a day; fatalities = day number), 12 popup rows per map page."""
    import gazetteer

    from dashboard.schema import Event
    from dashboard.store import EventStore

    place = gazetteer.load().resolve("Sheikh Saeed").place
    tmp = tmp_path_factory.mktemp("crowded")
    url = f"sqlite:///{tmp / 'events.sqlite'}"
    store = EventStore(url)
    store.insert_events([Event(
        event_date=date(2016, 1, 1) + timedelta(days=i), event_type=("Battles", "Protests")[i % 2],
        sub_event_type=("Armed clash", "Peaceful protest")[i % 2], actor1=f"Actor {i}", location="Sheikh Said",
        place_id=place.id, district=place.district, latitude=place.lat, longitude=place.lon, geo_precision=1,
        fatalities=i, source="SOHR", notes=f"Day {i + 1} of the month.", origin="crowded.csv") for i in range(N)])
    store.close()
    with mock.patch.dict(os.environ, {"ALEPPO_MAP_ROWS": "12"}):
        with running_app(url, aliases=tmp / "aliases.csv", log=tmp / "streamlit.log") as base:
            yield base


def items(frame) -> list[str]:
    frame.wait_for_function("document.querySelector('.ev-note') && document.querySelector('.ev-note')"
                            ".innerText.indexOf('Loading') < 0", timeout=30_000)
    return frame.evaluate("[...document.querySelectorAll('.aleppo-popup .ev-item .ev-date')].map(e => e.innerText)")


def test_older_rows_come_from_the_app_page_by_page(browser, crowded_app):
    with local_page(browser) as page:
        page.goto(crowded_app)
        map_frame(page)
        wait_markers(page, N)
        frame = page.query_selector(MAP_FRAME).content_frame()
        assert frame.evaluate(f"{FIND}.aleppoMarks()") == 1
        frame.evaluate(f"{FIND}.aleppoOpen(0)")
        frame.wait_for_selector(".aleppo-popup .ev-item", timeout=10_000)
        days = [(date(2016, 1, 1) + timedelta(days=i)).isoformat() for i in range(N - 1, -1, -1)]  # newest first
        assert items(frame) == days[:10]
        frame.click("text=Older ›")
        frame.wait_for_function("document.querySelectorAll('.aleppo-popup .ev-item').length === 10", timeout=30_000)
        assert items(frame) == days[10:20]  # 2 rows from the page, 8 served by the app
        frame.click("text=Older ›")
        frame.wait_for_function("document.querySelectorAll('.aleppo-popup .ev-item').length === 10", timeout=30_000)
        assert items(frame) == days[20:30]
        assert frame.query_selector(".aleppo-popup .ev-range").inner_text() == "21–30 of 30"
        assert frame.query_selector(".aleppo-popup .ev-note").inner_text() == ""
        # the request was a click report, not a district click: no filter was set
        assert "district=" not in page.url


def test_served_rows_follow_the_filters(browser, crowded_app):
    with local_page(browser) as page:
        page.goto(crowded_app + "/?minfat=10")  # days 11..30: 20 events, 12 in the page
        map_frame(page)
        wait_markers(page, N - 10)
        frame = page.query_selector(MAP_FRAME).content_frame()
        frame.evaluate(f"{FIND}.aleppoOpen(0)")
        frame.wait_for_selector(".aleppo-popup .ev-item", timeout=10_000)
        frame.click("text=Older ›")
        frame.wait_for_function("document.querySelectorAll('.aleppo-popup .ev-item').length === 10", timeout=30_000)
        assert items(frame)[-1] == date(2016, 1, 11).isoformat()  # the oldest with at least 10 fatalities


def test_the_app_map_names_districts_folds_its_legend_and_zooms_to_results(browser, crowded_app):
    with local_page(browser) as page:
        page.goto(crowded_app)
        frame = map_frame(page)
        wait_markers(page, N)
        frame.wait_for_function("[...document.querySelectorAll('.aleppo-label')].some(e => e.style.display !== 'none')",
                                timeout=10_000)
        shown = frame.evaluate("[...document.querySelectorAll('.aleppo-label')].filter(e => e.style.display !== 'none')"
                               ".map(e => e.textContent)")
        assert len(shown) >= 10  # names at the default city view, placed without collisions
        # paper behind the districts while and where nothing is drawn, not Leaflet's grey box
        assert frame.evaluate("getComputedStyle(document.querySelector('.leaflet-container')).backgroundColor") \
            == "rgb(241, 239, 233)"
        legend = frame.locator(".aleppo-legend")
        assert legend.evaluate("e => e.open") and "30 of 30 events are drawn as 1 marks" in legend.inner_text()
        frame.locator(".aleppo-legend > summary").click()
        assert not legend.evaluate("e => e.open") and not frame.locator(".aleppo-legend h4").first.is_visible()
        frame.get_by_role("button", name="Zoom to results").click()
        frame.wait_for_function("window.map.getZoom() >= 16", timeout=10_000)  # one place: as close as allowed
        page.wait_for_function("() => new URLSearchParams(location.search).get('zoom') === '16'", timeout=20_000)


def test_share_tab_png_as_a_social_card_with_the_users_title(browser, crowded_app, tmp_path):
    import io

    from PIL import Image

    with local_page(browser) as page:
        page.goto(crowded_app)
        map_frame(page)
        page.get_by_role("tab", name="Share").click()
        title = page.get_by_label("Title", exact=True).and_(page.locator("input"))
        title.wait_for(timeout=20_000)
        title.fill("Sheikh Saeed, January 2016")
        title.press("Enter")
        page.get_by_text("Social card (1200 × 675)").click()
        button = page.get_by_role("button", name="Download PNG snapshot (1200 × 675)")
        button.wait_for(timeout=60_000)  # the app has taken the choice
        with page.expect_download(timeout=120_000) as info:
            button.click()
        path = tmp_path / "card.png"
        info.value.save_as(path)
        img = Image.open(io.BytesIO(path.read_bytes()))
        assert img.size == (1200, 675) and info.value.suggested_filename == "aleppo-map-social.png"
        with page.expect_download(timeout=60_000) as info:
            page.get_by_role("button", name="Download HTML snapshot").click()
        html_path = tmp_path / "card.html"
        info.value.save_as(html_path)
        html = html_path.read_text(encoding="utf-8")
        assert "<title>Sheikh Saeed, January 2016</title>" in html and "frame(false)" in html
