"""One incident, one event, and what an attack was aimed at.

``one_incident`` keeps one event word per kind and clause and folds the words that describe one
incident into one event: the weapon of a chemical attack (shells, barrels, bombs carrying the gas),
the vehicles of a suicide bombing, the aircraft's own missiles and rockets in an air strike ("two
barrel bombs and a missile"), the means of an offensive ("launched the counter-attack with a wave of
air strikes"), the fighting of a capture ("took X after heavy fighting"). Shelling named beside air
strikes is its own event (ACLED codes each sub-type).

``attacked`` gives an attack with one named side its target from the kind of site hit: "attacked
government positions", "an attack on the Air Force Intelligence building" (the state's forces),
"attacked rebel positions", "the rebel-held districts" (the rebels).
"""
from __future__ import annotations

import re
from typing import Any

from .roles import REBELS, SYRIA

NO_FIGHT = re.compile(r"\bwithout\s+(?:a\s+|any\s+)?(?:fight|fighting|resistance|a\s+shot\s+(?:being\s+)?fired)\b", re.IGNORECASE)
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


def attacked(text: str, at: int, side1: str) -> str:
    """actor2 of an attack whose target is a kind of site ("attacked government positions")."""
    if side1 != "government" and _STATE_SITE.match(text, at):
        return SYRIA
    if side1 != "opposition" and _REBEL_SITE.match(text, at):
        return REBELS
    return ""
