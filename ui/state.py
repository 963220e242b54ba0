"""The view state: the page's link (query parameters) <-> the sidebar widgets (session state).

A session starts from the link; afterwards the widgets are the truth and the link follows them,
so the address bar is always a shareable link to the view.
"""
from __future__ import annotations

import streamlit as st

from dashboard import view_controls as vc
from dashboard.actor_terms import filter_values as actor_values
from dashboard.filters import DEFAULT_CENTER, DEFAULT_ZOOM, ViewState
from dashboard.i18n import LANGUAGES, N_, Message, t
from dashboard.share.caption import DEFAULT_TITLE
from dashboard.share.link import params_to_view, view_to_params

from .i18n import current_language

LAYER_LABELS = {
    "points": N_("Events at exact places (points)"), "areas": N_("Imprecise events (area halos)"),
    "heat": N_("Heat map"), "landmarks": N_("Cultural landmarks"), "tiles": N_("Web map tiles (needs network)"),
    "damage": N_("Damage sites (satellite evidence)"),
}
# The app's tabs (app.py), in order; ``TAB_KEY`` holds the open one's label.
TABS = (N_("Map"), N_("Timeline & top"), N_("Events table"), N_("Unresolved places"), N_("Upload"), N_("Share"))
TAB_KEY = "tab"
FILTER_DEFAULTS = {
    "f_range": vc.RANGE_ALL, "f_year": None, "f_custom": (), "f_actors": [], "f_types": [],
    "f_subtypes": [], "f_districts": [], "f_precisions": [], "f_minfat": 0, "f_text": "", "f_sources": [],
    "t_at": None, "t_playing": False,  # the time slider's window (ui/timeline.py)
}


def _link() -> dict[str, list[str]]:
    return {k: st.query_params.get_all(k) for k in st.query_params}


def init_state(facets, districts: list[str] | None = None) -> None:
    """First run of a session: the widgets start from the link's view (with notices);
    ``districts``: the district names a link may name."""
    if st.session_state.get("_ready"):
        return
    view, notices = params_to_view(_link(), districts=districts)
    if "tiles" in view.layers:  # a shared link should not reach out to the network unannounced
        notices.append(Message("This link switches on the online OpenStreetMap tiles: the map loads images from "
                               "tile.openstreetmap.org (switch them off under Map in the sidebar)."))
    st.session_state["_notices"] = notices
    choice, year = vc.range_choice_for(view, min_date=facets.min_date, max_date=facets.max_date)
    st.session_state.update({
        "f_range": choice, "f_year": year, "f_custom": tuple(d for d in (view.date_from, view.date_to) if d),
        "f_actors": actor_values(view), "f_types": list(view.event_types),
        "f_subtypes": list(view.sub_event_types), "f_districts": list(view.districts),
        "f_precisions": list(view.precisions), "f_minfat": view.min_fatalities, "f_text": view.text,
        "f_sources": list(view.sources), "m_shade": view.shade, "m_coarsen": view.coarsen,
        **{f"m_layer_{name}": name in view.layers for name in LAYER_LABELS},
        "live_view": (view.center, view.zoom), "lang": view.lang, "_ready": True, "t_step": view.step, "t_at": view.at,
    })
    if choice == vc.RANGE_CUSTOM and not (view.date_from and view.date_to):
        st.session_state["f_custom"] = (view.date_from or facets.min_date or view.date_to,
                                        view.date_to or facets.max_date or view.date_from)


def clear_filters() -> None:
    """Every filter back to its default (the map's view and layers stay)."""
    st.session_state.update(FILTER_DEFAULTS)


def apply_pending() -> None:
    """A district clicked on the map becomes the district filter (set before the widget exists)."""
    district = st.session_state.pop("_pending_district", None)
    if district:
        st.session_state["f_districts"] = [district]


def current_view() -> ViewState:
    """The view the widgets describe (dates as resolved by the sidebar, the map's live view)."""
    s = st.session_state
    center, zoom = s.get("live_view") or (DEFAULT_CENTER, DEFAULT_ZOOM)
    return ViewState(
        date_from=s["_dates"][0], date_to=s["_dates"][1], actors=s["f_actors"], event_types=s["f_types"],
        sub_event_types=s["f_subtypes"], districts=s["f_districts"], precisions=s["f_precisions"],
        min_fatalities=s["f_minfat"] or 0, text=s["f_text"], sources=s["f_sources"],
        center=center, zoom=zoom, layers=tuple(n for n in LAYER_LABELS if s.get(f"m_layer_{n}")),
        shade=s["m_shade"], coarsen=s["m_coarsen"], lang=current_language(), step=s.get("t_step") or "week",
        at=s.get("t_at"),
    )


def sync_link(view: ViewState) -> None:
    """Keep the address bar equal to the view (only written when it differs)."""
    wanted = view_to_params(view)
    norm = {k: v if isinstance(v, list) else [v] for k, v in wanted.items()}
    if _link() != norm:
        st.query_params.from_dict(wanted)


def link_language() -> None:
    """Before anything is drawn: the session's language from the link on its first run."""
    if "lang" not in st.session_state:
        lang = st.query_params.get("lang")
        st.session_state["lang"] = lang if lang in LANGUAGES else "en"


def follow_language(tab_key: str, tab_names: tuple[str, ...]) -> None:
    """Language switch callback: the open tab keeps its place (its label is now in the new language)
    and the snapshot title, while it is the default one, follows the language."""
    s = st.session_state
    if s.get("share_title") in {t(DEFAULT_TITLE, lang) for lang in LANGUAGES}:
        s["share_title"] = t(DEFAULT_TITLE, current_language())
    label = s.get(tab_key)
    for name in tab_names:
        if label in {t(name, lang) for lang in LANGUAGES}:
            s[tab_key] = t(name, current_language())
            return
