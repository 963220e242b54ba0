"""Sentence → candidate events, and the merge into one event per place, day, type and actors."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..schema import PRECISION_AREA, PRECISION_CITY, PRECISION_PLACE, TIME_DAY, Event
from .actors import ActorDictionary
from .arabic import is_arabic
from .classify import TRIGGERS, blocking_cue, event_type_for, find_triggers, is_disputed
from .dates import DateMention
from .fatalities import find_fatalities_at
from .places import candidate_places, choose_locations
from .roles import PEOPLE, ALLIED_AIR, CIVILIANS, REMOTE, RUSSIA, SYRIA, assign
from .sentences import Sentence, clauses

_KIND_ORDER = {k: i for i, (k, _) in enumerate(TRIGGERS)}
_HEADING = re.compile(r"^[^a-z\u0600-\u06ff]*$")
_SNIPER = re.compile(r"snip|قناص|قنص", re.IGNORECASE)
# What follows "attack" when its target is the state's forces: "an attack on the Air Force
# Intelligence building", "attacked army checkpoints", "assault on the artillery college".
_STATE_TARGET = re.compile(
    r"(?:\s+(?:on|against|targeting))?\s+(?:(?:the|a|an|several|two|three|government|regime|army|military)\s+){0,3}"
    r"(?:(?:air\s+force\s+)?intelligence\s+(?:building|headquarters|branch|base|compound)|checkpoints?|barracks"
    r"|(?:military|air|army)\s+(?:base|airport|academy|post|posts|positions?|barracks)|airbase|air\s+base"
    r"|(?:artillery|armament|military)\s+(?:college|school|academy)|army\s+positions?|police\s+station)\b",
    re.IGNORECASE)


@dataclass
class Candidate:
    """An event from one sentence, with what the merge needs."""

    event: Event
    sentence: int
    kind: str
    sentences: list[int] = field(default_factory=list)


def _clause_index(spans: list[tuple[int, int]], pos: int) -> int:
    for i, (s, e) in enumerate(spans):
        if s <= pos < e:
            return i
    return len(spans) - 1


def sentence_events(s: Sentence, *, spans: list[Any], gazetteer: Any, actors: ActorDictionary,
                    published: date, dates: list[DateMention], carried: DateMention | None, mentions_aleppo: bool,
                    meta: dict[str, str]) -> tuple[list[Candidate], DateMention | None]:
    """Candidate events of one sentence and the date it settled on (for the next sentence).

    ``dates``: the sentence's date mentions (``find_dates``); ``carried``: the date an earlier
    sentence of the paragraph settled on, for a sentence that names none."""
    text = s.text
    if len(text.split()) < (3 if is_arabic(text) else 4) or _HEADING.match(text):  # "غارات على الشعار" is a headline
        return [], None
    triggers = find_triggers(text)
    if not triggers:
        return [], None
    cspans = clauses(text)
    kept, blocked_clauses, kept_clauses = [], set(), set()
    for t in triggers:
        ci = _clause_index(cspans, t.start)
        cs, ce = cspans[ci]
        if blocking_cue(text[cs:ce], t.start - cs) or _lead_blocks(text, cspans, ci, triggers, published):
            blocked_clauses.add(ci)
        else:
            kept.append((t, ci))
            kept_clauses.add(ci)
    blocked_clauses -= kept_clauses
    if not kept:
        return [], None
    mentions = actors.find(text, include_sources=True)
    actor_mentions = [m for m in mentions if m.actor is not None]
    masked = [(m.start, m.end) for m in mentions] + [(d.start, d.end) for d in dates]
    places = candidate_places(text, spans, gazetteer, masked=masked, mentions_aleppo=mentions_aleppo, quoted=s.quoted,
                              actors=actors)
    kept = [(t, ci) for t, ci in kept if not any(p.start <= t.start and t.end <= p.end for p in places)]
    if not kept:  # the event word is part of a place name ("the Artillery College")
        return [], None
    disputed = is_disputed(text)
    kill_n, kill_at = find_fatalities_at(text)
    by_kind: dict[str, tuple[Any, int]] = {}
    for t, ci in kept:
        by_kind.setdefault(t.kind, (t, ci))
    for weak in ("kill", "attack"):  # "air strikes killed five": the strike is the event
        if weak in by_kind and len(by_kind) > 1:
            del by_kind[weak]
    if "capture" in by_kind and "clash" in by_kind and not disputed:
        del by_kind["clash"]  # a capture implies the fighting: one event, as ACLED codes it
    kinds = sorted(by_kind, key=lambda k: by_kind[k][0].start)
    fat_kind = None
    if kill_n is not None:
        before = [k for k in kinds if by_kind[k][0].start <= kill_at]
        fat_kind = before[-1] if before else kinds[0]
    out: list[Candidate] = []
    settled: DateMention | None = None
    for kind in kinds:
        trig, ci = by_kind[kind]
        locs = choose_locations(places, cspans, ci, blocked_clauses, text=text, trigger_end=trig.end)
        if not locs:
            continue
        cs, ce = cspans[ci]
        in_clause = [d for d in dates if cs <= d.start < ce and cspans and _clause_index(cspans, d.start) not in blocked_clauses]
        usable = in_clause or [d for d in dates if _clause_index(cspans, d.start) not in blocked_clauses]
        when = usable[0] if usable else carried
        settled = when or settled
        a1, as1, a2, as2 = assign(kind, actor_mentions, text, trig.start, trig.end, published=published,
                                  killed=kind == fat_kind, clause=(cs, ce))
        if kind == "kill" and not any(m.start < trig.start and m.actor.side != "civilians" for m in actor_mentions):
            continue  # nobody armed named as the killer: the death is reported, not an event we can code
        sniped = (kind == "vac" and _SNIPER.match(trig.text)) or kind == "kill"
        if sniped:  # sniper fire on an armed actor is a battle (ACLED), on civilians an attack
            c1, cs1, c2, cs2 = assign("clash", actor_mentions, text, trig.start, trig.end, published=published,
                                      killed=False)
            if c1 and c2 and c2 in actors.actors and actors.actors[c2].side != "civilians":
                a1, as1, a2, as2 = c1, cs1, c2, cs2
            else:
                sniped = False
        if kind == "attack" and a1 and not a2 and _STATE_TARGET.match(text, trig.end):
            a2 = SYRIA  # an attack on an army post or state security site is a battle with its forces
        if kind == "attack" and not (a1 and a2):
            continue
        etype, sub = event_type_for("clash" if sniped else "vac" if kind == "kill" else kind, actors.actors[a1].side if a1 in actors.actors else None,
                                    disputed)
        total = kill_n if kind == fat_kind else None
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
            ev.extra = {"trigger": trig.text, "date_rule": when.rule if when else "published",
                        "sources": [m.text for m in mentions if m.actor is None]}
            out.append(Candidate(ev, s.index, kind, [s.index]))
    return out, settled


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


# A leading adverbial clause of its own ("In 2012, rebels seized ..."): its history/trend cue
# holds for the clause it introduces.
_LEAD_YEAR = re.compile(r"\b(?:19|20)(\d{2})\b")


def _lead_blocks(text: str, cspans: list[tuple[int, int]], ci: int, triggers: list[Any], published: date) -> bool:
    for j in range(ci):
        s0, e0 = cspans[j]
        if any(s0 <= t.start < e0 for t in triggers):
            return False  # an event clause of its own: not a lead-in
        lead = text[s0:e0]
        years = [int("20" + y) if int(y) < 50 else int("19" + y) for y in _LEAD_YEAR.findall(lead)]
        if any(y < published.year for y in years) or blocking_cue(lead, len(lead)) in ("habit",):
            return True
    return False


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
                    and abs(p.sentence - c.sentence) <= 2 and _compatible(p.event, e)]
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
