"""geopy's own geocoder tests, run against LocalGazetteer (issue 11 §4), offline.

`make setup`/`make test` download geopy 2.5.0's source distribution (pinned by hash in
requirements-geopy-suite.txt) into .venv/geopy-suite/. From it this module takes, unchanged:
- ``BaseTestGeocoder`` (test/geocoders/util.py): its class-scoped geocoder fixture (an
  ``async with`` for async adapters), ``geocode_run``/``reverse_run`` (None vs [] vs a Location,
  coordinates within ``delta``, the address) and the no-``self.geocoder``-assignment check;
- the class checks of test/geocoders/__init__.py that geopy applies to each of its geocoders
  (keyword-only settings with geopy's defaults, no ``*args``/``**kwargs``, documented parameters
  and return type, no public methods besides geocode/reverse), called here on LocalGazetteer.
The Aleppo cases below run twice: with geopy's default (synchronous) adapter and with
``geopy.adapters.AioHTTPAdapter`` (what ``GEOPY_TEST_ADAPTER`` selects in geopy's own runs).
No test reaches the network: LocalGazetteer builds a local adapter that refuses any request.
"""
from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path
from unittest.mock import patch

import pytest
from geopy.adapters import AioHTTPAdapter, BaseAsyncAdapter
from geopy.exc import GeocoderQueryError, GeocoderServiceError
from geopy.extra.rate_limiter import AsyncRateLimiter, RateLimiter
from geopy.geocoders import options
from geopy.geocoders.base import _DEFAULT_ADAPTER_CLASS
from geopy.point import Point

import gazetteer
from gazetteer.geocoder import LocalAdapter, LocalAsyncAdapter, LocalGazetteer

ROOT = Path(__file__).resolve().parent.parent
SUITE = Path(os.environ.get("GEOPY_SUITE_DIR", ROOT / ".venv" / "geopy-suite" / "geopy-2.5.0"))
MISSING = f"geopy's test suite is not at {SUITE}: run `make suite` (or `make test`), which downloads it"


def _load(name: str, relpath: str):
    """Import one file of geopy's suite under its own name (its package is called ``test``,
    which is also the standard library's)."""
    path = SUITE / relpath
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


try:
    util = _load("geopy_suite_util", "test/geocoders/util.py")
    checks = _load("geopy_suite_checks", "test/geocoders/__init__.py")
except FileNotFoundError:
    util = checks = None

G = gazetteer.load()
SAEED, HANDARAT, CASTELLO = G.place("sheikh-saeed"), G.place("handarat"), G.place("castello-road")
CLASS_CHECKS = ("test_init_method_signature", "test_geocode_method_signature",
                "test_reverse_method_signature", "test_no_extra_public_methods")


def test_geopy_suite_is_installed():
    if util is None:
        pytest.fail(MISSING, pytrace=False)
    assert (SUITE / "PKG-INFO").read_text(encoding="utf-8").count("Version: 2.5.0") == 1


@pytest.mark.parametrize("check", CLASS_CHECKS)
def test_geopy_class_checks(check):
    """The checks geopy runs on every geocoder class it ships, run on ours."""
    if checks is None:
        pytest.fail(MISSING, pytrace=False)
    getattr(checks, check)(LocalGazetteer)


def test_a_class_check_can_fail():
    """The checks are live: a geocoder with ``**kwargs`` (as LocalGazetteer had) is refused."""
    if checks is None:
        pytest.fail(MISSING, pytrace=False)

    class Loose(LocalGazetteer):
        def geocode(self, query, *, exactly_one=True, **kwargs):  # noqa: D102
            return None

    with pytest.raises(AssertionError):
        checks.test_geocode_method_signature(Loose)


