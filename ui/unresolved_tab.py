"""The "Unresolved places" tab: names the gazetteer could not match; map one to a place, re-geocode."""
from __future__ import annotations

import streamlit as st

from gazetteer.aliases import append_alias

from . import resources as res


def unresolved_section(url: str | None, version: tuple, gaz) -> None:
    names = res.unresolved(url, version)
    if names.empty:
        st.success("Every place name in the store is resolved.")
        return
    st.caption(f"{len(names):,} place name{'s' if len(names) != 1 else ''} could not be matched to the gazetteer. "
               "Map one to a place "
               "and every event with that name is re-geocoded.")
    st.dataframe(names, hide_index=True, width="stretch", height=260)
    places = sorted(gaz.places.values(), key=lambda p: (p.name.casefold(), p.id))
    with st.form("alias_form"):
        counts = dict(zip(names["location"], names["events"]))
        name = st.selectbox("Unresolved name", list(counts), key="u_name",
                            format_func=lambda n: f"{n} ({counts[n]} event{'s' if counts[n] != 1 else ''})")
        place = st.selectbox("Gazetteer place", [p.id for p in places], key="u_place",
                             format_func=lambda i: f"{gaz.place(i).name} · {gaz.place(i).name_ar or ''} "
                                                   f"({gaz.place(i).kind}, {i})")
        if st.form_submit_button("Map name and re-geocode"):
            append_alias(res.alias_path(), name, place)
            changed = res.get_store(url).regeocode(res.reload_gazetteer())
            res.data_changed()
            st.session_state["_flash"] = (f"Mapped “{name}” to {gaz.place(place).name}: "
                                          f"{changed} event{'' if changed == 1 else 's'} re-geocoded.")
            st.rerun()
