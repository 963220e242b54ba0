"""``LocalGazetteer``: the gazetteer behind geopy's Geocoder interface (no network).

It keeps geopy's contract as geopy's own test suite states it (``tests/test_geopy_suite.py`` runs
that suite): keyword-only settings, ``None`` for no match (also with ``exactly_one=False``),
``limit``, ``language``, and an async mode: with an async adapter (``adapter_factory=AioHTTPAdapter``,
or geopy's ``options.default_adapter_factory`` set to one) ``geocode``/``reverse`` return awaitables,
so ``await geocoder.geocode(...)`` and ``geopy.extra.rate_limiter.AsyncRateLimiter`` work.
No network adapter is ever built for an adapter *class*: a local one that does no I/O stands in.
"""
from __future__ import annotations

import os

from geopy.adapters import BaseAsyncAdapter, BaseSyncAdapter
from geopy.exc import GeocoderQueryError, GeocoderServiceError
from geopy.geocoders import options
from geopy.geocoders.base import DEFAULT_SENTINEL, Geocoder
from geopy.location import Location
from geopy.point import Point

from .model import Match, Place

__all__ = ["LocalGazetteer", "LocalAdapter", "LocalAsyncAdapter"]
REVERSE_WITHIN_M = 300.0  # the polygons leave streets and open ground between them
USER_AGENT = "aleppo-gazetteer"
CITY_AR = "حلب"


class _NoRequests:
    """The adapter half of a geocoder that never asks a server: any request is a bug."""

    def get_json(self, url, *, timeout, headers):
        raise GeocoderServiceError(f"LocalGazetteer makes no requests (asked for {url!r})")

    get_text = get_json


class LocalAdapter(_NoRequests, BaseSyncAdapter):
    """Synchronous stand-in adapter: no session, no socket."""


class LocalAsyncAdapter(_NoRequests, BaseAsyncAdapter):
    """Asynchronous stand-in adapter: ``geocode``/``reverse`` return awaitables."""


def _adapter_factory(factory):
    """The factory to build: a local adapter of the same mode for any adapter class (nothing
    is built that could open a connection); a caller's own callable is used as given."""
    factory = factory if factory is not None else options.default_adapter_factory
    if isinstance(factory, type):
        return LocalAsyncAdapter if issubclass(factory, BaseAsyncAdapter) else LocalAdapter
    return factory


def _raw(place: Place, match: Match | None) -> dict:
    return {
        "id": place.id, "name": place.name, "name_ar": place.name_ar, "kind": place.kind,
        "match": match.kind if match else "reverse", "score": match.score if match else 100.0,
        "precision": place.precision, "district": place.district, "polygon_ids": list(place.polygon_ids),
        "source": place.source, "query": match.query if match else None,
    }


def _arabic(language) -> bool:
    """True for an Arabic language tag ("ar", "ar-SY", "ar_SY", "ar,en" ...)."""
    if language is None:
        return False
    if not isinstance(language, str):
        raise GeocoderQueryError("language must be a language tag such as 'ar' or 'en'")
    first = language.replace("_", "-").split(",")[0].split(";")[0].strip().lower()
    return first == "ar" or first.startswith("ar-")


def _address(place: Place, arabic: bool) -> str:
    if arabic and place.name_ar:
        return CITY_AR if place.kind == "city" else f"{place.name_ar}، {CITY_AR}"
    return place.name if place.kind == "city" else f"{place.name}, Aleppo"


def _location(place: Place, match: Match | None, arabic: bool) -> Location:
    return Location(_address(place, arabic), (place.lat, place.lon), _raw(place, match))


def _limit(limit) -> int | None:
    if limit is None:
        return None
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
        raise GeocoderQueryError(f"limit must be a positive whole number, not {limit!r}")
    return limit


async def _ready(value):
    return value


