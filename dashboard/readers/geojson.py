"""GeoJSON FeatureCollections: feature properties are the columns; the geometry gives
``__latitude``/``__longitude`` (a Point's coordinates, or a representative point of
other geometries, then with ``__geo_precision`` 2)."""
from __future__ import annotations

import io
import json
from typing import IO, Any, Iterator

from ..errors import IngestError
from . import Table, decode_guess
from .jsonfmt import BadRecord, flatten

GEOM_COLUMNS = ("__latitude", "__longitude", "__geo_precision")


def read_geojson(binary: IO[bytes], *, head: bytes = b"") -> Table:
    """Features of a GeoJSON document."""
    try:
        data = json.load(io.TextIOWrapper(binary, encoding=decode_guess(head)))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise IngestError(f"not valid GeoJSON ({exc})") from exc
    return table_from_geojson(data)


def table_from_geojson(data: Any) -> Table:
    if isinstance(data, dict) and data.get("type") == "Feature":
        data = {"type": "FeatureCollection", "features": [data]}
    if not isinstance(data, dict) or not isinstance(data.get("features"), list):
        raise IngestError("GeoJSON must be a FeatureCollection with a 'features' list")
    feats = data["features"]
    seen: dict[str, None] = {}
    for f in feats[:2000]:
        if isinstance(f, dict) and isinstance(f.get("properties"), dict):
            seen.update(dict.fromkeys(flatten(f["properties"])))
    columns = list(seen) + list(GEOM_COLUMNS)

    def rows() -> Iterator[tuple[int, Any]]:
        for n, f in enumerate(feats, start=1):
            if not isinstance(f, dict):
                yield n, BadRecord("not a GeoJSON feature")
                continue
            rec = flatten(f.get("properties") or {})
            try:
                rec.update(_point(f.get("geometry")))
            except (TypeError, ValueError, KeyError, IndexError):
                yield n, BadRecord("unreadable geometry")
                continue
            yield n, rec

    return Table(columns, rows(), dict_rows=True)


def _point(geom: Any) -> dict[str, Any]:
    if not geom:
        return {}
    if geom.get("type") == "Point":
        lon, lat = geom["coordinates"][:2]
        return {"__latitude": float(lat), "__longitude": float(lon)}
    from shapely.geometry import shape

    p = shape(geom).representative_point()
    return {"__latitude": p.y, "__longitude": p.x, "__geo_precision": 2}
