"""Who did what to whom: actor1/assoc_actor_1/actor2 from a sentence's actor mentions.

actor1 is found by the first rule that applies (its name goes into the event's notes):

* ``agent``: the actor after "by" / "fell to" / "من قبل" ("was captured by the YPG");
* ``adjacent``: the actor word right before the event word ("rebel shelling", "Russian air
  strikes"; after it only in Arabic: "غارات روسية");
* ``passive``: "rebels were pushed out of Marjeh" names the side that lost: the actor is the
  subject carried from the previous sentence when it is of another side, else nobody;
* ``subject``: the nearest actor before the event word (its own clause first), taken back to the
  first of a list ("Syrian troops and allied Palestinian fighters captured ..."), skipping those
  that only back the agent ("backed by Russian jets") and those inside "which ..." clauses;
* ``carried``: a clause whose subject is a pronoun or a bare noun ("They then advanced",
  "the group", "the militia") takes the subject of the previous sentence;
* ``first``: otherwise the first armed actor named.

Then the weapon: air strikes (and chemical weapons dropped from the air) are by an actor that
flies; with none named, by "Military Forces of Syria (2000-)" before Russia's intervention (30 Sept
2015) or when barrel bombs or helicopters are named, else "Allied Syrian and/or Russian Forces"
(ACLED's label when Syrian and Russian aircraft cannot be told apart). A weapon never overrides a
named ground perpetrator: chlorine shells fired by a named group are that group's attack.
Shelling, bombs and attacks on civilians with no perpetrator named are by "Unidentified Armed
Group (Syria)". "backed by X" does not make X the agent; in "militants belonging to X" (of,
affiliated with, loyal to, from) and "the Free Syrian Army's Sultan Murad Division" the named group is
the actor. actor2 is the first actor of another side; for remote violence and attacks on civilians
with no armed target, "Civilians (Syria)" when civilians (or "people" killed) are mentioned.
assoc_actor_1: other actors of actor1's side named in the sentence ("; "-joined).
"""
from __future__ import annotations

import re
from datetime import date
from typing import Any, NamedTuple

from .actors import ActorMention

