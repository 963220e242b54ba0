"""A million events on the map: every event of a store as a few numbers, read once per data
version; the text of a view's popup rows is fetched for those rows only.

:class:`~dashboard.map.index.MapIndex` keeps the located events' text in memory, which at a
million events costs seconds to read and a gigabyte to hold. This index keeps, per event, its
key (SQLite ``rowid``), coordinates, precision, type, day, fatalities, place and district
(about 30 bytes). A view is then: the database filters (``EventStore.row_keys``: one scan,
keys only), the keys become positions here, and NumPy gives the marks, the district
counts and the totals; only the rows a page carries (:data:`~dashboard.map.data.ROW_BUDGET`,
each spot's newest) are read with their text (``EventStore.rows_by_key``).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import sqlalchemy as sa

from ..schema import EVENT_TYPES
from .data import normalise, place_names as _place_names
from .encode import ROW_COLUMNS, PointEncoder
from .spots import to_e5

_SEP = "\x1f"  # unit separator: never in a place id or district name
_NO = -(2**31)  # no coordinate, no day


@dataclass(frozen=True)
class LeanPoints:
    """A view's rows of a :class:`LeanIndex`: what ``build_map`` accepts in place of a points
    frame (``frame``, ``place_names``, ``payload_of``)."""

    index: "LeanIndex"
    pos: np.ndarray  # positions of the view's located events in the index
    frame: pd.DataFrame

    @property
    def place_names(self) -> dict[str, str]:
        return self.index.place_names

    def __len__(self) -> int:
        return len(self.pos)

    def payload_of(self, positions: np.ndarray) -> dict[str, Any]:
        """The popup rows of ``frame``'s rows at ``positions``, read from the store now."""
        keys = self.index.keys[self.pos[np.asarray(positions, dtype=np.int64)]]
        got = self.index.store.rows_by_key(keys, ROW_COLUMNS)
        order = pd.Index(got["key"].to_numpy()).get_indexer(keys)
        rows = normalise(got.drop(columns=["key"]).take(order[order >= 0]).reset_index(drop=True))
        return PointEncoder(rows).payload()


class LeanIndex:
    """Every event of a store as numbers (see the module docstring)."""

    def __init__(self, store: Any, cols: dict[str, np.ndarray], districts: list[str], places: list[str],
                 gazetteer: Any = None):
        self.store = store
        order = np.argsort(cols["key"], kind="stable")
        c = {k: v[order] for k, v in cols.items()}
        self.keys = c["key"]
        self.lat, self.lon = c["lat"], c["lon"]  # 1e-5 degrees, _NO when missing
        self.prec, self.kind, self.day, self.fat = c["prec"], c["kind"], c["day"], c["fat"]
        self.district, self.place = c["district"], c["place"]  # codes into the lists (-1: none)
        self.districts, self.places = districts, places
        self.place_names = _place_names(gazetteer, places) if gazetteer is not None else {}
        self._kinds = pd.Categorical.from_codes(np.zeros(0, np.int8), categories=[*EVENT_TYPES, ""])

    @classmethod
    def from_store(cls, store: Any, gazetteer: Any = None) -> "LeanIndex":
        reader = _read_sqlite if store.is_sqlite else _read_generic
        cols, districts, places = reader(store)
        return cls(store, cols, districts, places, gazetteer)

    def __len__(self) -> int:
        return len(self.keys)

    def positions(self, keys: np.ndarray | None) -> np.ndarray:
        """Positions of these keys (None: every event), in key order; unknown keys are left out."""
        n = len(self.keys)
        if keys is None:
            return np.arange(n)
        if self.keys.dtype.kind in "iu":
            keys = np.sort(np.asarray(keys, dtype=np.int64))
            at = np.searchsorted(self.keys, keys)
            ok = at < n
            ok[ok] = self.keys[at[ok]] == keys[ok]
            return at[ok]
        found = pd.Index(self.keys).get_indexer(np.asarray(keys, dtype=object))
        return np.sort(found[found >= 0])

    def select(self, keys: np.ndarray | None) -> tuple[LeanPoints, pd.DataFrame, tuple[int, int]]:
        """(the located points of the view, its district stats, (events, fatalities))."""
        pos = self.positions(keys)
        fat = self.fat[pos]
        totals = (len(pos), int(fat[fat > 0].sum()))
        d = self.district[pos]
        has = d >= 0
        ev = np.bincount(d[has], minlength=len(self.districts))
        fa = np.bincount(d[has], weights=np.maximum(fat[has], 0), minlength=len(self.districts)).astype(np.int64)
        keep = np.flatnonzero(ev)
        stats = pd.DataFrame({"district": [self.districts[i] for i in keep], "events": ev[keep],
                              "fatalities": fa[keep]}).sort_values("district", kind="stable", ignore_index=True)
        located = pos[self.lat[pos] != _NO]
        return LeanPoints(self, located, self._frame(located)), stats, totals

    def _frame(self, pos: np.ndarray) -> pd.DataFrame:
        """The columns ``build_map`` reads, for these positions (categoricals: no string per row)."""
        kinds = self.kind[pos]
        prec = self.prec[pos].astype(float)
        prec[prec < 0] = np.nan
        fat = self.fat[pos].astype(float)
        fat[fat < 0] = np.nan
        empty = pd.Categorical.from_codes(np.zeros(len(pos), np.int8), categories=[""])
        return pd.DataFrame({
            "latitude": self.lat[pos] / 1e5, "longitude": self.lon[pos] / 1e5, "geo_precision": prec,
            "fatalities": fat,
            "event_type": pd.Categorical.from_codes(kinds, categories=self._kinds.categories),
            "event_date": self.day[pos],  # days since 1970 (only their order matters to the map)
            "place_id": pd.Categorical.from_codes(self.place[pos], categories=self.places) if self.places
            else empty, "location": empty,
            "district": pd.Categorical.from_codes(self.district[pos], categories=self.districts)
            if self.districts else empty,
        })


