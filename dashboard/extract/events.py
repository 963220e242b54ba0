"""Sentence → candidate events, and the merge into one event per place, day, type and actors."""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from ..schema import PRECISION_AREA, PRECISION_CITY, PRECISION_PLACE, TIME_DAY, Event
from .actors import ActorDictionary
from .arabic import is_arabic
from .classify import blocking_cue, event_type_for, is_disputed
from .triggers import TRIGGERS, find_triggers
from .dates import DateMention
from .fatalities import find_fatalities_at
from .places import candidate_places, choose_locations
from .roles import PEOPLE, ALLIED_AIR, CIVILIANS, REBELS, REMOTE, RUSSIA, SYRIA, assign
from .sentences import Sentence, asides, clauses

_KIND_ORDER = {k: i for i, (k, _) in enumerate(TRIGGERS)}
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
        locs = _antecedent(places, cspans, ci, text) or choose_locations(places, cspans, ci, blocked_clauses, text=text,
                                                                        trigger_end=trig.end)
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
            a2 = _attacked(text, trig.end, actors.actors[a1].side if a1 in actors.actors else "")
        if kind == "attack" and not (a1 and a2):
            continue
        coded = "clash" if sniped else "vac" if kind == "kill" else kind
        if kind == "capture" and _NO_FIGHT.search(text, cs, ce):
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


_NO_FIGHT = re.compile(r"\bwithout\s+(?:a\s+|any\s+)?(?:fight|fighting|resistance|a\s+shot\s+(?:being\s+)?fired)\b", re.IGNORECASE)
_ABSORB = {"chemical": {"air", "shelling", "explosive"}, "suicide": {"explosive", "attack"}, "capture": {"attack"},
           "air": {"shelling"}}


_AIR_DELIVERED = re.compile(r"(?:missiles?|rockets?|projectiles)", re.IGNORECASE)
_LAUNCH = re.compile(r"(?:launched|began|started|mounted|opened)\b", re.IGNORECASE)


def one_incident(kept: list[tuple[Any, int]], disputed: bool, own: Any = None) -> list[tuple[Any, int]]:
    """One event word per kind and clause, and one incident one event: "a raid with a parachute bomb",
    "two barrel bombs and a missile" (air), "shells containing chlorine" (chemical), "suicide car
    bombs" (suicide), "captured ... after heavy fighting" (capture) are each one event.

    The same kind again in a later clause is another event only when that clause names its own
    place or actor (``own(clause)``): "the army recaptured X, but rebels stormed it again"."""
    by_key: dict[tuple[str, int], tuple[Any, int]] = {}
    for t, ci in kept:
        by_key.setdefault((t.kind, ci), (t, ci))
    if own is not None:  # the same kind in several clauses: only the clauses with their own place or actor
        for kind in {k for k, _ in by_key}:
            same = [k for k in by_key if k[0] == kind]
            if len(same) > 1 and any(own(ci) for _, ci in same):
                by_key = {k: v for k, v in by_key.items() if k not in same or own(k[1])}
    kinds = {k for k, _ in by_key}
    for weak in ("kill", "attack", "arrest"):  # "air strikes killed five": the strike is the event
        if weak in kinds and len(kinds) > 1:
            by_key = {k: v for k, v in by_key.items() if k[0] != weak}
    capture_clauses = {ci for k, ci in by_key if k == "capture"}
    if capture_clauses and not disputed:  # a capture implies its fighting ("took X after heavy fighting"; ACLED)
        by_key = {k: v for k, v in by_key.items() if not (k[0] == "clash" and (k[1] in capture_clauses
                                                                              or (own is not None and not own(k[1], True))))}
    for strong, weak in _ABSORB.items():
        clauses_of = {ci for k, ci in by_key if k == strong}
        if strong in ("chemical", "suicide"):  # the weapon of the whole sentence
            by_key = {k: v for k, v in by_key.items() if not (k[0] in weak and clauses_of)}
        elif strong == "air":  # "two barrel bombs and a missile": the aircraft's missile; shelling is shelling
            by_key = {k: v for k, v in by_key.items() if not (k[0] in weak and k[1] in clauses_of
                                                              and _AIR_DELIVERED.fullmatch(v[0].text))}
        else:
            by_key = {k: v for k, v in by_key.items() if not (k[0] in weak and k[1] in clauses_of)}
    remote = {ci for k, ci in by_key if k in ("air", "shelling")}
    # "launched the counter-attack with a wave of air strikes on X": the strikes are the event
    by_key = {k: v for k, v in by_key.items() if not (k[0] == "clash" and k[1] in remote and _LAUNCH.match(v[0].text))}
    return sorted(by_key.values(), key=lambda v: v[0].start)


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


