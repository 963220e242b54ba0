"""The evidence table (``damage_sites``): inserts and the queries the map and header need.

Damage sites answer only the view's date range (an imagery window overlapping it) and its
districts; the event filters (actors, types, fatalities, text, sources, precision) say
nothing about them. See :mod:`dashboard.evidence`.
"""
from __future__ import annotations

from datetime import date
from typing import Any, Iterable

import pandas as pd
import sqlalchemy as sa

from ..evidence import DAMAGE_COLUMNS, DamageSite
from ..filters import ViewState
from .frames import read_frame
from .tables import damage_sites

BATCH = 5000
# What the map draws and its popups show.
DAMAGE_MAP_COLUMNS: tuple[str, ...] = (
    "latitude", "longitude", "damage_level", "damage", "window_start", "window_end", "site_type",
    "confidence", "cause", "sensor", "place", "district", "source",
)
_KINDS = {"damage_level": "int", "window_start": "date", "window_end": "date", "origin_line": "int"}


def damage_clauses(view: ViewState | None) -> list[sa.ColumnElement[bool]]:
    """The view's date range (windows overlapping it) and districts, as SQL conditions."""
    c = damage_sites.c
    out: list[sa.ColumnElement[bool]] = []
    if view is None:
        return out
    date_from, date_to = view.date_bounds()  # narrowed to the time slider's window when set
    if date_from:
        out.append(c.window_end >= date_from)
    if date_to:
        out.append(c.window_start <= date_to)
    if view.districts:
        out.append(c.district.in_(view.districts))
    return out


def insert_sites(conn: sa.Connection, sites: Iterable[DamageSite], stamp: str) -> tuple[int, int]:
    """Insert (ids made if missing), skipping ids already stored; returns (inserted, duplicates).

    One statement for both databases: the dialect's ``INSERT ... ON CONFLICT DO NOTHING
    RETURNING site_id`` lists only the rows really inserted.
    """
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    stmt = (insert(damage_sites).on_conflict_do_nothing(index_elements=["site_id"])
            .returning(damage_sites.c.site_id))
    rows = []
    for s in sites:
        s.ensure_id()
        if not s.ingested_at:
            s.ingested_at = stamp
        rows.append({col: getattr(s, col) for col in DAMAGE_COLUMNS})
    inserted = 0
    for i in range(0, len(rows), BATCH):
        inserted += len(conn.execute(stmt, rows[i:i + BATCH]).all())
    return inserted, len(rows) - inserted


class DamageQueries:
    """The evidence queries of :class:`~dashboard.store.EventStore` (a mixin: needs ``engine``)."""

    engine: sa.Engine

    def insert_damage(self, sites: Iterable[DamageSite]) -> tuple[int, int]:
        """Insert damage sites in one transaction; returns (inserted, duplicates)."""
        with self.transaction() as w:  # type: ignore[attr-defined]
            return w.insert_damage(sites)

    def damage_points(self, view: ViewState | None = None, *, columns: Iterable[str] = DAMAGE_MAP_COLUMNS
                      ) -> pd.DataFrame:
        """The damage sites of the view (``columns``, by default what the map shows)."""
        cols = list(columns)
        stmt = sa.select(*[damage_sites.c[c] for c in cols]).where(*damage_clauses(view))
        with self.engine.connect() as conn:
            return read_frame(conn, stmt, cols, kinds=_KINDS)

    def damage_count(self, view: ViewState | None = None) -> int:
        """How many damage sites the view holds (all of them without a view)."""
        stmt = sa.select(sa.func.count()).select_from(damage_sites).where(*damage_clauses(view))
        with self.engine.connect() as conn:
            return int(conn.execute(stmt).scalar_one())

    def damage_by_district(self, view: ViewState | None = None) -> pd.DataFrame:
        """Per district: ``district``, ``damage`` (sites outside every district left out)."""
        c = damage_sites.c
        stmt = (sa.select(c.district, sa.func.count()).where(*damage_clauses(view), c.district.is_not(None))
                .group_by(c.district))
        with self.engine.connect() as conn:
            df = read_frame(conn, stmt, ["district", "damage"], kinds={"damage": "int"})  # a count here
        return df.astype({"damage": "int64"}).sort_values("district", kind="stable", ignore_index=True)

    def damage_dates(self) -> tuple[date | None, date | None]:
        """The earliest window start and the latest window end of every stored site."""
        c = damage_sites.c
        with self.engine.connect() as conn:
            lo, hi = conn.execute(sa.select(sa.func.min(c.window_start), sa.func.max(c.window_end))).one()
        return _as_date(lo), _as_date(hi)


def _as_date(v: Any) -> date | None:
    if v is None or isinstance(v, date):
        return v
    return date.fromisoformat(str(v)[:10])