def _codes(text: str, n: int) -> tuple[np.ndarray, list[str]]:
    values = text.split(_SEP) if n else []
    codes, uniq = pd.factorize(pd.Series(values, dtype=object))
    names = [str(u) for u in uniq]
    if "" in names:  # "" means none: code -1
        blank = names.index("")
        codes = np.where(codes == blank, -1, codes - (codes > blank))
        names.pop(blank)
    return codes.astype(np.int32), names


def _ints(text: str | None, n: int, dtype: Any) -> np.ndarray:
    if not n:
        return np.zeros(0, dtype)
    return np.array(text.split(","), dtype=np.int64).astype(dtype)


def _read_sqlite(store: Any) -> tuple[dict[str, np.ndarray], list[str], list[str]]:
    """One pass, one string per column (``group_concat``), parsed by NumPy: about twice as fast
    as a row tuple per event. Every value is non-NULL so that the columns stay aligned."""
    kind = "CASE event_type " + " ".join(f"WHEN '{t}' THEN {i}" for i, t in enumerate(EVENT_TYPES)) + \
        f" ELSE {len(EVENT_TYPES)} END"
    sql = f"""SELECT count(*), group_concat(rowid),
        group_concat(coalesce(CAST(round(latitude * 100000) AS INTEGER), {_NO})),
        group_concat(coalesce(CAST(round(longitude * 100000) AS INTEGER), {_NO})),
        group_concat(coalesce(geo_precision, -1)), group_concat({kind}),
        group_concat(coalesce(CAST(julianday(event_date) - 2440587.5 AS INTEGER), {_NO})),
        group_concat(coalesce(fatalities, -1)),
        group_concat(coalesce(district, ''), char(31)), group_concat(coalesce(place_id, ''), char(31))
        FROM events"""
    with store.engine.connect() as conn:
        n, key, lat, lon, prec, kinds, day, fat, dist, place = conn.exec_driver_sql(sql).one()
    districts_c, districts = _codes(dist or "", n)
    places_c, places = _codes(place or "", n)
    cols = {"key": _ints(key, n, np.int64), "lat": _ints(lat, n, np.int32), "lon": _ints(lon, n, np.int32),
            "prec": _ints(prec, n, np.int8), "kind": _ints(kinds, n, np.int8), "day": _ints(day, n, np.int32),
            "fat": _ints(fat, n, np.int32), "district": districts_c, "place": places_c}
    return cols, districts, places


def _read_generic(store: Any) -> tuple[dict[str, np.ndarray], list[str], list[str]]:
    from ..store.tables import events

    c = events.c
    stmt = sa.select(c.event_id, c.latitude, c.longitude, c.geo_precision, c.event_type, c.event_date,
                     c.fatalities, c.district, c.place_id)
    df = store._frame(stmt, ("key", "lat", "lon", "prec", "kind", "day", "fat", "district", "place"),
                      key="str", lat="float", lon="float", prec="int", fat="int", day="datetime")
    lat, lon = (pd.to_numeric(df[x], errors="coerce") for x in ("lat", "lon"))
    ok = lat.notna() & lon.notna()
    district_c, districts = pd.factorize(df["district"])
    place_c, places = pd.factorize(df["place"])
    days = (pd.to_datetime(df["day"]) - pd.Timestamp("1970-01-01")).dt.days.fillna(_NO)
    cols = {"key": df["key"].to_numpy(dtype=object),
            "lat": np.where(ok, to_e5(lat.fillna(0)), _NO).astype(np.int32),
            "lon": np.where(ok, to_e5(lon.fillna(0)), _NO).astype(np.int32),
            "prec": df["prec"].fillna(-1).to_numpy(dtype=np.int8),
            "kind": df["kind"].map({t: i for i, t in enumerate(EVENT_TYPES)}).fillna(len(EVENT_TYPES))
            .to_numpy(dtype=np.int8),
            "day": days.to_numpy(dtype=np.int32), "fat": df["fat"].fillna(-1).to_numpy(dtype=np.int32),
            "district": district_c.astype(np.int32), "place": place_c.astype(np.int32)}
    return cols, [str(x) for x in districts], [str(x) for x in places]
