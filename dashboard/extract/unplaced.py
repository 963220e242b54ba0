"""Place phrases the gazetteer does not know: kept as written, never guessed.

A sentence that clearly puts an event at a named place ("shelling of the Handarat
camp", "clashes in the 1070 apartment project", "air strikes on Bab al-Nairab",
"غارات على حي المرجة الشرقية") still yields its event, located by the phrase as
written with no place id or coordinates, so that the name reaches the review list
(``EventStore.unresolved``) and ``regeocode`` can place it once an alias exists.

Candidates (conservative):

* English, a capitalised name (digits allowed: "1070") after in/on/at/near/around/
  of/into/... (optionally "the", lower-case modifiers such as "rebel-held") and
  before a place head: district, neighbourhood, area, quarter, suburb, camp,
  project, road, farms, base, college (at most two lower-case words between:
  "1070 apartment project", "Handarat refugee camp"). District-type heads are left
  out of the phrase (the gazetteer strips them); the others are part of the name.
* English, a capitalised name after "the district/neighbourhood/area of".
* English, a capitalised name right after an event word and on/in/at/of ("air
  strikes on Bab al-Nairab"), ending the clause or followed by a function word.
* Arabic, one to three words after حي / حيي / منطقة / بلدة / مخيم / طريق, up to a
  preposition, a date word, a conjoined word (والـ, بـ) or a descriptor (المحاصر).

Never a candidate: actors and sources (the actor dictionary), the gazetteer's
not-places list (other towns, armed groups, people), countries, foreign cities,
nationality adjectives, organisations, weekdays and months, titles of persons.
A candidate that strictly contains a resolved name ("المرجة الشرقية" around المرجة)
is a different, unknown name and replaces it; one that equals or lies inside a
resolved or coarse place is dropped.

The choice between resolved and unresolved places is in ``places.choose_locations``:
resolved ones win unless only the unresolved one is the event word's object
(``objects``: the phrase right after the event word, and names enumerated with it).
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from .arabic import NAME_ENDS
from .objects import GAP
from .triggers import find_triggers

_CAP = "A-Z0-9À-ÖØ-Þ"
_TOK = rf"(?:(?:al|el|ad|an|ar|as|ash|at|az|ath|ud|ul)[-‐‑])?[{_CAP}][\w'’]*(?:[-‐‑–][\w'’]+)*"
_NAME = rf"{_TOK}(?:[ ]+(?:(?:al|el|ad|an|as|ar|ash|at|az)[ ]+)?{_TOK}){{0,4}}"
_MODS = r"(?:[a-z][\w'’]*(?:[-‐‑][\w'’]+)*\s+){0,3}?"
_PREP = (r"(?i:in|on|at|near|around|into|inside|across|of|outside|towards?|from|hit|hitting|struck|striking|targeted|targeting|shelled"
         r"|shelling|bombed|bombing|pounded|pounding|captur\w*|seiz\w*|retook|retak\w*|recaptur\w*|storm\w*|enter\w*|besieg\w*"
         r"|overr\w*|took|tak(?:e|es|ing)|secur\w*|regain\w*|control\s+of)")
_CUE_HEADS = r"district|neighbou?rhood|area|quarter|suburb|zone|hill|sector"
_NAME_HEADS = (r"camp|project|road|farms|base|college|academy|academies|school|hospital|mosque|complex|sawmills|factory|factories"
               r"|market|stadium|cemetery|junction|roundabout|highway|bridge|checkpoint|park")
# lower-case words between a name and a district-type head that are no part of the name
_DESCRIPTORS = frozenset("industrial residential commercial housing old new eastern western northern southern "
                         "central adjacent nearby strategic rebel-held government-held besieged".split())
_HEAD_AFTER = re.compile(
    rf"(?:(?<![\w])(?:{_PREP})\s+(?:(?i:the)\s+)?|^(?:The|the)\s+|(?<=\s)the\s+){_MODS}"
    rf"(?P<name>{_NAME})(?P<desc>(?:\s+[a-z]+){{0,2}}?)\s+(?P<head>(?i:{_CUE_HEADS}|{_NAME_HEADS}))(?:s|es)?(?![\w])"
)
_HEAD_BEFORE = re.compile(rf"(?<![\w])(?i:district|neighbou?rhood|area|quarter|suburb|camp)\s+of\s+(?:(?i:the)\s+)?(?P<name>{_NAME})")
_AFTER_OBJECT = re.compile(
    r"\s*(?:$|[,.;:!?)\"”’]|\s(?:the\s+(?:same|next|following)|was|were|is|are|has|had|on|in|at|and|killing|killed|kills|wounding|injuring|leaving|late|early|this|last|yesterday|today"
    r"|overnight|after|before|during|which|where|that|amid|as|while|said|says|according|with|for|from|near|to|since|but|district"
    r"|neighbou?rhood|area|quarter)\b)")
_OBJECT_BEFORE = re.compile(rf"(?<![\w])(?i:on|in|at|of|into|inside|targeting|hit|struck|targeted|shelled|bombed|pounded"
                            rf"|captur\w*|seiz\w*|retook|retak\w*|recaptur\w*|storm\w*|overr\w*|enter\w*|besieg\w*)\s+(?:(?i:the)\s+)?{_MODS}$")
# an event word that is a transitive verb: its object follows directly ("captured Ard al-Hamra")
_VERB_END = re.compile(r"(?:ed|took|overran|hit|struck|cut|entered|over)$", re.IGNORECASE)
_AR_CUE = re.compile(r"(?<![\w])[وفبل]?(?:حي|حيي|أحياء|احياء|منطقة|منطقه|بلدة|بلده|مخيم|طريق)\s+")
_AR_WORD = re.compile(r"[\u0621-\u064a]+")
_AR_STOP = frozenset(
    "في على من إلى الى عن مع بعد قبل جراء إثر اثر نتيجة ضمن شرق غرب شمال جنوب شرقي غربي شمالي جنوبي وسط قرب "
    "محيط أطراف اطراف عند حيث التي الذي الخاضع الخاضعة المحاصر المحاصرة الواقع الواقعة مما ما أدى ادى أسفر اسفر "
    "مدينة المدينة حلب ريف بين اليوم أمس امس البارحة صباح مساء ليلة ليل فجر ظهر يوم منذ خلال حتى بعدة عدة "
    "الاشتباك الاشتباكات المعارك القصف الاستهداف الحدود الجبهة العمليات التماس النزاع الحادث الانفجار التفجير "
    "السيطرة خفض آمنة امنة عازلة المدنيين سكنية السكنية المدنية الجوية الحربي الحربية بالقرب وذلك ذلك أيضا ايضا "
    "الاثنين الإثنين الثلاثاء الأربعاء الاربعاء الخميس الجمعة السبت الأحد الاحد "
    # verbs of consequence that follow the place ("حي الشعار أدت إلى مقتل ...")
    "أدت ادت أسفرت اسفرت تسبب تسببت خلف خلفت أوقع أوقعت اوقع اوقعت أودى أودت اودى اودت أسفرت".split()) | NAME_ENDS
_EN_STOP = frozenset(
    # countries, foreign cities, regions
    "syria syrian syrians syria's turkey turkish russia russian iran iranian iraq iraqi lebanon lebanese jordan jordanian "
    "israel israeli egypt egyptian saudi qatar qatari america american americans us u.s usa uk britain british france "
    "french germany german europe european geneva moscow washington ankara beirut tehran gaziantep kilis istanbul "
    "hmeimim hmeymim middle east west western eastern northern southern central north south "
    # peoples, faiths, adjectives
    "kurdish kurds kurd arab arabs palestinian palestinians armenian armenians christian christians alawite alawites "
    "sunni shia shi'ite shiite islamist islamic jihadist chechen afghan druze assyrian turkmen "
    # organisations, armed groups, institutions
    "crescent helmets defence defense nations council observatory ministry agency organization organisation committee "
    "committees coalition front army brigade brigades movement forces force battalion group party union rights watch "
    "media news reuters afp tass sana unicef icrc msf who amnesty hrw government regime opposition rebels rebel "
    "state isis isil daesh nusra hezbollah ypg sdf fsa saa ndf "
    # time words, titles
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july august "
    "september october november december jan feb mar apr jun jul aug sep sept oct nov dec "
    "mr mrs ms dr president gen general colonel col lt minister commander prince king emir abu umm "
    "aleppo aleppo's halab city old new".split())
_LEAD_DROP = frozenset("syrian russian turkish iranian iraqi lebanese kurdish palestinian armenian christian arab "
                       "islamist western eastern northern southern central strategic besieged".split())
_HELD = re.compile(r"[-‐‑\s](?:held|controlled|besieged|backed|led|run|dominated|majority|populated|inhabited)$", re.IGNORECASE)
_OUTSIDE = re.compile(r"(?:\s+(?:district|neighbou?rhood|area|camp|town|village)s?)?,?\s+(?:in|of)\s+(?:the\s+)?(?:\w+\s+){0,2}?"
                      r"(?:countryside|province|governorate)\b|\s*(?:في\s+|ب|و)?(?:ريف|محافظة)", re.IGNORECASE)
_CONTAINER_GAP = re.compile(r"(?:['’]s)?\s+")


@lru_cache(maxsize=1)
def _not_place_keys() -> frozenset[str]:
    """The gazetteer's not-places list (other towns, groups, people), normalised."""
    try:
        from gazetteer import NOT_PLACES
        from gazetteer.normalize import normalize
    except ImportError:  # pragma: no cover - the gazetteer is part of this project
        return frozenset()
    lines = NOT_PLACES.read_text(encoding="utf-8").splitlines()
    return frozenset(normalize(ln.strip()) for ln in lines if ln.strip() and not ln.startswith("#"))


