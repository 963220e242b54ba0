"""Review of the gazetteer's fuzzy matches that stored events use (issue 11 §3).

A fuzzy match (a spelling the gazetteer recognised below an exact or alias match, with its
score) is listed with the events that carry it, so that a person can accept it (the name
becomes a user alias: ``gazetteer.changes.accept_match``) or reject it (the name abstains and
its events go to the unresolved list: ``gazetteer.changes.reject_match``).
"""
from __future__ import annotations

from typing import Any

import pandas as pd

from .geocode import Geocoder

COLUMNS = ("name", "place_id", "place", "place_ar", "score", "events", "locations")


def fuzzy_matches(store: Any, gazetteer: Any) -> pd.DataFrame:
    """One row per fuzzily matched name (the part of a location that matched): the place it
    went to, the score (least sure first) and how many stored events carry it."""
    geo = Geocoder(gazetteer)
    rows: dict[tuple[str, str], dict] = {}
    for location, n in store.value_counts("location"):
        m = geo.resolve_location(location) if location else None
        if m is None or m.kind != "fuzzy":
            continue
        row = rows.setdefault((m.query, m.place.id), {
            "name": m.query, "place_id": m.place.id, "place": m.place.name, "place_ar": m.place.name_ar or "",
            "score": float(m.score), "events": 0, "locations": []})
        row["events"] += int(n)
        row["locations"].append(location)
    frame = pd.DataFrame([{**r, "locations": "; ".join(r["locations"])} for r in rows.values()],
                         columns=list(COLUMNS))
    return frame.sort_values(["score", "events", "name"], ascending=[True, False, True], ignore_index=True)
