"""Chart data as plain pandas frames: the timeline and the top actors/districts.

Input is the frame of filtered events (``EventStore.query(view)``); output is
ready for ``st.bar_chart`` or a table. No plotting library is imported here.
"""
from __future__ import annotations

from datetime import date
from typing import Iterable

import pandas as pd

from .i18n import N_

FREQS = {"day": "D", "week": "W-MON"}
_ACTOR_COLUMNS = ("actor1", "actor2")


def pick_freq(start: date | None, end: date | None) -> str:
    """'day' for spans up to ~four months, else 'week' (readable bar counts)."""
    if start and end and (end - start).days <= 120:
        return "day"
    return "week"


def timeline(events: pd.DataFrame, *, freq: str = "week") -> pd.DataFrame:
    """Events per day or week (rows, oldest first, gaps filled with 0) by event type (columns).

    Weeks start on Monday and are labelled by that Monday.
    """
    if freq not in FREQS:
        raise ValueError(f"freq must be one of {sorted(FREQS)}")
    if events.empty:
        return pd.DataFrame(index=pd.DatetimeIndex([], name="period"))
    dates = pd.to_datetime(events["event_date"], errors="coerce")
    types = events["event_type"].fillna("").replace("", N_("Unknown")).astype(str)
    frame = pd.DataFrame({"date": dates, "type": types}).dropna(subset=["date"])
    if frame.empty:
        return pd.DataFrame(index=pd.DatetimeIndex([], name="period"))
    if freq == "week":
        frame["period"] = frame["date"].dt.to_period("W-SUN").dt.start_time
    else:
        frame["period"] = frame["date"].dt.normalize()
    table = frame.groupby(["period", "type"]).size().unstack("type", fill_value=0)
    full = pd.date_range(table.index.min(), table.index.max(), freq="7D" if freq == "week" else "D")
    table = table.reindex(full, fill_value=0)
    table.index.name = "period"
    table.columns.name = None
    return table.astype("int64")


def type_colours(columns: Iterable[str]) -> list[str]:
    """The map's colour for each event-type column of :func:`timeline` (same legend everywhere)."""
    from .map.data import EVENT_COLOURS, OTHER_COLOUR

    return [EVENT_COLOURS.get(str(c), OTHER_COLOUR) for c in columns]


def top_actors(events: pd.DataFrame, *, n: int = 10) -> pd.DataFrame:
    """The ``n`` actors in most events, on either side (an event counts once per actor).

    Columns: ``actor``, ``events``, ``fatalities``; ties broken by name.
    """
    cols = ["actor", "events", "fatalities"]
    if events.empty:
        return pd.DataFrame(columns=cols)
    fat = pd.to_numeric(events.get("fatalities"), errors="coerce").fillna(0)
    parts = []
    for col in _ACTOR_COLUMNS:
        if col in events:
            parts.append(pd.DataFrame({"row": events.index, "actor": events[col], "fatalities": fat.values}))
    long = pd.concat(parts, ignore_index=True)
    long["actor"] = long["actor"].fillna("").astype(str).str.strip()
    long = long[long["actor"] != ""].drop_duplicates(["row", "actor"])
    if long.empty:
        return pd.DataFrame(columns=cols)
    out = long.groupby("actor").agg(events=("row", "size"), fatalities=("fatalities", "sum")).reset_index()
    out["fatalities"] = out["fatalities"].astype("int64")
    out = out.sort_values(["events", "actor"], ascending=[False, True]).head(n)
    return out.reset_index(drop=True)[cols]


def top_districts(stats: pd.DataFrame, *, n: int = 10, by: str = "events") -> pd.DataFrame:
    """The ``n`` districts with most events (or fatalities) from ``district_stats(view)``."""
    cols = ["district", "events", "fatalities"]
    if stats.empty:
        return pd.DataFrame(columns=cols)
    other = "fatalities" if by == "events" else "events"
    frame = stats[stats["district"].notna() & (stats["district"].astype(str) != "")]
    frame = frame.sort_values([by, other, "district"], ascending=[False, False, True]).head(n)
    frame = frame[frame[by] > 0]
    return frame.reset_index(drop=True)[cols]
