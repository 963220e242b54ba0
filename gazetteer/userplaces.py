"""Places the user adds: one row each in ``user-places.csv`` (see :mod:`.userfiles`).

Columns: ``id`` (``user-`` + a slug of the name: never a bundled id), ``name``, ``name_ar``
(optional), ``precision`` (1 place, 2 area of the city, 3 city), ``lat``, ``lon`` (the point;
for an area its representative point), ``area`` (optional: a Polygon or MultiPolygon as GeoJSON
or WKT, in one cell), ``source`` (required: where the coordinates come from, in the user's
words), ``added_at`` (ISO 8601 UTC). The gazetteer merges them as places of kind ``user``
whose source reads ``user: <source>``.
"""
from __future__ import annotations

import json
import math
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Collection

from .errors import UserPlaceError
from .normalize import normalize
from .userfiles import read_table

HEADER = ("id", "name", "name_ar", "precision", "lat", "lon", "area", "source", "added_at")
CITY_POINT = (36.2021, 37.1343)  # the centre the extent is measured from
EXTENT_KM = 40.0  # every bundled place lies within this of the centre (Menagh air base: ~36 km)
ID_PREFIX = "user-"
_SLUG = re.compile(r"^user-[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class UserPlace:
    """One row of ``user-places.csv``; ``area`` is a GeoJSON geometry dict or None."""

    id: str
    name: str
    name_ar: str | None
    precision: int
    lat: float
    lon: float
    area: dict | None
    source: str
    added_at: str

    def row(self) -> list[str]:
        """The cells as written to the file."""
        area = json.dumps(self.area, separators=(",", ":")) if self.area else ""
        return [self.id, self.name, self.name_ar or "", str(self.precision), f"{self.lat:.6f}", f"{self.lon:.6f}",
                area, self.source, self.added_at]

    def raw(self) -> dict:
        """The place as the gazetteer's data holds it (kind ``user``)."""
        coords = None
        if self.area:
            coords = self.area["coordinates"] if self.area["type"] == "MultiPolygon" else [self.area["coordinates"]]
        return {"id": self.id, "name": self.name, "name_ar": self.name_ar, "kind": "user",
                "precision": self.precision, "lat": self.lat, "lon": self.lon, "district": None,
                "polygon_ids": [], "aliases": [], "source": f"user: {self.source}", "extent": coords}


def km_from_centre(lat: float, lon: float) -> float:
    """Great-circle distance from Aleppo's centre in km."""
    p1, p2 = math.radians(CITY_POINT[0]), math.radians(lat)
    dp, dl = p2 - p1, math.radians(lon - CITY_POINT[1])
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0088 * 2 * math.asin(min(1.0, math.sqrt(a)))


def check_point(lat: float, lon: float, *, field: str = "lat", file: str | None = None, line: int | None = None) -> None:
    """Refuse a point that is not a number or lies outside the Aleppo area."""
    if not (math.isfinite(lat) and math.isfinite(lon)) or abs(lat) > 90 or abs(lon) > 180:
        raise UserPlaceError(f"not a point on Earth ({lat}, {lon})", file=file, line=line, field=field)
    km = km_from_centre(lat, lon)
    if km > EXTENT_KM:
        hint = "; latitude and longitude look swapped" if km_from_centre(lon, lat) <= EXTENT_KM else ""
        raise UserPlaceError(f"({lat:.5f}, {lon:.5f}) lies outside the Aleppo area: {km:,.0f} km from the centre, "
                             f"the gazetteer covers {EXTENT_KM:.0f} km{hint}", file=file, line=line, field=field)


def slug(name: str) -> str:
    """``user-`` + the name in lower-case ASCII words joined by hyphens (Arabic: its Latin key)."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    words = re.findall(r"[a-z0-9]+", text) or re.findall(r"[a-z0-9]+", normalize(name).encode("ascii", "ignore")
                                                        .decode("ascii")) or ["place"]
    return ID_PREFIX + "-".join(words)[:60].strip("-")


def new_id(name: str, taken: Collection[str]) -> str:
    """A fresh id for ``name``: its slug, with ``-2``, ``-3``... when taken."""
    base, n = slug(name), 2
    out = base
    while out in taken:
        out, n = f"{base}-{n}", n + 1
    return out


def _plain_polygon(text: str) -> dict | None:
    """The GeoJSON Polygon/MultiPolygon geometry a cell holds as the tools write it (closed rings
    of [lon, lat] numbers), read without shapely (a load stays fast); None for anything else."""
    if not text.startswith('{"type":"'):
        return None
    try:
        geom = json.loads(text)
    except ValueError:
        return None
    kind, coords = geom.get("type"), geom.get("coordinates")
    polys = [coords] if kind == "Polygon" else coords if kind == "MultiPolygon" else None
    if not isinstance(polys, list) or not polys or set(geom) != {"type", "coordinates"}:
        return None
    for poly in polys:
        if not isinstance(poly, list) or not poly:
            return None
        for ring in poly:
            if not isinstance(ring, list) or len(ring) < 4 or ring[0] != ring[-1]:
                return None
            for pt in ring:
                if not (isinstance(pt, list) and len(pt) == 2 and all(isinstance(v, (int, float)) for v in pt)):
                    return None
    return geom


def parse_area(text: str, *, file: str | None = None, line: int | None = None) -> dict:
    """A GeoJSON Polygon/MultiPolygon dict from GeoJSON (a geometry, a Feature, or a
    FeatureCollection of one polygon) or WKT; valid, inside the Aleppo area, 6 decimals."""
    text = text.strip()
    plain = _plain_polygon(text)
    if plain is not None:  # as written by the tools: checked by hand (no shapely import at load)
        polys = [plain["coordinates"]] if plain["type"] == "Polygon" else plain["coordinates"]
        for x, y in (pt for poly in polys for ring in poly for pt in ring):
            check_point(float(y), float(x), field="area", file=file, line=line)
        return plain
    import shapely
    from shapely.geometry import mapping, shape

    def bad(reason: str) -> UserPlaceError:
        return UserPlaceError(reason, file=file, line=line, field="area")

    text = text.strip()
    try:
        if text.startswith("{"):
            obj = json.loads(text)
            if obj.get("type") == "FeatureCollection":
                feats = obj.get("features") or []
                if len(feats) != 1:
                    raise bad(f"a FeatureCollection of {len(feats)} features (one polygon expected)")
                obj = feats[0]
            if obj.get("type") == "Feature":
                obj = obj.get("geometry") or {}
            geom = shape(obj)
        else:
            geom = shapely.from_wkt(text)
    except UserPlaceError:
        raise
    except Exception as exc:  # noqa: BLE001 - shapely/json raise many kinds
        raise bad(f"neither GeoJSON nor WKT of a polygon ({str(exc)[:80]})") from None
    if geom.geom_type not in ("Polygon", "MultiPolygon") or geom.is_empty:
        raise bad(f"a {geom.geom_type}, not a polygon")
    if not geom.is_valid:
        geom = shapely.make_valid(geom)
        if geom.geom_type == "GeometryCollection":
            geom = shapely.union_all([g for g in geom.geoms if g.geom_type in ("Polygon", "MultiPolygon")])
        if geom.geom_type not in ("Polygon", "MultiPolygon") or geom.is_empty:
            raise bad("the polygon has no area")
    geom = shapely.set_precision(geom, 1e-6)
    for x, y in shapely.get_coordinates(geom):
        check_point(float(y), float(x), field="area", file=file, line=line)
    return json.loads(json.dumps(mapping(geom)))  # tuples -> lists


def area_point(area: dict) -> tuple[float, float]:
    """(lat, lon) inside the area: its centroid when inside, else a representative point."""
    from shapely.geometry import shape

    g = shape(area)
    p = g.centroid if g.contains(g.centroid) else g.representative_point()
    return round(p.y, 6), round(p.x, 6)


def make_place(cells: list[str], *, bundled: Collection[str], file: str | None = None,
               line: int | None = None) -> UserPlace:
    """Validate one row (the ``HEADER`` cells): every problem names the field."""
    pid, name, name_ar, prec, lat, lon, area, source, added = cells

    def bad(field: str, reason: str) -> UserPlaceError:
        return UserPlaceError(reason, file=file, line=line, field=field)

    if not _SLUG.match(pid):
        raise bad("id", f"{pid!r} is not an id of the form user-<words> (lower-case letters, digits, hyphens)")
    if pid in bundled:
        raise bad("id", f"{pid!r} is a bundled place's id")
    if not normalize(name):
        raise bad("name", "empty name")
    if prec.strip() not in ("1", "2", "3"):
        raise bad("precision", f"{prec!r} is not 1 (a place), 2 (an area of the city) or 3 (the city)")
    if not source.strip():
        raise bad("source", "say where the coordinates come from (a map, a report, a colleague...)")
    shape_ = parse_area(area, file=file, line=line) if area.strip() else None
    if lat.strip() or lon.strip():
        try:
            y, x = float(lat), float(lon)
        except ValueError:
            raise bad("lat" if not _is_float(lat) else "lon", f"not a number: {lat if not _is_float(lat) else lon!r}") \
                from None
        check_point(y, x, file=file, line=line)
    elif shape_ is not None:
        y, x = area_point(shape_)
    else:
        raise bad("lat", "a place needs a point (lat, lon) or an area")
    return UserPlace(pid, name, name_ar or None, int(prec), y, x, shape_, source, added)


def district_boxes(districts: list[tuple[str, str, list]]) -> list[tuple[tuple, str, list]]:
    """[(bbox, name, polygon)] of [(kind, name, MultiPolygon coordinates)], neighbourhoods first,
    for :func:`district_of`."""
    out = []
    for kind, name, multi in sorted(districts, key=lambda d: d[0] != "neighbourhood"):
        for poly in multi:
            xs, ys = [p[0] for p in poly[0]], [p[1] for p in poly[0]]
            out.append(((min(xs), min(ys), max(xs), max(ys)), name, poly))
    return out


def district_of(lat: float, lon: float, boxes: list[tuple[tuple, str, list]]) -> str | None:
    """The district (name) whose polygon holds the point, neighbourhoods first. Plain ray casting
    after a box test: only a user's few points are placed this way at load (the spatial index
    would cost a shapely import)."""
    for (x0, y0, x1, y1), name, poly in boxes:
        if x0 <= lon <= x1 and y0 <= lat <= y1 and _inside(lon, lat, poly[0]) and \
                not any(_inside(lon, lat, hole) for hole in poly[1:]):
            return name
    return None


def _inside(x: float, y: float, ring: list) -> bool:
    inside = False
    j = len(ring) - 1
    for i in range(len(ring)):
        xi, yi = ring[i][0], ring[i][1]
        xj, yj = ring[j][0], ring[j][1]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def _is_float(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def read_places(path: str | os.PathLike, bundled: Collection[str]) -> list[UserPlace]:
    """The user places of the file (missing file: none); duplicate ids are refused."""
    name = os.fspath(path)
    out: list[UserPlace] = []
    seen: set[str] = set()
    for line, cells in read_table(Path(path), HEADER):
        p = make_place(cells, bundled=bundled, file=name, line=line)
        if p.id in seen:
            raise UserPlaceError(f"{p.id!r} is used twice", file=name, line=line, field="id")
        seen.add(p.id)
        out.append(p)
    return out
