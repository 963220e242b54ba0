"""Snapshots in Arabic: `python -m dashboard snapshot --lang ar` and the Share tab's HTML/PNG carry the
Arabic caption, legend and district names, laid out right to left; English ones are unchanged."""
from __future__ import annotations

import io
import re
from datetime import datetime, timezone

import pytest
from click.testing import CliRunner

import gazetteer
from dashboard.cli import main
from dashboard.filters import ViewState
from dashboard.share.html_snapshot import snapshot_html
from dashboard.store import EventStore
from tests.app_server import make_db

MADE = datetime(2016, 10, 7, 12, 0, tzinfo=timezone.utc)
# English the Arabic figure must not print (caption and legend phrases).
ENGLISH = ("Reported conflict events", "Filters:", "Event sources:", "Made 2016", "reported fatalities",
           "Districts: events", "Events by type", "Map drawn with", "Neighbourhoods, landmarks")


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return EventStore(make_db(tmp_path_factory.mktemp("snap_ar") / "events.sqlite"))


@pytest.fixture(scope="module")
def gaz():
    return gazetteer.load()


def caption_text(page: str) -> str:
    return " ".join(re.findall(r'<(?:header|footer)[^>]*class="aleppo-caption[^"]*"[^>]*>(.*?)</(?:header|footer)>',
                               page, flags=re.S))


def test_the_arabic_html_snapshot(store, gaz):
    salheen = gaz.resolve("as-Salheen").place
    view = ViewState(lang="ar", event_types=("Explosions/Remote violence",), districts=(salheen.district,))
    page = snapshot_html(store, view, gaz, made_at=MADE)
    assert re.search(r'<header[^>]*class="aleppo-caption cap-head"[^>]*dir="rtl"', page)
    assert re.search(r'<footer[^>]*class="aleppo-caption cap-foot"[^>]*dir="rtl"', page)
    text = caption_text(page)
    assert "أحداث النزاع المبلّغ عنها في حلب" in text
    assert "النوع: انفجارات / عنف عن بعد" in text and f"الحي: {salheen.name_ar}" in text
    assert not [e for e in ENGLISH if e in page], [e for e in ENGLISH if e in page]
    assert 'setAttribute("lang", "ar")' in page and "direction: rtl" in page  # legends and popups right to left
    assert salheen.name_ar in page  # district labels by their Arabic names


def test_the_english_snapshot_stays_left_to_right(store, gaz):
    page = snapshot_html(store, ViewState(), gaz, made_at=MADE)
    assert 'dir="rtl"' not in page and 'setAttribute("lang"' not in page
    assert "Reported conflict events in Aleppo" in page and "Filters:" in page


def test_the_cli_writes_an_arabic_png(store, tmp_path):
    from PIL import Image

    out = tmp_path / "ar.png"
    result = CliRunner().invoke(main, ["snapshot", "--out", str(out), "--db", store.url, "--lang", "ar",
                                       "--width", "900", "--height", "640"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    img = Image.open(io.BytesIO(out.read_bytes())).convert("L")
    assert img.size == (900, 640)
    # The title is printed right to left: dark glyphs at the right end of the top band, none at its left.
    assert img.crop((560, 8, 885, 40)).getextrema()[0] < 60
    assert img.crop((15, 8, 300, 40)).getextrema()[0] > 200


def test_the_cli_refuses_an_unknown_language(store, tmp_path):
    result = CliRunner().invoke(main, ["snapshot", "--out", str(tmp_path / "x.html"), "--db", store.url,
                                       "--lang", "fr"])
    assert result.exit_code == 2 and "--lang" in result.output
