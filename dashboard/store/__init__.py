"""The event store: one SQLAlchemy Core code path for a SQLite file and PostgreSQL.

``EventStore()`` opens ``$ALEPPO_DB`` or ``<repo>/var/events.sqlite``; pass a URL
(``postgresql://...``) or a plain file path for another. Every
:class:`~dashboard.filters.ViewState` filter becomes SQL (see ``where.py``) and
results go straight into pandas.
"""
from __future__ import annotations

import os
import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Any, Iterable, Iterator

import numpy as np
import pandas as pd
import sqlalchemy as sa

from ..errors import StoreError
from ..filters import ViewState
from ..schema import EXPORT_COLUMNS, Event
from . import periods
from .damage import DamageQueries
from .tables import default_url, events, ingests, make_engine, metadata, normalize_url
from .actors import ActorQueries
from .folded import ensure_search_text
from .frames import read_frame
from .where import clauses, in_values, unresolved_clause
from .writer import BULK_MIN, Writer, utc_now

__all__ = ["EventStore", "Facets", "Writer", "BULK_MIN", "default_url", "fatality_sum", "utc_now", "MAP_COLUMNS"]

MAP_COLUMNS: tuple[str, ...] = (  # what the map's points and popups show (no id: not shown)
    "event_date", "event_type", "sub_event_type", "actor1", "actor2", "fatalities",
    "location", "place_id", "district", "latitude", "longitude", "geo_precision", "source",
    "source_url", "notes",
)
SCHEMA_LOCK = 0x15A1E990  # PostgreSQL advisory lock key: one process creates the tables at a time


def fatality_sum(sqlite: bool) -> sa.ColumnElement[int]:
    """``SUM(fatalities)`` that can never overflow, 0 when there are none.

    SQLite's ``SUM`` of integers raises "integer overflow" past 2^63 (one hostile row in an
    old store would break every page); its ``TOTAL`` adds as a float, and the cast back
    saturates instead of failing. PostgreSQL adds an ``integer`` column as ``bigint``.
    Ingest caps each event at ``MAX_FATALITIES``, so real totals stay exact."""
    f = events.c.fatalities
    if sqlite:
        return sa.cast(sa.func.total(f), sa.BigInteger)
    return sa.func.coalesce(sa.func.sum(f), 0)


def _located() -> tuple[sa.ColumnElement[bool], ...]:
    return events.c.latitude.is_not(None), events.c.longitude.is_not(None)


@dataclass(frozen=True)
class Facets:
    """The values the filters can take, for the app's widgets."""

    actors: list[str]
    event_types: list[str]
    sub_event_types: list[str]
    sources: list[str]
    districts: list[str]
    min_date: date | None
    max_date: date | None