def _is_not_place(name: str) -> bool:
    from gazetteer.normalize import normalize

    return normalize(name) in _not_place_keys()


def _clean_name(name: str) -> tuple[int, str] | None:
    """(offset, name) with held-descriptors and lead adjectives cut off; None if nothing is left."""
    toks = list(re.finditer(r"\S+", name))
    for i, t in enumerate(toks):
        if _HELD.search(t.group(0)):
            toks = toks[i + 1:]
            break
        if re.search(r"['’]s$", t.group(0)):  # "Aleppo's Bab al-Nairab": the possessor is the container
            toks = toks[i + 1:]
            break
    while toks and toks[0].group(0).lower() in _LEAD_DROP:
        toks = toks[1:]
    if not toks:
        return None
    words = [t.group(0).lower().strip("'’") for t in toks]
    if all(re.fullmatch(r"[\d.,/:-]+", w) for w in words):
        return None  # a number is never a place ("30 in the surrounding areas")
    if "air force" in " ".join(words):  # "the Air Force Technical College", "the Air Force Intelligence building"
        words = [w for w in words if w not in ("air", "force")]
    if any(w in _EN_STOP or w.rstrip("s") in ("front", "brigade", "force", "movement") for w in words):
        return None
    start, end = toks[0].start(), toks[-1].end()
    return start, name[start:end]


