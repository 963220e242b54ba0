"""District data for the map: the polygons shaded by a count, and where their names go.

The features are read from the gazetteer once per gazetteer (coordinates rounded to 5
decimals, ~1 m); each map then only adds its counts and colours.
"""
from __future__ import annotations

import html as _html
import weakref
from typing import Any, Mapping

import pandas as pd

from .data import nice_breaks, shade_colour


def _rounded(geom: Any, nd: int = 5) -> Any:
    if isinstance(geom, float):
        return round(geom, nd)
    if isinstance(geom, (list, tuple)):
        return [_rounded(g, nd) for g in geom]
    return geom


_GEOMS: "weakref.WeakKeyDictionary[Any, list[dict]]" = weakref.WeakKeyDictionary()


def district_features(gazetteer: Any) -> list[dict]:
    """The district features (``props``, ``geometry``, ``bbox``), cached per gazetteer."""
    try:
        return _GEOMS[gazetteer]
    except (KeyError, TypeError):
        pass
    feats = []
    for f in gazetteer.districts_geojson().get("features", []):
        geom = dict(f.get("geometry") or {})
        if "coordinates" in geom:
            geom["coordinates"] = _rounded(geom["coordinates"])
        feats.append({"props": dict(f.get("properties") or {}), "geometry": geom, "bbox": _bbox(geom)})
    try:
        _GEOMS[gazetteer] = feats
    except TypeError:
        pass
    return feats


def _bbox(geom: dict) -> list[float] | None:
    """``[south, west, north, east]`` of a GeoJSON geometry (None when it has no points)."""
    xs: list[float] = []
    ys: list[float] = []

    def walk(c: Any) -> None:
        if isinstance(c, (list, tuple)) and len(c) >= 2 and all(isinstance(v, (int, float)) for v in c[:2]):
            xs.append(float(c[0]))
            ys.append(float(c[1]))
        elif isinstance(c, (list, tuple)):
            for part in c:
                walk(part)

    walk(geom.get("coordinates"))
    return [min(ys), min(xs), max(ys), max(xs)] if xs else None


def stats_lookup(district_stats: pd.DataFrame | None) -> dict[str, tuple[int, int]]:
    """``{district: (events, fatalities)}`` from ``EventStore.district_stats``."""
    if district_stats is None or len(district_stats) == 0:
        return {}
    df = pd.DataFrame(district_stats)
    ev = pd.to_numeric(df.get("events", 0), errors="coerce").fillna(0).astype(int)
    fa = pd.to_numeric(df.get("fatalities", 0), errors="coerce").fillna(0).astype(int)
    return {str(d): (int(e), int(f)) for d, e, f in zip(df["district"], ev, fa) if pd.notna(d)}


def districts_geojson(gazetteer: Any, stats: Mapping[str, tuple[int, int]], shade: str,
                      damage: Mapping[str, int] | None = None) -> tuple[dict, list[int], int]:
    """(shaded FeatureCollection, class breaks, largest value) for the district layer;
    ``damage``: damage sites per district (evidence), for the "damage" shading and the tooltips."""
    col = 1 if shade == "fatalities" else 0
    feats_in = district_features(gazetteer)
    if shade == "damage":
        values = [int((damage or {}).get(str(f["props"].get("name", "")), 0)) for f in feats_in]
    else:
        values = [stats.get(str(f["props"].get("name", "")), (0, 0))[col] for f in feats_in]
    breaks = nice_breaks(values)
    features = []
    for f, value in zip(feats_in, values):
        p = f["props"]
        name, name_ar = str(p.get("name", "")), str(p.get("name_ar", "") or "")
        ev, fa = stats.get(name, (0, 0))
        tip = (f"<b>{_html.escape(name)}</b>\n" + (f'<span dir="rtl">{_html.escape(name_ar)}</span>\n' if name_ar else "")
               + f"{ev:,} event{'s' if ev != 1 else ''} · {fa:,} fatalit{'ies' if fa != 1 else 'y'}")
        if damage is not None:
            dm = int(damage.get(name, 0))
            tip += f"\n{dm:,} damage site{'s' if dm != 1 else ''} (satellite evidence)"
        features.append({"type": "Feature", "geometry": f["geometry"], "properties": {
            "kind": "district", "id": p.get("id", ""), "name": name, "name_ar": name_ar,
            "events": ev, "fatalities": fa, "fc": shade_colour(value, breaks), "tip": tip}})
    return {"type": "FeatureCollection", "features": features}, breaks, max(values, default=0)


def label_rows(gazetteer: Any, lang: str = "en") -> list[list[Any]]:
    """One label per district: ``[lat, lon, name, south, west, north, east]``, the largest
    districts first (they win a place when names would collide). The point is the place's
    representative point (inside its polygon); the name is Arabic for an Arabic interface."""
    points = {}
    for p in gazetteer.districts():
        if p.lat is not None and p.lon is not None:
            points[p.name] = (float(p.lat), float(p.lon))
    rows = []
    for f in district_features(gazetteer):
        props, box = f["props"], f["bbox"]
        name = str(props.get("name", "") or "")
        shown = (str(props.get("name_ar", "") or "") or name) if lang == "ar" else name
        at = points.get(name)
        if not (shown and box and at):
            continue
        rows.append([round(at[0], 5), round(at[1], 5), shown, *[round(v, 5) for v in box]])
    rows.sort(key=lambda r: -(r[5] - r[3]) * (r[6] - r[4]))
    return rows


__all__ = ["district_features", "districts_geojson", "label_rows", "stats_lookup"]