class EventStore(ActorQueries, DamageQueries):
    """Events in a SQLite file or a PostgreSQL database (created on first use), and apart from
    them the evidence layer's damage sites (:class:`DamageQueries`)."""

    def __init__(self, url: str | os.PathLike | None = None):
        self.url = normalize_url(url) if url is not None else default_url()
        self.is_sqlite = self.url.startswith("sqlite")
        try:
            self.engine = make_engine(self.url)
            with self.engine.connect().execution_options(immediate=True) as conn, conn.begin():
                if not self.is_sqlite:  # concurrent CREATE TABLEs collide in PostgreSQL's catalogue
                    conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({SCHEMA_LOCK})")
                metadata.create_all(conn)
                from ..evidence.migrate import migrate_damage_events

                self.migrated = migrate_damage_events(conn)  # damage sites stored as events by older versions
                self.folded = ensure_search_text(conn, sqlite=self.is_sqlite)  # search text of older stores
        except (sa.exc.SQLAlchemyError, sqlite3.Error, OSError) as exc:
            raise StoreError(f"cannot open the event store {self.safe_url}: {exc.__class__.__name__}: "
                             f"{str(exc).splitlines()[0]}") from exc

    @property
    def safe_url(self) -> str:
        """The URL without its password (for messages)."""
        return sa.make_url(self.url).render_as_string(hide_password=True)

    def __repr__(self) -> str:
        return f"EventStore({self.safe_url!r})"

    def close(self) -> None:
        """Release pooled connections."""
        self.engine.dispose()

    @contextmanager
    def transaction(self) -> Iterator[Writer]:
        """One write transaction: all of it is committed, or (on any error) none of it."""
        with self.engine.connect().execution_options(immediate=True) as conn:
            with conn.begin():
                w = Writer(self, conn)
                yield w
                w.finish()

    def insert_events(self, events_: Iterable[Event]) -> tuple[int, int]:
        """Insert in one transaction, skipping ids already stored; returns (inserted, duplicates)."""
        with self.transaction() as w:
            return w.insert(events_)

    # -- reading ---------------------------------------------------------------
    def _frame(self, stmt: sa.Select, columns: Iterable[str], **kinds: str) -> pd.DataFrame:
        with self.engine.connect() as conn:
            return read_frame(conn, stmt, list(columns), kinds=kinds)

    def _where(self, view: ViewState | None) -> list[sa.ColumnElement[bool]]:
        if view is None:
            return []
        names = self.actor_values(view)
        cells = self.assoc_cells(names) if names is not None and names != view.actors else None
        return clauses(view, sqlite=self.is_sqlite, actor_names=names, assoc_cells=cells)

    def query(self, view: ViewState | None = None, limit: int | None = None) -> pd.DataFrame:
        """Events matching the view (EXPORT_COLUMNS), newest first; ``event_date`` as datetime64."""
        stmt = sa.select(*[events.c[c] for c in EXPORT_COLUMNS]).where(*self._where(view))
        stmt = stmt.order_by(events.c.event_date.desc(), events.c.event_id)
        if limit is not None:
            stmt = stmt.limit(int(limit))
        return self._frame(stmt, EXPORT_COLUMNS, event_date="datetime")

    def map_points(self, view: ViewState | None = None, *, include_id: bool = False) -> pd.DataFrame:
        """Compact rows for the map (MAP_COLUMNS, ``event_id`` first with ``include_id``) with
        coordinates; ``event_date`` as ISO text."""
        cols = ("event_id", *MAP_COLUMNS) if include_id else MAP_COLUMNS
        stmt = sa.select(*[events.c[c] for c in cols]).where(*self._where(view), *_located())
        return self._frame(stmt, cols)

    def located_ids(self, view: ViewState | None = None) -> np.ndarray:
        """The ids of the events with coordinates that match the view (filters pushed down)."""
        stmt = sa.select(events.c.event_id).where(*self._where(view), *_located())
        return self._frame(stmt, ("event_id",))["event_id"].to_numpy(dtype=object)

    def row_keys(self, view: ViewState | None = None) -> np.ndarray:
        """Keys of every event matching the view (filters pushed down), in key order: SQLite's
        ``rowid`` (int64: no string per row) or else ``event_id``. For :mod:`dashboard.map.lean`."""
        key = _key_column(self.is_sqlite)
        stmt = sa.select(key).select_from(events).where(*self._where(view)).order_by(key)
        with self.engine.connect() as conn:
            result = conn.execute(stmt)
            try:
                cursor = getattr(result, "cursor", None)
                rows = cursor.fetchall() if cursor is not None else list(result)
            finally:
                result.close()
        if self.is_sqlite:
            return np.fromiter((r[0] for r in rows), np.int64, len(rows))
        return np.asarray([r[0] for r in rows], dtype=object)

    def rows_by_key(self, keys: Iterable[Any], columns: Iterable[str] = MAP_COLUMNS) -> pd.DataFrame:
        """The events with these keys (see :meth:`row_keys`): ``key`` and ``columns``, in no order."""
        cols = list(columns)
        key = _key_column(self.is_sqlite)
        keys = list(keys)
        if self.is_sqlite:  # one JSON parameter, however many keys (no limit on bound variables)
            import json

            chosen = sa.select(sa.literal_column("value")).select_from(
                sa.func.json_each(sa.bindparam("keys", json.dumps([int(k) for k in keys]))))
            where = key.in_(chosen)
        else:
            where = key.in_(keys)
        stmt = sa.select(key.label("key"), *[events.c[c] for c in cols]).select_from(events).where(where)
        return self._frame(stmt, ("key", *cols), key="int" if self.is_sqlite else "str")

    def value_counts(self, column: str, view: ViewState | None = None) -> list[tuple[str, int]]:
        """``(value, events)`` of one column under the view, most events first ("" for none)."""
        col = events.c[column]
        n = sa.func.count().label("n")
        stmt = sa.select(col, n).where(*self._where(view)).group_by(col).order_by(n.desc(), col)
        with self.engine.connect() as conn:
            return [("" if v is None else str(v), int(k)) for v, k in conn.execute(stmt)]

    def district_stats(self, view: ViewState | None = None) -> pd.DataFrame:
        """Per district: ``district``, ``events``, ``fatalities`` (events without a district left out)."""
        c = events.c
        stmt = (sa.select(c.district, sa.func.count(), fatality_sum(self.is_sqlite))
                .where(*self._where(view), c.district.is_not(None)).group_by(c.district))
        df = self._frame(stmt, ("district", "events", "fatalities"), fatalities="int")
        df = df.astype({"events": "int64", "fatalities": "int64"})
        return df.sort_values("district", kind="stable", ignore_index=True)

    def totals(self, view: ViewState | None = None) -> tuple[int, int]:
        """(events, fatalities) matching the view (one aggregate, no grouping: cheaper)."""
        stmt = sa.select(sa.func.count(), fatality_sum(self.is_sqlite)).where(*self._where(view))
        with self.engine.connect() as conn:
            n, f = conn.execute(stmt).one()
        return int(n), int(f)

    def date_span(self, view: ViewState | None = None) -> tuple[date | None, date | None]:
        """(first, last) event date under the view (see :mod:`.periods`)."""
        return periods.date_span(self.engine, view, sqlite=self.is_sqlite)

    def date_counts(self, view: ViewState | None = None) -> pd.DataFrame:
        """Events per day, time precision and type under the view (see :mod:`.periods`)."""
        return periods.date_counts(self.engine, view, sqlite=self.is_sqlite)

    def count(self) -> int:
        """Number of stored events."""
        with self.engine.connect() as conn:
            return int(conn.execute(sa.select(sa.func.count()).select_from(events)).scalar_one())

    def facets(self) -> Facets:
        """Distinct values of the filterable columns, sorted, and the date range."""
        c = events.c
        with self.engine.connect() as conn:
            def distinct(*cols: sa.Column) -> list[str]:
                vals: set[str] = set()
                for col in cols:
                    vals.update(v for (v,) in conn.execute(sa.select(col).distinct()) if v)
                return sorted(vals, key=str.casefold)

            lo, hi = conn.execute(sa.select(sa.func.min(c.event_date), sa.func.max(c.event_date))).one()
            return Facets(distinct(c.actor1, c.actor2), distinct(c.event_type), distinct(c.sub_event_type),
                          distinct(c.source), distinct(c.district), _as_date(lo), _as_date(hi))

    def unresolved(self) -> pd.DataFrame:
        """Place names that did not resolve: ``location``, ``events`` (most frequent first)."""
        c = events.c
        stmt = (sa.select(c.location, sa.func.count().label("events")).where(unresolved_clause())
                .group_by(c.location).order_by(sa.func.count().desc(), c.location))
        return self._frame(stmt, ("location", "events")).astype({"events": "int64"})

    def ingests(self) -> pd.DataFrame:
        """The provenance table: one row per ingested file."""
        cols = [col.name for col in ingests.columns]
        ints = {col.name: "int" for col in ingests.columns if isinstance(col.type, sa.Integer)}
        return self._frame(sa.select(ingests).order_by(ingests.c.id), cols, **ints)

    def regeocode(self, gazetteer: Any, *, before: Any = None) -> int:
        """Resolve unresolved events again (e.g. after adding an alias); returns how many changed.

        ``before``: the gazetteer as it was before a change to the user's places or names. Every
        stored place name that it resolved differently is placed again: its events that sat at the
        old place's own point by their name, the others by their own coordinates (a removed place
        or a rejected match sends them back to unresolved; a new place or alias moves them).
        """
        from ..geocode import GeoReject, Geocoder

        geo = Geocoder(gazetteer)
        c = events.c
        cols = (c.event_id, c.location, c.latitude, c.longitude, c.geo_precision, c.place_id, c.district)
        moved: dict[str, tuple] = {}  # location -> (old place id, lat, lon) or None
        if before is not None:
            old = Geocoder(before)
            for loc, _ in self.value_counts("location"):
                a, b = old.resolve_location(loc), geo.resolve_location(loc)
                if (a.place.id if a else None) != (b.place.id if b else None):
                    moved[loc] = (a.place.id, a.place.lat, a.place.lon) if a else None
        with self.engine.connect().execution_options(immediate=True) as conn, conn.begin():
            rows = conn.execute(sa.select(*cols).where(unresolved_clause())).all()
            if moved:
                rows += conn.execute(sa.select(*cols).where(
                    in_values(c.location, sorted(moved), sqlite=self.is_sqlite), c.place_id.is_not(None))).all()
            updates = []
            for eid, loc, lat, lon, prec, pid, district in rows:
                if pid is not None and moved.get(loc) == (pid, lat, lon):
                    lat = lon = prec = None  # the old place's point, not the event's: the name decides
                try:
                    p = geo.place(loc or "", lat, lon, prec)
                except GeoReject:
                    continue
                if pid is None and p.place_id is None:
                    continue  # still unresolved
                new = {"place_id": p.place_id, "district": p.district, "latitude": p.latitude,
                       "longitude": p.longitude, "geo_precision": p.geo_precision}
                if pid is not None and (new["place_id"], new["district"]) == (pid, district):
                    continue
                updates.append({"eid": eid, **new})
            if updates:
                stmt = (events.update().where(c.event_id == sa.bindparam("eid"))
                        .values(place_id=sa.bindparam("place_id"), district=sa.bindparam("district"),
                                latitude=sa.bindparam("latitude"), longitude=sa.bindparam("longitude"),
                                geo_precision=sa.bindparam("geo_precision")))
                conn.execute(stmt, updates)
        return len(updates)


def _key_column(sqlite: bool) -> sa.ColumnElement:
    """The row key: SQLite's rowid (the table has a text primary key, so a separate integer
    rowid exists; it is stable because the store never deletes or vacuums), else ``event_id``."""
    return sa.literal_column("events.rowid") if sqlite else events.c.event_id


def _as_date(v: Any) -> date | None:
    if v is None or isinstance(v, date):
        return v
    return date.fromisoformat(str(v)[:10])
