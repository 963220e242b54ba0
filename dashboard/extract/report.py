"""Reading a report file (.txt, .md, .html) into plain text, and its publication date if stated.

HTML is parsed with the standard library's ``html.parser``: script, style,
template, noscript, svg, iframe, head and nav contents are dropped, block
elements become line breaks, entities are decoded. Nothing is ever executed
or fetched.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser
from typing import IO

from gazetteer.textio import decode_text

from ..errors import ExtractError
from .dates import parse_published

_SKIP = {"script", "style", "template", "noscript", "svg", "iframe", "head", "nav", "footer", "form", "button", "object"}
_BLOCK = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "section",
          "article", "blockquote", "header", "figcaption", "pre", "hr", "dd", "dt", "main", "aside"}
_META_DATE = ("article:published_time", "datepublished", "date", "pubdate", "publishdate", "dc.date",
              "dc.date.issued", "og:published_time", "sailthru.date", "parsely-pub-date", "publication_date")
SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")


@dataclass(frozen=True)
class Report:
    """A report's text, and what the file itself says about it."""

    text: str
    published: date | None = None
    title: str = ""


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0
        self.meta: dict[str, str] = {}
        self.title: list[str] = []
        self.in_title = False

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
        if tag in _SKIP and self.skip:
            self.skip -= 1
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.in_title:
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
    published = None
    for key in (*_META_DATE, "time"):
        if key in p.meta:
            try:
                published = parse_published(p.meta[key][:10])
                break
            except ValueError:
                continue
    return Report(_tidy("".join(p.parts)), published, " ".join("".join(p.title).split()))


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
        return html_report(raw)
    if lower.endswith((".md", ".markdown")):
        return Report(markdown_text(raw))
    return Report(raw)


def read_report(fileobj: IO, name: str) -> str:
    """The plain text of a .txt, .md or .html report."""
    return read_report_meta(fileobj, name).text
