"""Time queries for the time slider and the timeline chart (grouped in the database)."""
from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd
import sqlalchemy as sa

from ..filters import ViewState
from .frames import read_frame
from .tables import events
from .where import clauses

DATE_COUNT_COLUMNS = ("event_date", "time_precision", "event_type", "events")


def date_span(engine: sa.Engine, view: ViewState | None, *, sqlite: bool) -> tuple[date | None, date | None]:
    """The first and last event dates under ``view`` (None, None when nothing matches)."""
    c = events.c
    stmt = sa.select(sa.func.min(c.event_date), sa.func.max(c.event_date)).where(*clauses(view, sqlite=sqlite))
    with engine.connect() as conn:
        lo, hi = conn.execute(stmt).one()
    return _as_date(lo), _as_date(hi)


def date_counts(engine: sa.Engine, view: ViewState | None, *, sqlite: bool) -> pd.DataFrame:
    """Events per (day, time precision, event type) under ``view``: ``DATE_COUNT_COLUMNS``,
    ``event_date`` as datetime64 (a few thousand rows for years of data, however many events)."""
    c = events.c
    prec = sa.func.coalesce(c.time_precision, 1)
    stmt = (sa.select(c.event_date, prec, c.event_type, sa.func.count())
            .where(*clauses(view, sqlite=sqlite)).group_by(c.event_date, prec, c.event_type))
    with engine.connect() as conn:
        df = read_frame(conn, stmt, DATE_COUNT_COLUMNS, kinds={"event_date": "datetime"})
    return df.astype({"time_precision": "int64", "events": "int64"})


def _as_date(v: Any) -> date | None:
    if v is None or isinstance(v, date):
        return v
    return date.fromisoformat(str(v)[:10])
