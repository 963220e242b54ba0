"""The "Top actors" table of the Timeline & top tab: by actor, by side or by ACLED family."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import actor_sides as AS, charts
from dashboard.actor_stats import top_groups
from dashboard.i18n import N_

from . import resources as res
from .i18n import current_language, in_language, tr

BY_LABELS = {"actor": N_("Actor"), "side": N_("Side"), "family": N_("ACLED family")}


@st.cache_data(show_spinner=False, max_entries=4)
def _codes(url: str | None, version: tuple) -> dict[str, int]:
    return res.get_store(url).actor_codes()


def top_actors_section(url: str | None, version: tuple, events: pd.DataFrame) -> None:
    """Heading, the grouping switch and the table (long names shown whole: the column wraps)."""
    st.markdown("**" + tr("Top actors (either side)") + "**")
    by = st.segmented_control(tr("Group by"), list(BY_LABELS), default="actor", key="t_actor_by",
                              format_func=in_language(lambda k: tr(BY_LABELS[k]))) or "actor"
    lang = current_language()
    if by == "actor":
        table = charts.top_actors(events, n=15)
        if not table.empty:
            codes, user, t = _codes(url, version), AS.read_user(), AS.table()
            table.insert(1, "side", [t.side(AS.classify(a, codes.get(a), user).side).name(lang)
                                     for a in table["actor"]])
        first = st.column_config.TextColumn(tr("Actor"), width="large")
    else:
        table = top_groups(events, by=by, codes=_codes(url, version), user=AS.read_user(), lang=lang)
        first = st.column_config.TextColumn(tr(BY_LABELS[by]), width="medium")
    if table.empty:
        st.caption(tr("No actors are recorded for these events."))
        return
    st.dataframe(table, hide_index=True, width="stretch", column_config={
        table.columns[0]: first, "side": st.column_config.TextColumn(tr("Side")),
        "events": st.column_config.NumberColumn(tr("Events")),
        "fatalities": st.column_config.NumberColumn(tr("Fatalities")),
    })
