"""The compact payload of the map's popup rows, encoded once and selected per view.

:class:`PointEncoder` does the per-row work once for a set of events (string tables,
shared kind and source tuples); ``payload(rows)`` then builds the rows of any subset, in
the order given, with NumPy selections only. The app keeps one encoder per data version
(:mod:`dashboard.map.index`), so a filter change does not re-read or re-encode the events'
text. The marks themselves (one per spot) are :mod:`dashboard.map.spots`'.

Payload (read by :class:`dashboard.map.points.EventMarks`):

- ``s``: strings; string fields below are indices into it.
- ``kd``: ``[colour, type, sub-type]`` (``colour`` indexes ``TYPE_COLOURS``); ``sr``:
  ``[source, url]`` (url http(s) only, else "").
- ``lp``: ``[place id, geo precision]`` (precision -1 when unknown; the id "" for coordinates
  the file gave): which gazetteer place located the event; the popups look the place's name
  and source up in a per-place table (:func:`dashboard.sources.place_lookup`).
- ``p``: flat, ``k`` ints per row (``ROW_FIELDS``: kind, date, actor1, actor2, fatalities,
  source, notes, place as written, located); ``fatalities`` is -1 when unknown. ``n``: rows.
"""
from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from .data import NOTES_BUDGET, NOTES_LIMIT, ROW_FIELDS, TYPE_NAMES, is_web_url, truncate_notes

# The columns a row needs (what EventStore.rows_by_key reads for the popups).
ROW_COLUMNS = ("event_date", "event_type", "sub_event_type", "actor1", "actor2", "fatalities", "location",
               "source", "source_url", "notes", "place_id", "geo_precision")
# String columns of the payload and the frame column each comes from.
_STRING_COLUMNS = {"location": "location", "type": "event_type", "sub": "sub_event_type", "date": "event_date",
                   "actor1": "actor1", "actor2": "actor2", "source": "source", "url": "source_url",
                   "place": "place_id"}


def kind_index(event_type: pd.Series) -> np.ndarray:
    """Each event's index into ``TYPE_NAMES`` (the last one for any other type)."""
    other = len(TYPE_NAMES) - 1
    if isinstance(event_type.dtype, pd.CategoricalDtype):  # one lookup per category, not per event
        per = kind_index(pd.Series(event_type.cat.categories, dtype=object))
        codes = event_type.cat.codes.to_numpy()
        return np.where(codes >= 0, per[np.maximum(codes, 0)] if len(per) else other, other).astype(np.int64)
    return event_type.map({t: i for i, t in enumerate(TYPE_NAMES[:-1])}).fillna(other).to_numpy(dtype=np.int64)


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
    """The popup rows of any subset of a normalised points frame (see module docstring)."""

    def __init__(self, df: pd.DataFrame):
        self.n = n = len(df)
        # One global string table (most frequent first); notes get their own part of it
        # because they are cut per view and must not change an equal place or actor name.
        gids: dict[str, np.ndarray] = {}
        strings: dict[str, int] = {}
        counts: list[int] = []
        for key, col in _STRING_COLUMNS.items():
            codes, uniq = pd.factorize(df[col], use_na_sentinel=False)
            uniq = [str(u) for u in np.asarray(uniq, dtype=object)]  # one conversion, not Arrow's per-item iteration
            if key == "url":
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
        self.kinds = kind_index(df["event_type"]) if n else np.zeros(0, np.int64)
        self._kind, self._kd = _factor_rows([self.kinds, gids["type"], gids["sub"]])
        self._src, self._sr = _factor_rows([gids["source"], gids["url"]])
        precision = df["geo_precision"].fillna(-1).clip(-1, 9).to_numpy(dtype=np.int64) + 1  # >= 0 to factor
        self._loc, self._lp = _factor_rows([gids["place"], precision])
        self._lp[:, 1] -= 1
        self._date, self._a1, self._a2, self._where = gids["date"], gids["actor1"], gids["actor2"], gids["location"]
        self._fat = df["fatalities"].fillna(-1).clip(-1, 10**9).to_numpy(dtype=np.int64)

    def payload(self, rows: np.ndarray | None = None, *, notes_budget: int = NOTES_BUDGET) -> dict[str, Any]:
        """The payload of the given row positions, in that order (all rows when None)."""
        sel = np.arange(self.n) if rows is None else np.asarray(rows, dtype=np.int64)
        n = len(sel)
        kd_used, kd_at = _compact(self._kind[sel])
        sr_used, sr_at = _compact(self._src[sel])
        lp_used, lp_at = _compact(self._loc[sel])
        kd, sr, lp = self._kd[kd_used], self._sr[sr_used], self._lp[lp_used]
        # The strings this selection uses; then its notes, cut to the budget (equal cuts shared).
        parts = [kd[:, 1:].ravel(), sr.ravel(), self._date[sel], self._a1[sel], self._a2[sel], self._where[sel],
                 lp[:, 0]]
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
        kd = np.column_stack([kd[:, 0], pieces[0].reshape(-1, 2)]) if n else kd
        sr = pieces[1].reshape(-1, 2) if n else sr
        lp = np.column_stack([pieces[6], lp[:, 1]]) if n else lp
        p = (np.column_stack([kd_at, pieces[2], pieces[3], pieces[4], self._fat[sel], sr_at, pieces[7], pieces[5],
                              lp_at])
             if n else np.zeros((0, len(ROW_FIELDS)), np.int64))
        return {"s": table.tolist(), "kd": kd.tolist(), "sr": sr.tolist(), "lp": lp.tolist(), "k": len(ROW_FIELDS),
                "n": n, "p": p.ravel().tolist()}

    @staticmethod
    def _cut_notes(notes: np.ndarray, budget: int) -> list[str]:
        """The distinct notes of a view, cut to share ``budget`` characters."""
        if not len(notes) or len(notes) * NOTES_LIMIT <= budget:
            return list(notes)  # already at most NOTES_LIMIT each
        return truncate_notes(pd.Series(notes, dtype=object), budget=budget).tolist()


def encode_rows(df: pd.DataFrame, *, notes_budget: int = NOTES_BUDGET) -> dict[str, Any]:
    """The payload of every row of a normalised frame, in its order."""
    return PointEncoder(df).payload(notes_budget=notes_budget)
