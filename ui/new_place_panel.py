"""A new place for an unresolved name: drop a pin or draw an area on a small map, then say
what it is (name, Arabic name, precision) and where the coordinates come from."""
from __future__ import annotations

import json

import streamlit as st
from streamlit_folium import st_folium

from dashboard.map.placing import drawn_shape, placing_map
from gazetteer import changes
from gazetteer.normalize import normalize

from . import resources as res
from .i18n import current_language, tr
from .place_changes import apply

MAP_HEIGHT = 420
PRECISIONS = (1, 2, 3)


def _precision_label(p: int) -> str:
    return {1: tr("1 · a place (a point or a small area)"), 2: tr("2 · an area of the city"),
            3: tr("3 · the whole city")}[p]


def _take_report(out: dict | None) -> None:
    """Keep the newest pin or area the map reported (a report seen before changes nothing)."""
    feat = (out or {}).get("last_active_drawing")
    seen = json.dumps(feat, sort_keys=True) if feat else None
    if seen == st.session_state.get("_u_seen"):
        return
    st.session_state["_u_seen"] = seen
    pin, area = drawn_shape(out)
    if pin is not None or area is not None:
        st.session_state["u_pin"], st.session_state["u_area"] = pin, area
        st.session_state["u_precision"] = 1 if pin is not None else 2


def new_place_panel(url: str | None, name: str, gaz, view_layers: tuple = ()) -> None:
    """The map and the form; saving adds the place (the name as an alias when they differ)."""
    st.caption(tr("Click the map to drop a pin, or draw an area with the polygon or rectangle tool "
                  "(top left). The grey outlines are the districts."))
    # The map's script must not change while the user works on it (streamlit-folium keys the
    # component by its script: a new script is a new, empty map whose reports start again), so
    # the pin or area shows as drawn in the browser, not rebuilt here; after a save, a new
    # generation starts an empty map.
    fmap = placing_map(gaz, tiles="tiles" in view_layers, lang=current_language(),
                       generation=st.session_state.get("_u_generation", 0))
    out = st_folium(fmap, key="u_map", height=MAP_HEIGHT, use_container_width=True,
                    returned_objects=["last_active_drawing"])
    _take_report(out)
    pin, area = st.session_state.get("u_pin"), st.session_state.get("u_area")
    if pin is not None:
        st.markdown(tr("Pin at {lat}, {lon}", lat=f"{pin[0]:.5f}", lon=f"{pin[1]:.5f}"))
    elif area is not None:
        st.markdown(tr("An area of {n} corners", n=max(len(_ring(area)) - 1, 0)))
    else:
        st.info(tr("No pin or area yet."))
    with st.form("u_new_place", clear_on_submit=False):
        new_name = st.text_input(tr("Name"), value=name, key=f"u_new_name:{name}", max_chars=200)
        name_ar = st.text_input(tr("Arabic name (optional)"), key=f"u_new_ar:{name}", max_chars=200)
        precision = st.selectbox(tr("Precision"), PRECISIONS, key="u_precision", format_func=_precision_label)
        source = st.text_area(tr("Source of the coordinates (required)"), key=f"u_new_source:{name}", max_chars=500,
                              placeholder=tr("e.g. the report's own map; a colleague who knows the area"))
        submitted = st.form_submit_button(tr("Add the place and re-geocode"), type="primary")
    if not submitted:
        return
    if pin is None and area is None:
        st.warning(tr("Drop a pin or draw an area on the map first."))
        return
    if not source.strip():
        st.warning(tr("Say where the coordinates come from: a place is never added without a source."))
        return
    aliases = [name] if normalize(name) != normalize(new_name) else []
    apply(url, changes.add_place, new_name, source=source, precision=int(precision or 1),
          lat=pin[0] if pin else None, lon=pin[1] if pin else None, area=area, name_ar=name_ar or None,
          aliases=aliases, name=new_name)
    for key in ("u_pin", "u_area"):
        st.session_state.pop(key, None)
    st.session_state["_u_generation"] = st.session_state.get("_u_generation", 0) + 1
    st.rerun()


def _ring(area: dict | None) -> list:
    if not area:
        return []
    coords = area.get("coordinates") or []
    return coords[0] if area.get("type") == "Polygon" else (coords[0][0] if coords else [])
