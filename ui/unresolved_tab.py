"""The "Unresolved places" tab: names the gazetteer could not match; map one to a place, re-geocode."""
from __future__ import annotations

import streamlit as st

from dashboard.i18n import N_
from gazetteer.aliases import append_alias

from . import resources as res
from .i18n import current_language, in_language, num, tr

KIND_LABELS = {"neighbourhood": N_("neighbourhood"), "landmark-area": N_("landmark area"),
               "sub-area": N_("sub-area"), "landmark": N_("landmark"), "area": N_("area"), "city": N_("city"),
               "road": N_("road")}


def _events(n: int) -> str:
    return tr("1 event") if n == 1 else tr("{n} events", n=num(n))


def _place_label(place) -> str:
    """A gazetteer place in the picker: both names (Arabic first in Arabic), its kind and id."""
    names = [place.name, place.name_ar or ""]
    if current_language() == "ar":
        names.reverse()
    kind = tr(KIND_LABELS.get(place.kind, place.kind))
    return f"{' · '.join(n for n in names if n)} ({kind}, {place.id})"


def unresolved_section(url: str | None, version: tuple, gaz) -> None:
    names = res.unresolved(url, version)
    if names.empty:
        st.success(tr("Every place name in the store is resolved."))
        return
    n = len(names)
    st.caption((tr("1 place name could not be matched to the gazetteer.") if n == 1 else
                tr("{n} place names could not be matched to the gazetteer.", n=num(n))) + " "
               + tr("Map one to a place and every event with that name is re-geocoded."))
    shown = names if current_language() == "en" else names.rename(
        columns={"location": tr("Place as written"), "events": tr("Events")})
    st.dataframe(shown, hide_index=True, width="stretch", height=260)
    places = sorted(gaz.places.values(), key=lambda p: (p.name.casefold(), p.id))
    with st.form("alias_form"):
        counts = dict(zip(names["location"], names["events"]))
        name = st.selectbox(tr("Unresolved name"), list(counts), key="u_name",
                            format_func=in_language(lambda n: f"{n} ({_events(int(counts[n]))})"))
        place = st.selectbox(tr("Gazetteer place"), [p.id for p in places], key="u_place",
                             format_func=in_language(lambda i: _place_label(gaz.place(i))))
        if st.form_submit_button(tr("Map name and re-geocode")):
            append_alias(res.alias_path(), name, place)
            changed = res.get_store(url).regeocode(res.reload_gazetteer())
            res.data_changed()
            shown = gaz.place(place).name_ar if current_language() == "ar" and gaz.place(place).name_ar \
                else gaz.place(place).name
            st.session_state["_flash"] = (
                tr("Mapped “{name}” to {place}: 1 event re-geocoded.", name=name, place=shown) if changed == 1
                else tr("Mapped “{name}” to {place}: {n} events re-geocoded.", name=name, place=shown, n=num(changed)))
            st.rerun()
