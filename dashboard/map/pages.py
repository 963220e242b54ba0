"""Older popup rows, fetched when a popup pages past what the map page carries (the app only).

A map page carries each spot's newest rows (:data:`~dashboard.map.data.ROW_BUDGET` in all).
When a popup pages further, the page asks the app through streamlit-folium's click report
(a click whose tooltip text is ``aleppo-rows:<name>``, see :func:`parse_request`); the app
reads that chunk of the spot's rows from the store under the same filters, newest first,
and writes it as ``<name>.json`` in a folder Streamlit serves; the page polls for the file.
A standalone snapshot has no app behind it: its popups say what the file leaves out.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from ..filters import ViewState
from .data import normalise
from .encode import ROW_COLUMNS, PointEncoder

CHUNK = 100  # rows per file (ten popup pages)
PREFIX = "aleppo-rows:"
KEEP_FILES = 400  # the folder keeps this many chunks (oldest removed first)
_REQUEST = re.compile(r"^aleppo-rows:([0-9a-f]{16})-(n?\d{1,9})-(n?\d{1,9})-(\d{1,9})$")


@dataclass(frozen=True)
class RowsRequest:
    """Rows ``start`` .. ``start + CHUNK`` of the spot at (``lat``, ``lon``) in 1e-5 degrees,
    under the view the map with ``token`` was built for."""

    token: str
    lat: int
    lon: int
    start: int

    @property
    def name(self) -> str:
        """The file's name (without ``.json``): what the page asked for, spelled safely."""
        def n(v: int) -> str:
            return ("n" if v < 0 else "") + str(abs(v))
        return f"{self.token}-{n(self.lat)}-{n(self.lon)}-{self.start}"


def view_token(*parts: Any) -> str:
    """A short stable token for a map's data version and filters."""
    return hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()[:16]


def parse_request(text: Any) -> RowsRequest | None:
    """The request in a click report's tooltip text (None for anything else)."""
    if not isinstance(text, str):
        return None
    m = _REQUEST.match(text.strip())
    if not m:
        return None
    token, lat, lon, start = m.groups()
    return RowsRequest(token, int(lat.replace("n", "-")), int(lon.replace("n", "-")), int(start))


def spot_rows(store: Any, view: ViewState, req: RowsRequest, *, limit: int = CHUNK) -> dict[str, Any]:
    """The spot's exact events under ``view``, newest first (ties in key order), from
    ``req.start``: a :class:`PointEncoder` payload."""
    from ..store.tables import events
    from ..store import _key_column

    c = events.c
    key = _key_column(store.is_sqlite)
    half = 0.5 / 100_000
    near = [c.latitude >= req.lat / 1e5 - half, c.latitude < req.lat / 1e5 + half,
            c.longitude >= req.lon / 1e5 - half, c.longitude < req.lon / 1e5 + half,
            sa.or_(c.geo_precision.is_(None), c.geo_precision == 1)]
    stmt = (sa.select(*[c[x] for x in ROW_COLUMNS]).where(*store._where(view), *near)
            .order_by(c.event_date.desc(), key).offset(max(0, req.start)).limit(limit))
    return PointEncoder(normalise(store._frame(stmt, ROW_COLUMNS))).payload()


def write_rows(store: Any, view: ViewState, req: RowsRequest, folder: Path) -> Path:
    """Write the requested chunk as ``folder/<name>.json`` (once: an existing file is kept)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{req.name}.json"
    if path.exists():
        return path
    tmp = path.with_suffix(".part")
    tmp.write_text(json.dumps(spot_rows(store, view, req), ensure_ascii=False, separators=(",", ":")),
                   encoding="utf-8")
    os.replace(tmp, path)  # the page never reads half a file
    _prune(folder)
    return path


def _prune(folder: Path) -> None:
    files = sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime)
    cutoff = time.time() - 60
    for p in files[:-KEEP_FILES]:
        if p.stat().st_mtime < cutoff:
            p.unlink(missing_ok=True)