def _arabic_candidates(text: str, actors: Any) -> list[tuple[int, int]]:
    out = []
    for cue in _AR_CUE.finditer(text):
        plural = cue.group(0).strip().lstrip("وفبل") in ("حيي", "أحياء", "احياء")
        pos, items = cue.end(), 0
        while items < 4:
            words, nxt = [], None
            for w in _AR_WORD.finditer(text, pos):
                gap = text[(words[-1].end() if words else pos):w.start()]
                word = w.group(0)
                if gap.strip(" ،,") or (gap.strip() and not plural) or len(words) == 3 or word in _AR_STOP:
                    break
                if word[0] in "وبلفك" and (word[1:3] == "ال" or word[1:] in _AR_STOP or word[1:] == "حلب" or words or gap.strip()):
                    if plural and word[0] == "و" and len(word) > 2 and word[1:] not in _AR_STOP:
                        nxt = w.start() + 1  # "حيي مساكن هنانو وأرض الحمرا": the next item
                    break
                if word in ("حي", "منطقة", "منطقه", "أحياء", "احياء"):
                    break
                words.append(w)
            if words:
                _add_arabic(text, words[0].start(), words[-1].end(), actors, out)
            if nxt is None:
                break
            pos, items = nxt, items + 1
    return out


def _add_arabic(text: str, s: int, e: int, actors: Any, out: list[tuple[int, int]]) -> None:
    phrase = text[s:e]
    cut = [t.start for t in find_triggers(phrase)] + [m.start for m in actors.find(phrase, include_sources=True)]
    if cut:
        phrase = text[s:s + min(cut)].rstrip()
        e = s + len(phrase)
    if phrase and not _is_not_place(phrase):
        out.append((s, e))


