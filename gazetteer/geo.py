"""Point-in-polygon over the district polygons (shapely STRtree, built lazily)."""
from __future__ import annotations

from typing import TYPE_CHECKING

import math

import shapely
from shapely.geometry import Point, shape
from shapely.ops import nearest_points

_M_PER_DEG = 111_320.0

if TYPE_CHECKING:
    from .core import Gazetteer
    from .model import Place


class GeoIndex:
    """The districts' geometries with a spatial index; neighbourhoods win over landmark areas."""

    def __init__(self, gaz: Gazetteer):
        self._places = gaz.districts()
        # landmark areas (airport, parks) are checked after neighbourhoods when both contain a point
        self._places.sort(key=lambda p: p.kind != "neighbourhood")
        self._geoms = [shape({"type": "MultiPolygon", "coordinates": gaz._raw[p.id]["geometry"]}) for p in self._places]
        for g in self._geoms:
            shapely.prepare(g)
        self._tree = shapely.STRtree(self._geoms)

    def district_at(self, lat: float, lon: float, *, within_m: float = 0.0) -> Place | None:
        """The district containing the point; with ``within_m``, else the nearest one that
        close (the polygons leave streets, wadis and open ground between them)."""
        pt = Point(float(lon), float(lat))
        hits = sorted(int(i) for i in self._tree.query(pt, predicate="intersects"))
        if hits:
            return self._places[hits[0]]
        if within_m <= 0:
            return None
        # One vectorised nearest query within the radius (in degrees of longitude, the larger
        # count), then the exact distance in metres for the district it found.
        scale = math.cos(math.radians(float(lat)))
        idx, dist = self._tree.query_nearest(pt, max_distance=within_m / _M_PER_DEG / scale, return_distance=True)
        if not len(idx):
            return None
        i = int(min(idx))
        a, b = nearest_points(self._geoms[i], pt)
        metres = math.hypot((a.x - b.x) * scale, a.y - b.y) * _M_PER_DEG
        return self._places[i] if metres <= within_m else None
