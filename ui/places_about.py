""""About the places": where every place of the gazetteer comes from (issue 11 §1)."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.sources import cited_places, sources_table

from .i18n import current_language, tr


def places_about(gaz) -> None:
    """An expander listing each source of the places (with counts, citation and licence) and
    the places cited one by one; shown under every tab. Static tables (``st.table``, text only):
    they describe the gazetteer, not events, so they are not among the app's event dataframes."""
    lang = current_language()
    with st.expander(tr("About the places: their sources"), expanded=False):
        st.caption(tr("Each place on the map comes from one of these sources. In a map popup, "
                      "“Located by” names the place and the source that located the event, with its "
                      "precision (1 a place, 2 an area of the city, 3 the city)."))
        rows = pd.DataFrame(sources_table(gaz, lang), columns=["key", "source", "places", "citation"])
        st.table(rows.drop(columns="key").rename(columns={
            "source": tr("Source"), "places": tr("Places"), "citation": tr("Citation and licence")}),
            hide_index=True)
        cited = pd.DataFrame(cited_places(gaz, lang), columns=["place", "id", "source", "citation"])
        if len(cited):
            st.markdown(tr("**Places cited one by one**"))
            st.table(cited.rename(columns={"place": tr("Place"), "id": tr("Id"), "source": tr("Source"),
                                           "citation": tr("Citation")}), hide_index=True)
