"""The review table: a report's candidate events, one row each, and their places resolved again."""
from __future__ import annotations

import math
from datetime import date
from typing import Any

import pandas as pd

from ..geocode import Geocoder, GeoReject, Placed
from ..schema import Event

REVIEW_COLUMNS: tuple[str, ...] = (
    "keep", "event_date", "time_precision", "event_type", "sub_event_type", "actor1", "assoc_actor_1",
    "actor2", "assoc_actor_2", "location", "place", "place_id", "geo_precision", "fatalities", "sentence",
    "source", "source_url", "origin", "origin_line", "extracted_location", "event_id",
)


def _place_name(gazetteer: Any, place_id: str | None) -> str:
    if not place_id:
        return ""
    place = gazetteer.places.get(place_id)
    return place.name if place is not None else ""


def candidates_frame(events: list[Event], gazetteer: Any) -> pd.DataFrame:
    """The review table of a report's candidate events (every row kept to start with)."""
    rows = [{
        "keep": True, "event_date": e.event_date, "time_precision": e.time_precision,
        "event_type": e.event_type, "sub_event_type": e.sub_event_type, "actor1": e.actor1,
        "assoc_actor_1": e.assoc_actor_1, "actor2": e.actor2, "assoc_actor_2": e.assoc_actor_2,
        "location": e.location, "place": _place_name(gazetteer, e.place_id), "place_id": e.place_id or "",
        "geo_precision": e.geo_precision, "fatalities": e.fatalities, "sentence": e.notes, "source": e.source,
        "source_url": e.source_url, "origin": e.origin, "origin_line": e.origin_line,
        "extracted_location": e.location, "event_id": e.event_id,
    } for e in events]
    frame = pd.DataFrame(rows, columns=list(REVIEW_COLUMNS))
    for col in ("time_precision", "geo_precision", "fatalities", "origin_line"):
        frame[col] = frame[col].astype("Int64")
    return frame


def report_candidates(report: Any, *, name: str, published: date, gazetteer: Any, source: str = "",
                      url: str = "") -> pd.DataFrame:
    """The review table of a report (``extract.Report``): its events as the extractor finds them and
    as a plain ingest would place them (names it left unplaced go through the gazetteer once more)."""
    from ..extract import extract_events

    events = extract_events(report.text, published=published, gazetteer=gazetteer, source=source, url=url,
                            origin=name)
    geo = Geocoder(gazetteer)
    for ev in events:
        if ev.place_id is None and ev.latitude is None and ev.location:
            try:
                geo.apply(ev)
            except GeoReject:
                pass
    return candidates_frame(events, gazetteer)


def clean_text(value: Any) -> str:
    """A cell as one line of text ('' for missing values)."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA or value is pd.NaT:
        return ""
    return " ".join(str(value).split())


def place_edited(row: Any) -> bool:
    """Whether the user changed the place name the extractor read."""
    return clean_text(row.get("location")) != clean_text(row.get("extracted_location"))


def refresh_places(frame: pd.DataFrame, gazetteer: Any) -> pd.DataFrame:
    """``frame`` with the place, place id and precision of every edited place name resolved again."""
    geo = Geocoder(gazetteer)
    out = frame.copy()
    for i, row in out.iterrows():
        if not place_edited(row):
            continue
        placed = geocode_name(geo, clean_text(row.get("location")))
        out.at[i, "place_id"] = placed.place_id or ""
        out.at[i, "place"] = _place_name(gazetteer, placed.place_id)
        out.at[i, "geo_precision"] = placed.geo_precision if placed.geo_precision is not None else pd.NA
    return out


def geocode_name(geo: Geocoder, location: str) -> Placed:
    """Where the gazetteer puts a place name (unresolved when it does not know it)."""
    try:
        return geo.place(location, None, None)
    except GeoReject:  # no coordinates are given, so only an empty name gets here
        return Placed(None, None, None, None, None, True)


def apply_edits(frame: pd.DataFrame, edited_rows: dict, gazetteer: Any) -> pd.DataFrame:
    """``frame`` with an editor's changes (``{row: {column: value}}``, as ``st.data_editor``
    reports them): a new sub-type sets its type, a new place name is resolved again."""
    from ..schema import SUB_EVENT_TYPES

    out = frame.copy()
    for key, changes in (edited_rows or {}).items():
        i = out.index[int(key)]
        for col, value in (changes or {}).items():
            if col not in out.columns or col in _READ_ONLY:
                continue
            if col == "event_date" and value:
                value = pd.Timestamp(value).date()
            elif col in ("time_precision", "fatalities"):
                value = pd.NA if value is None or value == "" else int(value)
            out.at[i, col] = value
            if col == "sub_event_type" and value in SUB_EVENT_TYPES:
                out.at[i, "event_type"] = SUB_EVENT_TYPES[value]
    return refresh_places(out, gazetteer)


# What the user does not edit directly: the gazetteer's reading and the provenance.
_READ_ONLY = frozenset({"place", "place_id", "geo_precision", "event_type", "extracted_location", "event_id",
                        "origin", "origin_line"})


def candidate_points(frame: pd.DataFrame, gazetteer: Any) -> pd.DataFrame:
    """The kept candidates as the map's point rows (``store.map_points`` columns), placed where
    the gazetteer puts them (unresolved ones without coordinates)."""
    from ..map.data import POINT_COLUMNS

    rows = []
    for _, r in frame.iterrows():
        if not bool(r["keep"]):
            continue
        place = gazetteer.places.get(clean_text(r.get("place_id"))) if clean_text(r.get("place_id")) else None
        rows.append({"event_date": str(r["event_date"]), "event_type": r["event_type"],
                     "sub_event_type": r["sub_event_type"], "actor1": r["actor1"], "actor2": r["actor2"],
                     "fatalities": None if pd.isna(r["fatalities"]) else int(r["fatalities"]),
                     "location": r["location"], "place_id": place.id if place else None,
                     "district": place.district if place else None, "latitude": place.lat if place else None,
                     "longitude": place.lon if place else None,
                     "geo_precision": None if pd.isna(r["geo_precision"]) else int(r["geo_precision"]),
                     "source": r["source"], "source_url": r["source_url"], "notes": r["sentence"]})
    return pd.DataFrame(rows, columns=list(POINT_COLUMNS))
