"""What a person sees of the actor filter, in headless Chromium: long names are shown whole
(never cut to look alike), and typing an Arabic name of the government selects its side."""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest

from tests.app_server import running_app

pytestmark = [pytest.mark.browser, pytest.mark.slow]
FIXTURE = Path(__file__).parent / "fixtures" / "ingest" / "acled_sides.csv"
TAGS = '[data-testid="stSidebar"] [data-testid="stMultiSelectTagsContainer"] [data-tag] > span[title]'


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    from dashboard.ingest import ingest_path
    from dashboard.store import EventStore

    tmp = tmp_path_factory.mktemp("actors-app")
    store = EventStore(tmp / "events.sqlite")
    ingest_path(store, FIXTURE)
    store.close()
    with running_app(f"sqlite:///{tmp / 'events.sqlite'}", aliases=tmp / "aliases.csv",
                     log=tmp / "streamlit.log") as base:
        yield base


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    yield pg
    context.close()


def events_shown(page) -> int:
    metric = page.locator('[data-testid="stMetric"]').filter(has_text="Events").first
    return int(re.sub(r"\D", "", metric.locator('[data-testid="stMetricValue"]').inner_text()))


def test_long_actor_names_are_shown_whole(app_url, page):
    chosen = ["Military Forces of Syria (2000-)", "Military Forces of Russia (2000-)",
              "Military Forces of Turkey (2016-)", "YPG: People's Protection Units"]
    page.goto(f"{app_url}/?" + urlencode([("side", "government")] + [("actor", a) for a in chosen]))
    page.wait_for_selector(TAGS, timeout=90_000)
    page.wait_for_timeout(500)
    tags = page.locator(TAGS)
    assert tags.count() == 5
    seen = []
    for i in range(tags.count()):
        tag = tags.nth(i)
        full = tag.get_attribute("title")
        shown = " ".join(tag.inner_text().split())
        width, box = tag.evaluate("e => [e.scrollWidth, e.clientWidth]")
        assert shown == " ".join(full.split()) and width <= box + 1, (full, shown, width, box)
        seen.append(shown)
    assert len(set(seen)) == 5 and "Military Forces of Syria (2000-)" in seen
    assert seen[0].startswith("Side: Government and allies")


def test_typing_the_arabic_name_selects_the_government_side(app_url, page):
    page.goto(app_url)
    page.wait_for_selector('[data-testid="stMetric"]', timeout=90_000)
    assert events_shown(page) == 10
    box = page.get_by_role("textbox", name="Find actors or sides")
    box.fill("قوات النظام")
    box.press("Enter")
    page.wait_for_function("() => location.search.includes('side=government')", timeout=30_000)
    page.wait_for_timeout(500)
    assert parse_qs(urlsplit(page.url).query)["side"] == ["government"]
    assert events_shown(page) == 4
    assert page.locator(TAGS).first.get_attribute("title").startswith("Side: Government and allies")
