"""The offline folium map: shaded district polygons, events by geo precision, optional layers.

``build_map(...)`` returns a ``folium.Map`` that loads nothing from the network (unless the
user switches the OpenStreetMap tiles on): ``assets="served"`` references ``/app/static/...``
(Streamlit static serving), ``assets="inline"`` puts every script and style into the page.
"""
from __future__ import annotations

import html as _html
import re
import weakref
from typing import Any, Iterable, Mapping

import folium
import pandas as pd
from folium.plugins import HeatMap

from .. import assets as _assets
from ..filters import ViewState
from .data import (TYPE_COLOURS, TYPE_NAMES, ZERO_COLOUR, aggregate_halos, break_labels, halo_radius,
                       nice_breaks, normalise, place_names as _place_names, shade_colour)
from .encode import encode_points
from .index import IndexedPoints
from .layers import AreaHalos, DistrictLayer, Landmarks, MapStyle, OfflineSetup
from .points import EventPoints
from .legend import Legend

MAX_ZOOM = 18
CLUSTER_ABOVE: int | None = None  # cluster above this many exact points (None: never; canvas loads faster)
TILES_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
TILES_ATTR = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
TILES_NAME = "OpenStreetMap tiles (online)"


def _rounded(geom: Any, nd: int = 5) -> Any:
    if isinstance(geom, float):
        return round(geom, nd)
    if isinstance(geom, (list, tuple)):
        return [_rounded(g, nd) for g in geom]
    return geom


_GEOMS: "weakref.WeakKeyDictionary[Any, list[dict]]" = weakref.WeakKeyDictionary()


def _district_features(gazetteer: Any) -> list[dict]:
    """The district features with coordinates rounded to 5 decimals (cached per gazetteer)."""
    try:
        return _GEOMS[gazetteer]
    except (KeyError, TypeError):
        pass
    feats = []
    for f in gazetteer.districts_geojson().get("features", []):
        geom = dict(f.get("geometry") or {})
        if "coordinates" in geom:
            geom["coordinates"] = _rounded(geom["coordinates"])
        feats.append({"props": dict(f.get("properties") or {}), "geometry": geom})
    try:
        _GEOMS[gazetteer] = feats
    except TypeError:
        pass
    return feats


def _stats_lookup(district_stats: pd.DataFrame | None) -> dict[str, tuple[int, int]]:
    if district_stats is None or len(district_stats) == 0:
        return {}
    df = pd.DataFrame(district_stats)
    ev = pd.to_numeric(df.get("events", 0), errors="coerce").fillna(0).astype(int)
    fa = pd.to_numeric(df.get("fatalities", 0), errors="coerce").fillna(0).astype(int)
    return {str(d): (int(e), int(f)) for d, e, f in zip(df["district"], ev, fa) if pd.notna(d)}


def _districts_geojson(gazetteer: Any, stats: Mapping[str, tuple[int, int]], shade: str) -> tuple[dict, list[int], int]:
    col = 1 if shade == "fatalities" else 0
    values = [stats.get(str(f["props"].get("name", "")), (0, 0))[col] for f in _district_features(gazetteer)]
    breaks = nice_breaks(values)
    features = []
    for f, value in zip(_district_features(gazetteer), values):
        p = f["props"]
        name, name_ar = str(p.get("name", "")), str(p.get("name_ar", "") or "")
        ev, fa = stats.get(name, (0, 0))
        tip = (f"<b>{_html.escape(name)}</b>\n" + (f'<span dir="rtl">{_html.escape(name_ar)}</span>\n' if name_ar else "")
               + f"{ev:,} event{'s' if ev != 1 else ''} · {fa:,} fatalit{'ies' if fa != 1 else 'y'}")
        features.append({"type": "Feature", "geometry": f["geometry"], "properties": {
            "kind": "district", "id": p.get("id", ""), "name": name, "name_ar": name_ar,
            "events": ev, "fatalities": fa, "fc": shade_colour(value, breaks), "tip": tip}})
    return {"type": "FeatureCollection", "features": features}, breaks, max(values, default=0)


