"""Reports to events: dated, located, attributed events from news prose, by readable rules.

``extract_events(text, published=..., gazetteer=...)`` splits the report into
sentences, keeps those with an event word whose clause is not negated,
hypothetical, habitual, historical or diplomatic (``classify``), resolves the
date (``dates``), the location among the places named (``places``), the actors
(``actors``, ``roles``) and the fatalities (``fatalities``), then merges the
sentences about one event (``events.merge``). Each event keeps its supporting
sentences in ``notes`` and the line of the first one in ``origin_line``.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

from ..errors import ExtractError
from ..schema import TIME_DAY, Event
from .actors import load_actors
from .arabic import cue_place_spans
from .dates import find_dates
from .events import Candidate, sentence_events
from .merge import follow_up_deaths, merge
from .report import Report, read_report, read_report_meta
from .sentences import blank_markers, split_sentences
from .triggers import clear_trigger_cache

__all__ = ["extract_events", "read_report", "read_report_meta", "Report", "ExtractError"]


def extract_events(text: str, *, published: date, gazetteer: Any, source: str = "", url: str = "",
                   origin: str = "", actors_file: str | Path | None = None) -> list[Event]:
    """The events a report describes, in report order (see the package doc for the rules)."""
    if not isinstance(published, date):
        raise ExtractError("a publication date is required to resolve the report's dates")
    actors = load_actors(actors_file)
    clear_trigger_cache()  # a sentence's event words are looked up more than once, within one report only
    text = blank_markers(text)
    sentences = split_sentences(text)
    all_spans = gazetteer.find_places(text) if sentences else []
    span_starts = [sp.start for sp in all_spans]
    mentions_aleppo = bool(re.search(r"aleppo|alep\b|halab|حلب", text, re.IGNORECASE))
    meta = {"source": source, "source_url": url, "origin": origin}
    cands: list[Candidate] = []
    t = _Thread()
    last: list[Candidate] = []
    for s in sentences:
        first = bisect_left(span_starts, s.start)  # the report's spans are in text order
        spans = cue_place_spans(s.text, [_shift(sp, s.start) for sp in all_spans[first:bisect_right(span_starts, s.end)]
                                         if sp.end <= s.end], gazetteer)
        dates = find_dates(s.text, published, t.anchor) if _DATE_HINT.search(s.text) else []
        t.next_sentence(text, s)
        found, settled = sentence_events(s, spans=spans, gazetteer=gazetteer, actors=actors, published=published,
                                         dates=dates, carried=t.day(), mentions_aleppo=mentions_aleppo, meta=meta,
                                         carried_actor=t.subject, recent=t.places)
        followed = not found and follow_up_deaths(s, spans, [c for c in last if c.sentences[-1] == s.index - 1])
        cands.extend(found)
        last = found or last
        t.after(s, found, dates, settled, _subject_of(found, actors, s.text), spans, followed)
    notes = {s.index: " ".join(s.text.split()) for s in sentences}
    events = [c.event for c in merge(cands, notes)]
    for e in events:
        if e.extra.get("why"):
            e.notes = f"{e.notes} [coded: {e.extra['why']}]"
        e.ensure_id()
    return events


class _Thread:
    """What a report carries from one sentence to the next, within a paragraph (or a list and the line
    that introduces it with a colon): the day named ("... on Sunday. Rebels shelled Midan.") until another
    date is named (a vaguer one, "earlier this week", does not carry), the subject ("They then
    advanced ..."), the places of its events ("the camp"); and across paragraphs the last date stated,
    the anchor of "the next day"."""

    def __init__(self) -> None:
        self.date = None
        self.anchor = None
        self.subject = None
        self.places: list[Any] = []
        self.end: int | None = None
        self.intro = False  # the paragraph so far introduces a list ("... with these developments:")
        self._carry = False
        self._index = -1
        self.date_at = -2  # the sentence that named or used the day

    def next_sentence(self, text: str, s: Any) -> None:
        gap = text[self.end:s.start] if self.end is not None else ""
        continues_list = self.intro and bool(_LIST_ITEM.search(gap))
        if "\n" in gap and not continues_list:
            # the next line: only what the sentence just before named carries over
            self._carry = not _PARAGRAPH_BREAK.search(gap) and self.date_at == self.index
            self.places = []
        else:
            self._carry = self.end is not None
        if not self._carry:
            self.date, self.subject, self.places = None, None, []

    @property
    def index(self) -> int:
        return self._index

    def day(self) -> Any:
        return self.date if self._carry and self.date is not None and self.date.precision == TIME_DAY else None

    def after(self, s: Any, found: list[Candidate], dates: list[Any], settled: Any, subject: Any,
              spans: list[Any] = (), followed: bool = False) -> None:
        """``spans``: the sentence's gazetteer places; ``followed``: it added to the previous sentence's event."""
        if dates:
            self.anchor = dates[-1]
            self.date, self.date_at = settled or self.anchor, s.index
        elif (found or followed) and self.day() is not None or followed and self.date_at == self.index:
            self.date_at = s.index
        self.subject = subject or self.subject
        named = [_Named(sp.text, sp.match.place) for sp in spans if getattr(getattr(sp, "match", None), "place", None)]
        self.places = ([c.loc for c in found if c.loc is not None] + named[::-1] + self.places)[:6]
        self.intro = s.text.rstrip().endswith(":") or (self.intro and self._carry)
        self.end, self._index = s.end, s.index


class _Named(NamedTuple):
    """A place a sentence named, as ``places`` would locate it (for "the district" later on)."""

    text: str
    place: Any

    @property
    def place_id(self) -> str:
        return self.place.id

    @property
    def precision(self) -> int:
        return self.place.precision


_LIST_ITEM = re.compile(r"\n[ \t]*(?:[-*•▪–]|\d{1,2}[.)])\s")


def _subject_of(found: list[Candidate], actors: Any, text: str) -> Any:
    """The sentence's subject for the next one: its first event's actor1, else the first armed actor named."""
    for c in found:
        if c.event.actor1 in actors.actors:
            return actors.actors[c.event.actor1]
    for m in actors.find(text):
        if m.actor.side not in ("civilians", "unidentified"):
            return m.actor
    return None


_DATE_HINT = re.compile(r"\d|day|night|week|month|hours|evening|morning|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec"
                        r"|overnight|yesterday|today|[\u0600-\u06ff]", re.IGNORECASE)
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n|\n[ \t]*(?=[-*•#])")  # a blank line, or a new list item


class _Span(NamedTuple):
    start: int
    end: int
    text: str
    match: Any


def _shift(span: Any, offset: int) -> _Span:
    """A place span with offsets relative to its sentence."""
    return _Span(span.start - offset, span.end - offset, span.text, span.match)
