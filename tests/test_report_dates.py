"""A report's publication date from its file name or its HTML page, offered instead of an error."""
from __future__ import annotations

import io
import json
from datetime import date

import pytest
from click.testing import CliRunner

import gazetteer
from dashboard.cli import main
from dashboard.extract import read_report_meta
from dashboard.extract.published import FROM_FILE_NAME, FROM_JSON_LD, FROM_META, FROM_TIME, date_from_name
from dashboard.ingest import ingest_file
from dashboard.store import EventStore

D = date(2016, 10, 7)
# Our own two-sentence report (modelled on wire copy of that week).
TEXT = ("Air strikes hit the Sakhour district of Aleppo on Thursday, killing six people, a monitor said.\n"
        "Rebels shelled the government-held Midan district on Friday, state media said.\n")


@pytest.mark.parametrize("name", [
    "reuters-2016-10-07-aleppo.txt", "2016_10_07.md", "aleppo_20161007.html", "7 Oct 2016 Aleppo.txt",
    "07-october-2016.txt", "report-7oct2016.txt", "October 7, 2016 - wire.txt", "oct-7-2016.txt",
    "7.10.2016.txt", "/home/me/2015-01-01/reuters-2016-10-07.txt", "C:\\reports\\2016-10-07 aleppo.htm",
])
def test_date_in_the_file_name(name):
    assert date_from_name(name) == D


@pytest.mark.parametrize("name", [
    "report.txt", "aleppo-2016.txt", "2016-13-40.txt", "v2.0.1.txt", "120161007.txt", "2016/10/07/report.txt",
    "31 Feb 2016.txt", "May.txt", "",
])
def test_no_date_in_the_file_name(name):
    assert date_from_name(name) is None


def page(head: str = "", body: str = "<p>Air strikes hit Sakhour.</p>") -> bytes:
    return f"<!DOCTYPE html><html><head><title>t</title>{head}</head><body>{body}</body></html>".encode()


LD = '<script type="application/ld+json">{}</script>'


@pytest.mark.parametrize("head, body, want, where", [
    ('<meta property="article:published_time" content="2016-10-07T18:02:00Z">', "", D, FROM_META),
    (LD.format(json.dumps({"@type": "NewsArticle", "datePublished": "2016-10-07T09:00:00+03:00"})), "", D, FROM_JSON_LD),
    (LD.format(json.dumps([{"@type": "WebPage"}, {"@type": "NewsArticle", "datePublished": "2016-10-07"}])), "", D, FROM_JSON_LD),
    (LD.format(json.dumps({"@graph": [{"@type": "NewsArticle", "datePublished": "7 October 2016"}]})), "", D, FROM_JSON_LD),
    ("", '<time datetime="2016-10-07">Friday</time><p>x</p>', D, FROM_TIME),
    # the page's own metadata wins over JSON-LD, which wins over a <time> element
    ('<meta property="article:published_time" content="2016-10-07">'
     + LD.format(json.dumps({"datePublished": "2016-10-01"})), '<time datetime="2016-09-30">x</time>', D, FROM_META),
    (LD.format("{not json") + LD.format(json.dumps({"datePublished": "2016-10-07"})), "", D, FROM_JSON_LD),
])
def test_date_in_the_page(head, body, want, where):
    r = read_report_meta(io.BytesIO(page(head, body or "<p>Air strikes hit Sakhour.</p>")), "article.html")
    assert (r.published, r.published_from) == (want, where)
    assert "datePublished" not in r.text and "NewsArticle" not in r.text  # structured data is not prose


def test_page_date_wins_over_the_file_name_and_the_name_fills_in():
    head = '<meta property="article:published_time" content="2016-10-07">'
    r = read_report_meta(io.BytesIO(page(head)), "saved-2020-01-01.html")
    assert (r.published, r.published_from) == (D, FROM_META)
    r = read_report_meta(io.BytesIO(page()), "saved-2016-10-07.html")
    assert (r.published, r.published_from) == (D, FROM_FILE_NAME)
    r = read_report_meta(io.BytesIO(TEXT.encode()), "notes.txt")
    assert (r.published, r.published_from) == (None, "")


@pytest.fixture(scope="module")
def gz():
    return gazetteer.load()


def test_ingest_uses_the_offered_date_with_a_note(tmp_path, gz):
    store = EventStore(tmp_path / "s.sqlite")
    rep = ingest_file(store, io.BytesIO(TEXT.encode()), name="wire-2016-10-07.txt", gazetteer=gz)
    assert rep.loaded >= 2
    assert rep.notes == ["publication date 2016-10-07 taken from the file name (--published overrides it)"]
    dates = {str(d)[:10] for d in store.query(None)["event_date"]}
    assert dates == {"2016-10-06", "2016-10-07"}
    store.close()


def test_published_overrides_the_offered_date(tmp_path, gz):
    store = EventStore(tmp_path / "s.sqlite")
    rep = ingest_file(store, io.BytesIO(TEXT.encode()), name="wire-2016-10-07.txt", published=date(2016, 10, 14),
                      gazetteer=gz)
    assert rep.notes == []
    assert {str(d)[:10] for d in store.query(None)["event_date"]} == {"2016-10-13", "2016-10-14"}
    store.close()


def test_cli_ingest_and_extract_say_where_the_date_came_from(tmp_path):
    report = tmp_path / "aleppo_20161007.txt"
    report.write_text(TEXT, encoding="utf-8")
    res = CliRunner().invoke(main, ["ingest", str(report), "--db", str(tmp_path / "x.sqlite")])
    assert res.exit_code == 0, res.output
    assert "note: publication date 2016-10-07 taken from the file name" in res.output
    res = CliRunner().invoke(main, ["extract", str(report)])  # click 8.2: stdout and stderr apart
    assert res.exit_code == 0, res.output
    assert "taken from the file name" in res.stderr and "taken from" not in res.stdout
    assert [json.loads(line)["event_date"][:10] for line in res.stdout.splitlines()] == ["2016-10-06", "2016-10-07"]