def _landmarks(gazetteer: Any) -> list[list[Any]]:
    out = []
    try:
        fc = gazetteer.landmarks_geojson()
    except Exception:  # noqa: BLE001 - no landmarks is not an error for the map
        return out
    for f in fc.get("features", []):
        g, p = f.get("geometry") or {}, f.get("properties") or {}
        if g.get("type") != "Point":
            continue
        lon, lat = g["coordinates"][:2]
        name = p.get("name") or p.get("FACILITY_N") or ""
        extra = p.get("name_ar") or p.get("Typology") or ""
        tip = _html.escape(str(name)) + (f"\n{_html.escape(str(extra))}" if extra else "")
        out.append([round(float(lat), 5), round(float(lon), 5), tip])
    return out


def _halo_rows(df: pd.DataFrame, label: pd.Series, why: str) -> list[list[Any]]:
    out = []
    for lat, lon, n, f, name in aggregate_halos(df, label=label):
        tip = (f"≈ {_html.escape(name or 'unnamed area')}\n{n:,} event{'s' if n != 1 else ''} {why}"
               f"\n{f:,} fatalit{'ies' if f != 1 else 'y'}")
        out.append([lat, lon, n, f, tip, halo_radius(n)])
    return out


def build_map(points: pd.DataFrame, district_stats: pd.DataFrame, view: ViewState, gazetteer: Any, *,
              assets: str = "served", height: int | str | None = None,
              cluster: bool | None = None, total_events: int | None = None) -> folium.Map:
    """The map for ``view``: ``points`` is ``EventStore.map_points(view)``, ``district_stats``
    is ``EventStore.district_stats(view)``. ``cluster=None`` clusters above ``CLUSTER_ABOVE`` points.

    The returned map has ``summary``: counts of events drawn as points, as area halos, and
    not drawn (city-level, unresolved), for captions.
    """
    mode = _assets.check_mode(assets)
    layers = set(view.layers)
    indexed = points if isinstance(points, IndexedPoints) else None
    df = indexed.frame if indexed is not None else normalise(points)
    has_xy = df["latitude"].notna() & df["longitude"].notna()
    prec = df["geo_precision"]
    city = prec == 3
    exact = has_xy & (prec.isna() | (prec == 1))
    area = has_xy & (prec == 2)
    unresolved = ~has_xy & ~city
    coarsened = exact & view.coarsen
    exact = exact & ~coarsened
    place_names = _place_names(gazetteer, df.loc[exact | area, "place_id"].unique())
    n_exact = int(exact.sum())
    use_cluster = (CLUSTER_ABOVE is not None and n_exact > CLUSTER_ABOVE) if cluster is None else cluster

    bundles = ("leaflet", "jquery") + (("markercluster",) if use_cluster and n_exact else ()) + \
        (("heat",) if "heat" in layers and (n_exact or coarsened.any()) else ())
    m = folium.Map(location=list(view.center), zoom_start=view.zoom, tiles=None, max_zoom=MAX_ZOOM,
                   min_zoom=3, prefer_canvas=False, control_scale=True,
                   height=height if height is not None else "100%")
    m.options["maxZoom"] = MAX_ZOOM
    m.default_js = _assets.links("leaflet", "js", mode) + _assets.links("jquery", "js", mode)
    m.default_css = _assets.links("leaflet", "css", mode)
    OfflineSetup(mode=mode, bundles=bundles).add_to(m)
    MapStyle().add_to(m)

    folium.TileLayer(TILES_URL, name=TILES_NAME, attr=TILES_ATTR, max_zoom=19, max_native_zoom=19,
                     overlay=True, control=True, show="tiles" in layers).add_to(m)

    stats = _stats_lookup(district_stats)
    gj, breaks, top = _districts_geojson(gazetteer, stats, view.shade)
    shade_word = "fatalities" if view.shade == "fatalities" else "events"
    DistrictLayer(gj, name=f"Districts (shaded by {shade_word})").add_to(m)

    label = df["place_id"].map(place_names).where(lambda s: s.notna() & (s != ""), df["location"])
    halos = _halo_rows(df[area], label, "located only to this area")
    if halos:
        AreaHalos(halos, name="Area-level events (halos)", show="areas" in layers).add_to(m)
    coarse_xy = df.loc[[], ["latitude", "longitude"]]
    coarse_halos: list[list[Any]] = []
    if view.coarsen and coarsened.any():
        reps = {p.name: (p.lat, p.lon) for p in gazetteer.districts() if p.lat is not None}
        c = df[coarsened].copy()
        rep = c["district"].map(reps)
        ok = rep.notna()
        c.loc[ok, "latitude"] = rep[ok].map(lambda t: t[0])
        c.loc[ok, "longitude"] = rep[ok].map(lambda t: t[1])
        c.loc[~ok, ["latitude", "longitude"]] = c.loc[~ok, ["latitude", "longitude"]].round(2)
        coarse_halos = _halo_rows(c, c["district"].where(c["district"] != "", "near here"), "(exact places hidden)")
        coarse_xy = c[["latitude", "longitude"]]
        # They stand in for the points: shown with the points layer, whatever the area halos do.
        AreaHalos(coarse_halos, name="Events, coarsened to districts", show="points" in layers).add_to(m)

    if n_exact:
        payload = (indexed.encoder.payload(indexed.rows[exact.to_numpy()]) if indexed is not None
                   else encode_points(df[exact], place_names=place_names))
        EventPoints(payload, name="Events (exact places)", cluster=use_cluster, show="points" in layers,
                    mode=mode).add_to(m)
    if "heat" in layers and (n_exact or len(coarse_xy)):
        xy = pd.concat([df.loc[exact, ["latitude", "longitude"]], coarse_xy]).round(3)
        cells = xy.groupby(["latitude", "longitude"]).size().reset_index(name="w")
        heat = HeatMap(cells.to_numpy().tolist(), name="Heat map (exact events)", radius=18, blur=14,
                       min_opacity=0.35, max_zoom=MAX_ZOOM, show=True)
        heat.options["max"] = float(max(1.0, cells["w"].quantile(0.95)))
        heat.default_js = _assets.links("heat", "js", mode)
        heat.add_to(m)
    marks = _landmarks(gazetteer)
    if marks:
        Landmarks(marks, show="landmarks" in layers).add_to(m)
    folium.LayerControl(collapsed=True, position="topright").add_to(m)

    # map_points holds the events with coordinates; the rest of the filtered events (``total_events``,
    # when given) have none: their place name did not resolve.
    no_xy = max(0, int(total_events) - len(df)) if total_events is not None else 0
    summary = {"events": len(df) + no_xy, "points": n_exact, "area": int(area.sum()),
               "halos": len(halos) + len(coarse_halos), "coarsened": int(coarsened.sum()), "city": int(city.sum()),
               "unresolved": int(unresolved.sum()) + no_xy}
    m.summary = summary  # type: ignore[attr-defined]
    spec = _legend_spec(breaks, top, shade_word, summary, df[exact], layers)
    if marks and "landmarks" in layers:
        spec["landmarks"] = "Cultural landmark"
    Legend(spec, position="bottomright").add_to(m)
    return m


