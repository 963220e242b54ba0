"""Sentence → candidate events: the event words kept, their place, date, actors and type.

The notes of each event end with how it was coded: the event word and its kind, the rule that
chose actor1 (``roles``), the date rule (``dates``) and where the place came from."""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from ..schema import TIME_DAY, Event
from .actors import ActorDictionary
from .arabic import is_arabic
from .classify import blocking_cue, event_type_for, is_disputed
from .dates import DateMention
from .fatalities import find_fatalities_at
from .incident import NO_FIGHT, attacked, one_incident
from .places import candidate_places, choose_locations
from .roles import assign
from .sentences import Sentence, asides, clauses
from .triggers import find_triggers

_HEADING = re.compile(r"^[^a-z\u0600-\u06ff]*$")
_SNIPER = re.compile(r"snip|opened\s+fire|قناص|قنص", re.IGNORECASE)
@dataclass
class Candidate:
    """An event from one sentence, with what the merge needs."""

    event: Event
    sentence: int
    kind: str
    sentences: list[int] = field(default_factory=list)
    loc: Any = None  # the Location it was placed at


def _clause_index(spans: list[tuple[int, int]], pos: int) -> int:
    for i, (s, e) in enumerate(spans):
        if s <= pos < e:
            return i
    return len(spans) - 1


