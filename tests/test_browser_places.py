"""Places the user adds, in the real app and headless Chromium: click the small map of the
Unresolved places tab to drop a pin, save, and see the events that waited on that name appear
on the main map at the pin; and undo such a change, after which they leave the map again."""
from __future__ import annotations

import re
import time
from datetime import date

import pytest

import gazetteer
from gazetteer import changes
from tests.app_server import make_db, running_app
from tests.test_browser_app import MAP_FRAME, local_page, map_frame, wait_markers
from tests.test_browser_review import JS_POINTS

pytestmark = [pytest.mark.browser, pytest.mark.slow]
NAME = "Bustan al-Zahra-ish"  # the fixture's unresolved name; one more event awaits it below
UNDO_PIN = (36.2148, 37.1512)  # a point of our choosing, for the undo test


def _db(tmp_path) -> str:
    """The app fixture's six events plus a second one that awaits NAME."""
    from dashboard.schema import Event
    from dashboard.store import EventStore

    url = make_db(tmp_path / "events.sqlite")
    store = EventStore(url)
    store.insert_events([Event(event_date=date(2015, 6, 2), event_type="Battles", sub_event_type="Armed clash",
                               actor1="A", location=NAME, fatalities=0, source="test", notes="Second one.",
                               origin="t.csv")])
    store.close()
    return url


def points(page) -> list[list[float]]:
    return sorted(page.query_selector(MAP_FRAME).content_frame().evaluate(JS_POINTS))


def placing_frame(page, timeout: float = 60.0):
    """The small map's frame (the one with the draw toolbar) once Leaflet is ready."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        for handle in page.query_selector_all(MAP_FRAME):
            frame = handle.content_frame()
            try:
                if frame and frame.evaluate("() => !!(window.map && document.querySelector('.leaflet-draw-toolbar'))"):
                    return handle, frame
            except Exception:  # noqa: BLE001 - the iframe is being replaced
                pass
        time.sleep(0.2)
    raise AssertionError("the map to place a new place never appeared")


def wait_text(page, pattern: str, timeout: float = 30.0) -> re.Match:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        m = re.search(pattern, page.locator("[data-testid='stMain']").inner_text())
        if m:
            return m
        time.sleep(0.2)
    raise AssertionError(f"never saw {pattern!r}")


def open_map_tab(page, expected: int) -> list[list[float]]:
    page.get_by_role("tab", name="Map").click()
    wait_markers(page, expected)
    return points(page)


def test_click_the_map_to_add_a_place_and_its_events_appear_there(browser, tmp_path):
    with running_app(_db(tmp_path), places=tmp_path / "places", log=tmp_path / "streamlit.log") as base, \
            local_page(browser) as page:
        page.goto(base)
        map_frame(page)
        wait_markers(page, 3)
        before = points(page)
        page.get_by_role("tab", name="Unresolved places").click()
        page.get_by_text("Add a new place").click()
        handle, frame = placing_frame(page)
        frame.wait_for_selector("path", timeout=30_000)  # the district outlines are drawn
        box = handle.bounding_box()
        frame.click("a.leaflet-draw-draw-rectangle")  # first an area, dragged out with the rectangle tool
        x, y = box["x"] + box["width"] * 0.3, box["y"] + box["height"] * 0.3
        page.mouse.move(x, y)
        page.mouse.down()
        page.mouse.move(x + 120, y + 80, steps=5)
        page.mouse.up()
        wait_text(page, r"An area of 4 corners")
        # then, changing our mind, a plain click: a pin, which replaces the area
        page.mouse.click(box["x"] + box["width"] * 0.55, box["y"] + box["height"] * 0.45)
        m = wait_text(page, r"Pin at (\d+\.\d+), (\d+\.\d+)")
        pin = (float(m.group(1)), float(m.group(2)))
        assert frame.evaluate("() => document.querySelectorAll('.leaflet-marker-icon').length") == 1
        assert frame.evaluate("() => document.querySelectorAll('path.leaflet-interactive').length") == 0  # area gone
        assert gazetteer.load().district_at(*pin, within_m=2000) is not None  # a point in the city, as clicked
        page.get_by_label("Source of the coordinates (required)").fill("test: a pin dropped in the test")
        page.get_by_role("button", name="Add the place and re-geocode").click()
        wait_text(page, r"Added the place “Bustan al-Zahra-ish”\. 2 events re-geocoded\.")
        wait_text(page, r"Every place name in the store is resolved\.")
        page.screenshot(path=str(tmp_path / "added.png"), full_page=True)

        after = open_map_tab(page, 5)
        added = list(after)
        for p in before:
            added.remove(p)
        assert added == [[round(pin[0], 4), round(pin[1], 4)]] * 2, (added, pin)
        files = gazetteer.UserFiles.default(folder=tmp_path / "places")
        (row,) = [h["action"] for h in changes.history(files)]
        assert row == "add-place"


def test_undo_in_the_app_takes_the_events_off_the_map_again(browser, tmp_path):
    from dashboard.store import EventStore

    url = _db(tmp_path)
    files = gazetteer.UserFiles.default(folder=tmp_path / "places")
    ch = changes.add_place(files, NAME, lat=UNDO_PIN[0], lon=UNDO_PIN[1], precision=1, source="test")
    store = EventStore(url)
    assert store.regeocode(gazetteer.load(user=files), before=ch.before) == 2
    store.close()
    with running_app(url, places=tmp_path / "places", log=tmp_path / "streamlit.log") as base, \
            local_page(browser) as page:
        page.goto(base)
        map_frame(page)
        wait_markers(page, 5)
        assert points(page).count(list(UNDO_PIN)) == 2
        page.get_by_role("tab", name="Unresolved places").click()
        wait_text(page, r"Every place name in the store is resolved\.")
        page.get_by_role("button", name="Undo the last change").click()
        wait_text(page, r"Undone: added place Bustan al-Zahra-ish \(user-bustan-al-zahra-ish\)\. 2 events re-geocoded\.")
        wait_text(page, r"1 place name could not be matched")
        assert changes.history(files) == []
        after = open_map_tab(page, 3)
        assert list(UNDO_PIN) not in after
