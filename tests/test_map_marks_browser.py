"""What a person sees of the marks: one mark per place with its count, a popup that lists every
event there (paged, newest first, notes on a click), a legend whose counts are the marks' own,
district names and the "Zoom to results" button. Saved pages in headless Chromium, offline."""
from __future__ import annotations

import pandas as pd
import pytest

from dashboard.filters import ViewState
from dashboard.map.view import build_map, map_html
from tests.map_fixtures import fixture_points, fixture_stats, load_gazetteer
from tests.test_map_marks import five_at_one_place
from tests.test_mapview_browser import click_at, open_offline

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


def layer_of(m) -> str:
    marks = next(c for c in m._children.values() if type(c).__name__ == "EventMarks")
    return f"window['{marks.get_name()}']"


def opened(browser, m, tmp_path):
    path = tmp_path / "marks.html"
    path.write_text(map_html(m), encoding="utf-8")
    page, external, errors = open_offline(browser, path)
    page.wait_for_selector("path.leaflet-interactive", timeout=20_000)
    page.wait_for_function(f"{layer_of(m)}.aleppoDrawn !== undefined", timeout=10_000)
    return page, external, errors


def test_five_events_at_one_place_one_mark_count_five_popup_lists_all(browser, gaz, tmp_path):
    five = five_at_one_place(gaz)
    pts = pd.concat([fixture_points(gaz), five], ignore_index=True)
    at = (float(five.latitude[0]), float(five.longitude[0]))
    m = build_map(pts, fixture_stats(gaz), ViewState(center=at, zoom=13), gaz, assets="inline")
    page, external, errors = opened(browser, m, tmp_path)
    try:
        layer = layer_of(m)
        marks = page.evaluate(f"Array.from({{length: {layer}.aleppoMarks()}}, (_, i) => {layer}.aleppoMark(i))")
        here = [mk for mk in marks if abs(mk["lat"] - at[0]) < 1e-5 and abs(mk["lon"] - at[1]) < 1e-5]
        assert len(here) == 1 and here[0]["events"] == 5  # one mark, not five dots on top of each other
        assert sum(1 for c in here[0]["mix"] if c) == 3  # its wedges: three types
        i = marks.index(here[0])
        assert [i, "5"] in page.evaluate(f"{layer}.aleppoLabelled")  # its count is painted on it

        legend = page.locator(".aleppo-legend").inner_text()
        total = sum(mk["events"] for mk in marks)
        assert f"{total} of 15 events are drawn as {len(marks)} marks" in legend
        assert "Riots" not in legend and "Strategic developments" not in legend  # only types present

        click_at(page, m, at)
        popup = page.wait_for_selector(".aleppo-popup .ev-pop", timeout=10_000)
        assert popup.query_selector(".ev-sum").inner_text() == "5 events here"
        items = popup.query_selector_all(".ev-item")
        assert len(items) == 5
        texts = [it.inner_text() for it in items]
        assert [t.split(" · ")[0].strip() for t in texts] == [f"2016-01-0{d}" for d in (5, 4, 3, 2, 1)]
        assert all("Source" in t and "Place as written" in t and "Actors" in t and "Fatalities" in t for t in texts)
        assert items[0].query_selector("a").get_attribute("href") == "https://example.org/4"
        notes = items[0].query_selector(".ev-notes")
        assert not notes.is_visible()
        items[0].click()  # an entry opens to its report sentence
        assert notes.is_visible() and notes.inner_text() == "Report sentence number 4."
        assert page.evaluate("document.querySelectorAll('.aleppo-popup').length") == 1
        assert external == [] and errors == []
    finally:
        page.close()


def test_a_long_list_pages_and_says_what_the_file_leaves_out(browser, gaz, tmp_path):
    many = five_at_one_place(gaz, n=27)
    at = (float(many.latitude[0]), float(many.longitude[0]))
    m = build_map(many, fixture_stats(gaz), ViewState(center=at, zoom=14), gaz, assets="inline", row_budget=15)
    page, external, errors = opened(browser, m, tmp_path)
    try:
        page.evaluate(f"{layer_of(m)}.aleppoOpen(0)")
        pop = page.wait_for_selector(".aleppo-popup .ev-pop", timeout=10_000)
        assert pop.query_selector(".ev-range").inner_text() == "1–10 of 27"
        assert pop.query_selector(".ev-item").inner_text().startswith("2016-01-27")
        pop.query_selector("text=Older ›").click()
        assert pop.query_selector(".ev-range").inner_text() == "11–20 of 27"
        assert len(pop.query_selector_all(".ev-item")) == 5  # the 15 newest travel in the file
        assert pop.query_selector(".ev-note").inner_text() == (
            "The 12 older events here are not in this file; the events table lists them.")
        pop.query_selector("text=‹ Newer").click()
        assert len(pop.query_selector_all(".ev-item")) == 10
        assert external == [] and errors == []
    finally:
        page.close()


def test_district_names_show_without_colliding_and_zoom_to_results_frames_the_events(browser, gaz, tmp_path):
    m = build_map(fixture_points(gaz), fixture_stats(gaz), ViewState(zoom=12), gaz, assets="inline")
    page, external, errors = opened(browser, m, tmp_path)
    try:
        boxes = page.evaluate("""() => [...document.querySelectorAll('.aleppo-label')]
            .filter(e => e.style.display !== 'none').map(e => { const r = e.getBoundingClientRect();
            return [r.left, r.top, r.right, r.bottom, e.textContent]; })""")
        assert len(boxes) >= 15
        for i, a in enumerate(boxes):
            for b in boxes[i + 1:]:
                assert not (a[0] < b[2] - 1 and b[0] < a[2] - 1 and a[1] < b[3] - 1 and b[1] < a[3] - 1), (a, b)
        shown_at_12 = len(boxes)
        page.evaluate(f"window['{m.get_name()}'].setZoom(15, {{animate: false}})")
        page.wait_for_timeout(200)
        more = page.evaluate("[...document.querySelectorAll('.aleppo-label')].filter(e => e.style.display !== 'none').length")
        assert more != shown_at_12 or more == len(gaz.districts())  # placed again at each zoom

        page.get_by_role("button", name="Zoom to results").click()
        page.wait_for_timeout(600)
        (s, w), (n, e) = m.bounds
        inside = page.evaluate(f"""() => {{ const b = window['{m.get_name()}'].getBounds();
            return b.contains([{s}, {w}]) && b.contains([{n}, {e}]); }}""")
        assert inside
        assert external == [] and errors == []
    finally:
        page.close()