def _english_candidates(text: str, triggers: list[Any]) -> list[tuple[int, int]]:
    raw: list[tuple[int, int]] = []
    for m in _HEAD_AFTER.finditer(text):
        head = m.group("head").lower()
        cue = re.fullmatch(_CUE_HEADS, head) is not None
        desc = m.group("desc").split()
        if cue and all(w.lower() in _DESCRIPTORS for w in desc):
            end = m.end("name")  # "the Layramoun industrial district": Layramoun
        elif cue:
            end = m.end("desc")  # "the Kindi hospital area"
        else:
            end = m.end()
        raw.append((m.start("name"), end))
    for m in _HEAD_BEFORE.finditer(text):
        raw.append((m.start("name"), m.end("name")))
    for t in triggers:
        if t.kind in ("vac", "abduction", "attack"):
            continue  # their object is a person or an armed group
        for m in re.finditer(rf"(?<![\w'’-]){_NAME}", text[t.end:t.end + 100]):
            s, e = t.end + m.start(), t.end + m.end()
            gap = text[t.end:s]
            verb_object = _VERB_END.search(t.text) is not None and re.fullmatch(r"\s+(?:the\s+)?", gap) is not None
            if not verb_object and not (_OBJECT_BEFORE.search(gap) and GAP.fullmatch(gap)):
                continue
            if _AFTER_OBJECT.match(text, e) and _clean_name(text[s:e]) is not None:
                raw.append((s, e))
                break
    out = []
    for s, e in raw:
        name = text[s:e]
        cleaned = _clean_name(re.sub(r"\s+(?:(?i:" + _CUE_HEADS + r"))s?$", "", name))
        if cleaned is None:
            continue
        off, clean = cleaned
        if not _is_not_place(clean):
            out.append((s + off, s + off + len(clean)))
    return out


_AFTER_PREP = re.compile(rf"(?<![\w])(?i:in|on|at|into|inside|against|of|hitting|striking|targeting|pounding|shelling|bombing)\s+"
                         rf"(?:(?i:the)\s+)?(?P<name>{_NAME})")


def _after_preposition(text: str) -> list[tuple[int, int]]:
    out = []
    for m in _AFTER_PREP.finditer(text):
        cleaned = _clean_name(m.group("name"))
        if cleaned is not None:
            out.append((m.start("name") + cleaned[0], m.start("name") + cleaned[0] + len(cleaned[1])))
    return out


_LISTED = re.compile(rf"(?:\s*,\s*(?:and\s+)?|\s+and\s+)(?:(?i:the)\s+)?(?P<name>{_NAME})")


