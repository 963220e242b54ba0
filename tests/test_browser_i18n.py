"""The Arabic app as a person sees it: `streamlit run app.py` opened at ?lang=ar in headless Chromium.

The page reads right to left (computed ``direction`` of the main area and the sidebar), its visible
text, the map's legend included, has no Latin-script label left besides proper names and data
values (the allow-list of tests/test_app_i18n.py), and the map names the districts in Arabic.
A screenshot of the page is kept under the test's tmp folder (``arabic-app.png``).
"""
from __future__ import annotations

import pytest

from tests.app_server import make_db, running_app
from tests.test_app_i18n import latin_left
from tests.test_browser_app import local_page, map_frame

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def arabic_app(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("app_ar")
    with running_app(make_db(tmp / "events.sqlite"), aliases=tmp / "aliases.csv", log=tmp / "streamlit.log") as base:
        yield base, tmp


def test_the_arabic_page_is_right_to_left_with_no_english_label(browser, arabic_app):
    base, tmp = arabic_app
    with local_page(browser) as page:
        page.goto(f"{base}/?lang=ar", wait_until="domcontentloaded")
        frame = map_frame(page)
        page.wait_for_selector("text=أحداث النزاع في حلب", timeout=60_000)
        frame.wait_for_selector(".aleppo-legend", timeout=30_000)
        page.wait_for_timeout(800)  # the last rerun's widgets settle
        page.screenshot(path=str(tmp / "arabic-app.png"), full_page=True)
        print(f"\nscreenshot: {tmp / 'arabic-app.png'}")

        for box in ('[data-testid="stMain"]', '[data-testid="stSidebar"]'):
            assert page.eval_on_selector(box, "e => getComputedStyle(e).direction") == "rtl", box
        main = page.eval_on_selector('[data-testid="stMain"]', "e => e.getBoundingClientRect().left")
        side = page.eval_on_selector('[data-testid="stSidebar"]', "e => e.getBoundingClientRect().left")
        assert side > main  # the sidebar on the right, as an Arabic page has it
        assert "lang=ar" in page.url
        # Material icons are drawn from ligature names ("filter_alt_off"): glyphs, not words.
        page.add_style_tag(content='[data-testid="stIconMaterial"] {display: none !important;}')
        text = "\n".join(page.eval_on_selector(box, "e => e.innerText")
                         for box in ('[data-testid="stMain"]', '[data-testid="stSidebar"]'))
        left = [f"{line!r}: {words}" for line in text.splitlines() if (words := latin_left(line))]
        assert not left, "English left on the Arabic page:\n" + "\n".join(left)
        assert "عوامل التصفية" in text and "الأحداث" in text

        legend = frame.eval_on_selector(".aleppo-legend", "e => [e.getAttribute('dir'), "
                                                          "getComputedStyle(e).direction, e.innerText]")
        assert legend[0] == "rtl" and legend[1] == "rtl"
        assert not latin_left(legend[2]), legend[2]
        labels = frame.eval_on_selector_all(".aleppo-label", "els => els.map(e => e.textContent)")
        arabic = [x for x in labels if any("\u0600" <= ch <= "\u06ff" for ch in x)]
        assert labels and len(arabic) >= 0.9 * len(labels), labels[:20]  # districts by their Arabic names
