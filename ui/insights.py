"""The "Timeline & top" tab: the timeline of the filtered period, top actors and districts."""
from __future__ import annotations

import streamlit as st

from dashboard import charts
from dashboard.filters import ViewState

from . import resources as res
from .actor_chart import top_actors_section
from .i18n import labelled, place_names, tr
from .timeline_chart import timeline_chart


def charts_section(url: str | None, version: tuple, view: ViewState, gaz=None) -> None:
    timeline_chart(url, version, view)  # the whole filtered period (ui/timeline_chart.py)
    events = res.events(url, version, view)
    if events.empty:
        st.info(tr("No events under the current filters."))
        return
    left, right = st.columns(2)
    with left:
        top_actors_section(url, version, events)
    with right:
        st.markdown("**" + tr("Top districts") + "**")
        _, stats = res.map_data(url, version, view)
        top = charts.top_districts(stats, n=15)
        names = place_names(gaz)
        if names:
            top = top.assign(district=top["district"].map(lambda d: names.get(d, d)))
        st.dataframe(labelled(top), hide_index=True, width="stretch")