def _listed_after(text: str, resolved: list[Any]) -> list[tuple[int, int]]:
    out = []
    for p in resolved:
        m = _LISTED.match(text, p.end)
        cleaned = _clean_name(m.group("name")) if m else None
        if cleaned is not None:
            out.append((m.start("name") + cleaned[0], m.start("name") + cleaned[0] + len(cleaned[1])))
    return out


def unresolved_places(text: str, *, resolved: list[Any], masked: list[tuple[int, int]], actors: Any,
                      gazetteer: Any) -> tuple[list[tuple[int, int, Any]], set[int]]:
    """Unknown place phrases of a sentence (start, end, match) and the indexes of resolved places they replace.

    ``match`` is the gazetteer's exact or alias match for a phrase that ``find_places`` did not
    report on its own (a cue-only name in an enumeration: أحياء بعيدين والهلك), else None.

    ``resolved``: the sentence's resolved and coarse places (objects with ``start``, ``end``,
    ``place_id``); ``masked``: actor, source and date spans.
    """
    triggers = find_triggers(text)
    found = sorted(set(_english_candidates(text, triggers)) | set(_arabic_candidates(text, actors)))
    # names the gazetteer reports only after a cue ("al-Mashhad", "al-Zahraa"): after a preposition of place,
    # as an exact or alias match, never as an unknown name
    # names the gazetteer reports only after a cue, listed after a known place ("Bustan al-Qasr, al-Kalaseh and
    # al-Mashhad"), likewise
    cue_only = _after_preposition(text) + _listed_after(text, resolved)
    found += [(s, e) for s, e in cue_only if (s, e) not in found]
    found.sort()
    exact_only = set(cue_only) - set(_english_candidates(text, triggers))
    spans: list[tuple[int, int, Any]] = []
    replaced: set[int] = set()
    for s, e in found:
        if _OUTSIDE.match(text, e):
            continue  # "... in the Aleppo countryside", "بريف حلب": another town
        if any(s < me and ms < e for ms, me in masked) or actors.mentions_any(text[s:e]):
            continue
        if any(s < pe and ps < e for ps, pe, _ in spans):
            continue
        inside = [i for i, p in enumerate(resolved) if s < p.end and p.start < e]
        if inside:
            if not all(s <= resolved[i].start and resolved[i].end <= e for i in inside):
                continue  # overlaps a longer resolved name
            if any((resolved[i].start, resolved[i].end) == (s, e) for i in inside) or _only_filler(text, s, e, [resolved[i] for i in inside]):
                continue  # the resolved name itself ("the Sakhour district")
            whole = gazetteer.resolve(text[s:e])
            if whole is not None:
                continue  # the gazetteer knows the whole phrase
            replaced.update(inside)
        whole = gazetteer.resolve(text[s:e])
        match = whole if whole is not None and getattr(whole, "kind", "exact") in ("exact", "alias") else None
        if (s, e) in exact_only and (match is None or any(s < p.end and p.start < e for p in resolved)):
            continue
        for i, p in enumerate(resolved):  # "Aleppo's Bab al-Nairab": the city only contains it
            if (p.precision or 0) >= 3 and p.end <= s and _CONTAINER_GAP.fullmatch(text[p.end:s]):
                replaced.add(i)
        spans.append((s, e, match))
    return spans, replaced


def _only_filler(text: str, s: int, e: int, inside: list[Any]) -> bool:
    """What is left of the phrase around the resolved names is no name (articles, 'and', cue words)."""
    rest = text[s:e]
    for p in sorted(inside, key=lambda p: p.start, reverse=True):
        rest = rest[:p.start - s] + " " + rest[p.end - s:]
    left = [w for w in re.findall(r"[\w'’-]+", rest)
            if w.lower() not in ("al", "el", "and", "the", "of", "ال", "و") and not re.fullmatch(_CUE_HEADS, w.lower())]
    return not left