SYRIA = "Military Forces of Syria (2000-)"
ALLIED_AIR = "Allied Syrian and/or Russian Forces"
RUSSIA = "Military Forces of Russia (2000-)"
CIVILIANS = "Civilians (Syria)"
REBELS = "Opposition Rebels (Syria)"
UNIDENTIFIED = "Unidentified Armed Group (Syria)"
RUSSIA_INTERVENTION = date(2015, 9, 30)
_SUPPORT_BEFORE = re.compile(r"(?:backed|supported|aided|helped|assisted|covered|reinforced|allied\s+with|alongside|with\s+the\s+support\s+of"
                             r"|with\s+the\s+help\s+of|joined\s+by)\s+(?:by\s+)?(?:the\s+)?(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
# "The opposition said that ...", "rebels told Reuters": who speaks is a source here, not an actor.
_SPEAKER_AFTER = re.compile(r"\s*(?:,\s*)?(?:later\s+|also\s+)?(?:said|says|told|reported|claimed|announced|stated|denied|accused)\b",
                            re.IGNORECASE)
_VICTIM_BEFORE = re.compile(r"\b(?:killing|killed|wounding|wounded|injuring|injured|targeting|targeted|hitting|against)\s+"
                            r"(?:at\s+least\s+|more\s+than\s+|some\s+|about\s+)?(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
_BARREL = re.compile(r"barrel|براميل|برميل|helicopter|مروحي", re.IGNORECASE)
_AGENT_BEFORE = re.compile(r"(?:\bby|\bfell\s+to|\blost\b[^,;]{0,40}\bto|من\s+قبل|بواسطة)\s*(?:(?:members|fighters|militants|units|elements|troops)\s+(?:of|from)\s+)?"
                           r"(?:the\s+|a\s+|an\s+)?$", re.IGNORECASE)
_PASSIVE = re.compile(r"\b(?:was|were|been|being|is|are)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
_PRONOUN = re.compile(r"(?:^|[\s,;])(?:they|it|he|its\s+(?:fighters|forces|troops|units|men)|their\s+(?:fighters|forces|troops|units|men)|the\s+(?:group|militia|alliance|movement|coalition|faction|brigade|insurgents|fighters|troops|forces))"
                      r"\s+(?:\w+\s+){0,3}$", re.IGNORECASE)
_RELATIVE = re.compile(r",\s*(?:which|who|whose)\b[^,]*$", re.IGNORECASE)
_CONJ = re.compile(r"\s*(?:,|,?\s*and|,?\s*as\s+well\s+as|,?\s*along\s+with|,?\s*together\s+with)\s*(?:the\s+|its\s+|their\s+)?"
                   r"(?:allied\s+)?$", re.IGNORECASE)
PEOPLE = re.compile(r"\b(?:people|persons|civilians?|residents|children|women|men|family|families|worshippers|patients)\b"
                     r"|مدني|أطفال|طفل|نساء|امرأة|سيدة|أشخاص|اشخاص|شخص|مواطن", re.IGNORECASE)
UNKNOWN_IS_UNIDENTIFIED = {"vac", "abduction", "shelling", "explosive", "suicide", "grenade", "kill"}
REMOTE = {"air", "shelling", "explosive", "grenade", "suicide", "chemical"}


class _StateForces(NamedTuple):
    name: str = SYRIA
    side: str = "government"
    air: bool = True


_STATE = _StateForces()


class Roles(NamedTuple):
    actor1: str
    assoc1: str
    actor2: str
    assoc2: str
    rule: str  # which rule chose actor1 (for the notes)


def _is_arabic(text: str) -> bool:
    return any("\u0600" <= ch <= "\u06ff" for ch in text)


def _group_start(mentions: list[ActorMention], i: int, text: str) -> int:
    """Index of the first mention of the list ("A, B and C") that mention ``i`` ends."""
    while i > 0 and _CONJ.fullmatch(text[mentions[i - 1].end:mentions[i].start]):
        i -= 1
    return i


def _supporting(m: ActorMention, text: str) -> bool:
    return bool(_SUPPORT_BEFORE.search(text[max(0, m.start - 40):m.start]))


def _subject(mentions: list[ActorMention], text: str, trig_start: int) -> ActorMention | None:
    """The nearest actor before the event word, back to the first of its list; not a backer, not
    one inside a "which ..." clause."""
    before = [m for m in mentions if m.end <= trig_start]
    i = len(before) - 1
    while i >= 0:
        g = _group_start(before, i, text)
        head = before[g]
        if not _supporting(head, text) and not _RELATIVE.search(text[:head.start]):
            return head
        i = g - 1
    return None


def agent(mentions: list[ActorMention], text: str, trig_start: int, trig_end: int, clause: tuple[int, int],
          carried: Any = None, speaker: Any = None) -> tuple[ActorMention | Any | None, str]:
    """The one who acted, and the rule that found it (see module doc)."""
    armed = [m for m in mentions if m.actor.side != "civilians"]
    for m in armed:  # "captured by X", "barrel bombs dropped by X": the agent named in the event word's clause
        if clause[0] <= m.start < clause[1] and _AGENT_BEFORE.search(text[max(clause[0], m.start - 36):m.start]) \
                and not _supporting(m, text):
            return m, "agent"
    for i, m in enumerate(armed):
        if m.end <= trig_start and len(text[m.end:trig_start]) <= 3:
            head = armed[_group_start(armed, i, text)]  # "Syrian troops and allied Palestinian fighters captured"
            if not _supporting(head, text):
                return head, "adjacent"
        if m.start >= trig_end and len(text[trig_end:m.start]) <= 3 and (_is_arabic(text) or m.text.lower().startswith("loyal")):
            return m, "adjacent"  # "غارات روسية", "a sniper loyal to the government"
    lead = text[clause[0]:trig_start]
    own = [m for m in armed if clause[0] <= m.start < trig_start]
    if _PASSIVE.search(lead) and trig_end < len(text) and text[trig_start:trig_end].lower().endswith(("ed", "en", "out")):
        patient = own[-1] if own else None
        if carried is not None and (patient is None or carried.side != patient.actor.side):
            return carried, "passive"
        return None, "passive"
    if not own and _PRONOUN.search(" " + lead):
        if speaker is not None:
            return speaker, "speaker"  # "Ahrar al-Sham said its fighters had taken ..."
        if carried is not None:
            return carried, "carried"
    m = _subject(armed, text, trig_start)
    if m is not None:
        return m, "subject"
    if armed:
        return armed[0], "first"
    return None, ""


_BELONGING = re.compile(r"\s+(?:belonging\s+to|affiliated\s+(?:with|to)|linked\s+to|of|from|loyal\s+to)\s+(?:the\s+)?$", re.IGNORECASE)
_POSSESSOR = re.compile(r"['’]s?\s+(?:[\w-]+\s+){0,2}$")


def _specific(mentions: list[ActorMention], text: str) -> list[ActorMention]:
    """'militants belonging to Jabhat al-Nusra', 'the FSA's Sultan Murad Division': the group named."""
    out = []
    for i, m in enumerate(mentions):
        nxt = mentions[i + 1] if i + 1 < len(mentions) else None
        if nxt is not None and nxt.start - m.end <= 30 and (_BELONGING.fullmatch(" " + text[m.end:nxt.start])
                                                           or _POSSESSOR.fullmatch(text[m.end:nxt.start])):
            continue
        out.append(m)
    return out


def assign(kind: str, mentions: list[ActorMention], text: str, trig_start: int, trig_end: int, *,
           published: date, killed: bool, clause: tuple[int, int] | None = None, carried: Any = None) -> Roles:
    """(actor1, assoc_actor_1, actor2, assoc_actor_2, rule) for one event.

    ``clause``: the event word's clause; for remote violence that killed civilians, an armed
    target named only in another clause ("..., while 16 rebel fighters died") is not actor2.
    ``carried``: the subject of the previous sentence (an ``Actor``), for "They ..." and passives.
    """
    specific = _specific(mentions, text)
    speakers = [m for m in specific if _SPEAKER_AFTER.match(text, m.end) and m.end <= trig_start]
    mentions = [m for m in specific if m not in speakers]
    # "killing four soldiers": those killed are the target, never the one who acted
    victims = [m for m in mentions if _VICTIM_BEFORE.search(text[max(0, m.start - 40):m.start])]
    armed = [m for m in mentions if m.actor.side != "civilians"]
    civilians = any(m.actor.side == "civilians" for m in mentions) or (killed and bool(PEOPLE.search(text)))
    found, rule = agent([m for m in mentions if m not in victims], text, trig_start, trig_end, clause or (0, len(text)),
                        carried, speakers[-1].actor if speakers and speakers[-1].actor.side != "civilians" else None)
    first = found.actor if isinstance(found, ActorMention) else found
    defender = None
    if kind == "clash" and _REPEL.search(text[trig_start:trig_end]):
        # "X repelled an attack by Y", "an assault by Y was repelled by X": the attacker Y is actor1
        pool = [m for m in armed if m not in victims]
        by = _BY.match(text, trig_end)
        after_by = next((m for m in pool if by and by.start() < m.start <= by.end() + 4), None)
        before = _subject(pool, text, trig_start)
        passive = _PASSIVE_REPEL.search(text[trig_start:trig_end]) is not None
        d, a = (after_by, before) if passive else (before, after_by)
        d_actor = d.actor if d is not None else (first if not passive else None)  # "rebels said they had beaten back"
        if d_actor is not None:
            group = ({id(m) for m in pool if m.start >= d.start and m.end <= trig_start} if not passive else {id(d)}) if d else set()
            if a is None:
                a = next((m for m in pool if id(m) not in group and m.actor.side != d_actor.side), None)
            attacker = a.actor if a is not None else (carried if carried is not None and carried.side != d_actor.side else None)
            if a is None and d_actor.side != "government" and _STATE_ATTACK.search(text, trig_start, min(len(text), trig_end + 40)):
                attacker = _STATE  # "two government counter-attacks"
            if attacker is not None:
                defender, first, rule = d_actor, attacker, "repelled"
    if kind == "air" or (kind == "chemical" and (first is None or first.air or AIR_CONTEXT.search(text))):
        if first is None or not first.air:
            flyer = next((m.actor for m in armed if m.actor.air and m not in victims), None)
            first, rule = flyer, ("flyer" if flyer else "weapon")
        name1 = first.name if first else (SYRIA if published < RUSSIA_INTERVENTION or _BARREL.search(text) else ALLIED_AIR)
        side1 = first.side if first else "government"
    else:
        name1 = first.name if first else ""
        side1 = first.side if first else ""
    assoc1 = []
    for m in armed:
        if m.actor.side == side1 and m.actor.name != name1 and m.actor.name not in assoc1 and m not in victims:
            if kind in ("air", "chemical") and not m.actor.air:
                continue
            assoc1.append(m.actor.name)
    others = [m for m in armed if m.actor.side != side1]
    if clause is not None and kind in REMOTE:  # the target of a strike is named in its own clause
        others = [m for m in others if clause[0] <= m.start < clause[1] or m in victims]
    name2 = defender.name if defender is not None else others[0].actor.name if others else ""
    assoc2 = sorted({m.actor.name for m in others[1:] if m.actor.side == others[0].actor.side
                     and m.actor.name != name2})
    if not name2 and (kind in REMOTE or kind in ("vac", "abduction", "kill", "arrest")) and civilians:
        name2 = CIVILIANS
    if kind in ("vac", "abduction", "kill"):
        name2 = CIVILIANS
    if not name1 and kind == "arrest" and clause is not None:  # "were detained at army checkpoints"
        at = next((m for m in armed if trig_end <= m.start < clause[1]), None)
        if at is not None:
            name1, rule = at.actor.name, "agent"
    if not name1 and kind in UNKNOWN_IS_UNIDENTIFIED:
        name1, rule = UNIDENTIFIED, "unknown"
    return Roles(name1, "; ".join(assoc1), name2, "; ".join(assoc2), rule)


_REPEL = re.compile(r"repel|repuls|fought\s+off|beat(?:en)?\s+(?:back|off)|held\s+\w+\s+back|thwart|foil", re.IGNORECASE)
_BY = re.compile(r"\s+by\s+", re.IGNORECASE)
_STATE_ATTACK = re.compile(r"\b(?:government|regime|army|pro-government|loyalist)\s+(?:counter-?attacks?|attacks?|assaults?|advances?"
                           r"|offensives?|attempts?|push(?:es)?)\b", re.IGNORECASE)
_PASSIVE_REPEL = re.compile(r"\b(?:was|were|been|being)\s+repell?ed|(?:repelled|repulsed|thwarted|foiled)$", re.IGNORECASE)
AIR_CONTEXT = re.compile(r"\b(?:air|aerial|barrels?|helicopters?|aircraft|jets?|warplanes?|planes?|dropped|drones?)\b"
                         r"|جوي|طيران|طائرات|مروحي|براميل|برميل", re.IGNORECASE)
