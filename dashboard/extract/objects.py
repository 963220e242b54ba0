"""Which of a sentence's places are the event word's object, and which are listed together.

``objects``: the place right after the event word ("air strikes on Bab al-Nairab", "captured Ard
al-Hamra") and those enumerated with it. ``enumerated``: places listed with a chosen one ("Hanano and
Ard al-Hamra", حيي مساكن هنانو وأرض الحمرا, "the Ramouseh road and on rebel-held areas of al-Sukkari").
"""
from __future__ import annotations

import re

GAP = re.compile(
    r"(?:\s+(?:(?!(?:and|but|while|as|after|before|when|from|by|near|next|towards?|between|against)\b)[a-z0-9]+(?:[-'’][a-z]+)*"
    r"|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)){0,6}?"
    r"\s*(?:(?:on|in|at|of|into|inside|across|over|targeting)\s+)?(?:the\s+)?"
    r"(?:[a-z]+(?:[-\s](?:held|controlled|besieged))?\s+){0,2}?(?:(?:district|neighbou?rhood|area|quarter)\s+of\s+)?$"
    r"|^\s*(?:[\u0621-\u064a]+\s+){0,3}$")

_ENUM = re.compile(r"^(?:\s+(?:district|neighbou?rhood|area|quarter|hill|suburb|sawmills|camp)s?)?\s*(?:,\s*(?:and\s+)?|\s+and\s+|،\s*|\s+و|\s+of\s+)"
                   r"(?:(?:on|in|at|into)\s+)?(?:(?:most|much|parts?|half|all|the\s+rest)\s+of\s+)?(?:the\s+)?(?:(?:حي|منطقة)\s+)?$")


def enumerated(text: str, chosen: list[tuple[int, int]], other: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Those of ``other`` listed together with a chosen place ("Hanano and Ard al-Hamra", حيي مساكن هنانو وأرض الحمرا)."""
    spans = sorted(chosen + other)
    keep = set(chosen)
    changed = True
    while changed:
        changed = False
        for a, b in zip(spans, spans[1:]):
            if (a in keep) != (b in keep) and _ENUM.match(text[a[1]:b[0]]):
                keep.update((a, b))
                changed = True
    return [o for o in other if o in keep]


def objects(text: str, trigger_end: int | list[int], starts_ends: list[tuple[int, int]]) -> set[int]:
    """Starts of the places that are the event word's object, and those enumerated with it.

    ``trigger_end`` may list the ends of several event words of one kind in a clause ("pushed the
    rebels out of Layramoun and took the Castello amusement park"): the objects of each."""
    if isinstance(trigger_end, list):
        return set().union(*(objects(text, end, starts_ends) for end in trigger_end)) if trigger_end else set()
    out: set[int] = set()
    last_end = None
    for s, e in sorted(starts_ends):
        if s < trigger_end:
            continue
        if last_end is None:
            if GAP.fullmatch(text[trigger_end:s]):
                out.add(s)
                last_end = e
            else:
                break
        elif _ENUM.match(text[last_end:s]):
            out.add(s)
            last_end = e
        else:
            break
    return out