if util is not None:
    class AleppoCases(util.BaseTestGeocoder):
        """Aleppo queries through geopy's test harness. ``ADAPTER`` picks the mode."""

        ADAPTER = _DEFAULT_ADAPTER_CLASS
        delta = 0.005  # degrees: the place's own point, not somewhere near it

        @pytest.fixture(scope="class")
        @classmethod
        def patch_adapter(cls):
            """geopy's conftest patches the default adapter the same way (env GEOPY_TEST_ADAPTER)."""
            with patch.object(options, "default_adapter_factory", cls.ADAPTER):
                yield

        @pytest.fixture(scope="class")
        @classmethod
        def is_internet_access_allowed(cls):
            return False

        @classmethod
        def make_geocoder(cls, **kwargs):
            return LocalGazetteer(**kwargs)

        def _is_async(self) -> bool:
            return isinstance(self.geocoder.adapter, BaseAsyncAdapter)

        async def test_mode_follows_the_adapter_without_building_it(self):
            want = LocalAsyncAdapter if issubclass(self.ADAPTER, BaseAsyncAdapter) else LocalAdapter
            assert type(self.geocoder.adapter) is want
            with pytest.raises(GeocoderServiceError):  # the stand-in adapter refuses any request
                await self.geocoder._call_geocoder("https://example.invalid/", lambda r: r)

        @pytest.mark.parametrize("query", ["Sheikh Said", "Cheikh Saïd", "Shaykh Sa'id", "حي الشيخ سعيد",
                                           "Aleppo - Sheikh Saeed", {"suburb": "Sheikh Saeed", "city": "Aleppo"}])
        async def test_geocode(self, query):
            loc = await self.geocode_run({"query": query}, {"latitude": SAEED.lat, "longitude": SAEED.lon,
                                                            "address": "Sheikh Saeed, Aleppo"})
            assert loc.raw["id"] == "sheikh-saeed" and loc.raw["precision"] == 1

        async def test_geocode_places_of_each_source(self):
            for place, query in ((HANDARAT, "Handarat camp"), (CASTELLO, "طريق الكاستيلو")):
                loc = await self.geocode_run({"query": query}, {"latitude": place.lat, "longitude": place.lon})
                assert loc.raw["id"] == place.id and loc.raw["source"] == place.source

        @pytest.mark.parametrize("query", ["Idlib", "Sheikh", "Saeed Sheikh", "Manbij, Aleppo"])
        async def test_geocode_empty_result(self, query):
            await self.geocode_run({"query": query}, {}, expect_failure=True)
            await self.geocode_run({"query": query, "exactly_one": False}, {}, expect_failure=True)

        async def test_geocode_many_and_limit(self):
            many = await self.geocode_run({"query": "Bab al-Hadid", "exactly_one": False}, {"address": "Bab al-Hadid, Aleppo"})
            assert [loc.raw["id"] for loc in many] == ["bab-al-hadid", "site-bab-al-hadid-gate"]
            one = await self.geocode_run({"query": "Bab al-Hadid", "exactly_one": False, "limit": 1}, {})
            assert [loc.raw["id"] for loc in one] == ["bab-al-hadid"]
            single = await self.geocode_run({"query": "Sheikh Said", "exactly_one": False, "limit": 5}, {})
            assert len(single) == 1

        @pytest.mark.parametrize("bad", [0, -1, 1.5, "2", True])
        async def test_bad_limit(self, bad):
            with pytest.raises(GeocoderQueryError):
                await self._make_request(self.geocoder, "geocode", skiptest_on_errors=False,
                                         query="Sheikh Said", exactly_one=False, limit=bad)

        @pytest.mark.parametrize("language", ["ar", "ar-SY", "ar_SY", "AR"])
        async def test_language_ar(self, language):
            await self.geocode_run({"query": "Sheikh Said", "language": language},
                                   {"latitude": SAEED.lat, "address": f"{SAEED.name_ar}، حلب"})
            await self.geocode_run({"query": "Aleppo", "language": language}, {"address": "حلب"})
            await self.reverse_run({"query": (SAEED.lat, SAEED.lon), "language": language},
                                   {"address": f"{SAEED.name_ar}، حلب"})

        async def test_language_other_is_english(self):
            await self.geocode_run({"query": "الشيخ سعيد", "language": "en"}, {"address": "Sheikh Saeed, Aleppo"})
            await self.geocode_run({"query": "Aleppo", "language": "fr"}, {"address": "Aleppo"})

        @pytest.mark.parametrize("query", ["", "   ", None, 12, b"Sheikh Saeed"])
        async def test_bad_query(self, query):
            with pytest.raises(GeocoderQueryError):
                await self._make_request(self.geocoder, "geocode", skiptest_on_errors=False, query=query)

        @pytest.mark.parametrize("point", [(36.1648, 37.1564), "36.1648, 37.1564", Point(36.1648, 37.1564)])
        async def test_reverse(self, point):
            loc = await self.reverse_run({"query": point}, {"latitude": SAEED.lat, "longitude": SAEED.lon,
                                                            "address": "Sheikh Saeed, Aleppo"})
            assert loc.raw["id"] == "sheikh-saeed" and loc.raw["match"] == "reverse"
            assert loc.raw["query"] == [36.1648, 37.1564]  # the point asked about, beside the place's own

        async def test_reverse_list_and_nearest(self):
            out = await self.reverse_run({"query": (36.20, 37.16), "exactly_one": False}, {})
            assert len(out) == 1 and out[0].raw["match"] == "nearest" and out[0].raw["query"] == [36.20, 37.16]

        async def test_reverse_empty_result(self):
            await self.reverse_run({"query": (36.0, 36.5)}, {}, expect_failure=True)
            await self.reverse_run({"query": "36.0, 36.5", "exactly_one": False}, {}, expect_failure=True)

        @pytest.mark.parametrize("query", [None, "", "nowhere"])
        async def test_bad_reverse_query(self, query):
            with pytest.raises(GeocoderQueryError):
                await self._make_request(self.geocoder, "reverse", skiptest_on_errors=False, query=query)

        async def test_rate_limiter(self):
            """geopy's rate limiters wrap geocode: the async one needs awaitables (TypeError before)."""
            if self._is_async():
                limited = AsyncRateLimiter(self.geocoder.geocode, min_delay_seconds=0, max_retries=0)
                loc = await limited("Handarat")
            else:
                limited = RateLimiter(self.geocoder.geocode, min_delay_seconds=0, max_retries=0)
                loc = limited("Handarat")
            assert loc.raw["id"] == "handarat"

        async def test_inject_geocoder_with_user_aliases(self, tmp_path_factory):
            aliases = tmp_path_factory.mktemp("aliases") / "aliases.csv"
            aliases.write_text("alias,place_id\nQuartier Tchiq,sheikh-saeed\n", encoding="utf-8")
            async with self.inject_geocoder(self.make_geocoder(alias_file=aliases)):
                await self.geocode_run({"query": "Quartier Tchiq"}, {"latitude": SAEED.lat})
            await self.geocode_run({"query": "Quartier Tchiq"}, {}, expect_failure=True)

    class TestLocalGazetteerSync(AleppoCases):
        ADAPTER = _DEFAULT_ADAPTER_CLASS

    class TestLocalGazetteerAsync(AleppoCases):
        ADAPTER = AioHTTPAdapter

        async def test_geocode_is_awaitable(self):
            pending = self.geocoder.geocode("Owaija")
            assert hasattr(pending, "__await__")
            assert (await pending).raw["id"] == "owaija"

