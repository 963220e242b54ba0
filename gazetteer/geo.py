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
        # Degrees of longitude are shorter than of latitude: measure in a locally scaled frame.
        scale = math.cos(math.radians(float(lat)))
        near = self._tree.query(pt.buffer(within_m / _M_PER_DEG / scale))
        best, best_m = None, within_m
        for i in sorted(int(i) for i in near):
            a, b = nearest_points(self._geoms[i], pt)
            m = math.hypot((a.x - b.x) * scale, a.y - b.y) * _M_PER_DEG
            if m <= best_m:
                best, best_m = self._places[i], m
        return best