def _legend_spec(breaks: list[int], top: int, shade_word: str, s: dict[str, int], exact: pd.DataFrame,
                 layers: Iterable[str] = ("points", "areas")) -> dict:
    layers = set(layers)
    classes = [[ZERO_COLOUR, f"0 {shade_word}"]] + [
        [shade_colour(b, breaks), lab] for b, lab in zip(breaks, break_labels(breaks, top))]
    present = set(pd.unique(exact["event_type"])) if len(exact) else set()
    types = [[c, n] for c, n in zip(TYPE_COLOURS[:-1], TYPE_NAMES[:-1])]
    if present - set(TYPE_NAMES[:-1]):
        types.append([TYPE_COLOURS[-1], TYPE_NAMES[-1]])
    points_on, areas_on = "points" in layers, "areas" in layers
    if points_on:
        notes = [f"{s['points']:,} of {s['events']:,} events drawn as points (exact place)."]
    else:
        notes = [f"{s['points']:,} of {s['events']:,} events have an exact place (points layer off)."]
    not_drawn = []
    if s["area"]:
        not_drawn.append(f"{s['area']:,} known only to an area ({'dashed halos' if areas_on else 'halos layer off'})")
    if s["coarsened"]:
        not_drawn.append(f"{s['coarsened']:,} coarsened to their district ({'halos' if points_on else 'points layer off'})")
    if s["city"]:
        not_drawn.append(f"{s['city']:,} known only to the city (not drawn)")
    if s["unresolved"]:
        not_drawn.append(f"{s['unresolved']:,} with an unresolved place name (not drawn)")
    if not_drawn:
        notes.append("Not drawn as points: " + "; ".join(not_drawn) + ".")
    halo = "Area-level events (size = count)" if (s["area"] and areas_on) or (s["coarsened"] and points_on) else ""
    return {"title": f"Districts: {shade_word} (filtered)", "classes": classes,
            "types_title": "Events by type" if points_on else "", "types": types if points_on else [],
            "halo": halo, "notes": notes}


