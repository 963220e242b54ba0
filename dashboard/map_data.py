"""Data for the map, without folium: safe JSON, colours, class breaks and compact point payloads.

The points payload is columnar and dictionary-coded so that 100,000 events fit in a
few megabytes: every string is stored once (most frequent first, so common values get
short indices), places/kinds/sources are shared tuples, and each event is eight integers.
"""
from __future__ import annotations

import json
import math
import re
from typing import Any

import numpy as np
import pandas as pd

from .schema import EVENT_TYPES

# One fixed colour per ACLED event type (distinguishable, none of them grey).
EVENT_COLOURS: dict[str, str] = {
    "Battles": "#e31a1c",
    "Explosions/Remote violence": "#ff7f00",
    "Violence against civilians": "#6a3d9a",
    "Protests": "#1f78b4",
    "Riots": "#33a02c",
    "Strategic developments": "#17becf",
}
OTHER_TYPE, OTHER_COLOUR = "Other / unknown type", "#222222"
TYPE_NAMES: tuple[str, ...] = (*EVENT_TYPES, OTHER_TYPE)
TYPE_COLOURS: tuple[str, ...] = (*(EVENT_COLOURS[t] for t in EVENT_TYPES), OTHER_COLOUR)
# District shading: light warm grey for "none", then a grey ramp that keeps points visible.
ZERO_COLOUR = "#f7f7f4"
SHADE_COLOURS = ("#e0ddd5", "#c2beb4", "#a29d92", "#827d73", "#5f5b53")
NOTES_LIMIT = 200  # characters of the report sentence kept per event in the page
NOTES_BUDGET = 1_200_000  # characters of notes in the page, shared by all distinct notes
POINT_COLUMNS = ("event_id", "event_date", "event_type", "sub_event_type", "actor1", "actor2",
                 "fatalities", "location", "place_id", "district", "latitude", "longitude",
                 "geo_precision", "source", "source_url", "notes")
