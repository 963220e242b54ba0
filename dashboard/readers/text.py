"""Prose reports (.txt, .md, .html news text): delegated to :mod:`dashboard.extract`.

The report is read with :func:`dashboard.extract.read_report_meta` (HTML is reduced to
its text, nothing fetched or executed) and its events found with
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


def read_text_events(binary: IO[bytes], *, name: str, published: date | None, gazetteer: Any,
                     source: str | None = None, url: str | None = None) -> list[Event]:
    """Events found in a report. ``published`` is required unless an HTML page states its
    own publication date (relative dates in prose resolve against it)."""
    from ..extract import extract_events, read_report_meta  # lazy: the extractor is heavy

    data = binary.read()
    report = read_report_meta(io.BytesIO(data), report_name(name, data[:512]))
    when = published or report.published
    if when is None:
        raise IngestError(f"{name}: a prose report needs its publication date (--published YYYY-MM-DD)")
    return extract_events(report.text, published=when, gazetteer=gazetteer, source=source or "",
                          url=url or "", origin=name)
