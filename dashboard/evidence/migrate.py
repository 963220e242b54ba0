"""Stores made before the evidence layer held the bundled damage sites as *events*
(``python -m dashboard init`` loaded them as Explosions/Remote violence, ids
``unosat-aleppo-2013-2015-<OBJECTID>``). Opening such a store moves them into the evidence
table, once, in the transaction that opens it: the sites come back with their full imagery
window from the bundled file, keep their district, origin and ingest time, and leave the
events table (counts, fatalities, timeline and filters no longer include them).
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import sqlalchemy as sa

from ..store.damage import insert_sites
from ..store.tables import events, ingests
from . import CREDIT, DamageSite
from .reader import DamageRows, parse_level

OLD_PREFIX = "unosat-aleppo-2013-2015-"
BUNDLED = Path(__file__).resolve().parents[1] / "data" / "damage-sites-2013-2015.csv"
_OLD_NOTES = re.compile(r"^Satellite damage assessment: (?P<damage>.*?), ")
_COLS = ("event_id", "event_date", "latitude", "longitude", "district", "origin", "origin_line", "ingested_at",
         "notes", "source")
CHUNK = 500


def _old_ids() -> sa.ColumnElement[bool]:
    # A range on the primary key (no LIKE): an index probe, cheap enough to run at every open.
    c = events.c.event_id
    return sa.and_(c >= OLD_PREFIX, c < OLD_PREFIX[:-1] + chr(ord(OLD_PREFIX[-1]) + 1))


def bundled_sites() -> dict[str, DamageSite]:
    """The bundled CSR damage sites by their ``OBJECTID``."""
    from ..readers.tabular import read_csv

    with open(BUNDLED, "rb") as fh:
        table = read_csv(fh)
        conv, rows = DamageRows.open(table.columns, table.rows, file=BUNDLED.name, dict_rows=False, source=CREDIT)
        oid = table.columns.index("OBJECTID")
        out = {}
        for line, row in rows:
            site = conv.convert(line, row)
            if isinstance(site, DamageSite):
                out[row[oid]] = site
    return out


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file, as the ``ingests`` table records it."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _fallback(row: sa.Row) -> DamageSite | None:
    """A site from the old event alone (a file other than the bundled one, read with the old
    mapping): its day as the window, its level from the notes."""
    if row.latitude is None or row.longitude is None:
        return None
    day = row.event_date if isinstance(row.event_date, date) else date.fromisoformat(str(row.event_date)[:10])
    m = _OLD_NOTES.match(row.notes or "")
    try:
        level, written = parse_level(m.group("damage")) if m else (None, "")
    except ValueError:
        level, written = None, m.group("damage") if m else ""
    site = DamageSite(latitude=row.latitude, longitude=row.longitude, window_start=day, window_end=day,
                      damage_level=level, damage=written, source=row.source or "")
    site.ensure_id(row.event_id)
    return site


def migrate_damage_events(conn: sa.Connection) -> int:
    """Move old damage-site events into ``damage_sites`` (inside the caller's transaction);
    returns how many moved (0, after one cheap index probe, for every other store)."""
    if conn.execute(sa.select(events.c.event_id).where(_old_ids()).limit(1)).first() is None:
        return 0
    old = conn.execute(sa.select(*[events.c[c] for c in _COLS]).where(_old_ids())).all()
    bundled = bundled_sites()
    sites, moved, from_bundle = [], [], False
    for row in old:
        src = bundled.get(row.event_id[len(OLD_PREFIX):])
        from_bundle = from_bundle or src is not None
        site = replace(src) if src is not None else _fallback(row)
        if site is None:
            continue  # no coordinates: nothing to draw; it stays where it is
        site.district, site.origin, site.origin_line = row.district, row.origin or site.origin, row.origin_line
        site.ingested_at = row.ingested_at or ""
        sites.append(site)
        moved.append(row.event_id)
    from ..store import utc_now

    stamp = utc_now()
    inserted, _ = insert_sites(conn, sites, stamp)
    for i in range(0, len(moved), CHUNK):
        conn.execute(events.delete().where(events.c.event_id.in_(moved[i:i + CHUNK])))
    conn.execute(ingests.insert().values(
        file="(upgrade) damage sites moved from events to the evidence layer", format="migration",
        sha256=file_sha256(BUNDLED) if from_bundle else "",
        source=CREDIT, started_at=stamp, finished_at=stamp, read=len(old), loaded=inserted, rejected=0,
        duplicates=len(sites) - inserted, unresolved=0))
    return len(moved)

