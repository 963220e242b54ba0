"""Turn an event's place name and/or coordinates into ``place_id``, ``district``,
``latitude``, ``longitude`` and ``geo_precision`` with the gazetteer.

Rules (in this order):

* Coordinates must be in the world and within ``max_km`` (30 km) of Aleppo's centre,
  otherwise the row is rejected (ACLED files cover all of Syria).
* City-level coordinates (``geo_precision`` 3, or the point ACLED and the gazetteer use
  for "Aleppo") say nothing about where in the city: the place name decides, using the
  part after " - " of ACLED's "Aleppo - Sheikh Maqsoud". If the name does not resolve, the
  city-level point is kept and the event is *unresolved* (``place_id`` None).
* Other coordinates are trusted: the district is found by point in polygon and the
  precision is the data's own, or 1.
* No coordinates: the name is resolved; unresolved events keep no coordinates and
  ``geo_precision`` None, to be fixed by ``python -m dashboard regeocode``.

Every distinct name and coordinate pair is looked up once (dict caches).
"""
from __future__ import annotations

import math
import re
from typing import Any, NamedTuple

from .schema import COLUMNS, PRECISION_CITY, PRECISION_PLACE, Event

ACLED_CITY_POINT = (36.2021, 37.1343)  # ACLED's coordinates for "Aleppo" (city level)
CITY_RADIUS_KM = 0.3  # a point this close to a city point is city-level
MAX_KM = 30.0  # farther than this from the centre is "outside Aleppo"
GAP_M = 300.0  # a point between district polygons takes the nearest one this close
NAME_NEAR_KM = 2.0  # farther from its point, a named place does not place a point outside every district
_LOC, _LAT, _LON, _PREC = (COLUMNS.index(f) for f in ("location", "latitude", "longitude", "geo_precision"))
_PLACE = slice(COLUMNS.index("place_id"), _PREC + 1)  # place_id, district, latitude, longitude, geo_precision
assert COLUMNS[_PLACE] == ("place_id", "district", "latitude", "longitude", "geo_precision")
CACHE_MAX = 100_000  # entries per lookup cache (memory stays bounded on any file)
KM_PER_DEG = 6371.0088 * math.pi / 180  # km per degree of latitude (and of longitude at the equator)
_CITY_DLAT = CITY_RADIUS_KM / KM_PER_DEG


class GeoReject(ValueError):
    """A row whose coordinates cannot be used; ``field`` and ``value`` say which."""

    def __init__(self, field: str, reason: str, value: str = ""):
        super().__init__(reason)
        self.field, self.reason, self.value = field, reason, value


class Placed(NamedTuple):
    """Where an event is, as stored (a named tuple: made for every distinct place)."""

    place_id: str | None
    district: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: int | None
    unresolved: bool = False


def km_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0088 * 2 * math.asin(min(1.0, math.sqrt(a)))


_SPLIT = re.compile(r"\s+[-–—]\s+|(?<=^aleppo)\s*[-–—]\s*|(?<=^halab)\s*[-–—]\s*|(?<=^حلب)\s*[-–—]\s*",
                    re.IGNORECASE)  # "Aleppo - X", and "Aleppo-X" after the city's name


def name_candidates(location: str) -> list[str]:
    """Names to try for a location, most specific first.

    ``"Aleppo - Sheikh Maqsoud"`` → ``["Sheikh Maqsoud", "Aleppo - Sheikh Maqsoud", "Aleppo"]``;
    ``"Bustan al-Qasr, Aleppo"`` → ``["Bustan al-Qasr", "Bustan al-Qasr, Aleppo"]``.
    """
    loc = " ".join(location.split())
    if not loc:
        return []
    parts = [p for p in _SPLIT.split(loc) if p]
    out: list[str] = []
    if len(parts) > 1:
        out += list(reversed(parts[1:]))
    head = re.sub(r",\s*(aleppo|halab|حلب)\s*$", "", loc, flags=re.I).strip()
    if head and head != loc:
        out.append(head)
    out.append(loc)
    if len(parts) > 1:
        out.append(parts[0])
    return list(dict.fromkeys(out))


