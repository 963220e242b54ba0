"""The sidebar: the language, every filter, the map's shading and layers, and the data attribution."""
from __future__ import annotations

import streamlit as st

from dashboard import view_controls as vc
from dashboard.filters import SHADES
from dashboard.i18n import LANGUAGES, N_
from dashboard.schema import EVENT_TYPES, PRECISIONS

from .actor_filter import actor_filter
from .dates import date_controls
from .i18n import DIGITS_KEY, current_language, in_language, place_names, tr
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


def sidebar(facets, gaz) -> None:
    """Draw the sidebar; the widgets' values live in session state (see :mod:`ui.state`)."""
    sb, s = st.sidebar, st.session_state
    _language()
    sb.subheader(tr("Filters"))
    date_controls(facets)  # ui/dates.py
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
