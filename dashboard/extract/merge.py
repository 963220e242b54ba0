"""Sentences about one event, folded into it.

* Deaths reported in the sentence after an event's join it (``follow_up_deaths``).
* A coarse event (an area, the city) next to a precise one of the same day, type and actors is the
  same event told twice ("clashed in the south of Aleppo. The fighting was concentrated in Sheikh
  Saeed"), unless the precise sentence says "also", "again", "another": then it is another event.
* Another source's city-wide toll for the same day's event folds into it with the lower figure.
* One event per place, day, type and actors (``merge``).
"""
from __future__ import annotations

import re
from typing import Any

from ..schema import PRECISION_AREA, PRECISION_CITY, PRECISION_PLACE, Event
from .events import Candidate
from .fatalities import find_fatalities_at
from .classify import blocking_cue
from .roles import ALLIED_AIR, CIVILIANS, PEOPLE, REMOTE, RUSSIA, SYRIA
from .sentences import Sentence
from .triggers import find_triggers

# "... were killed in the attack": the event word refers back to the previous sentence's event.
_ANAPHORIC = re.compile(r"(?:the|this|these|those|that|its|their)\s+(?:\w+\s+)?$", re.IGNORECASE)


def follow_up_deaths(s: Sentence, spans: list[Any], previous: list[Candidate]) -> bool:
    """Deaths reported in the sentence after an event's ("A barrel bomb hit the market in
    al-Shaar on Sunday. At least 20 people were killed, the civil defence said.").

    The figure goes to the previous sentence's event when that sentence gave exactly one
    event (one kind, at one or more places) with no death toll of its own, and this sentence
    names no other place, no event of its own (event words only as "the attack", "the
    strikes") and is not negated, hypothetical or a trend ("the war has killed thousands").
    The sentence joins the event's notes. Returns whether it was used.
    """
    if not previous or any(c.event.fatalities is not None for c in previous) or len({c.kind for c in previous}) != 1:
        return False
    text = s.text
    n, at = find_fatalities_at(text)
    if n is None or blocking_cue(text, at):
        return False
    if any(not _ANAPHORIC.search(text[:t.start]) for t in find_triggers(text)):
        return False
    known = {c.event.place_id for c in previous}
    if any(getattr(sp.match, "place", None) is None or sp.match.place.id not in known for sp in spans):
        return False
    for i, c in enumerate(previous):
        c.event.fatalities = n // len(previous) + (n % len(previous) if i == 0 else 0)
        if c.kind in REMOTE and not c.event.actor2 and PEOPLE.search(text):
            c.event.actor2 = CIVILIANS
        c.sentences.append(s.index)
        c.event.notes = f"{c.event.notes} {' '.join(text.split())}"
    return True



# "shells also fell on Kallaseh": another event than the one before, not a closer look at it
_ANOTHER = re.compile(r"\b(?:also|again|another|too|as\s+well|meanwhile|separately|elsewhere)\b", re.IGNORECASE)
_GUESS = {ALLIED_AIR: {SYRIA, RUSSIA}}  # a default actor that a named one refines


def _same(x: str, y: str) -> bool:
    return x == y or not x or not y or y in _GUESS.get(x, ()) or x in _GUESS.get(y, ())


def _compatible(a: Event, b: Event) -> bool:
    return _same(a.actor1, b.actor1) and _same(a.actor2, b.actor2)


def _absorb(into: Candidate, other: Candidate, notes: dict[int, str], *, conservative: bool = False) -> None:
    """Fold ``other`` into ``into``. Tolls: the larger for two sentences about one event; with
    ``conservative`` (another source's figure for it) the smaller, as ACLED codes disagreeing sources."""
    e, o = into.event, other.event
    for f in ("actor1", "assoc_actor_1", "actor2", "assoc_actor_2"):
        if not getattr(e, f) or getattr(e, f) in _GUESS:
            setattr(e, f, getattr(o, f))
    if o.fatalities is not None:
        pick = min if conservative and e.fatalities is not None else max
        e.fatalities = pick(e.fatalities or 0, o.fatalities) if e.fatalities is not None else o.fatalities
    e.time_precision = min(e.time_precision, o.time_precision)
    e.origin_line = min(x for x in (e.origin_line, o.origin_line) if x is not None) if e.origin_line else o.origin_line
    into.sentences = sorted(set(into.sentences) | set(other.sentences))
    e.notes = " ".join(notes[i] for i in into.sentences)


def merge(cands: list[Candidate], notes: dict[int, str]) -> list[Candidate]:
    """Fold coarse events into a nearby precise one, then one event per place, day, type, actors."""
    precise = [c for c in cands if c.event.geo_precision == PRECISION_PLACE]
    rest: list[Candidate] = []
    for c in cands:
        e = c.event
        if e.geo_precision not in (PRECISION_PLACE, None) and e.fatalities is None:
            near = [p for p in precise if p.event.event_date == e.event_date and p.event.sub_event_type == e.sub_event_type
                    and abs(p.sentence - c.sentence) <= 2 and _compatible(p.event, e)
                    and p.sentence != c.sentence and not _ANOTHER.search(notes.get(max(p.sentence, c.sentence), ""))]
            if len({p.event.place_id for p in near}) == 1:
                _absorb(near[0], c, notes)
                continue
        if e.geo_precision == PRECISION_CITY:
            # "insurgent shelling killed 15 in Aleppo" right after "rebel shelling of government-held
            # neighbourhoods killed four": another source's toll for the same day's shelling, not a new event
            finer = [p for p in cands if p is not c and p.event.geo_precision in (PRECISION_PLACE, PRECISION_AREA)
                     and p.event.event_date == e.event_date and p.event.sub_event_type == e.sub_event_type
                     and abs(p.sentence - c.sentence) <= 2 and _compatible(p.event, e)]
            if len({p.event.place_id for p in finer}) == 1:
                _absorb(finer[0], c, notes, conservative=True)
                continue
        rest.append(c)
    out: list[Candidate] = []
    for c in sorted(rest, key=lambda c: c.sentence):
        e = c.event
        for m in out:
            f = m.event
            if ((f.place_id or f.location.lower()) == (e.place_id or e.location.lower())
                    and f.event_date == e.event_date and f.sub_event_type == e.sub_event_type
                    and f.geo_precision == e.geo_precision and _compatible(f, e)):
                _absorb(m, c, notes)
                break
        else:
            out.append(c)
    return out
