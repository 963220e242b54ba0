"""The offline folium map: shaded district polygons with their names, one mark per spot of
exact events, area halos, optional layers, a legend and a "Zoom to results" button.

``build_map(...)`` returns a ``folium.Map`` that loads nothing from the network (unless the
user switches the OpenStreetMap tiles on): ``assets="served"`` references ``/app/static/...``
(Streamlit static serving), ``assets="inline"`` puts every script and style into the page.
"""
from __future__ import annotations

import html as _html
import re
from typing import Any, Iterable, Mapping

import folium
import numpy as np
import pandas as pd
from folium.plugins import HeatMap

from .. import assets as _assets
from ..filters import ViewState
from ..i18n import N_, place_names_in, t
from ..sources import place_lookup
from .data import ROW_BUDGET, aggregate_halos, halo_radius, normalise, place_names as _place_names
from .direction import add_text_direction
from .districts import districts_geojson, label_rows, stats_lookup
from .evidence import DamageLegend, DamageSites, damage_by_district
from .encode import PointEncoder, kind_index
from .index import IndexedPoints
from .labels import DistrictLabels, ZoomToResults
from .layers import ATTRIBUTION, AreaHalos, DistrictLayer, Landmarks, MapStyle, OfflineSetup
from .legend import Legend, legend_spec
from .points import EventMarks, mark_payload
from .spots import TYPES, group_spots, spot_labels
from .theme import MapTheme

MAX_ZOOM = 18
TILES_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
TILES_ATTR = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
TILES_NAME = N_("OpenStreetMap tiles (online)")


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


def _halo_rows(df: pd.DataFrame, label: pd.Series, why: str, lang: str = "en") -> list[list[Any]]:
    out = []
    for lat, lon, n, f, name in aggregate_halos(df, label=label):
        if lang == "en":
            tip = (f"≈ {_html.escape(name or 'unnamed area')}\n{n:,} event{'s' if n != 1 else ''} {why}"
                   f"\n{f:,} fatalit{'ies' if f != 1 else 'y'}")
        else:  # counts as "events: n" (no plural forms to agree), the reason in brackets
            tip = (f"≈ {_html.escape(t(name, lang) if name == 'near here' else name or t('unnamed area', lang))}\n"
                   f"{t('{n} events', lang, n=f'{n:,}')} ({t(why, lang).strip('()')})\n"
                   f"{t('{n} fatalities', lang, n=f'{f:,}')}")
        out.append([lat, lon, n, f, tip, halo_radius(n)])
    return out


def _labels(df: pd.DataFrame, names: Mapping[str, str]) -> pd.Series:
    """Each event's place: the gazetteer's name of its place, else the place as written."""
    pid, loc = df["place_id"], df["location"]
    if isinstance(pid.dtype, pd.CategoricalDtype):  # one lookup per place, not per event
        per = pd.Series(pid.cat.categories, dtype=object).map(names).fillna("").to_numpy(dtype=object)
        codes = pid.cat.codes.to_numpy()
        if isinstance(loc.dtype, pd.CategoricalDtype) and set(loc.cat.categories) <= {""}:
            to, cats = pd.factorize(np.append(per, ""))  # nothing written to fall back on: stay categorical
            return pd.Series(pd.Categorical.from_codes(np.where(codes >= 0, to[np.maximum(codes, 0)], to[-1]),
                                                       categories=list(cats)), index=df.index)
        named = pd.Series(np.where(codes >= 0, per[np.maximum(codes, 0)] if len(per) else "", ""), index=df.index,
                          dtype=object)
    else:
        named = pid.map(names).astype(object).fillna("")
    return named.where(named != "", loc.astype(object).fillna(""))


def _rows_payload(points: Any, df: pd.DataFrame, positions: np.ndarray) -> dict[str, Any]:
    """The popup rows of ``df``'s rows at ``positions``: from the index's encoder (or any
    source with ``payload_of``, which may fetch them), else encoded from the frame itself."""
    if hasattr(points, "payload_of"):
        return points.payload_of(positions)
    return PointEncoder(df.take(positions).reset_index(drop=True)).payload()


