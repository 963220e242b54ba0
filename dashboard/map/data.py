"""Data for the map, without folium: safe JSON, colours, class breaks, halos, clean point rows.

The compact points payload (every string once, events as small integers) is built in
:mod:`dashboard.map.encode` from the rows :func:`normalise` returns.
"""
from __future__ import annotations

import json
import math
import re
from typing import Any, Iterable

import numpy as np
import pandas as pd

from ..i18n import N_
from ..schema import EVENT_TYPES

# One fixed colour per ACLED event type (distinguishable, none of them grey).
EVENT_COLOURS: dict[str, str] = {
    "Battles": "#e31a1c",
    "Explosions/Remote violence": "#ff7f00",
    "Violence against civilians": "#6a3d9a",
    "Protests": "#1f78b4",
    "Riots": "#33a02c",
    "Strategic developments": "#17becf",
}
OTHER_TYPE, OTHER_COLOUR = N_("Other / unknown type"), "#222222"
TYPE_NAMES: tuple[str, ...] = (*EVENT_TYPES, OTHER_TYPE)
TYPE_COLOURS: tuple[str, ...] = (*(EVENT_COLOURS[t] for t in EVENT_TYPES), OTHER_COLOUR)
# District shading: light warm grey for "none", then a grey ramp that keeps points visible.
ZERO_COLOUR = "#f7f7f4"
SHADE_COLOURS = ("#e0ddd5", "#c2beb4", "#a29d92", "#827d73", "#5f5b53")
NOTES_LIMIT = 200  # characters of the report sentence kept per event in the page
NOTES_BUDGET = 1_200_000  # characters of notes in the page, shared by all distinct notes
# A shorter share says nothing a popup's date, place and actors do not ("On 3 November 2016, barre…"):
# below it no notes are sent at all and the popup points to the events table for the text.
NOTES_MIN = 60
POINT_COLUMNS = ("event_date", "event_type", "sub_event_type", "actor1", "actor2",
                 "fatalities", "location", "place_id", "district", "latitude", "longitude",
                 "geo_precision", "source", "source_url", "notes")
ROW_FIELDS = ("kind", "date", "actor1", "actor2", "fatalities", "source", "notes", "written", "located")
ROW_BUDGET = 20_000  # popup rows a map page carries (the newest of every spot; the app fetches more)
# Marks: area proportional to the events at a spot; the largest is MARK_RMAX px in radius, or
# smaller when it holds fewer than MARK_REF events (one event stays a small dot); below
# MARK_RMIN px a mark keeps that size (the legend says which counts share it).
MARK_RMIN, MARK_RMAX, MARK_REF = 4.5, 24.0, 30

_JS_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_JINJA_OPEN = re.compile(r"\{(?=[{%#])")


def js_json(obj: Any) -> str:
    """JSON that is safe inside an HTML ``<script>`` (no ``<``, ``>``, ``&``, U+2028/9)."""
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    # Also no Jinja opener ({{ {% {#): JSON's own braces are never followed by those, so
    # this only touches string contents, in case any template engine sees the text.
    for char, escaped in _JS_ESCAPES.items():  # str.replace: ~9x faster than translate on MBs
        text = text.replace(char, escaped)
    return _JINJA_OPEN.sub(r"\\u007b", text)


def normalise(points: pd.DataFrame | None) -> pd.DataFrame:
    """The store's ``map_points`` frame with every column present and clean types."""
    df = pd.DataFrame(points if points is not None else None).copy()
    for col in POINT_COLUMNS:
        if col not in df.columns:
            df[col] = None
    n = len(df)
    out = pd.DataFrame(index=pd.RangeIndex(n))
    for col in ("event_type", "sub_event_type", "actor1", "actor2", "location",
                "place_id", "district", "source", "source_url", "notes"):
        s = df[col].reset_index(drop=True)
        out[col] = s.where(s.notna(), "").astype(str).str.strip() if n else pd.Series(dtype=str)
    d = df["event_date"].reset_index(drop=True)
    out["event_date"] = (pd.to_datetime(d, errors="coerce").dt.strftime("%Y-%m-%d").fillna("")
                         if n else pd.Series(dtype=str))
    for col in ("latitude", "longitude", "fatalities", "geo_precision"):
        out[col] = pd.to_numeric(df[col].reset_index(drop=True), errors="coerce")
    bad = ~(out["latitude"].between(-90, 90) & out["longitude"].between(-180, 180))
    out.loc[bad, ["latitude", "longitude"]] = np.nan
    return out


def place_names(gazetteer: Any, ids: Iterable[str]) -> dict[str, str]:
    """{place id: the gazetteer's name} for the ids it knows."""
    names = {}
    for pid in ids:
        if not pid:
            continue
        try:
            names[pid] = gazetteer.place(pid).name
        except Exception:  # noqa: BLE001 - an unknown id just has no resolved name
            continue
    return names


def is_web_url(url: str) -> bool:
    """True for an absolute http(s) URL (the only kind shown as a link)."""
    u = url.strip().lower()
    return (u.startswith("http://") or u.startswith("https://")) and not any(c in url for c in "\r\n\t ")