class Geocoder:
    """Places events with a gazetteer (``resolve`` and ``district_at``), caching every lookup."""

    def __init__(self, gazetteer: Any, *, max_km: float = MAX_KM):
        self.gazetteer = gazetteer
        self.max_km = max_km
        self._names: dict[str, Any] = {}
        self._points: dict[tuple[float, float], Any] = {}
        self._placed: dict[tuple, Placed | GeoReject] = {}
        self._by_point: dict[tuple, Placed] = {}
        self.center = ACLED_CITY_POINT
        self.city_points = [ACLED_CITY_POINT]
        city = self._match("Aleppo")
        if city is not None and getattr(city.place, "precision", None) == PRECISION_CITY:
            self.center = (city.place.lat, city.place.lon)
            self.city_points.append(self.center)
        # A box around the centre that lies wholly within max_km (a cheap first test).
        half = max_km / math.sqrt(2) * 0.98
        self._near_dlat = half / KM_PER_DEG
        self._near_dlon = half / (KM_PER_DEG * math.cos(math.radians(abs(self.center[0]) + self._near_dlat)))

    def _match(self, name: str) -> Any:
        try:
            return self._names[name]
        except KeyError:
            m = self.gazetteer.resolve(name) if name else None
            if len(self._names) < CACHE_MAX:
                self._names[name] = m
            return m

    def resolve_location(self, location: str) -> Any:
        """The first candidate of ``location`` that the gazetteer resolves (a Match) or None."""
        key = "\x00" + location
        if key in self._names:
            return self._names[key]
        m = None
        for cand in name_candidates(location):
            m = self._match(cand)
            if m is not None:
                break
        if len(self._names) < CACHE_MAX:
            self._names[key] = m
        return m

    def district_at(self, lat: float, lon: float) -> Any:
        """The district at the point, or the nearest within ``GAP_M`` (points between polygons)."""
        key = (lat, lon)
        try:
            return self._points[key]
        except KeyError:
            try:
                p = self.gazetteer.district_at(lat, lon, within_m=GAP_M)
            except TypeError:  # a gazetteer without the tolerance
                p = self.gazetteer.district_at(lat, lon)
            if len(self._points) < CACHE_MAX:
                self._points[key] = p
            return p

    def check_point(self, lat: float, lon: float) -> None:
        """Raise :class:`GeoReject` when the point is not on Earth or far from Aleppo."""
        if not (math.isfinite(lat) and math.isfinite(lon)) or abs(lat) > 90 or abs(lon) > 180:
            bad = "latitude" if not (math.isfinite(lat) and abs(lat) <= 90) else "longitude"
            raise GeoReject(bad, "coordinates outside the world", f"{lat}, {lon}")
        if abs(lat - self.center[0]) < self._near_dlat and abs(lon - self.center[1]) < self._near_dlon:
            return  # inside a box that lies within max_km (no trigonometry needed)
        km = km_between(lat, lon, *self.center)
        if km > self.max_km:
            hint = ""
            if km_between(lon, lat, *self.center) <= self.max_km:
                hint = "; latitude and longitude look swapped"
            raise GeoReject("latitude", f"outside Aleppo ({km:,.0f} km from the centre{hint})",
                            f"{lat}, {lon}")

    def is_city_level(self, location: str, lat: float, lon: float, precision: int | None) -> bool:
        """Coordinates that only say "Aleppo": precision 3, or a city point given for a
        sub-city name ("Aleppo - X") or for the city's own name."""
        if precision == PRECISION_CITY:
            return True
        # A city point is within CITY_RADIUS_KM only if the latitudes differ by less than
        # that along a meridian (a lower bound of the distance): skip the haversine otherwise.
        if not location.strip() or not any(abs(lat - a) <= _CITY_DLAT and km_between(lat, lon, a, b) <= CITY_RADIUS_KM
                                           for a, b in self.city_points):
            return False
        if _SPLIT.search(location):
            return True
        m = self.resolve_location(location)
        return m is not None and getattr(m.place, "precision", None) == PRECISION_CITY

    def place(self, location: str, lat: float | None, lon: float | None,
              precision: int | None = None) -> Placed:
        """Where an event is; raises :class:`GeoReject` for unusable coordinates (cached)."""
        key = (location, lat, lon, precision)
        try:
            out = self._placed[key]
        except KeyError:
            try:
                out = self._place(location or "", lat, lon, precision)
            except GeoReject as exc:
                out = exc
            if len(self._placed) < CACHE_MAX:
                self._placed[key] = out
        if out.__class__ is GeoReject:
            raise GeoReject(out.field, out.reason, out.value)  # a fresh one: no growing traceback
        return out

    def _place(self, location: str, lat: float | None, lon: float | None, precision: int | None) -> Placed:
        if lat == 0 and lon == 0 and location.strip():
            lat = lon = None  # (0, 0) is a spreadsheet's "no coordinates": place it by its name
        if lat is not None and lon is not None:
            by_point = self._by_point.get((lat, lon, precision))
            if by_point is not None:
                return by_point
            self.check_point(lat, lon)
            if self.is_city_level(location, lat, lon, precision):
                m = self.resolve_location(location) if location.strip() else None
                if m is not None and not self._only_city(location, m):
                    return _from_place(m.place)
                return Placed(None, None, lat, lon, precision or PRECISION_CITY, bool(location.strip()))
            d = self.district_at(lat, lon)
            if d is None:  # in a gap between the polygons, or outside them: the name may place it
                m = self.resolve_location(location) if location.strip() else None
                if m is not None and getattr(m.place, "precision", None) == PRECISION_PLACE and \
                        km_between(lat, lon, m.place.lat, m.place.lon) <= NAME_NEAR_KM:
                    return Placed(m.place.id, m.place.district or m.place.name, lat, lon, precision or PRECISION_PLACE)
                return Placed(None, None, lat, lon, precision or PRECISION_PLACE)
            out = Placed(d.id, d.district or d.name, lat, lon, precision or PRECISION_PLACE)
            # Inside a district, far from every city point and not precision 3, the name plays
            # no part: remember the answer for the point itself (files repeat points under many names).
            if precision != PRECISION_CITY and len(self._by_point) < CACHE_MAX and \
                    not any(abs(lat - a) <= _CITY_DLAT for a, _ in self.city_points):
                self._by_point[(lat, lon, precision)] = out
            return out
        if lat is not None or lon is not None:
            raise GeoReject("latitude" if lat is None else "longitude",
                            "one coordinate without the other", str(lat if lat is not None else lon))
        if not location.strip():
            raise GeoReject("location", "no place name and no coordinates")
        m = self.resolve_location(location)
        if m is None:
            return Placed(None, None, None, None, None, True)
        if self._only_city(location, m):  # "Aleppo - X" with X unknown: city point, flagged
            return Placed(None, None, m.place.lat, m.place.lon, PRECISION_CITY, True)
        return _from_place(m.place)

    @staticmethod
    def _only_city(location: str, m: Any) -> bool:
        """The match is the whole city although the name points inside it ("Aleppo - X")."""
        return getattr(m.place, "precision", None) == PRECISION_CITY and bool(_SPLIT.search(location))

    def apply_record(self, rec: list) -> bool:
        """:meth:`apply` for an event as a list of values in ``COLUMNS`` order."""
        p = self._placed.get((rec[_LOC], rec[_LAT], rec[_LON], rec[_PREC]))
        if p is None or p.__class__ is GeoReject:
            p = self.place(rec[_LOC], rec[_LAT], rec[_LON], rec[_PREC])
        rec[_PLACE] = p[:5]
        return p[5]

    def apply(self, event: Event) -> bool:
        """Fill the event's place fields in place; True when its place name is unresolved."""
        p = self._placed.get((event.location, event.latitude, event.longitude, event.geo_precision))
        if p is None or p.__class__ is GeoReject:
            p = self.place(event.location, event.latitude, event.longitude, event.geo_precision)
        (event.place_id, event.district, event.latitude, event.longitude, event.geo_precision,
         unresolved) = p
        return unresolved


def _from_place(place: Any) -> Placed:
    return Placed(place.id, place.district, place.lat, place.lon, place.precision or PRECISION_PLACE)
