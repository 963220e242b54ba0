"""The time slider and the timeline chart in the real app (Chromium): play October 2016 by week,
brush the timeline into a date filter. Screenshots go to the test's temp folder."""
from __future__ import annotations

import re
import time
from datetime import date, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.app_server import fixture_events, running_app
from tests.test_browser_app import local_page, map_frame, wait_metric

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# October 2016 by week (Monday to Sunday, cut to the month): 1, 2, 3, 4, 5 and 6 events.
WEEKS = [("2016-09-26", 1), ("2016-10-03", 2), ("2016-10-10", 3), ("2016-10-17", 4), ("2016-10-24", 5),
         ("2016-10-31", 6)]
OCTOBER = "from=2016-10-01&to=2016-10-31"
# [the header's "Filters:" caption, the Events count] when neither is stale and no script runs, else null.
JS_HEADER = """() => {
    const cap = [...document.querySelectorAll("[data-testid='stCaptionContainer']")]
        .find(c => c.innerText.includes("Filters:"));
    const met = [...document.querySelectorAll("[data-testid='stMetric']")].find(m => m.innerText.includes("Events"));
    const fresh = el => el && el.closest("[data-testid='stElementContainer']").getAttribute("data-stale") !== "true";
    if (!fresh(cap) || !fresh(met) || document.querySelector("[data-testid='stStatusWidgetRunningIcon']")) return null;
    return [cap.innerText, met.querySelector("[data-testid='stMetricValue']").innerText.trim()];
}"""


def october_events():
    """The app fixture's six events, plus October 2016 events so that each week holds one more
    event than the week before (the last one known only to the month: time precision 3)."""
    from dataclasses import replace

    base = fixture_events()
    shell = base[2]  # an exact event at as-Salheen on 2016-10-01
    extra = []
    for monday, n in WEEKS[2:]:
        start = date.fromisoformat(monday)
        for i in range(n):
            extra.append(replace(shell, event_date=start + timedelta(days=i % 7 if monday != "2016-10-31" else 0),
                                 notes=f"Shelling, week of {monday}, report {i + 1}.", event_id=""))
    extra[-1].time_precision = 3  # "in October": coded on the month's last day
    return base + extra


@pytest.fixture(scope="module")
def tl_url(tmp_path_factory):
    from dashboard.store import EventStore

    tmp = tmp_path_factory.mktemp("timeline")
    url = f"sqlite:///{tmp / 'events.sqlite'}"
    store = EventStore(url)
    store.insert_events(october_events())
    store.close()
    with running_app(url, aliases=tmp / "aliases.csv", log=tmp / "streamlit.log") as base:
        yield base


def params(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def press_play(page) -> None:
    """Click Play and wait for the player to start (one more click if the first was lost in the
    page's opening reruns, as a busy machine sometimes does)."""
    for _ in range(2):
        page.locator(".st-key-t_play button").first.click()
        try:
            page.wait_for_function("() => location.search.includes('at=')", timeout=20_000)
            return
        except Exception:  # noqa: BLE001 - Playwright's timeout: try once more
            continue
    raise AssertionError("the player did not start")


def test_play_october_by_week_changes_the_counts_at_each_step(browser, tl_url, tmp_path):
    with local_page(browser) as page:
        page.goto(f"{tl_url}/?{OCTOBER}&step=week")
        map_frame(page)
        wait_metric(page, "Events", "21")
        press_play(page)
        seen: list[tuple[str, str]] = []
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            # The header says which window the counts beside it are for; read both once the run is over.
            head = page.evaluate(JS_HEADER)
            found = head and re.search(r"week of (\d{4}-\d\d-\d\d)", head[0])
            if found:
                shown = (found[1], head[1])
                if not seen or seen[-1] != shown:
                    seen.append(shown)
                    if len(seen) == 3:
                        page.screenshot(path=str(tmp_path / "playing.png"), full_page=True)
            if seen and seen[-1][0] == WEEKS[-1][0] and "Play" in page.locator(".st-key-t_play button").first.inner_text():
                break
            time.sleep(0.1)
        assert [w for w, _ in seen] == [w for w, _ in WEEKS], seen
        assert [int(n) for _, n in seen] == [n for _, n in WEEKS], seen
        assert params(page)["step"] == ["week"]


def test_step_buttons_and_link_restore_the_window(browser, tl_url):
    with local_page(browser) as page:
        page.goto(f"{tl_url}/?{OCTOBER}&step=week&at=2016-10-17")
        map_frame(page)
        wait_metric(page, "Events", "4")
        page.locator(".st-key-t_next button").first.click()
        wait_metric(page, "Events", "5")
        page.wait_for_function("() => location.search.includes('at=2016-10-24')")


def test_brushing_the_timeline_sets_the_date_filter_in_the_link(browser, tl_url, tmp_path):
    with local_page(browser) as page:
        page.goto(f"{tl_url}/?{OCTOBER}")
        map_frame(page)
        page.get_by_role("tab", name="Timeline & top").click()
        chart = page.locator(".st-key-t_chart .marks").first
        chart.wait_for(timeout=30_000)
        box = chart.bounding_box()
        page.screenshot(path=str(tmp_path / "timeline.png"), full_page=True)
        y = box["y"] + box["height"] * 0.5
        # October by day: drag over the middle of the chart, from about the 10th to the 20th.
        page.mouse.move(box["x"] + box["width"] * 0.33, y)
        page.mouse.down()
        page.mouse.move(box["x"] + box["width"] * 0.5, y, steps=8)
        page.mouse.move(box["x"] + box["width"] * 0.66, y, steps=8)
        page.mouse.up()
        page.wait_for_function("() => new URLSearchParams(location.search).get('from') !== '2016-10-01'",
                               timeout=30_000)
        got = params(page)
        start, end = date.fromisoformat(got["from"][0]), date.fromisoformat(got["to"][0])
        assert date(2016, 10, 5) <= start < end <= date(2016, 10, 27), got
        page.screenshot(path=str(tmp_path / "brushed.png"), full_page=True)