def truncate_notes(notes: pd.Series, *, limit: int = NOTES_LIMIT, budget: int = NOTES_BUDGET) -> pd.Series:
    """Shorten distinct notes to share ``budget`` characters (at most ``limit`` each).

    Returns the notes unchanged when they fit; "" for all when the share would be too
    short to mean anything (the popup then points to the table for the full text).
    """
    if not len(notes):
        return notes
    per = max(0, min(limit, budget // len(notes)))
    if per < NOTES_MIN:
        return pd.Series([""] * len(notes), index=notes.index, dtype=object)
    long = notes.str.len() > per
    cut = notes.str.slice(0, per - 1).str.rstrip() + "…"
    return notes.where(~long, cut)


def nice_breaks(values: pd.Series | list[float], classes: int = len(SHADE_COLOURS)) -> list[int]:
    """Lower bounds of up to ``classes`` classes for non-zero counts (1, 2, 5 × 10^k steps)."""
    v = pd.Series(values, dtype="float64").dropna()
    v = v[v > 0]
    if v.empty:
        return []
    nice = sorted({m * 10**e for e in range(0, 10) for m in (1, 2, 5)})
    qs = [v.quantile(q) for q in np.linspace(0, 1, classes + 1)[:-1]]
    out: list[int] = [1]  # every non-zero value falls in a class
    for q in qs[1:]:
        b = max([x for x in nice if x <= max(q, 1)], default=1)
        if not out or b > out[-1]:
            out.append(int(b))
    return out


def shade_colour(value: float, breaks: list[int]) -> str:
    """The fill colour of a district with ``value`` events (or fatalities)."""
    if not value or value <= 0 or not breaks:
        return ZERO_COLOUR
    i = max(i for i, b in enumerate(breaks) if value >= b) if value >= breaks[0] else 0
    return SHADE_COLOURS[min(i, len(SHADE_COLOURS) - 1)]


def break_labels(breaks: list[int], top: float) -> list[str]:
    """Legend labels for the classes, e.g. ``["1–4", "5–19", "≥ 20"]``."""
    labels = []
    for i, b in enumerate(breaks):
        nxt = breaks[i + 1] - 1 if i + 1 < len(breaks) else None
        if nxt is None:
            labels.append(f"{b:,}" if top <= b else f"{b:,}–{int(top):,}")
        else:
            labels.append(f"{b:,}" if nxt == b else f"{b:,}–{nxt:,}")
    return labels


def aggregate_halos(df: pd.DataFrame, *, label: pd.Series) -> list[list[Any]]:
    """One halo per location: ``[lat, lon, events, fatalities, label]``, largest first."""
    if df.empty:
        return []
    g = pd.DataFrame({"lat": df["latitude"].round(4), "lon": df["longitude"].round(4),
                      "f": df["fatalities"].fillna(0), "label": label.reindex(df.index).fillna("")})
    agg = g.groupby(["lat", "lon"], sort=False).agg(n=("f", "size"), f=("f", "sum"),
                                                     label=("label", lambda s: s.mode().iat[0] if len(s) else ""))
    agg = agg.sort_values("n", ascending=False)
    return [[float(lat), float(lon), int(r.n), int(r.f), str(r.label)] for (lat, lon), r in agg.iterrows()]


def mark_scale(largest: int) -> list[float]:
    """``[rmin, rmax, largest count]``: what the page needs to size marks like :func:`mark_radius`."""
    return [MARK_RMIN, MARK_RMAX, float(max(MARK_REF, largest))]


def mark_radius(count: int, largest: int) -> float:
    """Pixel radius of a mark of ``count`` events when the largest has ``largest``
    (area proportional to the count, never below ``MARK_RMIN``)."""
    return max(MARK_RMIN, MARK_RMAX * math.sqrt(max(count, 0) / max(MARK_REF, largest)))


def size_steps(largest: int, *, steps: int = 3) -> list[list[float]]:
    """Legend sizes ``[[count, radius], ...]``, largest first: the largest mark, round counts
    each visibly smaller, and last the smallest size with the most events that share it."""
    if largest <= 0:
        return []
    floor = max(1, int(max(largest, MARK_REF) * (MARK_RMIN / MARK_RMAX) ** 2))  # 1..floor: smallest size
    out = [[float(largest), mark_radius(largest, largest)]]
    for c in sorted((m * 10**e for e in range(0, 10) for m in (1, 2, 5)), reverse=True):
        r = mark_radius(c, largest)
        if floor < c < largest and out[-1][1] - r >= 4.0 and r - MARK_RMIN >= 3.0 and len(out) < steps:
            out.append([float(c), r])
    if largest > floor and out[-1][1] - MARK_RMIN >= 1.5:
        out.append([float(floor), MARK_RMIN])
    return out


def halo_radius(count: int) -> float:
    """Pixel radius of an area halo with ``count`` events."""
    return round(min(60.0, 10.0 + 4.0 * math.sqrt(max(count, 0))), 1)
