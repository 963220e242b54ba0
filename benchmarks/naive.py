"""The naive ways the issues compare against: one ``folium.Marker`` with a popup per event,
the whole table reloaded into pandas and filtered there, ``folium.Map.save``.

The naive map loads the same offline Leaflet and jQuery as ours (served from ``static/``)
so that it can render at all without network; everything else is folium's default path."""
from __future__ import annotations

import html
import sqlite3
from pathlib import Path

import pandas as pd

CENTER = (36.2000, 37.1500)


def _offline(m, served_prefix: str = "/app/static/"):
    try:
        from dashboard import assets

        m.default_js = assets.links("leaflet", "js") + assets.links("jquery", "js")
        m.default_css = assets.links("leaflet", "css")
    except Exception:  # noqa: BLE001 - without the assets module, folium's defaults (CDN)
        pass
    return m


def marker_map(points: pd.DataFrame, districts_geojson: dict | None = None):
    """One ``folium.Marker`` with an escaped HTML popup per located event."""
    import folium

    m = _offline(folium.Map(location=CENTER, zoom_start=12, tiles=None, max_zoom=19))
    if districts_geojson:
        folium.GeoJson(districts_geojson, name="districts").add_to(m)
    e = html.escape
    for r in points.itertuples(index=False):
        if pd.isna(r.latitude) or pd.isna(r.longitude):
            continue
        popup = (f"<b>{e(str(r.event_date))}</b> {e(str(r.event_type))} / {e(str(r.sub_event_type))}<br>"
                 f"{e(str(r.actor1))} vs {e(str(r.actor2 or ''))}<br>fatalities: {e(str(r.fatalities))}<br>"
                 f"{e(str(r.location))}<br>{e(str(r.notes))}")
        folium.Marker((float(r.latitude), float(r.longitude)), popup=folium.Popup(popup, max_width=300)).add_to(m)
    return m


def marker_html(points: pd.DataFrame, districts_geojson: dict | None = None) -> str:
    return marker_map(points, districts_geojson).get_root().render()


def sqlite_path(url: str) -> str:
    return url.split("sqlite:///", 1)[1]


def reload_all(url: str) -> pd.DataFrame:
    """The whole events table into pandas, as a naive app does on every interaction."""
    with sqlite3.connect(sqlite_path(url)) as con:
        table = next((t for (t,) in con.execute("SELECT name FROM sqlite_master WHERE type='table'")
                      if t == "events"), None)
        if table is None:
            raise RuntimeError("no 'events' table in the store")
        return pd.read_sql_query("SELECT * FROM events", con)


def filter_frame(df: pd.DataFrame, view) -> pd.DataFrame:
    """Apply a ViewState's filters in pandas."""
    keep = pd.Series(True, index=df.index)
    dates = df["event_date"].astype(str).str[:10]
    if view.date_from:
        keep &= dates >= view.date_from.isoformat()
    if view.date_to:
        keep &= dates <= view.date_to.isoformat()
    if view.event_types:
        keep &= df["event_type"].isin(view.event_types)
    if view.sub_event_types:
        keep &= df["sub_event_type"].isin(view.sub_event_types)
    if view.actors:
        keep &= df["actor1"].isin(view.actors) | df["actor2"].isin(view.actors)
    if view.districts:
        keep &= df["district"].isin(view.districts)
    if view.min_fatalities:
        keep &= df["fatalities"].fillna(0) >= view.min_fatalities
    if view.text:
        t = view.text.lower()
        keep &= (df["notes"].fillna("").str.lower().str.contains(t, regex=False)
                 | df["location"].fillna("").str.lower().str.contains(t, regex=False))
    return df[keep]


def save_map(points: pd.DataFrame, path: Path, districts_geojson: dict | None = None) -> int:
    """``folium.Map.save`` of the marker map; returns the file size."""
    marker_map(points, districts_geojson).save(str(path))
    return path.stat().st_size
