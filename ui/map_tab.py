"""The map tab: the folium map in a fragment (panning reruns only the map, a district click the app)."""
from __future__ import annotations

import html
from dataclasses import replace

import streamlit as st
from streamlit_folium import st_folium

from dashboard import view_controls as vc
from dashboard.filters import ViewState
from dashboard.map import pages

from . import resources as res
from .i18n import current_language, tr
from .messages import ATTRIBUTION, md
from .state import sync_link
from .timeline import map_reported

MAP_HEIGHT = 620


def _anchor(view: ViewState) -> tuple[tuple[float, float], int]:
    """The (centre, zoom) the map is built at.

    The map is built at an "anchor" view: the live view at the moment its content (filters,
    layers, shading) last changed. While the user pans, the anchor and so the map script stay
    the same (no redraw); after a filter change the new map opens where the user was. The
    centre/zoom are not pushed back into st_folium: echoing the map's own reports back to it
    makes it oscillate between stale and new views.
    """
    content = (repr(view.filters_only()), view.layers, view.shade)
    anchor = st.session_state.get("_anchor")
    if not anchor or anchor[0] != content:
        anchor = (content, st.session_state.get("live_view") or (view.center, view.zoom))
        st.session_state["_anchor"] = anchor
    return anchor[1]


def _serve_rows(url: str | None, text) -> bool:
    """Write the older popup rows a map page asked for (see dashboard.map.pages); True when
    ``text`` was such a request."""
    req = pages.parse_request(text)
    if req is None:
        return False
    view = res.rows_view(req.token)
    if view is not None:
        pages.write_rows(res.get_store(url), view, req, res.rows_folder())
    return True


# Our own constant CSS. The map's frame is transparent until the map paints (its first load, and
# again on every filter change, when streamlit-folium loads the frame anew): the note below it then
# shows through, so the reader sees "Drawing the map…" and never a blank box.
WAIT_STYLE = f"""<style>
.st-key-map_box {{position: relative; z-index: 0; min-height: {MAP_HEIGHT}px;}}
.st-key-map_box [data-testid="stElementContainer"]:has(.aleppo-map-wait) {{
  position: absolute; top: 0; left: 0; right: 0; height: {MAP_HEIGHT}px; z-index: -1; margin: 0;}}
.aleppo-map-wait {{height: {MAP_HEIGHT}px; display: flex; align-items: center; justify-content: center; gap: .6rem;
  border: 1px solid rgba(128, 128, 128, .35); border-radius: .5rem; box-sizing: border-box;
  background: rgba(128, 128, 128, .08); font-size: 1rem; opacity: .85;}}
.aleppo-map-wait .aleppo-spin {{width: 1.1rem; height: 1.1rem; border-radius: 50%; border: 2px solid currentColor;
  border-right-color: transparent; animation: aleppo-spin 0.9s linear infinite;}}
@keyframes aleppo-spin {{to {{transform: rotate(360deg);}}}}
@media (prefers-reduced-motion: reduce) {{.aleppo-map-wait .aleppo-spin {{animation: none;}}}}
</style>"""


def _wait_note() -> str:
    """The "Drawing the map…" note that sits under the map's frame (our text, escaped)."""
    return (WAIT_STYLE + '<div class="aleppo-map-wait" role="status"><span class="aleppo-spin"></span>'
            + '<span class="aleppo-wait-text">' + html.escape(tr("Drawing the map…")) + "</span></div>")


def forget_anchor() -> None:
    """The map re-opens at the live view (called while its tab is closed)."""
    st.session_state.pop("_anchor", None)


@st.fragment
def map_section(url: str | None, version: tuple, view: ViewState, gaz, district_names: list[str]) -> None:
    """The map. Panning/zooming reruns only this fragment; a district click reruns the app."""
    center, zoom = _anchor(view)
    box = st.container(key="map_box")
    box.markdown(_wait_note(), unsafe_allow_html=True)  # under the map: seen whenever the map frame is blank
    with box:
        loading = st.empty()  # always there (empty once the map is built), so the map keeps its place in the page
        if st.session_state.get("map") is None:  # no map drawn yet in this session: say that one is coming
            with loading.container(height=MAP_HEIGHT, border=True), st.spinner(tr("Drawing the map…")):
                fmap = res.built_map(url, version, replace(view, center=center, zoom=zoom), gaz)
            loading.empty()
        else:  # a map is on screen: it stays (greyed by Streamlit) until the new one replaces it
            fmap = res.built_map(url, version, replace(view, center=center, zoom=zoom), gaz)
        out = st_folium(fmap, key="map", height=MAP_HEIGHT, use_container_width=True,
                        returned_objects=["last_active_drawing", "last_object_clicked", "last_object_clicked_tooltip",
                                          "center", "zoom"])
        map_reported()  # the time slider's player waits for each step's map
    live = vc.live_view(out)
    if _serve_rows(url, (out or {}).get("last_object_clicked_tooltip")):
        # A popup asked for older rows (a click report, not a district click): answered, nothing else.
        st.session_state["_last_click"] = (vc.clicked_district(out, district_names), str(out.get("last_object_clicked")))
    if live and not vc.same_view(live, st.session_state.get("live_view")):
        st.session_state["live_view"] = live
        sync_link(replace(view, center=live[0], zoom=live[1]))
    district = vc.clicked_district(out, district_names)
    click = (district, str((out or {}).get("last_object_clicked")))
    if district and click != st.session_state.get("_last_click"):
        st.session_state["_last_click"] = click
        if [district] != st.session_state.get("f_districts"):
            st.session_state["_pending_district"] = district
            st.rerun(scope="app")
    note = vc.unmapped_note(res.totals(url, version, view)[0], len(res.map_data(url, version, view)[0]),
                            current_language())
    st.caption((note + " " if note else "") + md(tr(ATTRIBUTION)))
