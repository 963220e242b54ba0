"""The sidebar: the language, every filter, the map's shading and layers, and the data attribution."""
from __future__ import annotations

from datetime import date

import streamlit as st

from dashboard import view_controls as vc
from dashboard.filters import SHADES
from dashboard.i18n import LANGUAGES, N_
from dashboard.schema import EVENT_TYPES, PRECISIONS

from .actor_filter import actor_filter
from .i18n import DIGITS_KEY, current_language, in_language, num, place_names, tr
from .messages import ATTRIBUTION
from .state import LAYER_LABELS, TAB_KEY, TABS, clear_filters, follow_language

PRECISION_LABELS = {1: N_("1 · the named place"), 2: N_("2 · near / part of the city"), 3: N_("3 · city only")}
SHADE_LABELS = {"events": N_("Events"), "fatalities": N_("Fatalities"), "damage": N_("Damage sites")}


def _language() -> None:
    """English / العربية (each in its own language), and the Arabic-Indic digits option."""
    sb = st.sidebar
    sb.radio(tr("Language"), list(LANGUAGES), key="lang", format_func=LANGUAGES.get, horizontal=True,
             on_change=follow_language, args=(TAB_KEY, TABS))
    if current_language() == "ar":
        sb.toggle(tr("Arabic-Indic digits (٠١٢٣)"), key=DIGITS_KEY)


def _dates(facets) -> None:
    """The date-range controls; the resolved (from, to) goes to ``st.session_state['_dates']``."""
    sb, s = st.sidebar, st.session_state
    sb.selectbox(tr("Dates"), vc.QUICK_RANGES, key="f_range", format_func=in_language(tr))
    choice = s["f_range"]
    custom = None
    if choice == vc.RANGE_YEAR:
        years = vc.data_years(facets.min_date, facets.max_date)
        if s.get("f_year") not in years:
            s["f_year"] = years[0] if years else None
        sb.selectbox(tr("Year"), years, key="f_year", format_func=in_language(lambda y: num(y, group=False)))
    elif choice == vc.RANGE_CUSTOM:
        if not s.get("f_custom"):
            s["f_custom"] = tuple(d for d in (facets.min_date, facets.max_date) if d)
        custom = sb.date_input(tr("From – to"), key="f_custom", min_value=date(1900, 1, 1),
                               max_value=date(2100, 12, 31), format="YYYY-MM-DD")
    dates = vc.quick_range(choice, min_date=facets.min_date, max_date=facets.max_date,
                           year=s.get("f_year"), custom=custom)
    s["_dates"] = dates
    if choice in (vc.RANGE_30, vc.RANGE_365, vc.RANGE_YEAR) and dates[0]:
        sb.caption(tr("{start} to {end}", start=dates[0], end=dates[1]))


def sidebar(facets, gaz) -> None:
    """Draw the sidebar; the widgets' values live in session state (see :mod:`ui.state`)."""
    sb, s = st.sidebar, st.session_state
    _language()
    sb.subheader(tr("Filters"))
    _dates(facets)
    actor_filter(facets.actors)  # sides and families first, then actors (ui/actor_filter.py)
    sb.multiselect(tr("Event type"), vc.with_selected(EVENT_TYPES, s["f_types"]), key="f_types",
                   placeholder=tr("Any type"), format_func=in_language(tr))
    sb.multiselect(tr("Sub-event type"), vc.with_selected(vc.subtype_options(s["f_types"]), s["f_subtypes"]),
                   key="f_subtypes", placeholder=tr("Any sub-type"), format_func=in_language(tr))
    districts = vc.district_options((p.name for p in gaz.districts()), facets.districts)
    names = place_names(gaz)
    sb.multiselect(tr("District"), vc.with_selected(districts, s["f_districts"]), key="f_districts",
                   placeholder=tr("Any district (or click one on the map)"), format_func=lambda d: names.get(d, d))
    sb.multiselect(tr("Geo precision"), list(PRECISIONS), key="f_precisions", placeholder=tr("Any precision"),
                   format_func=in_language(lambda p: tr(PRECISION_LABELS[p]) if p in PRECISION_LABELS else str(p)))
    sb.number_input(tr("Minimum fatalities"), min_value=0, max_value=1_000_000, step=1, key="f_minfat")
    sb.text_input(tr("Text in notes or place names"), key="f_text", max_chars=200)
    sb.multiselect(tr("Source"), vc.with_selected(facets.sources, s["f_sources"]), key="f_sources",
                   placeholder=tr("Any source"))
    sb.button(tr("Clear filters"), on_click=clear_filters, icon=":material/filter_alt_off:", width="stretch")

    sb.subheader(tr("Map"))
    sb.radio(tr("Shade districts by"), SHADES, key="m_shade", horizontal=True,
             format_func=in_language(lambda v: tr(SHADE_LABELS.get(v, v))))
    for name, label in LAYER_LABELS.items():
        sb.checkbox(tr(label), key=f"m_layer_{name}",
                    help=tr("Buildings and roads seen damaged on satellite imagery: evidence of destruction, "
                            "not events. Shown when their imagery window overlaps the dates.")
                    if name == "damage" else None)
    sb.toggle(tr("Coarsen locations (map and exports)"), key="m_coarsen",
              help=tr("Show every event at its district's representative point instead of where it happened: "
                      "on the map, in snapshots and in the CSV download (for sharing sensitive data)."))
    sb.divider()
    sb.caption(tr(ATTRIBUTION))
