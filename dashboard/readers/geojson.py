"""GeoJSON FeatureCollections: feature properties are the columns; the geometry gives
``__latitude``/``__longitude`` (a Point's coordinates, or a representative point of
other geometries, then with ``__geo_precision`` 2).

A feature that cannot be read (no object, ``properties`` not an object, an unknown, empty
or malformed geometry) is a problem of that feature; the others load.
"""
from __future__ import annotations

import math
from typing import IO, Any, Iterator

from ..errors import IngestError
from . import Table
from .jsonfmt import BadRecord, TooDeep, flatten, load_document

GEOM_COLUMNS = ("__latitude", "__longitude", "__geo_precision")
GEOMETRY_TYPES = ("Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon",
                  "GeometryCollection")


def read_geojson(binary: IO[bytes], *, head: bytes = b"") -> Table:
    """Features of a GeoJSON document."""
    data, note = load_document(binary, head=head, what="GeoJSON", list_keys=("features",))
    table = table_from_geojson(data)
    table.notes += [note] if note else []
    return table


def table_from_geojson(data: Any) -> Table:
    if isinstance(data, dict) and data.get("type") == "Feature":
        data = {"type": "FeatureCollection", "features": [data]}
    if not isinstance(data, dict) or not isinstance(data.get("features"), list):
        raise IngestError("GeoJSON must be a FeatureCollection with a 'features' list")
    feats = data["features"]
    seen: dict[str, None] = {}
    for f in feats[:2000]:
        if isinstance(f, dict) and isinstance(f.get("properties"), dict):
            try:
                seen.update(dict.fromkeys(flatten(f["properties"])))
            except TooDeep:
                continue
    columns = list(seen) + list(GEOM_COLUMNS)

    def rows() -> Iterator[tuple[int, Any]]:
        for n, f in enumerate(feats, start=1):
            yield n, _feature(f)

    return Table(columns, rows(), dict_rows=True)


def _feature(f: Any) -> dict:
    if isinstance(f, BadRecord):
        return f
    if not isinstance(f, dict):
        return BadRecord("not a GeoJSON feature")
    props = f.get("properties")
    if props is None:
        props = {}
    if not isinstance(props, dict):
        return BadRecord(f"'properties' is {_kind(props)}, not an object")
    try:
        rec = flatten(props)
    except TooDeep as exc:
        return BadRecord(str(exc))
    try:
        rec.update(_point(f.get("geometry")))
    except _BadGeometry as exc:
        return BadRecord(str(exc))
    return rec


class _BadGeometry(ValueError):
    pass


def _kind(v: Any) -> str:
    return {list: "a list", str: "text", int: "a number", float: "a number", bool: "true/false"}.get(
        type(v), type(v).__name__)


def _point(geom: Any) -> dict[str, Any]:
    if geom is None:
        return {}
    if not isinstance(geom, dict):
        raise _BadGeometry(f"geometry is {_kind(geom)}, not a GeoJSON object")
    gtype = geom.get("type")
    if gtype not in GEOMETRY_TYPES:
        raise _BadGeometry("geometry without a type" if gtype is None else
                           f"unknown geometry type {str(gtype)[:40]!r}")
    if gtype == "Point":
        c = geom.get("coordinates")
        if not isinstance(c, list) or len(c) < 2 or not all(_is_number(x) for x in c[:2]):
            raise _BadGeometry("a Point needs [longitude, latitude] numbers")
        lon, lat = float(c[0]), float(c[1])
        if not (math.isfinite(lat) and math.isfinite(lon)):
            raise _BadGeometry("a Point's coordinates are not finite numbers")
        return {"__latitude": lat, "__longitude": lon}
    from shapely.geometry import shape

    try:
        p = shape(geom).representative_point()
        if p.is_empty:
            raise _BadGeometry(f"empty {gtype} geometry")
        lat, lon = p.y, p.x
    except _BadGeometry:
        raise
    except Exception as exc:  # noqa: BLE001 - shapely/GEOS raise many kinds for bad input
        raise _BadGeometry(f"unreadable {gtype} geometry ({_reason(exc)})") from None
    if not (math.isfinite(lat) and math.isfinite(lon)):
        raise _BadGeometry(f"empty {gtype} geometry")
    return {"__latitude": lat, "__longitude": lon, "__geo_precision": 2}


def _is_number(x: Any) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def _reason(exc: Exception) -> str:
    text = str(exc).split(":", 1)[-1].strip() if "Exception:" in str(exc) else str(exc)
    return (text or exc.__class__.__name__)[:80]
