"""Reading a report file (.txt, .md, .html) into plain text, and its publication date if stated.

The publication date comes from the page (``<meta>``, JSON-LD, ``<time>``) or else
from the file name (see ``published``); ``Report.published_from`` says which.
HTML is parsed with the standard library's ``html.parser``: script, style,
template, noscript, svg, iframe, head and nav contents are dropped, block
elements become line breaks, entities are decoded. Nothing is ever executed
or fetched.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from html.parser import HTMLParser
from typing import IO

from gazetteer.textio import decode_text

from ..errors import ExtractError
from .dates import parse_published
from .published import FROM_FILE_NAME, FROM_JSON_LD, FROM_META, FROM_TIME, date_from_name, json_ld_dates

_SKIP = {"script", "style", "template", "noscript", "svg", "iframe", "head", "nav", "footer", "form", "button", "object"}
_BLOCK = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "section",
          "article", "blockquote", "header", "figcaption", "pre", "hr", "dd", "dt", "main", "aside"}
_META_DATE = ("article:published_time", "datepublished", "date", "pubdate", "publishdate", "dc.date",
              "dc.date.issued", "og:published_time", "sailthru.date", "parsely-pub-date", "publication_date")
SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")


@dataclass(frozen=True)
class Report:
    """A report's text, and what the file itself says about it (``published_from``: where
    its publication date came from, one of the ``published.FROM_*`` labels)."""

    text: str
    published: date | None = None
    title: str = ""
    published_from: str = ""


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0
        self.meta: dict[str, str] = {}
        self.title: list[str] = []
        self.in_title = False
        self.json_ld: list[str] = []
        self.in_json_ld = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            if key and a.get("content"):
                self.meta.setdefault(key, a["content"])
        elif tag == "time" and a.get("datetime") and "time" not in self.meta:
            self.meta["time"] = a["datetime"]
        if tag == "title":
            self.in_title = True
        if tag == "script" and a.get("type", "").strip().lower() == "application/ld+json" and len(self.json_ld) < 20:
            self.in_json_ld = True
            self.json_ld.append("")
        if tag in _SKIP:
            self.skip += 1
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            return  # a self-closed <script/> must not swallow the rest
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if tag == "script":
            self.in_json_ld = False
        if tag in _SKIP and self.skip:
            self.skip -= 1
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.in_json_ld:
            if len(self.json_ld[-1]) < 200_000:
                self.json_ld[-1] += data
        elif self.in_title:
            self.title.append(data)
        elif not self.skip:
            self.parts.append(data)


def _tidy(text: str) -> str:
    lines = (re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def html_report(raw: str) -> Report:
    """Plain text, <meta>/<time> publication date and title of an HTML page."""
    p = _TextParser()
    try:
        p.feed(raw)
        p.close()
    except Exception as exc:  # noqa: BLE001 - html.parser is lenient; anything else is a bad file
        raise ExtractError(f"cannot parse HTML: {exc}") from exc
    published, source = None, ""
    found = [(p.meta[k], FROM_META) for k in _META_DATE if k in p.meta]
    found += [(v, FROM_JSON_LD) for v in json_ld_dates(p.json_ld)]
    found += [(p.meta["time"], FROM_TIME)] if "time" in p.meta else []
    for value, where in found:
        published = _page_date(value)
        if published is not None:
            source = where
            break
    return Report(_tidy("".join(p.parts)), published, " ".join("".join(p.title).split()), source)


def _page_date(value: str) -> date | None:
    """A date as pages write it: ISO with a time, D/M/YYYY, "7 Oct 2016", "October 7, 2016"."""
    value = value.strip()[:64]
    try:
        return parse_published(value[:10])
    except ValueError:
        return date_from_name(value)


def markdown_text(raw: str) -> str:
    """Markdown reduced to its words: no headings marks, emphasis, links, images or code fences."""
    text = re.sub(r"```.*?```", "", raw, flags=re.S)
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"^\s{0,3}(?:#{1,6}\s*|>\s?|[-*+]\s+|\d+[.)]\s+)", "", text, flags=re.M)
    text = re.sub(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1", r"\2", text)
    text = re.sub(r"<[^>\n]+>", "", text)
    return text


def read_report_meta(fileobj: IO, name: str) -> Report:
    """Read a .txt, .md or .html report (text or binary file object); keeps line structure."""
    lower = name.lower()
    if not lower.endswith(SUFFIXES):
        raise ExtractError(f"{name}: not a report (want {', '.join(SUFFIXES)})")
    raw = decode_text(fileobj.read()).replace("\r\n", "\n").replace("\r", "\n")
    if lower.endswith((".html", ".htm")):
        report = html_report(raw)
    elif lower.endswith((".md", ".markdown")):
        report = Report(markdown_text(raw))
    else:
        report = Report(raw)
    return with_name_date(report, name)


def with_name_date(report: Report, name: str) -> Report:
    """``report`` with the date its file name states, when the content gave none."""
    if report.published is None and (named := date_from_name(name)) is not None:
        return replace(report, published=named, published_from=FROM_FILE_NAME)
    return report


def read_report(fileobj: IO, name: str) -> str:
    """The plain text of a .txt, .md or .html report."""
    return read_report_meta(fileobj, name).text
