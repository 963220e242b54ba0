"""Prose reports (.txt, .md, .html news text): delegated to :mod:`dashboard.extract`.

The report is read with :func:`dashboard.extract.read_report_meta` (HTML is reduced to
its text, nothing fetched or executed; its publication date is the one given, else the one
the page or the file name states) and its events found with
:func:`dashboard.extract.extract_events`; each event's ``origin`` is the file's name.
"""
from __future__ import annotations

import io
from datetime import date
from typing import IO, Any

from ..errors import IngestError
from ..schema import Event

REPORT_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")


def report_name(name: str, head: bytes) -> str:
    """``name`` if it has a report suffix, else a name whose suffix says how to read the
    content (HTML when it looks like a page, plain text otherwise)."""
    if name.lower().endswith(REPORT_SUFFIXES):
        return name
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:256].lower()
    return "report.html" if start.startswith((b"<!doctype html", b"<html", b"<head", b"<body")) else "report.txt"


MAX_REPORT_CHARS = 250_000  # about 40,000 words: longer "reports" are collections of articles


def read_report_file(binary: IO[bytes], name: str) -> Any:
    """The report (``extract.Report``: text, offered publication date and where it came from);
    IngestError for text longer than ``MAX_REPORT_CHARS`` (extraction costs ~2 ms a sentence)."""
    from ..extract.report import read_report_meta, with_name_date  # lazy: the extractor is heavy

    data = binary.read()
    report = read_report_meta(io.BytesIO(data), report_name(name, data[:512]))
    if len(report.text) > MAX_REPORT_CHARS:
        raise IngestError(f"{name}: the report has {len(report.text):,} characters of text, more than "
                          f"{MAX_REPORT_CHARS:,}: split it into its articles")
    return with_name_date(report, name)


def publication_date(report: Any, name: str, published: date | None, notes: list[str] | None = None) -> date:
    """``published`` if given, else the date the report offers (with a note saying where it
    came from); IngestError when there is neither."""
    if published is not None:
        return published
    if report.published is None:
        raise IngestError(f"{name}: a prose report needs its publication date (--published YYYY-MM-DD); "
                          "neither the file name nor the page states one")
    if notes is not None:
        notes.append(f"publication date {report.published.isoformat()} taken from {report.published_from} "
                     "(--published overrides it)")
    return report.published


def read_text_events(binary: IO[bytes], *, name: str, published: date | None, gazetteer: Any,
                     source: str | None = None, url: str | None = None,
                     notes: list[str] | None = None) -> list[Event]:
    """Events found in a report. Without ``published`` the date the file name or the HTML page
    states is used (and ``notes`` says so); relative dates in prose resolve against it."""
    from ..extract import extract_events

    report = read_report_file(binary, name)
    when = publication_date(report, name, published, notes)
    return extract_events(report.text, published=when, gazetteer=gazetteer, source=source or "",
                          url=url or "", origin=name)
