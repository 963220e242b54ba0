"""Chart data as plain pandas frames: the timeline and the top actors/districts.

Input is the frame of filtered events (``EventStore.query(view)``); output is
ready for ``st.bar_chart`` or a table. No plotting library is imported here.
"""
from __future__ import annotations

from datetime import date
from typing import Iterable

import numpy as np
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


BAR_COLUMNS = ["start", "end", "event_type", "dated", "events"]
EXACT, SPREAD = "exact", "spread"  # "dated" values: a day's events; a week's or month's, spread over it


def timeline_bars(counts: pd.DataFrame, *, period: str = "week", first: date | None = None,
                  last: date | None = None) -> pd.DataFrame:
    """Bars of the timeline from ``EventStore.date_counts``: events per ``period`` (day, week,
    month) and event type, in two parts: ``dated`` ``exact`` (known to the day) and ``spread``.

    An event known only to its week or month (time precision 2 or 3) is spread evenly over the
    days of that span that lie in ``[first, last]`` (the filtered dates), so it adds a fraction
    to each bar it overlaps instead of a false spike on its coded day; every event still adds
    up to exactly 1. ``start``/``end``: the bar's first day and the day after its last one.
    """
    from .timeline import STEPS

    if period not in STEPS:
        raise ValueError(f"period must be one of {', '.join(STEPS)}")
    if counts.empty:
        return pd.DataFrame({c: pd.Series(dtype="datetime64[s]" if c in ("start", "end") else
                                          "float64" if c == "events" else "object") for c in BAR_COLUMNS})
    day = counts["event_date"].to_numpy().astype("datetime64[D]")
    prec = counts["time_precision"].to_numpy()
    start, end = day.copy(), day.copy()
    week = prec == 2
    start[week] = _monday(day[week])
    end[week] = start[week] + 6
    month = prec >= 3
    start[month] = day[month].astype("datetime64[M]").astype("datetime64[D]")
    end[month] = (day[month].astype("datetime64[M]") + 1).astype("datetime64[D]") - 1
    if first is not None:
        start = np.maximum(start, np.datetime64(first, "D"))
    if last is not None:
        end = np.minimum(end, np.datetime64(last, "D"))
    bad = start > end  # a coded date outside its own cut span cannot happen; kept whole if it does
    start[bad], end[bad] = day[bad], day[bad]
    length = (end - start).astype("int64") + 1
    rows = np.repeat(np.arange(len(day)), length)
    offsets = np.arange(len(rows)) - np.repeat(np.cumsum(length) - length, length)
    days = start[rows] + offsets
    bar = {"day": days, "week": _monday(days), "month": days.astype("datetime64[M]").astype("datetime64[D]")}[period]
    frame = pd.DataFrame({
        "start": bar, "event_type": counts["event_type"].fillna("").replace("", "Unknown").astype(str).to_numpy()[rows],
        "dated": np.where(prec[rows] > 1, SPREAD, EXACT),
        "events": counts["events"].to_numpy(dtype="float64")[rows] / length[rows],
    })
    out = frame.groupby(["start", "event_type", "dated"], as_index=False, sort=True)["events"].sum()
    step = {"day": 1, "week": 7}.get(period)
    starts = out["start"].to_numpy().astype("datetime64[D]")
    ends = starts + step if step else (starts.astype("datetime64[M]") + 1).astype("datetime64[D]")
    out["start"] = starts.astype("datetime64[s]")
    out["end"] = ends.astype("datetime64[s]")
    return out[BAR_COLUMNS]


def _monday(days: np.ndarray) -> np.ndarray:
    """The Monday on or before each day (1970-01-01 was a Thursday)."""
    return days - ((days.astype("int64") + 3) % 7)
