"""The "Timeline & top" tab: events per day/week by type, top actors and districts."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import charts
from dashboard.filters import ViewState
from dashboard.i18n import N_

from . import resources as res
from .actor_chart import top_actors_section
from .i18n import in_language, labelled, place_names, tr

FREQ_LABELS = {"day": N_("day"), "week": N_("week")}


def charts_section(url: str | None, version: tuple, view: ViewState, gaz=None) -> None:
    events = res.events(url, version, view)
    if events.empty:
        st.info(tr("No events under the current filters."))
        return
    dates = pd.to_datetime(events["event_date"], errors="coerce")
    default = charts.pick_freq(dates.min(), dates.max())
    freq = st.segmented_control(tr("Timeline by"), list(charts.FREQS), default=default, key="t_freq",
                                format_func=in_language(lambda f: tr(FREQ_LABELS.get(f, f)))) or default
    table = charts.timeline(events, freq=freq)
    colours = charts.type_colours(table.columns) if len(table.columns) else None
    table = table.rename(columns=lambda c: tr(str(c)))  # event types in the session's language
    st.bar_chart(table, height=320, y_label=tr("events"), x_label=tr(FREQ_LABELS.get(freq, freq)), color=colours)
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