class LocalGazetteer(Geocoder):
    """geopy geocoder over the offline Aleppo gazetteer.

    >>> from gazetteer import LocalGazetteer
    >>> LocalGazetteer().geocode("Sheikh Said").raw["id"]
    'sheikh-saeed'
    """

    def __init__(
            self,
            *,
            alias_file=None,
            gazetteer=None,
            scheme=None,
            timeout=DEFAULT_SENTINEL,
            proxies=DEFAULT_SENTINEL,
            user_agent=None,
            ssl_context=DEFAULT_SENTINEL,
            adapter_factory=None
    ):
        """
        :param alias_file: A user alias CSV (``alias,place_id``) to load with the
            bundled data; ignored when ``gazetteer`` is given.
        :type alias_file: str or os.PathLike

        :param gazetteer: An already loaded :class:`gazetteer.Gazetteer`
            (default: :func:`gazetteer.load`, cached).
        :type gazetteer: gazetteer.Gazetteer

        :param str scheme: Kept for geopy's interface; no request is made.

        :param int timeout: Kept for geopy's interface; no request is made.

        :param dict proxies: Kept for geopy's interface; no request is made.

        :param str user_agent: Kept for geopy's interface.

        :type ssl_context: :class:`ssl.SSLContext`
        :param ssl_context: Kept for geopy's interface; no request is made.

        :param callable adapter_factory: An adapter class only chooses the mode:
            an async one (e.g. :class:`geopy.adapters.AioHTTPAdapter`) makes
            ``geocode`` and ``reverse`` awaitable; a local adapter that does no
            I/O is built in its place. Default:
            :attr:`geopy.geocoders.options.default_adapter_factory`.
        """
        super().__init__(scheme=scheme, timeout=timeout, proxies=proxies,
                         user_agent=user_agent or USER_AGENT, ssl_context=ssl_context,
                         adapter_factory=_adapter_factory(adapter_factory))
        self._async = isinstance(self.adapter, BaseAsyncAdapter)
        if gazetteer is None:
            from . import load

            gazetteer = load(os.fspath(alias_file) if alias_file is not None else None)
        self.gazetteer = gazetteer

    def _give(self, result):
        return _ready(result) if self._async else result

    def geocode(self, query, *, exactly_one=True, timeout=DEFAULT_SENTINEL, limit=None, language=None):
        """
        Return the place a name refers to (the gazetteer abstains rather than guess).

        :param query: A place name as reports write it, in any script; a dict
            (structured query) is read as its values joined by spaces.
        :type query: dict or str

        :param bool exactly_one: Return one result or a list of results: every
            place the name belongs to, best first (a gate and the sub-area
            named after it).

        :param int timeout: Kept for geopy's interface; no request is made.

        :param int limit: At most this many results (with ``exactly_one=False``).

        :param str language: ``"ar"`` gives Arabic addresses; anything else English.

        :rtype: ``None``, :class:`geopy.location.Location` or a list of them, if
            ``exactly_one=False``.
        """
        if isinstance(query, dict):
            query = " ".join(str(v) for v in query.values() if v)
        if not isinstance(query, str) or not query.strip():
            raise GeocoderQueryError("query must be a non-empty string")
        cap, arabic = _limit(limit), _arabic(language)
        match = self.gazetteer.resolve(query)
        if match is None:
            return self._give(None)
        if exactly_one:
            return self._give(_location(match.place, match, arabic))
        found = [match.place, *(p for p in self.gazetteer.namesakes(query) if p.id != match.place.id)]
        return self._give([_location(p, match, arabic) for p in found[:cap]])

    def reverse(self, query, *, exactly_one=True, timeout=DEFAULT_SENTINEL, language=None):
        """
        Return the district at a point: the place's own point and name, with the
        query point in ``raw["query"]``. A point in a gap between the polygons gets
        the nearest district within ``REVERSE_WITHIN_M`` metres (``raw["match"]``
        is then ``"nearest"``).

        :param query: The point, as (latitude, longitude) or "lat, lon".
        :type query: :class:`geopy.point.Point`, list or tuple of ``(latitude,
            longitude)``, or string as ``"%(latitude)s, %(longitude)s"``.

        :param bool exactly_one: Return one result or a list of one result.

        :param int timeout: Kept for geopy's interface; no request is made.

        :param str language: ``"ar"`` gives Arabic addresses; anything else English.

        :rtype: ``None``, :class:`geopy.location.Location` or a list of them, if
            ``exactly_one=False``.
        """
        if query is None or (isinstance(query, str) and not query.strip()):
            raise GeocoderQueryError("query must be a point (latitude, longitude)")
        try:
            point = Point(query)
        except (TypeError, ValueError) as exc:
            raise GeocoderQueryError(f"not a point: {query!r} ({exc})") from None
        arabic = _arabic(language)
        lat, lon = point.latitude, point.longitude
        place = self.gazetteer.district_at(lat, lon)
        how = "reverse"
        if place is None:
            place, how = self.gazetteer.district_at(lat, lon, within_m=REVERSE_WITHIN_M), "nearest"
        if place is None:
            return self._give(None)
        loc = _location(place, None, arabic)
        loc.raw.update(match=how, query=[lat, lon])
        return self._give(loc if exactly_one else [loc])
