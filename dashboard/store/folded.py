"""The events' folded search text (``search_text``): added to stores made before it existed.

New stores have the column from the start and the Writer fills it for every row it inserts;
a store made by an older version gets the column on open and every row filled once, in
batches, inside the opening transaction (so a second process waits and then finds it done).
"""
from __future__ import annotations

import sqlalchemy as sa

from ..textfold import fold_row
from .tables import events

COLUMN = "search_text"
BATCH = 5000


def ensure_search_text(conn: sa.Connection, *, sqlite: bool) -> int:
    """Add and fill ``search_text`` when the table lacks it; returns how many rows were filled."""
    have = {c["name"] for c in sa.inspect(conn).get_columns("events")}
    if COLUMN in have:
        return 0
    conn.exec_driver_sql(f"ALTER TABLE events ADD COLUMN {COLUMN} TEXT")
    key = sa.literal_column("rowid") if sqlite else events.c.event_id
    c = events.c
    filled = 0
    last = None
    while True:  # keyset pagination: each batch starts after the last key seen
        stmt = sa.select(key, c.location, c.notes).select_from(events).order_by(key).limit(BATCH)
        if last is not None:
            stmt = stmt.where(key > last)
        rows = conn.execute(stmt).all()
        if not rows:
            return filled
        params = [{"k": k, "t": fold_row(loc, notes)} for k, loc, notes in rows]
        conn.execute(events.update().where(key == sa.bindparam("k")).values(search_text=sa.bindparam("t")),
                     params)
        filled += len(rows)
        last = rows[-1][0]
