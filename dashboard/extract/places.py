"""Choosing where an event happened among the places a sentence names.

* Places from ``gazetteer.find_places`` plus coarse areas ("the south of Aleppo",
  "rebel-held eastern Aleppo", "government-held neighbourhoods", الأحياء الشرقية).
* A place right after a context cue is not the location: "next to X", "fired
  from X", "towards X", "fled to X", "north of X". After "near X", "around X",
  "the outskirts of X", محيط/قرب it is the location only when nothing better is
  named, with geo_precision 2 (ACLED's "near" convention).
* Preference: places in the event word's clause, then in the sentence's other
  (unblocked) clauses; a neighbourhood beats a coarse area, which beats the city.
  Several neighbourhoods of equal rank ("hit Sakhour and Haydariyeh") give one
  event each.
* Coarse areas get geo_precision 2 and the coordinates of the gazetteer's area
  place when it has one ("eastern Aleppo"), else the city's; never a neighbourhood.
* "the city" means Aleppo (precision 3) only in a report that names Aleppo.
* Place phrases the gazetteer does not know ("the Handarat camp", "Bab al-Nairab",
  حي المرجة الشرقية; see ``unplaced``) are locations as written, with no place id,
  coordinates or precision. A resolved place wins over them, unless only the
  unresolved one is the event word's object ("air strikes on Bab al-Nairab, near
  Sakhour"): then it is the location.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from ..schema import PRECISION_AREA, PRECISION_CITY, PRECISION_PLACE
from .arabic import LAUNCH_AR
from .objects import enumerated
from .objects import objects as _objects
from .unplaced import unresolved_places

_CONTEXT = re.compile(
    r"(?<![\w])(?:next\s+to|adjacent\s+to|alongside|from|towards?|within\s+(?:a|one|two|three|\d+)\s+(?:kilometres?|kilometers?|km|miles?|metres?|meters?)\s+of"
    r"|within\s+(?:firing|striking|artillery)\s+range\s+of|(?:positioned|stationed|deployed|based|holed\s+up)\s+(?:in|at|on)|into\s+neighbouring|fled\s+to|displaced\s+to|heading\s+to|road\s+to"
    r"|linking|between|overlooking|bordering|border\s+with|(?:north|south|east|west)(?:[\s-]?(?:east|west))?(?:ern)?\s+of"
    rf"|(?:the\s+)?(?:north|south|east|west)\s+of|like|including\s+in|as\s+well\s+as\s+(?:in\s+)?neighbouring|من|باتجاه|نحو|إلى|الى|{LAUNCH_AR})"
    r"\s+(?:the\s+)?(?:(?:nearby|neighbouring|neighboring|adjacent|direction\s+of(?:\s+the)?)\s+)?"
    r"(?:(?:rebel|government|regime|opposition|army|kurdish)[\s-]+(?:held|controlled)\s+)?"
    # "fired from rebel positions in Bustan al-Qasr": where the fire came from is context too
    r"(?:(?:(?:rebel|government|regime|opposition|army|militant|insurgent|kurdish|their|its)\s+)?"
    r"(?:positions?|bases?|posts?|strongholds?|areas?|lines)\s+(?:in|inside|at)\s+(?:the\s+)?)?"
    r"(?:(?:district|neighbou?rhood|area|quarter|town|village)\s+of\s+)?(?:حي\s+)?$",
    re.IGNORECASE,
)
_NEAR = re.compile(
    r"(?<![\w])(?:near|close\s+to|around|outskirts\s+of|edges?\s+of|vicinity\s+of|surroundings\s+of|محيط|قرب|بالقرب\s+من|أطراف|اطراف)"
    r"\s+(?:the\s+)?(?:(?:district|neighbou?rhood|area|quarter)\s+of\s+)?(?:حي\s+)?$",
    re.IGNORECASE,
)
_HELD = r"(?:(?:rebel|opposition|insurgent|government|regime|army)[\s-]+(?:held|controlled|besieged)\s+)?"
_PARTS = r"(?:districts?|neighbou?rhoods?|areas?|parts|sector|half|side|quarters?|suburbs)"
# (pattern, area query for the gazetteer, label) — first match wins at a position.
COARSE: list[tuple[str, str]] = [
    (rf"(?:the\s+)?(?:rebel|opposition|insurgent)[\s-]+(?:held|controlled)\s+(?:eastern\s+|east\s+)?(?:Aleppo|{_PARTS}(?:\s+of\s+(?:the\s+city|Aleppo))?)|(?:the\s+)?besieged\s+(?:eastern\s+)?(?:Aleppo|{_PARTS})", "eastern Aleppo"),
    (rf"(?:the\s+)?(?:government|regime|army)[\s-]+(?:held|controlled)\s+(?:western\s+|west\s+)?(?:Aleppo|{_PARTS}(?:\s+of\s+(?:the\s+city|Aleppo))?)", "western Aleppo"),
    (rf"(?:the\s+)?(?P<dir>east|west|north|south)(?:ern)?\s+{_HELD}(?:Aleppo(?:\s+city)?|{_PARTS}\s+of\s+(?:the\s+city|Aleppo)|part\s+of\s+(?:the\s+city|Aleppo))(?!\s+(?:countryside|province|governorate|region))", ""),
    # "the northern edge of Aleppo", "the south-western outskirts of the city", "the eastern end of the enclave"
    (r"(?:the\s+)?(?P<dir>east|west|north|south)(?:[\s-]?(?:east|west))?(?:ern)?\s+(?:edges?|outskirts|end|side|flank|approaches|fringes?)"
     r"\s+of\s+(?:Aleppo|the\s+(?:city|enclave|pocket)|the\s+rebel[\s-]held\s+(?:east|enclave|pocket))(?!\s+(?:countryside|province|governorate|region))", ""),
    (r"(?:the\s+)?(?P<dir>east|west|north|south)\s+of\s+(?:Aleppo|the\s+city)(?!\s+(?:countryside|province|governorate|region))", ""),
    (rf"Aleppo['’]s\s+{_HELD}(?P<dir>east|west|north|south)(?:ern)?\s+(?:{_PARTS}|part)", ""),
    (r"(?:the\s+)?(?:central|centre\s+of|center\s+of)\s+(?:Aleppo|the\s+city)", "central Aleppo"),
    (r"(?:أحياء\s+حلب|الأحياء|احياء\s+حلب|الاحياء)\s+(?P<dirar>الشرقية|الغربية|الجنوبية|الشمالية)|حلب\s+(?P<dirar2>الشرقية|الغربية)"
     r"|(?:الأحياء|الاحياء)\s+المحاصرة|(?:الأحياء|الاحياء)\s+الخاضعة\s+لسيطرة\s+(?P<ctl>المعارضة|الفصائل|النظام|قوات\s+النظام)", ""),
]
_COARSE_RX = [(re.compile(rx, re.IGNORECASE), q) for rx, q in COARSE]
# "rebel-held areas around Khan Tuman": areas of another place, not of Aleppo
_ELSEWHERE = re.compile(r"\s+(?:around|near|in|of|outside|(?:north|south|east|west)\s+of)\s+(?:the\s+)?(?!Aleppo|the\s+city|Syrian\b|حلب)(?-i:[A-Z])")
_AR_DIR = {"الشرقية": "east", "الغربية": "west", "الجنوبية": "south", "الشمالية": "north"}
_LEAD = re.compile(r"(?:(?:in|of|on|at|from|near|the|to|into|towards?|inside|across|around|over)\s+)+", re.IGNORECASE)
# "north of Aleppo" (no article) places something else relative to the city: outside it.
_RELATIVE = re.compile(r"(?:north|south|east|west)(?:[\s-]?(?:east|west))?\s+of\b", re.IGNORECASE)
# two places listed side by side: "the Old City and the al-Kallaseh district"
_AND = re.compile(r"(?:\s+(?:district|neighbou?rhood|area|quarter)s?)?\s*(?:,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?", re.IGNORECASE)
_TARGETS = re.compile(r"\s*(?:hitting|striking|targeting|pounding|shelling|bombing|destroying)\b", re.IGNORECASE)
_IN = re.compile(r"\s+(?:in|at|inside)\s+(?:the\s+)?(?:(?:rebel|government|regime|opposition)[\s-]+held\s+)?", re.IGNORECASE)
_LIST_FILLER = re.compile(r"(?:\s|,|and|the|of|districts?|neighbou?rhoods?|areas?|quarters?)*", re.IGNORECASE)
_NUMBER = re.compile(r"[\d\s.,/:-]+(?:st|nd|rd|th|s)?")
_THE_CITY = re.compile(r"\b(?:the|this)\s+(?:besieged\s+)?city\b(?!\s+of\b)|(?<![\w])المدينة(?![\w])", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Location:
    """Where an event is: as written, and as the gazetteer knows it."""

    text: str
    start: int
    end: int
    place_id: str | None = None
    district: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    precision: int | None = None
    cue: str = ""  # "", "near" or "context"


def _from_place(text: str, start: int, end: int, place: Any, precision: int | None = None) -> Location:
    return Location(text, start, end, place.id, place.district, place.lat, place.lon,
                    precision or place.precision)


def _area(gazetteer: Any, query: str, text: str, start: int, end: int) -> Location:
    m = gazetteer.resolve(query) if query else None
    if m is not None and m.place.precision >= PRECISION_AREA:
        return _from_place(text, start, end, m.place, PRECISION_AREA)
    city = gazetteer.resolve("Aleppo")
    if city is not None:
        return Location(text, start, end, city.place.id, None, city.place.lat, city.place.lon, PRECISION_AREA)
    return Location(text, start, end, None, None, None, None, PRECISION_AREA)


def coarse_places(text: str, gazetteer: Any) -> list[Location]:
    """Coarse areas of the city named in text (precision 2)."""
    out: list[Location] = []
    for rx, query in _COARSE_RX:
        for m in rx.finditer(text):
            if any(m.start() < o.end and o.start < m.end() for o in out) or _ELSEWHERE.match(text, m.end()):
                continue
            g = m.groupdict()
            q = query
            if g.get("dir"):
                q = f"{g['dir'].lower()}ern Aleppo"
            elif g.get("dirar") or g.get("dirar2"):
                q = f"{_AR_DIR[g.get('dirar') or g.get('dirar2')]}ern Aleppo"
            elif g.get("ctl"):
                q = "western Aleppo" if "النظام" in g["ctl"] else "eastern Aleppo"
            elif not q:
                q = "eastern Aleppo"  # الأحياء المحاصرة: the besieged (eastern) districts
            out.append(_area(gazetteer, q, m.group(0), m.start(), m.end()))
    return out


def candidate_places(text: str, spans: list[Any], gazetteer: Any, *, masked: list[tuple[int, int]],
                     mentions_aleppo: bool, quoted: bool, actors: Any = None, recent: Any = ()) -> list[Location]:
    """All places named in one sentence (``spans`` from find_places, offsets in ``text``).

    With ``actors`` (the actor dictionary), unknown place phrases are added unresolved. ``recent``:
    the places of the paragraph's earlier events, most recent first, that "the camp", "the district"
    refer back to.
    """
    coarse = coarse_places(text, gazetteer)
    out = list(coarse)
    for sp in spans:
        if _NUMBER.fullmatch(sp.text):
            continue  # a number, a date or a count is never a place
        lead = _LEAD.match(sp.text)
        start = sp.start + (lead.end() if lead else 0)
        name = text[start:sp.end]
        if not name:
            continue
        if any(start < e and s < sp.end for s, e in masked):
            continue
        if any(start < c.end and c.start < sp.end for c in coarse):
            continue
        out.append(_from_place(name, start, sp.end, sp.match.place))
    if mentions_aleppo and not quoted and not any(o.precision == PRECISION_CITY for o in out):
        for m in _THE_CITY.finditer(text):
            city = gazetteer.resolve("Aleppo")
            if city is not None and not any(m.start() < o.end and o.start < m.end() for o in out):
                out.append(_from_place(m.group(0), m.start(), m.end(), city.place, PRECISION_CITY))
    if actors is not None:
        unknown, replaced = unresolved_places(text, resolved=out, masked=masked, actors=actors, gazetteer=gazetteer)
        out = [o for i, o in enumerate(out) if i not in replaced] + [
            _from_place(text[s:e], s, e, m.place) if m is not None else Location(text[s:e], s, e) for s, e, m in unknown]
    out += _anaphors(text, recent, out, masked, gazetteer)
    located = []
    for loc in sorted(out, key=lambda o: o.start):
        before = text[max(0, loc.start - 60):loc.start]
        cue = ("context" if _CONTEXT.search(before) or _RELATIVE.match(loc.text)
               else "near" if _NEAR.search(before) else "")
        located.append(replace(loc, cue=cue))
    return located


# "They recaptured the camp", "an assault on the neighbourhood's western edge": the place named before
_ANAPHOR = re.compile(r"\bthe\s+(?:(?!of\b|and\b)[\w-]+\s+)?(?P<head>camp|district|neighbou?rhood|quarter|project|complex|college|academy|hill|base|suburb|school"
                      r"|hospital|market|mosque|road|farms|park)"
                      r"(?:['’]s)?\b(?!\s+(?:of|in|at|near)\b)(?!\s+(?:(?:al|el)-|(?-i:[A-Z])))", re.IGNORECASE)
_AREA_HEADS = {"district", "neighbourhood", "neighborhood", "quarter", "suburb"}


def _kind(gazetteer: Any, place_id: str) -> str:
    place = getattr(gazetteer, "places", {}).get(place_id)
    return getattr(place, "kind", "")


def _anaphors(text: str, recent: Any, found: list[Location], masked: list[tuple[int, int]], gazetteer: Any = None) -> list[Location]:
    out: list[Location] = []
    for m in _ANAPHOR.finditer(text) if recent else ():
        if any(m.start() < o.end and o.start < m.end() for o in found + out) or any(m.start() < e and s < m.end() for s, e in masked):
            continue
        head = m.group("head").lower()
        if head in _AREA_HEADS:  # a neighbourhood named before (a district, not a landmark in it)
            hoods = [p for p in recent if p.place_id and p.precision == PRECISION_PLACE]
            prior = next((p for p in hoods if _kind(gazetteer, p.place_id) == "neighbourhood"), hoods[0] if hoods else None)
        else:  # a place whose name has that head ("the Handarat camp")
            prior = next((p for p in recent if re.search(rf"\b{head}\b", p.text, re.IGNORECASE)), None)
        if isinstance(prior, Location):
            out.append(replace(prior, start=m.start(), end=m.end(), cue=""))
        elif prior is not None:  # a place the sentence before only named
            out.append(_from_place(prior.text, m.start(), m.end(), prior.place))
    return out


def choose_locations(places: list[Location], clause_spans: list[tuple[int, int]], trigger_clause: int,
                     blocked: set[int], *, text: str = "", trigger_end: int | list[int] | None = None) -> list[Location]:
    """The event's location(s) among a sentence's places (see module doc).

    ``text`` and ``trigger_end`` (the event word's end) tell which places are its object.
    """
    def clause_of(loc: Location) -> int:
        for i, (s, e) in enumerate(clause_spans):
            if s <= loc.start < e:
                return i
        return -1

    direct = [p for p in places if not p.cue and clause_of(p) not in blocked]
    own = {trigger_clause}
    if trigger_clause + 1 < len(clause_spans) and text and _TARGETS.match(text, clause_spans[trigger_clause + 1][0]):
        own.add(trigger_clause + 1)  # "struck eastern Aleppo, hitting al-Sakhour and al-Shaar": the targets
    for ci in range(max(own) + 1, len(clause_spans)):  # "hit Sukkari, Bustan al-Qasr and Kallaseh"
        starts = [p.start for p in direct if clause_of(p) == ci]
        cs, ce = clause_spans[ci]
        if not starts and text and re.fullmatch(r"\s*(?:and\s+)?(?:the\s+)?[\w'’-]+(?:\s+[\w'’-]+)?\s*", text[cs:ce]):
            continue  # an unknown name in the list ("Hamadanieh, Al-Furqan, Meridian and the New Aleppo")
        if not starts or (min(starts) - cs > len("and the ") and not (
                text and re.fullmatch(r"(?:[\w'’-]+\s+){1,2}and\s+(?:the\s+)?|(?:as\s+well\s+as|along\s+with|together\s+with|and)\s+"
                                      r"(?:the\s+)?(?:(?:adjacent|neighbouring|neighboring|nearby|surrounding)\s+)?(?:[\w'’-]+\s+and\s+)?",
                                      text[cs:min(starts)], re.IGNORECASE))):
            break
        own.add(ci)
    for ci in range(trigger_clause - 1, -1, -1):  # "The districts of Haydariya, al-Sakhour and Sheikh Khodr fell"
        cs, ce = clause_spans[ci]
        inside = [p for p in direct if clause_of(p) == ci]
        rest = text[cs:ce]
        for p in sorted(inside, key=lambda p: p.start, reverse=True):
            rest = rest[:p.start - cs] + " " + rest[p.end - cs:]
        after = clause_spans[ci + 1][0]
        if not inside or not _LIST_FILLER.fullmatch(rest) or ";" in text[ce:after] \
                or any(clause_of(p) == ci - 1 for p in direct):  # the rest of another clause's list
            break
        own.add(ci)
    tiers = [[p for p in direct if clause_of(p) in own], direct]
    obj = _objects(text, trigger_end, [(p.start, p.end) for p in places if not p.cue]) if trigger_end is not None else set()
    for tier in tiers:
        known = [p for p in tier if p.place_id or p.precision]
        if known and len(known) < len(tier):
            unknown_obj = [p for p in tier if p not in known and p.start in obj]
            # "the M10 hospital in al-Sakhour": the known place it is in, whose coordinates we have
            inside = [q for p in unknown_obj for q in known if _IN.fullmatch(text[p.end:q.start])]
            # an unknown place wins only as the event word's object (with the known ones enumerated with it)
            if inside:
                tier = inside
            elif unknown_obj:
                tier = [p for p in tier if p.start in obj]
            else:  # known places, and unknown ones listed with them
                unknown = [p for p in tier if p not in known]
                listed = enumerated(text, [(p.start, p.end) for p in known], [(p.start, p.end) for p in unknown])
                tier = known + [p for p in unknown if (p.start, p.end) in listed]
            known = [p for p in tier if p.place_id or p.precision]
            if len(known) < len(tier):  # "the Bab al-Nairab district of Aleppo": the unknown name, not the city
                tier = [p for p in tier if (p.precision or 0) < PRECISION_CITY]
                known = [p for p in tier if p.place_id or p.precision]
        if tier:
            best = min((p.precision or PRECISION_CITY for p in known), default=None)
            fine = [p for p in tier if (p.precision or best) == best]
            listed = {(a.start, a.end) for a in tier if a.precision == PRECISION_AREA and a.place_id and any(
                _AND.fullmatch(text[min(a.end, p.end):max(a.start, p.start)]) for p in fine)} if text and best == PRECISION_PLACE else set()
            tier = [p for p in tier if best is None or (p.precision or best) == best or (p.start, p.end) in listed]
            chosen, seen = [], set()
            for p in tier:
                key = p.place_id or p.text
                if key not in seen:
                    seen.add(key)
                    chosen.append(p)
            return chosen
    near = [p for p in places if p.cue == "near" and clause_of(p) not in blocked]
    near = [p for p in near if p.place_id or p.precision] or near
    if near:
        p = near[0]
        if not (p.place_id or p.precision):
            return [p]  # unknown place: no precision to lower
        return [replace(p, precision=max(p.precision or PRECISION_PLACE, PRECISION_AREA))]
    return []
