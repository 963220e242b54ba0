"""Prose reports (.txt, .md, .html) through ``ingest_file`` and ``python -m dashboard ingest``:
events from :func:`dashboard.extract.extract_events`, stored once, with the report as origin."""
from __future__ import annotations

import html
import io
from datetime import date

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

import gazetteer
from dashboard.cli import main
from dashboard.errors import IngestError
from dashboard.ingest import ingest_file, ingest_path
from dashboard.readers import detect_format
from dashboard.store import EventStore
from dashboard.store.tables import events as events_table
from tests.seeds import SEED_REPORT

SEED = SEED_REPORT
URL = "https://www.reuters.com/article/us-mideast-crisis-syria-idUSKCN1270J7"
PUBLISHED = date(2016, 10, 7)


@pytest.fixture(scope="module")
def gz():
    return gazetteer.load()


@pytest.fixture
def store(tmp_path):
    s = EventStore(tmp_path / "reports.sqlite")
    yield s
    s.close()


def stored(store: EventStore) -> list[dict]:
    with store.engine.connect() as c:
        return [dict(r._mapping) for r in c.execute(sa.select(events_table))]


def as_markdown(text: str) -> str:
    lines = text.splitlines()
    return "# Russia rejects Aleppo draft\n\n" + "\n\n".join(
        f"## {line.title()}" if line.isupper() else line for line in lines) + "\n"


def as_html(text: str, *, meta_date: str | None = "2016-10-07T18:02:00Z") -> str:
    meta = f'<meta property="article:published_time" content="{meta_date}">' if meta_date else ""
    body = "\n".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines())
    return (f"<!DOCTYPE html><html><head><title>Aleppo</title>{meta}"
            "<script>var s = 'Rebels clashed in Hanano on Friday';</script></head>"
            f"<body><nav>Home | World</nav><article>{body}</article></body></html>")


def check_seed_events(store: EventStore, *, origin: str, source: str = "Reuters", url: str = URL) -> list[dict]:
    rows = stored(store)
    assert len(rows) >= 3
    assert {r["origin"] for r in rows} == {origin}
    assert {r["source"] for r in rows} == {source} and {r["source_url"] for r in rows} == {url}
    assert all(r["origin_line"] for r in rows)
    clash = [r for r in rows if r["event_type"] == "Battles" and r["place_id"] == "sheikh-saeed"]
    assert clash, rows
    assert str(clash[0]["event_date"])[:10] == "2016-10-07"
    assert clash[0]["district"] == "Sheikh Saeed" and clash[0]["latitude"] is not None
    return rows


def test_seed_report_ingests_once(store, gz):
    with SEED.open("rb") as fh:
        rep = ingest_file(store, fh, name=SEED.name, published=PUBLISHED, source="Reuters", url=URL, gazetteer=gz)
    assert rep.format == "text" and rep.loaded >= 3 and rep.duplicates == 0 and rep.rejected == 0
    rows = check_seed_events(store, origin=SEED.name)
    assert rep.loaded == len(rows)
    again = ingest_path(store, SEED, name=SEED.name, published=PUBLISHED, source="Reuters", url=URL, gazetteer=gz)
    assert again.loaded == 0 and again.duplicates == rep.loaded
    assert store.count() == len(rows)
    assert len(store.ingests()) == 2  # both ingests are recorded


@pytest.mark.parametrize("name, make, published", [
    ("reuters.md", as_markdown, PUBLISHED),
    ("reuters.html", as_html, PUBLISHED),
    ("reuters.htm", as_html, None),  # the page's own <meta> publication date
    ("upload-without-suffix", as_html, None),  # an HTML page is recognised by its content
])
def test_markdown_and_html_reports(store, gz, name, make, published):
    content = make(SEED.read_text(encoding="utf-8"))
    rep = ingest_file(store, io.BytesIO(content.encode("utf-8")), name=name, published=published,
                      source="Reuters", url=URL, gazetteer=gz)
    assert rep.format == "text"
    rows = check_seed_events(store, origin=name)
    assert not any("Hanano" in (r["notes"] or "") or r["place_id"] == "hanano" for r in rows)  # <script> ignored
    assert not any("Home | World" in (r["notes"] or "") for r in rows)  # <nav> ignored


def test_text_file_object(store, gz):
    rep = ingest_file(store, io.StringIO(SEED.read_text(encoding="utf-8")), name="pasted.txt",
                      published=PUBLISHED, source="Reuters", url=URL, gazetteer=gz)
    assert rep.loaded >= 3
    check_seed_events(store, origin="pasted.txt")


@pytest.mark.parametrize("name, make", [("seed.txt", str), ("seed.md", as_markdown),
                                        ("seed.html", lambda t: as_html(t, meta_date=None))])
def test_missing_publication_date_is_an_error(store, gz, name, make):
    data = make(SEED.read_text(encoding="utf-8")).encode("utf-8")
    with pytest.raises(IngestError, match=rf"{name}.*--published"):
        ingest_file(store, io.BytesIO(data), name=name, gazetteer=gz)
    assert store.count() == 0


@pytest.mark.parametrize("name, head, fmt", [
    ("r.html", b"<html>", "text"), ("r.HTM", b"<p>x</p>", "text"), ("r.markdown", b"# x", "text"),
    ("noext", b"<!DOCTYPE html><html><body>a, b, c</body></html>", "text"),
])
def test_report_formats_detected(name, head, fmt):
    assert detect_format(name, head) == fmt


def test_cli_ingests_a_report(tmp_path):
    db = tmp_path / "cli.sqlite"
    runner = CliRunner()
    args = ["ingest", str(SEED), "--db", str(db), "--published", "2016-10-07", "--source", "Reuters", "--url", URL]
    res = runner.invoke(main, args)
    assert res.exit_code == 0, res.output
    assert "text" in res.output and "loaded" in res.output
    s = EventStore(db)
    check_seed_events(s, origin=str(SEED))
    n = s.count()
    res = runner.invoke(main, args)
    assert res.exit_code == 0, res.output
    assert s.count() == n
    assert any(line.split() == ["loaded", "0"] for line in res.output.splitlines()), res.output
    s.close()


def test_cli_report_without_published_fails_naming_the_file(tmp_path):
    report = tmp_path / "aleppo-report.txt"
    report.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    res = CliRunner().invoke(main, ["ingest", str(report), "--db", str(tmp_path / "x.sqlite")])
    assert res.exit_code != 0
    assert "aleppo-report.txt" in res.output and "--published" in res.output
    assert EventStore(tmp_path / "x.sqlite").count() == 0


def test_cli_bad_published_value(tmp_path):
    res = CliRunner().invoke(main, ["ingest", str(SEED), "--db", str(tmp_path / "x.sqlite"), "--published", "7/10/16"])
    assert res.exit_code != 0 and "YYYY-MM-DD" in res.output
