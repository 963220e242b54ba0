"""The map in Arabic as a reader sees it (a saved page in headless Chromium, offline): legend, layer
list and popups read right to left, their labels Arabic; the English map is left as it was."""
from __future__ import annotations

import pandas as pd
import pytest

from dashboard.filters import ViewState
from dashboard.i18n import t
from dashboard.map.view import build_map
from tests.map_fixtures import fixture_points, fixture_stats, load_gazetteer
from tests.test_map_marks import five_at_one_place
from tests.test_map_marks_browser import opened
from tests.test_mapview_browser import click_at

pytestmark = pytest.mark.browser
BOXES = ".aleppo-legend, .leaflet-control-layers"


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_legend_layers_and_popups_follow_the_language(browser, gaz, tmp_path, lang):
    five = five_at_one_place(gaz)
    pts = pd.concat([fixture_points(gaz), five], ignore_index=True)
    at = (float(five.latitude[0]), float(five.longitude[0]))
    m = build_map(pts, fixture_stats(gaz), ViewState(center=at, zoom=13, lang=lang), gaz, assets="inline")
    page, external, errors = opened(browser, m, tmp_path)
    try:
        want = "rtl" if lang == "ar" else "ltr"
        boxes = page.eval_on_selector_all(BOXES, "els => els.map(e => [e.getAttribute('dir'), "
                                                 "getComputedStyle(e).direction])")
        assert boxes and all(b == ([want, want] if lang == "ar" else [None, "ltr"]) for b in boxes), boxes
        assert (page.evaluate("document.documentElement.lang") == "ar") is (lang == "ar")
        legend = page.locator(".aleppo-legend").first.inner_text()
        assert t("Legend", lang) in legend and t("Battles", lang) in legend

        click_at(page, m, at)
        popup = page.wait_for_selector(".aleppo-popup .leaflet-popup-content", timeout=10_000)
        assert popup.get_attribute("dir") == ("rtl" if lang == "ar" else None)
        assert popup.evaluate("e => getComputedStyle(e).direction") == want
        assert popup.query_selector(".ev-sum").inner_text() == t("{n} events here", lang, n=5)
        assert external == [] and errors == []
    finally:
        page.context.close()