def _bounds(frames: Iterable[pd.DataFrame]) -> list[list[float]] | None:
    """``[[south, west], [north, east]]`` of every drawn event (None when nothing is drawn)."""
    parts = [f[["latitude", "longitude"]] for f in frames]
    xy = pd.concat(parts) if parts else pd.DataFrame(columns=["latitude", "longitude"])
    if xy.empty:
        return None
    return [[float(xy["latitude"].min()), float(xy["longitude"].min())],
            [float(xy["latitude"].max()), float(xy["longitude"].max())]]


def build_map(points: Any, district_stats: pd.DataFrame, view: ViewState, gazetteer: Any, *,
              assets: str = "served", height: int | str | None = None, total_events: int | None = None,
              row_budget: int = ROW_BUDGET, fit: bool = False, more: dict[str, Any] | None = None,
              damage: pd.DataFrame | None = None) -> folium.Map:
    """The map for ``view``: ``points`` is ``EventStore.map_points(view)`` (or an indexed
    selection of it, see :mod:`dashboard.map.index`), ``district_stats`` is
    ``EventStore.district_stats(view)``; ``damage`` is ``EventStore.damage_points(view)``, the
    evidence layer (satellite damage sites: drawn, shaded and counted apart from events).

    Exact events become one mark per spot; the popups carry at most ``row_budget`` rows
    (each spot's newest), ``more`` says where the app serves the others. ``fit`` opens the
    map framed on the drawn events instead of at the view's centre and zoom.

    The returned map has ``summary``: counts of events drawn as marks (and the marks),
    as area halos, and not drawn (city-level, unresolved), for captions; and ``bounds``.
    """
    mode = _assets.check_mode(assets)
    layers, lang = set(view.layers), view.lang
    df = points.frame if hasattr(points, "frame") else normalise(points)
    has_xy = df["latitude"].notna() & df["longitude"].notna()
    prec = df["geo_precision"]
    city = prec == 3
    exact = has_xy & (prec.isna() | (prec == 1))
    area = has_xy & (prec == 2)
    unresolved = ~has_xy & ~city
    coarsened = exact & view.coarsen
    exact = exact & ~coarsened
    names = (dict(points.place_names) if hasattr(points, "place_names")
             else _place_names(gazetteer, df.loc[exact | area, "place_id"].unique()))
    if shown := place_names_in(gazetteer, lang):  # Arabic: places (halos, popups) by their Arabic names
        names = {pid: shown.get(n, n) for pid, n in names.items()}
    n_exact = int(exact.sum())

    bundles = ("leaflet", "jquery") + (("heat",) if "heat" in layers and (n_exact or coarsened.any()) else ())
    m = folium.Map(location=list(view.center), zoom_start=view.zoom, tiles=None, max_zoom=MAX_ZOOM,
                   min_zoom=3, prefer_canvas=False, control_scale=True,
                   height=height if height is not None else "100%")
    m.options["maxZoom"] = MAX_ZOOM
    # A closed popup goes at once: with Leaflet's fade it stays in the page for 200 ms, under the
    # next click, so a quick click on a mark after Escape showed the old popup beside the new one.
    m.options["fadeAnimation"] = False
    if fit:
        m.options["zoomSnap"] = 0.25  # a frame fitted to the events, not to the next whole zoom level
    m.default_js = _assets.links("leaflet", "js", mode) + _assets.links("jquery", "js", mode)
    m.default_css = _assets.links("leaflet", "css", mode)
    OfflineSetup(mode=mode, bundles=bundles, attribution=t(ATTRIBUTION, view.lang)).add_to(m)
    MapStyle().add_to(m)

    folium.TileLayer(TILES_URL, name=t(TILES_NAME, lang), attr=TILES_ATTR, max_zoom=19, max_native_zoom=19,
                     overlay=True, control=True, show="tiles" in layers).add_to(m)

    per_district = damage_by_district(damage) if damage is not None else None
    gj, breaks, top = districts_geojson(gazetteer, stats_lookup(district_stats), view.shade, per_district)
    DistrictLayer(gj, name={"fatalities": t("Districts (shaded by fatalities)", lang),
                            "damage": t("Districts (shaded by damage sites)", lang)}.get(
                                view.shade, t("Districts (shaded by events)", lang))).add_to(m)

    label = _labels(df, names)
    areas = df.loc[area, ["latitude", "longitude", "fatalities"]]
    halos = _halo_rows(areas, label, N_("located only to this area"), lang)
    if halos:
        AreaHalos(halos, name=t("Area-level events (halos)", lang), show="areas" in layers).add_to(m)
    coarse_xy = df.loc[[], ["latitude", "longitude"]]
    coarse_halos: list[list[Any]] = []
    if view.coarsen and coarsened.any():
        reps = {p.name: (p.lat, p.lon) for p in gazetteer.districts() if p.lat is not None}
        c = df[coarsened].copy()
        c["district"] = c["district"].astype(object).fillna("")
        rep = c["district"].map(reps)
        ok = rep.notna()
        c.loc[ok, "latitude"] = rep[ok].map(lambda v: v[0])
        c.loc[ok, "longitude"] = rep[ok].map(lambda v: v[1])
        c.loc[~ok, ["latitude", "longitude"]] = c.loc[~ok, ["latitude", "longitude"]].round(2)
        coarse_halos = _halo_rows(c, c["district"].where(c["district"] != "", N_("near here")),
                                  N_("(exact places hidden)"), lang)
        coarse_xy = c[["latitude", "longitude"]]
        # They stand in for the marks: shown with the marks layer, whatever the area halos do.
        AreaHalos(coarse_halos, name=t("Events, coarsened to districts", lang), show="points" in layers).add_to(m)

    exact_pos = np.flatnonzero(exact.to_numpy())  # columns are taken at these positions, not whole frames
    ex = pd.DataFrame({c: df[c].to_numpy()[exact_pos] for c in ("latitude", "longitude")})
    spots = group_spots(ex["latitude"].to_numpy(), ex["longitude"].to_numpy(),
                        kind_index(df["event_type"].take(exact_pos)), df["event_date"].to_numpy()[exact_pos],
                        budget=row_budget)
    if n_exact:
        rows = _rows_payload(points, df, exact_pos[spots.rows])
        labels = spot_labels(spots, label.take(exact_pos), df["district"].take(exact_pos))
        if shown:
            labels = [[shown.get(a, a), shown.get(b, b)] for a, b in labels]
        first = np.concatenate([[0], np.cumsum(spots.shown)[:-1]])
        for i in np.flatnonzero([not lab[0] for lab in labels]):  # no name: the place as its newest event writes it
            labels[i][0] = rows["s"][rows["p"][first[i] * rows["k"] + 7]]
        ids = None if more else {rows["s"][x] for x, _ in rows.get("lp", ())}  # served rows may name any place
        payload = mark_payload(spots, labels, rows, more=more, places=place_lookup(gazetteer, lang, ids))
        EventMarks(payload, name=t("Events at exact places (marks)", lang), show="points" in layers,
                   lang=lang).add_to(m)
    if "heat" in layers and (n_exact or len(coarse_xy)):
        xy = pd.concat([ex[["latitude", "longitude"]], coarse_xy]).round(3)
        cells = xy.groupby(["latitude", "longitude"]).size().reset_index(name="w")
        heat = HeatMap(cells.to_numpy().tolist(), name=t("Heat map (exact events)", lang), radius=18, blur=14,
                       min_opacity=0.35, max_zoom=MAX_ZOOM, show=True)
        heat.options["max"] = float(max(1.0, cells["w"].quantile(0.95)))
        heat.default_js = _assets.links("heat", "js", mode)
        heat.add_to(m)
    n_damage = 0 if damage is None else int(len(damage))
    if n_damage:  # after the event marks: their picker takes a click first
        DamageSites(damage, lang=lang, show="damage" in layers).add_to(m)
    marks = _landmarks(gazetteer)
    if marks:
        Landmarks(marks, name=t("Cultural landmarks", lang), show="landmarks" in layers).add_to(m)
    DistrictLabels(label_rows(gazetteer, lang), name=t("District names", lang)).add_to(m)
    folium.LayerControl(collapsed=True, position="topright").add_to(m)

    # map_points holds the events with coordinates; the rest of the filtered events (``total_events``,
    # when given) have none: their place name did not resolve.
    no_xy = max(0, int(total_events) - len(df)) if total_events is not None else 0
    summary = {"events": len(df) + no_xy, "points": n_exact, "marks": len(spots), "area": int(area.sum()),
               "halos": len(halos) + len(coarse_halos), "coarsened": int(coarsened.sum()), "city": int(city.sum()),
               "unresolved": int(unresolved.sum()) + no_xy, "damage": n_damage}
    m.summary = summary  # type: ignore[attr-defined]
    drawn = [ex] if "points" in layers else []
    drawn += [areas] if "areas" in layers else []
    drawn += [coarse_xy] if "points" in layers else []
    m.bounds = _bounds(drawn) or _bounds([ex, areas, coarse_xy])  # type: ignore[attr-defined]
    mix = spots.mix.sum(axis=0) if len(spots) else np.zeros(TYPES, np.int64)
    spec = legend_spec(breaks, top, view.shade, summary, mix, int(spots.count.max()) if len(spots) else 0,
                       layers, lang)
    if marks and "landmarks" in layers:
        spec["landmarks"] = t("Cultural landmark", lang)
    Legend(spec, position="bottomright").add_to(m)
    if n_damage:
        DamageLegend(damage, lang=lang, shown="damage" in layers).add_to(m)
    if m.bounds:
        ZoomToResults(m.bounds, label=t("Zoom to results", lang),
                      title=t("Frame the filtered events on the map", lang), fit=fit).add_to(m)
    add_text_direction(m, lang)  # Arabic: legends, layer list, popups and tooltips right to left
    MapTheme(label=t("Map of Aleppo. Arrow keys move the map, plus and minus zoom, R frames the results, L shows or hides the legends.", lang),
             keys=t("Arrows: move · + −: zoom · R: zoom to results · L: legends", lang),
             wait=t("Drawing the map…", lang)).add_to(m)
    return m


