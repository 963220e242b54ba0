"""Table definitions and engine set-up for the event store.

SQLAlchemy Core (not the ORM, not a raw driver) because it gives one code path
for SQLite and PostgreSQL: the same ``Table`` objects, the same filter
expressions (``ilike`` becomes ``ILIKE`` or ``lower() LIKE``) and the same
``INSERT ... ON CONFLICT DO NOTHING`` through each dialect's ``insert()``, while
still letting the hot insert path hand plain tuples to the driver.
"""
from __future__ import annotations

import os
import sqlite3
import uuid
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import event as sa_event

from ..config import ROOT, default_url  # noqa: F401 - re-exported (the default moved to config)
from ..evidence import DAMAGE_COLUMNS
from ..schema import COLUMNS

SQLITE_BUSY_TIMEOUT_MS = 600_000  # a second ingest waits (up to 10 min) for the first
SQLITE_PAGE_SIZE = 16384  # new files: fewer, larger pages make bulk loads and index builds cheaper

metadata = sa.MetaData()

_TYPES: dict[str, sa.types.TypeEngine] = {
    "event_id": sa.String(64),
    "event_date": sa.Date(),
    "time_precision": sa.SmallInteger(),
    "place_id": sa.String(120),
    "latitude": sa.Float(),
    "longitude": sa.Float(),
    "geo_precision": sa.SmallInteger(),
    "fatalities": sa.Integer(),
    "origin_line": sa.Integer(),
    "ingested_at": sa.String(32),
}

events = sa.Table(
    "events",
    metadata,
    *[
        sa.Column(name, _TYPES.get(name, sa.Text()), primary_key=(name == "event_id"),
                  nullable=name not in ("event_id", "event_date", "event_type"))
        for name in COLUMNS
    ],
    # Not an Event field: the place as written and the notes, folded for search
    # (dashboard.textfold.fold_row), written by the store's Writer; older stores get it on open.
    sa.Column("search_text", sa.Text(), nullable=True),
)
for _col in ("event_date", "actor1", "actor2", "event_type", "sub_event_type", "district", "source",
             "place_id"):
    sa.Index(f"ix_events_{_col}", events.c[_col])

# Evidence (satellite damage assessments): a table of its own, never mixed with events.
_DAMAGE_TYPES: dict[str, sa.types.TypeEngine] = {
    "site_id": sa.String(64), "latitude": sa.Float(), "longitude": sa.Float(), "window_start": sa.Date(),
    "window_end": sa.Date(), "damage_level": sa.SmallInteger(), "origin_line": sa.Integer(),
    "ingested_at": sa.String(32),
}
damage_sites = sa.Table(
    "damage_sites",
    metadata,
    *[
        sa.Column(name, _DAMAGE_TYPES.get(name, sa.Text()), primary_key=(name == "site_id"),
                  nullable=name not in ("site_id", "latitude", "longitude", "window_start", "window_end"))
        for name in DAMAGE_COLUMNS
    ],
)
for _col in ("window_start", "window_end", "district"):
    sa.Index(f"ix_damage_sites_{_col}", damage_sites.c[_col])

# The ACLED interaction code (inter1/inter2: 1 state forces ... 8 external/other forces) an import
# gave each actor name; the first one seen is kept. See dashboard.actor_sides.
actor_codes = sa.Table(
    "actor_codes",
    metadata,
    sa.Column("actor", sa.Text(), primary_key=True),
    sa.Column("inter", sa.SmallInteger(), nullable=False),
)

ingests = sa.Table(
    "ingests",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("file", sa.Text, nullable=False),
    sa.Column("format", sa.String(16)),
    sa.Column("sha256", sa.String(64)),
    sa.Column("source", sa.Text),
    sa.Column("started_at", sa.String(32)),
    sa.Column("finished_at", sa.String(32)),
    sa.Column("read", sa.Integer),
    sa.Column("loaded", sa.Integer),
    sa.Column("rejected", sa.Integer),
    sa.Column("duplicates", sa.Integer),
    sa.Column("unresolved", sa.Integer),
)


def normalize_url(url: str | os.PathLike) -> str:
    """Accept a database URL or a plain file path (→ SQLite); PostgreSQL uses psycopg 3."""
    text = os.fspath(url).strip()
    if "://" not in text:
        path = Path(text).expanduser().resolve()
        path.parent.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{path}"
    if text.startswith(("postgresql://", "postgres://")):
        text = "postgresql+psycopg://" + text.split("://", 1)[1]
    return text


def create_sqlite_file(path: str | os.PathLike) -> bool:
    """Create a new, empty SQLite store file with 16 KiB pages in WAL mode; True if this call
    made it. Built under a temporary name and hard-linked into place, so that two processes
    opening a missing file at once never race on its first pages (the loser uses the winner's).
    """
    target = Path(path)
    if target.exists():
        return False
    tmp = target.with_name(f".{target.name}.{os.getpid()}-{uuid.uuid4().hex[:8]}.tmp")
    try:
        con = sqlite3.connect(tmp)
        try:
            con.execute(f"PRAGMA page_size={SQLITE_PAGE_SIZE}")  # fixed once the first page is written
            con.execute("PRAGMA journal_mode=WAL")
        finally:
            con.close()
        os.link(tmp, target)
        return True
    except FileExistsError:
        return False
    except OSError:  # no hard links here: the first connection creates the file (default pages)
        return False
    finally:
        for leftover in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
            leftover.unlink(missing_ok=True)


def make_engine(url: str) -> sa.Engine:
    """An engine with the store's connection settings (SQLite: WAL, busy timeout, IMMEDIATE writes)."""
    if url.startswith("sqlite"):
        database = sa.make_url(url).database
        if database and database != ":memory:" and not database.startswith("file:"):
            Path(database).parent.mkdir(parents=True, exist_ok=True)  # a new --db path
            create_sqlite_file(database)
        engine = sa.create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})
        _tune_sqlite(engine)
        return engine
    return sa.create_engine(url, pool_pre_ping=True)


def _tune_sqlite(engine: sa.Engine) -> None:
    @sa_event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):  # pragma: no cover - exercised through every test
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves (below)
        cur = dbapi_conn.cursor()
        if engine.url.database not in (None, "", ":memory:"):
            cur.execute("PRAGMA journal_mode=WAL")
        cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA cache_size=-65536")  # 64 MB: index updates of big ingests stay in memory
        cur.execute("PRAGMA foreign_keys=ON")
        cur.close()

    @sa_event.listens_for(engine, "begin")
    def _on_begin(conn):  # pragma: no cover
        # Writers take the write lock up front: a deferred transaction that later
        # upgrades can fail with SQLITE_BUSY without waiting (stale WAL snapshot).
        immediate = conn.get_execution_options().get("immediate", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")
