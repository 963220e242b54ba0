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
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

from ..errors import ExtractError
from ..schema import TIME_DAY, Event
from .actors import load_actors
from .arabic import cue_place_spans
from .dates import find_dates
from .events import Candidate, follow_up_deaths, merge, sentence_events
from .report import Report, read_report, read_report_meta
from .sentences import blank_markers, split_sentences

__all__ = ["extract_events", "read_report", "read_report_meta", "Report", "ExtractError"]


def extract_events(text: str, *, published: date, gazetteer: Any, source: str = "", url: str = "",
                   origin: str = "", actors_file: str | Path | None = None) -> list[Event]:
    """The events a report describes, in report order (see the package doc for the rules)."""
    if not isinstance(published, date):
        raise ExtractError("a publication date is required to resolve the report's dates")
    actors = load_actors(actors_file)
    text = blank_markers(text)
    sentences = split_sentences(text)
    all_spans = gazetteer.find_places(text) if sentences else []
    mentions_aleppo = bool(re.search(r"aleppo|alep\b|halab|حلب", text, re.IGNORECASE))
    meta = {"source": source, "source_url": url, "origin": origin}
    cands: list[Candidate] = []
    carried, carried_at = None, (-2, 0)
    anchor = None  # the last date the report stated, for "the next day" and the like
    last: list[Candidate] = []
    subject = None  # the previous sentence's subject, for "They then advanced ..."
    for s in sentences:
        spans = cue_place_spans(s.text, [_shift(sp, s.start) for sp in all_spans if s.start <= sp.start and sp.end <= s.end],
                                gazetteer)
        dates = find_dates(s.text, published, anchor) if _DATE_HINT.search(s.text) else []
        # A day named earlier in the same paragraph carries on ("... on Sunday. Rebels shelled Midan.")
        # until another date is named; a vaguer date ("earlier this week") or another paragraph's does not.
        keep = carried if carried is not None and carried.precision == TIME_DAY and carried_at[0] == s.index - 1 \
            and not _PARAGRAPH_BREAK.search(text, carried_at[1], s.start) else None
        found, settled = sentence_events(s, spans=spans, gazetteer=gazetteer, actors=actors, published=published,
                                         dates=dates, carried=keep, mentions_aleppo=mentions_aleppo, meta=meta,
                                         carried_actor=subject)
        subject = _subject_of(found, actors, s.text)
        if not found:
            follow_up_deaths(s, spans, [c for c in last if c.sentences[-1] == s.index - 1])
        cands.extend(found)
        last = found or last
        if dates:
            anchor = dates[-1]
            carried, carried_at = settled or anchor, (s.index, s.end)
        elif keep is not None:
            carried_at = (s.index, s.end)
    notes = {s.index: " ".join(s.text.split()) for s in sentences}
    events = [c.event for c in merge(cands, notes)]
    for e in events:
        if e.extra.get("why"):
            e.notes = f"{e.notes} [coded: {e.extra['why']}]"
        e.ensure_id()
    return events


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