def map_html(m: folium.Map) -> str:
    """The complete standalone HTML page of a map."""
    return m.get_root().render()


_LOADERS = (
    re.compile(r"<(?:script|img|iframe|embed|source|audio|video|track|input)\b[^>]*?\ssrc\s*=\s*[\"']?\s*((?:https?:)?//[^\s\"'>]+)", re.I),
    re.compile(r"<link\b[^>]*?\shref\s*=\s*[\"']?\s*((?:https?:)?//[^\s\"'>]+)", re.I),
    re.compile(r"<object\b[^>]*?\sdata\s*=\s*[\"']?\s*((?:https?:)?//[^\s\"'>]+)", re.I),
    re.compile(r"\ssrcset\s*=\s*[\"']?\s*((?:https?:)?//[^\s\"'>,]+)", re.I),
    re.compile(r"url\(\s*[\"']?\s*((?:https?:)?//[^\s\"')]+)", re.I),
    re.compile(r"@import\s+[\"']((?:https?:)?//[^\"']+)", re.I),
)
_TILE_VAR = re.compile(r"var\s+([\w$]+)\s*=\s*L\.tileLayer\(\s*\"((?:https?:)?//[^\"]+)\"", re.I)


def offline_check(html: str) -> list[str]:
    """Every http(s) URL the page would load to render (empty for an offline page).

    Looks at script/link/img/iframe sources, CSS ``url()``/``@import`` and tile layers that
    are added to the map; links a user may click (popups, attribution) are not loads.
    """
    found: list[str] = []
    for rx in _LOADERS:
        found += rx.findall(html)
    for var, url in _TILE_VAR.findall(html):
        if re.search(re.escape(var) + r"\s*\.addTo\(", html):
            found.append(url)
    return list(dict.fromkeys(found))


def district_from_click(returned: Mapping[str, Any] | None, names: Iterable[str] | None = None) -> str | None:
    """The district a user clicked, from ``st_folium``'s return value (or None).

    Reads ``last_active_drawing`` (properties ``kind == "district"``, ``name``) or else the first
    line of ``last_object_clicked_tooltip``; with ``names``, only a known district name counts.
    """
    if not returned:
        return None
    known = set(names) if names is not None else None
    drawing = returned.get("last_active_drawing") or {}
    props = drawing.get("properties") if isinstance(drawing, Mapping) else None
    candidate = None
    if isinstance(props, Mapping) and props.get("kind") == "district" and props.get("name"):
        candidate = str(props["name"])
    else:
        tip = returned.get("last_object_clicked_tooltip")
        if isinstance(tip, str) and tip.strip() and not tip.lstrip().startswith("≈"):
            candidate = tip.strip().splitlines()[0].strip()
    if candidate is None or (known is not None and candidate not in known):
        return None
    return candidate
