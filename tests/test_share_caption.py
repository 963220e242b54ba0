"""The snapshot caption: states the facts, escapes everything."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import folium
import pytest

from dashboard.share.caption import BOUNDARY_ATTRIBUTION, Caption, CaptionInfo, caption_html
from dashboard.filters import ViewState
from tests.xss import PAYLOADS

MADE = datetime(2016, 10, 7, 14, 30, tzinfo=timezone.utc)


def info(**kw) -> CaptionInfo:
    base = dict(filters="no filters (all events)", events=1234, fatalities=56, made_at=MADE)
    return CaptionInfo(**{**base, **kw})


def test_caption_states_counts_time_and_attribution():
    text = caption_html(info(not_drawn=7, sources=[("Reuters", 3), ("SOHR", 1)]))
    for part in ("1,234 events", "56 reported fatalities", "7 not drawn as marks", "Reuters (3)",
                 "SOHR (1)", "2016-10-07 14:30 UTC", "Center for Spatial Research", "no filters (all events)"):
        assert part in text
    assert "Coarsened" not in text and "tiles omitted" not in text


@pytest.mark.parametrize("made_at, shown", [
    (datetime(2016, 10, 7, 17, 30, tzinfo=timezone(timedelta(hours=3))), "2016-10-07 14:30 UTC"),
    (datetime(2016, 10, 7, 14, 30), "2016-10-07 14:30 UTC"),  # naive means UTC
])
def test_made_at_in_utc(made_at, shown):
    assert shown in caption_html(info(made_at=made_at))


def test_caption_flags_coarsening_and_tiles():
    text = caption_html(info(coarsened=True, tiles_omitted=True))
    assert "Coarsened locations" in text and "tiles omitted" in text


def test_singular_and_many_sources():
    text = caption_html(info(events=1, fatalities=1, sources=[(f"s{i}", 1) for i in range(10)]))
    assert "1 event," in text and "1 reported fatality" in text and "and 4 more" in text


@pytest.mark.parametrize("payload", PAYLOADS)
def test_caption_escapes_filters_title_and_sources(payload):
    view = ViewState(text=payload, actors=(payload,))
    text = caption_html(info(filters=view.describe(), title=payload, sources=[(payload, 2)]))
    assert "<script" not in text and "<img" not in text and "<svg" not in text
    assert "&lt;" in text or "javascript:" in text  # shown, as text


def test_caption_element_renders_into_a_folium_page():
    m = folium.Map(tiles=None)
    Caption(info(title="T<i>")).add_to(m)
    page = m.get_root().render()
    assert 'class="aleppo-caption cap-head"' in page and 'class="aleppo-caption cap-foot"' in page
    assert "T&lt;i&gt;" in page and "T<i>" not in page
    assert BOUNDARY_ATTRIBUTION.split(":")[0] in page


def test_huge_filter_description_is_cut():
    view = ViewState(actors=tuple(f"Actor number {i}" for i in range(400)))
    text = caption_html(info(filters=view.describe()))
    assert "Actor number 3" in text and "Actor number 399" not in text and "…" in text


def test_caption_text_is_not_evaluated_as_a_template():
    """`{{ 7*7 }}` in a filter or source (e.g. from a shared link's q=) must reach the page as text."""
    import folium

    m = folium.Map(tiles=None)
    Caption(info(filters="text “{{ 7*7 }}”", title="{{ 6*7 }}", sources=[("{% if true %}x{% endif %}", 2)])).add_to(m)
    page = m.get_root().render()
    cap = page.split('class="aleppo-caption cap-head"', 1)[1].split("</footer>", 1)[0]
    assert "{{ 7*7 }}" in page and "{{ 6*7 }}" in page and "{% if true %}" in page
    assert "49" not in cap and "42" not in cap
