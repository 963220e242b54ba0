"""Aleppo conflict events: the Streamlit dashboard (entry file; sections in ui/, logic in dashboard/).

Run with ``make run`` (or ``streamlit run app.py``). The database is ``$ALEPPO_DB``
(a SQLite path/URL or a PostgreSQL URL), by default ``var/events.sqlite``.
The whole view (filters, map centre/zoom, layers, shading) lives in the page's
query parameters, so the address bar is always a shareable link.
"""
from __future__ import annotations

import streamlit as st

from ui import resources as res, state
from ui.actor_sides import actor_sides_section
from ui.header import header
from ui.i18n import rtl_style, tr
from ui.insights import charts_section
from ui.map_tab import forget_anchor, map_section
from ui.messages import guarded
from ui.places_about import places_about
from ui.share_tab import share_section
from ui.sidebar import sidebar
from ui.table_tab import table_section
from ui.timeline import player, time_bar
from ui.tables import lock_exports
from ui.unresolved_tab import unresolved_section
from ui.upload_tab import upload_section
from ui.welcome import welcome

def main() -> None:
    lock_exports()  # every table's own CSV download is off: data leaves through ui.tables only
    url = res.db_url()
    res.get_store(url)  # a store that cannot open stops here, with a message
    gaz = res.gazetteer()
    version = res.data_version(url)
    facets = res.facets(url, version)
    district_names = [p.name for p in gaz.districts()]
    state.init_state(facets, district_names + list(facets.districts))
    state.apply_pending()

    rtl_style()  # Arabic: the page right to left
    sidebar(facets, gaz)
    top = st.container()  # the header, drawn once the time slider has settled the view's window
    time_bar(url, version)
    view = state.current_view()
    state.sync_link(view)
    n_events, n_fatalities = res.totals(url, version, view)
    n_damage = len(res.damage(url, version, view))
    with top:
        header(view, n_events, n_fatalities, n_damage, gaz)  # the counts stay visible on every tab
    welcome(url, gaz, int(version[0]), n_damage)  # a first-run panel while there are no events

    tabs = st.tabs([tr(name) for name in state.TABS], key=state.TAB_KEY, on_change="rerun")
    sections = (
        lambda: map_section(url, version, view, gaz, district_names),
        lambda: charts_section(url, version, view, gaz),
        lambda: table_section(url, version, view, gaz),
        lambda: (unresolved_section(url, version, gaz), actor_sides_section(url, version)),
        lambda: upload_section(url, gaz),
        lambda: share_section(url, view, gaz),
    )
    if tabs[0].open is False:
        forget_anchor()
    for tab, draw in zip(tabs, sections):
        if tab.open is not False:  # only the open tab runs
            with tab:
                guarded(draw)
    places_about(gaz)  # the sources of the places, under every tab
    player()  # while the time slider plays: the next step, once this one has had its time


# No page_icon: Streamlit fetches material/emoji favicons from a CDN; the default one is local.
state.link_language()  # the link's language, before the first text is drawn
st.set_page_config(page_title=tr("Aleppo conflict events"), layout="wide", initial_sidebar_state="auto")
guarded(main)