def map_html(m: folium.Map) -> str:
    """The complete standalone HTML page of a map."""
    return m.get_root().render()


_LOADERS = (
    re.compile(r"<(?:script|img|iframe|embed|source|audio|video|track|input)\b[^>]*?\ssrc\s*=\s*[\"']?\s*((?:https?:)?//[^\s\"'>]+)", re.I),
    re.compile(r"<link\b[^>]*?\shref\s*=\s*[\"']?\s*((?:https?:)?//[^\s\"'>]+)", re.I),
    re.compile(r"<object\b[^>]*?\sdata\s*=\s*[\"']?\s*((?:https?:)?//[^\s\"'>]+)", re.I),
    re.compile(r"\ssrcset\s*=\s*[\"']?\s*((?:https?:)?//[^\s\"'>,]+)", re.I),
)
# CSS loads only where CSS is: <style> elements and style="..." attributes. Event text embedded
# in the page (escaped JSON in scripts, escaped HTML in the caption) may say "url(https://...)"
# or "@import 'http...'" without loading anything.
_CSS_PARTS = re.compile(r"<style\b[^>]*>(.*?)</style\s*>|\sstyle\s*=\s*(?:\"([^\"]*)\"|'([^']*)')", re.I | re.S)
_CSS_LOADERS = (
    re.compile(r"url\(\s*[\"']?\s*((?:https?:)?//[^\s\"')]+)", re.I),
    re.compile(r"@import\s+(?:url\(\s*)?[\"']?((?:https?:)?//[^\"')\s;]+)", re.I),
)
_TILE_VAR = re.compile(r"var\s+([\w$]+)\s*=\s*L\.tileLayer\(\s*\"((?:https?:)?//[^\"]+)\"", re.I)


def offline_check(html: str) -> list[str]:
    """Every http(s) URL the page would load to render (empty for an offline page).

    Looks at script/link/img/iframe sources, CSS ``url()``/``@import`` in ``<style>`` elements
    and ``style`` attributes, and tile layers that are added to the map: the page's own code,
    not the event text it carries. Links a user may click (popups, attribution) are not loads.
    """
    found: list[str] = []
    for rx in _LOADERS:
        found += rx.findall(html)
    for m in _CSS_PARTS.finditer(html):
        css = _html.unescape(next(g for g in m.groups() if g is not None))
        for rx in _CSS_LOADERS:
            found += rx.findall(css)
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
