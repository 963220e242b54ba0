"""The text filter: a search that understands spellings.

A query is turned into a :class:`TextPlan`. When the whole query names a place of the
gazetteer (any spelling, Latin or Arabic: "Cheikh Saïd", "الشيخ سعيد"), the plan matches the
events located there (the place, the neighbourhood it is, the neighbourhoods of an area) and
notes that name the place in any of its known spellings. Every query also matches notes and
place names folded (:mod:`dashboard.textfold`: case, accents, hamza and alef forms, taa
marbuta), and the literal text as before. The store turns a plan into SQL (``where.py``).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .textfold import fold

MIN_PLACE_QUERY = 3  # folded characters; shorter queries never go through the gazetteer
MIN_NEEDLE = 3
MAX_NEEDLES = 48
FUZZY_MIN = 92.0  # a fuzzy gazetteer match must be this sure to stand for the query


@dataclass(frozen=True)
class TextPlan:
    """What a text query matches: folded ``needles`` in the search text, events at
    ``place_ids`` or in ``districts``, and the literal ``text``."""

    text: str
    needles: tuple[str, ...] = ()
    place_ids: tuple[str, ...] = ()
    districts: tuple[str, ...] = ()
    place: Any = None  # the gazetteer Place the query named, if any


def default_gazetteer() -> Any:
    """The gazetteer the app and the commands use (bundled data + the user's places and aliases)."""
    from .config import load_gazetteer

    return load_gazetteer()


def plan(text: str, gaz: Any = None) -> TextPlan:
    """The plan of one query (``gaz``: a gazetteer; by default the app's own)."""
    text = (text or "").strip()
    if not text:
        return TextPlan("")
    if gaz is None:
        try:
            gaz = default_gazetteer()
        except Exception:  # noqa: BLE001 - a broken alias file must not break every search
            gaz = None
    return _plan(text, gaz)


@lru_cache(maxsize=256)
def _plan(text: str, gaz: Any) -> TextPlan:
    needles = [fold(text)]
    place = _place_of(text, gaz) if gaz is not None else None
    ids: list[str] = []
    districts: list[str] = []
    if place is not None:
        ids.append(place.id)
        members = [gaz.place(m) for m in _members(gaz, place.id)]
        ids.extend(m.id for m in members)
        if place.kind == "neighbourhood" or (place.district and place.district == place.name):
            districts.append(place.name)
        districts.extend(m.name for m in members if m.kind == "neighbourhood")
        names = [place.name, place.name_ar or "", *_aliases(gaz, place.id)]
        needles.extend(fold(n) for n in names)
    needles = [n for n in dict.fromkeys(needles) if len(n) >= MIN_NEEDLE or n == needles[0]]
    needles = _shortest(needles)
    return TextPlan(text, tuple(needles[:MAX_NEEDLES]), tuple(dict.fromkeys(ids)),
                    tuple(dict.fromkeys(districts)), place)


def _shortest(needles: list[str]) -> list[str]:
    """The needles without those that contain another (text holding "al sheikh said" holds
    "sheikh said": one LIKE fewer per row), in their first order."""
    kept: list[str] = []
    for n in sorted(needles, key=len):
        if n and not any(k in n for k in kept):
            kept.append(n)
    return [n for n in needles if n in kept]


def _place_of(text: str, gaz: Any):
    if len(fold(text)) < MIN_PLACE_QUERY:
        return None
    try:
        match = gaz.resolve(text)
    except Exception:  # noqa: BLE001 - hostile text: no place, the text search still runs
        return None
    if match is None or (match.kind == "fuzzy" and match.score < FUZZY_MIN):
        return None
    return match.place


def _members(gaz: Any, place_id: str) -> list[str]:
    try:
        return list(gaz.area_members(place_id))
    except (AttributeError, KeyError):
        return []


def _aliases(gaz: Any, place_id: str) -> list[str]:
    try:
        return list(gaz.aliases(place_id))
    except (AttributeError, KeyError):
        return []