def sentence_events(s: Sentence, *, spans: list[Any], gazetteer: Any, actors: ActorDictionary,
                    published: date, dates: list[DateMention], carried: DateMention | None, mentions_aleppo: bool,
                    meta: dict[str, str], carried_actor: Any = None,
                    recent: list[Any] = ()) -> tuple[list[Candidate], DateMention | None]:
    """Candidate events of one sentence and the date it settled on (for the next sentence).

    ``dates``: the sentence's date mentions (``find_dates``); ``carried``: the date an earlier
    sentence of the paragraph settled on, for a sentence that names none; ``carried_actor``: the
    previous sentence's subject (for "They then advanced ...")."""
    text = s.text
    if len(text.split()) < (3 if is_arabic(text) else 4) or _HEADING.match(text) or text.endswith(":"):  # a title, a list's lead  # "غارات على الشعار" is a headline
        return [], None
    triggers = find_triggers(text)
    if not triggers:
        return [], None
    cspans = clauses(text)
    aside = asides(text, cspans)
    kept, blocked_clauses, kept_clauses = [], set(aside), set()
    for t in triggers:
        ci = _clause_index(cspans, t.start)
        cs, ce = cspans[ci]
        if ci in aside or blocking_cue(text[cs:ce], t.start - cs) or _lead_blocks(text, cspans, ci, triggers, published):
            blocked_clauses.add(ci)
        else:
            kept.append((t, ci))
            kept_clauses.add(ci)
    blocked_clauses -= kept_clauses - aside
    tried = {ci for ci in blocked_clauses if _TRIED.search(text, *cspans[ci])}
    if not kept:
        return [], None
    mentions = actors.find(text, include_sources=True)
    actor_mentions = [m for m in mentions if m.actor is not None]
    masked = [(m.start, m.end) for m in mentions] + [(d.start, d.end) for d in dates]
    places = candidate_places(text, spans, gazetteer, masked=masked, mentions_aleppo=mentions_aleppo, quoted=s.quoted,
                              actors=actors, recent=recent)
    kept = [(t, ci) for t, ci in kept if not any(p.start <= t.start and t.end <= p.end for p in places)]
    if not kept:  # the event word is part of a place name ("the Artillery College")
        return [], None
    disputed = is_disputed(text)
    kill_n, kill_at = find_fatalities_at(text)
    def own(ci: int, place_only: bool = False) -> bool:
        """The clause names its own place (or actor); "where ..." describes the place before it."""
        cs, ce = cspans[ci]
        if _WHERE.match(text, cs):
            return False
        return any(cs <= p.start < ce and not p.cue for p in places) or (
            not place_only and any(cs <= m.start < ce for m in actor_mentions))

    chosen = one_incident(kept, disputed, own)
    fat_key = None
    if kill_n is not None:
        before = [k for k in chosen if k[0].start <= kill_at]
        fat_key = before[-1] if before else chosen[0]
    out: list[Candidate] = []
    settled: DateMention | None = None
    trigger_clauses = {ci for _, ci in chosen}
    for key in chosen:
        trig, ci = key
        kind = trig.kind
        if kind == "capture" and _PERSON_BEFORE.search(text, 0, trig.start):
            continue  # "a teenager they had captured": people taken, not ground
        ends = [t.end for t, c in kept if t.kind == kind and c == ci]  # the objects of each such word of its clause
        blocked_here = blocked_clauses - tried if kind == "clash" and _REPELLED.search(trig.text) else blocked_clauses
        locs = choose_locations(places, cspans, ci, blocked_here, text=text, trigger_end=ends)
        locs = _antecedent(places, cspans, ci, text, locs) or locs
        if not locs:
            continue
        cs, ce = cspans[ci]
        when = _when(dates, cspans, ci, blocked_clauses, trig.start, carried, trigger_clauses - {ci})
        settled = when or settled
        roles = assign(kind, actor_mentions, text, trig.start, trig.end, published=published,
                       killed=key == fat_key, clause=(cs, ce), carried=carried_actor)
        a1, as1, a2, as2, rule = roles
        if not a1 and carried_actor is not None and kind in ("capture", "clash") and carried_actor.side != "civilians":
            a1, rule = carried_actor.name, "carried"  # "Ground forces captured ...", after "A government offensive ..."
        if kind == "kill" and not any(m.start < trig.start and m.actor.side != "civilians" for m in actor_mentions):
            continue  # nobody armed named as the killer: the death is reported, not an event we can code
        if kind == "capture" and a1 in actors.actors and actors.actors[a1].side == "civilians":
            continue  # "civilians entered government-held areas": people moving, not a capture
        sniped = (kind == "vac" and _SNIPER.match(trig.text)) or kind == "kill"
        if sniped:  # sniper fire on an armed actor is a battle (ACLED), on civilians an attack
            c = assign("clash", actor_mentions, text, trig.start, trig.end, published=published, killed=False,
                       carried=carried_actor)
            if c.actor1 and c.actor2 and c.actor2 in actors.actors and actors.actors[c.actor2].side != "civilians":
                a1, as1, a2, as2, rule = c
            else:
                sniped = False
        if kind in ("attack", "clash") and a1 and not a2:
            a2 = attacked(text, trig.end, actors.actors[a1].side if a1 in actors.actors else "")
        if kind == "attack" and not (a1 and a2):
            continue
        coded = "clash" if sniped else "vac" if kind == "kill" else kind
        if kind == "capture" and NO_FIGHT.search(text, cs, ce):
            coded = "transfer"  # "entered the Old City without a fight"
        etype, sub = event_type_for(coded, actors.actors[a1].side if a1 in actors.actors else None, disputed, a1)
        total = kill_n if key == fat_key else None
        why = (f'"{trig.text}" ({kind}); actor1 by {rule or "none named"}; '
               f'date {when.rule if when else "published"}; place {_place_rule(locs[0], ci, cspans)}')
        for i, loc in enumerate(locs):
            fat = None
            if total is not None:
                fat = total // len(locs) + (total % len(locs) if i == 0 else 0)
            ev = Event(
                event_date=when.value if when else published,
                time_precision=when.precision if when else TIME_DAY,
                event_type=etype, sub_event_type=sub, actor1=a1, assoc_actor_1=as1, actor2=a2, assoc_actor_2=as2,
                location=loc.text, place_id=loc.place_id, district=loc.district, latitude=loc.latitude,
                longitude=loc.longitude, geo_precision=loc.precision, fatalities=fat, notes=" ".join(text.split()),
                origin_line=s.line, **meta,
            )
            ev.extra = {"trigger": trig.text, "date_rule": when.rule if when else "published", "why": why,
                        "sources": [m.text for m in mentions if m.actor is None]}
            out.append(Candidate(ev, s.index, kind, [s.index], loc))
    return out, settled


