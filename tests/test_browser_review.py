"""Review before storing, in the real app and headless Chromium: upload a report, edit one
extracted event, drop another, store, and see exactly the accepted events on the map."""
from __future__ import annotations

import contextlib
import time

import pytest

import gazetteer
from tests.app_server import make_db, running_app
from tests.test_browser_app import MAP_FRAME, local_page, map_frame, metric, wait_markers, wait_metric
from ui.review_panel import SHOWN, WIDTHS

pytestmark = [pytest.mark.browser, pytest.mark.slow]
# Our own three-sentence report; the file name states its date.
REPORT = ("Air strikes hit the Sakhour district of Aleppo on Thursday, killing six people, a monitor said.\n"
          "Rebels shelled the government-held Midan district on Friday, state media said.\n"
          "The army clashed with rebels in Sheikh Saeed on Friday.\n")
GRID = "[data-testid='stDataFrame']"
HEADER_H = ROW_H = 35  # Streamlit's grid: header and row heights in pixels
# Every mark on the map's event layer(s) (one per spot), as [lat, lon] rounded to 4 places, once per event.
JS_POINTS = """() => { const out = []; window.map.eachLayer(l => { if (!l.aleppoMarks) return;
    for (let i = 0; i < l.aleppoMarks(); i++) { const m = l.aleppoMark(i);
        for (let k = 0; k < m.events; k++) out.push([Math.round(m.lat * 1e4) / 1e4, Math.round(m.lon * 1e4) / 1e4]); } });
    return out; }"""


@pytest.fixture()
def review_app_url(tmp_path):
    """A server of its own: the review stores events that other tests must not see."""
    url = make_db(tmp_path / "events.sqlite")
    with running_app(url, aliases=tmp_path / "aliases.csv", log=tmp_path / "streamlit.log") as base:
        yield base


def grid_rows(page) -> list[list[str]]:
    """The review grid's cells (its accessible table holds the text the canvas draws)."""
    grid = page.locator(GRID).first
    return [[t.strip() for t in tr.locator("td").all_text_contents()] for tr in grid.locator("table tbody tr").all()]


def cell_xy(page, row: int, column: str) -> tuple[float, float]:
    box = page.locator(GRID).first.bounding_box()
    left = sum(WIDTHS[c] for c in SHOWN[:SHOWN.index(column)])
    return box["x"] + left + WIDTHS[column] / 2, box["y"] + HEADER_H + ROW_H * row + ROW_H / 2


@contextlib.contextmanager
def redrawn(page, timeout: float = 30.0):
    """Wait, after the block, until the review table has been replaced by the app's redraw (an
    edit made to the old table while it is being replaced would be an edit of a table gone)."""
    old = page.locator(GRID).first.element_handle()
    yield
    end = time.monotonic() + timeout
    while old.evaluate("e => e.isConnected"):
        if time.monotonic() > end:
            raise AssertionError("the review table was never redrawn after the edit")
        time.sleep(0.1)
    page.locator(GRID).first.wait_for(timeout=int(timeout * 1000))


def edit_cell(page, row: int, column: str, text: str, tries: int = 5) -> None:
    """Open the grid's cell editor (click, Enter), type ``text`` and commit it (Enter)."""
    editor = page.locator("textarea.gdg-input, input.gdg-input")
    for _ in range(tries):
        page.mouse.click(*cell_xy(page, row, column))
        page.keyboard.press("Enter")
        try:
            editor.first.wait_for(state="visible", timeout=3_000)
        except Exception:  # noqa: BLE001 - the grid was being redrawn: try again
            page.keyboard.press("Escape")
            continue
        editor.first.fill(text)
        editor.first.press("Enter")
        return
    raise AssertionError(f"the editor of {column} in row {row} never opened")


def wait_rows(page, check, timeout: float = 30.0) -> list[list[str]]:
    end = time.monotonic() + timeout
    rows: list[list[str]] = []
    while time.monotonic() < end:
        try:
            rows = grid_rows(page)
            if rows and check(rows):
                return rows
        except Exception:  # noqa: BLE001 - the grid is being redrawn
            pass
        time.sleep(0.2)
    raise AssertionError(f"the review table never got there: {rows}")


def point(place_id: str) -> list[float]:
    p = gazetteer.load().place(place_id)
    return [round(p.lat, 4), round(p.lon, 4)]


def test_review_edit_drop_store_and_see_exactly_the_accepted_events(browser, review_app_url):
    col = {c: SHOWN.index(c) for c in SHOWN}
    with local_page(browser) as page:
        page.goto(review_app_url)
        map_frame(page)
        wait_markers(page, 3)
        wait_metric(page, "Events", "6")
        before = sorted(page.query_selector(MAP_FRAME).content_frame().evaluate(JS_POINTS))
        page.get_by_role("tab", name="Upload").click()
        uploader = page.locator("[data-testid='stFileUploader'] input[type='file']")
        uploader.wait_for(state="attached", timeout=20_000)
        uploader.set_input_files(files=[{"name": "wire-2016-10-07-aleppo.txt", "mimeType": "text/plain",
                                         "buffer": REPORT.encode("utf-8")}])
        page.get_by_text("Date taken from the file name").wait_for(timeout=30_000)
        page.get_by_role("button", name="Find events").click()

        rows = wait_rows(page, lambda r: len(r) == 3)
        assert [r[col["place"]] for r in rows] == ["Sakhour", "Midan", "Sheikh Saeed"], rows
        assert [r[col["event_date"]] for r in rows] == ["2016-10-06", "2016-10-07", "2016-10-07"]
        assert all(r[col["keep"]] == "true" for r in rows)

        with redrawn(page):  # each edit reruns the app, which redraws the table with the edit folded in
            page.mouse.click(*cell_xy(page, 1, "keep"))  # drop the shelling of Midan
        wait_rows(page, lambda r: r[1][col["keep"]] == "false")
        page.get_by_role("button", name="Store 2 kept events").wait_for(timeout=30_000)

        with redrawn(page):
            edit_cell(page, 2, "location", "Bustan al-Qasr")  # the clash was in Bustan al-Qasr, not Sheikh Saeed
        rows = wait_rows(page, lambda r: r[2][col["place"]] == "Bustan al-Qasr")
        assert rows[2][col["location"]] == "Bustan al-Qasr" and rows[2][col["geo_precision"]] == "1"
        assert metric(page, "Events") == "6"  # nothing stored yet

        page.get_by_role("button", name="Store 2 kept events").click()
        wait_metric(page, "Events", "8")
        assert metric(page, "Fatalities") == "24"  # 18 + the six killed in Sakhour
        page.get_by_text("2 events stored").wait_for(timeout=20_000)

        page.get_by_role("tab", name="Map").click()
        wait_markers(page, 5)
        after = sorted(page.query_selector(MAP_FRAME).content_frame().evaluate(JS_POINTS))
        added = list(after)
        for p in before:
            added.remove(p)
        assert sorted(added) == sorted([point("sakhour"), point("bustan-al-qasr")]), added
        assert point("midan") not in after and point("sheikh-saeed") not in after
