"""The compact payload of the map's exact points, encoded once and selected per view.

:class:`PointEncoder` does the per-row work once for a set of events (string tables,
shared place/kind/source tuples, coordinates in 1e-5 degrees); ``payload(rows)`` then
builds the payload of any subset of them with NumPy selections only. The app keeps one
encoder per data version (:mod:`dashboard.map.index`), so a filter change does not re-read
or re-encode the events' text; ``encode_points(df)`` is the one-shot form.

Payload (read by :class:`dashboard.map.points.EventPoints`):

- ``s``: strings; string fields below are indices into it.
- ``wh``: ``[written, resolved, district]`` place descriptions; ``kd``: ``[colour, type,
  sub-type]`` (``colour`` indexes ``TYPE_COLOURS``); ``sr``: ``[source, url]`` (http(s) only).
- ``pl``: flat, 4 ints per distinct coordinate, sorted by latitude: ``[dlat, lon, where,
  events]`` in 1e-5 degrees (``dlat`` from the previous place, the first from ``o[0]``;
  ``lon`` from ``o[1]``).
- ``p``: flat, ``k`` ints per event (ROW_FIELDS), events grouped by place in ``pl`` order;
  ``fatalities`` is -1 when unknown. ``n``: number of events.
"""
from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from .data import NOTES_BUDGET, NOTES_LIMIT, ROW_FIELDS, is_web_url, truncate_notes
from ..schema import EVENT_TYPES

# String columns of the payload and the frame column each comes from.
_STRING_COLUMNS = {"location": "location", "resolved": "place_id", "district": "district", "type": "event_type",
                   "sub": "sub_event_type", "date": "event_date", "actor1": "actor1", "actor2": "actor2",
                   "source": "source", "url": "source_url"}


