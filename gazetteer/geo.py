"""Point-in-polygon over the district polygons (shapely STRtree, built lazily)."""
from __future__ import annotations

from typing import TYPE_CHECKING

import shapely
from shapely.geometry import Point, shape

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

    def district_at(self, lat: float, lon: float) -> Place | None:
        pt = Point(float(lon), float(lat))
        hits = sorted(int(i) for i in self._tree.query(pt, predicate="intersects"))
        return self._places[hits[0]] if hits else None
