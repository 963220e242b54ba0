"""The Gazetteer: name -> place resolution, text scanning and point-in-polygon.

Resolution order (``resolve``): a dict cache on the raw query; the normalised key in the
canonical-name index ("exact") then the alias index ("alias"); the key with cue words
("district", "neighbourhood", ...) or the city name stripped, and the parts of compound
strings ("Aleppo - Sheikh Saeed", "Bustan al-Qasr, Aleppo"); finally fuzzy matching
(:mod:`gazetteer.fuzzy`) on the distinctive part of the name, which abstains when unsure.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from .fuzzy import FuzzyMatcher
from .model import Match, Place, PlaceSpan
from .normalize import AR_CUE_WORDS, CUE_WORDS, is_arabic, normalize
from .spans import SpanFinder
from .variants import RULE_SCORE, VariantRules

# When two places share a normalised name, the first kind here wins.
_PRIORITY = {"user": -1, "neighbourhood": 0, "landmark-area": 1, "city": 2, "area": 3, "road": 3, "sub-area": 4, "landmark": 5}
_CITY_TOKENS = frozenset({normalize("Aleppo"), normalize("Alep"), normalize("Halab"), normalize("حلب"),
                          normalize("Syria"), normalize("سوريا"), normalize("Aleppo city"), "sirie"})
_CUE_KEYS = frozenset(normalize(w) for w in CUE_WORDS) | frozenset(normalize(w) for w in AR_CUE_WORDS)
_SEPARATORS = re.compile(r"\s+[-–—]\s+|[,;/()\[\]|:،]+")
# Words that normalise onto a place name but never are one: "Syrian(s)" folds onto as-Siryan
# (y/i, doubled letters), "Syria('s)". Checked on the text as written, so "Siryan",
# "as-Siryan", "Syriac Quarter" and السريان still resolve.
NEVER_PLACES = re.compile(r"^\W*(?:the\s+)?syrian?s?(?:['’]s?)?(?![\w])", re.IGNORECASE)
_CACHE_LIMIT = 200_000
_UNSET = object()  # a memo slot not computed yet
# Words that only tie a name to the city ("in Aleppo", "في مدينة حلب"): dropped with the city's name.
_FILLER_KEYS = frozenset(normalize(w) for w in ("في", "بمدينة", "مدينة", "in", "city", "ب"))
_ROUNDABOUT = normalize("roundabout")
_ROUNDABOUT_KEYS = frozenset(normalize(w) for w in ("Dawwar", "Dawar", "Duwar", "Duwwar", "دوار"))
# Parts of a composite name that only situate it ("..., Aleppo, Syria", "... - Aleppo governorate").
_CONTEXT_KEYS = frozenset(normalize(w) for w in (
    "Syria", "Syrian Arab Republic", "سوريا", "سورية", "governorate", "province", "city", "city centre",
    "city center", "center", "centre", "downtown", "Aleppo governorate", "Aleppo province", "Aleppo city",
    "محافظة حلب", "مدينة حلب", "SYR", "SY"))


def _is_context(key: str) -> bool:
    toks = [t for t in key.split() if t not in _CUE_KEYS]
    return not toks or key in _CONTEXT_KEYS or all(t in _CITY_TOKENS for t in toks)


class Gazetteer:
    """All places and their names, with the indexes that resolve them. Build with :func:`gazetteer.load`."""

    def __init__(self, data: dict, *, user_aliases: Iterable[tuple[str, str]] = (), cue_only: Iterable[str] = (),
                 not_places: Iterable[str] = ()):
        self._raw = {p["id"]: p for p in data["places"]}
        self.places: dict[str, Place] = {
            pid: Place(
                id=pid, name=p["name"], name_ar=p.get("name_ar"), kind=p["kind"], precision=p["precision"],
                lat=p["lat"], lon=p["lon"], district=p.get("district"),
                polygon_ids=tuple(p.get("polygon_ids") or ()), source=p.get("source", ""),
            )
            for pid, p in self._raw.items()
        }
        self._exact: dict[str, str] = {}
        self._alias: dict[str, str] = {}
        names: list[tuple[str, str]] = []  # (key, place id) for fuzzy and spans
        for pid, p in self._raw.items():
            for canon in (p["name"], p.get("name_ar")):
                if canon:
                    self._put(self._exact, normalize(canon), pid)
            for alias in p["aliases"]:
                self._put(self._alias, normalize(alias), pid)
        for alias, pid in user_aliases:
            key = normalize(alias)
            if key:
                self._alias[key] = pid  # the user's word is final
                self._exact.pop(key, None) if self._exact.get(key) != pid else None
        for index in (self._alias, self._exact):
            names.extend(index.items())
        self._fuzzy = FuzzyMatcher(names, self._kind_of)
        self._rules = VariantRules(names, self._rule_lookup, written=(
            (a, pid) for pid, p in self._raw.items() for a in (p["name"], *p["aliases"])))
        self._spans = SpanFinder(names, cue_only={normalize(c) for c in cue_only})
        # names known NOT to be Aleppo places (other towns, groups): never fuzzy-matched
        self._not_places = frozenset(normalize(n) for n in not_places) - set(self._alias) - set(self._exact)
        self._cache: dict[str, Match | None] = {}
        self._by_key: dict[str, list] = {}  # normalised key -> see _keyed
        self._geo = None
        self._named: dict[str, list[str]] | None = None  # key -> every place bearing it (built on first use)
        users = [pid for pid, p in self._raw.items() if p["kind"] == "user" and p["precision"] == 1]
        if users:  # a user's place of precision 1 lies in a district
            from .userplaces import district_boxes, district_of

            boxes = district_boxes([(p["kind"], p.get("district") or p["name"], p["geometry"])
                                    for p in self._raw.values() if p.get("geometry")])
            for pid in users:
                name = district_of(self._raw[pid]["lat"], self._raw[pid]["lon"], boxes)
                if name is not None:
                    self.places[pid] = replace(self.places[pid], district=name)

    # ------------------------------------------------------------ building
    def _kind_of(self, pid: str) -> str:
        return self.places[pid].kind

    def _put(self, index: dict[str, str], key: str, pid: str) -> None:
        if not key:
            return
        old = index.get(key)
        if old is None or _PRIORITY[self._raw[pid]["kind"]] < _PRIORITY[self._raw[old]["kind"]]:
            index[key] = pid

    # ------------------------------------------------------------ lookup
    def place(self, place_id: str) -> Place:
        """The place with this id (KeyError when unknown)."""
        return self.places[place_id]

    def _lookup(self, key: str, query: str) -> Match | None:
        pid = self._exact.get(key)
        if pid is not None:
            return Match(self.places[pid], "exact", 100.0, query)
        pid = self._alias.get(key)
        if pid is not None:
            return Match(self.places[pid], "alias", 100.0, query)
        return None

    def _rule_lookup(self, key: str) -> str | None:
        return self._exact.get(key) or self._alias.get(key)  # cue and city words are already off

    def _lookup_stripped(self, key: str, query: str) -> Match | None:
        m = self._lookup(key, query)
        if m:
            return m
        toks = [t for t in key.split() if t not in _FILLER_KEYS]  # "حي الشعار في حلب", "Shaar in Aleppo city"
        if toks and len(toks) < len(key.split()) and any(t in _CITY_TOKENS for t in toks):
            m = self._lookup(" ".join(t for t in toks if t not in _CITY_TOKENS), query)
            if m:
                return m
        if toks and toks[0] in _ROUNDABOUT_KEYS and len(toks) > 1:  # "Dawwar al-Jandoul" = "Jandoul roundabout"
            m = self._lookup(" ".join(toks[1:] + [_ROUNDABOUT]), query)
            if m:
                return m
        core = [t for t in toks if t not in _CUE_KEYS]
        if core and core != toks:
            m = self._lookup(" ".join(core), query)
            if m:
                return m
        rest = [t for t in core if t not in _CITY_TOKENS]
        if rest and rest != core:
            m = self._lookup(" ".join(rest), query)
            if m:
                return m
        return None

    def resolve(self, name: str) -> Match | None:
        """The place a name refers to, or None (never a guess below the fuzzy threshold)."""
        if not isinstance(name, str):
            return None
        try:
            return self._cache[name]
        except KeyError:
            pass
        match = self._resolve(name)
        if len(self._cache) >= _CACHE_LIMIT:
            self._cache.clear()
        self._cache[name] = match
        return match

    def _keyed(self, key: str) -> list:
        """[(place id, kind) by lookup or None, fuzzy key or None, fuzzy/rule hit (filled on first need)]
        for a normalised key, shared by the spellings that normalise alike (most typos)."""
        got = self._by_key.get(key)
        if got is None:
            m = self._lookup_stripped(key, key)
            fkey = " ".join(t for t in key.split() if t not in _CUE_KEYS and t not in _CITY_TOKENS)
            got = [(m.place.id, m.kind) if m else None, fkey if fkey and fkey not in self._not_places else None, _UNSET]
            self._by_key.clear() if len(self._by_key) >= _CACHE_LIMIT else None
            self._by_key[key] = got
        return got

    def _resolve(self, query: str) -> Match | None:
        if NEVER_PLACES.match(query):
            return None
        key = normalize(query.strip())
        if not key or key in self._not_places:  # "محافظة حلب" is the governorate, not al-Muhafaza
            return None
        keyed = self._keyed(key)
        if keyed[0] is not None:
            return Match(self.places[keyed[0][0]], keyed[0][1], 100.0, query)
        parts = [p for p in _SEPARATORS.split(query) if p and p.strip()] if _SEPARATORS.search(query) else ()
        city_only = False
        if len(parts) > 1:
            looked = [(k, self._lookup_stripped(k, query)) for k in (normalize(p) for p in parts)]
            found = [m for _, m in looked if m]
            unknown = [k for k, m in looked if k and not m and not _is_context(k)]
            if found and not (unknown and all(m.place.precision == 3 for m in found)):
                return min(found, key=lambda m: m.place.precision)
            # "Castello Road, Aleppo", "Manbij, Aleppo": an unknown name with the city is not
            # the city; it is reported unresolved unless a fuzzy match below recognises it.
            city_only = bool(found)
        if keyed[1] is None:
            return None
        if keyed[2] is _UNSET:
            keyed[2] = self._fuzzy.match(keyed[1]) or self._rules.match(keyed[1])
        hit = keyed[2]
        if hit is None and len(parts) > 1:
            for p in parts:
                pk = " ".join(t for t in normalize(p).split() if t not in _CUE_KEYS and t not in _CITY_TOKENS)
                hit = self._fuzzy.match(pk) if pk else None
                if hit:
                    break
        if hit is None and not is_arabic(query):
            fixed = self._rules.fix_common_words(query)  # "Mosue Qiqan", "Shaihk Said"
            hit = self._resolve(fixed) if fixed else None
            if hit is not None:
                return Match(hit.place, "fuzzy", min(hit.score, RULE_SCORE), query)
        if hit is None or (city_only and self.places[hit[0]].precision == 3):
            return None
        pid, score = hit
        return Match(self.places[pid], "fuzzy", round(score, 1), query)

    def namesakes(self, name: str) -> list[Place]:
        """Every place one of whose names normalises as ``name`` does (a gate and the sub-area
        named after it), the kind that wins an exact lookup first; [] for an unknown name."""
        if self._named is None:
            named: dict[str, list[str]] = {}
            for pid, p in self._raw.items():
                for n in (p["name"], p.get("name_ar"), *p["aliases"]):
                    key = normalize(n) if n else ""
                    if key and pid not in named.setdefault(key, []):
                        named[key].append(pid)
            for key, pid in (*self._alias.items(), *self._exact.items()):  # user aliases included
                if pid not in named.setdefault(key, []):
                    named[key].append(pid)
            self._named = named
        pids = self._named.get(normalize(name.strip()) if isinstance(name, str) else "", [])
        return sorted((self.places[pid] for pid in pids), key=lambda p: _PRIORITY.get(p.kind, 9))

    def resolve_many(self, names: Iterable[str]) -> dict[str, Match | None]:
        """Resolve each distinct name once: {name: Match | None}."""
        resolve = self.resolve
        return {n: resolve(n) for n in dict.fromkeys(names)}

    # ------------------------------------------------------------ text
    def find_places(self, text: str) -> list[PlaceSpan]:
        """Every gazetteer name in ``text``: longest match first, non-overlapping, in text order."""
        out = []
        for start, end, key in self._spans.scan(text):
            m = self._lookup(key, text[start:end])
            if m is not None and not NEVER_PLACES.match(text[start:end]):
                out.append(PlaceSpan(start, end, text[start:end], m))
        return out

    # ------------------------------------------------------------ geometry
    @property
    def _geometry(self):
        if self._geo is None:
            from .geo import GeoIndex

            self._geo = GeoIndex(self)
        return self._geo

    def district_at(self, lat: float, lon: float, *, within_m: float = 0.0) -> Place | None:
        """The district (polygon place) containing the point, or None outside them all; with
        ``within_m``, a point in a gap between polygons gets the nearest one that close."""
        return self._geometry.district_at(lat, lon, within_m=within_m)

    def districts(self) -> list[Place]:
        """The polygon places (neighbourhoods and landmark areas), by name."""
        return sorted((self.places[pid] for pid, p in self._raw.items() if p.get("geometry")), key=lambda p: p.name)

    def districts_geojson(self) -> dict:
        """FeatureCollection: one MultiPolygon per district, properties id, name, name_ar."""
        feats = [{"type": "Feature", "geometry": {"type": "MultiPolygon", "coordinates": self._raw[p.id]["geometry"]},
                  "properties": {"id": p.id, "name": p.name, "name_ar": p.name_ar}} for p in self.districts()]
        return {"type": "FeatureCollection", "features": feats}

    def landmarks_geojson(self) -> dict:
        """FeatureCollection of landmark, sub-area and outlying points (properties id, name, name_ar, kind, district)."""
        feats = [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [p.lon, p.lat]},
                  "properties": {"id": p.id, "name": p.name, "name_ar": p.name_ar, "kind": p.kind, "district": p.district}}
                 for p in self.places.values() if p.kind in ("landmark", "sub-area")]
        return {"type": "FeatureCollection", "features": feats}

    def extent(self, place_id: str) -> dict | None:
        """GeoJSON MultiPolygon of where a place lies: a district's polygon, the extent that UNOSAT's
        damage points outline for a sub-area or landmark, or a road's cited area; None for a point."""
        raw = self._raw[place_id]
        coords = raw.get("geometry") or raw.get("extent")
        return {"type": "MultiPolygon", "coordinates": coords} if coords else None

    def area_members(self, place_id: str) -> list[str]:
        """Ids of the neighbourhoods making up an area (empty for other places)."""
        return list(self._raw[place_id].get("members", ()))

    def aliases(self, place_id: str) -> list[str]:
        """The names a place is known by (as written in the data files)."""
        return list(self._raw[place_id]["aliases"])

    def __len__(self) -> int:
        return len(self.places)

    def __repr__(self) -> str:
        return f"<Gazetteer {len(self.places)} places, {len(self._alias) + len(self._exact)} names>"
