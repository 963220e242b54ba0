"""Who did what to whom: actor1/assoc_actor_1/actor2 from a sentence's actor mentions.

* The agent is an actor after "by" / "fell to" / "من قبل", or the actor word next
  to the event word ("rebel shelling", "Russian air strikes", "غارات روسية");
  otherwise the first actor named.
* Air strikes (and chemical attacks) are by an actor that flies; with none named,
  by "Military Forces of Syria (2000-)" before Russia's intervention
  (30 Sept 2015) and "Allied Syrian and/or Russian Forces" after it — the label
  ACLED uses when Syrian and Russian aircraft cannot be told apart.
* Shelling, bombs and attacks on civilians with no perpetrator named are by
  "Unidentified Armed Group (Syria)" (ACLED's label for unknown armed actors).
* "backed by X" / "supported by X" does not make X the agent; in "militants belonging to X"
  (of, affiliated with, loyal to) X is the actor, not the generic word.
* actor2 is the first actor of another side; for remote violence and attacks on
  civilians with no armed target, "Civilians (Syria)" when civilians (or
  "people" killed) are mentioned.
* assoc_actor_1: other actors of actor1's side named in the sentence ("; "-joined).
"""
from __future__ import annotations

import re
from datetime import date

from .actors import ActorMention

SYRIA = "Military Forces of Syria (2000-)"
ALLIED_AIR = "Allied Syrian and/or Russian Forces"
RUSSIA = "Military Forces of Russia (2000-)"
CIVILIANS = "Civilians (Syria)"
UNIDENTIFIED = "Unidentified Armed Group (Syria)"
RUSSIA_INTERVENTION = date(2015, 9, 30)
_SUPPORT_BEFORE = re.compile(r"(?:backed|supported|aided|helped|assisted|covered|allied\s+with|alongside)\s+(?:by\s+)?(?:the\s+)?$",
                             re.IGNORECASE)
# "The opposition said that ...", "rebels told Reuters": who speaks is a source here, not an actor.
_SPEAKER_AFTER = re.compile(r"\s*(?:,\s*)?(?:said|says|told|reported|claimed|announced|stated|denied|accused)\b", re.IGNORECASE)
_VICTIM_BEFORE = re.compile(r"\b(?:killing|killed|wounding|wounded|injuring|injured|targeting|targeted|hitting|against)\s+"
                            r"(?:at\s+least\s+|more\s+than\s+|some\s+|about\s+)?(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
_BARREL = re.compile(r"barrel|براميل|برميل|helicopter|مروحي", re.IGNORECASE)
_AGENT_BEFORE = re.compile(r"(?:\bby|\bfell\s+to|من\s+قبل|بواسطة)\s*(?:the\s+)?$", re.IGNORECASE)
PEOPLE = re.compile(r"\b(?:people|persons|civilians?|residents|children|women|men|family|families|worshippers|patients)\b"
                     r"|مدني|أطفال|طفل|نساء|امرأة|سيدة|أشخاص|اشخاص|شخص|مواطن", re.IGNORECASE)
UNKNOWN_IS_UNIDENTIFIED = {"vac", "abduction", "shelling", "explosive", "suicide", "grenade", "kill"}
REMOTE = {"air", "shelling", "explosive", "grenade", "suicide", "chemical"}


def _agent(mentions: list[ActorMention], text: str, trig_start: int, trig_end: int) -> ActorMention | None:
    mentions = [m for m in mentions if not _SUPPORT_BEFORE.search(text[max(0, m.start - 20):m.start])]
    for m in mentions:
        if _AGENT_BEFORE.search(text[max(0, m.start - 14):m.start]) and m.actor.side != "civilians":
            return m
    for m in mentions:  # adjacent to the event word, on either side
        gap = text[m.end:trig_start] if m.end <= trig_start else text[trig_end:m.start]
        if len(gap) <= 3 and m.actor.side != "civilians":
            return m
    return None


_BELONGING = re.compile(r"\s+(?:belonging\s+to|affiliated\s+(?:with|to)|linked\s+to|of|from|loyal\s+to)\s+(?:the\s+)?$", re.IGNORECASE)


def _specific(mentions: list[ActorMention], text: str) -> list[ActorMention]:
    """'militants belonging to Jabhat al-Nusra': the group named, not the generic word."""
    out = []
    for i, m in enumerate(mentions):
        nxt = mentions[i + 1] if i + 1 < len(mentions) else None
        if nxt is not None and nxt.start - m.end <= 30 and _BELONGING.fullmatch(" " + text[m.end:nxt.start]):
            continue
        out.append(m)
    return out


def assign(kind: str, mentions: list[ActorMention], text: str, trig_start: int, trig_end: int, *,
           published: date, killed: bool, clause: tuple[int, int] | None = None) -> tuple[str, str, str, str]:
    """(actor1, assoc_actor_1, actor2, assoc_actor_2) for one event.

    ``clause``: the event word's clause; for remote violence that killed civilians, an armed
    target named only in another clause ("..., while 16 rebel fighters died") is not actor2.
    """
    mentions = [m for m in _specific(mentions, text) if not _SPEAKER_AFTER.match(text, m.end)]
    # "killing four soldiers": those killed are the target, never the one who acted
    victims = [m for m in mentions if _VICTIM_BEFORE.search(text[max(0, m.start - 40):m.start])]
    armed = [m for m in mentions if m.actor.side != "civilians"]
    civilians = any(m.actor.side == "civilians" for m in mentions) or (killed and bool(PEOPLE.search(text)))
    first = _agent([m for m in mentions if m not in victims], text, trig_start, trig_end)
    if kind in ("air", "chemical"):
        flyers = [m for m in armed if m.actor.air and m not in victims]
        if first is None or not first.actor.air:
            first = flyers[0] if flyers else None
        a1 = first.actor if first else None
        # Barrel bombs were dropped by Syrian government helicopters only.
        name1 = a1.name if a1 else (SYRIA if published < RUSSIA_INTERVENTION or _BARREL.search(text) else ALLIED_AIR)
        side1 = a1.side if a1 else "government"
    else:
        first = first or next((m for m in armed if m not in victims), None)
        name1 = first.actor.name if first else ""
        side1 = first.actor.side if first else ""
    assoc1 = []
    for m in armed:
        if m.actor.side == side1 and m.actor.name != name1 and m.actor.name not in assoc1:
            if kind in ("air", "chemical") and not m.actor.air:
                continue
            assoc1.append(m.actor.name)
    others = [m for m in armed if m.actor.side != side1]
    if clause is not None and kind in REMOTE:  # the target of a strike is named in its own clause
        others = [m for m in others if clause[0] <= m.start < clause[1] or m in victims]
    name2 = others[0].actor.name if others else ""
    assoc2 = sorted({m.actor.name for m in others[1:] if m.actor.side == others[0].actor.side
                     and m.actor.name != name2})
    if not name2 and (kind in REMOTE or kind in ("vac", "abduction", "kill")) and civilians:
        name2 = CIVILIANS
    if kind in ("vac", "abduction", "kill"):
        name2 = CIVILIANS
    if not name1 and kind in UNKNOWN_IS_UNIDENTIFIED:
        name1 = UNIDENTIFIED
    return name1, "; ".join(assoc1), name2, "; ".join(assoc2)
