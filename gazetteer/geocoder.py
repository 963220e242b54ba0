"""``LocalGazetteer``: the gazetteer behind geopy's Geocoder interface (no network)."""
from __future__ import annotations

import os

from geopy.exc import GeocoderQueryError
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from .model import Match, Place

__all__ = ["LocalGazetteer"]
REVERSE_WITHIN_M = 300.0  # the polygons leave streets and open ground between them


def _raw(place: Place, match: Match | None) -> dict:
    return {
        "id": place.id, "name": place.name, "name_ar": place.name_ar, "kind": place.kind,
        "match": match.kind if match else "reverse", "score": match.score if match else 100.0,
        "precision": place.precision, "district": place.district, "polygon_ids": list(place.polygon_ids),
        "source": place.source, "query": match.query if match else None,
    }


def _location(place: Place, match: Match | None) -> Location:
    address = place.name if place.kind == "city" else f"{place.name}, Aleppo"
    return Location(address, (place.lat, place.lon), _raw(place, match))


class LocalGazetteer(Geocoder):
    """geopy geocoder over the offline Aleppo gazetteer.

    >>> from gazetteer import LocalGazetteer
    >>> LocalGazetteer().geocode("Sheikh Said").raw["id"]
    'sheikh-saeed'
    """

    def __init__(self, *, alias_file: str | os.PathLike | None = None, gazetteer=None,
                 user_agent: str = "aleppo-gazetteer", **kwargs):
        super().__init__(user_agent=user_agent, **kwargs)
        if gazetteer is None:
            from . import load

            gazetteer = load(alias_file)
        self.gazetteer = gazetteer

    def geocode(self, query, *, exactly_one: bool = True, timeout=None):
        """A Location (or [Location] when ``exactly_one`` is False), None when unknown."""
        if isinstance(query, dict):
            query = " ".join(str(v) for v in query.values() if v)
        if not isinstance(query, str) or not query.strip():
            raise GeocoderQueryError("query must be a non-empty string")
        match = self.gazetteer.resolve(query)
        if match is None:
            return None if exactly_one else []
        loc = _location(match.place, match)
        return loc if exactly_one else [loc]

    def reverse(self, query, *, exactly_one: bool = True, timeout=None):
        """The district containing (lat, lon); a point in a gap between the polygons gets the
        nearest district within ``REVERSE_WITHIN_M`` (``raw["match"]`` is then "nearest");
        None farther out."""
        if query is None or (isinstance(query, str) and not query.strip()):
            raise GeocoderQueryError("query must be a point (latitude, longitude)")
        try:
            from geopy.point import Point

            point = Point(query)
        except (TypeError, ValueError) as exc:
            raise GeocoderQueryError(f"not a point: {query!r} ({exc})") from None
        lat, lon = point.latitude, point.longitude
        place = self.gazetteer.district_at(lat, lon)
        how = "reverse"
        if place is None:
            place, how = self.gazetteer.district_at(lat, lon, within_m=REVERSE_WITHIN_M), "nearest"
        if place is None:
            return None if exactly_one else []
        raw = _raw(place, None)
        raw["match"] = how
        loc = Location(_location(place, None).address, (lat, lon), raw)
        return loc if exactly_one else [loc]
