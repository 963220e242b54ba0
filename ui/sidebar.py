"""The sidebar: every filter, the map's shading and layers, and the data attribution."""
from __future__ import annotations

from datetime import date

import streamlit as st

from dashboard import view_controls as vc
from dashboard.filters import SHADES
from dashboard.schema import EVENT_TYPES, PRECISIONS

from .i18n import tr
from .messages import ATTRIBUTION
from .state import LAYER_LABELS, clear_filters

PRECISION_LABELS = {1: "1 · the named place", 2: "2 · near / part of the city", 3: "3 · city only"}


def _dates(facets) -> None:
    """The date-range controls; the resolved (from, to) goes to ``st.session_state['_dates']``."""
    sb, s = st.sidebar, st.session_state
    sb.selectbox("Dates", vc.QUICK_RANGES, key="f_range")
    choice = s["f_range"]
    custom = None
    if choice == vc.RANGE_YEAR:
        years = vc.data_years(facets.min_date, facets.max_date)
        if s.get("f_year") not in years:
            s["f_year"] = years[0] if years else None
        sb.selectbox("Year", years, key="f_year")
    elif choice == vc.RANGE_CUSTOM:
        if not s.get("f_custom"):
            s["f_custom"] = tuple(d for d in (facets.min_date, facets.max_date) if d)
        custom = sb.date_input("From – to", key="f_custom", min_value=date(1900, 1, 1),
                               max_value=date(2100, 12, 31), format="YYYY-MM-DD")
    dates = vc.quick_range(choice, min_date=facets.min_date, max_date=facets.max_date,
                           year=s.get("f_year"), custom=custom)
    s["_dates"] = dates
    if choice in (vc.RANGE_30, vc.RANGE_365, vc.RANGE_YEAR) and dates[0]:
        sb.caption(f"{dates[0]} to {dates[1]}")


def sidebar(facets, gaz) -> None:
    """Draw the sidebar; the widgets' values live in session state (see :mod:`ui.state`)."""
    sb, s = st.sidebar, st.session_state
    sb.subheader("Filters")
    _dates(facets)
    sb.multiselect("Actor (either side)", vc.with_selected(facets.actors, s["f_actors"]), key="f_actors",
                   placeholder="Any actor — type to search")
    sb.multiselect("Event type", vc.with_selected(EVENT_TYPES, s["f_types"]), key="f_types", placeholder="Any type")
    sb.multiselect("Sub-event type", vc.with_selected(vc.subtype_options(s["f_types"]), s["f_subtypes"]),
                   key="f_subtypes", placeholder="Any sub-type")
    districts = vc.district_options((p.name for p in gaz.districts()), facets.districts)
    sb.multiselect("District", vc.with_selected(districts, s["f_districts"]), key="f_districts",
                   placeholder="Any district (or click one on the map)")
    sb.multiselect("Geo precision", list(PRECISIONS), key="f_precisions", placeholder="Any precision",
                   format_func=lambda p: PRECISION_LABELS.get(p, str(p)))
    sb.number_input("Minimum fatalities", min_value=0, max_value=1_000_000, step=1, key="f_minfat")
    sb.text_input("Text in notes or place names", key="f_text", max_chars=200)
    sb.multiselect("Source", vc.with_selected(facets.sources, s["f_sources"]), key="f_sources",
                   placeholder="Any source")
    sb.button("Clear filters", on_click=clear_filters, icon=":material/filter_alt_off:", width="stretch")

    sb.subheader("Map")
    shades = {"events": "Events", "fatalities": "Fatalities", "damage": tr("Damage sites")}
    sb.radio("Shade districts by", SHADES, key="m_shade", horizontal=True, format_func=shades.get)
    for name, label in LAYER_LABELS.items():
        sb.checkbox(tr(label), key=f"m_layer_{name}",
                    help=tr("Buildings and roads seen damaged on satellite imagery: evidence of destruction, "
                            "not events. Shown when their imagery window overlaps the dates.")
                    if name == "damage" else None)
    sb.toggle("Coarsen locations (map and exports)", key="m_coarsen",
              help="Show every event at its district's representative point instead of where it happened: "
                   "on the map, in snapshots and in the CSV download (for sharing sensitive data).")
    sb.divider()
    sb.caption(ATTRIBUTION)
