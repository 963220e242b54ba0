"""The "Timeline & top" tab: events per day/week by type, top actors and districts."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import charts
from dashboard.filters import ViewState

from . import resources as res


def charts_section(url: str | None, version: tuple, view: ViewState) -> None:
    events = res.events(url, version, view)
    if events.empty:
        st.info("No events under the current filters.")
        return
    dates = pd.to_datetime(events["event_date"], errors="coerce")
    default = charts.pick_freq(dates.min(), dates.max())
    freq = st.segmented_control("Timeline by", list(charts.FREQS), default=default, key="t_freq") or default
    table = charts.timeline(events, freq=freq)
    st.bar_chart(table, height=320, y_label="events", x_label=freq,
                 color=charts.type_colours(table.columns) if len(table.columns) else None)
    left, right = st.columns(2)
    with left:
        st.markdown("**Top actors (either side)**")
        actors = charts.top_actors(events, n=15)
        if actors.empty:
            st.caption("No actors are recorded for these events.")
        else:
            st.dataframe(actors, hide_index=True, width="stretch")
    with right:
        st.markdown("**Top districts**")
        _, stats = res.map_data(url, version, view)
        st.dataframe(charts.top_districts(stats, n=15), hide_index=True, width="stretch")
