"""Issue 15, finding 8: event text that looks like CSS (``url(https://...)``, ``@import``) is data,
not a load: the snapshot is made, and the offline check still catches the page's own loads."""
from __future__ import annotations

from datetime import date

import pytest

import gazetteer
from dashboard.filters import ViewState
from dashboard.map.view import offline_check
from dashboard.schema import Event
from dashboard.share.html_snapshot import snapshot_html
from dashboard.store import EventStore

CSS_TEXT = [
    "see url(https://tracker.example/pixel.png) in the report",
    "@import 'http://styles.example/x.css'; shelling",
    "@import url(https://styles.example/y.css)",
    '<style>body{background:url("https://a.example/b.png")}</style>',
    "style=\"background:url('//cdn.example/z.png')\"",
]


@pytest.fixture(scope="module")
def gaz():
    return gazetteer.load()


def test_snapshot_with_css_looking_event_text_is_made(tmp_path, gaz):
    store = EventStore(tmp_path / "e.sqlite")
    place = gaz.resolve("Hanano").place
    store.insert_events([
        Event(event_date=date(2016, 10, 1 + i), event_type="Battles", sub_event_type="Armed clash",
              actor1=t, location=place.name, place_id=place.id, district=place.district, latitude=place.lat,
              longitude=place.lon, geo_precision=1 + i % 2, source=t, notes=t, origin="x")
        for i, t in enumerate(CSS_TEXT)])
    page = snapshot_html(store, ViewState(), gaz)
    assert offline_check(page) == []
    assert "tracker.example" in page  # the text is there, escaped, and loads nothing
    store.close()


@pytest.mark.parametrize("snippet, expected", [
    ('<div style="background:url(https://a.example/b.png)">x</div>', ["https://a.example/b.png"]),
    ("<style>@import url(https://a.example/c.css);</style>", ["https://a.example/c.css"]),
    ('<p>background:url(https://a.example/b.png)</p>', []),
    ('<script>var d = {"n": "@import \\u0027http://a.example/c.css\\u0027"};</script>', []),
    ('<p>&lt;style&gt;@import "https://a.example/c.css"&lt;/style&gt;</p>', []),
])
def test_offline_check_reads_css_only_where_css_is(snippet, expected):
    assert offline_check(snippet) == expected