_WHERE = re.compile(r"\s*(?:where|in\s+which)\b", re.IGNORECASE)
# "rebels withdrew from the Old City, which the army entered ...": the place before "which"/"where"
_WHICH = re.compile(r"\s*(?:which|where|in\s+which)\b", re.IGNORECASE)
_PERSON_BEFORE = re.compile(
    r"\b(?:teenagers?|man|men|boys?|girls?|fighters?|soldiers?|prisoners?|civilians?|child(?:ren)?|wom[ae]n|people|persons?|hostages?"
    r"|pilots?|journalists?|officers?|commanders?)\s+(?:(?:that|whom|who)\s+)?(?:they|he|she|it|rebels|the\s+\w+)\s+(?:had\s+|have\s+|has\s+)?$",
    re.IGNORECASE)


def _antecedent(places: list[Any], cspans: list[tuple[int, int]], ci: int, text: str) -> list[Any]:
    """For an event word in a "which ..." clause with no place of its own, the place right before it."""
    cs, ce = cspans[ci]
    if not ci or not _WHICH.match(text, cs) or any(cs <= p.start < ce for p in places):
        return []
    before = [p for p in places if p.end <= cs and not text[p.end:cs].strip(" ,")]
    return [replace(before[-1], cue="")] if before else []


def _place_rule(loc: Any, ci: int, cspans: list[tuple[int, int]]) -> str:
    where = "its clause" if cspans[ci][0] <= loc.start < cspans[ci][1] else "another clause"
    kind = "unresolved" if not loc.place_id else f"precision {loc.precision}"
    return f"{loc.cue or 'named'} in {where} ({kind})"


# What follows "attack" names its target: "an attack on the Air Force Intelligence building",
# "attacked army checkpoints", "attacked government positions", "attacked rebel positions".
_ON = r"(?:\s+(?:on|against|targeting))?\s+(?:(?:the|a|an|several|two|three|its|their)\s+)?"
_STATE_SITE = re.compile(
    _ON + r"(?:(?:government|regime|army|military|pro-government|Syrian\s+army|Syrian\s+government)\s+)?"
    r"(?:(?:air\s+force\s+)?intelligence\s+(?:building|headquarters|branch|base|compound)|checkpoints?|barracks"
    r"|(?:military|air|army)\s+(?:base|airport|academy|post|posts|positions?|barracks)|airbase|air\s+base"
    r"|(?:artillery|armament|military)\s+(?:college|school|academy)|police\s+station)\b"
    r"|" + _ON + r"(?:government|regime|army|military|pro-government|Syrian\s+army|Syrian\s+government)\s+"
    r"(?:positions?|lines|posts?|troops|forces|soldiers|gathering|convoy)\b"
    r"|" + _ON + r"(?:government|regime|army)[\s-]+(?:held|controlled)\b", re.IGNORECASE)
_REBEL_SITE = re.compile(_ON + r"(?:rebel|opposition|insurgent|militant|jihadist)[\s-]+(?:(?:held|controlled)\b|(?:positions?|lines|posts?|bases?"
                         r"|fighters|headquarters|gathering|convoy)\b)", re.IGNORECASE)


def _attacked(text: str, at: int, side1: str) -> str:
    """actor2 of an attack whose target is a kind of site ("attacked government positions")."""
    if side1 != "government" and _STATE_SITE.match(text, at):
        return SYRIA
    if side1 != "opposition" and _REBEL_SITE.match(text, at):
        return REBELS
    return ""


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
                    and p.sentence != c.sentence and not _ANOTHER.search(notes.get(p.sentence, ""))]
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
