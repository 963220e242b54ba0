"""Writing events: :class:`Writer` inserts inside one open transaction of an
:class:`~dashboard.store.EventStore` (batched, deferred SQLite indexes on a bulk load into an
empty table, PostgreSQL rows in one order so that concurrent writers cannot deadlock)."""
from __future__ import annotations

import operator
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any, Iterable

import sqlalchemy as sa

from ..errors import StoreError
from ..schema import COLUMNS, MAX_FATALITIES, Event
from ..textfold import fold_row
from .actors import record_codes
from .damage import insert_sites
from .folded import COLUMN as SEARCH_COLUMN
from .tables import events, ingests

if TYPE_CHECKING:
    from . import EventStore

BATCH = 5000
BULK_MIN = 2000  # a first batch this big into an empty SQLite table: indexes are built after the load


def utc_now() -> str:
    """Now, as ISO 8601 UTC with seconds."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class Writer:
    """Inserts inside one open transaction (see :meth:`EventStore.transaction`)."""

    def __init__(self, store: "EventStore", conn: sa.Connection):
        self.store, self.conn = store, conn
        self.stamp = utc_now()
        self._first = True
        self._deferred: list[str] = []  # CREATE INDEX statements to run before the commit
        cols = ", ".join((*COLUMNS, SEARCH_COLUMN))
        if store.is_sqlite:
            marks = ", ".join("?" * (len(COLUMNS) + 1))
            self._sql = f"INSERT INTO events ({cols}) VALUES ({marks}) ON CONFLICT (event_id) DO NOTHING"
        else:
            from sqlalchemy.dialects.postgresql import insert

            self._stmt = (insert(events).on_conflict_do_nothing(index_elements=["event_id"])
                          .returning(events.c.event_id))

    def insert(self, batch: Iterable[Event]) -> tuple[int, int]:
        """Insert events (ids made if missing); returns (inserted, duplicates)."""
        rows = []
        for ev in batch:
            _check(ev)
            ev.ensure_id()
            if not ev.ingested_at:
                ev.ingested_at = self.stamp
            rows.append(ev)
        if not rows:
            return 0, 0
        if self.store.is_sqlite:
            inserted = 0
            for i in range(0, len(rows), BATCH):
                inserted += self._sqlite_insert([_sqlite_row(e) for e in rows[i:i + BATCH]])
        else:
            inserted = 0
            rows.sort(key=_EVENT_ID)  # one order for every writer: no deadlock within a batch
            for i in range(0, len(rows), BATCH):
                params = [{**{c: getattr(e, c) for c in COLUMNS}, SEARCH_COLUMN: fold_row(e.location, e.notes)}
                          for e in rows[i:i + BATCH]]
                # RETURNING lists only the rows really inserted (conflicts return nothing).
                inserted += len(self.conn.execute(self._stmt, params).all())
        return inserted, len(rows) - inserted

    def insert_records(self, records: list[list]) -> tuple[int, int]:
        """:meth:`insert` for events as lists of values in ``COLUMNS`` order, each with its
        ``event_id`` (the ingest hot path). The lists are consumed (dates become text)."""
        if not self.store.is_sqlite:
            return self.insert([Event(*r) for r in records])
        stamp = self.stamp
        for r in records:
            r[_DATE_AT] = r[_DATE_AT].isoformat()
            if not r[_STAMP_AT]:
                r[_STAMP_AT] = stamp
        inserted = self._sqlite_insert(records)
        return inserted, len(records) - inserted

    def _sqlite_insert(self, params: list) -> int:
        raw = self.conn.connection.driver_connection
        if self._first:
            self._first = False
            if len(params) >= BULK_MIN:
                self._defer_indexes(raw)
        params = [(*p, fold_row(p[_LOC_AT], p[_NOTES_AT])) for p in params]  # + search_text
        before = raw.total_changes
        cur = raw.cursor()
        try:
            cur.executemany(self._sql, params)
        finally:
            cur.close()
        return raw.total_changes - before

    def _defer_indexes(self, raw: Any) -> None:
        """Bulk load into an empty table: drop its secondary indexes now and build them (by one
        sort each, much cheaper than a million B-tree inserts) in :meth:`finish`, inside the same
        transaction. Readers see the old snapshot (WAL); a rollback restores the indexes."""
        if raw.execute("SELECT 1 FROM events LIMIT 1").fetchone() is not None:
            return
        found = raw.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' "
                            "AND tbl_name = 'events' AND sql IS NOT NULL").fetchall()
        for name, sql in found:
            raw.execute(f'DROP INDEX "{name}"')
            self._deferred.append(sql)

    def finish(self) -> None:
        """Complete the transaction's work before its commit (builds deferred indexes)."""
        if self._deferred:
            raw = self.conn.connection.driver_connection
            while self._deferred:
                raw.execute(self._deferred.pop(0))

    def record_actor_codes(self, codes: dict[str, int]) -> None:
        """Keep the ACLED interaction code of each actor name (the first one stored wins)."""
        record_codes(self.conn, codes, sqlite=self.store.is_sqlite)

    def insert_damage(self, sites: Iterable[Any]) -> tuple[int, int]:
        """Insert damage sites (evidence, :mod:`dashboard.evidence`); returns (inserted, duplicates)."""
        return insert_sites(self.conn, sites, self.stamp)

    def record_ingest(self, **info: Any) -> None:
        """One provenance row in ``ingests`` (file, sha256, format, times, counts)."""
        self.conn.execute(ingests.insert().values(**info))


_TEXT = ("actor1", "assoc_actor_1", "actor2", "assoc_actor_2", "location", "source", "source_url", "notes",
         "event_type", "sub_event_type", "origin")


def _check(ev: Event) -> None:
    """What no event may bring into the store: NUL in text, a toll beyond any one event's."""
    if ev.fatalities is not None and not 0 <= ev.fatalities <= MAX_FATALITIES:
        raise StoreError(f"event {ev.event_id or ev.location!r}: fatalities {str(ev.fatalities)[:40]} out of range "
                         f"(0 to {MAX_FATALITIES:,})")
    for name in _TEXT:
        v = getattr(ev, name)
        if v and "\x00" in v:
            setattr(ev, name, v.replace("\x00", ""))


_ALL = operator.attrgetter(*COLUMNS)
_EVENT_ID = operator.attrgetter("event_id")
_DATE_AT = COLUMNS.index("event_date")
_LOC_AT, _NOTES_AT = COLUMNS.index("location"), COLUMNS.index("notes")
_STAMP_AT = COLUMNS.index("ingested_at")


def _sqlite_row(e: Event) -> tuple:
    t = _ALL(e)
    return (*t[:_DATE_AT], t[_DATE_AT].isoformat(), *t[_DATE_AT + 1:])