def _factor_rows(cols: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Codes of the distinct rows of int columns, and those rows (most frequent first)."""
    n = len(cols[0])
    if not n:
        return np.zeros(0, np.int64), np.zeros((0, len(cols)), np.int64)
    key = np.zeros(n, np.int64)
    for c in cols:  # pairwise, so keys stay below n * (max + 1)
        key, _ = pd.factorize(key * (int(c.max()) + 1) + c)
    counts = np.bincount(key)
    first = np.empty(len(counts), np.int64)
    first[key[::-1]] = np.arange(n - 1, -1, -1)
    order = np.argsort(-counts, kind="stable")
    rank = np.empty_like(order)
    rank[order] = np.arange(len(order))
    return rank[key], np.column_stack(cols)[first[order]]


def _compact(codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(distinct codes in ascending order, each code's position among them)."""
    if not len(codes):
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    used, inverse = np.unique(codes, return_inverse=True)
    return used, inverse.reshape(-1)


class PointEncoder:
    """The map payload of any subset of a normalised points frame (see module docstring)."""

    def __init__(self, df: pd.DataFrame, *, place_names: dict[str, str] | None = None):
        names = place_names or {}
        self.n = n = len(df)
        # One global string table (most frequent first); notes get their own part of it
        # because they are cut per view and must not change an equal place or actor name.
        gids: dict[str, np.ndarray] = {}
        strings: dict[str, int] = {}
        counts: list[int] = []
        for key, col in _STRING_COLUMNS.items():
            codes, uniq = pd.factorize(df[col], use_na_sentinel=False)
            uniq = [str(u) for u in np.asarray(uniq, dtype=object)]  # one conversion, not Arrow's per-item iteration
            if key == "resolved":
                uniq = [names.get(u, "") for u in uniq]
            elif key == "url":
                uniq = [u if is_web_url(u) else "" for u in uniq]
            per = np.bincount(codes, minlength=len(uniq)) if n else np.zeros(0, np.int64)
            ids = np.empty(len(uniq), np.int64)
            for i, (u, c) in enumerate(zip(uniq, per)):
                g = strings.get(u)
                if g is None:
                    g = strings[u] = len(counts)
                    counts.append(0)
                counts[g] += int(c)
                ids[i] = g
            gids[key] = ids[codes] if n else np.zeros(0, np.int64)
        order = np.argsort(-np.asarray(counts, np.int64), kind="stable")
        rank = np.empty_like(order)
        rank[order] = np.arange(len(order))
        self._strings = np.asarray(list(strings), dtype=object)[order] if strings else np.zeros(0, object)
        gids = {k: rank[v] for k, v in gids.items()}
        codes, uniq = pd.factorize(df["notes"], use_na_sentinel=False)
        notes = np.asarray([str(u) for u in np.asarray(uniq, dtype=object)], dtype=object)
        long = np.fromiter((len(u) > NOTES_LIMIT for u in notes), bool, len(notes))
        notes[long] = [u[:NOTES_LIMIT - 1].rstrip() + "…" for u in notes[long]]
        self._notes, self._note = notes, codes.astype(np.int64)

        lat, lon = (df[c].to_numpy(dtype=float) if n else np.zeros(0) for c in ("latitude", "longitude"))
        ok = np.isfinite(lat) & np.isfinite(lon)  # rows without coordinates are never drawn as points
        self._lat = np.where(ok, np.rint(np.where(ok, lat, 0) * 1e5), 0).astype(np.int64)
        self._lon = np.where(ok, np.rint(np.where(ok, lon, 0) * 1e5), 0).astype(np.int64)
        colour = df["event_type"].map({t: i for i, t in enumerate(EVENT_TYPES)}).fillna(len(EVENT_TYPES))
        w_codes, self._wh = _factor_rows([gids["location"], gids["resolved"], gids["district"]])
        self._kind, self._kd = _factor_rows([colour.to_numpy(dtype=np.int64), gids["type"], gids["sub"]])
        self._src, self._sr = _factor_rows([gids["source"], gids["url"]])
        # Places: distinct (lat, lon, where), coded in latitude order so that selections stay sorted.
        base = (int(self._lat[ok].min()), int(self._lon[ok].min())) if ok.any() else (0, 0)
        self._lat[~ok], self._lon[~ok] = base
        p_codes, p_tab = _factor_rows([self._lat - base[0], self._lon - base[1], w_codes])
        by_lat = np.lexsort((p_tab[:, 1], p_tab[:, 0])) if n else np.zeros(0, np.int64)
        new_code = np.empty_like(by_lat)
        new_code[by_lat] = np.arange(len(by_lat))
        self._place, self._places = (new_code[p_codes], p_tab[by_lat]) if n else (p_codes, p_tab)
        self._places = self._places + np.array([base[0], base[1], 0], np.int64)  # absolute lat/lon
        self._date, self._a1, self._a2 = gids["date"], gids["actor1"], gids["actor2"]
        self._fat = df["fatalities"].fillna(-1).clip(-1, 10**9).to_numpy(dtype=np.int64)

    def payload(self, rows: np.ndarray | None = None, *, notes_budget: int = NOTES_BUDGET) -> dict[str, Any]:
        """The payload of the given row positions (all rows when None)."""
        sel = np.arange(self.n) if rows is None else np.asarray(rows, dtype=np.int64)
        order = np.argsort(self._place[sel], kind="stable")
        sel = sel[order]  # events grouped by place, places in latitude order
        n = len(sel)
        used_places, counts = np.unique(self._place[sel], return_counts=True) if n else (sel, sel)
        places = self._places[used_places]
        wh_used, wh_at = _compact(places[:, 2])
        kd_used, kd_at = _compact(self._kind[sel])
        sr_used, sr_at = _compact(self._src[sel])
        wh, kd, sr = self._wh[wh_used], self._kd[kd_used], self._sr[sr_used]
        # The strings this selection uses; then its notes, cut to the budget (equal cuts shared).
        parts = [wh.ravel(), kd[:, 1:].ravel(), sr.ravel(), self._date[sel], self._a1[sel], self._a2[sel]]
        used, at = _compact(np.concatenate(parts) if n else np.zeros(0, np.int64))
        notes_used, notes_at = _compact(self._note[sel])
        cut_codes, cut = pd.factorize(pd.Series(self._cut_notes(self._notes[notes_used], notes_budget), dtype=object))
        table = np.concatenate([self._strings[used], np.asarray(cut, dtype=object)])
        at = np.concatenate([at, cut_codes[notes_at] + len(used)]) if n else at
        # Most used first (short indices), counted in this selection.
        rank = np.empty(len(table), np.int64)
        rank[np.argsort(-np.bincount(at, minlength=len(table)), kind="stable")] = np.arange(len(table))
        at = rank[at]
        table = table[np.argsort(rank)]
        sizes = [len(x) for x in parts] + [n]
        pieces = np.split(at, np.cumsum(sizes)[:-1]) if n else [np.zeros(0, np.int64)] * (len(parts) + 1)
        notes_at = pieces[6]
        table = table.tolist()
        wh = pieces[0].reshape(-1, 3) if n else wh
        kd = np.column_stack([kd[:, 0], pieces[1].reshape(-1, 2)]) if n else kd
        sr = pieces[2].reshape(-1, 2) if n else sr
        o_lat, o_lon = (int(places[:, 0].min()), int(places[:, 1].min())) if n else (0, 0)
        pl = (np.column_stack([np.diff(places[:, 0] - o_lat, prepend=0), places[:, 1] - o_lon, wh_at, counts])
              if n else np.zeros((0, 4), np.int64))
        p = (np.column_stack([kd_at, pieces[3], pieces[4], pieces[5], self._fat[sel], sr_at, notes_at])
             if n else np.zeros((0, len(ROW_FIELDS)), np.int64))
        return {"s": table, "o": [o_lat, o_lon], "wh": wh.tolist(), "kd": kd.tolist(), "sr": sr.tolist(),
                "pl": pl.ravel().tolist(), "k": len(ROW_FIELDS), "n": n, "p": p.ravel().tolist()}

    @staticmethod
    def _cut_notes(notes: np.ndarray, budget: int) -> list[str]:
        """The distinct notes of a view, cut to share ``budget`` characters."""
        if not len(notes) or len(notes) * NOTES_LIMIT <= budget:
            return list(notes)  # already at most NOTES_LIMIT each
        return truncate_notes(pd.Series(notes, dtype=object), budget=budget).tolist()


def encode_points(df: pd.DataFrame, *, place_names: dict[str, str] | None = None,
                  notes_budget: int = NOTES_BUDGET) -> dict[str, Any]:
    """The payload of every row of a normalised frame whose rows all have coordinates."""
    return PointEncoder(df, place_names=place_names).payload(notes_budget=notes_budget)