def _when(dates: list[DateMention], cspans: list[tuple[int, int]], ci: int, blocked: set[int], at: int,
          carried: DateMention | None, others: set[int] = frozenset()) -> DateMention | None:
    """The event word's date: one in its clause, else the nearest stated before it, else one after it in
    a clause with no event of its own ("..., the army said on Friday"), else the paragraph's."""
    cs, ce = cspans[ci]
    own = [d for d in dates if cs <= d.start < ce]
    if own:
        return own[0]
    usable = [d for d in dates if _clause_index(cspans, d.start) not in blocked]
    before = [d for d in usable if d.start < at]
    if before:
        return before[-1]
    after = [d for d in usable if _clause_index(cspans, d.start) not in others]  # not another event's own date
    return after[0] if after else carried


_TOGETHER = re.compile(r"\b(?:together\s+with|along\s+with|as\s+well\s+as|and)\b", re.IGNORECASE)
# "tried to retake Layramoun ..., but their attack was repelled": the attempt's place is where they fought
_REPELLED = re.compile(r"repel|repuls|beat(?:en)?\s+(?:back|off)|fought\s+off|thwart|foil|failed|unsuccessful|abortive", re.IGNORECASE)
_TRIED = re.compile(r"\b(?:tr(?:y|ied|ies|ying)|attempt(?:s|ed|ing)?|sought|seeking)\s+to\b", re.IGNORECASE)
_WHERE = re.compile(r"\s*(?:where|in\s+which)\b", re.IGNORECASE)
# "rebels withdrew from the Old City, which the army entered ...": the place before "which"/"where"
_WHICH = re.compile(r"\s*(?:which|where|in\s+which)\b", re.IGNORECASE)
_PERSON_BEFORE = re.compile(
    r"\b(?:teenagers?|man|men|boys?|girls?|fighters?|soldiers?|prisoners?|civilians?|child(?:ren)?|wom[ae]n|people|persons?|hostages?"
    r"|pilots?|journalists?|officers?|commanders?)\s+(?:(?:that|whom|who)\s+)?(?:they|he|she|it|rebels|the\s+\w+)\s+(?:had\s+|have\s+|has\s+)?$",
    re.IGNORECASE)


def _antecedent(places: list[Any], cspans: list[tuple[int, int]], ci: int, text: str, chosen: list[Any]) -> list[Any]:
    """For an event word in a "which ..." clause, the place right before it: alone when the clause names
    none of its own, and with those it names "together with" it."""
    cs, ce = cspans[ci]
    if not ci or not _WHICH.match(text, cs):
        return []
    own = [p for p in places if cs <= p.start < ce]
    if own and not _TOGETHER.search(text, cs, min(p.start for p in own)):
        return []
    before = [p for p in places if p.end <= cs and not text[p.end:cs].strip(" ,")]
    return [replace(before[-1], cue="")] + [p for p in chosen if cs <= p.start < ce] if before else []


def _place_rule(loc: Any, ci: int, cspans: list[tuple[int, int]]) -> str:
    where = "its clause" if cspans[ci][0] <= loc.start < cspans[ci][1] else "another clause"
    kind = "unresolved" if not loc.place_id else f"precision {loc.precision}"
    return f"{loc.cue or 'named'} in {where} ({kind})"


# A leading adverbial clause of its own ("In 2012, rebels seized ..."): its history/trend cue
# holds for the clause it introduces.
_LEAD_YEAR = re.compile(r"\b(?:19|20)(\d{2})\b")
_MONTH_YEAR = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(?:\d{1,2}(?:st|nd|rd|th)?,?\s+)?(?:19|20)\d{2}\b"
                         r"|\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+(?:19|20)\d{2}\b",
                         re.IGNORECASE)


def _lead_blocks(text: str, cspans: list[tuple[int, int]], ci: int, triggers: list[Any], published: date) -> bool:
    for j in range(ci):
        s0, e0 = cspans[j]
        if any(s0 <= t.start < e0 and not blocking_cue(text[s0:e0], t.start - s0) for t in triggers):
            return False  # an event clause of its own: not a lead-in
        lead = _MONTH_YEAR.sub(" ", text[s0:e0])  # "In February 2016," is a date, "In 2012," is history
        years = [int("20" + y) if int(y) < 50 else int("19" + y) for y in _LEAD_YEAR.findall(lead)]
        if any(y < published.year for y in years) or blocking_cue(lead, len(lead)) in ("habit",):
            return True
    return False


