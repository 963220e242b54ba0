"""The standalone HTML snapshot: one file, no network, no server.

Everything is inlined (Leaflet, plugins, CSS, the events and the district
polygons) by ``mapview.build_map(..., assets="inline")``; a caption states the
filters, the counts, the sources and when the file was made.

Decision on the base map: tiles need the network, so a snapshot never has a
tile layer, even when the view shows one; the caption then says "Base map
tiles omitted". The district polygons give the geography instead.

Framing: by default a snapshot opens framed on the filtered events (``fit=True``),
not at the centre and zoom the user last had on screen; ``fit=False`` keeps the view's.

To keep files small, coordinates are rounded to what the geo precision
supports (precision 1: 5 decimals, ~1 m; 2: 4 decimals; 3: 3 decimals) and,
when the view is coarsened, every point is its district's representative point.
"""
from __future__ import annotations

import html
from dataclasses import replace
from datetime import datetime, timezone
from typing import Any

import pandas as pd

from .caption import DEFAULT_TITLE, Caption, CaptionInfo
from ..errors import SnapshotError
from ..filters import ViewState
from ..i18n import place_names_in, t
from .export import coarsen_points, coordinate_columns

__all__ = ["snapshot_html", "round_points", "snapshot_view", "DECIMALS"]

DECIMALS = {1: 5, 2: 4, 3: 3}
LEAN_ABOVE = 200_000  # events in the store above which a snapshot reads them as numbers (dashboard.map.lean)
SNAPSHOT_ROWS = 60_000  # popup rows a file carries (each place's newest; the popup says what is left out)
DEFAULT_DECIMALS = 4


def snapshot_view(view: ViewState) -> ViewState:
    """The view drawn in a snapshot: the same, without the (online) tile layer."""
    return replace(view, layers=tuple(x for x in view.layers if x != "tiles"))


def round_points(points: pd.DataFrame) -> pd.DataFrame:
    """A copy with coordinates rounded to what each row's ``geo_precision`` supports."""
    if points.empty:
        return points.copy()
    lat_col, lon_col = coordinate_columns(points)
    prec_col = next((c for c in ("geo_precision", "precision") if c in points.columns), None)
    out = points.copy()
    lat = pd.to_numeric(out[lat_col], errors="coerce").astype("float64")
    lon = pd.to_numeric(out[lon_col], errors="coerce").astype("float64")
    if prec_col is None:
        decimals = pd.Series(DEFAULT_DECIMALS, index=out.index)
    else:
        p = pd.to_numeric(out[prec_col], errors="coerce")
        decimals = p.map(lambda v: DECIMALS.get(int(v), DEFAULT_DECIMALS) if pd.notna(v) else DEFAULT_DECIMALS)
    for d in sorted(set(decimals)):
        rows = decimals == d
        lat[rows] = lat[rows].round(int(d))
        lon[rows] = lon[rows].round(int(d))
    out[lat_col], out[lon_col] = lat, lon
    return out


def _sources(store: Any, view: ViewState, points: pd.DataFrame, events: int) -> list[tuple[str, int]]:
    """(source, events) for every event of the view, most first."""
    if "source" in points.columns and len(points) >= events:
        col = points["source"]  # every event has a point: no need to query again
    else:
        try:
            col = store.query(view)["source"]
        except Exception:  # noqa: BLE001 - the caption can live without the list
            return []
    counts = col.fillna("").astype(str).str.strip().value_counts()  # "" is shown as "unknown source"
    return [(str(k), int(v)) for k, v in counts.items()]


def snapshot_html(store: Any, view: ViewState, gazetteer: Any, *, made_at: datetime | None = None,
                  title: str | None = None, fit: bool = True) -> str:
    """The standalone HTML snapshot of ``view`` over ``store``'s events, framed on them
    unless ``fit`` is False.

    Raises :class:`SnapshotError` if the built page would load anything from the network.
    """
    from ..map import view as mapview  # imported late: the map module is heavy

    made_at = made_at or datetime.now(timezone.utc)
    shown = snapshot_view(view)
    if store.count() > LEAN_ABOVE:  # a million events: numbers in memory, text for the rows the file carries
        from ..map.lean import LeanIndex

        points, stats, (events, fatalities) = LeanIndex.from_store(store, gazetteer).select(
            store.row_keys(view) if view.is_filtered() else None)
        sources = store.value_counts("source", view)
    else:
        points = store.map_points(view)
        points = coarsen_points(points, gazetteer) if view.coarsen else round_points(points)
        stats = store.district_stats(view)
        events, fatalities = store.totals(view)
        sources = _sources(store, view, points, int(events))
    damage = store.damage_points(view)  # evidence: drawn, shaded and counted apart from the events
    m = mapview.build_map(points, stats, shown, gazetteer, assets="inline", total_events=events,
                          row_budget=SNAPSHOT_ROWS, fit=fit, damage=damage)
    # The map knows what it drew as points and as halos; one row of map_points per event.
    summary = m.summary
    as_points = int(summary["points"])
    halos = int(summary.get("area", 0)) + int(summary.get("coarsened", 0))
    info = CaptionInfo(
        filters=view.describe(view.lang, place_names_in(gazetteer, view.lang)), events=int(events), fatalities=int(fatalities or 0),
        not_drawn=max(0, int(events) - as_points), halos=halos, sources=sources,
        made_at=made_at, title=title or t(DEFAULT_TITLE, view.lang), coarsened=view.coarsen,
        tiles_omitted="tiles" in view.layers, lang=view.lang,
        damage_sites=len(damage) if "damage" in shown.layers else 0,
        damage_sources=[str(s) for s in damage["source"].dropna().value_counts().index if str(s).strip()],
    )
    m.get_root().title = html.escape(info.title)
    Caption(info).add_to(m)
    page = mapview.map_html(m)
    problems = mapview.offline_check(page)
    if problems:
        raise SnapshotError("the snapshot would load from the network: " + "; ".join(problems[:5]))
    return page
