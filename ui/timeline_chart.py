"""The timeline chart: events per day, week or month over the whole filtered period, by type.

Bars use the period that fits the span (changeable); the axis always shows years. Events known
only to their week or month are spread over it as a lighter part of the bars. Dragging across
the chart (a brush) sets the date filter to the bars it covers; clicking a bar sets it to that
bar's day, week or month. The time slider's window is shaded.
"""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from functools import partial

import altair as alt
import pandas as pd
import streamlit as st

from dashboard import charts, timeline as tl
from dashboard.filters import ViewState

from . import resources as res
from .dates import set_dates
from .i18n import current_language, in_language, tr
from .timeline import STEP_LABELS

CHART_KEY = "t_chart"
PERIOD_KEY = "t_period"
HEIGHT = 300


def _day(value) -> date | None:
    """A date from what Vega reports: epoch milliseconds (UTC) or an ISO text."""
    try:
        if isinstance(value, (int, float)):
            return (datetime(1970, 1, 1, tzinfo=timezone.utc) + timedelta(milliseconds=float(value))).date()
        return date.fromisoformat(str(value)[:10])
    except (TypeError, ValueError, OverflowError):
        return None


def _ms(day: date) -> int:
    """Epoch milliseconds of a day's UTC midnight (Vega's time scale unit)."""
    return int(datetime(day.year, day.month, day.day, tzinfo=timezone.utc).timestamp() * 1000)


def selected_dates(selection, period: str) -> tuple[date, date] | None:
    """The dates a brush or a click on the chart stands for (whole bars), or None."""
    sel = (selection or {}).get("selection") or {}
    brush = (sel.get("brush") or {}).get("start")
    if isinstance(brush, (list, tuple)) and len(brush) == 2:
        lo, hi = _day(min(brush)), _day(max(brush))
        if lo and hi:
            if isinstance(max(brush), (int, float)):  # the brush's end is an instant: the day before it
                hi = _day(max(brush) - 1) or hi
            return tl.period_start(lo, period), tl.period_end(max(lo, hi), period)
    picked = sel.get("pick")
    if isinstance(picked, list) and picked and isinstance(picked[0], dict):
        day = _day(picked[0].get("start"))
        if day:
            return tl.period_start(day, period), tl.period_end(day, period)
    return None


def _on_select(key: str, period: str) -> None:
    """A brush or click: the date filter becomes the bars chosen (the slider's window goes)."""
    s = st.session_state
    chosen = selected_dates(s.get(key), period)
    if chosen:
        set_dates(*chosen)
        s["t_at"], s["t_playing"] = None, False


def _spec(bars: pd.DataFrame, period: str, first: date, last: date, window: tuple[date, date] | None):
    lang = current_language()
    types = list(dict.fromkeys(bars["event_type"]))
    exact, spread = tr("known to the day"), tr("known only to its week or month (spread over it)")
    data = bars.assign(
        start=bars["start"].dt.strftime("%Y-%m-%d"), end=bars["end"].dt.strftime("%Y-%m-%d"),
        type=bars["event_type"].map(lambda v: tr(v)), dated=bars["dated"].map({charts.EXACT: exact,
                                                                                 charts.SPREAD: spread}),
        events=bars["events"].round(2))
    fmt = {"month": "%Y-%m"}.get(period, "%Y-%m-%d") if lang != "en" else {"month": "%b %Y"}.get(period, "%-d %b %Y")
    domain = [_ms(tl.period_start(first, period)), _ms(tl.next_start(last, period) or last)]
    x = alt.X("start:T", title=None, scale=alt.Scale(type="utc", domain=domain),
              axis=alt.Axis(format=fmt, labelOverlap=True, labelAngle=0))
    brush = alt.selection_interval(name="brush", encodings=["x"])
    pick = alt.selection_point(name="pick", encodings=["x"], fields=["start"])
    bars_layer = alt.Chart(data).mark_bar(stroke="white", strokeWidth=0.4).encode(
        x=x, x2="end:T",
        y=alt.Y("sum(events):Q", title=tr("events"), stack="zero"),
        color=alt.Color("type:N", title=None, scale=alt.Scale(domain=[tr(t) for t in types],
                                                             range=charts.type_colours(types)),
                        legend=alt.Legend(orient="bottom", columns=3, labelLimit=320)),
        opacity=alt.Opacity("dated:O", title=None, sort=[exact, spread], scale=alt.Scale(domain=[exact, spread], range=[1.0, 0.38]),
                            legend=alt.Legend(orient="bottom", labelLimit=420)),
        order=alt.Order("dated:N", sort="ascending"),
        tooltip=[alt.Tooltip("start:T", title=tr("from"), format="%Y-%m-%d"),
                 alt.Tooltip("type:N", title=tr("Event type")), alt.Tooltip("dated:N", title=tr("date")),
                 alt.Tooltip("sum(events):Q", title=tr("events"), format=".1f")],
    ).add_params(brush, pick)
    layers = [bars_layer]
    if window:
        shade = pd.DataFrame({"start": [window[0].isoformat()], "end": [(window[1] + timedelta(days=1)).isoformat()]})
        layers.insert(0, alt.Chart(shade).mark_rect(color="#888888", opacity=0.18).encode(x=x, x2="end:T"))
    return alt.layer(*layers).properties(height=HEIGHT)


def timeline_chart(url: str | None, version: tuple, view: ViewState) -> None:
    """The chart of the whole filtered period (the slider's window shaded), brushable."""
    whole = view.whole_period()
    counts = res.date_counts(url, version, whole)
    first, last = res.period(url, version, whole)
    if counts.empty or not first or not last:
        return
    default = tl.pick_period(first, last)
    period = st.segmented_control(tr("Bars by"), tl.STEPS, key=PERIOD_KEY, default=default,
                                  format_func=in_language(lambda v: tr(STEP_LABELS[v]))) or default
    # One chart widget per period and dates: a brush that has set the dates does not stay drawn
    # over the next chart (nor apply again).
    key = f"{CHART_KEY}_{period}_{first}_{last}"
    bars = charts.timeline_bars(counts, period=period, first=first, last=last)
    window = view.date_bounds() if view.at else None
    with st.container(key=CHART_KEY):
        st.altair_chart(_spec(bars, period, first, last, window), key=key,
                        on_select=partial(_on_select, key, period), selection_mode=["brush", "pick"], width="stretch")
    st.caption(tr("Drag across the chart to set the dates to those bars, or click a bar for its {period}. "
                  "Lighter parts: events known only to their week or month, spread over it.",
                  period=tr(STEP_LABELS[period]).lower()))