ROW_FIELDS = ("kind", "date", "actor1", "actor2", "fatalities", "source", "notes")

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
    for col in ("event_id", "event_type", "sub_event_type", "actor1", "actor2", "location",
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


def is_web_url(url: str) -> bool:
    """True for an absolute http(s) URL (the only kind shown as a link)."""
    u = url.strip().lower()
    return (u.startswith("http://") or u.startswith("https://")) and not any(c in url for c in "\r\n\t ")


def _rank(counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``order`` (most frequent first) and ``rank`` (its inverse) for a counts array."""
    order = np.argsort(-counts, kind="stable")
    rank = np.empty_like(order)
    rank[order] = np.arange(len(order))
    return order, rank


def _factor_rows(cols: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Codes of distinct rows of int columns and the distinct rows, most frequent first."""
    n = len(cols[0])
    if not n:
        return np.zeros(0, np.int64), np.zeros((0, len(cols)), np.int64)
    key = np.zeros(n, np.int64)
    for c in cols:  # pairwise, so keys stay below n * (max + 1)
        key, _ = pd.factorize(key * (int(c.max()) + 1) + c)
    counts = np.bincount(key)
    first = np.empty(len(counts), np.int64)
    first[key[::-1]] = np.arange(n - 1, -1, -1)
    order, rank = _rank(counts)
    return rank[key], np.column_stack(cols)[first[order]]


def truncate_notes(notes: pd.Series, *, limit: int = NOTES_LIMIT, budget: int = NOTES_BUDGET) -> pd.Series:
    """Shorten distinct notes to share ``budget`` characters (at most ``limit`` each).

    Returns the notes unchanged when they fit; "" for all when the share would be too
    short to mean anything (the popup then points to the table for the full text).
    """
    if not len(notes):
        return notes
    per = max(0, min(limit, budget // len(notes)))
    if per < 24:
        return pd.Series([""] * len(notes), index=notes.index, dtype=object)
    long = notes.str.len() > per
    cut = notes.str.slice(0, per - 1).str.rstrip() + "…"
    return notes.where(~long, cut)


class _Strings:
    """One shared string table; columns are factorised first, so work is per distinct value."""

    def __init__(self) -> None:
        self.cols: list[tuple[np.ndarray, np.ndarray]] = []  # (codes, distinct values)

    def add(self, values: pd.Series, transform=None) -> int:
        codes, uniq = pd.factorize(values, use_na_sentinel=False)
        uniq = np.asarray(uniq, dtype=object)
        if transform is not None:
            uniq = np.asarray(transform(pd.Series(uniq, dtype=object)).to_numpy(), dtype=object)
        self.cols.append((codes, uniq))
        return len(self.cols) - 1

    def build(self) -> tuple[list[str], list[np.ndarray]]:
        counts: dict[str, int] = {"": 0}
        for codes, uniq in self.cols:
            for value, c in zip(uniq, np.bincount(codes, minlength=len(uniq))):
                counts[str(value)] = counts.get(str(value), 0) + int(c)
        table = sorted(counts, key=lambda k: -counts[k])
        pos = {v: i for i, v in enumerate(table)}
        return table, [np.array([pos[str(u)] for u in uniq], dtype=np.int64)[codes] if len(codes)
                       else np.zeros(0, np.int64) for codes, uniq in self.cols]


def encode_points(df: pd.DataFrame, *, place_names: dict[str, str] | None = None,
                  notes_budget: int = NOTES_BUDGET) -> dict[str, Any]:
    """A compact payload of exact points (a normalised frame whose rows all have coordinates).

    - ``s``: every string once; string fields below are indices into it.
    - ``wh``: ``[written, resolved, district]`` place descriptions; ``kd``: ``[colour, type,
      sub-type]`` (``colour`` indexes ``TYPE_COLOURS``); ``sr``: ``[source, url]`` (http(s) only).
    - ``pl``: flat, 4 ints per distinct coordinate, sorted by latitude: ``[dlat, lon, where,
      events]`` in 1e-5 degrees (``dlat`` from the previous place, the first from ``o[0]``;
      ``lon`` from ``o[1]``).
    - ``p``: flat, ``k`` ints per event (ROW_FIELDS), events grouped by place in ``pl`` order;
      ``fatalities`` is -1 when unknown. ``n``: number of events.
    """
    names = place_names or {}
    st = _Strings()
    cols = {
        "location": st.add(df["location"]),
        "resolved": st.add(df["place_id"], lambda u: u.map(lambda p: names.get(p, ""))),
        "district": st.add(df["district"]),
        "type": st.add(df["event_type"]),
        "sub": st.add(df["sub_event_type"]),
        "date": st.add(df["event_date"]),
        "actor1": st.add(df["actor1"]),
        "actor2": st.add(df["actor2"]),
        "source": st.add(df["source"]),
        "url": st.add(df["source_url"], lambda u: u.where(u.map(is_web_url), "")),
        "notes": st.add(df["notes"], lambda u: truncate_notes(u, budget=notes_budget)),
    }
    table, coded = st.build()
    c = {k: coded[i] for k, i in cols.items()}
    n = len(df)
    lat = np.rint(df["latitude"].to_numpy(dtype=float) * 1e5).astype(np.int64) if n else np.zeros(0, np.int64)
    lon = np.rint(df["longitude"].to_numpy(dtype=float) * 1e5).astype(np.int64) if n else np.zeros(0, np.int64)
    o_lat, o_lon = (int(lat.min()), int(lon.min())) if n else (0, 0)
    colour = df["event_type"].map({t: i for i, t in enumerate(EVENT_TYPES)}).fillna(len(EVENT_TYPES))
    w_codes, w_tab = _factor_rows([c["location"], c["resolved"], c["district"]])
    k_codes, k_tab = _factor_rows([colour.to_numpy(dtype=np.int64), c["type"], c["sub"]])
    s_codes, s_tab = _factor_rows([c["source"], c["url"]])
    # Places: distinct (lat, lon, where), sorted by latitude; events grouped by place.
    p_codes, p_tab = _factor_rows([lat - o_lat, lon - o_lon, w_codes])
    by_lat = np.lexsort((p_tab[:, 1], p_tab[:, 0])) if n else np.zeros(0, np.int64)
    new_code = np.empty_like(by_lat)
    new_code[by_lat] = np.arange(len(by_lat))
    p_tab, p_codes = p_tab[by_lat], new_code[p_codes] if n else p_codes
    counts = np.bincount(p_codes, minlength=len(p_tab))
    dlat = np.diff(p_tab[:, 0], prepend=0) if n else np.zeros(0, np.int64)
    places = np.column_stack([dlat, p_tab[:, 1], p_tab[:, 2], counts]) if n else np.zeros((0, 4), np.int64)
    order = np.argsort(p_codes, kind="stable")
    fat = df["fatalities"].fillna(-1).clip(-1, 10**9).to_numpy(dtype=np.int64)
    rows = (np.column_stack([k_codes, c["date"], c["actor1"], c["actor2"], fat, s_codes, c["notes"]])[order]
            if n else np.zeros((0, len(ROW_FIELDS)), np.int64))
    return {
        "s": table, "o": [o_lat, o_lon], "wh": w_tab.tolist(), "kd": k_tab.tolist(),
        "sr": s_tab.tolist(), "pl": places.ravel().tolist(), "k": len(ROW_FIELDS), "n": n,
        "p": rows.ravel().tolist(),
    }


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


def halo_radius(count: int) -> float:
    """Pixel radius of an area halo with ``count`` events."""
    return round(min(60.0, 10.0 + 4.0 * math.sqrt(max(count, 0))), 1)
