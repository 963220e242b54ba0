"""The page header, shown above every tab: title, the filters in words, event and fatality counts."""
from __future__ import annotations

import streamlit as st

from dashboard.filters import ViewState
from dashboard.i18n import N_, shown

from .i18n import current_language, num, place_names, tr
from .messages import md

# Our own constant CSS (never user text): tighter top padding for an all-day analyst screen.
STYLE = """<style>
[data-testid="stMainBlockContainer"] {padding-top: 1.2rem; padding-bottom: 1rem;}
[data-testid="stSidebarUserContent"] {padding-top: 0.8rem;}
h1 {padding-top: 0.2rem !important;}
/* The counts beside the filters: whole numbers and whole labels, never "Dama…" or "17…". */
[data-testid="stMetricValue"] {font-size: 1.5rem;}
[data-testid="stMetricLabel"] [data-testid="stMarkdownContainer"],
[data-testid="stMetricLabel"] [data-testid="stMarkdownContainer"] p {white-space: normal; overflow: visible; text-overflow: clip;}
@media (max-width: 640px) {  /* a phone: below Streamlit's header bar, the counts as one line */
  [data-testid="stMainBlockContainer"] {padding: 3.4rem 0.8rem 1rem;}
  [data-testid="stColumn"]:has([data-testid="stMetric"]) {display: none;}
  h1 {font-size: 1.7rem !important;}
}
</style>"""


def _count(n: int, one: str, many: str) -> str:
    return tr(one) if n == 1 else tr(many, n=num(n))


def header(view: ViewState, n_events: int, n_fatalities: int, n_damage: int = 0, gaz=None) -> None:
    """Title, filter description, the counts (events and fatalities; damage sites apart: evidence,
    not events), then link notices and the last action's message."""
    st.markdown(STYLE, unsafe_allow_html=True)
    st.title(tr("Aleppo conflict events"), anchor=False)
    head, events_box, fat_box, damage_box = st.columns([3, 1.3, 1.3, 1.5], vertical_alignment="bottom")
    with head:
        st.caption(tr("Filters:") + " " + md(view.describe(current_language(), place_names(gaz))))
        st.caption(" · ".join((_count(n_events, N_("1 event"), N_("{n} events")),
                               _count(n_fatalities, N_("1 fatality"), N_("{n} fatalities")),
                               _count(n_damage, N_("1 damage site"), N_("{n} damage sites")))),
                   help=tr("Damage sites are satellite evidence of destruction, counted apart: never events."))
    events_box.metric(tr("Events"), num(n_events), border=True)
    fat_box.metric(tr("Fatalities"), num(n_fatalities), border=True)
    damage_box.metric(tr("Damage sites"), num(n_damage), border=True,
                      help=tr("Satellite evidence of damage whose imagery window overlaps the dates (and in the "
                              "chosen districts): not events, never in the event counts."))
    notices = st.session_state.get("_notices", [])
    for notice in notices:
        st.warning(md(shown(notice, current_language())), icon=":material/link_off:")
    if notices and st.button(tr("Dismiss link notices"), key="dismiss_notices", type="tertiary"):
        st.session_state["_notices"] = []
        st.rerun()
    if flash := st.session_state.pop("_flash", None):
        st.success(md(flash))
