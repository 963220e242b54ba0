"""The gazetteer's value types: Place, Match, PlaceSpan."""
from __future__ import annotations

from dataclasses import dataclass

KINDS = ("neighbourhood", "landmark-area", "sub-area", "landmark", "area", "road", "city", "user")
MATCH_KINDS = ("exact", "alias", "fuzzy")


@dataclass(frozen=True, slots=True)
class Place:
    """One named place. ``precision``: 1 place, 2 area of the city, 3 the city."""

    id: str
    name: str
    name_ar: str | None
    kind: str
    precision: int
    lat: float
    lon: float
    district: str | None
    polygon_ids: tuple[int, ...]
    source: str


@dataclass(frozen=True, slots=True)
class Match:
    """How a query resolved: ``kind`` is exact | alias | fuzzy, ``score`` 0-100."""

    place: Place
    kind: str
    score: float
    query: str


@dataclass(frozen=True, slots=True)
class PlaceSpan:
    """A gazetteer name found in running text: ``text[start:end]``."""

    start: int
    end: int
    text: str
    match: Match
