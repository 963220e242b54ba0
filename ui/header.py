"""The page header, shown above every tab: title, the filters in words, event and fatality counts."""
from __future__ import annotations

import streamlit as st

from dashboard.filters import ViewState

from .messages import md

# Our own constant CSS (never user text): tighter top padding for an all-day analyst screen.
STYLE = """<style>
[data-testid="stMainBlockContainer"] {padding-top: 1.2rem; padding-bottom: 1rem;}
[data-testid="stSidebarUserContent"] {padding-top: 0.8rem;}
h1 {padding-top: 0.2rem !important;}
</style>"""


def header(view: ViewState, n_events: int, n_fatalities: int) -> None:
    """Title, filter description, the two counts, then link notices and the last action's message."""
    st.markdown(STYLE, unsafe_allow_html=True)
    head, events_box, fat_box = st.columns([5, 1.4, 1.4], vertical_alignment="bottom")
    with head:
        st.title("Aleppo conflict events", anchor=False)
        st.caption("Filters: " + md(view.describe()))
    events_box.metric("Events", f"{n_events:,}", border=True)
    fat_box.metric("Fatalities", f"{n_fatalities:,}", border=True)
    notices = st.session_state.get("_notices", [])
    for notice in notices:
        st.warning(md(notice), icon=":material/link_off:")
    if notices and st.button("Dismiss link notices", key="dismiss_notices", type="tertiary"):
        st.session_state["_notices"] = []
        st.rerun()
    if flash := st.session_state.pop("_flash", None):
        st.success(md(flash))
