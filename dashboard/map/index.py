"""The store's located events, read and encoded once per data version, selected per view.

On a filter change the database still does the filtering (``EventStore.located_ids``
returns the ids of the matching located events, filters pushed down as for every query);
what is saved is re-reading those rows' text and re-encoding it for the map: the rows
come from this index by position, their payload from its :class:`PointEncoder`. At
100,000 events a view then costs a query for ids and NumPy selections instead of reading
and encoding up to 100,000 rows of text (see ``benchmarks/bench_filter.py``).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

import numpy as np
import pandas as pd

from .data import normalise, place_names
from .encode import PointEncoder

# Columns of the normalised frame that build_map reads besides the payload (kept as plain
# NumPy objects: selecting rows from them is a pointer copy, not an Arrow string take).
_FRAME_COLUMNS = ("latitude", "longitude", "geo_precision", "fatalities", "event_type", "event_date",
                  "place_id", "location", "district")


@dataclass(frozen=True)
class IndexedPoints:
    """Some rows of a :class:`MapIndex`: what ``build_map`` accepts in place of a points frame."""

    frame: pd.DataFrame  # normalised rows (``_FRAME_COLUMNS``)
    rows: np.ndarray  # their positions in ``encoder``
    encoder: PointEncoder
    place_names: dict[str, str]  # the gazetteer's names of their places

    def __len__(self) -> int:
        return len(self.rows)

    def payload_of(self, positions: np.ndarray) -> dict[str, Any]:
        """The popup rows (:class:`PointEncoder` payload) of the rows of ``frame`` at ``positions``."""
        return self.encoder.payload(self.rows[np.asarray(positions, dtype=np.int64)])


class MapIndex:
    """Located events (``EventStore.map_points(include_id=True)``), normalised and encoded once."""

    def __init__(self, points: pd.DataFrame, *, place_names: dict[str, str] | None = None):
        ids = points["event_id"] if "event_id" in points.columns else pd.Series([], dtype=object)
        self._ids = pd.Index(np.asarray(ids, dtype=object))
        df = normalise(points.drop(columns=["event_id"], errors="ignore"))
        self.encoder = PointEncoder(df)
        self.place_names = dict(place_names or {})
        self._frame = pd.DataFrame({c: (df[c].to_numpy(dtype=object) if df[c].dtype.kind not in "fiu"
                                        else df[c].to_numpy()) for c in _FRAME_COLUMNS})

    @classmethod
    def from_store(cls, store: Any, gazetteer: Any) -> "MapIndex":
        """Every located event of ``store``, with the gazetteer's names for their places."""
        points = store.map_points(include_id=True)
        ids = pd.unique(points["place_id"].dropna()) if len(points) else []
        return cls(points, place_names=place_names(gazetteer, ids))

    def __len__(self) -> int:
        return len(self._ids)

    def select(self, event_ids: Iterable[Any]) -> IndexedPoints:
        """The indexed rows with these ids (ids not in the index are left out), in index order."""
        ids = np.asarray(list(event_ids) if not isinstance(event_ids, np.ndarray) else event_ids, dtype=object)
        pos = self._ids.get_indexer(ids) if len(ids) else np.zeros(0, np.int64)
        pos = np.sort(pos[pos >= 0]).astype(np.int64)
        return IndexedPoints(self._frame.take(pos).reset_index(drop=True), pos, self.encoder, self.place_names)

    def all(self) -> IndexedPoints:
        """Every indexed row."""
        pos = np.arange(len(self._ids), dtype=np.int64)
        return IndexedPoints(self._frame, pos, self.encoder, self.place_names)
